"""The schema's scalar types: text, numbers (and percentages), booleans, dates and choices.

A value is read as YAML 1.2's core schema types it — the reading every YAML 1.2 tool gives a JSON
Schema to validate — and no further: ``3`` is a number and ``"3"`` is text, ``no`` is text and
``false`` is a boolean, ``0x1f`` is 31. The schema each type exports says exactly what it
accepts, so ``check`` and an editor validating with the exported JSON Schema agree
(tests/test_schema_agreement.py holds them to it)."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

from playbook.diagnostics import quote
from playbook.lazyregex import regex
from playbook.load.source import CONTROL
from playbook.load.spec import Invalid, Spec
from playbook.load.yamltree import core_type
from playbook.suggest import did_you_mean

# A percentage from 0% to 100%, as text ("88%"): the form a share is written in besides 0.88.
PERCENT = regex(r"\s*(100(?:\.0+)?|[0-9]{1,2}(?:\.[0-9]+)?)\s*%\s*")
ISO_DAY = regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What the schema says of text: none of the invisible control characters check refuses.
NO_CONTROL = "^[^\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufdd0-\\ufdef\\ufffe\\uffff]*$"
SPECIAL_FLOATS = {"inf": math.inf, "nan": math.nan}

# Letters that render as nothing: a title of only these would be an empty link.
BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")
INVISIBLE = frozenset({"Cc", "Cf", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def _visible(text: str) -> bool:
    """Whether ``text`` has a character that shows: not only spaces, zero-width and combining marks."""
    return any(unicodedata.category(ch) not in INVISIBLE and ch not in BLANK_LETTERS for ch in text)


def core_number(text: str, kind: str) -> float | int:
    """Return the number a YAML 1.2 core ``int`` or ``float`` scalar means."""
    if kind == "int":
        body = text.lstrip("+-")
        sign = -1 if text.startswith("-") else 1
        if body.startswith("0o"):
            return int(body[2:], 8)
        if body.startswith("0x"):
            return int(body[2:], 16)
        return sign * int(body)
    lowered = text.lower().lstrip("+")
    if lowered.lstrip("-").startswith("."):
        special = SPECIAL_FLOATS.get(lowered.lstrip("-")[1:])
        if special is not None:
            return -special if lowered.startswith("-") else special
    return float(text)


def _kind(node) -> str:
    return core_type(node) if node.kind == "scalar" else node.kind


WHAT = {
    "int": "the number",
    "float": "the number",
    "bool": "the boolean",
    "null": "nothing",
    "str": "the text",
}


class Text(Spec):
    """Text. A number or a boolean written as such is text too (``title: 2026`` is the title
    "2026"), unless there is a ``pattern``: a slug is always text."""

    pattern: str = ""  # a regular expression the whole text must match
    pattern_help: str = ""

    def expected(self) -> str:
        return self.pattern_help or "text"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        kind = _kind(node)
        if self.pattern and kind != "str":
            raise self._wrong(node, reading, key, f'write it as text, in quotes: "{text}"')
        control = CONTROL.search(text)  # made by an escape such as "\e": no file may hold it raw
        if control is not None:
            reading.problem(
                "PB002",
                node,
                f"{key}: contains the invisible control character U+{ord(control.group()):04X}",
                "remove the escape that makes it",
            )
            raise Invalid
        if self.required and not _visible(text):
            reading.problem(
                "PB002",
                node,
                f"{key}: must not be empty" + (" (it has only invisible characters)" if text else ""),
                "write the answer here",
            )
            raise Invalid
        if self.pattern and not re.fullmatch(self.pattern, text):
            raise self._wrong(node, reading, key)
        return text

    def json_schema(self):
        if self.pattern:
            schema: dict = {"type": "string", "pattern": f"^(?:{self.pattern})$"}
        else:
            schema = {"type": ["string", "number", "boolean"], "pattern": NO_CONTROL}
            if self.required:
                schema["minLength"] = 1
        return self._with_description(schema)


class Number(Spec):
    """A number within bounds, whole or not, written as a share or a percentage."""

    minimum: float = -math.inf
    maximum: float = math.inf
    integer: bool = False
    percent: bool = False  # also accept "88%" for 0.88

    def expected(self) -> str:
        kind = "an integer" if self.integer else "a number"
        bounds = (
            f" from {self.minimum:g} to {self.maximum:g}"
            if math.isfinite(self.minimum) and math.isfinite(self.maximum)
            else (f" of at least {self.minimum:g}" if math.isfinite(self.minimum) else "")
        )
        extra = ' or a percentage like "88%"' if self.percent else ""
        return f"{kind}{bounds}{extra}"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        kind = _kind(node)
        match = PERCENT.fullmatch(text) if self.percent and kind == "str" else None
        if match:
            return round(float(match.group(1)) / 100, 6)
        if kind == "str":
            number = re.fullmatch(r"\s*[-+]?[0-9.]+\s*", text)
            hint = (
                "write it without quotes"
                if number
                else ("a percentage is 0% to 100%" if self.percent and "%" in text else "")
            )
            raise self._wrong(node, reading, key, hint)
        if kind not in ("int", "float"):
            raise self._wrong(node, reading, key)
        try:
            value = core_number(text, kind)
        except ValueError:  # an integer of more digits than Python converts
            raise self._wrong(node, reading, key) from None
        if not math.isfinite(value):
            raise self._wrong(node, reading, key)
        if self.integer:
            if value != int(value):
                raise self._wrong(node, reading, key)
            value = int(value)  # 3.0 is the integer 3, as JSON Schema counts it
        if not self.minimum <= value <= self.maximum:
            hint = f'did you mean "{text}%"?' if self.percent and 2 <= value <= 100 else ""
            raise self._wrong(node, reading, key, hint)
        return value

    def json_schema(self):
        schema: dict = {"type": "integer" if self.integer else "number"}
        if math.isfinite(self.minimum):
            schema["minimum"] = self.minimum
        if math.isfinite(self.maximum):
            schema["maximum"] = self.maximum
        if self.percent:
            schema = {"anyOf": [schema, {"type": "string", "pattern": f"^{PERCENT.pattern}$"}]}
        return self._with_description(schema)


class Boolean(Spec):
    """true or false."""

    def expected(self) -> str:
        return "true or false"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if _kind(node) != "bool":
            raise self._wrong(node, reading, key, "write true or false, without quotes")
        return text.lower() == "true"

    def json_schema(self):
        return self._with_description({"type": "boolean"})


class Day(Spec):
    """A calendar date, written as YAML writes one (2026-11-20)."""

    def expected(self) -> str:
        return "a date like 2026-11-20"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if _kind(node) != "str" or not ISO_DAY.fullmatch(
            text
        ):  # fromisoformat() also takes 20261120 and other forms
            hint = "write the date alone, like 2026-11-20" if ISO_DAY.match(text) else ""
            raise self._wrong(node, reading, key, hint)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self._wrong(node, reading, key) from None

    def json_schema(self):
        return self._with_description({"type": "string", "format": "date", "pattern": f"^{ISO_DAY.pattern}$"})


class Choice(Spec):
    """One of a fixed set of words."""

    values: tuple[str, ...] = ()

    def expected(self) -> str:
        return "one of " + ", ".join(self.values)

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if text in self.values and _kind(node) == "str":
            return text
        lower = text.lower()
        hint = (
            f"did you mean {lower!r}? values are lowercase"
            if lower in self.values
            else did_you_mean(text, self.values) or f"use one of {', '.join(self.values)}"
        )
        reading.problem("PB002", node, f"{key}: {quote(text)} is not one of {', '.join(self.values)}", hint)
        raise Invalid

    def json_schema(self):
        return self._with_description({"enum": list(self.values)})
