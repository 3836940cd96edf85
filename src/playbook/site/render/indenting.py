"""Template indentation kept out of the pages: a Jinja extension that drops the spaces and tabs
at the start and end of each line of an HTML template before it is compiled. The indentation is
there for the person reading the template; in a page it is bytes that a browser collapses anyway
(about 700 of each brief page's). Lines are kept, so an error still names its template line, and
the inside of ``<pre>``, ``<textarea>``, ``<script>`` (a template literal keeps its lines) and
``{% raw %}`` is left as written, where spaces show."""

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
        if body and line[:1] in " \t" and previous.endswith("%}"):
            body = " " + body
        out.append(body)
    return "\n".join(out)


def dedent_markup(source: str) -> str:
    """Return ``source`` without the spaces and tabs at the edges of its lines, outside verbatim parts."""
    parts = VERBATIM.split(source)
    return "".join(part if index % 2 else _dedent_lines(part) for index, part in enumerate(parts))


class Unindented(Extension):
    """Compiles each ``.html`` template as if written without indentation (``dedent_markup``)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if (filename or name or "").endswith((".html", ".htm")):
            return dedent_markup(source)
        return source
