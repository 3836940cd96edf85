"""The criteria proper (PB007 and up): one small function per rule over one valid brief and its
derived numbers. What each rule is called, how severe it is and why it matters is declared in
the registry (``playbook/rules/``); this module only checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable, Iterator

from playbook.analysis.judgement import Verdict, Vocabulary, judge
from playbook.analysis.metrics import UNPROVEN, Levers, Metrics
from playbook.diagnostics import Diagnostic, quote
from playbook.load.config import CriteriaConfig
from playbook.load.model import Brief
from playbook.rules import RULES, diagnostic
from playbook.suggest import did_you_mean

SUGGESTIONS = 20  # did-you-means per brief and rule: each compares with every candidate
Check = Callable[["BriefContext"], Iterator[Diagnostic]]


@dataclass(frozen=True)
class BriefContext:
    """What a criterion sees: one valid brief, its numbers, the thresholds and the build date."""

    brief: Brief
    metrics: Metrics
    levers: Levers | None
    criteria: CriteriaConfig
    today: date

    def at(self, code: str, key: str, message: str, hint: str = "") -> Diagnostic:
        span = self.brief.span(key)
        return diagnostic(code, self.brief.path, span.position, message, hint, span.length)


CHECKS: dict[str, Check] = {}  # code -> check, in the registry's order once all are defined


def check(code: str):
    """Make the decorated function the check of rule ``code``, which the registry declares."""

    def decorate(function: Check) -> Check:
        assert code in RULES, f"{code} is not in the registry (playbook/rules/)"
        CHECKS[code] = function
        return function

    return decorate


STEPS = ("scope.workflow_steps", "scope.covered_steps", "scope.completeness")
# The fields each criterion reads, directly or through the numbers derived from them: on a brief
# with broken fields (``Brief.broken``) a criterion runs only when none of its fields is broken,
# and one not listed here does not run at all.
DEPENDS: dict[str, tuple[str, ...]] = {
    "PB007": STEPS,
    "PB101": ("sufferer.who", "sufferer.losing"),
    "PB102": ("sufferer.evidence",),
    "PB103": ("sufferer.losing",),
    "PB201": ("model.measured_on",),
    "PB202": ("good_enough", "model"),
    "PB203": ("good_enough", "model"),
    "PB204": ("model",),
    "PB301": STEPS,
    "PB302": ("scope.problem",),
    "PB303": ("scope.workflow_steps",),
    "PB401": ("updated",),
}


def check_brief(context: BriefContext) -> list[Diagnostic]:
    """Return every criterion's findings on one brief; on a brief with broken fields, those of
    the criteria that do not depend on them."""
    brief = context.brief
    found: list[Diagnostic] = []
    for code in RULES:
        function = CHECKS.get(code)
        if function is None:
            continue
        if brief.broken and (code not in DEPENDS or not brief.usable(DEPENDS[code])):
            continue
        found.extend(function(context))
    return found


@lru_cache(maxsize=1 << 16)
def _verdicts(field: str, text: str, vocabulary: Vocabulary) -> tuple[Verdict, ...]:
    return tuple(judge(field, text, vocabulary))


def prose_findings(c: "BriefContext", code: str, field: str) -> Iterator[Diagnostic]:
    """Yield rule ``code``'s findings on the prose ``field`` of the brief (see analysis/judgement)."""
    criteria = c.criteria
    vocabulary = Vocabulary(criteria.benchmarks, criteria.broad_scope, criteria.allow, criteria.broad_words)
    for verdict in _verdicts(field, c.brief.value(field), vocabulary):
        if verdict.code == code:
            yield c.at(code, field, verdict.message, HINTS[code])


HINTS = {
    "PB101": "name the people losing the most right now, and what they lose today",
    "PB103": "say how much: hours, money, a count or a share",
    "PB201": "measure on a labelled sample of the real work",
    "PB302": "cut it to the one problem you will solve completely: one job, one brief",
}


@check("PB007")
def steps_mismatch(c: BriefContext) -> Iterator[Diagnostic]:
    scope = c.brief.scope
    workflow = set(scope.workflow_steps)
    misses = 0
    for index, step in enumerate(scope.covered_steps):
        if step not in workflow:
            # A suggestion compares with every step: worth it for a typo, not for thousands of misses.
            misses += 1
            suggestion = did_you_mean(step, scope.workflow_steps) if misses <= SUGGESTIONS else ""
            yield c.at(
                "PB007",
                f"scope.covered_steps.{index}",
                f"covered step {quote(step)} is not one of the workflow steps",
                suggestion or "add it to scope.workflow_steps, or fix its spelling",
            )
    if scope.completeness is not None and scope.workflow_steps:
        from_steps = round(len(set(scope.covered_steps) & workflow) / len(workflow), 3)
        if abs(from_steps - scope.completeness) > 0.005:
            yield c.at(
                "PB007",
                "scope.completeness",
                f"completeness {scope.completeness:g} disagrees with the steps, which give {from_steps:g}",
                "give completeness one way: either the steps or the number",
            )


@check("PB101")
def hypothetical_sufferer(c: BriefContext) -> Iterator[Diagnostic]:
    for field in ("sufferer.who", "sufferer.losing"):
        yield from prose_findings(c, "PB101", field)


@check("PB102")
def no_evidence(c: BriefContext) -> Iterator[Diagnostic]:
    if not c.brief.sufferer.evidence:
        key = "sufferer.evidence" if c.brief.has("sufferer.evidence") else "sufferer"
        yield c.at("PB102", key, "sufferer.evidence is empty", "add interviews, tickets, spend or hours lost")


@check("PB103")
def unquantified_loss(c: BriefContext) -> Iterator[Diagnostic]:
    yield from prose_findings(c, "PB103", "sufferer.losing")


@check("PB201")
def benchmark_not_workflow(c: BriefContext) -> Iterator[Diagnostic]:
    yield from prose_findings(c, "PB201", "model.measured_on")


def _accuracy_key(c: BriefContext) -> str:
    return "model.eval" if c.brief.model.eval else "model.accuracy"


@check("PB202")
def model_gap(c: BriefContext) -> Iterator[Diagnostic]:
    m = c.metrics
    if m.fit >= 0:
        return
    hint = c.levers.hint() if c.levers is not None else "find a workflow where today's model is good enough"
    if m.model_accuracy >= m.required_accuracy:  # ranked on the low end (ranking.fit_on: lower_bound)
        message = (
            f"model accuracy {m.spread()}, below the {m.required_accuracy:.2f} this workflow needs "
            "at its low end, which this playbook ranks on (ranking.fit_on: lower_bound)"
        )
        if m.cases_needed:
            message += f"; about {m.cases_needed:,} cases at this accuracy would show it meets it"
    else:
        message = (
            f"model accuracy {m.model_accuracy:.2f} is below the {m.required_accuracy:.2f} "
            "this workflow needs"
        )
        if m.within_noise:
            message += (
                f", but on {m.samples:,} cases ({m.confidence:.0%}: "
                f"{m.accuracy_low:.2f}–{m.accuracy_high:.2f}) "
                "the gap is within the measurement's noise"
            )
            if m.cases_needed:
                message += f": about {m.cases_needed:,} cases at this accuracy would settle it"
    yield c.at("PB202", _accuracy_key(c), message, hint)


@check("PB203")
def unproven_fit(c: BriefContext) -> Iterator[Diagnostic]:
    m = c.metrics
    if m.verdict == UNPROVEN and m.fit >= 0:
        needed = f"; about {m.cases_needed:,} cases at this accuracy would show it" if m.cases_needed else ""
        yield c.at(
            "PB203",
            "model.samples" if c.brief.has("model.samples") else _accuracy_key(c),
            f"{m.spread()}, below the {m.required_accuracy:.2f} needed at its low end{needed}",
            "measure on more of the workflow's own cases"
            + (f" (about {m.cases_needed:,})" if m.cases_needed else ""),
        )


@check("PB204")
def unsized_measurement(c: BriefContext) -> Iterator[Diagnostic]:
    if c.metrics.samples is None:
        yield c.at(
            "PB204",
            "model.accuracy",
            f"model accuracy {c.metrics.model_accuracy:.2f} does not say how many cases it was measured on",
            "add model.samples: the number of labelled cases, or point model.eval at the graded cases",
        )


@check("PB301")
def partial_solution(c: BriefContext) -> Iterator[Diagnostic]:
    limit = c.criteria.partial_below
    if c.metrics.completeness < limit:
        key = "scope.completeness" if c.brief.has("scope.completeness") else "scope.covered_steps"
        yield c.at(
            "PB301",
            key,
            f"completeness {c.metrics.completeness:.2f} is below {limit:g}",
            "shrink the workflow to the steps you can cover completely",
        )


@check("PB302")
def broad_problem(c: BriefContext) -> Iterator[Diagnostic]:
    yield from prose_findings(c, "PB302", "scope.problem")


@check("PB303")
def long_workflow(c: BriefContext) -> Iterator[Diagnostic]:
    steps = len(c.brief.scope.workflow_steps)
    limit = c.criteria.long_steps
    if steps > limit:
        yield c.at(
            "PB303",
            "scope.workflow_steps",
            f"workflow has {steps} steps (over {limit})",
            "find the smaller problem inside it",
        )


@check("PB401")
def stale(c: BriefContext) -> Iterator[Diagnostic]:
    updated = c.brief.updated
    if updated is not None:
        age = (c.today - updated).days
        if age > c.criteria.stale_days:
            yield c.at(
                "PB401",
                "updated",
                f"last updated {age} days ago (over {c.criteria.stale_days})",
                "review the numbers and set updated to today",
            )
