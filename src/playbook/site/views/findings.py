"""What the site says about the criteria: each brief's checklist, the health summary, the rules
explained with their counts, and every diagnostic as a view."""

from __future__ import annotations

from collections import defaultdict

from playbook.diagnostics import Diagnostic, Severity
from playbook.lazyregex import regex
from playbook.load.config import Config
from playbook.load.model import Brief
from playbook.rules import RULES
from playbook.site.views.api import CheckView, DiagnosticView, HealthView, LinkView, PatternView, RuleView

CHECKLIST_CODES = [code for code in RULES if code in ("PB003", "PB007") or code >= "PB100"]
STATES = {
    Severity.ERROR: "failed",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
    Severity.ACCEPTED: "accepted",
}


class Findings:
    """The diagnostics a build shows, as the views templates read."""

    def __init__(
        self,
        config: Config,
        briefs: list[Brief],
        diagnostics: list[Diagnostic],
        by_path: dict[str, list[Diagnostic]],
        checklists: dict[tuple, tuple[CheckView, ...]],
    ):
        """``checklists`` keeps checklists by the findings they show, across versions of the site:
        briefs with the same findings (most have none) share one."""
        self.config = config
        self.briefs = briefs
        self.diagnostics = diagnostics
        self.by_path = by_path
        self.checklists = checklists
        self.codes = [code for code in CHECKLIST_CODES if config.severity(code) is not None]

    def checklist(self, brief: Brief, shown_fix: str = "") -> tuple[CheckView, ...]:
        """Return the criteria checklist of ``brief``; ``shown_fix``: a fix its page gives elsewhere
        (the levers' answer), which a finding with that fix then points to rather than repeats."""
        findings = tuple(self.by_path.get(brief.path, ()))
        key = (shown_fix, *((d.code, d.severity, d.message, d.hint, d.reason) for d in findings))
        checklist = self.checklists.get(key)
        if checklist is None:
            checklist = self.checklists[key] = self._make_checklist(findings, shown_fix)
        return checklist

    def _make_checklist(self, findings: tuple[Diagnostic, ...], shown_fix: str) -> tuple[CheckView, ...]:
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in findings:
            found[d.code].append(d)
        items = []
        for code in self.codes:
            rule = RULES[code]
            hits = found.get(code, [])
            state = "pass" if not hits else STATES[max(d.severity for d in hits)]
            items.append(
                CheckView(code, rule.name, rule.summary, state, tuple(_message(d, shown_fix) for d in hits))
            )
        return tuple(items)

    def health(self) -> HealthView:
        """Return the criteria health summary of the index page."""
        counts = {s: 0 for s in Severity}
        for d in self.diagnostics:
            counts[d.severity] += 1
        clean = sum(
            1
            for b in self.briefs
            if all(d.severity == Severity.ACCEPTED for d in self.by_path.get(b.path, ()))
        )
        top = tuple(sorted((r for r in self.rule_views() if r.count), key=lambda r: (-r.count, r.code))[:5])
        return HealthView(
            len(self.briefs),
            clean,
            counts[Severity.ERROR],
            counts[Severity.WARNING],
            counts[Severity.INFO],
            top,
            counts[Severity.ACCEPTED],
        )

    def rule_views(self) -> tuple[RuleView, ...]:
        """Return every rule explained, with its severity here and how often it fired."""
        counts: dict[str, int] = defaultdict(int)
        accepted: dict[str, int] = defaultdict(int)
        for d in self.diagnostics:
            if d.severity == Severity.ACCEPTED:
                accepted[d.code] += 1
            else:
                counts[d.code] += 1
        views = []
        for rule in sorted(RULES.values(), key=lambda r: r.code):
            severity = self.config.severity(rule.code)
            views.append(
                RuleView(
                    rule.code,
                    rule.name,
                    severity.label if severity else "off",
                    rule.summary,
                    rule.reason,
                    rule.fails,
                    rule.passes,
                    counts[rule.code],
                    accepted[rule.code],
                    rule.judges,
                    tuple(PatternView(*pattern) for pattern in rule.patterns),
                )
            )
        return tuple(views)

    def finding_counts(self) -> list[tuple[RuleView, int]]:
        """Return each rule that found something, with how many findings (accepted ones too)."""
        counts: dict[str, int] = defaultdict(int)
        for d in self.diagnostics:
            counts[d.code] += 1
        return [(rule, counts[rule.code]) for rule in self.rule_views() if counts[rule.code]]

    def by_rule(self) -> list[tuple[RuleView, tuple[DiagnosticView, ...]]]:
        """Return every rule with its diagnostics, each linked to its brief, in the order found."""
        found: dict[str, list[DiagnosticView]] = defaultdict(list)
        for view in self.diagnostic_views():
            found[view.code].append(view)
        return [(rule, tuple(found.get(rule.code, ()))) for rule in self.rule_views()]

    def diagnostic_views(self) -> tuple[DiagnosticView, ...]:
        """Return every diagnostic, with a link to its brief."""
        by_file = {b.path: b for b in self.briefs}
        views = []
        for d in self.diagnostics:
            brief = by_file.get(d.path)
            link = LinkView(brief.title, f"briefs/{brief.slug}/") if brief else None
            views.append(
                DiagnosticView(
                    d.path,
                    d.line,
                    d.column,
                    d.severity.label,
                    d.code,
                    d.name,
                    d.message,
                    d.hint,
                    link,
                    d.reason,
                    first_clause(d.message),
                )
            )
        return tuple(views)


CLAUSE_ENDS = regex(r", |; | — ")


def first_clause(message: str) -> str:
    """Return ``message`` up to its first comma, semicolon or dash, or "" when it has only one clause;
    a clause too short to stand alone (a few words) is kept with the next."""
    for found in CLAUSE_ENDS.finditer(message):
        if found.start() >= 24:
            return message[: found.start()]
    return ""


def _message(d: Diagnostic, shown_fix: str = "") -> str:
    """Return a finding as its checklist line: the message, then its fix (or, when the page gives
    that fix in its summary, where), or why it is accepted."""
    if d.severity == Severity.ACCEPTED:
        return f"{d.message} — accepted: {d.reason}"
    if shown_fix and d.hint == shown_fix:
        return f"{d.message} — what would make today's model good enough is in the summary above"
    return f"{d.message} — {d.hint}" if d.hint else d.message
