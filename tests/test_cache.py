"""The persistent cache: warm runs reuse unchanged files, and no cache can make a run wrong."""

from __future__ import annotations

import pickle

import pytest

from playbook.analysis.project import analyse_project
from playbook.load.cache import FILE, FOLDER, signing_key
from tests.support.briefs import brief


def analyse(root):
    return analyse_project(root, persistent=True)


def test_warm_runs_reuse_unchanged_files_and_see_changes(make_project, monkeypatch):
    root = make_project({"a": brief(), "b": brief()})
    first = analyse(root)
    assert (root / FOLDER / FILE).is_file()
    parsed = []
    from playbook.load.content import LOADERS

    original = LOADERS["brief"]
    monkeypatch.setitem(LOADERS, "brief", lambda *args: parsed.append(args[1]) or original(*args))
    (root / "content/briefs/b.md").write_text(brief(("  accuracy: 0.93", "  accuracy: 0.5")))
    second = analyse(root)
    assert parsed == ["content/briefs/b.md"]  # a.md came from the cache
    assert second.metrics["b"].model_accuracy == 0.5 and first.metrics["b"].model_accuracy == 0.93
    assert [d.code for d in second.diagnostics] == ["PB202"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "resign", "other-version"])
def test_a_damaged_or_foreign_cache_is_ignored(make_project, damage):
    root = make_project({"a": brief()})
    analyse(root)
    path = root / FOLDER / FILE
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[:50])
    elif damage == "garbage":
        path.write_bytes(b"\x00" * 200)
    elif damage == "resign":  # a cache committed by someone else: signed with their key
        path.write_bytes(b"x" * 32 + pickle.dumps({"format": "x", "entries": {}}))
    else:
        import hashlib
        import hmac

        payload = pickle.dumps(
            {"format": "playbook-0.0.0-sources-1", "entries": {"content/briefs/a.md": ("0" * 40, (None, []))}}
        )
        path.write_bytes(hmac.new(signing_key(), payload, hashlib.sha256).digest() + payload)
    fresh = analyse(root)
    assert [b.slug for b in fresh.briefs] == ["a"] and fresh.diagnostics == ()


def test_a_tampered_entry_never_unpickles(make_project):
    root = make_project({"a": brief()})
    analyse(root)
    path = root / FOLDER / FILE

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pickle executed')",))

    data = path.read_bytes()
    path.write_bytes(data[:32] + pickle.dumps(Boom()))
    assert [b.slug for b in analyse(root).briefs] == ["a"]


def test_no_cache_leaves_no_folder(make_project, run):
    root = make_project({"a": brief()})
    assert run("check", str(root), "--no-cache")[0] == 0
    assert not (root / FOLDER).exists()
    assert run("check", str(root))[0] == 0
    assert (root / FOLDER / FILE).exists()


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_warm_builds_equal_cold_builds_after_edits(make_project, run):
    root = make_project(
        {"a": brief(), "b": brief(("related: []", "related: [a]")), "c": brief()},
        pages={"about": "# About\n\nSee [[a]]."},
    )
    assert run("build", str(root))[0] == 0
    edits = [
        ("a", brief(("title: Renewal-date extraction for in-house legal", "title: A renamed brief"))),
        (
            "c",
            brief(
                ("  accuracy: 0.93", "  accuracy: 0.5"), ("Interviews and notes.", "New notes about [[a]].")
            ),
        ),
    ]
    for slug, text in edits:
        (root / f"content/briefs/{slug}.md").write_text(text)
        code, out, _ = run("build", str(root))
        assert code == 0 and "unchanged" in out
        assert run("build", str(root), "--no-cache", "-o", str(root / "cold"))[0] == 0
        assert snapshot(root / "site") == snapshot(root / "cold")
    code, out, _ = run("build", str(root))  # nothing changed at all
    assert "(0 written," in out


def test_a_cache_written_by_other_code_is_ignored(make_project, monkeypatch):
    import playbook.load.cache as cache
    from playbook.load.content import LOADERS

    root = make_project({"a": brief()})
    analyse(root)
    assert cache.CODE in cache.FORMAT  # the format names the code that wrote it, not just the version
    monkeypatch.setattr(cache, "FORMAT", f"playbook-{cache.__version__}-0123456789abcdef-sources")
    parsed = []
    original = LOADERS["brief"]
    monkeypatch.setitem(LOADERS, "brief", lambda *args: parsed.append(args[1]) or original(*args))
    fresh = analyse(root)
    assert parsed == ["content/briefs/a.md"] and [b.slug for b in fresh.briefs] == ["a"]


def test_cached_findings_follow_the_settings_and_the_date(make_project):
    from datetime import date

    text = brief(
        ("  covered_steps: [upload, extract, verify, export]", "  covered_steps: [upload, extract, verify]")
    )
    root = make_project({"a": text})
    assert [
        d.code for d in analyse_project(root, persistent=True, today=date(2026, 11, 25)).diagnostics
    ] == []
    (root / "playbook.yaml").write_text("criteria:\n  partial_below: 0.8\n")
    assert [d.code for d in analyse_project(root, persistent=True, today=date(2026, 11, 25)).diagnostics] == [
        "PB301"
    ]
    assert {d.code for d in analyse_project(root, persistent=True, today=date(2027, 11, 25)).diagnostics} == {
        "PB301",
        "PB401",
    }


# --- A cache planted to turn against the build ------------------------------------------------------


@pytest.mark.parametrize("plant", ["link to /dev/zero", "fifo", "huge sparse file", "link to a file outside"])
def test_a_planted_cache_file_is_ignored_without_hanging_or_filling_memory(
    make_project, run, tmp_path, plant
):
    import os
    import resource

    from tests.support.hostile import deadline

    root = make_project({"a": brief()})
    (root / FOLDER).mkdir()
    path = root / FOLDER / FILE
    outside = tmp_path / "outside.pickle"
    outside.write_bytes(b"x" * 100)
    if plant == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif plant == "fifo":
        os.mkfifo(path)
    elif plant == "huge sparse file":
        with open(path, "wb") as handle:
            handle.truncate(8 << 30)
    else:
        path.symlink_to(outside)
    limit = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, limit[1]))  # reading /dev/zero would pass this at once
    try:
        with deadline(20):
            code, out, err = run("check", str(root))
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limit)
    assert code == 0 and "Traceback" not in err and "no problems" in out
    assert outside.read_bytes() == b"x" * 100  # written around, never through


def test_a_cache_folder_linked_out_of_the_project_is_neither_read_nor_written(make_project, run, tmp_path):
    root = make_project({"a": brief()})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / FOLDER).symlink_to(elsewhere)
    for command in ("check", "build"):
        code, out, err = run(command, str(root))
        assert code == 0 and "Traceback" not in err
        assert f"{FOLDER} is a symlink" in err and "delete it" in err
    assert list(elsewhere.iterdir()) == []


def test_half_written_cache_files_of_dead_writers_are_removed(make_project, run):
    import fcntl

    root = make_project({"a": brief()})
    assert run("check", str(root))[0] == 0
    dead = root / FOLDER / f".{FILE}-999999-dead"
    dead.write_bytes(b"half")
    live = root / FOLDER / f".{FILE}-888888-live"
    live.write_bytes(b"being written")
    with open(live, "rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        (root / "content/briefs/a.md").write_text(brief(("  accuracy: 0.93", "  accuracy: 0.94")))
        assert run("check", str(root))[0] == 0
        assert not dead.exists() and live.exists()
    assert sorted(p.name for p in (root / FOLDER).iterdir()) == sorted([FILE, live.name])


# --- Nothing in the checkout decides what the cache runs, or what a check finds ----------------------


class Proof:
    """Unpickled, creates the file ``marker``: the proof that a cache ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def plant_signed_caches(root, key: bytes, marker) -> None:
    """Write a pickle that would create ``marker``, signed with ``key``, under every name a cache has had."""
    import hashlib
    import hmac

    payload = pickle.dumps(Proof(marker))
    (root / FOLDER).mkdir(exist_ok=True)
    for name in (FILE, "sources.pickle", "render.msgpack", "render.pickle"):
        (root / FOLDER / name).write_bytes(hmac.new(key, payload, hashlib.sha256).digest() + payload)


# Where XDG_CACHE_HOME (or HOME) can point inside a checkout: the key is planted there.
PLANTED = {
    "the project": ".",
    "content/": "content",
    "site/": "site",
    ".playbook-cache/": FOLDER,
    "an XDG_CACHE_HOME in the checkout": ".cache",
    "a HOME in the checkout": "home",
}


@pytest.mark.parametrize("where", PLANTED)
def test_a_cache_and_key_planted_in_the_checkout_never_run(make_project, run, monkeypatch, tmp_path, where):
    root = make_project({"a": brief(), "b": brief(("  accuracy: 0.93", "  accuracy: 0.5"))})
    expected = run("check", str(root), "--no-cache")
    folder = root / PLANTED[where]
    if where == "a HOME in the checkout":
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(folder))
        folder = folder / ".cache"
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    key = b"planted by a pull request, 32 b"
    (folder / "playbook").mkdir(parents=True, exist_ok=True)
    (folder / "playbook" / "cache-key").write_bytes(key)
    marker = tmp_path / "the cache ran code"
    plant_signed_caches(root, key, marker)
    for command in (
        "check",
        "build",
        "check",
    ):  # (a build refuses a site/ holding a planted key: not its files)
        code, out, err = run(command, str(root))
        assert not marker.exists(), f"{command} ran the planted cache"
        assert "Traceback" not in err
    assert (
        (code, out) == expected[:2] and "inside" in err and "point XDG_CACHE_HOME outside the checkout" in err
    )


def test_a_project_in_a_repository_does_not_trust_a_key_elsewhere_in_its_work_tree(
    make_project, run, monkeypatch, tmp_path
):
    import subprocess

    repository = tmp_path / "repository"
    repository.mkdir()
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    project = make_project({"a": brief()})
    root = repository / "docs" / "playbook"
    root.parent.mkdir()
    project.rename(root)
    monkeypatch.setenv(
        "XDG_CACHE_HOME", str(repository / ".cache")
    )  # outside the project, inside the checkout
    key = b"planted by a pull request, 32 b"
    (repository / ".cache/playbook").mkdir(parents=True)
    (repository / ".cache/playbook/cache-key").write_bytes(key)
    marker = tmp_path / "the cache ran code"
    plant_signed_caches(root, key, marker)
    code, out, err = run("check", str(root))
    assert code == 0 and not marker.exists() and f"inside {repository}" in err


def test_a_pickle_signed_with_the_users_own_key_never_runs(make_project, run, tmp_path):
    """The format is data: even a cache that verifies (a leaked key) cannot run anything."""
    root = make_project({"a": brief()})
    marker = tmp_path / "the cache ran code"
    plant_signed_caches(root, signing_key(), marker)
    for command in ("check", "build", "check"):
        code, out, err = run(command, str(root))
        assert code == 0 and not marker.exists() and "Traceback" not in err


def test_a_cache_signed_with_a_planted_key_cannot_hide_a_finding(make_project, run, monkeypatch):
    """A data cache could still lie: one signed with a key from the checkout is not believed."""
    import hashlib
    import shutil

    from playbook.analysis.reuse import Derived
    from playbook.load.cache import SourceCache
    from playbook.load.signed import key_path

    good = brief()
    bad = brief(("  severity: 4", "  severity: 9"))
    root = make_project({"a": good})
    analyse(root)
    store = SourceCache(root, Derived)
    [(path, (_, result))] = store.entries.items()
    digest = hashlib.sha1(bad.encode()).hexdigest()
    store.file.write(
        {"sources": {path: (digest, result)}, "derived": {}}
    )  # "the bad brief loads as the good one"
    (root / "content/briefs/a.md").write_text(bad)
    assert run("check", str(root))[0] == 0, (
        "signed with the user's key, the lie is believed: the test can fail"
    )
    store.file.write({"sources": {path: (digest, result)}, "derived": {}})
    planted = root / ".cache" / "playbook"
    planted.mkdir(parents=True)
    shutil.copy(key_path(), planted / "cache-key")  # the very key that signed the lie, now in the checkout
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / ".cache"))
    code, out, err = run("check", str(root))
    assert code == 1 and "PB002" in out and "inside" in err
