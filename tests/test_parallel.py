"""Parsing and rendering on several processes give exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

from playbook.analysis.loading import PARALLEL_FROM
from playbook.analysis.project import analyse_project
from playbook.serve.sitefiles import SiteFiles
from playbook.site.build import CHUNK, build_site
from playbook.site.output.marker import MARKER
from tests.support.briefs import brief


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_processes_equal_one(make_project):
    count = max(PARALLEL_FROM, 2 * CHUNK) + 10  # enough files to parse, and pages to render, in parallel
    briefs = {
        f"b{i:03d}": brief(
            ("title: Renewal-date extraction for in-house legal", f"title: Brief number {i}"),
            ("  severity: 4", f"  severity: {1 + i % 5}"),
            ("related: []", f"related: [b{(i + 1) % count:03d}]"),
        )
        for i in range(count)
    }
    briefs["broken"] = "---\ntitle: [unclosed\n---\n"
    root = make_project(briefs)
    one = analyse_project(root, jobs=1)
    two = analyse_project(root, jobs=2)
    assert one.diagnostics == two.diagnostics and [d.code for d in one.diagnostics] == ["PB001"]
    assert one.briefs == two.briefs and len(one.briefs) == count
    clean = make_project({slug: text for slug, text in briefs.items() if slug != "broken"})
    analysis = analyse_project(clean, jobs=2)
    build_site(analysis, clean / "one", jobs=1)
    result = build_site(analysis, clean / "two", jobs=2)
    assert result.pages > 2 * CHUNK
    assert snapshot(clean / "one") == snapshot(clean / "two")
    # Written piece by piece in a cold build, rendered whole for serve and warm builds: the same bytes.
    files = snapshot(clean / "two")
    assert files.pop(MARKER)
    assert files == dict(SiteFiles(analysis))
