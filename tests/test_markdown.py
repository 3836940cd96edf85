"""Markdown rendering: the extensions, [[slug]] links, and nothing live from hostile input —
each test on both paths, the markdown-it-py reference and the markdown-it-pyrs accelerator
(which must have rendered the document itself, not handed it to the reference)."""

from __future__ import annotations

import pytest

from playbook.site.markdown.renderer import MarkdownRenderer
from tests.support.htmlcheck import live_markup


def resolve(slug):
    return ("../other/index.html", "The <other> brief") if slug == "other" else None


@pytest.fixture(autouse=True, params=["reference", "fast"])
def engine(request) -> str:
    global ENGINE
    ENGINE = request.param
    return ENGINE


ENGINE = "reference"


def renderer(**options) -> MarkdownRenderer:
    return MarkdownRenderer(engine=ENGINE, **options)


# Markup inside a [[link]] is kept as written by the reference; the accelerator hands it back.
HANDED_BACK = {"[[other|<script>alert(1)</script>]]"}


def rendered(text: str, made: MarkdownRenderer):
    result = made.render(text, resolve)
    if ENGINE == "fast" and made.fast is not None:
        assert made.fallbacks == (1 if text in HANDED_BACK else 0), (
            "the accelerator rendered this document itself"
        )
    return result


def render(text: str, allow_html: bool = False) -> str:
    return rendered(text, renderer(allow_html=allow_html)).html


def test_extensions():
    html = render(
        "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n"
        "~~old~~ and a note[^n]\n\n[^n]: The note.\n"
    )
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


@pytest.mark.parametrize(
    "hostile",
    [
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
    ],
)
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
    result = rendered("## Title\n\nSome *words* and `code` and [[other|label]].", renderer())
    assert result.text == "Title Some words and code and label ."


def test_headings_never_take_an_id_the_page_reserves():
    html = rendered(
        "## Main\n\n## Notes heading\n\n## Main\n\n## Other",
        renderer(reserved_ids=frozenset({"main", "notes-heading"})),
    ).html
    assert [line.split('"')[1] for line in html.splitlines()] == [
        "main-1",
        "notes-heading-1",
        "main-2",
        "other",
    ]
