"""A buffer's outline for the editor: its front matter's keys as a tree (a record's keys under it)
and its Markdown sections by heading level, read by indentation and ``#`` so that a half-written
brief has one too. Positions are 0-based lines and characters (code points)."""

from __future__ import annotations

import re

from lsprotocol import types

from playbook.analysis.links import FENCE_OPEN
from playbook.lsp.context import KEY, front_matter_end
from playbook.lsp.outline import scalar_span

HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
DETAIL = 60  # characters of a value shown beside its key


def document_symbols(lines: list[str], whole: bool = False) -> list[types.DocumentSymbol]:
    """Return the keys of the front matter (all of a YAML file when ``whole``) and the sections
    of the body, in order."""
    lines = [line.rstrip("\r\n") for line in lines]
    end = front_matter_end(lines, whole)
    first = 0 if whole else 1
    found = _keys(lines, first, end) if end >= 0 else []
    return found + _sections(lines, end + 1 if end >= 0 and not whole else (len(lines) if whole else 0))


def _span(line: int, start: int, end: int) -> types.Range:
    return types.Range(types.Position(line, start), types.Position(line, end))


def _keys(lines: list[str], first: int, end: int) -> list[types.DocumentSymbol]:
    """Return the keys of ``lines[first:end]`` as a tree, by indentation."""
    top: list[types.DocumentSymbol] = []
    open_keys: list[tuple[int, types.DocumentSymbol]] = []  # (indent, symbol) from the outermost
    for index in range(first, end):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip())
        while open_keys and open_keys[-1][0] >= indent:
            open_keys.pop()
        for _, holder in open_keys:  # the keys holding this line reach down to it
            holder.range.end = types.Position(index, len(text))
        match = KEY.match(text)
        if match is None or text.lstrip().startswith("-"):
            continue
        start, stop = scalar_span(text, match.end())
        value = text[start:stop]
        symbol = types.DocumentSymbol(
            name=match.group("key"),
            kind=types.SymbolKind.Field if value else types.SymbolKind.Object,
            range=_span(index, match.start("key"), len(text)),
            selection_range=_span(index, match.start("key"), match.end("key")),
            detail=value[:DETAIL] or None,
            children=[],
        )
        (open_keys[-1][1].children if open_keys else top).append(symbol)
        open_keys.append((indent, symbol))
    return top


def _sections(lines: list[str], first: int) -> list[types.DocumentSymbol]:
    """Return the body's ATX headings as a tree: each section holds the deeper ones after it."""
    top: list[types.DocumentSymbol] = []
    open_sections: list[tuple[int, types.DocumentSymbol]] = []
    fence: str | None = None
    for index in range(first, len(lines)):
        text = lines[index]
        opener = FENCE_OPEN.match(text)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        elif (heading := HEADING.match(text)) and heading.group(2).strip():
            level = len(heading.group(1))
            while open_sections and open_sections[-1][0] >= level:
                open_sections.pop()
            symbol = types.DocumentSymbol(
                name=heading.group(2).strip(),
                kind=types.SymbolKind.String,
                range=_span(index, 0, len(text)),
                selection_range=_span(index, heading.start(2), heading.end(2)),
                children=[],
            )
            (open_sections[-1][1].children if open_sections else top).append(symbol)
            open_sections.append((level, symbol))
            continue
        for _, holder in open_sections:  # each open section reaches down to this line
            holder.range.end = types.Position(index, len(text))
    return top
