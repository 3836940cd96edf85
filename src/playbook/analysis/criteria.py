"""The criteria proper (PB007 and up): one small function per rule over one valid brief and its
derived numbers. What each rule is called, how severe it is and why it matters is declared in
the registry (``playbook/rules/``); this module only checks."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Callable, Iterator

from msgspec import Struct

from playbook.analysis.judgement import Verdict, Vocabulary, judge
from playbook.analysis.judgement.samples import stated_counts
from playbook.analysis.metrics import MODEL_GAP, UNPROVEN, Levers, Metrics
from playbook.analysis.slices import PROVEN, TOO_SMALL, SliceMetrics
from playbook.diagnostics import Diagnostic, quote
from playbook.load.config import CriteriaConfig
from playbook.load.model import Brief
from playbook.rules import RULES, diagnostic
from playbook.suggest import did_you_mean

SUGGESTIONS = 20  # did-you-means per brief and rule: each compares with every candidate
Check = Callable[["BriefContext"], Iterator[Diagnostic]]


class BriefContext(Struct, frozen=True):
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
    m = c.metrics
    counts = stated_counts(c.brief.model.measured_on)
    # Of the counts measured_on states, the cases are the most: "60 launches, rated by 3 marketers".
    count, words = max(counts) if counts else (0, "")
    if m.samples is None and counts:
        yield c.at(
            "PB204",
            "model.accuracy",
            f"model accuracy {m.model_accuracy:.2f} was measured on {words}, as measured_on says, "
            "but model.samples does not give the number, so how sure it is cannot be told",
            f"add samples: {count} (if {count:,} is the number of graded cases)",
        )
    elif m.samples is None:
        yield c.at(
            "PB204",
            "model.accuracy",
            f"model accuracy {m.model_accuracy:.2f} does not say how many cases it was measured on",
            "add model.samples: the number of labelled cases, or point model.eval at the graded cases",
        )
    elif counts and m.samples not in {number for number, _ in counts}:
        if m.eval:
            where, said = "model.measured_on", f"the evaluation file grades {m.samples:,} cases"
            hint = f"make measured_on say the {m.samples:,} cases the file grades"
        else:
            where, said = "model.samples", f"model.samples says {m.samples:,} cases"
            hint = "make them agree: samples is the number of graded cases"
        yield c.at("PB204", where, f"{said} but measured_on says {words}: which is the number graded?", hint)


@check("PB205")
def ready_slice(c: BriefContext) -> Iterator[Diagnostic]:
    m = c.metrics
    ready = [one for one in m.slices if one.verdict == PROVEN]
    if not ready or (m.tier != MODEL_GAP and m.verdict != UNPROVEN):
        return
    rest = [one for one in m.slices if one.verdict not in (PROVEN, TOO_SMALL)]
    field = c.brief.model.eval_slice
    them = "it" if len(ready) == 1 else "those two" if len(ready) == 2 else f"those {len(ready)}"
    shown = ready[:NAMED]
    message = (
        f"ready today for {field} {_names(ready)} ({_listed([f'{one.accuracy:.2f}' for one in shown])} "
        f"on {sum(one.cases for one in ready):,} cases, at least "
        f"{_listed([f'{one.lower:.2f}' for one in shown])} at {m.confidence:.0%}; "
        f"the workflow needs {m.required_accuracy:.2f})"
    )
    if rest:
        message += f", not for {_names(rest)} ({_listed([f'{one.accuracy:.2f}' for one in rest[:NAMED]])})"
    yield c.at(
        "PB205",
        "model.eval_slice",
        f"{message}: a brief scoped to {them} is ready now",
        f"narrow scope.problem to {field} {_names(ready)}, and keep the rest in a brief of its own",
    )


NAMED = 5  # slices named in a finding; the page and the JSON have them all


def _names(slices: list[SliceMetrics]) -> str:
    more = len(slices) - NAMED
    return _listed([quote(one.slice, 40) for one in slices[:NAMED]] + ([f"{more} more"] if more > 0 else []))


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
