"""The schema's scalar types: text, numbers (and percentages), booleans, dates and choices, each
read strictly from the text the author wrote, never through YAML's implicit typing."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from playbook.diagnostics import quote
from playbook.load.source import CONTROL
from playbook.load.spec import Invalid, Spec
from playbook.suggest import did_you_mean

PERCENT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*")
# Numbers and dates as YAML 1.2 and JSON Schema write them: ASCII digits only. Python's int() and
# float() also take "1_000", "\u0664" (Arabic-Indic 4) and full-width digits, which an editor
# checking the JSON Schema reads as text: the checker must not accept what the editor rejects.
INTEGER = re.compile(r"[-+]?[0-9]+")
DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:[Zz]|[-+][0-9]{2}:?[0-9]{2})?)?")
TRUE, FALSE = frozenset({"true", "True", "TRUE"}), frozenset({"false", "False", "FALSE"})

# Letters that render as nothing: a title of only these would be an empty link.
BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")
INVISIBLE = frozenset({"Cc", "Cf", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def _visible(text: str) -> bool:
    """Whether ``text`` has a character that shows: not only spaces, zero-width and combining marks."""
    return any(unicodedata.category(ch) not in INVISIBLE and ch not in BLANK_LETTERS for ch in text)


@dataclass(frozen=True)
class Text(Spec):
    pattern: str = ""  # a regular expression the whole text must match
    pattern_help: str = ""

    def expected(self) -> str:
        return self.pattern_help or "text"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        control = CONTROL.search(text)  # made by an escape such as "\e": no file may hold it raw
        if control is not None:
            reading.problem("PB002", node, f"{key}: contains the invisible control character U+{ord(control.group()):04X}",
                            "remove the escape that makes it")
            raise Invalid
        if self.required and not _visible(text):
            reading.problem("PB002", node, f"{key}: must not be empty" + (" (it has only invisible characters)" if text else ""),
                            "write the answer here")
            raise Invalid
        if self.pattern and not re.fullmatch(self.pattern, text):
            raise self._wrong(node, reading, key)
        return text

    def json_schema(self):
        schema = {"type": "string"}
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        elif self.required:
            schema["minLength"] = 1
        return self._with_description(schema)


@dataclass(frozen=True)
class Number(Spec):
    minimum: float = -math.inf
    maximum: float = math.inf
    integer: bool = False
    percent: bool = False  # also accept "88%" for 0.88

    def expected(self) -> str:
        kind = "an integer" if self.integer else "a number"
        bounds = f" from {self.minimum:g} to {self.maximum:g}" if math.isfinite(self.minimum) and math.isfinite(self.maximum) else (
            f" of at least {self.minimum:g}" if math.isfinite(self.minimum) else "")
        extra = ' or a percentage like "88%"' if self.percent else ""
        return f"{kind}{bounds}{extra}"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        match = PERCENT.fullmatch(text) if self.percent else None
        if not match and not (INTEGER if self.integer else DECIMAL).fullmatch(text):
            raise self._wrong(node, reading, key)
        try:
            value = float(match.group(1)) / 100 if match else (int(text) if self.integer else float(text))
        except ValueError:  # an integer of more digits than Python converts
            raise self._wrong(node, reading, key) from None
        if not math.isfinite(value):
            raise self._wrong(node, reading, key)
        if not self.minimum <= value <= self.maximum:
            hint = f'did you mean "{text}%"?' if self.percent and not match and 2 <= value <= 100 else ""
            raise self._wrong(node, reading, key, hint)
        return round(value, 6) if match else value

    def json_schema(self):
        schema: dict = {"type": "integer" if self.integer else "number"}
        if math.isfinite(self.minimum):
            schema["minimum"] = self.minimum
        if math.isfinite(self.maximum):
            schema["maximum"] = self.maximum
        if self.percent:
            schema = {"oneOf": [schema, {"type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*%\s*$"}]}
        return self._with_description(schema)


@dataclass(frozen=True)
class Boolean(Spec):
    def expected(self) -> str:
        return "true or false"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise self._wrong(node, reading, key)

    def json_schema(self):
        return self._with_description({"type": "boolean"})


@dataclass(frozen=True)
class Day(Spec):
    def expected(self) -> str:
        return "a date like 2026-11-20"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if not ISO_DAY.fullmatch(text):  # fromisoformat() also takes 20261120 and other forms
            raise self._wrong(node, reading, key)
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()  # a full timestamp
        except ValueError:
            raise self._wrong(node, reading, key) from None

    def json_schema(self):
        return self._with_description({"type": "string", "format": "date"})


@dataclass(frozen=True)
class Choice(Spec):
    values: tuple[str, ...] = ()

    def expected(self) -> str:
        return "one of " + ", ".join(self.values)

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if text in self.values:
            return text
        lower = text.lower()
        hint = (f"did you mean {lower!r}? values are lowercase" if lower in self.values else
                did_you_mean(text, self.values) or f"use one of {', '.join(self.values)}")
        reading.problem("PB002", node, f"{key}: {quote(text)} is not one of {', '.join(self.values)}", hint)
        raise Invalid

    def json_schema(self):
        return self._with_description({"enum": list(self.values)})
