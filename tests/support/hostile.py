"""Helpers for the adversarial tests: a deadline for code that could hang, the CLI's JSON findings
in a compact form, snapshots of folders to prove nothing changed, and the corpus of hostile brief
files (generated rather than committed: big files are made at test time, and bytes such as BOMs,
CR line ends and NULs survive no editor or Git setting unchanged)."""

from __future__ import annotations

import codecs
import io
import json
import signal
from contextlib import contextmanager
from pathlib import Path

from playbook.cli.main import main
from tests.support.briefs import VALID_BRIEF, brief, line_of

# A fixed build date, so PB401 (stale) never depends on the day the suite runs.
BUILD_EPOCH = "1796083200"  # 2026-12-01

# Lines of the valid brief (tests.support.briefs.VALID_BRIEF) that hostile cases replace.
TITLE = "title: Renewal-date extraction for in-house legal"
TAGS = "tags: [legal, extraction]"
RELATED = "related: []"
BODY = "Interviews and notes."
OWNER = "owner: Dana Lee"
SEVERITY = "  severity: 4"
ACCURACY = "  accuracy: 0.93"


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


def billion_laughs() -> str:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "---\n" + "\n".join(levels) + "\n---\n"


def quadratic_blowup() -> str:
    """pyyaml #235's shape: one big list referenced many times, each alias cheap to write."""
    return "---\nbig: &big [" + ", ".join(["x"] * 5000) + "]\nrefs: [" + ", ".join(["*big"] * 10) + "]\n---\n"


# name: (file bytes or text, [(code, line, column)] expected, in order). Positions are 1-based.
HOSTILE_FILES = {
    "billion laughs": (billion_laughs(), [("PB001", 6, 12)]),
    "many aliases of one big list": (quadratic_blowup(), [("PB001", 3, 20)]),
    "an alias of itself": (brief((TAGS, "tags: &t [a, *t]")), [("PB002", line_of(VALID_BRIEF, TAGS), 7)]),
    "deep flow nesting": ("---\ntitle: " + "[" * 200 + "]" * 200 + "\n---\n", [("PB001", 2, 31)]),
    "deep block nesting": (
        "---\n" + "".join("  " * i + f"k{i}:\n" for i in range(40)) + "---\n",
        [("PB001", 26, 49)],
    ),
    "a custom tag": (brief((OWNER, "owner: !!python/object/apply:os.system [echo]")), [("PB001", 4, 8)]),
    "a binary tag": (brief((OWNER, "owner: !!binary aGVsbG8=")), [("PB001", 4, 8)]),
    "a mapping as a key": (brief((OWNER, "? [a, b]\n: c")), [("PB001", 4, 3)]),
    "a merge key": (
        brief((RELATED, "defaults: &d {status: idea}\n<<: *d")),
        [("PB003", 30, 1), ("PB003", 31, 1)],
    ),
    "an unclosed quote": (brief((TITLE, 'title: "never closed')), [("PB001", 2, 8)]),
    "a second document": (brief((OWNER, "owner: x\n--- !!str\nmore")), [("PB001", 5, 1)]),
    "binary bytes": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [("PB001", 3, 1)]),
    "latin-1 bytes": (VALID_BRIEF.replace("Dana Lee", "Dana L\xe9e").encode("latin-1"), [("PB001", 4, 14)]),
    "UTF-16 with a BOM": (VALID_BRIEF.encode("utf-16"), [("PB001", 1, 1)]),
    "UTF-16 big-endian": (codecs.BOM_UTF16_BE + VALID_BRIEF.encode("utf-16-be"), [("PB001", 1, 1)]),
    "UTF-16 without a BOM": (VALID_BRIEF.encode("utf-16-le"), [("PB001", 1, 2)]),
    "UTF-32": (VALID_BRIEF.encode("utf-32"), [("PB001", 1, 1)]),
    "an empty file": ("", [("PB001", 1, 1)]),
    "only whitespace": (" \n\t\n", [("PB001", 1, 1)]),
    "no front matter": ("# Just a heading\n", [("PB001", 1, 1)]),
    "unclosed front matter": ("---\ntitle: x\n", [("PB001", 1, 1)]),
    "front matter that is a list": ("---\n- a\n---\n", [("PB001", 2, 1)]),
    "empty front matter": ("---\n---\n", [("PB001", 1, 1)]),
    "a tab indenting a key": (VALID_BRIEF.replace("  who:", "\twho:"), [("PB001", 8, 1)]),
    "a duplicate key": (brief((OWNER, "owner: a\nowner: b")), [("PB004", 5, 1)]),
    "a duplicate nested key": (brief((SEVERITY, "  severity: 4\n  severity: 5")), [("PB004", 14, 3)]),
    "a duplicate key in a flow mapping": (
        brief((OWNER, "owner: x\nx: {a: 1, a: 2}")),
        [("PB003", 5, 1), ("PB004", 5, 11)],
    ),
    "a title of only a zero-width space": (brief((TITLE, 'title: "\\u200b\\u200d"')), [("PB002", 2, 8)]),
    "an escape character in a title": (brief((TITLE, 'title: "red \\e[31m title"')), [("PB002", 2, 8)]),
    "a NUL written as a YAML escape": (brief((OWNER, 'owner: "a\\0b"')), [("PB002", 4, 8)]),
    "a raw escape character in the body": (brief((BODY, "Colours \x1b[2J gone")), [("PB001", 32, 9)]),
    "a DEL character in the body": (brief((BODY, "a\x7f")), [("PB001", 32, 2)]),
    "a C1 control character in the body": (brief((BODY, "smart \u0093quotes\u0094")), [("PB001", 32, 7)]),
    "a line separator YAML would break the line at": (
        brief((TITLE, "title: one\u2028two")),
        [("PB001", 2, 11)],
    ),
    "a noncharacter in the body": (brief((BODY, "end \uffff")), [("PB001", 32, 5)]),
    "a title of a Hangul filler": (brief((TITLE, "title: \u3164")), [("PB002", 2, 8)]),
    "a title of combining marks": (brief((TITLE, "title: \u0301\u0302")), [("PB002", 2, 8)]),
}
