"""What an analysis may reuse from the one before it, in memory: the protocol ``analyse_project``
reads it through (:class:`Reuse`), the records it keeps, and :class:`FileMemo`, the memo that
``serve`` and the language server both keep. It lives below both of them, so neither imports the
other.

Files: a file is parsed again only when its bytes changed, and its bytes are read again only when
it may have changed (``suspects``); the folders are listed again only when a suspect may have
appeared or gone. Analysis: a brief's numbers and findings are carried while the brief, the
settings and the date are the same; the link graph while every brief makes the same links.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Callable, NamedTuple, Protocol

from playbook.analysis.links import LinkMemo
from playbook.analysis.metrics import Levers, Metrics
from playbook.diagnostics import Diagnostic
from playbook.load.cache import Loaded
from playbook.load.config import Config
from playbook.load.content import Listing, find_sources
from playbook.load.evals import Evaluation, eval_digest
from playbook.load.model import Brief
from playbook.load.source import read_bytes

Loader = Callable[[Path, str, "bytes | None"], Loaded]  # a brief's or a page's, from load/content.py
Read = Callable[[str], Loaded]  # an evaluation file's digest -> what reading the file gives


class Derived(NamedTuple):
    """What the numbers and the criteria give for one brief, as ``derive_brief`` returns it and
    the caches keep it."""

    metrics: Metrics
    levers: Levers | None
    findings: list[Diagnostic]


class Derivation(NamedTuple):
    """A brief's :class:`Derived`, with what it was derived from: reused while the brief is the
    same object and the rest is equal."""

    brief: Brief
    config: Config
    today: date
    evaluation: Evaluation | None
    derived: Derived


class EvaluationFile(NamedTuple):
    """An evaluation file as an analysis found it: the SHA-1 of its bytes (None when it cannot be
    read), why it cannot be read, and what reading it gave."""

    digest: str | None
    why: str
    read: Loaded


class Reuse(Protocol):
    """What an analysis may reuse from the one before it, in memory (:class:`FileMemo` is one).
    Each method returns what a fresh analysis would compute."""

    reloaded: int  # files read again by the last analysis
    derived: dict[str, Derivation]  # by the brief's path
    links: LinkMemo

    def evaluation(self, root: Path, path: str, key: str, read: Read) -> EvaluationFile:
        """Return the evaluation file at ``path`` as it is now, with ``read(digest)``."""

    def sources(self, root: Path) -> Listing:
        """Return the brief and page files, and what was skipped, as ``find_sources`` would."""

    def load(self, root: Path, path: str, loader: Loader) -> Loaded:
        """Return what ``loader(root, path, data)`` gives for the file's bytes now."""

    def forget(self, live: set[str]) -> None:
        """Drop what is kept for files no longer in the project."""


class FileMemo:
    """Briefs and pages loaded earlier, with the digest of their bytes, and what was derived from
    them. Subclasses see each reading through :meth:`read`, :meth:`digest` and :meth:`listed`."""

    def __init__(self):
        self.files: dict[str, tuple[bytes, Loaded]] = {}  # path -> (sha1 of its bytes, what loading gave)
        self.derived: dict[str, Derivation] = {}
        self.evaluations: dict[str, EvaluationFile] = {}  # by eval path and column
        self.links = LinkMemo()
        self.reloaded = 0  # files read by the last analysis
        self.suspects: tuple[str, ...] | None = None  # None: any file may have changed
        self.listing: Listing | None = None  # the last find_sources
        self.known: frozenset[str] = frozenset()  # the files it listed

    def read(self, root: Path, path: str) -> tuple[bytes | None, list[Diagnostic]]:
        """Return the bytes of the file now, or the diagnostics that say why it cannot be read."""
        return read_bytes(root, path)

    def digest(self, root: Path, path: str) -> tuple[str | None, str]:
        """Return the SHA-1 of an evaluation file's bytes now, or why it cannot be read."""
        return eval_digest(root, path)

    def listed(self, root: Path) -> Listing:
        """Return the project's source files as the folders hold them now."""
        return find_sources(root)

    def sources(self, root: Path) -> Listing:
        """Return :func:`find_sources`' answer, listing the folders again only when a suspect may
        have added, removed or renamed a file (an edit to a known file cannot)."""
        if (
            self.listing is None
            or self.suspects is None
            or not all(suspect in self.known and os.path.isfile(root / suspect) for suspect in self.suspects)
        ):
            self.listing = self.listed(root)
            self.known = frozenset(self.listing.briefs) | frozenset(self.listing.pages)
        return self.listing

    def _unchanged(self, path: str) -> bool:
        return self.suspects is not None and not any(
            path == suspect or path.startswith(suspect + "/") or suspect == "" for suspect in self.suspects
        )

    def load(self, root: Path, path: str, loader: Loader) -> Loaded:
        """Return what ``loader`` gives for ``path``, loading it again only when its bytes changed
        (as a build decides: an edit that keeps the length and restores the time is still seen)."""
        cached = self.files.get(path)
        if cached is not None and self._unchanged(path):
            return cached[1]
        data, problems = self.read(root, path)
        if data is None:
            self.files.pop(path, None)
            self.reloaded += 1
            return None, problems
        return self.load_bytes(root, path, data, loader)

    def load_bytes(self, root: Path, path: str, data: bytes, loader: Loader) -> Loaded:
        """Return what ``loader`` gives for ``path`` holding ``data``, loading it again only when
        the bytes differ from the last ones."""
        digest = hashlib.sha1(data).digest()
        cached = self.files.get(path)
        if cached is not None and cached[0] == digest:
            return cached[1]
        result = loader(root, path, data)
        self.files[path] = (digest, result)
        self.reloaded += 1
        return result

    def evaluation(self, root: Path, path: str, key: str, read: Read) -> EvaluationFile:
        """Return the evaluation file at ``path``, hashing it again only when it may have changed,
        and reading it again only when its bytes did."""
        cached = self.evaluations.get(key)
        if cached is not None and cached.digest is not None and self._unchanged(path):
            return cached
        digest, why = self.digest(root, path)
        if cached is None or cached.digest != digest:
            cached = self.evaluations[key] = EvaluationFile(
                digest, why, read(digest) if digest is not None else (None, [])
            )
            self.reloaded += 1
        return cached

    def forget(self, live: set[str]) -> None:
        """Drop the files, and what was derived from them, that are no longer in ``live``."""
        if len(self.files) > len(live):  # files were deleted
            self.files = {path: entry for path, entry in self.files.items() if path in live}
            self.derived = {path: entry for path, entry in self.derived.items() if path in live}
