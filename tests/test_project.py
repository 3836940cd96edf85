"""Analysing a whole project: discovery, independence of failures, duplicate slugs and pages."""

from __future__ import annotations

import os

from playbook.analysis.project import analyse_project
from playbook.load.content import find_sources
from tests.support.briefs import brief


def test_a_broken_brief_stops_only_itself(make_project):
    root = make_project(
        {
            "broken-yaml": "---\ntitle: [oops\n---\n",
            "missing-fields": "---\ntitle: Only a title\n---\n",
            "gap": brief(("  accuracy: 0.93", "  accuracy: 0.5")),
            "fine": brief(),
        }
    )
    analysis = analyse_project(root)
    assert sorted(b.slug for b in analysis.briefs) == ["fine", "gap"]
    by_file = {}
    for d in analysis.diagnostics:
        by_file.setdefault(d.path.rsplit("/", 1)[1], set()).add(d.code)
    assert by_file == {"broken-yaml.md": {"PB001"}, "missing-fields.md": {"PB002"}, "gap.md": {"PB202"}}
    # Every missing section of the second brief is reported in the same run.
    assert sum(d.path.endswith("missing-fields.md") for d in analysis.diagnostics) == 5


def test_duplicate_slug_keeps_the_first(make_project):
    second = brief(("status: exploring", "status: exploring\nslug: a"))
    analysis = analyse_project(make_project({"a": brief(), "b": second}))
    assert [b.path for b in analysis.briefs] == ["content/briefs/a.md"]
    (d,) = analysis.diagnostics
    assert (d.code, d.path, d.line, d.column) == ("PB005", "content/briefs/b.md", 4, 7)
    assert "content/briefs/a.md" in d.message


def test_sources_pages_and_ignored_files(make_project, tmp_path):
    root = make_project(
        {"a": brief()},
        pages={"about": "# About us\n\nText.", "guides/setup": "---\ntitle: Setup\n---\nText."},
    )
    for junk in (".a.md.swp", "a.md~", ".#a.md", "4913", "notes.txt"):
        (root / "content" / "briefs" / junk).write_text("x")
    outside = tmp_path / "outside.md"
    outside.write_text(brief())
    os.symlink(outside, root / "content" / "briefs" / "escape.md")
    briefs, pages, _ = find_sources(root)
    assert briefs == ["content/briefs/a.md"]
    assert pages == ["content/about.md", "content/guides/setup.md"]
    analysis = analyse_project(root)
    assert [(p.slug, p.title) for p in analysis.pages] == [("about", "About us"), ("guides/setup", "Setup")]


def test_page_may_not_take_a_site_address(make_project):
    analysis = analyse_project(make_project({}, pages={"search": "Text"}))
    (d,) = analysis.diagnostics
    assert (d.code, d.path) == ("PB005", "content/search.md")
    assert analysis.pages == ()


def test_a_taken_page_address_is_reported_at_its_slug(make_project):
    analysis = analyse_project(
        make_project({}, pages={"notes": "---\ntitle: Notes\nslug: criteria\n---\nText"})
    )
    (d,) = analysis.diagnostics
    assert (d.code, d.line, d.column) == ("PB005", 3, 7)


def test_a_folder_link_that_loops_is_not_followed(make_project):
    root = make_project({"a": brief()})
    os.symlink(root / "content", root / "content/loop")
    briefs, pages, _ = find_sources(root)
    assert briefs == ["content/briefs/a.md"] and pages == []
