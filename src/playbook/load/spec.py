"""The base of the schema: what a reading of one document collects (diagnostics, positions), and
:class:`Spec`, a field's type, which reads a node into a value and describes itself as JSON Schema."""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from playbook.diagnostics import Diagnostic, Position, Span, quote
from playbook.load.yamltree import Node
from playbook.rules import diagnostic


class Reading:
    """Collects diagnostics and value positions while one document is read."""

    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        # key -> (line, column, length): plain tuples, because a cache holds hundreds of thousands
        self.spans: dict[str, tuple[int, int, int]] = {}
        self.keys: dict[str, Node] = {}  # the key node of every field read, to point at a parent
        self.partial: dict | None = None  # the fields that were valid, when the document was not
        self.unfit: set[str] = set()  # fields that are valid alone but not together (given both, say)

    def problem(self, code: str, node: Node, message: str, hint: str = "", fix: str = "") -> None:
        """Report a problem at ``node``; ``fix`` is the text that certainly replaces it."""
        found = diagnostic(code, self.path, Position(node.line, node.column), message, hint, node.length)
        self.diagnostics.append(replace(found, fix=fix) if fix else found)

    def remember(self, key: str, node: Node) -> None:
        self.spans[key] = (node.line, node.column, node.length)

    def span(self, key: str) -> Span:
        line, column, length = self.spans[key]
        return Span(Position(line, column), length)


class Invalid(Exception):
    """Raised by a reader after it has reported why the value is invalid. A mapping's reader
    gives the fields it could read (``partial``), so the checks that do not depend on the broken
    ones still run."""

    def __init__(self, partial: dict | None = None):
        super().__init__()
        self.partial = partial


class Spec(Struct, frozen=True):
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
            reading.problem(
                "PB002", node, f"{key}: expected {self.expected()}, got a {node.kind}", self.hint()
            )
            raise Invalid
        return node.value.strip()

    def _wrong(self, node: Node, reading: Reading, key: str, extra: str = "") -> Invalid:
        reading.problem(
            "PB002",
            node,
            f"{key}: expected {self.expected()}, got {quote(node.value.strip())}",
            extra or self.hint(),
        )
        return Invalid()

    def hint(self) -> str:
        return ""

    def _with_description(self, schema: dict) -> dict:
        if self.description:
            schema["description"] = self.description
        return schema
