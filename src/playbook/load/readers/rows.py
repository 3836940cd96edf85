"""Evaluation files of one case a row: JSON Lines (``.jsonl``) and CSV (``.csv``), read a line at
a time through ``load/bounded.py``. A JSON Lines file that promptfoo (``-o results.jsonl``) or
lm-evaluation-harness (``samples_<task>_<date>.jsonl``) wrote is recognised by its first row."""

from __future__ import annotations

import csv
import json
import re
from typing import BinaryIO, Iterator

from playbook.load.bounded import Malformed, lines
from playbook.load.boundedjson import json_row
from playbook.load.readers.evaloptions import MISSING
from playbook.load.readers.tally import Tally
from playbook.load.readers.tools import PASS_FIELDS, LmEval, Promptfoo, RowCase, Tool


def tool_of_row(row: dict) -> Tool:
    """Return the tool that wrote a JSON Lines file whose first case is ``row``."""
    if "testIdx" in row and "promptIdx" in row and ("success" in row or "gradingResult" in row):
        return Promptfoo()
    if "doc_id" in row and "filter" in row and isinstance(row.get("metrics"), list):
        return LmEval()
    return Tool("jsonl")


def read_jsonl(stream: BinaryIO, tally: Tally) -> None:
    """Count every row of a JSON Lines file."""
    first = True
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
            kind = "a list" if isinstance(row, list) else f"a {type(row).__name__}"
            tally.fail(
                number,
                1,
                f"the row is {kind}, not an object",
                'write one JSON object a line, such as {"id": 1, "correct": true}',
            )
            continue
        if first:
            tally.tool, first = tool_of_row(row), False
        tally.case(RowCase(row), number, lambda field, line=line: _column(line, field))


def _column(line: str, field: str) -> int:
    """Return where a field's key is on its line (its last part, for a dotted path), 1 if unknown."""
    at = line.find(json.dumps(field))
    if at < 0 and "." in field:
        at = line.find(json.dumps(field.rpartition(".")[2]))
    return at + 1 if at >= 0 else 1


class CsvCase(RowCase):
    """A CSV row by its header's names; a name in another case ("Region" for "region") finds it too."""

    __slots__ = ("folded",)

    def __init__(self, row: dict, folded: dict[str, str]):
        super().__init__(row)
        self.folded = folded

    def get(self, path: str) -> object:
        found = self.row.get(path, MISSING)
        if found is MISSING and path.casefold() in self.folded:
            found = self.row[self.folded[path.casefold()]]
        return found


_LONE_CR = re.compile(r"(?<=\r)(?!\n)")  # old Mac line ends, which csv reads as line ends too


def read_csv(stream: BinaryIO, tally: Tally) -> None:
    """Count every row of a CSV file with a header."""
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
    tally.tool = Tool("csv")
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if not any(header):
            tally.fail(
                1,
                1,
                "the CSV file has no header row",
                "start with a row of column names, such as id,input,correct",
            )
            return
        folded = {name.casefold(): name for name in reversed(header) if name}
        field = _header_field(header, folded, tally.options.field)
        if field is None:
            tally.seen = [cell for cell in header if cell]
            tally._no_field()
            return
        named = {field, tally.options.slice, *(test.field for test in tally.options.where)}
        wanted = {folded.get(name.casefold(), name) for name in named if name}
        twice = next((name for name in header if name in wanted and header.count(name) > 1), None)
        if twice is not None:
            tally.fail(
                1,
                1,
                f"the column {twice!r} is in the header {header.count(twice)} times",
                "name each column once, or read another column",
            )
            return
        tally.field = field
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            tally.case(CsvCase(dict(zip(header, row)), folded), line)
    except csv.Error as error:
        tally.fail(
            line or 1, 1, f"the CSV file cannot be read: {error}", "save it as plain CSV with a header row"
        )


def _header_field(header: list[str], folded: dict[str, str], named: str) -> str | None:
    """Return the header's name of the verdict column: the one named (in any case), or the first of
    PASS_FIELDS present; None if there is none."""
    for name in [named] if named else PASS_FIELDS:
        if name in header:
            return name
    for name in [named] if named else PASS_FIELDS:
        if name.casefold() in folded:
            return folded[name.casefold()]
    return None
