"""The criteria as a registry of rules: code, name, default severity, reason and check, in one place.

Structural rules (PB001–PB006) are reported by the stage that meets the problem — the reader,
the schema, the link graph — through :func:`diagnostic`. The criteria proper (PB007 and up) are
small functions over one brief and its derived metrics, registered with :func:`rule`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterator

from playbook.diagnostics import Diagnostic, Position, Severity, quote
from playbook.suggest import did_you_mean

if TYPE_CHECKING:
    from playbook.config import CriteriaConfig
    from playbook.metrics import Levers, Metrics
    from playbook.model import Brief

Check = Callable[["BriefContext"], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """One criterion: what it is called, how bad it is by default, why it matters, how to pass it."""

    code: str
    name: str
    severity: Severity
    summary: str
    reason: str
    fails: str = ""
    passes: str = ""
    check: Check | None = field(default=None, compare=False, repr=False)
    fatal: bool = False  # a brief that fails it cannot be analysed further, so it cannot be lowered


RULES: dict[str, Rule] = {}
SUGGESTIONS = 20  # did-you-means per brief and rule: each compares with every candidate


def register(rule: Rule) -> Rule:
    RULES[rule.code] = rule
    return rule


def diagnostic(code: str, path: str, where: Position, message: str, hint: str = "", length: int = 1) -> Diagnostic:
    """Return a diagnostic of rule ``code`` at ``where`` with the rule's default severity."""
    rule = RULES[code]
    return Diagnostic(path, where.line, where.column, rule.severity, code, rule.name, message, hint, max(1, length))


@dataclass(frozen=True)
class BriefContext:
    """What a criterion sees: one valid brief, its numbers, the thresholds and the build date."""

    brief: "Brief"
    metrics: "Metrics"
    levers: "Levers | None"
    criteria: "CriteriaConfig"
    today: date

    def at(self, code: str, key: str, message: str, hint: str = "") -> Diagnostic:
        span = self.brief.span(key)
        return diagnostic(code, self.brief.path, span.position, message, hint, span.length)


def rule(code: str, name: str, severity: Severity, summary: str, reason: str, *, fails: str = "", passes: str = ""):
    """Register the decorated function as the check of a criterion."""

    def decorate(check: Check) -> Check:
        register(Rule(code, name, severity, summary, reason, fails, passes, check))
        return check

    return decorate


def check_brief(context: BriefContext) -> list[Diagnostic]:
    """Return every criterion's findings on one valid brief."""
    found: list[Diagnostic] = []
    for entry in RULES.values():
        if entry.check is not None:
            found.extend(entry.check(context))
    return found


# --- Structural rules, reported by the stages that meet them ------------------------------------

register(Rule(
    "PB001", "front-matter", Severity.ERROR,
    "The file has readable YAML front matter that is a mapping.",
    "A brief is data before it is prose: without front matter that parses, nothing in it can be "
    "checked, derived or ranked. The file must be UTF-8, start with a line '---', and close the "
    "front matter with another '---' line.",
    fails="title: No opening line\n---\nBody", passes="---\ntitle: An opening line\n---\nBody",
    fatal=True,
))
register(Rule(
    "PB002", "schema", Severity.ERROR,
    "Every required field is present, with the right type, in range, with an allowed value.",
    "The criteria need their answers. A brief that does not say who is losing, what an error "
    "costs or how accurate the model is today cannot be judged, only hoped about.",
    fails="pain:\n  severity: 7", passes="pain:\n  severity: 4\n  frequency: weekly",
    fatal=True,
))
register(Rule(
    "PB003", "unknown-field", Severity.WARNING,
    "Every key is one the schema knows.",
    "An unknown key is usually a typo of a known one, and a typo silently drops an answer: "
    "'catchabilty: hard' leaves the workflow's real difficulty out of the threshold.",
    fails="good_enough:\n  catchabilty: hard", passes="good_enough:\n  catchability: hard",
))
register(Rule(
    "PB004", "duplicate-key", Severity.ERROR,
    "No key is given twice in one mapping.",
    "YAML quietly keeps the last of two equal keys, so one of two answers is lost without a word. "
    "The brief must say one thing.",
    fails="status: idea\nstatus: building", passes="status: building",
))
register(Rule(
    "PB005", "duplicate-slug", Severity.ERROR,
    "Every brief has its own slug.",
    "The slug is the brief's address and the name other briefs link by; two briefs under one "
    "name would overwrite each other's page and make every link to them ambiguous.",
    fails="two files both saying slug: contract-review", passes="slug: contract-review-emea",
    fatal=True,
))
register(Rule(
    "PB006", "broken-link", Severity.ERROR,
    "Every related slug and every [[slug]] in the body names a brief.",
    "Problems rarely stand alone; the links between briefs are how a team sees which sufferer "
    "or workflow keeps coming back. A link to nothing breaks that map.",
    fails="related: [vendor-risk]", passes="related: [vendor-risk-triage]",
))

# --- The criteria: one small function each ----------------------------------------------------------

HYPOTHETICAL = re.compile(
    r"\b(would|could|might)\b|\bpotential(ly)?\b|\bprospective\b"
    r"|\b(future|possible|hypothetical)\s+(users?|customers?|buyers?|teams?)\b"
    r"|\b(every(one|body)|anyone|anybody)\b|\ball\s+(users|teams|companies|businesses)\b",
    re.IGNORECASE,
)
QUANTITY = re.compile(r"\d|%|\$|€|£|¥|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|hundred|thousand|million|half|twice|double)\b", re.IGNORECASE)
BENCHMARKS = re.compile(
    r"\bpublic\s+(?:benchmark|data\s*set|dataset|eval(?:uation)?)s?\b|\b(leaderboards?|mmlu|hellaswag|gsm-?8k|humaneval|swe-?bench|big-?bench|arc-(?:agi|challenge|easy)"
    r"|truthfulqa|lmsys|chatbot arena|lm arena|superglue|winogrande|mt-?bench|gpqa|math-500|aime)\b",
    re.IGNORECASE,
)
BUNDLED = re.compile(r";|\band also\b|\bas well as\b|\bplus\b|\band then\b", re.IGNORECASE)


@rule(
    "PB007", "steps-mismatch", Severity.ERROR,
    "Covered steps are workflow steps, and completeness given both ways agrees.",
    "Completeness is the share of the workflow the product covers end to end. A covered step that "
    "is not in the workflow, or a completeness that contradicts the steps, makes that share fiction.",
    fails="workflow_steps: [upload, extract]\ncovered_steps: [upload, review]",
    passes="workflow_steps: [upload, extract, review]\ncovered_steps: [upload, extract]",
)
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
                "PB007", f"scope.covered_steps.{index}",
                f"covered step {quote(step)} is not one of the workflow steps",
                suggestion or "add it to scope.workflow_steps, or fix its spelling",
            )
    if scope.completeness is not None and scope.workflow_steps:
        from_steps = round(len(set(scope.covered_steps) & workflow) / len(workflow), 3)
        if abs(from_steps - scope.completeness) > 0.005:
            yield c.at(
                "PB007", "scope.completeness",
                f"completeness {scope.completeness:g} disagrees with the steps, which give {from_steps:g}",
                "give completeness one way: either the steps or the number",
            )


@rule(
    "PB101", "hypothetical-sufferer", Severity.WARNING,
    "The sufferer is someone losing now, not someone who would use it.",
    "Who *would* use a product is a guess about the future; who is losing the most *right now* is "
    "a fact you can interview. Only people with the problem today can tell you what good enough means.",
    fails="who: Sales teams who would use an AI assistant",
    passes="who: Account executives at 20-person B2B agencies",
)
def hypothetical_sufferer(c: BriefContext) -> Iterator[Diagnostic]:
    for key in ("sufferer.who", "sufferer.losing"):
        text = c.brief.value(key)
        match = HYPOTHETICAL.search(text)
        if match:
            yield c.at(
                "PB101", key,
                f"{key.split('.')[1]} speaks of a hypothetical sufferer ({quote(match.group(0))})",
                "name the people losing the most right now, and what they lose today",
            )


@rule(
    "PB102", "no-evidence", Severity.WARNING,
    "The sufferer's loss is backed by evidence.",
    "Interviews, tickets, spend and hours are what separate a real loss from a plausible story. "
    "Without evidence, the pain score is an opinion.",
    fails="evidence: []", passes="evidence:\n  - 12 interviews; 9 named it a top-3 pain",
)
def no_evidence(c: BriefContext) -> Iterator[Diagnostic]:
    if not c.brief.sufferer.evidence:
        key = "sufferer.evidence" if c.brief.has("sufferer.evidence") else "sufferer"
        yield c.at("PB102", key, "sufferer.evidence is empty", "add interviews, tickets, spend or hours lost")


@rule(
    "PB103", "unquantified-loss", Severity.INFO,
    "The loss has a number: hours, money, a count or a share.",
    "A number makes the loss comparable across briefs and checkable later: '6 hours a week' can be "
    "measured again after launch, 'a lot of time' cannot.",
    fails="losing: Time re-reading contracts", passes="losing: 6 hours a week re-reading contracts",
)
def unquantified_loss(c: BriefContext) -> Iterator[Diagnostic]:
    if not QUANTITY.search(c.brief.sufferer.losing):
        yield c.at("PB103", "sufferer.losing", "losing has no number in it", "say how much: hours, money, a count or a share")


@rule(
    "PB201", "benchmark-not-workflow", Severity.WARNING,
    "Model accuracy is measured on the workflow's own data.",
    "Good enough is set by the workflow, not by a benchmark. A leaderboard score says little about "
    "your documents, your users and your edge cases; measure on a sample of the real work.",
    fails="measured_on: MMLU and the public leaderboard",
    passes="measured_on: 200 real vendor contracts, hand-labelled",
)
def benchmark_not_workflow(c: BriefContext) -> Iterator[Diagnostic]:
    match = BENCHMARKS.search(c.brief.model.measured_on)
    if match:
        yield c.at(
            "PB201", "model.measured_on",
            f"measured_on names a public benchmark ({quote(match.group(0))}), not the workflow's own data",
            "measure on a labelled sample of the real work",
        )


@rule(
    "PB202", "model-gap", Severity.WARNING,
    "Today's model is accurate enough for this workflow.",
    "A plan that only works once the model improves is the model-gap trap. Either change the "
    "workflow until today's model is good enough (the levers), or pick a problem where it already is.",
    fails="error_cost: high, catchability: hard, emotional_state: stressed, accuracy: 0.85 (needs 0.97)",
    passes="error_cost: low, catchability: easy, emotional_state: calm, accuracy: 0.85 (needs 0.65)",
)
def model_gap(c: BriefContext) -> Iterator[Diagnostic]:
    m = c.metrics
    if m.fit < 0:
        hint = c.levers.hint() if c.levers is not None else "find a workflow where today's model is good enough"
        yield c.at(
            "PB202", "model.accuracy",
            f"model accuracy {m.model_accuracy:.2f} is below the {m.required_accuracy:.2f} this workflow needs",
            hint,
        )


@rule(
    "PB301", "partial-solution", Severity.WARNING,
    "The product covers most of the workflow.",
    "A complete solution to a small problem beats a partial solution to a big one: users still do "
    "the uncovered steps by hand, so half a workflow saves far less than half the pain.",
    fails="workflow_steps: [a, b, c, d, e]\ncovered_steps: [a, b]",
    passes="workflow_steps: [a, b, c]\ncovered_steps: [a, b, c]",
)
def partial_solution(c: BriefContext) -> Iterator[Diagnostic]:
    limit = c.criteria.partial_below
    if c.metrics.completeness < limit:
        key = "scope.completeness" if c.brief.has("scope.completeness") else "scope.covered_steps"
        yield c.at(
            "PB301", key,
            f"completeness {c.metrics.completeness:.2f} is below {limit:g}",
            "shrink the workflow to the steps you can cover completely",
        )


@rule(
    "PB302", "broad-problem", Severity.INFO,
    "The problem is small and specific.",
    "Pick the smallest, most specific problem you can solve completely. A problem that takes a "
    "paragraph, or bundles several, is a roadmap rather than a problem.",
    fails="problem: Automate contract review; also redlining; plus negotiation",
    passes="problem: Extract the renewal date and notice period from vendor contracts",
)
def broad_problem(c: BriefContext) -> Iterator[Diagnostic]:
    problem = c.brief.scope.problem
    words = len(problem.split())
    limit = c.criteria.broad_words
    if words > limit:
        yield c.at("PB302", "scope.problem", f"problem is {words} words long (over {limit})", "cut it to the one problem you will solve completely")
    elif BUNDLED.search(problem):
        yield c.at("PB302", "scope.problem", "problem bundles several problems", "split it into one brief per problem")


@rule(
    "PB303", "long-workflow", Severity.INFO,
    "The workflow has few steps.",
    "Every step is a place to fall short of complete. A long workflow usually hides several "
    "problems; the smallest one worth solving is inside it.",
    fails="workflow_steps: [a, b, c, d, e, f, g, h]", passes="workflow_steps: [upload, extract, verify, export]",
)
def long_workflow(c: BriefContext) -> Iterator[Diagnostic]:
    steps = len(c.brief.scope.workflow_steps)
    limit = c.criteria.long_steps
    if steps > limit:
        yield c.at("PB303", "scope.workflow_steps", f"workflow has {steps} steps (over {limit})", "find the smaller problem inside it")


@rule(
    "PB401", "stale", Severity.INFO,
    "The brief was updated recently.",
    "Pain moves and models improve. A brief nobody has touched in half a year may rank a problem "
    "that is solved, or miss that today's model has become good enough.",
    fails="updated: 2025-01-10 (over 180 days ago)", passes="updated: 2026-11-20",
)
def stale(c: BriefContext) -> Iterator[Diagnostic]:
    updated = c.brief.updated
    if updated is not None:
        age = (c.today - updated).days
        if age > c.criteria.stale_days:
            yield c.at("PB401", "updated", f"last updated {age} days ago (over {c.criteria.stale_days})", "review the numbers and set updated to today")
