"""What both engines write the same way, so that they give the same bytes: the rendered document,
heading ids, ``[[slug]]`` links and the distinct words for search."""

from __future__ import annotations

from typing import Callable

from msgspec import Struct

from playbook.lazyregex import regex

__all__ = [
    "Rendered",
    "Resolver",
    "distinct_words",
    "escape",
    "heading_slug",
    "unique_slugs",
    "wikilink_html",
]

WORD = regex(r"\w[\w'-]*")
# mdit-py-plugins writes [^\w\u4e00-\u9fff\- ]; the CJK range is inside \w since Unicode 14 (Python
# 3.11's), so it is the same class, and without the range it compiles in 0.02 ms instead of 1.6.
NOT_IN_A_SLUG = regex(r"[^\w\- ]")


# These two are markdown-it-py's escapeHtml and mdit-py-plugins' anchors slugify, written out:
# importing them imports all of markdown-it-py, which a build with the accelerator never uses
# (tests/test_markdown_engines.py holds them equal to the originals).
def escape(raw: str) -> str:
    """Return ``raw`` with ``&``, ``<``, ``>`` and ``"`` escaped, as markdown-it-py escapes HTML."""
    return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def heading_slug(title: str) -> str:
    """Return a heading's id as markdown-it-py's anchors plugin makes it."""
    return NOT_IN_A_SLUG.sub("", title.lower().replace(" ", "-"))


# Given a slug, return (relative href, title) of the brief, or None when it is not on the site.
Resolver = Callable[[str], "tuple[str, str] | None"]


class Rendered(Struct, frozen=True):
    """A Markdown body rendered: its HTML, its text without markup and its words for search."""

    html: str
    text: str  # the body without markup
    words: str  # its distinct words, lowercased, for the search index


def distinct_words(text: str) -> str:
    """Return the distinct words of ``text``, lowercased, in first-seen order: full-text search
    needs every word once, not the prose (a third of the size at 10,000 briefs)."""
    return " ".join(dict.fromkeys(word for word in WORD.findall(text.lower()) if len(word) > 2))


def unique_slugs(bases: list[str | None], taken: set[str]) -> list[str | None]:
    """Return each heading's id, unique in the document and never one of ``taken``: ``notes``,
    ``notes-1``... (None, a heading without an id, stays None). Both renderers use it.

    The same ids as mdit-py-plugins' anchors plugin, which finds a free suffix by counting up from
    1 for every heading, so a brief of 20,000 equal headings took minutes; this remembers where
    each count stopped.
    """
    next_suffix: dict[str, int] = {}
    slugs: list[str | None] = []
    for base in bases:
        slug = base
        if base is not None:
            if slug in taken:
                suffix = next_suffix.get(base, 1)
                while f"{base}-{suffix}" in taken:
                    suffix += 1
                next_suffix[base] = suffix + 1
                slug = f"{base}-{suffix}"
            taken.add(slug)
        slugs.append(slug)
    return slugs


def wikilink_html(slug: str, label: str, resolve: "Resolver") -> str:
    """Return the markup of ``[[slug|label]]`` (both renderers use it)."""
    found = resolve(slug)
    if found is None:  # a draft left out of the build, or a broken link `check` reports
        return f'<span class="wikilink-missing">{escape(label or slug)}</span>'
    href, title = found
    return f'<a class="wikilink" href="{escape(href)}">{escape(label or title)}</a>'
