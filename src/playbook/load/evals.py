"""Reading a team's evaluation file (``model.eval``): the graded cases behind a brief's accuracy.

Three formats, each read as a stream so that a file of any size costs the memory of one row:

- JSON Lines (``.jsonl``), one case an object, and CSV (``.csv``) with a header, one case a row;
  the pass/fail column is the first of PASS_FIELDS present, or the one ``model.eval_field`` names;
- an Inspect AI log in JSON (``.json``, ``inspect eval --log-format json``), each sample scored by
  the scorer the log reports first (or the one ``eval_field`` names), streamed with ijson — the
  parser Inspect AI itself reads its logs with.

Every reader reads through ``load/bounded.py`` (and ``load/boundedjson.py``), so that no file costs more than a constant
memory or is read past its size limit; every problem becomes a diagnostic at the file's own line
where there is one; nothing raises.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from playbook.diagnostics import Diagnostic, Position, quote
from playbook.layout import CONTENT
from playbook.load.bounded import CHUNK, Malformed, capped, lines, open_bounded
from playbook.load.boundedjson import JsonEvents, json_row
from playbook.rules import diagnostic
from playbook.suggest import did_you_mean

PASS_FIELDS = ("correct", "pass", "passed", "success", "score")
PASSES = frozenset({"true", "1", "1.0", "yes", "y", "pass", "passed", "correct", "c", "ok", "success"})
FAILS = frozenset({"false", "0", "0.0", "no", "n", "fail", "failed", "incorrect", "i", "wrong", "failure"})
MAX_PROBLEMS = 5  # a file this wrong is reported by its first few rows
VALUES_HINT = "write true or false, 1 or 0, pass or fail — or leave it empty for a case not graded"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What an evaluation file says: how many of its graded cases passed."""

    path: str  # relative to the project
    passed: int
    graded: int
    field: str  # the column, or the Inspect scorer, that was read
    ungraded: int = 0  # cases with no pass/fail value


def eval_file(relative: str) -> str:
    """Return the project-relative path of ``model.eval``, which is written relative to content/."""
    return f"{CONTENT}/{relative}"


def eval_digest(root: Path, path: str) -> tuple[str | None, str]:
    """Return the SHA-1 of the file's bytes, read in chunks, or why it cannot be read."""
    stream, why = open_bounded(root, path)
    if stream is None:
        return None, why
    hasher = hashlib.sha1()
    try:
        with stream:
            while chunk := stream.read(CHUNK):
                hasher.update(chunk)
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    return hasher.hexdigest(), ""


def read_evaluation(root: Path, path: str, field: str = "") -> tuple[Evaluation | None, list[Diagnostic]]:
    """Return what the evaluation file at ``path`` says, or the diagnostics that say why it cannot be used."""
    stream, why = open_bounded(root, path)
    if stream is None:
        return None, [
            diagnostic(
                "PB008",
                path,
                Position(),
                f"the evaluation file {why}",
                "point model.eval at the graded cases",
            )
        ]
    with stream:  # its size on disk is within the limit: read it without counting
        return _read(stream, path, field)


def read_evaluation_from(
    stream: BinaryIO, path: str, field: str = ""
) -> tuple[Evaluation | None, list[Diagnostic]]:
    """Return what the evaluation read from ``stream`` says (``path`` names its format and its
    diagnostics): the file's content at an earlier commit, say; a stream longer than a file may
    be is refused where it passes the limit."""
    return _read(capped(stream), path, field)


def _read(stream: BinaryIO, path: str, field: str) -> tuple[Evaluation | None, list[Diagnostic]]:
    tally = _Tally(path, field)
    try:
        if path.endswith(".eval"):
            tally.fail(
                "PB008",
                1,
                1,
                "this is an Inspect AI log in its compressed .eval format",
                "convert it to JSON with 'inspect log convert FILE --to json --output-dir DIR' and point model.eval at the .json",
            )
        elif path.endswith(".csv"):
            _read_csv(stream, tally)
        elif path.endswith(".json"):
            _read_inspect(stream, tally)
        else:
            _read_jsonl(stream, tally)
    except _Stop:
        pass
    except (Malformed, OSError) as error:
        if not isinstance(error, Malformed):
            error = Malformed(
                1,
                1,
                f"cannot read the evaluation file: {error.strerror or error}",
                "check that it is readable",
            )
        with contextlib.suppress(_Stop):
            tally.report(error)
    return tally.result()


class _Stop(Exception):
    """Enough problems to stop reading."""


class _Tally:
    """Counts passes and fails, and collects problems, for one file."""

    def __init__(self, path: str, field: str):
        self.path, self.field = path, field
        self.passed = self.graded = self.ungraded = 0
        self.problems: list[Diagnostic] = []
        self.last_line = 1

    def fail(self, code: str, line: int, column: int, message: str, hint: str) -> None:
        self.problems.append(diagnostic(code, self.path, Position(line, max(1, column)), message, hint))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    def report(self, problem: Malformed) -> None:
        self.fail("PB008", problem.line, problem.column, problem.message, problem.hint)

    def grade(self, value: object, line: int, column: int = 1) -> None:
        self.last_line = line
        verdict = _verdict(value)
        if verdict is None:
            self.ungraded += 1
        elif verdict is ...:
            self.fail(
                "PB008",
                line,
                column,
                f"{self.field} is {_shown(value)}, which is neither a pass nor a fail",
                VALUES_HINT,
            )
        else:
            self.graded += 1
            self.passed += verdict

    def result(self) -> tuple[Evaluation | None, list[Diagnostic]]:
        if self.problems:
            return None, self.problems
        if not self.graded:
            where = f"no case has a pass or a fail in {self.field}" if self.field else "no case is graded"
            return None, [
                diagnostic(
                    "PB008",
                    self.path,
                    Position(self.last_line if self.ungraded else 1),
                    f"the evaluation has no graded case: {where}",
                    "grade some cases, or point model.eval at a file that has them",
                )
            ]
        return Evaluation(self.path, self.passed, self.graded, self.field, self.ungraded), []


def _verdict(value: object) -> bool | None | type(...):
    """True for a pass, False for a fail, None for a case not graded, ... for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return True if value == 1 else False if value == 0 else ...
    if isinstance(value, str):
        text = value.strip().lower()
        return None if not text else True if text in PASSES else False if text in FAILS else ...
    return ...


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return quote(value) if isinstance(value, str) else json.dumps(value)


def _no_field(tally: _Tally, seen: list[str]) -> None:
    """Report a file with no pass/fail column: the one named is not there, or none of the usual ones is."""
    if tally.field:
        hint = did_you_mean(tally.field, seen) or (f"the cases have: {', '.join(seen[:12])}" if seen else "")
        tally.fail(
            "PB008", 1, 1, f"no case has the field {quote(tally.field)} that model.eval_field names", hint
        )
    else:
        tally.fail(
            "PB008",
            1,
            1,
            f"no pass/fail column: no case has {', '.join(PASS_FIELDS[:-1])} or {PASS_FIELDS[-1]}",
            "name the column with model.eval_field"
            + (f" (the cases have: {', '.join(seen[:12])})" if seen else ""),
        )


def _read_jsonl(stream: BinaryIO, tally: _Tally) -> None:
    seen: dict[str, None] = {}  # the keys of the first rows, to name them when the column is missing
    present = False
    for number, line in lines(stream):
        try:
            if isinstance(line, Malformed):
                raise line
            if not line.strip():
                continue
            row = json_row(line, number)
        except Malformed as problem:
            tally.report(problem)
            continue
        if not isinstance(row, dict):
            kind = _shown(row) if isinstance(row, list) else f"a {type(row).__name__}"
            tally.fail(
                "PB008",
                number,
                1,
                f"the row is {kind}, not an object",
                'write one JSON object a line, such as {"id": 1, "correct": true}',
            )
            continue
        if not tally.field:
            tally.field = next((name for name in PASS_FIELDS if name in row), "")
        if tally.field and tally.field in row:
            present = True
            tally.grade(row[tally.field], number, line.find(json.dumps(tally.field)) + 1)
        else:
            if len(seen) < 64:
                seen.update(dict.fromkeys(str(key) for key in row))
            tally.ungraded += 1
            tally.last_line = number
    if not present and not tally.problems:
        _no_field(tally, list(seen))


_LONE_CR = re.compile(r"(?<=\r)(?!\n)")  # old Mac line ends, which csv reads as line ends too


def _read_csv(stream: BinaryIO, tally: _Tally) -> None:
    line = 0  # the last line the reader took: the last line of the row it gives

    def texts() -> Iterator[str]:
        nonlocal line
        for _, text in lines(stream):
            if isinstance(text, Malformed):
                text.line = line + 1
                raise text
            for piece in _LONE_CR.split(text) if "\r" in text else (text,):
                if piece:
                    line += 1
                    yield piece

    reader = csv.reader(texts())  # a field is at most csv.field_size_limit(), 128 KiB, across lines
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if not any(header):
            tally.fail(
                "PB008",
                1,
                1,
                "the CSV file has no header row",
                "start with a row of column names, such as id,input,correct",
            )
            return
        wanted = [tally.field] if tally.field else list(PASS_FIELDS)
        index = next((header.index(name) for name in wanted if name in header), None)
        if index is None:  # the same names in another case: "Correct", "PASS"
            folded = [cell.casefold() for cell in header]
            index = next(
                (folded.index(name.casefold()) for name in wanted if name.casefold() in folded), None
            )
        if index is None:
            _no_field(tally, [cell for cell in header if cell])
            return
        tally.field = header[index]
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            tally.grade(row[index] if index < len(row) else None, line, 1)
    except csv.Error as error:
        tally.fail(
            "PB008",
            line or 1,
            1,
            f"the CSV file cannot be read: {error}",
            "save it as plain CSV with a header row",
        )


def _read_inspect(stream: BinaryIO, tally: _Tally) -> None:
    """Read an Inspect AI JSON log: ``samples[].scores[SCORER].value``, "C" a pass, "I" or "N" a fail."""
    top: set[str] = set()
    scorers: list[str] = []  # as the log's results name them, the first being the one read
    named: dict[str, None] = {}  # the scorers the samples have
    score: object = None
    events = JsonEvents(stream)
    for prefix, event, value in events:
        if prefix == "" and event == "map_key":
            top.add(value)
        elif prefix == "results.scores.item.name" and event == "string":
            scorers.append(value)
        elif prefix == "samples.item" and event in ("start_map", "end_map"):
            if event == "end_map":
                _grade_sample(tally, score, events.line)
            score = None
        elif (
            prefix.startswith("samples.item.scores.")
            and prefix.endswith(".value")
            and event not in ("end_map", "end_array")
        ):
            name = prefix[len("samples.item.scores.") : -len(".value")]
            named[name] = None
            if not tally.field:
                tally.field = scorers[0] if scorers else name
            if name == tally.field and score is None:
                score = {"start_map": {}, "start_array": []}.get(event, value)
    if "eval" not in top or "samples" not in top:
        tally.problems.clear()
        tally.fail(
            "PB008",
            1,
            1,
            "a .json evaluation file must be an Inspect AI log, with eval and samples",
            "write the graded cases as .jsonl or .csv, or run 'inspect eval --log-format json'",
        )
    elif named and tally.field not in named:
        _no_field(tally, list(named))


def _grade_sample(tally: _Tally, score: object, line: int) -> None:
    if isinstance(score, str) and score.strip().upper() == "N":
        score = False  # no answer: Inspect counts it as a fail
    elif isinstance(score, str) and score.strip().upper() == "P":
        tally.fail(
            "PB008",
            line,
            1,
            f"a sample's {tally.field} score is 'P' (partly right), which is neither a pass nor a fail",
            "score with a scorer that grades each sample right or wrong, or name one with model.eval_field",
        )
        return
    tally.grade(score, line)
