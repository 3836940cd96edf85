"""A template's indentation stays out of its pages, and nothing a reader sees changes with it: the
words keep their spaces, ``<pre>`` keeps its layout, and an error still names its template line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from playbook.site.render.indenting import Unindented, dedent_markup

OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True, "autoescape": True}


def render(source: str, unindented: bool, **context) -> str:
    extensions = [Unindented] if unindented else []
    env = Environment(loader=DictLoader({"t.html": source}), extensions=extensions, **OPTIONS)
    return env.get_template("t.html").render(**context)


def words(html: str) -> str:
    """What a browser shows: spaces between tags collapse, tags themselves are no space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


CASES = {
    "nested markup": "<ul>\n  {% for x in xs %}\n  <li>\n    {{ x }}\n  </li>\n  {% endfor %}\n</ul>\n",
    "a line after a block tag": (
        "<p>{% if xs %}{{ xs|length }} flagged.{% endif %}\n    <a href=x>Why</a></p>\n"
    ),
    "a block tag's trailing spaces": "<p>one{% if xs %}   \n  two{% endif %}</p>\n",
    "inline runs": "<p>\n    <b>a</b>\n    <i>b</i>{{ xs[0] }}\n    c\n</p>\n",
    "comments and whitespace control": (
        "<p>{#- a note -#}\n    {{- xs[0] -}}\n    , then\n    {{ xs[1] }}</p>\n"
    ),
}


@pytest.mark.parametrize("source", CASES.values(), ids=CASES.keys())
def test_pages_read_the_same_with_fewer_bytes(source):
    before, after = (render(source, flag, xs=["alpha", "beta"]) for flag in (False, True))
    assert words(after) == words(before)
    assert len(after) < len(before)


def test_preformatted_text_keeps_its_spaces():
    source = "<div>\n    <pre>\n    indented\n        more\n    </pre>\n"
    source += "    <textarea>\n  kept</textarea>\n</div>\n"
    out = dedent_markup(source)
    assert "<pre>\n    indented\n        more\n    </pre>" in out and "<textarea>\n  kept</textarea>" in out
    assert out.startswith("<div>\n<pre>")


def test_inline_scripts_keep_their_lines_as_written():
    source = "<div>\n  <script>\n    const t = `a\n      b`;\n  </script>\n</div>\n"
    assert "<script>\n    const t = `a\n      b`;\n  </script>" in dedent_markup(source)


def test_raw_blocks_are_left_as_written():
    source = "<div>\n  {% raw %}\n    {{ not jinja }}\n  {% endraw %}\n</div>\n"
    assert "{% raw %}\n    {{ not jinja }}\n  {% endraw %}" in dedent_markup(source)


def test_lines_stay_where_they_were():
    source = "<div>\n    <p>\n        text\n    </p>\n</div>\n"
    assert dedent_markup(source).count("\n") == source.count("\n")


def test_only_html_templates_are_touched():
    env = Environment(
        loader=DictLoader({"feed.xml": "<a>\n  <b/>\n</a>\n"}), extensions=[Unindented], **OPTIONS
    )
    assert env.get_template("feed.xml").render() == "<a>\n  <b/>\n</a>\n"


def test_a_browser_shows_every_page_the_same_without_the_line_breaks(tmp_path, browser, monkeypatch):
    """The example built with the line breaks beside block tags and without them: smaller pages,
    and Chromium shows each word of each page, with the same spaces, in the same place."""
    from playbook.cli.main import main
    from playbook.site.render import indenting

    repo = Path(__file__).resolve().parents[1]
    sites = {}
    for joined in (True, False):
        root = tmp_path / f"joined-{joined}"
        shutil.copytree(repo / "content", root / "content")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{joined}"))  # its own compiled templates
        if not joined:
            monkeypatch.setattr(indenting, "_join_blocks", lambda text: text)
        assert main(["build", str(root), "-q"]) == 0
        sites[joined] = root / "site"
    pages = sorted(p.relative_to(sites[True]) for p in sites[True].rglob("*.html"))
    assert len(pages) > 40
    assert sum((sites[True] / p).stat().st_size for p in pages) < sum(
        (sites[False] / p).stat().st_size for p in pages
    )
    shown = "() => [document.body.innerText, document.documentElement.scrollHeight]"
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    try:
        for path in pages:
            seen = []
            for joined in (True, False):
                page.goto((sites[joined] / path).as_uri())
                seen.append(page.evaluate(shown))
            assert seen[0] == seen[1], path
    finally:
        page.close()
