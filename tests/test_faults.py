"""Fault injection: a template failing on its Nth page, a full disk, a permission error, a file
deleted mid-build, Ctrl-C at any moment. Each time site/ stays the previous good build byte for
byte (or, interrupted after the swap, is the new build whole), no staging folder is left beside
it, and the user reads one line, not a traceback."""

from __future__ import annotations

import builtins
import errno
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.briefs import brief
from tests.support.hostile import BUILD_EPOCH, cli, snapshot

pytestmark = pytest.mark.usefixtures("fixed_date")

FAILING_BRIEF_TEMPLATE = (
    '{% extends "default/brief.html" %}{% block content %}'
    '{% if brief.slug == "SLUG" %}{{ no_such_variable.boom }}{% endif %}{{ super() }}{% endblock %}'
)


def many_briefs(count: int) -> dict[str, str]:
    return {f"brief-{i:04d}": brief(("Interviews and notes.", f"Notes for brief {i}.")) for i in range(count)}


def built_once(make_project, count: int = 4) -> tuple[Path, dict[str, bytes]]:
    """A project with a good build in site/, and that build's bytes."""
    root = make_project(many_briefs(count))
    code, _, err = cli("build", str(root), "--no-cache")
    assert code == 0, err
    (root / "content/briefs/brief-0000.md").write_text(
        brief(("Interviews and notes.", "Changed since the good build."))
    )
    return root, snapshot(root / "site")


def beside_site(root: Path) -> list[str]:
    return sorted(
        p.name
        for p in root.iterdir()
        if p.name not in ("content", "themes", "playbook.yaml", ".playbook-cache")
    )


@pytest.mark.parametrize(
    "count, failing", [(4, "brief-0003"), (260, "brief-0207")]
)  # in-process; on the fork pool
def test_a_template_failing_on_one_page_publishes_nothing(make_project, count, failing):
    root, before = built_once(make_project, count)
    (root / "playbook.yaml").write_text("theme: t\n")
    (root / "themes/t/templates").mkdir(parents=True)
    (root / "themes/t/templates/brief.html").write_text(FAILING_BRIEF_TEMPLATE.replace("SLUG", failing))
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err
    assert "no_such_variable" in err and f"briefs/{failing}/index.html" in err and "left as it was" in err
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


def fail_on_second_write(monkeypatch, error) -> None:
    """Make the second file opened for writing in a staging folder raise ``error(path)`` (the first
    is the marker; unchanged pages are linked, not written). Every way a build writes goes through
    ``open`` (pathlib's through ``io.open``); forked workers inherit the patch."""
    real_open = io.open
    writes = []

    def failing_open(file, mode="r", *args, **kwargs):
        if ".building-" in str(file) and any(flag in mode for flag in "wax"):
            writes.append(file)
            if len(writes) == 2:
                raise error(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", failing_open)
    monkeypatch.setattr(builtins, "open", failing_open)


WRITE_ERRORS = [errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS, errno.EIO]


@pytest.mark.parametrize(
    "number, count",
    [(n, 4) for n in WRITE_ERRORS] + [(errno.ENOSPC, 260)],
    ids=[errno.errorcode[n] for n in WRITE_ERRORS] + ["ENOSPC-on-the-fork-pool"],
)
def test_a_write_error_on_the_nth_page_publishes_nothing(make_project, monkeypatch, number, count):
    root, before = built_once(make_project, count)
    fail_on_second_write(monkeypatch, lambda path: OSError(number, os.strerror(number), path))
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err
    assert os.strerror(number) in err and "left as it was" in err
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


def test_a_failed_swap_puts_the_previous_site_back(make_project, monkeypatch):
    root, before = built_once(make_project)
    real_rename = os.rename

    def rename(source, target):
        if ".building-" in str(source):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err and os.strerror(errno.EXDEV) in err
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


def test_a_theme_asset_deleted_mid_build_fails_cleanly(make_project, monkeypatch):
    root, before = built_once(make_project)
    (root / "playbook.yaml").write_text("theme: t\n")
    (root / "themes/t/assets").mkdir(parents=True)
    asset = root / "themes/t/assets/extra.css"
    asset.write_text("p {}")
    from playbook.site.render.theme import Theme

    real_assets = Theme.assets

    def listed_then_deleted(self):  # deleted after the build listed it, before it is copied
        found = real_assets(self)
        asset.unlink(missing_ok=True)
        return found

    monkeypatch.setattr(Theme, "assets", listed_then_deleted)
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err and "extra.css" in err and "left as it was" in err
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


def test_a_brief_deleted_while_the_project_is_read_is_a_diagnostic(make_project, monkeypatch):
    root, before = built_once(make_project)
    import playbook.analysis.loading

    real_find = playbook.analysis.loading.find_sources

    def find_then_delete(*args, **kwargs):
        found = real_find(*args, **kwargs)
        (root / "content/briefs/brief-0003.md").unlink()
        return found

    monkeypatch.setattr(playbook.analysis.loading, "find_sources", find_then_delete)
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err
    assert "content/briefs/brief-0003.md:1:1: error PB001" in err and "No such file" in err
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


def test_ctrl_c_while_pages_are_written_publishes_nothing(make_project, monkeypatch):
    root, before = built_once(make_project)
    fail_on_second_write(monkeypatch, lambda path: KeyboardInterrupt())
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 130 and err.strip() == "playbook: interrupted"
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


@pytest.fixture
def other_thread():
    """A thread idling beside the build, as a server's or a pool's would: the kernel may hand a
    process-wide SIGINT to it rather than to the thread that builds."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    yield thread
    stop.set()
    thread.join()


@pytest.mark.parametrize("threads", ["one thread", "another thread alive"])
def test_ctrl_c_between_moving_the_old_site_out_and_the_new_one_in(
    make_project, monkeypatch, request, threads
):
    if threads == "another thread alive":
        request.getfixturevalue("other_thread")
    root, before = built_once(make_project)
    real_rename = os.rename

    def rename(source, target):
        real_rename(source, target)
        if str(source) == str(root / "site"):
            os.kill(os.getpid(), signal.SIGINT)  # the moment with no site/ at all

    monkeypatch.setattr(os, "rename", rename)
    code, out, err = cli("build", str(root), "--no-cache")
    after = snapshot(root / "site")
    assert code in (0, 130) and "Traceback" not in err
    assert after == before or b"Changed since the good build." in after["briefs/brief-0000/index.html"]
    assert beside_site(root) == ["site"]


def test_ctrl_c_at_every_moment_of_a_small_build_leaves_a_whole_site(make_project, monkeypatch, other_thread):
    """Interrupt the Nth file-system call of a build: every one around creating the staging
    folder and swapping it in, and a sample of the rest. site/ is always whole."""
    root, before = built_once(make_project, 3)
    calls: list[str] = []
    interrupt_at = [0]

    def counting(name):
        real = getattr(os, name)

        def call(*args, **kwargs):
            calls.append(name)
            if len(calls) == interrupt_at[0]:
                os.kill(os.getpid(), signal.SIGINT)
            return real(*args, **kwargs)

        return call

    for name in ("rename", "mkdir", "link", "unlink", "rmdir", "replace"):
        monkeypatch.setattr(os, name, counting(name))
    assert cli("build", str(root), "--no-cache")[0] == 0
    renames = [i for i, name in enumerate(calls, 1) if name == "rename"]
    assert len(renames) == 2, calls  # the old site out, the new one in
    moments = (
        set(range(1, 6)) | set(range(renames[0] - 2, renames[-1] + 5)) | set(range(1, len(calls) + 1, 15))
    )
    before = snapshot(root / "site")
    for at in sorted(moments):
        calls.clear()
        interrupt_at[0] = at
        code, out, err = cli("build", str(root), "--no-cache")
        assert code in (0, 130) and "Traceback" not in err, (at, err)
        site = snapshot(root / "site")
        assert site == before or b"Changed since the good build." in site["briefs/brief-0000/index.html"], at
        assert beside_site(root) == ["site"], at
        before = site


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "playbook", "build", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
    )


def said(err: str) -> list[str]:
    """Return the lines of a build's stderr besides its progress lines (stderr is not a terminal)."""
    progress = ("playbook: analysed ", "playbook: rendered ")
    return [line for line in err.strip().splitlines() if not line.startswith(progress)]


def wait_for_staging(root: Path, process: subprocess.Popen) -> None:
    give_up = time.monotonic() + 120
    while not any(".building-" in p.name for p in root.iterdir()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < give_up
        time.sleep(0.01)
    time.sleep(0.3)  # well into rendering, on the worker processes


@pytest.mark.parametrize("target", ["the build", "its process group"])
def test_sigint_to_a_large_parallel_build_publishes_nothing(make_project, target):
    """Signalled alone, or as a terminal's Ctrl-C does: every process of the foreground group,
    the pool's workers too."""
    root, before = built_once(make_project)
    for slug, text in many_briefs(1500).items():
        (root / "content/briefs" / f"{slug}.md").write_text(text)
    process = start_build(root)
    try:
        wait_for_staging(root, process)
        if target == "the build":
            process.send_signal(signal.SIGINT)
        else:
            os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # hung: take the build and its workers down, then fail
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 130, err
    assert said(err) == ["playbook: interrupted"]  # no traceback, from the build or a worker
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


# --- Builds that meet each other, and builds that die ------------------------------------------------


def test_a_live_staging_folder_or_an_old_site_is_refused_as_the_output(make_project):
    root, before = built_once(make_project)
    for name in (".site.building-k2j4h1", ".site.old-abc_12", ".public.building-x/inner"):
        folder = root / name
        folder.mkdir(parents=True)
        (folder / ".playbook-site").write_bytes(b"marker")
        code, out, err = cli("build", str(root), "--no-cache", "-o", str(folder))
        assert code == 2 and "staging folder" in err, (name, err)
        assert sorted(p.name for p in folder.iterdir()) == [".playbook-site"]
    assert snapshot(root / "site") == before


def test_leftovers_of_dead_builds_are_removed_and_a_live_builds_are_kept(make_project):
    import fcntl

    root, before = built_once(make_project)
    dead_staging = root / ".site.building-dead01"
    dead_old = root / ".site.old-dead02"
    live_staging = root / ".site.building-live03"
    for folder in (dead_staging, dead_old / "site", live_staging):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("half")
    holder = os.open(live_staging, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        assert cli("build", str(root), "--no-cache")[0] == 0
        assert beside_site(root) == [".site.building-live03", "site"]
    finally:
        os.close(holder)
    assert cli("build", str(root), "--no-cache")[0] == 0
    assert beside_site(root) == ["site"]


def test_two_swaps_that_overlap_both_succeed_and_the_later_is_the_site(tmp_path, monkeypatch):
    from playbook.site.output.writer import SiteWriter

    output = tmp_path / "site"
    first, second = SiteWriter(output), SiteWriter(output)
    first.__enter__()
    first.write("index.html", b"first")
    second.__enter__()
    second.write("index.html", b"second")
    first.__exit__(None, None, None)
    real_rename = os.rename
    outcome = []

    def rename(source, target):
        real_rename(source, target)
        if str(source) == str(output) and not outcome:  # the moment there is no site: the other swap comes
            thread = threading.Thread(
                target=lambda: outcome.append(second.__exit__(None, None, None) or "done")
            )
            thread.start()
            thread.join(0.3)
            outcome.append("waited")

    monkeypatch.setattr(os, "rename", rename)
    third = SiteWriter(output)
    with third:
        third.write("index.html", b"third")
    give_up = time.monotonic() + 10
    while "done" not in outcome and time.monotonic() < give_up:
        time.sleep(0.02)
    assert outcome == ["waited", "done"]  # it waited its turn instead of failing
    assert (output / "index.html").read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def children_of(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found.update(int(child) for child in children)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_sigterm_to_a_large_parallel_build_is_handled_like_ctrl_c(make_project):
    root, before = built_once(make_project)
    for slug, text in many_briefs(1500).items():
        (root / "content/briefs" / f"{slug}.md").write_text(text)
    process = start_build(root)
    try:
        wait_for_staging(root, process)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 128 + signal.SIGTERM and said(err) == ["playbook: terminated"], err
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]


def test_workers_die_with_a_killed_build_and_its_leftovers_go_with_the_next_build(make_project):
    root, before = built_once(make_project)
    for slug, text in many_briefs(1500).items():
        (root / "content/briefs" / f"{slug}.md").write_text(text)
    process = start_build(root)
    try:
        wait_for_staging(root, process)
        workers = children_of(process.pid)
        assert workers, "the build renders on a pool"
        os.kill(process.pid, signal.SIGKILL)  # only the parent: nothing of it can clean up
        out, err = process.communicate(timeout=30)
        give_up = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < give_up:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in workers)
    finally:
        os.killpg(process.pid, signal.SIGKILL) if process.poll() is None else None
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert any(".building-" in name for name in beside_site(root))
    assert cli("build", str(root), "--no-cache")[0] == 0
    assert beside_site(root) == ["site"]


def test_a_build_right_after_a_killed_one_removes_its_staging_folder(make_project):
    """Cleaning up goes by the dead build's lock, which ended with it, not by its folder's age: a
    build started an instant after the kill removes it (one that waited 10 s for it did not)."""
    root, before = built_once(make_project)
    for slug, text in many_briefs(1500).items():
        (root / "content/briefs" / f"{slug}.md").write_text(text)
    process = start_build(root)
    try:
        wait_for_staging(root, process)
        os.kill(
            process.pid, signal.SIGKILL
        )  # the build alone, not its workers: they must not keep its lock alive
        process.communicate(timeout=30)
    finally:
        os.killpg(process.pid, signal.SIGKILL) if process.poll() is None else None
    [staging] = [name for name in beside_site(root) if ".building-" in name]
    for number in range(4, 1500):  # a small project now: the next build reaches its clean-up at once
        (root / f"content/briefs/brief-{number:04d}.md").unlink()
    assert time.time() - (root / staging).stat().st_mtime < 5, "the dead build's folder is seconds old"
    again = subprocess.run(
        [sys.executable, "-m", "playbook", "build", str(root), "--no-cache"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert beside_site(root) == ["site"], f"{staging} was left behind"


def test_a_full_disk_names_the_file_it_could_not_write(make_project, monkeypatch):
    """write() on a full disk raises ENOSPC without a file name; the message must still say which."""
    root, before = built_once(make_project)
    real_open = io.open

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            return len(data)  # buffered: the disk is found full when the buffer is flushed

        def writelines(self, lines):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def full_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return (
            Full(handle)
            if ".building-" in str(file) and "w" in mode and str(file).endswith("index.html")
            else handle
        )

    monkeypatch.setattr(io, "open", full_open)
    monkeypatch.setattr(builtins, "open", full_open)
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err
    assert "No space left on device: " in err and "index.html" in err.split("No space left on device: ")[1]
    assert snapshot(root / "site") == before and beside_site(root) == ["site"]
