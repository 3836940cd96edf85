"""Shared fixtures: projects built from dicts, and a valid brief to mutate."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from playbook.cli.main import main

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def cache_key_home(tmp_path_factory, monkeypatch):
    """Keep the cache's signing key out of the real home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Point pytest-playwright at Debian's chromium; the machine has no network for its own."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


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
  measured_on: 200 real vendor contracts, hand-labelled
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


@pytest.fixture
def make_project(tmp_path: Path):
    """Return a function that writes a project from ``{"slug": text}`` briefs, pages and a config."""

    def make(
        briefs: dict[str, str | bytes] | None = None,
        pages: dict[str, str] | None = None,
        config: str | None = None,
    ) -> Path:
        root = tmp_path / "project"
        number = 1
        while root.exists():  # each call makes a new project
            number += 1
            root = tmp_path / f"project-{number}"
        (root / "content" / "briefs").mkdir(parents=True)
        for slug, text in (briefs or {}).items():
            target = root / "content" / "briefs" / f"{slug}.md"
            target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        for name, text in (pages or {}).items():
            target = root / "content" / f"{name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if config is not None:
            (root / "playbook.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
        return root

    return make


@pytest.fixture
def run():
    """Return a function running the CLI in-process: ``code, out, err = run("check", str(root))``."""

    def call(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return call


@pytest.fixture
def fixed_date(monkeypatch):
    """Judge every brief on tests.support.hostile.BUILD_EPOCH's date (PB401 must not depend on today):
    ``pytestmark = pytest.mark.usefixtures("fixed_date")`` in a module."""
    from tests.support.hostile import BUILD_EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
