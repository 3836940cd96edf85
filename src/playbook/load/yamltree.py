"""Safe YAML reading into a small tree of nodes that remember where they came from.

We build the tree from libyaml's event stream ourselves instead of letting PyYAML construct
Python objects, for three reasons: every key and value keeps its line and column; duplicate keys,
alias bombs and absurd nesting are caught while reading, before any memory is spent on them; and
scalars stay as the author wrote them, so the schema — not YAML 1.1's implicit typing, which reads
``NO`` as false, ``22:22`` as 1342 and ``1.10`` as 1.1 — decides what a value means.
"""

from __future__ import annotations

import yaml
from msgspec import Struct, field

from playbook.lazyregex import regex

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 24
MAX_NODES = 20_000  # counting every alias expansion, so a billion laughs stops here
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
PLAIN_TAGS = frozenset(
    {
        None,
        "!",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)


# The YAML 1.2 core schema's types of plain scalars (what yaml-language-server and other YAML 1.2
# readers give a JSON Schema to validate): the schema's types are read the same way here.
CORE_BOOL = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
CORE_INT = regex(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
CORE_FLOAT = regex(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
TAG_TYPES = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:timestamp": "str",
    "!": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}


def core_type(node: "Node") -> str:
    """Return what YAML 1.2's core schema makes of a scalar: "null", "bool", "int", "float" or "str"."""
    if node.tag is not None:
        return TAG_TYPES.get(node.tag, "str")
    if not node.plain:
        return "str"
    text = node.value
    if text in NULLS:
        return "null"
    if text in CORE_BOOL:
        return "bool"
    if CORE_INT.fullmatch(text):
        return "int"
    return "float" if CORE_FLOAT.fullmatch(text) else "str"


class Node(Struct):
    """A scalar (``value`` is its text), mapping (``items`` of key/value nodes) or sequence."""

    kind: str  # "scalar" | "mapping" | "sequence"
    line: int  # 1-based, in the file
    column: int  # 1-based
    value: str = ""
    plain: bool = True  # a scalar written without quotes (so `~` and `null` mean nothing)
    tag: str | None = None
    length: int = 1  # characters the node spans on its first line
    items: list = field(default_factory=list)
    size: int = 1  # nodes in this subtree, aliases expanded

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain and self.tag is None and self.value in NULLS

    def get(self, key: str) -> "Node | None":
        for k, v in self.items:
            if k.value == key:
                return v
        return None


class YamlProblem(Struct, frozen=True):
    """Why a document could not be read: a code (PB001 or PB004), where, and what to do."""

    code: str
    line: int
    column: int
    message: str
    hint: str = ""


class _Stop(Exception):
    def __init__(self, problem: YamlProblem):
        self.problem = problem


def read_yaml(text: str, first_line: int = 1) -> tuple[Node | None, list[YamlProblem]]:
    """Return the single document in ``text`` as a node tree, and the problems met reading it.

    ``first_line`` is the file line that ``text`` starts on, so positions point into the file.
    Duplicate keys are reported and the first one is kept; anything else stops the reading.
    """
    builder = _Builder(first_line)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Stop as stop:
        return None, builder.problems + [stop.problem]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "invalid YAML").strip()
        if error.context_mark is not None and error.context == "while scanning a quoted scalar":
            # An unclosed quote or similar: YAML notices at the end, the cause is where it began.
            noticed = first_line + mark.line if mark else first_line
            mark = error.context_mark
            context = error.context.removeprefix("while scanning ")
            problem = f"{problem} ({context} that starts here; noticed on line {noticed})"
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        source_line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        if "\t" in source_line[:column]:
            problem = "a tab character where YAML expects spaces"
        return None, builder.problems + [
            YamlProblem("PB001", line, column, f"invalid YAML: {problem}", _yaml_hint(problem))
        ]
    except yaml.reader.ReaderError as error:  # a control character: it has an offset, not a mark
        before = text[: error.position]
        line = first_line + before.count("\n")
        column = error.position - (before.rfind("\n") + 1) + 1
        character = error.character if isinstance(error.character, str) else chr(error.character)
        return None, builder.problems + [
            YamlProblem(
                "PB001",
                line,
                column,
                f"invalid YAML: control character {character!r} is not allowed",
                "delete it, or write it as an escape in a double-quoted string",
            )
        ]
    except yaml.YAMLError as error:
        return None, builder.problems + [YamlProblem("PB001", first_line, 1, f"invalid YAML: {error}", "")]
    return builder.root, builder.problems


def _yaml_hint(problem: str) -> str:
    if "quoted scalar" in problem:
        return "close the quote, or remove it"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "quote a value that contains ': '"
    if "found character that cannot start any token" in problem:
        return "quote a value that starts with a special character such as @, ` or %"
    if "maximum nesting depth" in problem:
        return "front matter needs only a few levels of nesting"
    return "check the indentation and quoting around this position"


class _Builder:
    """Turns parser events into nodes, enforcing the limits as it goes."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.root: Node | None = None
        self.stack: list[tuple[Node, Node | None]] = []  # (container, pending mapping key)
        self.anchors: dict[str, Node] = {}
        self.total = 0
        self.documents = 0
        self.problems: list[YamlProblem] = []

    def stop(self, event, message: str, hint: str = "") -> None:
        line, column = self.where(event)
        raise _Stop(YamlProblem("PB001", line, column, message, hint))

    def where(self, event) -> tuple[int, int]:
        mark = event.start_mark
        return self.first_line + mark.line, mark.column + 1

    def feed(self, event) -> None:
        handler = self.handlers.get(event.__class__)
        if handler is not None:
            handler(self, event)

    def on_document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            self.stop(event, "front matter holds more than one YAML document", "remove the extra '---' line")

    def on_scalar(self, event) -> None:
        if event.tag is not None and event.tag not in PLAIN_TAGS:
            self.check_tag(event)
        start, end = event.start_mark, event.end_mark
        node = Node(
            "scalar",
            self.first_line + start.line,
            start.column + 1,
            event.value,
            event.style is None or event.style == "",
            None if event.tag in (None, "!") else event.tag,
            end.column - start.column if end.line == start.line else 1,
        )
        self.add(event, node)

    def on_start(self, event) -> None:
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            self.stop(
                event,
                f"front matter is nested more than {MAX_DEPTH} levels deep",
                "flatten it: briefs need three levels at most",
            )
        line, column = self.where(event)
        node = Node("mapping" if event.__class__ is yaml.MappingStartEvent else "sequence", line, column)
        self.add(event, node, open_container=True)

    def on_end(self, event) -> None:
        node, _ = self.stack.pop()
        if self.stack:
            self.stack[-1][0].size += node.size - 1  # the child counted 1 when added

    def on_alias(self, event) -> None:
        target = self.anchors.get(event.anchor)
        if target is None:  # libyaml reports this itself; kept for the pure-Python parser
            self.stop(event, f"unknown alias *{event.anchor}")
        self.add(event, target, alias=True)

    handlers = {
        yaml.DocumentStartEvent: on_document,
        yaml.ScalarEvent: on_scalar,
        yaml.MappingStartEvent: on_start,
        yaml.SequenceStartEvent: on_start,
        yaml.MappingEndEvent: on_end,
        yaml.SequenceEndEvent: on_end,
        yaml.AliasEvent: on_alias,
    }

    def check_tag(self, event) -> None:
        if event.tag not in PLAIN_TAGS:
            self.stop(
                event,
                f"YAML tag {event.tag} is not allowed in front matter",
                "remove the tag; plain values are enough",
            )

    def add(self, event, node: Node, open_container: bool = False, alias: bool = False) -> None:
        self.total += node.size if alias else 1
        if self.total > MAX_NODES:
            self.stop(
                event,
                f"front matter expands to more than {MAX_NODES} values (an alias bomb?)",
                "remove the anchors and aliases",
            )
        anchor = getattr(event, "anchor", None)
        if anchor and not alias:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
        else:
            parent, key = self.stack[-1]
            parent.size += node.size if alias else 1
            if parent.kind == "sequence":
                parent.items.append(node)
            elif key is None:
                if node.kind != "scalar":
                    self.stop(
                        event,
                        "a mapping key must be a plain value, not a list or mapping",
                        "write 'key: value'",
                    )
                self.stack[-1] = (parent, node)
            else:
                self.stack[-1] = (parent, None)
                self.add_pair(parent, key, node)
        if open_container:
            self.stack.append((node, None))

    def add_pair(self, mapping: Node, key: Node, value: Node) -> None:
        for earlier, _ in mapping.items:
            if earlier.value == key.value:
                self.problems.append(
                    YamlProblem(
                        "PB004",
                        key.line,
                        key.column,
                        f"key {key.value!r} is given twice in one mapping (first on line {earlier.line})",
                        "keep one of them; YAML would silently drop the first",
                    )
                )
                return
        mapping.items.append((key, value))
