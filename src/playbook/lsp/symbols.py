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
    holding: list[tuple[int, types.DocumentSymbol]] = []  # (indent, symbol) from the outermost
    last = types.Position(first, 0)  # the end of the last line with content
    for index in range(first, end):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip())
        while holding and holding[-1][0] >= indent:
            _close(holding.pop()[1], last)
        last = types.Position(index, len(text))
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
        (holding[-1][1].children if holding else top).append(symbol)
        holding.append((indent, symbol))
    for _, symbol in holding:
        _close(symbol, last)
    return top


def _close(symbol: types.DocumentSymbol, last: types.Position) -> None:
    """End ``symbol``'s range at ``last``, the end of the last line it holds (once, when it
    closes: a staircase of keys would otherwise take time in the square of its depth)."""
    if (last.line, last.character) > (symbol.range.end.line, symbol.range.end.character):
        symbol.range.end = last


def _sections(lines: list[str], first: int) -> list[types.DocumentSymbol]:
    """Return the body's ATX headings as a tree: each section holds the deeper ones after it."""
    top: list[types.DocumentSymbol] = []
    holding: list[tuple[int, types.DocumentSymbol]] = []
    fence: str | None = None
    last = types.Position(first, 0)
    for index in range(first, len(lines)):
        text = lines[index]
        opener = FENCE_OPEN.match(text)
        heading = HEADING.match(text) if fence is None and not opener else None
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        if heading is not None and heading.group(2).strip():
            level = len(heading.group(1))
            while holding and holding[-1][0] >= level:
                _close(holding.pop()[1], last)
            symbol = types.DocumentSymbol(
                name=heading.group(2).strip(),
                kind=types.SymbolKind.String,
                range=_span(index, 0, len(text)),
                selection_range=_span(index, heading.start(2), heading.end(2)),
                children=[],
            )
            (holding[-1][1].children if holding else top).append(symbol)
            holding.append((level, symbol))
        last = types.Position(index, len(text))
    for _, symbol in holding:
        _close(symbol, last)
    return top
