"""Paged lists: the ranking, each tag's, status's and sufferer's briefs, and each rule's findings
are cut into pages of ``PAGE_SIZE`` linked in order, so no page grows with the playbook and every
brief stays a plain link away, with or without JavaScript, from a server or from ``file://``."""

from __future__ import annotations

from typing import Sequence, TypeVar

from playbook.site.views.api import LinkView, PagerView

PAGE_SIZE = 100  # rows a page lists: ~100 kB of HTML at most, whatever the playbook's size
NEAR = 2  # pages linked on each side of the current one, besides the first and the last

Item = TypeVar("Item")


def page_path(first: str, number: int, later: str | None = None) -> str:
    """Return the site path of page ``number`` of a list whose first page is ``first``; later
    pages sit under ``later`` (``first`` unless given) as ``<later><number>/``."""
    return first if number == 1 else f"{later if later is not None else first}{number}/"


def paginate(
    items: Sequence[Item], first: str, later: str | None = None, size: int = PAGE_SIZE
) -> list[tuple[str, Sequence[Item], PagerView]]:
    """Return each page of ``items`` as (site path, its items, its pager); an empty list still
    has one page."""
    count = max(1, -(-len(items) // size))
    pages = []
    for number in range(1, count + 1):
        chunk = items[(number - 1) * size : number * size]
        start = (number - 1) * size + 1 if chunk else 0
        pager = PagerView(
            number,
            count,
            len(items),
            start,
            start + len(chunk) - 1 if chunk else 0,
            page_path(first, number - 1, later) if number > 1 else None,
            page_path(first, number + 1, later) if number < count else None,
            _page_links(first, later, number, count),
        )
        pages.append((page_path(first, number, later), chunk, pager))
    return pages


def _page_links(first: str, later: str | None, number: int, count: int) -> tuple[LinkView, ...]:
    shown = sorted({1, count, *range(max(1, number - NEAR), min(count, number + NEAR) + 1)})
    links: list[LinkView] = []
    for n in shown:
        if links and n - int(links[-1].title) > 1:
            links.append(LinkView("…", ""))
        links.append(LinkView(str(n), page_path(first, n, later)))
    return tuple(links)
