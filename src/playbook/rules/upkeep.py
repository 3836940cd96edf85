"""The rules about keeping a brief current (PB401–PB402): updated recently, and no acceptance
left behind once its finding is gone."""

from __future__ import annotations

from playbook.diagnostics import Severity
from playbook.rules.rule import Rule

DECLARED = (
    Rule(
        "PB401",
        "stale",
        Severity.INFO,
        "The brief was updated recently.",
        "Pain moves and models improve. A brief nobody has touched in half a year may rank a problem "
        "that is solved, or miss that today's model has become good enough.",
        fails="updated: 2025-01-10 (over 180 days ago)",
        passes="updated: 2026-11-20",
    ),
    Rule(
        "PB402",
        "stale-acceptance",
        Severity.WARNING,
        "Every accepted finding still fires.",
        "An acceptance is a decision about a finding, with its reason. Once the finding is gone, the "
        "acceptance only hides the next one of that rule, which nobody has decided about: remove it.",
        fails='accept: {PB202: "reviewed by hand"} on a brief whose model is good enough',
        passes='accept: {PB202: "a person reviews every answer during the pilot"} while PB202 fires',
    ),
)
