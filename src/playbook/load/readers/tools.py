"""What each evaluation tool's cases mean: where a case's verdict is, which cases the tool recorded
as errors (not failures), what a case is called in a message, and what one file may measure
several of at once (promptfoo's prompts and providers, lm-eval's filters, a long table's metrics),
which a brief must choose between with ``eval_where`` rather than have them mixed into one number.

A case is anything with ``get(path)``: a row of JSON Lines or CSV, or the values picked from one
case of a streamed document. Each tool is one small class; a reader picks the tool from the file's
content, never from its name alone.
"""

from __future__ import annotations

from typing import Protocol

from playbook.load.readers.evaloptions import MISSING, Container, EvalOptions, as_text

PASS_FIELDS = ("correct", "pass", "passed", "success", "score")
# A long table's column naming what each row measures: one case a row per metric. ("evaluator"
# and "scorer" are left out: in a table graded by people they name the person.)
METRIC_FIELDS = ("metric", "metric_name")


class Case(Protocol):
    def get(self, path: str) -> object:
        """Return the value at ``path`` (a key, or a dotted path of keys), or MISSING."""

    def paths(self) -> list[str]:
        """Return the fields this case has, to suggest one when a brief names a missing field."""


class RowCase:
    """A parsed row: a key is looked up as written first (``feedback.correctness`` is one CSV
    column), then as a dotted path into nested objects (``gradingResult.pass``)."""

    __slots__ = ("row",)

    def __init__(self, row: dict):
        self.row = row

    def get(self, path: str) -> object:
        value = self.row.get(path, MISSING)
        if value is MISSING and "." in path:
            value = self.row
            for part in path.split("."):
                if not isinstance(value, dict) or part not in value:
                    return MISSING
                value = value[part]
        return (
            Container("mapping" if isinstance(value, dict) else "list")
            if isinstance(value, (dict, list))
            else value
        )

    def paths(self) -> list[str]:
        found: list[str] = []
        stack = [("", self.row)]
        while stack and len(found) < 64:
            prefix, mapping = stack.pop(0)
            for key, value in list(mapping.items())[:64]:
                found.append(prefix + str(key))
                if isinstance(value, dict):
                    stack.append((f"{prefix}{key}.", value))
        return found


class Tool:
    """Generic graded rows (JSON Lines, CSV, a JSON array, an MLflow table): the verdict is the
    field the brief names or the first of PASS_FIELDS a case has; a row per metric is refused
    unless eval_where picks the metric."""

    kind = "rows"
    letters = False  # Inspect AI's C, I, P and N
    defaults: tuple[str, ...] = PASS_FIELDS
    extra_paths: tuple[str, ...] = METRIC_FIELDS
    unscored: tuple[str, str] | None = None  # the message and hint when no case has a verdict

    def __init__(self, kind: str = ""):
        self.kind = kind or self.kind
        self.metric_field: str | None = None  # a long table's metric column, once a case is seen

    def default_field(self, case: Case) -> str:
        """Return the verdict's field when the brief names none, or "" if the case has none."""
        return next((name for name in self.defaults if case.get(name) is not MISSING), "")

    def paths(self, named: set[str]) -> set[str]:
        """Return every path of a case this tool reads: the ``named`` ones, and its own."""
        return {*named, *self.defaults, *self.extra_paths} - {""}

    def get(self, case: Case, path: str) -> object:
        return case.get(path)

    def value(self, case: Case, field: str, options: EvalOptions) -> object:
        """Return the raw verdict or score of a case."""
        return case.get(field)

    def errored(self, case: Case, field: str) -> bool:
        """Return whether the tool recorded the case as an error: no verdict, not a failure."""
        return False

    def variant(self, case: Case) -> str | None:
        """Return which of several things measured at once the case belongs to, if any: for rows,
        the value of the metric column the first case has (a table's columns are the same in
        every row)."""
        if self.metric_field is None:
            self.metric_field = next((name for name in METRIC_FIELDS if case.get(name) is not MISSING), "")
        found = case.get(self.metric_field) if self.metric_field else MISSING
        return as_text(found) if found is not MISSING and not isinstance(found, Container) else None

    def several(self, variants: list[str]) -> tuple[str, str]:
        """Return the message and hint for a file that measures several things at once."""
        name = self.metric_field
        return (
            f"the rows measure {len(variants)} metrics in the column {name} ({_listed(variants)}): "
            "one case a row per metric",
            f'pick one with model.eval_where, such as "{name} == {_word(variants[0])}"',
        )

    def label(self, case: Case) -> str:
        """Return how a message names the case ("" for a row, which has a line)."""
        return ""

    def suggestions(self, case: Case) -> list[str]:
        """Return the fields (or scorers, or metrics) to suggest when a brief names one the case lacks."""
        return case.paths()


class Promptfoo(Tool):
    """promptfoo's results (``results.results[]`` of ``-o results.json``, or each line of ``-o
    results.jsonl``): one row per test × prompt × provider; ``success`` is the verdict, and a
    ``failureReason`` of 2 is an error (a provider or grader failure), not a failed test."""

    kind = "promptfoo"
    defaults = ("success",)
    extra_paths = ("failureReason", "promptIdx", "provider.id", "prompt.label", "testIdx")

    def errored(self, case: Case, field: str) -> bool:
        return case.get("failureReason") == 2

    def variant(self, case: Case) -> str | None:
        label = case.get("prompt.label")
        prompt = (
            as_text(label) if isinstance(label, str) and label else f"prompt {as_text(case.get('promptIdx'))}"
        )
        provider = case.get("provider.id")
        return f"{prompt[:40]!r} on {as_text(provider) if isinstance(provider, str) else '?'}"

    def several(self, variants: list[str]) -> tuple[str, str]:
        return (
            f"the results compare {len(variants)} prompts or providers ({_listed(variants)}): "
            "promptfoo writes a row per test, prompt and provider",
            'pick the product\'s with model.eval_where, such as "promptIdx == 0" or "provider.id == '
            'openai:gpt-4o"',
        )

    def label(self, case: Case) -> str:
        return f"test {as_text(case.get('testIdx'))}, prompt {as_text(case.get('promptIdx'))}"


class Inspect(Tool):
    """An Inspect AI log's samples (``samples[]`` of a JSON log, ``summaries.json`` or
    ``samples/*.json`` of a ``.eval``): the verdict is ``scores.<scorer>.value`` of the scorer
    the brief names or the log lists first; a sample with an ``error`` is an error."""

    kind = "inspect"
    letters = True
    defaults = ()
    extra_paths = ("id", "epoch", "error")
    unscored = (
        "no sample of the log has a score",
        "score the samples, or point model.eval at a log that has",
    )

    def __init__(self, scorer: str = ""):
        super().__init__()
        self.scorer = scorer  # the log's first scorer, from its results

    def default_field(self, case: Case) -> str:
        names = self.scorers(case)
        return self.scorer if self.scorer in names or not names else names[0]

    def suggestions(self, case: Case) -> list[str]:
        return self.scorers(case) + case.paths()

    def scorers(self, case: Case) -> list[str]:
        """Return the names of the scorers that scored the case, in the log's order."""
        paths = getattr(case, "values", None) or case.paths()  # what was picked, else the row's keys
        return [path[7:-6] for path in paths if path.startswith("scores.") and path.endswith(".value")]

    def value(self, case: Case, field: str, options: EvalOptions) -> object:
        return case.get(f"scores.{field}.value")

    def errored(self, case: Case, field: str) -> bool:
        return case.get("error") not in (MISSING, None)

    def variant(self, case: Case) -> str | None:
        return None  # each epoch of a sample is a case, as Inspect AI's accuracy counts it

    def label(self, case: Case) -> str:
        epoch = case.get("epoch")
        return f"sample {as_text(case.get('id'))}" + (
            f", epoch {as_text(epoch)}" if epoch is not MISSING else ""
        )


class DeepEval(Tool):
    """DeepEval's test run (``testCases[]`` and ``conversationalTestCases[]``): the verdict is the
    case's ``success``, or, when eval_field names a metric, that metric's ``success`` (its
    ``score`` when eval_pass is given); a metric that raised (``error``) makes no verdict.
    ``metadata.x`` also finds DeepEval 3's ``additionalMetadata.x``."""

    kind = "deepeval"
    defaults = ("success",)
    extra_paths = ("name", "metricsData.item.name", "metricsData.item.score", "metricsData.item.success")
    extra_paths += ("metricsData.item.error",)

    def paths(self, named: set[str]) -> set[str]:
        return {*super().paths(named), *(_older(path) for path in named if path.startswith("metadata."))}

    def get(self, case: Case, path: str) -> object:
        found = case.get(path)
        return case.get(_older(path)) if found is MISSING and path.startswith("metadata.") else found

    def metric(self, case: Case, field: str) -> dict | None:
        metrics = case.get("metricsData")
        return (
            next((m for m in metrics if m.get("name") == field), None) if isinstance(metrics, list) else None
        )

    def value(self, case: Case, field: str, options: EvalOptions) -> object:
        metric = self.metric(case, field)
        if metric is None:
            return self.get(case, field)
        return metric.get("score" if options.passing else "success", MISSING)

    def errored(self, case: Case, field: str) -> bool:
        """A metric that raised has no verdict; a case has none when one raised and no other
        failed (a failed metric fails the case whatever the one that raised would have said)."""
        metric = self.metric(case, field)
        if metric is not None:
            return metric.get("error") not in (None, MISSING)
        metrics = case.get("metricsData")
        if not isinstance(metrics, list):
            return False
        raised = [m.get("error") not in (None, MISSING) for m in metrics]
        return any(raised) and not any(m.get("success") is False and not r for m, r in zip(metrics, raised))

    def variant(self, case: Case) -> str | None:
        return None

    def label(self, case: Case) -> str:
        return f"test case {as_text(case.get('name'))}"

    def suggestions(self, case: Case) -> list[str]:
        metrics = case.get("metricsData")
        names = [str(m["name"]) for m in metrics if "name" in m] if isinstance(metrics, list) else []
        return names + case.paths()


class LmEval(Tool):
    """lm-evaluation-harness's ``samples_<task>_<date>.jsonl``: a line per document and filter; the
    verdict is the first metric the line lists (``acc``, ``exact_match``…, 0.0 or 1.0) or the one
    eval_field names; a file graded under several filters is refused unless eval_where picks one."""

    kind = "lm-eval"
    defaults = ()
    extra_paths = ("doc_id", "filter", "metrics")
    unscored = ("no line names its metrics, as lm-eval's samples do", "name the metric with model.eval_field")

    def default_field(self, case: Case) -> str:
        listed = case.row.get("metrics") if isinstance(case, RowCase) else None
        return listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], str) else ""

    def variant(self, case: Case) -> str | None:
        found = case.get("filter")
        return as_text(found) if isinstance(found, str) else None

    def several(self, variants: list[str]) -> tuple[str, str]:
        return (
            f"each document is graded under {len(variants)} filters ({_listed(variants)}): "
            "lm-eval writes a line per document and filter",
            f'pick one with model.eval_where, such as "filter == {_word(variants[0])}"',
        )

    def label(self, case: Case) -> str:
        return f"doc {as_text(case.get('doc_id'))}"


def _older(path: str) -> str:
    return "additionalMetadata." + path.removeprefix("metadata.")


def _listed(values: list[str]) -> str:
    return ", ".join(values[:4]) + (", …" if len(values) > 4 else "")


def _word(value: str) -> str:
    return (
        value if value and all(c not in value for c in " \t\"'") and value[0] not in "=!<>" else f"'{value}'"
    )
