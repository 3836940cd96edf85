"""The project's word on each finding: the severities of ``playbook.yaml`` (``rules:``), then what
each brief accepts (``accept:``). An accepted finding stays, with its reason, as severity
ACCEPTED; an acceptance whose rule no longer fires on its brief is itself a finding (PB402)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from playbook.diagnostics import Diagnostic
from playbook.load.config import Config
from playbook.load.model import Brief
from playbook.rules import RULES, diagnostic


def settle(diagnostics: Iterable[Diagnostic], briefs: Iterable[Brief], config: Config) -> list[Diagnostic]:
    """Return the diagnostics with the project's severities applied, the rules turned off
    dropped, the briefs' acceptances applied and their stale acceptances added, sorted."""
    accepts = {brief.path: dict(brief.accepted) for brief in briefs if brief.accepted}
    fired: dict[str, set[str]] = defaultdict(set)
    result = []
    for d in diagnostics:
        severity = config.severity(d.code)
        if severity is None:
            continue
        if severity != d.severity:
            d = d.with_severity(severity)
        reason = accepts.get(d.path, {}).get(d.code)
        if reason is not None:
            fired[d.path].add(d.code)
            d = d.accepted(reason)
        result.append(d)
    if accepts and config.severity("PB402") is not None:
        for brief in briefs:
            result.extend(_stale(brief, fired[brief.path], config))
    result.sort(key=Diagnostic.sort_key)
    return result


def _stale(brief: Brief, fired: set[str], config: Config) -> Iterable[Diagnostic]:
    for code, _ in brief.accepted:
        if (
            code in fired or config.severity(code) is None
        ):  # a rule turned off fires nowhere: nothing to decide
            continue
        span = brief.span(f"accept.{code}")
        found = diagnostic(
            "PB402",
            brief.path,
            span.position,
            f"accept.{code}: {code} {RULES[code].name} does not fire on this brief",
            "remove the acceptance: the finding it was written for is gone",
            span.length,
        )
        severity = config.severity("PB402")
        yield found if severity == found.severity else found.with_severity(severity)
