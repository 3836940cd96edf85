"""A page asked for right after a save shows the save, whatever the watcher has said: before
answering, ``serve`` checks the page's sources against the stamps the last analysis took, and
rebuilds first when they differ. The watcher is off (or slow) in these tests, so only that
check can make the answers right."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from playbook.serve import stamps as stamping
from playbook.serve.server import DevSite, respond
from playbook.serve.stamps import Stamps, stamp_read, status_of
from playbook.serve.watch import ChangeCollector, start_watching
from tests.support.briefs import brief


@pytest.fixture
def site(make_project) -> DevSite:
    root = make_project(
        {"a": brief(), "b": brief(("related: []", "related: [a]"))}, pages={"about": "# About\n\nRound 00."}
    )
    dev = DevSite(root)
    assert dev.rebuild().errors == ()
    return dev


def page(site: DevSite, path: str) -> bytes:
    response = respond(site, "GET", path, "localhost")
    assert response.status == 200, response
    return response.body


def save(path: Path, text: str, atomic: bool) -> None:
    """Save as an editor does: in place, or to a temporary file renamed over the old one."""
    if atomic:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text)
        os.replace(temporary, path)
    else:
        path.write_text(text)


@pytest.mark.parametrize("watcher", ["none", "slow", "as in serve"])
def test_a_page_asked_for_right_after_each_save_shows_it(site, watcher):
    root = site.root
    observer = collector = None
    if watcher == "slow":  # it tells of nothing until 2 s after a burst of events: long after the requests
        collector = ChangeCollector(root, lambda: None, site.rebuild, quiet=2.0)
    elif watcher == "as in serve":
        collector = ChangeCollector(root, site.mark_pending, site.rebuild_after_save)
    if collector is not None:
        observer = start_watching(root, collector)
    try:
        for round in range(1, 41):
            # The same length every round: a write in the same tick keeps size and time.
            mark = f"Round {round:02d}."
            save(root / "content/briefs/a.md", brief(("Interviews and notes.", mark)), atomic=round % 2 == 0)
            assert mark.encode() in page(site, "/briefs/a/"), round
            save(root / "content/about.md", f"# About\n\n{mark}\n", atomic=round % 3 == 0)
            assert mark.encode() in page(site, "/about/"), round
    finally:
        if collector is not None:
            collector.stop()
            observer.stop()


def test_every_kind_of_source_is_checked(site):
    root = site.root
    (root / "playbook.yaml").write_text("title: A title saved just now\n")
    assert b"A title saved just now" in page(site, "/")
    assert b"A title saved just now" in page(site, "/briefs/b/")  # every page shows the configuration
    (root / "content/briefs/new.md").write_text(
        brief(("title: Renewal-date extraction for in-house legal", "title: Born a moment ago"))
    )
    assert b"Born a moment ago" in page(site, "/")  # a new file: its folder changed
    assert b"Born a moment ago" in page(site, "/briefs/new/")
    (root / "content/briefs/new.md").unlink()
    assert respond(site, "GET", "/briefs/new/", "localhost").status == 404
    assert b"Born a moment ago" not in page(site, "/")
    (root / "themes/t/templates").mkdir(parents=True)
    (root / "playbook.yaml").write_text("title: Themed\ntheme: t\n")
    (root / "themes/t/templates/brief.html").write_text(
        '{% extends "default/brief.html" %}{% block content %}Theme one{% endblock %}'
    )
    assert b"Theme one" in page(site, "/briefs/a/")
    (root / "themes/t/templates/brief.html").write_text(
        '{% extends "default/brief.html" %}{% block content %}Theme two{% endblock %}'
    )
    assert b"Theme two" in page(site, "/briefs/a/")


def test_an_evaluation_saved_just_now_gives_its_numbers(site):
    root = site.root
    cases = root / "content/evals/cases.jsonl"
    cases.parent.mkdir()
    cases.write_text("".join(json.dumps({"correct": i < 90}) + "\n" for i in range(100)))
    (root / "content/briefs/a.md").write_text(
        brief(("  accuracy: 0.93", "  eval: evals/cases.jsonl"), ("  samples: 500", None))
    )
    assert b"0.90" in page(site, "/briefs/a/")
    cases.write_text("".join(json.dumps({"correct": i < 70}) + "\n" for i in range(100)))
    assert b"0.70" in page(site, "/briefs/a/")


def test_an_unchanged_page_is_answered_without_a_rebuild(site):
    reports = []
    site.report = reports.append
    before = page(site, "/briefs/a/")
    for _ in range(5):
        assert page(site, "/briefs/a/") == before
        page(site, "/")
    assert reports == []
    (site.root / "content/briefs/b.md").write_text(brief(("Interviews and notes.", "Only b changed.")))
    assert page(site, "/briefs/a/") == before  # a's page is made from a.md: b's save is the watcher's to tell
    assert reports == []
    assert b"Only b changed." in page(site, "/briefs/b/")
    assert len(reports) == 1 and reports[0].reloaded == 1
    version = site.state.version
    assert (
        site.rebuild_after_save({str(site.root / "content/briefs/b.md")}) is None
    )  # the watcher, telling of the same save
    assert site.state.version == version and len(reports) == 1  # no second rebuild, no second reload


def test_a_write_the_status_cannot_tell_is_told_by_the_bytes(tmp_path, monkeypatch):
    """Two writes within one tick of the clock leave the same size and times: a stamp taken then
    keeps the bytes' SHA-1, and settles to the status alone once the file is older than a tick."""
    path = tmp_path / "a.md"
    path.write_text("version 1")
    status = status_of(path)
    stamps = Stamps()
    stamps["a.md"] = stamp_read(status, time.time_ns(), path.read_bytes())
    assert stamps["a.md"].racy
    path.write_text("version 2")
    monkeypatch.setattr(stamping, "status_of", lambda _: status)  # as if within the same tick
    assert stamps.changed(tmp_path, ["a.md"]) == ["a.md"]
    path.write_text("version 1")
    assert stamps.changed(tmp_path, ["a.md"]) == [] and stamps["a.md"].racy  # still within its tick
    monkeypatch.setattr(stamping.time, "time_ns", lambda: status[3] + 10 * stamping.TICK_NS)
    assert stamps.changed(tmp_path, ["a.md"]) == [] and not stamps["a.md"].racy
    # read long after its last write
    old = stamp_read(status, status[2] + 10 * stamping.TICK_NS, b"version 1")
    assert not old.racy and old.proof is None


def test_a_folder_tells_which_sources_came_or_went(tmp_path):
    (tmp_path / "content/briefs").mkdir(parents=True)
    (tmp_path / "content/briefs/a.md").write_text("a")
    stamps = Stamps()
    stamps.stamp_folders(tmp_path, "content")
    (tmp_path / "content/briefs/b.md").write_text("b")
    (tmp_path / "content/briefs/b.md~").write_text("an editor's backup")
    (tmp_path / "content/briefs/a.md").unlink()
    (tmp_path / "content/guides").mkdir()
    assert sorted(stamps.changed(tmp_path, folders=True)) == [
        "content/briefs/a.md",
        "content/briefs/b.md",
        "content/guides",
    ]
    stamps.stamp_folders(tmp_path, "content")
    assert stamps.changed(tmp_path, folders=True) == []
    save(
        tmp_path / "content/briefs/b.md", "b again", atomic=True
    )  # a rename in the folder: no source came or went
    assert stamps.changed(tmp_path, folders=True) == []
