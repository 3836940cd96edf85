"""Counting one evaluation file's cases, whatever reader found them: which rows are cases
(``eval_where``), whether each passed (the tool's verdict, or ``eval_pass``), the slice it belongs
to (``eval_slice``), and every problem as a diagnostic at the file's own line. What it keeps is
bounded by constants: counts, at most MAX_SLICES slices, and a few values to name in messages."""

from __future__ import annotations

from playbook.diagnostics import Diagnostic, Position, quote
from playbook.load.bounded import Malformed
from playbook.load.readers.counts import Evaluation, SliceCount
from playbook.load.readers.evaloptions import MISSING, Container, EvalOptions, as_text
from playbook.load.readers.tools import PASS_FIELDS, Case, Tool
from playbook.load.readers.verdicts import Wrong, inside, verdict
from playbook.rules import diagnostic
from playbook.suggest import did_you_mean

MAX_PROBLEMS = 5  # a file this wrong is reported by its first few cases
MAX_SLICES = 100  # a slice is a part of the workflow shared by many cases, not a case's id
MAX_SLICE_TEXT = 100
MAX_SHOWN = 12  # values kept to name in a message


class Stop(Exception):
    """Enough problems to stop reading."""


class Tally:
    """Counts passes and fails, overall and by slice, and collects problems, for one file."""

    def __init__(self, path: str, options: EvalOptions, tool: Tool | None = None):
        self.path, self.options = path, options
        self.tool = tool or Tool()
        self.field = options.field
        self.passed = self.graded = self.ungraded = self.skipped = self.errored = 0
        self.sliced = Slices()
        self.problems: list[Diagnostic] = []
        self.last_line = 1
        self.seen: list[str] = []  # the first case's fields, to suggest one
        self.present = {"field": False, "slice": False}
        self.where_present = [False] * len(options.where)
        self.where_values: dict[str, None] = {}  # values of the first tested field, to name
        self.variants: dict[str, None] = {}
        self.labelled = False  # a case had one of eval_pass's labels
        self.labels: dict[str, None] = {}  # the values the cases have, to name when none is one

    def fail(self, line: int, column: int, message: str, hint: str, label: str = "") -> None:
        """Add a PB008 problem; stop reading after MAX_PROBLEMS."""
        text = f"{label}: {message}" if label else message
        self.problems.append(diagnostic("PB008", self.path, Position(line, max(1, column)), text, hint))
        if len(self.problems) >= MAX_PROBLEMS:
            raise Stop

    def report(self, problem: Malformed) -> None:
        self.fail(problem.line, problem.column, problem.message, problem.hint)

    def wanted(self) -> set[str]:
        """Return every path of a case the options and the tool read (what a streamed reader picks)."""
        options = self.options
        return self.tool.paths({self.field, options.slice, *(test.field for test in options.where)})

    def case(self, case: Case, line: int = 1, column=None, label: str = "") -> None:
        """Count one case read at ``line``; ``column(field)`` says where a field is on it."""
        self.last_line = line
        if not self.seen:
            self.seen = self.tool.suggestions(case)
        if not self._selected(case):
            self.skipped += 1
            return
        tool = self.tool
        if not self.field:
            self.field = tool.default_field(case)
        variant = tool.variant(case)
        if variant is not None and (variant in self.variants or len(self.variants) < MAX_SHOWN):
            self.variants[variant] = None
        if tool.errored(case, self.field):
            self.errored += 1
            self._count(case, None, line)
            return
        value = tool.value(case, self.field, self.options) if self.field else MISSING
        if value is not MISSING:
            self.present["field"] = True
        found = verdict(value, self.field, self.options.passing, tool.letters)
        if isinstance(found, Wrong):
            self.fail(
                line,
                column(self.field) if column else 1,
                found.message,
                found.hint,
                label or tool.label(case),
            )
            return
        if self.options.passing and self.options.passing.labels:
            self.labelled |= found is True
            if found is False and len(self.labels) < MAX_SHOWN:
                self.labels[as_text(value)[:40]] = None
        self._count(case, found, line)

    def _selected(self, case: Case) -> bool:
        for index, test in enumerate(self.options.where):
            found = self.tool.get(case, test.field)
            if found is not MISSING:
                self.where_present[index] = True
                if index == 0 and len(self.where_values) < MAX_SHOWN and not isinstance(found, Container):
                    self.where_values[as_text(found)[:40]] = None
            if not test.matches(found):
                return False
        return True

    def _count(self, case: Case, verdict: bool | None, line: int) -> None:
        if verdict is None:
            self.ungraded += 1
        else:
            self.graded += 1
            self.passed += verdict
        name = self.options.slice
        if name:
            found = self.tool.get(case, name)
            self.present["slice"] |= found is not MISSING
            why = self.sliced.add(found, verdict, name)
            if why is not None:
                self.fail(line, 1, *why, self.tool.label(case))

    def result(self) -> tuple[Evaluation | None, list[Diagnostic]]:
        """Return the evaluation, or every problem found."""
        if not self.problems:
            self._check_whole()
        if self.problems:
            return None, self.problems
        slices = tuple(SliceCount(value, *counts) for value, counts in sorted(self.sliced.counts.items()))
        return Evaluation(
            self.path,
            self.passed,
            self.graded,
            self.field,
            self.ungraded,
            self.tool.kind,
            self.options.slice,
            slices,
            self.sliced.unsliced,
        ), []

    def _check_whole(self) -> None:
        """Report what only the whole file shows: a field no case has, a filter that keeps no
        case, several things measured at once, labels no case has, no graded case."""
        options = self.options
        with _stopping():
            for test, present in zip(options.where, self.where_present):
                if not present:
                    return self._missing(test.field, "model.eval_where")
            if options.where and not (self.graded + self.ungraded):
                shown = ", ".join(self.where_values) or "nothing"
                return self.fail(
                    1,
                    1,
                    f"model.eval_where {options.where_text!r} keeps none of the {self.skipped:,} cases",
                    f"{options.where[0].field} has: {shown}",
                )
            if len(self.variants) > 1:
                return self.fail(1, 1, *self.tool.several(list(self.variants)))
            if not self.present["field"] and not self.errored:
                return self._no_field()
            if options.slice and not self.present["slice"]:
                return self._missing(options.slice, "model.eval_slice")
            rule = options.passing
            if rule is not None and rule.labels and self.graded and not self.labelled:
                self.fail(
                    1,
                    1,
                    f"no case of {self.field} has a label that model.eval_pass names "
                    f"({', '.join(rule.labels)})",
                    "the cases have: " + ", ".join(self.labels),
                )
            elif not self.graded:
                where = f"no case has a pass or a fail in {self.field}" if self.field else "no case is graded"
                line = self.last_line if self.ungraded else 1
                self.fail(
                    line,
                    1,
                    f"the evaluation has no graded case: {where}",
                    "grade some cases, or point model.eval at a file that has them",
                )

    def _missing(self, name: str, option: str) -> None:
        hint = did_you_mean(name, self.seen) or (
            f"the cases have: {', '.join(self.seen[:12])}" if self.seen else ""
        )
        self.fail(1, 1, f"no case has the field {quote(name)} that {option} names", hint)

    def _no_field(self) -> None:
        """Report a file with no verdict: the field named is not there, or none of the usual ones is."""
        if self.options.field:
            return self._missing(self.options.field, "model.eval_field")
        if self.tool.unscored:
            return self.fail(1, 1, *self.tool.unscored)
        names = self.tool.defaults or PASS_FIELDS
        listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        self.fail(
            1,
            1,
            f"no pass/fail column: no case has {listed}",
            "name the column with model.eval_field"
            + (f" (the cases have: {', '.join(self.seen[:12])})" if self.seen else ""),
        )


class Slices:
    """The counts of each slice: value -> [passed, graded, ungraded], and the graded cases with no
    value; at most MAX_SLICES values of at most MAX_SLICE_TEXT characters."""

    def __init__(self):
        self.counts: dict[str, list[int]] = {}
        self.unsliced = 0

    def add(self, found: object, verdict: bool | None, name: str) -> tuple[str, str] | None:
        """Count a case whose slice field holds ``found``; return why it cannot, if it cannot."""
        if found is not MISSING and isinstance(found, Container):
            return f"{name} is a {found.kind}, not a slice's value", inside(name)
        value = as_text(found) if found is not MISSING else ""
        if not value:
            self.unsliced += verdict is not None
            return None
        counts = self.counts.get(value)
        if counts is None:
            hint = "name a field such as a document type, a language or a region in eval_slice"
            if len(value) > MAX_SLICE_TEXT:
                return f"{name} is {quote(value)}, over {MAX_SLICE_TEXT} characters for a slice's name", hint
            if len(self.counts) >= MAX_SLICES:
                return (
                    f"{name} has over {MAX_SLICES} values: "
                    "a slice is a part of the workflow that many cases share",
                    hint,
                )
            counts = self.counts[value] = [0, 0, 0]
        if verdict is None:
            counts[2] += 1
        else:
            counts[0] += verdict
            counts[1] += 1
        return None


class _stopping:
    """Let Stop end the whole-file checks quietly: the problems are already kept."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> bool:
        return kind is Stop
