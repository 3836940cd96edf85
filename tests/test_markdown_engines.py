"""The accelerator (markdown-it-pyrs) gives the reference's bytes (markdown-it-py with our
plugins), or hands the document to the reference: on the example playbook, a generated corpus,
a hostile corpus and documents hypothesis makes from Markdown's tricky pieces."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from bench.generate import generate
from playbook.load.source import split_front_matter
from playbook.site.markdown.reference import ReferenceMarkdown
from playbook.site.markdown.renderer import MarkdownRenderer
from playbook.site.plan.bodies import PAGE_IDS
from tests.support.markdown_corpus import HOSTILE, documents

REPO = Path(__file__).resolve().parent.parent


def resolve(slug: str):
    """Some slugs resolve and some do not, with titles that need escaping."""
    return (f"../{slug}/index.html", f"The <{slug}> & co") if len(slug) % 3 else None


@pytest.fixture(scope="module")
def engines():
    fast = MarkdownRenderer(reserved_ids=PAGE_IDS, engine="fast")
    return fast, ReferenceMarkdown(reserved_ids=PAGE_IDS)


def compare(documents, engines) -> int:
    """Assert both paths agree on every document; return how many the accelerator handed back."""
    fast, reference = engines
    before = fast.fallbacks
    for name, text in documents:
        got, want = fast.render(text, resolve), reference.render(text, resolve)
        assert (got.html, got.text, got.words) == (want.html, want.text, want.words), name
    return fast.fallbacks - before


def bodies(folder: Path):
    for path in sorted(folder.rglob("*.md")):
        source, _ = split_front_matter(
            str(path), path.read_text(encoding="utf-8"), front_matter_required=False
        )
        yield str(path), source.body


def test_the_example_playbook_is_byte_identical_and_all_fast(engines):
    documents = list(bodies(REPO / "content"))
    assert len(documents) >= 16
    assert compare(documents, engines) == 0


def test_a_generated_corpus_is_byte_identical_and_all_fast(engines, tmp_path):
    generate(1500, tmp_path / "corpus", seed=3)
    documents = list(bodies(tmp_path / "corpus/content"))
    assert compare(documents, engines) == 0


def test_the_hostile_corpus_is_byte_identical(engines):
    handed_back = compare([(repr(text[:40]), text) for text in HOSTILE], engines)
    # The accelerator hands back only what it cannot reproduce — a wikilink in a link or an image
    # or before "(", an escape or Markdown inside or beside one, a reference definition beside
    # one, code right after a tight item's text, an empty item, brackets nested twenty deep, and
    # what nests deeper than twelve or opens hundreds of footnotes — or would take time in the
    # square of a paragraph: nineteen of these forty-two, which are built to hit them.
    assert handed_back <= 19, handed_back


@settings(max_examples=400, deadline=None, derandomize=True)  # the same documents on every machine
@given(documents())
def test_any_document_is_byte_identical_or_handed_back(text):
    fast = MarkdownRenderer(reserved_ids=PAGE_IDS, engine="fast")
    got, want = fast.render(text, resolve), ReferenceMarkdown(reserved_ids=PAGE_IDS).render(text, resolve)
    assert (got.html, got.text) == (want.html, want.text)


def test_the_renderer_falls_back_without_the_accelerator(monkeypatch):
    """Without markdown-it-pyrs the default renderer is the reference, silently."""
    import builtins

    real_import = builtins.__import__

    def without_pyrs(name, *args, **kwargs):
        if name.startswith("markdown_it_pyrs") or name == "playbook.site.markdown.fast":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pyrs)
    renderer = MarkdownRenderer()
    assert renderer.fast is None
    assert (
        renderer.render("## Hi [[abcd]]", resolve).html
        == '<h2 id="hi-">Hi <a class="wikilink" href="../abcd/index.html">The '
        "&lt;abcd&gt; &amp; co</a></h2>\n"
    )
    with pytest.raises(ImportError):
        MarkdownRenderer(engine="fast")


def test_the_escape_and_heading_ids_written_out_are_the_libraries_own():
    """common.py writes out markdown-it-py's escapeHtml and the anchors plugin's slugify, so that
    a build with the accelerator never imports markdown-it-py: they must stay the same functions."""
    from markdown_it.common.utils import escapeHtml
    from mdit_py_plugins.anchors.index import slugify

    from playbook.site.markdown.common import escape, heading_slug

    samples = [
        "",
        "Plain words",
        "a & b < c > d \" e ' f",
        "&amp; already &lt;escaped&gt;",
        "Ünïcödé Heading — with dashes – and 中文 字",
        "  Spaces   around  ",
        "Tabs\tand\nnewlines",
        "Symbols: $100, 50%, #1, @you, (x), [y], {z}, a/b, a_b, a-b",
        "Emoji 😀 and Ω and ß and İ",
        "<script>alert('x')</script>",
    ]
    for text in samples:
        assert escape(text) == escapeHtml(text), text
        assert heading_slug(text) == slugify(text), text
    # The plugin's class names the CJK ideographs apart; ours leaves them to \w, which holds every one
    # of them (Unicode 14 and later): every one is kept in a heading's id, as the plugin keeps it.
    ideographs = "".join(map(chr, range(0x4E00, 0xA000)))
    assert heading_slug(ideographs) == slugify(ideographs) == ideographs
