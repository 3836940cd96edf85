"""Evaluation files that are one JSON document, streamed through ``load/boundedjson.py``: the tool
that wrote one is recognised by where its cases are —

- ``samples[]`` beside ``eval``: an Inspect AI log (``inspect eval --log-format json``);
- ``results.results[]``: promptfoo's ``-o results.json``;
- ``testCases[]`` (or ``testRunData.testCases[]``): a DeepEval test run;
- ``columns`` and ``data[]``: an MLflow table (``eval_results_table.json``, pandas' split form);
- a top-level array of objects: graded cases as records (a Braintrust or pandas export).

A :class:`Picker` keeps, of each case, only the values at the paths the tool and the brief's
options read — never the case's transcript — so that a case costs the memory of those values."""

from __future__ import annotations

from typing import BinaryIO, Callable

from playbook.load.bounded import Malformed
from playbook.load.boundedjson import JsonEvents
from playbook.load.readers.evaloptions import MISSING, Container
from playbook.load.readers.tally import Tally
from playbook.load.readers.tools import DeepEval, Inspect, Promptfoo, RowCase, Tool

MAX_ITEMS = 256  # entries of one case's list that are read (DeepEval's metrics)
MAX_COLUMNS = 4096
MAX_PICKED = 64  # values picked by a pattern (Inspect AI's scorers) in one case
MAX_PATHS = 256  # the first case's fields kept to suggest one
SCALARS = frozenset({"string", "number", "boolean", "null"})
STARTS = {"start_map": "mapping", "start_array": "list"}
KNOWN_TOP = frozenset(
    {"eval", "samples", "status", "evalId", "results", "testCases", "testRunData", "columns", "data"}
)
DEEPEVAL = ("testCases.item", "conversationalTestCases.item")
ROOTS: dict[str, Callable[[], Tool]] = {
    "samples.item": Inspect,
    "results.results.item": Promptfoo,
    **{root: DeepEval for root in DEEPEVAL},
    **{f"testRunData.{root}": DeepEval for root in DEEPEVAL},
    "data.item": lambda: Tool("mlflow"),
    "item": lambda: Tool("records"),
}
WHAT_JSON = (
    "a .json evaluation file must be one a tool wrote: an Inspect AI log (eval, samples), promptfoo's "
    "results (results.results), a DeepEval test run (testCases), an MLflow table (columns, data) or a list "
    "of cases"
)


class PickedCase:
    """The values picked from one case of a streamed document, by path."""

    __slots__ = ("values", "items", "keys")

    def __init__(self, keys: list[str]):
        self.values: dict[str, object] = {}
        self.items: dict[str, list[dict]] = {}
        self.keys = keys

    def get(self, path: str) -> object:
        found = self.values.get(path, MISSING)
        return self.items.get(path, MISSING) if found is MISSING and path in self.items else found

    def paths(self) -> list[str]:
        return self.keys


class Picker:
    """Walks a document's events and hands each case under one of ``roots`` to the tally."""

    def __init__(self, tally: Tally, roots: dict[str, Callable[[], Tool]], lines: bool = True):
        self.tally, self.roots, self.lines = tally, roots, lines
        self.chosen: str | None = None  # the kind of root the file's cases are under, once one is met
        self.top: set[str] = set()
        self.status: object = None
        self.scorer = ""  # an Inspect AI log's first scorer, from its results
        self.columns: list[str] = []
        self.completed: float | None = None  # an Inspect AI log's completed samples

    def read(self, stream: BinaryIO) -> None:
        events = JsonEvents(stream)
        iterator = iter(events)
        for prefix, event, value in iterator:
            if prefix in self.roots and event == _start(prefix) and self._take(prefix):
                self._case(prefix, event, iterator, events)
            elif prefix == "" and event == "map_key" and value in KNOWN_TOP:
                self.top.add(value)
            elif prefix == "status" and event == "string":
                self.status = value
            elif prefix == "results.scores.item.name" and event == "string" and not self.scorer:
                self.scorer = value
            elif prefix == "results.completed_samples" and event == "number":
                self.completed = value
            elif prefix == "columns.item" and event == "string":
                if len(self.columns) >= MAX_COLUMNS:
                    raise Malformed(
                        events.line,
                        1,
                        f"the table has over {MAX_COLUMNS:,} columns",
                        "keep the graded columns",
                    )
                self.columns.append(value)

    def _take(self, root: str) -> bool:
        """Return whether cases under ``root`` are the file's: the first kind met decides."""
        kind = "deepeval" if root.endswith(DEEPEVAL) else root
        if self.chosen is None:
            self.chosen = kind
            tool = self.roots[root]()
            if isinstance(tool, Inspect):
                tool.scorer = self.scorer
            self.tally.tool = tool
        return self.chosen == kind

    def _case(self, root: str, start: str, iterator, events: JsonEvents) -> None:
        """Read one case, from its opening event to its closing one, and count it."""
        tally = self.tally
        if start == "start_array":
            row = self._row(root, iterator, events)
            if row is not None:
                tally.case(RowCase(dict(zip(self.columns, row))), events.line if self.lines else 1)
            return
        base = f"{root}." if root else ""
        picks = _picks(base, tally.wanted())  # one lookup an event: what to do at a prefix
        wild = f"{base}scores." if tally.tool.letters else None  # Inspect AI: every scorer's value
        recording = not tally.seen  # the first case's fields are kept, to suggest one
        keys: list[str] = [] if recording else tally.seen
        case = PickedCase(keys)
        picked = 0
        for prefix, event, value in iterator:
            if prefix == root:
                if event != "map_key":
                    break  # the case's own end
                if recording and len(keys) < MAX_PATHS:
                    keys.append(value)
                continue
            if recording and event == "map_key":
                rel = prefix[len(base) :]
                if len(keys) < MAX_PATHS and "item" not in rel.split("."):
                    keys.append(f"{rel}.{value}")
                continue
            pick = picks.get(prefix)
            if pick is None:
                if wild is None or not prefix.startswith(wild) or not prefix.endswith(".value"):
                    continue
                if event not in SCALARS and event not in STARTS:
                    continue  # a key or the end of a score that is a mapping
                pick = (VALUE, prefix[len(base) :], "")
                picked += 1
                if picked > MAX_PICKED:
                    raise Malformed(
                        events.line, 1, f"a case has over {MAX_PICKED} scores", "score with fewer scorers"
                    )
            what, name, key = pick
            if what == VALUE:
                if event in SCALARS:
                    case.values[name] = value
                elif event in STARTS:
                    case.values[name] = Container(STARTS[event])
            elif what == ENTRY:
                if event == "start_map":
                    entries = case.items.setdefault(name, [])
                    if len(entries) >= MAX_ITEMS:
                        raise Malformed(events.line, 1, f"a case has over {MAX_ITEMS} entries in {name}", "")
                    entries.append({})
            elif event in SCALARS and case.items.get(name):
                case.items[name][-1][key] = value
        tally.case(case, events.line if self.lines else 1)

    def _row(self, root: str, iterator, events: JsonEvents) -> list | None:
        """Read one row of a table (a list of values in the order of its columns)."""
        if not self.columns:
            raise Malformed(
                events.line,
                1,
                "the table's data comes before its columns",
                "write it with pandas' orient='split'",
            )
        row: list = []
        cell = root + ".item"
        depth = 0
        for prefix, event, value in iterator:
            if prefix == root:
                break
            if prefix != cell:
                continue
            if depth == 0 and event in SCALARS:
                row.append(value)
            elif event in STARTS:
                depth += 1
                if depth == 1:
                    row.append(Container(STARTS[event]))
            elif event in ("end_map", "end_array"):
                depth -= 1
            if len(row) > MAX_COLUMNS:
                raise Malformed(
                    events.line, 1, f"a row has over {MAX_COLUMNS:,} values", "keep the graded columns"
                )
        return row


VALUE, ENTRY, FIELD = "value", "entry", "field"


def _picks(base: str, wanted: set[str]) -> dict[str, tuple[str, str, str]]:
    """Return, by the full prefix of an event, what a case keeps of it: the value at a wanted
    path; a new entry of a list some wanted paths go into (``metricsData.item.name``); or a
    field of that entry."""
    picks: dict[str, tuple[str, str, str]] = {}
    for path in wanted:
        array, inside, key = path.rpartition(".item.")
        if inside and "." not in key:
            picks[f"{base}{array}.item"] = (ENTRY, array, "")
            picks[f"{base}{path}"] = (FIELD, array, key)
        else:
            picks[f"{base}{path}"] = (VALUE, path, "")
    return picks


def _start(root: str) -> str:
    """Return the event that opens a case under ``root``: a table's row is a list, a case an object."""
    return "start_array" if root == "data.item" else "start_map"


def read_json(stream: BinaryIO, tally: Tally) -> None:
    """Count the cases of a ``.json`` evaluation file, whichever tool wrote it."""
    picker = Picker(tally, ROOTS)
    picker.read(stream)
    top = picker.top
    if picker.chosen is None:  # no case at all: name the format from its keys, or refuse it
        tool = (
            Inspect()
            if {"eval", "samples"} <= top
            else Promptfoo()
            if {"evalId", "results"} <= top
            else DeepEval()
            if "testCases" in top or "testRunData" in top
            else Tool("mlflow")
            if {"columns", "data"} <= top
            else None
        )
        if tool is None:
            tally.problems.clear()
            tally.fail(
                1,
                1,
                WHAT_JSON,
                "write the graded cases as .jsonl or .csv, or point model.eval at the file the tool wrote",
            )
            return
        tally.tool = tool
    if isinstance(tally.tool, Inspect):
        if "eval" not in top or "samples" not in top:
            tally.problems.clear()
            tally.fail(
                1,
                1,
                "a .json evaluation file with samples must be an Inspect AI log, with eval and samples",
                "run 'inspect eval --log-format json', or write the graded cases as .jsonl or .csv",
            )
        elif picker.status not in (None, "success"):
            tally.problems.clear()
            tally.fail(
                1,
                1,
                f"the Inspect AI log's status is {picker.status!r}: the evaluation did not finish",
                "point model.eval at the log of a finished run",
            )
