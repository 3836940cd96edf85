"""Analysing a whole project: discovery, independence of failures, duplicate slugs and pages."""

from __future__ import annotations

import os
from datetime import date

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


MISTAKES = (
    ("  frequency: weekly", "  frequency: weakly"),  # the schema error
    ("updated: 2026-11-20", "updated: 2020-01-01"),  # PB401
    ("  who: In-house counsel at mid-size SaaS companies", "  who: Anyone who would use it"),  # PB101
    ("  covered_steps: [upload, extract, verify, export]", "  covered_steps: [upload, extrct]"),  # PB007
    ("related: []", "related: [nowhere]"),  # PB006
    ("Interviews and notes.", "See [[nobody]] and [[fine]]."),  # PB006
)


def test_a_schema_error_hides_no_check_that_does_not_depend_on_it(make_project):
    root = make_project({"typo": brief(*MISTAKES), "fine": brief(("Interviews and notes.", "See [[typo]]."))})
    analysis = analyse_project(root, today=date(2026, 11, 26))
    found = sorted((d.code, d.message) for d in analysis.diagnostics if d.path.endswith("typo.md"))
    assert [code for code, _ in found] == ["PB002", "PB006", "PB006", "PB007", "PB101", "PB301", "PB401"]
    assert "pain.frequency" in found[0][1] and "'nowhere'" in found[1][1] + found[2][1]
    assert [b.slug for b in analysis.briefs] == ["fine"], "a brief with errors is never ranked or built"
    assert [(b.slug, b.broken) for b in analysis.partial] == [("typo", ("pain.frequency",))]
    assert not [d for d in analysis.diagnostics if d.path.endswith("fine.md")], "a link to it is not broken"


def test_a_check_that_depends_on_a_broken_field_does_not_run(make_project):
    gap = brief(("  accuracy: 0.93", "  accuracy: 0.5"), ("  error_cost: high", "  error_cost: hihg"))
    analysis = analyse_project(make_project({"gap": gap}), today=date(2026, 11, 26))
    assert [d.code for d in analysis.diagnostics] == ["PB002"], "no PB202 from a stand-in error cost"
    steps = brief(("  workflow_steps: [upload, extract, verify, export]", "  workflow_steps: upload"))
    analysis = analyse_project(make_project({"steps": steps}), today=date(2026, 11, 26))
    assert [d.code for d in analysis.diagnostics] == ["PB002"], "no PB007 or PB301 from stand-in steps"


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
