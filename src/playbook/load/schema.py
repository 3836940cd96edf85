"""A small declarative schema: it reads a YAML node tree into plain values with positions,
reports every problem at once, and exports itself as JSON Schema.

The brief format and ``playbook.yaml`` are both declared with it (see ``formats.py`` and ``config.py``), so the
validator, the error messages and the editor schema can never disagree.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from playbook.diagnostics import Diagnostic, Position, Span, quote
from playbook.load.source import CONTROL
from playbook.load.yamltree import Node
from playbook.rules import diagnostic
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


class Reading:
    """Collects diagnostics and value positions while one document is read."""

    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        # key -> (line, column, length): plain tuples, because a cache holds hundreds of thousands
        self.spans: dict[str, tuple[int, int, int]] = {}
        self.keys: dict[str, Node] = {}  # the key node of every field read, to point at a parent

    def problem(self, code: str, node: Node, message: str, hint: str = "") -> None:
        self.diagnostics.append(diagnostic(code, self.path, Position(node.line, node.column), message, hint, node.length))

    def remember(self, key: str, node: Node) -> None:
        self.spans[key] = (node.line, node.column, node.length)

    def span(self, key: str) -> Span:
        line, column, length = self.spans[key]
        return Span(Position(line, column), length)


class Invalid(Exception):
    """Raised by a reader after it has reported why the value is invalid."""


@dataclass(frozen=True)
class Spec:
    """A field's type. Subclasses read a node into a value and describe themselves as JSON Schema."""

    description: str = ""
    required: bool = False
    default: object = None

    def read(self, node: Node, reading: Reading, key: str) -> object:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def expected(self) -> str:
        raise NotImplementedError

    def _scalar(self, node: Node, reading: Reading, key: str) -> str:
        if node.kind != "scalar":
            reading.problem("PB002", node, f"{key}: expected {self.expected()}, got a {node.kind}", self.hint())
            raise Invalid
        return node.value.strip()

    def _wrong(self, node: Node, reading: Reading, key: str, extra: str = "") -> Invalid:
        reading.problem("PB002", node, f"{key}: expected {self.expected()}, got {quote(node.value.strip())}", extra or self.hint())
        return Invalid()

    def hint(self) -> str:
        return ""

    def _with_description(self, schema: dict) -> dict:
        if self.description:
            schema["description"] = self.description
        return schema


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


@dataclass(frozen=True)
class TextList(Spec):
    item: Spec = field(default_factory=Text)
    max_items: int | None = None

    def expected(self) -> str:
        return f"a list of {self.item.expected()}"

    def hint(self) -> str:
        return "write a list like [a, b] or one '- item' per line"

    def read(self, node, reading, key):
        if node.kind != "sequence":
            reading.problem("PB002", node, f"{key}: expected {self.expected()}, got {_describe(node)}", self.hint())
            raise Invalid
        if self.max_items is not None and len(node.items) > self.max_items:
            reading.problem("PB002", node, f"{key}: at most {self.max_items} entries, got {len(node.items)}",
                            "keep the few that matter")
            raise Invalid
        values = []
        failed = False
        for index, child in enumerate(node.items):
            reading.remember(f"{key}.{index}", child)
            try:
                values.append(self.item.read(child, reading, f"{key}[{index}]"))
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        return tuple(values)

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return self._with_description(schema)


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known fields; unknown keys are PB003 warnings with a did-you-mean."""

    fields: dict[str, Spec] = field(default_factory=dict)
    one_of: tuple[tuple[str, ...], ...] = ()  # alternative sets of required fields

    def expected(self) -> str:
        return "a mapping of fields"

    def read(self, node, reading, key):
        prefix = f"{key}." if key else ""
        if node.kind != "mapping":
            where = f"{key}: " if key else ""
            reading.problem("PB002" if key else "PB001", node, f"{where}expected {self.expected()}, got {_describe(node)}",
                            "write 'name: value' pairs")
            raise Invalid
        values: dict[str, object] = {}
        failed = False
        for key_node, value_node in node.items:
            name = key_node.value
            spec = self.fields.get(name)
            if spec is None:
                where = f" in {key}" if key else ""
                reading.problem("PB003", key_node, f"unknown field {quote(name)}{where}",
                                did_you_mean(name, self.fields) or f"known fields: {', '.join(self.fields)}")
                continue
            reading.keys[prefix + name] = key_node
            # Point at the value when it sits on the key's line, else at the key (a block below it, or nothing).
            reading.remember(prefix + name, value_node if value_node.line == key_node.line and not value_node.is_null else key_node)
            if value_node.is_null:
                continue  # an empty value counts as absent, and is reported as missing if required
            try:
                values[name] = spec.read(value_node, reading, prefix + name)
            except Invalid:
                failed = True
                values[name] = Invalid
        for name, spec in self.fields.items():
            if spec.required and name not in values:
                failed = True
                # Point at the key if it was written with no value, else at the mapping's own key.
                self._missing(reading.keys.get(prefix + name) or reading.keys.get(key, node), reading, prefix + name, spec)
        if self.one_of and not any(all(n in values for n in group) for group in self.one_of):
            failed = True
            options = " or ".join(" and ".join(prefix + n for n in group) for group in self.one_of)
            reading.problem("PB002", reading.keys.get(key, node), f"{key or 'front matter'}: give {options}", "")
        if failed:
            raise Invalid
        for name, spec in self.fields.items():
            if name not in values and spec.default is not None:
                values[name] = spec.default
        return values

    @staticmethod
    def _missing(node: Node, reading: Reading, key: str, spec: Spec) -> None:
        hint = f"add {key.rsplit('.', 1)[-1]}: {spec.expected()}"
        if spec.description:
            hint += f" — {spec.description}"
        reading.problem("PB002", node, f"missing required field {key}", hint)

    def json_schema(self):
        schema: dict = {
            "type": "object",
            "properties": {name: spec.json_schema() for name, spec in self.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        if self.one_of:
            schema["anyOf"] = [{"required": list(group)} for group in self.one_of]
        return self._with_description(schema)


@dataclass(frozen=True)
class Table(Spec):
    """A mapping from keys of one kind (checked by ``keys``) to values of one spec."""

    keys: tuple[str, ...] = ()
    value: Spec = field(default_factory=Text)

    def expected(self) -> str:
        return "a mapping"

    def read(self, node, reading, key):
        if node.kind != "mapping":
            reading.problem("PB002", node, f"{key}: expected a mapping, got {_describe(node)}", "write 'name: value' pairs")
            raise Invalid
        values = {}
        failed = False
        for key_node, value_node in node.items:
            name = key_node.value.strip()
            if self.keys and name not in self.keys:
                reading.problem("PB002", key_node, f"{key}: unknown key {quote(name)}", did_you_mean(name, self.keys))
                failed = True
                continue
            reading.remember(f"{key}.{name}", value_node)
            try:
                values[name] = self.value.read(value_node, reading, f"{key}.{name}")
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        return values

    def json_schema(self):
        schema: dict = {"type": "object", "additionalProperties": self.value.json_schema()}
        if self.keys:
            schema["propertyNames"] = {"enum": list(self.keys)}
        return self._with_description(schema)


def _describe(node: Node) -> str:
    if node.kind == "scalar":
        return quote(node.value.strip()) if node.value.strip() else "nothing"
    return f"a {node.kind}"


def read_document(spec: Record, root: Node | None, path: str) -> tuple[dict | None, Reading]:
    """Return the values of ``root`` read through ``spec`` (None if any error), and the reading."""
    reading = Reading(path)
    if root is None or root.is_null:
        reading.diagnostics.append(diagnostic("PB001", path, Position(), "front matter is empty", "add the fields between the '---' lines"))
        return None, reading
    try:
        values = spec.read(root, reading, "")
    except Invalid:
        return None, reading
    return values, reading
