"""The valid brief the tests vary line by line, and the answers an author gives ``playbook new``."""

from __future__ import annotations

VALID_BRIEF = """\
---
title: Renewal-date extraction for in-house legal
status: exploring
owner: Dana Lee
updated: 2026-11-20
tags: [legal, extraction]
sufferer:
  who: In-house counsel at mid-size SaaS companies
  losing: 6 hours a week re-reading vendor contracts for renewal terms
  evidence:
    - 12 interviews; 9 named it a top-3 pain
pain:
  severity: 4
  frequency: weekly
  reach: 120
good_enough:
  when_wrong: A missed auto-renewal clause renews an unwanted contract
  error_cost: high
  catchability: moderate
  alternative: A paralegal reads every contract, 45 minutes each
  emotional_state: calm
model:
  accuracy: 0.93
  samples: 500
  measured_on: 500 real vendor contracts, hand-labelled
scope:
  problem: Extract the renewal date and notice period from vendor contracts
  workflow_steps: [upload, extract, verify, export]
  covered_steps: [upload, extract, verify, export]
related: []
---
Interviews and notes.
"""


def brief(*changes: tuple[str, str | None]) -> str:
    """Return VALID_BRIEF with whole lines swapped: ``brief(("  accuracy: 0.93", "  accuracy: 0.5"))``.

    The first of each pair is an exact line of VALID_BRIEF; a replacement of None deletes it,
    and a replacement may hold several lines.
    """
    lines = VALID_BRIEF.split("\n")
    for old, new in changes:
        index = lines.index(old)
        lines[index : index + 1] = [] if new is None else new.split("\n")
    return "\n".join(lines)


NEW_BRIEF_ANSWERS = {
    "  who:": "  who: Support agents at a 12-person shop",
    "  losing:": "  losing: 9 hours a week on refund replies",
    "  evidence:": "  evidence:\n    - 340 refund tickets a month",
    "  severity:": "  severity: 3",
    "  frequency:": "  frequency: daily",
    "  when_wrong:": "  when_wrong: A draft quotes the wrong amount",
    "  error_cost:": "  error_cost: low",
    "  catchability:": "  catchability: easy",
    "  alternative:": "  alternative: Typing each reply, 4 minutes",
    "  emotional_state:": "  emotional_state: calm",
    "  accuracy:": "  accuracy: 0.86",
    "  samples:": "  samples: 150",
    "  measured_on:": "  measured_on: 150 past tickets",
    "  problem:": "  problem: Draft the reply to a refund request",
    "  workflow_steps:": "  workflow_steps: [open, draft, send]",
    "  covered_steps:": "  covered_steps: [open, draft, send]",
}


def answer_new_brief(text: str) -> str:
    """Return a brief from ``playbook new`` with every required answer given, as an author would."""
    return "\n".join(NEW_BRIEF_ANSWERS.get(line, line) for line in text.split("\n"))


def line_of(text: str, fragment: str) -> int:
    """Return the 1-based number of the first line of ``text`` containing ``fragment``."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if fragment in line)
