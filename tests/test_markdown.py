"""Markdown rendering: the extensions, [[slug]] links, and nothing live from hostile input."""

from __future__ import annotations

import pytest

from playbook.site.markdown import MarkdownRenderer
from tests.htmlcheck import live_markup


def resolve(slug):
    return ("../other/index.html", "The <other> brief") if slug == "other" else None


def render(text: str, allow_html: bool = False) -> str:
    return MarkdownRenderer(allow_html=allow_html).render(text, resolve).html


def test_extensions():
    html = render("## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ and a note[^n]\n\n[^n]: The note.\n")
    assert '<h2 id="a-heading">A heading</h2>' in html
    assert "<table>" in html and "<td>2</td>" in html
    assert 'class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox"' in html
    assert "<s>old</s>" in html
    assert 'class="footnotes"' in html


def test_wikilinks_show_the_title_escaped_or_the_label():
    html = render("See [[other]], [[other|this one]] and [[missing]].")
    assert '<a class="wikilink" href="../other/index.html">The &lt;other&gt; brief</a>' in html
    assert '<a class="wikilink" href="../other/index.html">this one</a>' in html
    assert '<span class="wikilink-missing">missing</span>' in html


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[[other|<script>alert(1)</script>]]",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
])
def test_hostile_markdown_renders_nothing_live(hostile):
    html = render(hostile)
    assert live_markup(html) == []


def test_the_live_markup_finder_finds_it():
    assert live_markup(render('<img src=x onerror="alert(1)">', allow_html=True))
    assert live_markup('<a href=" JavaScript:alert(1)">x</a>')


def test_raw_html_only_when_allowed():
    assert "<b>bold</b>" not in render("<b>bold</b>")
    assert "<b>bold</b>" in render("<b>bold</b>", allow_html=True)
    # Even with raw HTML allowed, Markdown links never carry an unsafe scheme.
    assert 'href="javascript' not in render("[x](javascript:alert(1))", allow_html=True)


def test_plain_text_for_search():
    rendered = MarkdownRenderer().render("## Title\n\nSome *words* and `code` and [[other|label]].", resolve)
    assert rendered.text == "Title Some words and code and label ."


def test_headings_never_take_an_id_the_page_reserves():
    renderer = MarkdownRenderer(reserved_ids=frozenset({"main", "notes-heading"}))
    html = renderer.render("## Main\n\n## Notes heading\n\n## Main\n\n## Other", resolve).html
    assert [line.split('"')[1] for line in html.splitlines()] == ["main-1", "notes-heading-1", "main-2", "other"]
