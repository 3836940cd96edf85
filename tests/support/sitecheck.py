"""Checking a built site: every internal link and asset resolves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser


def broken_links(site: Path) -> list[str]:
    """Return ``"page -> link"`` for every relative link of every HTML page that does not resolve
    to a file of the site (and, with a fragment, to an element id in it)."""
    pages = {path: parse(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if link.startswith("/") and not link.startswith("//"):
                broken.append(f"{page.relative_to(site)} -> {link} (root-relative: breaks under a sub-path)")
                continue
            if parts.scheme or parts.netloc:
                continue  # external
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[next(p for p in pages if p.resolve() == target)].ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such id)")
    return broken


def unpublished(site: Path, base_url: str) -> list[str]:
    """Return every URL of sitemap.xml and feed.xml that is not under ``base_url`` or names no
    built file (or a note when they list nothing at all)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap) + re.findall(r'<link [^>]*href="([^"]+)"', feed)
    wrong = [] if urls else ["sitemap.xml and feed.xml list no URL"]
    for url in urls:
        path = url.removeprefix(base_url)
        if (
            path == url
            or not (site / (path + "index.html" if path == "" or path.endswith("/") else path)).is_file()
        ):
            wrong.append(url)
    return wrong
