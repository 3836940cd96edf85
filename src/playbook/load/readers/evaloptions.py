"""How a brief asks its evaluation file to be read: ``model.eval_field``, ``eval_pass``,
``eval_where`` and ``eval_slice``. Their grammar is written once, as named pieces of regular
expressions, which the schema exports to editors as they are and the reader parses with; nothing
in an option is ever run — ``eval_where`` compares a case's values as text or numbers, no more.

- ``eval_pass``: a threshold, ``">= 0.7"`` (``>=``, ``>``, ``<=`` or ``<`` and a number; a bare
  number means ``>=``), or a list of passing labels, ``[factual, correct]`` (any case);
- ``eval_where``: tests joined by ``and``, each ``FIELD == VALUE`` or ``FIELD != VALUE``; a field
  is a name or dotted path (``metric``, ``metadata.split``) or any text in quotes, a value a word
  or any text in quotes: ``metric == correctness and "judge model" != gpt-4o``.
"""

from __future__ import annotations

import math
import re

from msgspec import Struct

from playbook.diagnostics import Position, quote
from playbook.lazyregex import regex
from playbook.load.model import ModelFacts
from playbook.load.scalars import core_number
from playbook.load.schema import TextList
from playbook.load.spec import Invalid, Spec
from playbook.load.yamltree import core_type
from playbook.rules import diagnostic

# The grammar's pieces: plain ASCII classes only, so that Python and ECMA-262 (with the u flag, as
# editors compile a schema's patterns) read each the same way.
SPACE = "[ \t]*"
NAME = "[A-Za-z_][A-Za-z0-9_./-]*"  # a column or a dotted path into each case
QUOTED = "\"[^\"]*\"|'[^']*'"  # any text, in double or single quotes
WORD = "[^ \t\"'=!<>][^ \t\"']*"  # a value without quotes: no space, no quote, not an operator
FIELD = f"(?:{NAME}|{QUOTED})"
EQUALITY = "(?:==|!=)"
VALUE = f"(?:{QUOTED}|{WORD})"
TEST = f"{SPACE}{FIELD}{SPACE}{EQUALITY}{SPACE}{VALUE}{SPACE}"
WHERE = f"{TEST}(?:[ \t]and[ \t]{TEST})*"
NUMBER = "-?(?:[0-9]+(?:[.][0-9]*)?|[.][0-9]+)(?:[eE][-+]?[0-9]+)?"
COMPARISON = "(?:>=|<=|>|<)"
THRESHOLD = f"{SPACE}({COMPARISON}){SPACE}({NUMBER}){SPACE}"
MAX_WHERE = 300  # characters of eval_where
MAX_LABELS = 50
MAX_BOUND = 1e12  # a bare number's magnitude: scores are shares, points, grades or log-likelihoods

_FIELD, _EQUALITY, _VALUE = (regex(piece) for piece in (FIELD, EQUALITY, VALUE))
_SPACES, _AND = regex(SPACE), regex("and[ \t]")
_THRESHOLD = regex(THRESHOLD)
PASS_EXAMPLE = '">= 0.7"'
WHERE_EXAMPLE = '"metric == correctness"'


class Condition(Struct, frozen=True):
    """One test of ``eval_where``: the case's ``field`` equals ``value`` (or not, ``negated``)."""

    field: str
    value: str
    negated: bool = False

    def matches(self, found: object) -> bool:
        """Return whether a case whose field holds ``found`` (``MISSING`` when it has none) passes."""
        if found is MISSING or found is None or isinstance(found, Container):
            return self.negated
        wanted, number = self.value, _number(self.value)
        have = _number(found) if not isinstance(found, bool) else None
        equal = have == number if number is not None and have is not None else as_text(found) == wanted
        return equal != self.negated


class PassRule(Struct, frozen=True):
    """What passes: a score compared with ``bound`` (``comparison`` is ``>=``, ``>``, ``<=`` or
    ``<``), or, with no comparison, a value among ``labels`` (casefolded)."""

    text: str  # as the brief wrote it, for messages
    comparison: str = ""
    bound: float = 0.0
    labels: tuple[str, ...] = ()

    def passes(self, score: float) -> bool:
        """Return whether a numeric ``score`` passes the threshold."""
        return {">=": score >= self.bound, ">": score > self.bound, "<=": score <= self.bound}.get(
            self.comparison, score < self.bound
        )


class EvalOptions(Struct, frozen=True):
    """How to read one evaluation file: the verdict's field, what passes, which rows are cases, and
    the field whose values group the cases into slices. Empty means the format's own choice."""

    field: str = ""
    passing: PassRule | None = None
    where: tuple[Condition, ...] = ()
    where_text: str = ""
    slice: str = ""

    @property
    def key(self) -> str:
        """Return text that differs exactly when the options read a file differently (a cache key)."""
        rule = self.passing.text if self.passing else ""
        return "\x1f".join((self.field, rule, self.where_text, self.slice))


class Container:
    """A case's value that is a mapping or a list, which no option compares: only its kind is kept."""

    __slots__ = ("kind",)

    def __init__(self, kind: str):
        self.kind = kind


MISSING = Container("nothing")  # the case has no such field


def as_text(value: object) -> str:
    """Return a case's scalar value as the text a label, a slice or eval_where compares."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and re.fullmatch(NUMBER, value.strip()):
        return float(value)
    return None


def eval_options(model: ModelFacts) -> EvalOptions:
    """Return the reading options a brief's ``model:`` gives (already checked by the schema)."""
    passing = None
    if isinstance(model.eval_pass, tuple) and model.eval_pass:
        labels = tuple(label.strip().casefold() for label in model.eval_pass)
        passing = PassRule("[" + ", ".join(model.eval_pass) + "]", labels=labels)
    elif model.eval_pass:
        passing = parse_threshold(model.eval_pass)
    where, _ = parse_where(model.eval_where) if model.eval_where else ((), None)
    return EvalOptions(model.eval_field, passing, where, model.eval_where, model.eval_slice)


def parse_threshold(text: str) -> PassRule | None:
    """Return the threshold ``text`` writes, or None when it is not one."""
    match = _THRESHOLD.fullmatch(text)
    if match is None:
        return None
    return PassRule(f"{match[1]} {match[2]}", match[1], float(match[2]))


def parse_where(text: str) -> tuple[tuple[Condition, ...], tuple[int, str] | None]:
    """Return the tests of an ``eval_where`` text, or the offset and message of its first mistake."""
    tests: list[Condition] = []
    at = _SPACES.match(text).end()
    while True:
        field = _FIELD.match(text, at)
        if field is None:
            what = "a field to test" if not tests else "a field after 'and'"
            return (), (at, f"expected {what}, such as metric, got {_shown(text, at)}")
        at = _SPACES.match(text, field.end()).end()
        operator = _EQUALITY.match(text, at)
        if operator is None:
            return (), (at, f"expected == or != after {field[0]}, got {_shown(text, at)}")
        at = _SPACES.match(text, operator.end()).end()
        value = _VALUE.match(text, at)
        if value is None:
            return (), (at, f"expected a value after {operator[0]}, got {_shown(text, at)}")
        tests.append(Condition(_unquoted(field[0]), _unquoted(value[0]), operator[0] == "!="))
        end = value.end()
        at = _SPACES.match(text, end).end()
        if at == len(text):
            return tuple(tests), None
        joined = _AND.match(text, at) if at > end else None
        if joined is None:
            return (), (at, f"expected 'and' or the end after {value[0]}, got {_shown(text, at)}")
        at = _SPACES.match(text, joined.end()).end()


def _unquoted(token: str) -> str:
    return token[1:-1] if token[:1] in "\"'" else token


def _shown(text: str, at: int) -> str:
    return quote(text[at : at + 20]) if at < len(text) else "the end"


class PassSpec(Spec):
    """The schema type of ``eval_pass``: a threshold (a number means ``>=`` it) or passing labels."""

    def expected(self) -> str:
        return f"a threshold such as {PASS_EXAMPLE}, or a list of passing labels such as [factual, correct]"

    def read(self, node, reading, key):
        if node.kind == "sequence":
            labels = _LABELS.read(node, reading, key)
            if not labels:
                reading.problem(
                    "PB002", node, f"{key}: give at least one passing label", "such as [factual, correct]"
                )
                raise Invalid
            return labels
        text = self._scalar(node, reading, key)
        kind = core_type(node)
        if kind in ("int", "float"):
            bound = core_number(text, kind)
            if not math.isfinite(bound) or abs(bound) > MAX_BOUND:
                raise self._wrong(node, reading, key)
            return f">= {int(bound) if kind == 'int' else bound!r}"
        rule = parse_threshold(text) if kind == "str" else None
        if rule is None:
            hint = ""
            if kind == "str" and re.search("=>|=<|≥|≤", text):
                hint = "write >= or <=, the comparison first"
            elif kind == "str" and not re.search("[<>=]", text):
                hint = f"a threshold starts with >=, >, <= or <; passing labels are a list: [{text}]"
            elif kind == "str":
                hint = f"a threshold is >=, >, <= or < and a number, such as {PASS_EXAMPLE}"
            raise self._wrong(node, reading, key, hint)
        return rule.text

    def json_schema(self):
        return self._with_description(
            {
                "anyOf": [
                    {"type": "number", "minimum": -MAX_BOUND, "maximum": MAX_BOUND},
                    {"type": "string", "pattern": f"^{THRESHOLD}$"},
                    {**_LABELS.json_schema(), "minItems": 1},
                ]
            }
        )


_LABELS = TextList(max_items=MAX_LABELS)


class WhereSpec(Spec):
    """The schema type of ``eval_where``: each mistake is reported where it is in the text."""

    def expected(self) -> str:
        return f"tests such as {WHERE_EXAMPLE}, joined by 'and'"

    def read(self, node, reading, key):
        text = self._scalar(node, reading, key)
        if core_type(node) != "str":
            raise self._wrong(node, reading, key, f"write it as text, in quotes: {WHERE_EXAMPLE}")
        if len(text) > MAX_WHERE:
            reading.problem("PB002", node, f"{key}: over {MAX_WHERE} characters", "test a field or two")
            raise Invalid
        _, mistake = parse_where(text)
        if mistake is None:
            return text
        offset, message = mistake
        # Point into the text when it is written on one line as it reads (no escapes).
        lead = len(node.value) - len(node.value.lstrip())
        inner = node.column + (0 if node.plain else 1) + lead + offset
        exact = node.length == len(node.value) + (0 if node.plain else 2)
        where = Position(node.line, inner if exact else node.column)
        hint = f"write tests such as {WHERE_EXAMPLE}; put a name or value with spaces in quotes"
        reading.diagnostics.append(diagnostic("PB002", reading.path, where, f"{key}: {message}", hint))
        raise Invalid

    def json_schema(self):
        return self._with_description({"type": "string", "pattern": f"^(?:{WHERE})$", "maxLength": MAX_WHERE})
