"""Parsing and rendering on several processes give exactly what one process gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


def test_a_small_build_renders_half_its_pages_in_a_forked_process(make_project, monkeypatch):
    """Fewer pages than a chunk: on two processes (a bare fork, no pool), the same bytes as one."""
    import playbook.site.build as build

    root = make_project(
        {
            f"b{i}": brief(("title: Renewal-date extraction for in-house legal", f"title: Brief {i}"))
            for i in range(20)
        }
    )
    analysis = analyse_project(root)
    forked = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or real_fork())
    one = build_site(analysis, root / "one", jobs=1)
    assert not forked
    two = build_site(analysis, root / "two", jobs=2)
    assert build.SPLIT_AT <= two.pages < CHUNK and one.pages == two.pages, two.pages
    assert forked == [1]
    assert snapshot(root / "one") == snapshot(root / "two")


def test_a_failure_in_the_forked_half_fails_the_build_and_publishes_nothing(make_project, monkeypatch):
    import playbook.site.build as build

    root = make_project(
        {
            f"b{i}": brief(("title: Renewal-date extraction for in-house legal", f"title: Brief {i}"))
            for i in range(20)
        }
    )
    analysis = analyse_project(root)
    parent, real = os.getpid(), build.RenderJob.render

    def render(self, indices):  # fails in the child only: the parent's half renders as usual
        if os.getpid() != parent:
            raise build.BuildError("default/brief.html:3: broken in the other process")
        return real(self, indices)

    monkeypatch.setattr(build.RenderJob, "render", render)
    with pytest.raises(build.BuildError, match="broken in the other process"):
        build_site(analysis, root / "site", jobs=2)
    assert not (root / "site").exists() and sorted(p.name for p in root.iterdir()) == ["content"]
