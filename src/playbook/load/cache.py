"""The persistent build cache in ``.playbook-cache/``: what loading each source file gave, keyed
by the file's bytes, so warm builds and checks skip parsing files that did not change (what a build
rendered is the site's own cache, ``site/rendercache.py``).

A cache must never make a build wrong, and never run anything. Entries are keyed by the SHA-1 of
the file's bytes, the path and the tool version; the file is plain data of declared types (no
pickle: nothing in it is ever executed), signed with HMAC-SHA256 under a key kept outside the
project's checkout (so a cache committed to a repository, or tampered with, is never believed),
and one that does not verify, does not decode or comes from other code is ignored.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from playbook import __version__
from playbook.diagnostics import Diagnostic
from playbook.layout import CACHE
from playbook.load.evals import Evaluation
from playbook.load.model import Brief, Page
from playbook.load.signed import Signed, read_regular, signing_key

__all__ = [
    "CODE",
    "FILE",
    "FOLDER",
    "FORMAT",
    "Signed",
    "SourceCache",
    "read_regular",
    "signing_key",
]

FOLDER = CACHE
FILE = "sources.msgpack"
Loaded = tuple[
    Brief | Page | Evaluation | None, list[Diagnostic]
]  # what a loader, or an evaluation reader, gives


def _code_digest() -> str:
    """Return a digest of this package's code, every module of every stage: a cache written by
    other code (another version, or the same version number while it is being developed) may
    hold objects of another shape."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    modules = []  # os.walk, not Path.rglob: a third of the time, paid by every run at import
    for folder, folders, files in os.walk(package):
        folders[:] = [name for name in folders if name != "__pycache__"]
        modules += (os.path.join(folder, name) for name in files if name.endswith(".py"))
    hasher = hashlib.sha1(__version__.encode())
    for path in sorted(modules):
        with open(path, "rb") as file:
            hasher.update(os.path.relpath(path, package).replace(os.sep, "/").encode() + b"\0" + file.read())
    return hasher.hexdigest()[:16]


CODE = _code_digest()
FORMAT = f"playbook-{__version__}-{CODE}-sources"


class SourceCache:
    """What loading each file gave, ``{path: (sha1 of its bytes, result)}``, and what the criteria
    found in each brief, ``{path: (sha1, settings, result)}``; read at start, written at the end."""

    def __init__(self, root: Path, derived: Any):
        """``derived`` is the declared type of what is derived from a brief (the analysis stage knows it)."""
        self.file = Signed(
            root,
            FILE,
            FORMAT,
            {"sources": dict[str, tuple[str, Loaded]], "derived": dict[str, tuple[str, str, derived]]},
        )
        stored = self.file.read()
        self.entries: dict[str, tuple[str, object]] = stored.get("sources", {})
        self.derived: dict[str, tuple[str, str, object]] = stored.get("derived", {})
        self.used: dict[str, tuple[str, object]] = {}
        self.derived_used: dict[str, tuple[str, str, object]] = {}
        self.dirty = False

    def get(self, path: str, digest: str):
        entry = self.entries.get(path)
        if entry is not None and entry[0] == digest:
            self.used[path] = entry
            return entry[1]
        return None

    def put(self, path: str, digest: str, result: object) -> None:
        self.used[path] = (digest, result)
        self.dirty = True

    def get_derived(self, path: str, settings: str):
        """Return what was derived from ``path`` under ``settings``, if its bytes are unchanged."""
        loaded = self.used.get(path)
        entry = self.derived.get(path)
        if loaded is not None and entry is not None and entry[0] == loaded[0] and entry[1] == settings:
            self.derived_used[path] = entry
            return entry[2]
        return None

    def put_derived(self, path: str, settings: str, result: object) -> None:
        loaded = self.used.get(path)
        if loaded is not None:
            self.derived_used[path] = (loaded[0], settings, result)
            self.dirty = True

    @property
    def problem(self) -> str:
        return self.file.problem

    def save(self) -> None:
        """Write the entries used by this run (so deleted files drop out), if anything changed."""
        if self.dirty or len(self.used) != len(self.entries) or len(self.derived_used) != len(self.derived):
            self.file.write({"sources": self.used, "derived": self.derived_used})
