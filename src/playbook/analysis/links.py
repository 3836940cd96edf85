"""The link graph: ``related:`` lists and ``[[slug]]`` links in bodies, with backlinks and broken links."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from msgspec import Struct, field

from playbook.diagnostics import Diagnostic, Position, quote
from playbook.lazyregex import regex
from playbook.load.model import Brief
from playbook.rules import diagnostic
from playbook.suggest import did_you_mean

WIKILINK = regex(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
FENCE_OPEN = regex(r" {0,3}(`{3,}|~{3,})")
BACKTICKS = regex(r"`+")
# A did-you-mean compares a broken link with every slug: worth it for the first typos, not for
# thousands of broken links in a project of thousands of briefs.
SUGGESTIONS = 100


class Link(Struct, frozen=True):
    """A link from one brief to a slug, as written at ``line``:``column`` of the source file."""

    source: str
    target: str
    kind: str  # "related" | "body"
    line: int
    column: int
    length: int


def find_wikilinks(body: str, first_line: int) -> list[tuple[str, int, int, int]]:
    """Return ``(slug, line, column, length)`` for every ``[[slug]]`` in a Markdown body, outside code."""
    found = []
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opener = FENCE_OPEN.match(line)
        if fence is not None:
            if (
                opener
                and opener.group(1)[0] == fence[0]
                and len(opener.group(1)) >= len(fence)
                and not line.strip(" `~")
            ):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        if line.startswith(("    ", "\t")) or "[[" not in line:
            continue
        visible = without_code_spans(line) if "`" in line else line
        for match in WIKILINK.finditer(visible):
            found.append(
                (match.group(1).strip(), first_line + offset, match.start() + 1, len(match.group(0)))
            )
    return found


def without_code_spans(line: str) -> str:
    """Return ``line`` with its code spans blanked out, columns kept: CommonMark's rule, a run of
    backticks (not escaped) opens a span that the next run of the same length closes, else it is
    text. In one pass: a pattern with a back-reference took time in the square of the line."""
    runs = [(found.start(), found.end()) for found in BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = defaultdict(list)  # each length's runs, in order
    for index, (start, end) in enumerate(runs):
        by_length[end - start].append(index)
    pieces: list[str] = []
    done = index = 0
    while index < len(runs):
        start, end = runs[index]
        slash = start
        while slash > 0 and line[slash - 1] == "\\":
            slash -= 1
        start += (start - slash) % 2  # an escaped backtick is text, the rest of its run may open
        same = by_length.get(end - start, [])
        later = bisect_right(same, index)
        if start == end or later == len(same):
            index += 1
            continue
        close = runs[same[later]][1]
        pieces += [line[done:start], " " * (close - start)]
        done, index = close, same[later] + 1
    return "".join(pieces) + line[done:]


class LinkGraph(Struct, frozen=True):
    """Outgoing links of every brief and, for every brief, who links to it."""

    links: dict[str, tuple[Link, ...]]
    backlinks: dict[str, tuple[str, ...]]

    def related(self, slug: str) -> tuple[str, ...]:
        """Return the slugs ``slug`` links to, related ones first, without repeats or itself."""
        return tuple(dict.fromkeys(link.target for link in self.links.get(slug, ()) if link.target != slug))


def outgoing_links(brief: Brief) -> tuple[Link, ...]:
    """Return the links a brief makes: its related slugs, then its ``[[slug]]`` links."""
    outgoing = []
    for index, target in enumerate(brief.related):
        span = brief.span(f"related.{index}")
        outgoing.append(
            Link(brief.slug, target, "related", span.position.line, span.position.column, span.length)
        )
    for target, line, column, length in find_wikilinks(brief.body, brief.body_line):
        outgoing.append(Link(brief.slug, target, "body", line, column, length))
    return tuple(outgoing)


class LinkMemo(Struct):
    """What :func:`link_briefs` keeps from one analysis to the next (``serve``): each brief's
    outgoing links while it is the same object, and the last graph while the same briefs make the
    same links (an edit to prose)."""

    outgoing: dict[str, tuple[Brief, tuple[Link, ...]]] = field(default_factory=dict)
    shape: tuple | None = None  # what the last graph was made from
    result: tuple[LinkGraph, tuple[Diagnostic, ...]] | None = None


def link_briefs(
    briefs: list[Brief], known: set[str], memo: LinkMemo | None = None
) -> tuple[LinkGraph, list[Diagnostic]]:
    """Return the link graph of ``briefs`` and a PB006 for each link to a slug not in ``known``.

    ``known`` also holds the slugs of briefs that failed to load, so a broken brief does not make
    every link to it broken as well. ``memo`` lets ``serve`` skip scanning bodies that did not
    change, and keep the whole graph while the links are the same.
    """
    links: dict[str, tuple[Link, ...]] = {}
    for brief in briefs:
        hit = memo.outgoing.get(brief.slug) if memo is not None else None
        links[brief.slug] = hit[1] if hit is not None and hit[0] is brief else outgoing_links(brief)
    shape = (frozenset(known), tuple((brief.slug, brief.path, links[brief.slug]) for brief in briefs))
    if memo is not None and memo.result is not None and memo.shape == shape:
        result = memo.result
    else:
        result = _graph(briefs, known, links)
    if memo is not None:  # keep exactly the current briefs
        memo.outgoing = {brief.slug: (brief, links[brief.slug]) for brief in briefs}
        memo.shape, memo.result = shape, result
    return result[0], list(result[1])


def _graph(
    briefs: list[Brief], known: set[str], links: dict[str, tuple[Link, ...]]
) -> tuple[LinkGraph, tuple[Diagnostic, ...]]:
    backlinks: dict[str, set[str]] = defaultdict(set)
    problems: list[Diagnostic] = []
    for brief in briefs:
        for link in links[brief.slug]:
            if link.target not in known:
                suggestion = did_you_mean(link.target, known) if len(problems) < SUGGESTIONS else ""
                problems.append(
                    diagnostic(
                        "PB006",
                        brief.path,
                        Position(link.line, link.column),
                        f"related names no brief: {quote(link.target)}"
                        if link.kind == "related"
                        else f"[[{link.target}]] names no brief"
                        if len(link.target) <= 60
                        else f"[[…]] names no brief: {quote(link.target)}",
                        suggestion or "check the slug: it is the brief's file name without .md",
                        link.length,
                    )
                )
            elif link.target != brief.slug:
                backlinks[link.target].add(brief.slug)
    return LinkGraph(links, {slug: tuple(sorted(sources)) for slug, sources in backlinks.items()}), tuple(
        problems
    )
