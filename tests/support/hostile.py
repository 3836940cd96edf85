"""Helpers for the adversarial tests: a deadline for code that could hang, the CLI's JSON findings
in a compact form, and snapshots of folders to prove nothing changed."""

from __future__ import annotations

import io
import json
import signal
from contextlib import contextmanager
from pathlib import Path

from playbook.cli.main import main

# A fixed build date, so PB401 (stale) never depends on the day the suite runs.
BUILD_EPOCH = "1796083200"  # 2026-12-01

# Lines of the valid brief (tests.support.briefs.VALID_BRIEF) that hostile cases replace.
TITLE = "title: Renewal-date extraction for in-house legal"
TAGS = "tags: [legal, extraction]"
RELATED = "related: []"
BODY = "Interviews and notes."


class Hang(Exception):
    """The code under test ran past its deadline."""


@contextmanager
def deadline(seconds: float):
    """Raise Hang inside the block if it runs longer than ``seconds`` (main thread only)."""

    def expire(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cli(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return the exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def findings(root: Path, *extra: str) -> tuple[int, list[tuple[str, str, int, int]]]:
    """Return ``check --format json``'s exit code and its findings as (file name, code, line, column)."""
    code, out, err = cli("check", str(root), "--format", "json", "--no-cache", *extra)
    assert "Traceback" not in err, err
    return code, [
        (d["path"].rsplit("/", 1)[-1], d["code"], d["line"], d["column"])
        for d in json.loads(out)["diagnostics"]
    ]


def messages(root: Path) -> list[str]:
    """Return the message of every finding of ``check``, in order."""
    code, out, err = cli("check", str(root), "--format", "json", "--no-cache")
    return [d["message"] for d in json.loads(out)["diagnostics"]]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` (symlinks as their target) by relative path."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): (
            b"->" + str(p.readlink()).encode() if p.is_symlink() else p.read_bytes()
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def tree(folder: Path) -> set[str]:
    """Return every path under ``folder``, folders included, relative to it."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}
