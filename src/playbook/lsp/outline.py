"""What navigation needs of one brief or page, read from its text as a person reads it, so that a
half-written brief with errors still has its title, its slug and its links: the slug (an explicit
``slug:`` or the file name), where the title is, and every place that names another brief — each
``related:`` entry and each ``[[slug]]`` outside code, with the span of the slug itself. The judge
process outlines every file of the project when its bytes change; the server outlines the open
buffers afresh for each request."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from msgspec import Struct

from playbook.analysis.links import find_wikilinks
from playbook.layout import BRIEFS
from playbook.lsp.context import KEY, front_matter_end

ITEM = re.compile(r"^\s*-\s+")
FLOW_ITEM = re.compile(r"[^,\[\]\s][^,\[\]]*")


class Mention(Struct, frozen=True):
    """A place where a file names a brief's slug: 0-based line, and the slug's characters."""

    target: str
    line: int
    start: int
    end: int
    kind: str  # "related" | "body"
    text: str | None = None  # the line, when it is not ASCII (the client counts other units)


class Outline(Struct, frozen=True):
    """One file of the project, as navigation sees it."""

    path: str
    slug: str
    title: str = ""
    title_line: int = 0  # the 0-based line of ``title:``, 0 without one
    slug_span: tuple[int, int, int] | None = None  # line, start, end of an explicit slug's value
    mentions: tuple[Mention, ...] = ()

    @property
    def is_brief(self) -> bool:
        """Whether the file is a brief (the others are plain pages)."""
        return str(PurePosixPath(self.path).parent) == BRIEFS


def scalar_span(line: str, start: int, limit: int | None = None) -> tuple[int, int]:
    """Return the span of the plain or quoted YAML scalar written from ``start`` of ``line``, up
    to ``limit`` (without its quotes, spaces or comment)."""
    limit = len(line) if limit is None else limit
    while start < limit and line[start] in " \t":
        start += 1
    if start < limit and line[start] in "'\"":
        close = line.find(line[start], start + 1, limit)
        return start + 1, close if close > start else limit
    comment = line.find(" #", start, limit)
    end = limit if comment < 0 else comment
    while end > start and line[end - 1] in " \t\r":
        end -= 1
    return start, end


def outline(path: str, text: str) -> Outline:
    """Return the outline of the file at ``path`` (project-relative) holding ``text``."""
    lines = text.split("\n")
    end = front_matter_end(lines)
    title, title_line, slug_span, mentions = "", 0, None, []
    for index in range(1, max(end, 0)):
        match = KEY.match(lines[index])
        if match is None or match.group("indent") or lines[index].lstrip().startswith("-"):
            continue
        key, line = match.group("key"), lines[index].rstrip("\r")
        start, stop = scalar_span(line, match.end())
        if key == "title":
            title, title_line = line[start:stop], index
        elif key == "slug" and stop > start:
            slug_span = (index, start, stop)
        elif key == "related":
            mentions += _related(lines, index, match.end(), end)
    body_first = end + 1 if end >= 0 else 0
    if body_first < len(lines):
        body = "\n".join(lines[body_first:])
        shown: dict[int, str | None] = {}  # each line once, however many links it holds
        for target, number, column, length in find_wikilinks(body, body_first):
            line = lines[number]
            if number not in shown:
                shown[number] = None if line.isascii() else line
            at = line.find(target, column + 1, column + length)  # after "[[", past any spaces
            mentions.append(Mention(target, number, at, at + len(target), "body", shown[number]))
    slug = lines[slug_span[0]][slug_span[1] : slug_span[2]] if slug_span else PurePosixPath(path).stem
    return Outline(path, slug, title, title_line, slug_span, tuple(mentions))


def _related(lines: list[str], index: int, after: int, end: int) -> list[Mention]:
    """Return the entries of ``related:`` on line ``index``: a flow list on that line, or the
    block list's items below it."""
    line = lines[index].rstrip("\r")
    shown = None if line.isascii() else line
    found = []
    opened = line.find("[", after)
    if opened >= 0:
        closed = line.find("]", opened)
        inside = line[opened + 1 : closed if closed >= 0 else len(line)]
        for item in FLOW_ITEM.finditer(inside):
            start, stop = scalar_span(line, opened + 1 + item.start(), opened + 1 + item.end())
            if stop > start:
                found.append(Mention(line[start:stop], index, start, stop, "related", shown))
        return found
    for below in range(index + 1, end):
        text = lines[below].rstrip("\r")
        item = ITEM.match(text)
        if item is None:
            if text.strip() and not text.lstrip().startswith("#"):
                break
            continue
        start, stop = scalar_span(text, item.end())
        if stop > start:
            found.append(
                Mention(text[start:stop], below, start, stop, "related", None if text.isascii() else text)
            )
    return found


def mention_at(found: Outline, line: int, character: int) -> Mention | None:
    """Return the mention under the cursor (on the slug or its brackets), if there is one."""
    on_line = [mention for mention in found.mentions if mention.line == line]
    for reach in (0, 2):  # on the slug, else on the brackets around it
        for mention in on_line:
            if mention.start - reach <= character <= mention.end + reach:
                return mention
    return None
