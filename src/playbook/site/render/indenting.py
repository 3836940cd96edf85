"""Template indentation kept out of the pages: a Jinja extension that drops the spaces and tabs
at the start and end of each line of an HTML template before it is compiled. The indentation is
there for the person reading the template; in a page it is bytes that a browser collapses anyway
(about 700 of each brief page's). Lines are kept, so an error still names its template line, and
the inside of ``<pre>``, ``<textarea>`` and ``{% raw %}`` is left as written, where spaces show."""

from __future__ import annotations

import re

from jinja2.ext import Extension

# A part of a template whose spaces are part of what it shows.
VERBATIM = re.compile(
    r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})",
    re.DOTALL | re.IGNORECASE,
)
EDGES = re.compile(r"(?<=\n)[ \t]+|[ \t]+(?=\n)")


def dedent_markup(source: str) -> str:
    """Return ``source`` without the spaces and tabs at the edges of its lines, outside verbatim parts."""
    parts = VERBATIM.split(source)
    return "".join(part if index % 2 else EDGES.sub("", part) for index, part in enumerate(parts))


class Unindented(Extension):
    """Compiles each ``.html`` template as if written without indentation (``dedent_markup``)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if (filename or name or "").endswith((".html", ".htm")):
            return dedent_markup(source)
        return source
