"""Template indentation kept out of the pages: a Jinja extension that drops the spaces and tabs
at the start and end of each line of an HTML template before it is compiled. The indentation is
there for the person reading the template; in a page it is bytes that a browser collapses anyway
(about 700 of each brief page's). Lines are kept, so an error still names its template line, and
the inside of ``<pre>``, ``<textarea>``, ``<script>`` (a template literal keeps its lines) and
``{% raw %}`` is left as written, where spaces show.

A line break between two tags is dropped too where one of them starts or ends a block (a ``div``,
a list item, a table cell…): a browser never shows that space, as it begins or ends a line or sits
between boxes. Between two inline tags it is a space a reader sees, and stays. The break moves into
a template comment, so the template keeps its lines."""

from __future__ import annotations

import re

from jinja2.ext import Extension

from playbook.lazyregex import regex

# A part of a template whose spaces are part of what it shows.
VERBATIM = regex(
    r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>"
    r"|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})",
    re.DOTALL | re.IGNORECASE,
)


# Elements laid out as boxes of their own: a line break beside one of their tags shows nothing.
BLOCKS = frozenset(
    "html head body meta link title base style header footer nav main article section aside div p"
    " ul ol li dl dt dd h1 h2 h3 h4 h5 h6 table caption colgroup col thead tbody tfoot tr td th form"
    " fieldset legend figure figcaption blockquote hr details summary svg g rect line circle path"
    " polyline polygon defs".split()
)
# A tag, the line breaks after it, and the name of the tag that follows them (or a template tag).
BREAK_BETWEEN_TAGS = regex(r"<(/?)([A-Za-z][\w-]*)[^<>]*>(\n+)(?=</?([A-Za-z][\w-]*)|\{%)")
OPENING_TAG = regex(r"</?([A-Za-z][\w-]*)")


def _starts_block(line: str) -> bool:
    """Whether ``line`` starts with a block's tag: a space before it shows nothing."""
    found = OPENING_TAG.match(line)
    return found is not None and found[1].lower() in BLOCKS


def _join_blocks(text: str) -> str:
    """Move the line breaks between two tags, one of them a block's, into a template comment; and
    those between a block's tag and a template tag (whatever it makes starts after a block)."""

    def join(match: re.Match) -> str:
        if match[2].lower() not in BLOCKS and (match[4] is None or match[4].lower() not in BLOCKS):
            return match[0]
        breaks = match[3]
        return match[0][: -len(breaks)] + "{#" + breaks + "#}"

    return BREAK_BETWEEN_TAGS.sub(join, text)


def _dedent_lines(text: str) -> str:
    """Strip each line's edges, as the page would show them: a line after one ending in a block
    tag keeps one space (trim_blocks eats that newline, so the indentation was the only space),
    and a block tag's trailing spaces stay (they stop trim_blocks eating its newline)."""
    lines = text.split("\n")
    out = [lines[0].rstrip(" \t") if not lines[0].rstrip(" \t").endswith("%}") else lines[0]]
    for previous, line in zip(lines, lines[1:]):
        body = line.strip(" \t")
        if body.endswith("%}") and line.rstrip(" \t") != line:
            body = line.lstrip(" \t")
        if body and line[:1] in " \t" and previous.endswith("%}") and not _starts_block(body):
            body = " " + body
        out.append(body)
    return "\n".join(out)


def dedent_markup(source: str) -> str:
    """Return ``source`` without the spaces and tabs at the edges of its lines, outside verbatim parts."""
    parts = VERBATIM.split(source)
    return "".join(
        part if index % 2 else _join_blocks(_dedent_lines(part)) for index, part in enumerate(parts)
    )


class Unindented(Extension):
    """Compiles each ``.html`` template as if written without indentation (``dedent_markup``)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if (filename or name or "").endswith((".html", ".htm")):
            return dedent_markup(source)
        return source
