"""Hostile content that is valid: pathological Markdown, thousands of tags or headings, very long
lines, unicode meant to confuse, briefs linking to themselves and in cycles. Each builds in
bounded time and comes out right, or gets a diagnostic — never a hang or an amplified output."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import brief, line_of
from tests.hostile import BUILD_EPOCH, cli, deadline, findings

BODY = "Interviews and notes."
TITLE = "title: Renewal-date extraction for in-house legal"
TAGS = "tags: [legal, extraction]"
RELATED = "related: []"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def built(root, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def test_thousands_of_equal_headings_build_in_linear_time(make_project):
    root = make_project({"headings": brief((BODY, "## Same\n\n" * 20_000))})  # 200 kB
    with deadline(30):
        assert cli("build", str(root), "--no-cache")[0] == 0
    ids = re.findall(r'<h2 id="([^"]+)">Same</h2>', built(root, "briefs/headings/index.html"))
    assert ids[:3] == ["same", "same-1", "same-2"] and ids[-1] == "same-19999" and len(set(ids)) == 20_000


def test_headings_keep_ids_unique_around_written_suffixes(make_project):
    body = "## A\n\n## A-1\n\n## A\n\n## A\n\n## A-2\n"
    root = make_project({"ids": brief((BODY, body))})
    assert cli("build", str(root), "--no-cache")[0] == 0
    ids = re.findall(r'<h2 id="([^"]+)">A(?:-[12])?</h2>', built(root, "briefs/ids/index.html"))
    assert ids == ["a", "a-1", "a-2", "a-3", "a-2-1"]


PATHOLOGICAL = {  # each about 20 kB of what makes Markdown parsers backtrack
    "brackets": "[" * 20_000,
    "wikilink-openers": "[[" * 10_000,
    "unclosed-wikilinks": "[[a|" * 5_000,
    "footnote-openers": "[^" * 10_000,
    "emphasis": "*a_" * 7_000,
    "backtick-runs": "".join("`" * i + "a" for i in range(1, 200)),
    "link-openers": "[a](" * 5_000,
    "angle-brackets": "<" * 20_000,
    "entities": "&#" * 10_000,
    "nested-quotes": ">" * 20_000 + " deep",
    "nested-lists": "".join("  " * i + "- x\n" for i in range(500)),
    "table-pipes": "|" * 10_000 + "\n" + "|-" * 5_000,
    "long-line": "word " * 4_000,
}


def test_pathological_markdown_builds_in_bounded_time(make_project):
    root = make_project({name: brief((BODY, text)) for name, text in PATHOLOGICAL.items()})
    with deadline(60):
        code, out, err = cli("build", str(root), "--no-cache")
    assert code == 0, err
    assert sorted(p.name for p in (root / "site/briefs").iterdir()) == sorted(PATHOLOGICAL)


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
    root = make_project({slug: brief((TITLE, f"title: {quoted(title)}"), (TAGS, f"tags: [{quoted(title)}]"))
                         for slug, title in UNICODE_TITLES.items()})
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
    assert 'class="wikilink" href="../../briefs/me/index.html">myself</a>' in html
    assert html.count('href="../../briefs/me/index.html"') == 3  # the ranked nav entry and the two wikilinks


def test_link_cycles_resolve_both_ways(make_project):
    root = make_project({"a": brief((RELATED, "related: [b]")), "b": brief((RELATED, "related: [c]")),
                         "c": brief((RELATED, "related: [a]"), (BODY, "Back to [[a]], on to [[b]]."))})
    with deadline(10):
        assert cli("build", str(root), "--no-cache")[0] == 0
    related = {b["slug"]: b["related"] for b in json.loads(built(root, "playbook.json"))["briefs"]}
    assert related == {"a": ["b"], "b": ["c"], "c": ["a", "b"]}
    for slug, linked_from in (("a", "c"), ("b", "a"), ("c", "b")):
        assert f'href="../../briefs/{linked_from}/index.html"' in built(root, f"briefs/{slug}/index.html")
