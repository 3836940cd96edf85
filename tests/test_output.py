"""The writer's guarantees: refused outputs, staging and swap, nothing outside the output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook.site.output import MARKER, OutputError, SiteWriter, check_output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "themes").mkdir()
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output", [".", "content", "content/briefs", "content/site", "themes", "themes/x", "..", "/"])
def test_refused_outputs(project, output):
    before = snapshot(project.parent)
    with pytest.raises(OutputError):
        check_output(project / output if output != "/" else Path("/"), project)
    assert snapshot(project.parent) == before


def test_refuses_a_folder_it_did_not_make_and_a_file(project):
    (project / "notes").mkdir()
    (project / "notes" / "thesis.docx").write_text("years of work")
    with pytest.raises(OutputError, match="did not make"):
        check_output(project / "notes", project)
    (project / "file").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        check_output(project / "file", project)
    os.symlink(project / "notes", project / "link")
    with pytest.raises(OutputError):
        check_output(project / "link", project)
    assert (project / "notes" / "thesis.docx").read_text() == "years of work"


def test_accepts_new_empty_and_own_folders(project):
    assert check_output(project / "site", project) == project / "site"
    (project / "empty").mkdir()
    assert check_output(project / "empty", project)
    (project / "old").mkdir()
    (project / "old" / MARKER).write_text("")
    (project / "old" / "index.html").write_text("")
    assert check_output(project / "old", project)


def test_publish_replaces_whole_and_failure_keeps_the_old(project):
    out = project / "site"
    with SiteWriter(out) as writer:
        writer.write("index.html", b"one")
        writer.write("stale/index.html", b"old page")
    first = snapshot(out)
    assert first == {MARKER: first[MARKER], "index.html": b"one", "stale/index.html": b"old page"}

    with pytest.raises(RuntimeError):
        with SiteWriter(out) as writer:
            writer.write("index.html", b"two")
            raise RuntimeError("template failed on the Nth page")
    assert snapshot(out) == first
    assert sorted(p.name for p in project.iterdir()) == ["content", "site", "themes"]  # no staging left

    with SiteWriter(out) as writer:
        writer.write("index.html", b"three")
    assert snapshot(out) == {MARKER: first[MARKER], "index.html": b"three"}
    assert sorted(p.name for p in project.iterdir()) == ["content", "site", "themes"]


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "a\\..\\b", "a\x00b", ""])
def test_paths_that_could_leave_the_output_are_refused(project, path):
    with pytest.raises(RuntimeError):
        with SiteWriter(project / "site") as writer:
            with pytest.raises(ValueError):
                writer.write(path, b"x")
            raise RuntimeError("stop")
    assert not (project / "escape.html").exists()


def test_a_path_is_written_once(project):
    with pytest.raises(ValueError, match="two pages"):
        with SiteWriter(project / "site") as writer:
            writer.write("a.html", b"1")
            writer.write("a.html", b"2")
    assert not (project / "site").exists()


def test_the_published_folder_follows_the_umask(project):
    old = os.umask(0o022)
    try:
        with SiteWriter(project / "site") as writer:
            writer.write("index.html", b"x")
    finally:
        os.umask(old)
    assert (project / "site").stat().st_mode & 0o777 == 0o755  # not mkdtemp's private 0700
