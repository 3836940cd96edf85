"""The labelled corpus of prose field values (``tests/judgement/*.txt``), in markdown-it-py's
fixture style: a title line, ``.``, ``field: text``, ``.``, the expected codes or ``pass``, ``.``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    title: str
    field: str
    text: str
    expected: frozenset[str]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def read_cases(path: Path) -> list[Case]:
    """Return the cases of one corpus file; raises ValueError at the line of a malformed case."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.startswith("#"):
            index += 1
            continue
        block = lines[index : index + 6]
        if len(block) < 6 or block[1] != "." or block[3] != "." or block[5] != "." or ": " not in block[2]:
            raise ValueError(f"{path.name}:{index + 1}: expected title, '.', 'field: text', '.', codes, '.'")
        field, text = block[2].split(": ", 1)
        expected = frozenset() if block[4].strip() == "pass" else frozenset(block[4].split())
        cases.append(Case(path.name, index + 3, line, field, text, expected))
        index += 6
    return cases


def corpus(folder: Path = HERE) -> list[Case]:
    """Return every case of every corpus file in ``folder``."""
    return [case for path in sorted(folder.glob("*.txt")) for case in read_cases(path)]
