"""Where the cursor is, read from the lines of a buffer the way a person reads YAML — by
indentation — so that it works on the half-written, invalid front matter of a brief being typed:
inside the front matter or the body, which keys lead to the cursor, and whether a key, a value
or a list item is being written there."""

from __future__ import annotations

import re

from msgspec import Struct

from playbook.load.schema import Record, Spec, Table, TextList

KEY = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:(?=\s|$)")
WORD = re.compile(r"[\w./%-]*$")


class Cursor(Struct, frozen=True):
    """What is being written at the cursor."""

    where: str  # "key" | "value" | "item" | "body" | "none"
    path: tuple[str, ...]  # the keys leading to it; for a value or an item, ending with its key
    start: int  # the character where the word being typed starts
    typed: str  # the word typed so far
    siblings: frozenset[str] = frozenset()  # keys already written beside a key being typed


def front_matter_end(lines: list[str], whole: bool = False) -> int:
    """Return the index of the line that closes the front matter (len(lines) while unclosed), or
    -1 when there is none; ``whole``: the file is all YAML (``playbook.yaml``)."""
    if whole:
        return len(lines)
    if not lines or lines[0].rstrip() != "---":
        return -1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return len(lines)


def cursor_at(lines: list[str], line: int, character: int, whole: bool = False) -> Cursor:
    """Return what is being written at ``line``, ``character`` (0-based, in characters)."""
    end = front_matter_end(lines, whole)
    text = lines[line].rstrip("\r\n") if line < len(lines) else ""
    before = text[:character]
    typed = WORD.search(before).group()
    start = character - len(typed)
    first = 0 if whole else 1
    if end < 0 or line > end or line < first:
        return Cursor("body", (), start, typed) if line > end >= 0 else Cursor("none", (), start, typed)
    if line == end and not whole:
        return Cursor("none", (), start, typed)
    indent = len(text) - len(text.lstrip())
    parents = _parents(lines, first, line, indent)
    match = KEY.match(text)
    if match and character > match.end():  # after "key:" on this line
        key = match.group("key")
        rest = before[match.end() :]
        inline = rest.rfind("[") > rest.rfind("]") or rest.rfind("{") > rest.rfind("}")
        if rest.rfind("{") > rest.rfind("}"):
            after_brace = rest[rest.rfind("{") + 1 :]
            if ":" not in after_brace.rsplit(",", 1)[-1]:
                return Cursor("key", (*parents, key), start, typed)
        return Cursor("item" if inline else "value", (*parents, key), start, typed)
    stripped = before.lstrip()
    if stripped.startswith("- ") or stripped == "-":
        return Cursor("item", parents, start, typed)
    if ":" in before:
        return Cursor("none", parents, start, typed)
    return Cursor("key", parents, start, typed, frozenset(_siblings(lines, first, end, line, indent)))


def _parents(lines: list[str], first: int, line: int, indent: int) -> tuple[str, ...]:
    """Return the keys of the lines above ``line`` that hold it, by indentation, outermost first."""
    found: list[str] = []
    for index in range(line - 1, first - 1, -1):
        match = KEY.match(lines[index])
        if not match or not lines[index].strip() or lines[index].lstrip().startswith("#"):
            continue
        width = len(match.group("indent"))
        if width < indent:
            found.append(match.group("key"))
            indent = width
            if width == 0:
                break
    return tuple(reversed(found))


def _siblings(lines: list[str], first: int, end: int, line: int, indent: int) -> list[str]:
    """Return the keys written at ``indent`` in the same mapping as ``line``."""
    found = []
    for step in (-1, 1):
        index = line + step
        while first <= index < end:
            text = lines[index]
            if text.strip() and not text.lstrip().startswith("#"):
                width = len(text) - len(text.lstrip())
                if width < indent:
                    break
                match = KEY.match(text)
                if match and width == indent:
                    found.append(match.group("key"))
            index += step
    return found


def spec_at(root: Spec, path: tuple[str, ...]) -> Spec | None:
    """Return the spec that ``path`` leads to in ``root`` (a Table's keys lead to its value)."""
    spec: Spec | None = root
    for key in path:
        if isinstance(spec, Record):
            spec = spec.fields.get(key)
        elif isinstance(spec, Table):
            spec = spec.value
        elif isinstance(spec, TextList):
            spec = spec.item
        else:
            return None
    return spec


def word_at(text: str, character: int) -> tuple[str, int, int]:
    """Return the word under ``character`` of ``text`` (letters, digits, '_' and '-'), with its span."""
    start = character
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
        start -= 1
    end = character
    while end < len(text) and (text[end].isalnum() or text[end] in "_-"):
        end += 1
    return text[start:end], start, end
