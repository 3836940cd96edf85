"""The brief and page formats, declared once: validation, the model and ``playbook schema`` all read them."""

from __future__ import annotations

import math

from msgspec.structs import replace

from playbook.load.evals import PASS_FIELDS
from playbook.load.model import (
    CATCHABILITY,
    EMOTIONAL_STATES,
    ERROR_COSTS,
    FREQUENCIES,
    SLUG_MAX,
    SLUG_PATTERN,
    STATUSES,
    Brief,
    GoodEnough,
    ModelFacts,
    Page,
    Pain,
    Scope,
    Spans,
    Sufferer,
)
from playbook.load.readers.evaloptions import PassSpec, WhereSpec
from playbook.load.schema import Boolean, Choice, Day, Invalid, Number, Record, Table, Text, TextList
from playbook.rules import RULES

MAX_TAGS = 30
MAX_SAMPLES = 100_000_000
# A relative path with forward slashes, no empty, '.' or '..' part, ending in a known format.
EVAL_PATH = (
    r"""(?![/.])(?!.*//)(?!(?:.*/)?\.\.?(?:/|$))[^\x00-\x1f\\:*?"<>|]{1,250}\.(?:jsonl|csv|json|eval)"""
)
EVAL_FIELD = (
    r"\s*[^\s].{0,199}"  # a column or a dotted path: any text of one line (YAML's spaces are trimmed)
)
SLUG = Text(
    pattern=SLUG_PATTERN,
    pattern_help=f"a slug of lowercase letters, digits and single hyphens, like 'renewal-dates', "
    f"of at most {SLUG_MAX} characters and not a name Windows reserves (con, nul, aux, com1…)",
)

BRIEF = Record(
    description="An opportunity brief: who is losing the most now, what good enough means in their workflow, "
    "and how completely today's model can solve the smallest specific problem.",
    fields={
        "title": Text("The problem, in a few words.", required=True),
        "slug": Text(
            "Overrides the file name as the brief's address.",
            pattern=SLUG.pattern,
            pattern_help=SLUG.pattern_help,
        ),
        "status": Choice(
            "Where the brief stands. Only idea, exploring, validated and building are ranked.",
            values=STATUSES,
            default="idea",
        ),
        "owner": Text("Who keeps this brief true."),
        "updated": Day("When the numbers were last reviewed."),
        "draft": Boolean("Left out of the built site unless --drafts.", default=False),
        # Each tag makes a page listing its briefs with their tags: thousands of tags on one brief
        # would make thousands of pages each thousands of tags long.
        "tags": TextList("Topics this brief shares with others.", default=(), max_items=MAX_TAGS),
        "sufferer": Record(
            "Who is losing the most right now because the problem is unsolved?",
            required=True,
            fields={
                "who": Text("The people losing the most today — not who would use it.", required=True),
                "losing": Text(
                    "What they lose today, with a number: hours, money, customers.", required=True
                ),
                "evidence": TextList("Interviews, tickets, spend: what shows the loss is real.", default=()),
            },
        ),
        "pain": Record(
            "How much it hurts, and how often.",
            required=True,
            fields={
                "severity": Number(
                    "1 (mild annoyance) to 5 (they lose money, customers or sleep).",
                    required=True,
                    minimum=1,
                    maximum=5,
                    integer=True,
                ),
                "frequency": Choice("How often the loss happens.", required=True, values=FREQUENCIES),
                "reach": Number("How many people or accounts have it.", minimum=0, integer=True),
            },
        ),
        "good_enough": Record(
            "What good enough means, set by the workflow rather than a benchmark.",
            required=True,
            fields={
                "when_wrong": Text("What happens when the model is wrong.", required=True),
                "error_cost": Choice("What an error costs.", required=True, values=ERROR_COSTS),
                "catchability": Choice(
                    "How easy it is to catch and correct an error.", required=True, values=CATCHABILITY
                ),
                "alternative": Text("What the work looks like without AI.", required=True),
                "emotional_state": Choice(
                    "The user's state of mind when an error happens.", required=True, values=EMOTIONAL_STATES
                ),
                "required_accuracy": Number(
                    "Overrides the accuracy derived from the four answers above.",
                    minimum=0,
                    maximum=1,
                    percent=True,
                ),
            },
        ),
        "model": Record(
            "Today's model on this task: an accuracy with the cases behind it, "
            "or the evaluation file that gives both.",
            required=True,
            fields={
                "accuracy": Number('Measured accuracy, 0.88 or "88%".', minimum=0, maximum=1, percent=True),
                "samples": Number(
                    "How many labelled cases the accuracy was measured on.",
                    minimum=1,
                    maximum=MAX_SAMPLES,
                    integer=True,
                ),
                "eval": Text(
                    "The graded cases of the team's own evaluation, a path under content/ such as "
                    "evals/renewals.jsonl (JSON Lines or CSV; promptfoo's results, an Inspect AI log, "
                    "lm-eval's samples or a DeepEval test run as the tool wrote them), instead of accuracy "
                    "and samples.",
                    pattern=EVAL_PATH,
                    pattern_help="a relative path under content/ with forward slashes, "
                    "such as evals/renewals.jsonl, ending in .jsonl, .csv, .json or .eval",
                ),
                "eval_field": Text(
                    "The eval file's verdict or score: a column or a dotted path into each case "
                    "(gradingResult.pass, scores.correctness), an Inspect scorer or a DeepEval metric; by "
                    "default the tool's own verdict, or the first of " + ", ".join(PASS_FIELDS) + ".",
                    pattern=EVAL_FIELD,
                    pattern_help="a column name or a dotted path such as scores.correctness",
                ),
                "eval_pass": PassSpec(
                    'What passes, when the verdict is a score or a label: a threshold such as ">= 0.7" '
                    "(>=, >, <= or <; a number alone means >=), or the passing labels, such as [factual, "
                    "correct]."
                ),
                "eval_where": WhereSpec(
                    'Which rows are cases, in a file of one row per metric or per prompt: "metric == '
                    'correctness", tests of == or != joined by and.'
                ),
                "eval_slice": Text(
                    "A column or dotted path whose values group the cases into slices (doc_type, "
                    "metadata.region): each slice is counted on its own.",
                    pattern=EVAL_FIELD,
                    pattern_help="a column name or a dotted path such as metadata.region",
                ),
                "measured_on": Text("The workflow's own data it was measured on.", required=True),
            },
            one_of=(("accuracy",), ("eval",)),
            apart=(("accuracy", "eval"), ("samples", "eval")),
            needs=tuple(
                (option, "eval") for option in ("eval_field", "eval_pass", "eval_where", "eval_slice")
            ),
        ),
        "scope": Record(
            "The smallest specific problem, and how much of its workflow is covered.",
            required=True,
            fields={
                "problem": Text("One specific problem, in a sentence.", required=True),
                "workflow_steps": TextList("Every step of the workflow, in order."),
                "covered_steps": TextList("The steps the product does completely."),
                "completeness": Number(
                    "Share of the workflow covered, instead of steps.", minimum=0, maximum=1, percent=True
                ),
            },
            one_of=(("workflow_steps", "covered_steps"), ("completeness",)),
        ),
        "related": TextList("Slugs of related briefs.", default=(), item=SLUG),
        "accept": Table(
            "Findings this brief accepts, each with the reason: {PB202: "
            '"A person reviews every answer during the pilot"}. '
            "An accepted finding is still shown, but is not a warning and does not fail --strict.",
            keys=tuple(code for code, rule in RULES.items() if rule.acceptable),
            value=Text("Why the finding is accepted, and until when.", required=True),
            refused=tuple(code for code, rule in RULES.items() if not rule.acceptable),
            refused_why="cannot be accepted: a finding about the brief's format or "
            "links is fixed, not accepted",
            default={},
        ),
    },
)

PAGE = Record(
    description="A plain page of the playbook.",
    fields={
        "title": Text("The page title.", required=True),
        "description": Text("One sentence shown in listings and search results."),
        "slug": Text(
            "Overrides the file name as the page's address.",
            pattern=SLUG.pattern,
            pattern_help=SLUG.pattern_help,
        ),
        "draft": Boolean("Left out of the built site unless --drafts.", default=False),
    },
)


def brief_from_values(values: dict, *, path: str, stem: str, body: str, body_line: int, spans: dict) -> Brief:
    """Return the brief that validated ``values`` describe."""
    sufferer, pain, good, model, scope = (
        values[k] for k in ("sufferer", "pain", "good_enough", "model", "scope")
    )
    return Brief(
        slug=values.get("slug") or stem,
        path=path,
        title=values["title"],
        status=values["status"],
        owner=values.get("owner", ""),
        updated=values.get("updated"),
        tags=_unique(values["tags"]),
        sufferer=Sufferer(sufferer["who"], sufferer["losing"], sufferer["evidence"]),
        pain=Pain(pain["severity"], pain["frequency"], pain.get("reach")),
        good_enough=GoodEnough(
            good["when_wrong"],
            good["error_cost"],
            good["catchability"],
            good["alternative"],
            good["emotional_state"],
            good.get("required_accuracy"),
        ),
        model=ModelFacts(
            model.get("accuracy"),
            model["measured_on"],
            model.get("samples"),
            model.get("eval", ""),
            model.get("eval_field", ""),
            model.get("eval_pass", ""),
            model.get("eval_where", ""),
            model.get("eval_slice", ""),
        ),
        scope=Scope(
            scope["problem"],
            scope.get("workflow_steps", ()),
            scope.get("covered_steps", ()),
            scope.get("completeness"),
        ),
        related=_unique(values["related"]),
        accepted=tuple(sorted(values["accept"].items())),
        draft=values["draft"],
        body=body,
        body_line=body_line,
        spans=Spans(spans),
    )


def partial_brief(
    partial: dict, unfit: set[str], *, path: str, stem: str, body: str, body_line: int, spans: dict
) -> Brief:
    """Return the brief that the valid fields of ``partial`` describe (what a reading that failed
    could read), with a stand-in for each field that is broken or missing, and ``broken`` naming
    them and the ``unfit`` ones (valid alone, not together): checks that depend on a broken field
    are not run on it. It is never ranked or built."""
    values, broken = _stand_in(BRIEF, partial, "")
    broken |= unfit
    model = values["model"]
    if model.get("eval"):  # its evaluation file is read only for a valid brief: no numbers from it
        broken |= {"model.accuracy", "model.samples"}
    if "slug" in broken:
        values.pop("slug", None)
    brief = brief_from_values(values, path=path, stem=stem, body=body, body_line=body_line, spans=spans)
    return replace(brief, title=brief.title or stem, broken=tuple(sorted(broken)))


def _stand_in(spec: Record, partial: dict, prefix: str) -> tuple[dict, set[str]]:
    """Return ``partial`` with a stand-in for each required field that is broken or missing, the
    optional ones that are broken left out, and the dotted keys of all of them."""
    values: dict = {}
    broken: set[str] = set()
    for name, field_spec in spec.fields.items():
        key = prefix + name
        value = partial.get(name)
        if isinstance(field_spec, Record):
            inner = value.partial if isinstance(value, Invalid) else value
            values[name], found = _stand_in(field_spec, inner if isinstance(inner, dict) else {}, key + ".")
            if value is None:
                found.add(key)  # not written at all: nothing in it is an answer
            elif isinstance(value, Invalid):
                found = found or {key}  # it failed as a whole: fields not given together, say
            broken |= found
        elif value is Invalid or isinstance(value, Invalid) or (value is None and field_spec.required):
            broken.add(key)
            if field_spec.required:
                values[name] = _placeholder(field_spec)
            elif field_spec.default is not None:
                values[name] = field_spec.default
        elif value is not None:
            values[name] = value
        elif field_spec.default is not None:
            values[name] = field_spec.default
    return values, broken


def _placeholder(spec) -> object:
    """Return a value of a required field's type, standing in for one that is broken or missing."""
    if isinstance(spec, Choice):
        return spec.values[0]
    if isinstance(spec, Number):
        low = spec.minimum if math.isfinite(spec.minimum) else 0
        return int(low) if spec.integer else float(low)
    return ""


def page_from_values(values: dict, *, path: str, stem: str, body: str, body_line: int) -> Page:
    """Return the plain page that validated ``values`` describe."""
    return Page(
        values.get("slug") or stem,
        path,
        values["title"],
        values.get("description", ""),
        body,
        body_line,
        values["draft"],
    )


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
