"""feed.xml (Atom, newest updates first) and sitemap.xml; both need the site's absolute base URL."""

from __future__ import annotations

from html import escape as _html_escape

from playbook import __version__
from playbook.site.views.api import BriefView

FEED_ENTRIES = 50


def escape(text: str) -> str:
    """Return ``text`` with ``&``, ``<`` and ``>`` escaped for XML (as xml.sax.saxutils.escape,
    which imports urllib.request, http.client and ssl: a fifth of a small build's imports)."""
    return _html_escape(text, quote=False)


def render_atom(title: str, base_url: str, briefs: list[BriefView]) -> bytes:
    """Return an Atom feed of the most recently updated briefs. Dates come from the briefs, not the clock."""
    dated = sorted((b for b in briefs if b.updated), key=lambda b: (b.updated, b.slug), reverse=True)[
        :FEED_ENTRIES
    ]
    newest = dated[0].updated if dated else "1970-01-01"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(base_url)}</id>",
        f'  <link href="{escape(base_url)}"/>',
        f'  <link rel="self" href="{escape(base_url)}feed.xml"/>',
        f"  <updated>{newest}T00:00:00Z</updated>",
        f'  <generator version="{__version__}">playbook</generator>',
    ]
    for brief in dated:
        link = f"{base_url}{brief.path}"
        summary = f"{brief.who}: {brief.problem}. {brief.why}"
        lines += [
            "  <entry>",
            f"    <title>{escape(brief.title)}</title>",
            f"    <id>{escape(link)}</id>",
            f'    <link href="{escape(link)}"/>',
            f"    <updated>{brief.updated}T00:00:00Z</updated>",
            f"    <author><name>{escape(brief.owner or title)}</name></author>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_sitemap(base_url: str, pages: list[str], updated: dict[str, str]) -> bytes:
    """Return a sitemap of every HTML page but the 404 page, with brief pages' update dates."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in pages:
        if path == "404.html":
            continue
        location = base_url + (path[: -len("index.html")] if path.endswith("index.html") else path)
        lastmod = f"<lastmod>{updated[path]}</lastmod>" if updated.get(path) else ""
        lines.append(f"  <url><loc>{escape(location)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
