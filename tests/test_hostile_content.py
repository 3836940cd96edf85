"""Hostile content that is valid: pathological Markdown, thousands of tags or headings, very long
lines, unicode meant to confuse, briefs linking to themselves and in cycles. Each builds in
bounded time and comes out right, or gets a diagnostic — never a hang or an amplified output."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.briefs import brief, line_of
from tests.support.hostile import BODY, RELATED, TAGS, TITLE, cli, deadline, findings

pytestmark = pytest.mark.usefixtures("fixed_date")


def built(root, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def test_thousands_of_equal_headings_build_in_linear_time(make_project):
    root = make_project({"headings": brief((BODY, "## Same\n\n" * 20_000))})  # 200 kB
    with deadline(15):  # under a second here; quadratic, it took over 30
        assert cli("build", str(root), "--no-cache")[0] == 0
    ids = re.findall(r'<h2 id="([^"]+)">Same</h2>', built(root, "briefs/headings/index.html"))
    assert ids[:3] == ["same", "same-1", "same-2"] and ids[-1] == "same-19999" and len(set(ids)) == 20_000


def test_headings_keep_ids_unique_around_written_suffixes(make_project):
    body = "## A\n\n## A-1\n\n## A\n\n## A\n\n## A-2\n"
    root = make_project({"ids": brief((BODY, body))})
    assert cli("build", str(root), "--no-cache")[0] == 0
    ids = re.findall(r'<h2 id="([^"]+)">A(?:-[12])?</h2>', built(root, "briefs/ids/index.html"))
    assert ids == ["a", "a-1", "a-2", "a-3", "a-2-1"]


PATHOLOGICAL = {  # each about 10 kB of what makes Markdown parsers backtrack
    "brackets": "[" * 10_000,
    "wikilink-openers": "[[" * 5_000,
    "unclosed-wikilinks": "[[a|" * 2_500,
    "footnote-openers": "[^" * 5_000,
    "emphasis": "*a_" * 3_500,
    "backtick-runs": "".join("`" * i + "a" for i in range(1, 140)),
    "link-openers": "[a](" * 2_500,
    "angle-brackets": "<" * 10_000,
    "entities": "&#" * 5_000,
    "nested-quotes": ">" * 10_000 + " deep",
    "nested-lists": "".join("  " * i + "- x\n" for i in range(300)),
    "table-pipes": "|" * 5_000 + "\n" + "|-" * 2_500,
    "long-line": "word " * 2_000,
}


def test_pathological_markdown_builds_in_bounded_time(make_project):
    root = make_project({name: brief((BODY, text)) for name, text in PATHOLOGICAL.items()})
    with deadline(60):
        code, out, err = cli("build", str(root), "--no-cache")
    assert code == 0, err
    assert sorted(p.name for p in (root / "site/briefs").iterdir()) == sorted(PATHOLOGICAL)


def test_thousands_of_tags_are_refused_before_they_multiply_pages(make_project):
    tags = ", ".join(f"t{i}" for i in range(5_000))
    text = brief((TAGS, f"tags: [{tags}]"))
    root = make_project({"tagged": text})
    with deadline(10):
        code, found = findings(root)
    assert (code, found) == (1, [("tagged.md", "PB002", line_of(text, "tags:"), 7)])
    assert "tags: at most 30 entries, got 5000" in cli("check", str(root), "--no-cache")[1]


def test_thirty_tags_are_fine(make_project):
    text = brief((TAGS, "tags: [" + ", ".join(f"t{i}" for i in range(30)) + "]"))
    root = make_project({"tagged": text})
    assert cli("build", str(root), "--no-cache")[0] == 0
    assert len(list((root / "site/tags").iterdir())) == 31


def test_very_long_lines_are_read_and_reported_without_printing_them(make_project):
    title = "word " * 100_000  # one 500 kB line
    root = make_project(
        {
            "long": brief((TITLE, f"title: {title}")),
            "wrong": brief(("  accuracy: 0.93", "  accuracy: " + "9" * 400_000)),
        }
    )
    with deadline(20):
        code, out, err = cli("check", str(root), "--no-cache")
    assert code == 1 and len(out) < 2_000  # the diagnostic, not the 400 kB line under it
    assert "content/briefs/wrong.md:23:13: error PB002" in out
    (root / "content/briefs/wrong.md").unlink()
    with deadline(20):
        assert cli("build", str(root), "--no-cache")[0] == 0
    assert json.loads(built(root, "playbook.json"))["briefs"][0]["title"] == title.strip()


UNICODE_TITLES = {
    "rtl": "\u05ea\u05d1\u05d9\u05e2\u05d5\u05ea \u05d1\u05d9\u05d8\u05d5\u05d7 \u2014 insurance claims",
    "override": "Invoices \u202egnitirw\u202c done",
    "emoji": "Triage \U0001f9d1\u200d\U0001f4bb on-call pages \U0001f525",
    "combining": "Cafe\u0301 Zalgo Z\u0335\u0321\u0322a\u0338l\u0337g\u0336o\u0334",
    "zero-width": "Zero\u200bwidth\u200cjoin\u200ders\ufeff inside",
    "cjk": "\u4e2d\u6587\u7684\u7d22\u8d54",
}


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a double-quoted YAML scalar


def test_unicode_titles_and_tags_come_out_exactly(make_project):
    root = make_project(
        {
            slug: brief((TITLE, f"title: {quoted(title)}"), (TAGS, f"tags: [{quoted(title)}]"))
            for slug, title in UNICODE_TITLES.items()
        }
    )
    assert findings(root) == (0, [])
    assert cli("build", str(root), "--no-cache")[0] == 0
    data = {b["slug"]: b for b in json.loads(built(root, "playbook.json"))["briefs"]}
    for slug, title in UNICODE_TITLES.items():
        assert data[slug]["title"] == title and data[slug]["tags"] == [title]
        assert f"<h1>{title}</h1>" in built(root, f"briefs/{slug}/index.html")
    index = built(root, "assets/search-index.js")
    assert all(json.dumps(title, ensure_ascii=False)[1:-1] in index for title in UNICODE_TITLES.values())


def test_a_brief_linking_to_itself_is_neither_related_nor_its_own_backlink(make_project):
    root = make_project({"me": brief((RELATED, "related: [me]"), (BODY, "See [[me]] and [[me|myself]]."))})
    assert findings(root) == (0, [])
    assert cli("build", str(root), "--no-cache")[0] == 0
    data = json.loads(built(root, "playbook.json"))["briefs"][0]
    assert data["related"] == []
    html = built(root, "briefs/me/index.html")
    assert 'class="wikilink" href="../me/index.html">myself</a>' in html
    assert html.count('href="../me/index.html"') == 2  # the wikilinks; the breadcrumb ends in text


def test_link_cycles_resolve_both_ways(make_project):
    root = make_project(
        {
            "a": brief((RELATED, "related: [b]")),
            "b": brief((RELATED, "related: [c]")),
            "c": brief((RELATED, "related: [a]"), (BODY, "Back to [[a]], on to [[b]].")),
        }
    )
    with deadline(10):
        assert cli("build", str(root), "--no-cache")[0] == 0
    related = {b["slug"]: b["related"] for b in json.loads(built(root, "playbook.json"))["briefs"]}
    assert related == {"a": ["b"], "b": ["c"], "c": ["a", "b"]}
    for slug, linked_from in (("a", "c"), ("b", "a"), ("c", "b")):
        assert f'href="../{linked_from}/index.html"' in built(root, f"briefs/{slug}/index.html")


def test_thousands_of_covered_steps_outside_the_workflow_are_all_reported_quickly(make_project):
    steps = ", ".join(f"step-{i}" for i in range(9_000))
    covered = ", ".join(f"other-{i}" for i in range(9_000))
    text = brief(
        ("  workflow_steps: [upload, extract, verify, export]", f"  workflow_steps: [{steps}]"),
        ("  covered_steps: [upload, extract, verify, export]", f"  covered_steps: [{covered}]"),
    )
    root = make_project({"steps": text})
    with deadline(20):  # a did-you-mean for each against every step took minutes
        code, found = findings(root)
    assert code == 1 and sum(c == "PB007" for _, c, *_ in found) == 9_000


def test_thousands_of_broken_links_among_thousands_of_slugs_are_all_reported_quickly(make_project):
    from playbook.analysis.links import link_briefs
    from playbook.load.content import load_brief

    root = make_project({"linker": brief((BODY, " ".join(f"[[gone-{i}]]" for i in range(5_000))))})
    linker, _ = load_brief(root, "content/briefs/linker.md")
    known = {f"brief-number-{i}" for i in range(20_000)} | {"linker"}
    with deadline(20):
        _, broken = link_briefs([linker], known)
    assert len(broken) == 5_000 and {d.code for d in broken} == {"PB006"}
    assert broken[-1].message == "[[gone-4999]] names no brief"


def test_a_diagnostic_about_a_huge_value_quotes_only_its_start(make_project):
    root = make_project(
        {
            "value": brief(("  frequency: weekly", "  frequency: " + "w" * 300_000)),
            "link": brief((BODY, "[[" + "x" * 200_000 + "]]")),
        }
    )
    code, out, err = cli("check", str(root), "--no-cache")
    assert code == 1 and len(out) < 3_000
    assert "pain.frequency: 'wwwwwwwwww" in out and "… (300,000 characters) is not one of daily" in out
    assert "[[…]] names no brief: 'xxxxxxxxxx" in out and "… (200,000 characters)" in out
