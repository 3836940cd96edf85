"""Watching: editors' atomic saves, bursts, deletes and renames each end in one rebuild, and
editor temporaries alone in none."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from playbook.serve.watch import ChangeCollector, is_relevant, start_watching


@pytest.mark.parametrize(
    "name, relevant",
    [
        ("content/briefs/a.md", True),
        ("content/about.md", True),
        ("playbook.yaml", True),
        ("themes/x/templates/a.html", True),
        ("content/briefs/.a.md.swp", False),
        ("content/briefs/a.md~", False),
        ("content/briefs/.#a.md", False),
        ("content/briefs/4913", False),
        ("content/briefs/a.md.kate-swp", False),
        ("content/.DS_Store", False),
        ("site/index.html", False),
        (".playbook-cache/x", False),
        ("README.md", False),
    ],
)
def test_relevant_paths(tmp_path, name, relevant):
    assert is_relevant(tmp_path, str(tmp_path / name)) is relevant


class Recorder:
    def __init__(self):
        self.calls: list[set[str]] = []
        self.pending = 0
        self.event = threading.Event()

    def on_change(self):
        self.pending += 1

    def on_quiet(self, paths):
        self.calls.append({Path(p).name for p in paths})
        self.event.set()

    def wait(self, calls: int, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.calls) < calls and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # and nothing more should follow


@pytest.fixture(params=[False, True], ids=["events", "polling"])
def watched(tmp_path, request):
    root = tmp_path / "project"
    (root / "content/briefs").mkdir(parents=True)
    (root / "content/briefs/a.md").write_text("one")
    recorder = Recorder()
    collector = ChangeCollector(root, recorder.on_change, recorder.on_quiet, quiet=0.15)
    observer = start_watching(root, collector, poll=request.param)
    time.sleep(0.6 if request.param else 0.1)
    yield root, recorder
    collector.stop()
    observer.stop()
    observer.join(timeout=5)


def test_atomic_save_is_one_rebuild(watched):
    root, recorder = watched
    temporary = root / "content/briefs/.a.md.tmp-4913"
    temporary.write_text("two")
    os.replace(temporary, root / "content/briefs/a.md")
    recorder.wait(1)
    assert len(recorder.calls) == 1 and "a.md" in recorder.calls[0]
    assert recorder.pending >= 1


def test_a_burst_is_coalesced(watched):
    root, recorder = watched
    for i in range(40):
        (root / f"content/briefs/b{i}.md").write_text(str(i))
    recorder.wait(1)
    assert 1 <= len(recorder.calls) <= 2
    assert {f"b{i}.md" for i in range(40)} <= set().union(*recorder.calls)


def test_delete_and_rename(watched):
    root, recorder = watched
    os.rename(root / "content/briefs/a.md", root / "content/briefs/c.md")
    recorder.wait(1)
    assert "c.md" in recorder.calls[0]
    (root / "content/briefs/c.md").unlink()
    recorder.wait(2)
    assert "c.md" in recorder.calls[-1]


def test_editor_temporaries_alone_do_not_rebuild(watched):
    root, recorder = watched
    (root / "content/briefs/.a.md.swp").write_text("x")
    (root / "content/briefs/a.md~").write_text("x")
    (root / "content/briefs/4913").write_text("x")
    recorder.wait(1, timeout=1.0)
    assert recorder.calls == []


def test_content_deleted_and_restored_is_watched_again(watched):
    import shutil

    root, recorder = watched
    backup = root.parent / "content-backup"
    shutil.copytree(root / "content", backup)
    shutil.rmtree(root / "content")
    recorder.wait(1)
    shutil.copytree(backup, root / "content")  # as a git checkout of another branch and back
    recorder.wait(2)
    assert any("content" in call for call in recorder.calls)  # the folder itself: read it all again
    count = len(recorder.calls)
    time.sleep(0.6)  # a polling observer's new watch takes its first look
    (root / "content/briefs/a.md").write_text("edited after the restore")
    recorder.wait(count + 1)
    assert "a.md" in recorder.calls[-1]


def test_a_themes_folder_made_after_the_start_is_watched(watched):
    root, recorder = watched
    (root / "themes/t/templates").mkdir(parents=True)
    recorder.wait(1)
    count = len(recorder.calls)
    time.sleep(0.6)
    (root / "themes/t/templates/brief.html").write_text("{{ 1 }}")
    recorder.wait(count + 1)
    assert "brief.html" in set().union(*recorder.calls[count:])
