"""What ``serve`` keeps from one version of the site for the next, and the one place that decides
what a change costs: :meth:`Memo.after_change` takes the changed paths and returns the
:class:`Work` — which files to look at again, and whether the templates are compiled again and
every page rendered from scratch. After that, everything else follows from comparing values:

- files: a file the watcher names is parsed again only when its bytes changed; the folders are
  listed again only when a named file may have appeared or gone; each file read and each folder
  listed is stamped (``sources``), so that a request can tell a save the watcher has not named yet;
- analysis: a brief's numbers and findings are carried while the brief, the settings and the
  date are the same; the link graph while every brief makes the same links;
- site: brief views, checklists, groups and rendered Markdown are carried while what they show
  is the same (``site.views.carried.Carried``); a page is rendered again exactly when its template
  context differs from the last one rendered (``RenderMemo``), so the result always equals a
  full build.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from playbook.layout import CONFIG_FILE, CONTENT, THEMES
from playbook.load.config import Config
from playbook.load.evals import eval_digest
from playbook.load.files import Listing, find_sources
from playbook.load.source import read_bytes
from playbook.serve.sources import Stamps, stamp_digest, stamp_read, status_of
from playbook.site.render.theme import Theme
from playbook.site.views.carried import Carried


@dataclass(frozen=True)
class Work:
    """What one change asks of the next rebuild."""

    suspects: (
        tuple[str, ...] | None
    )  # the files (folders standing for all they hold) to look at again; None: all
    fresh: bool  # compile the theme again and render every page from scratch


class FileMemo:
    """Briefs and pages loaded earlier, with the digest of their bytes, and what was derived from
    them: the in-memory side of ``analysis.project.Reuse``."""

    def __init__(self):
        self.files: dict[str, tuple[bytes, tuple]] = {}  # path -> (sha1 of its bytes, what loading gave)
        self.derived: dict[
            str, tuple
        ] = {}  # path -> (brief, (config, today, evaluation), (metrics, levers, findings))
        self.evaluations: dict[
            str, tuple
        ] = {}  # eval path and column -> (digest, why not, what reading gave)
        self.links: dict[
            str | None, tuple
        ] = {}  # slug -> (brief, its outgoing links); None -> the last graph
        self.reloaded = 0  # files read by the last analysis
        self.suspects: tuple[str, ...] | None = None  # None: any file may have changed
        self.listing: Listing | None = None  # the last find_sources
        self.known: frozenset[str] = frozenset()  # the files it listed
        self.stamps = Stamps()  # each file and folder as it was when last read or listed

    def sources(self, root: Path) -> Listing:
        """Return :func:`find_sources`' answer, listing the folders again only when a suspect may
        have added, removed or renamed a file (an edit to a known file cannot)."""
        if (
            self.listing is None
            or self.suspects is None
            or not all(suspect in self.known and os.path.isfile(root / suspect) for suspect in self.suspects)
        ):
            self.stamps.stamp_folders(root, CONTENT)  # before the listing: what comes after shows
            self.listing = find_sources(root)
            self.known = frozenset(self.listing.briefs) | frozenset(self.listing.pages)
        return self.listing

    def _unchanged(self, path: str) -> bool:
        return self.suspects is not None and not any(
            path == suspect or path.startswith(suspect + "/") or suspect == "" for suspect in self.suspects
        )

    def load(self, root: Path, path: str, loader: Callable) -> tuple:
        """Return what ``loader`` gives for ``path``, loading it again only when its bytes changed
        (as a build decides: an edit that keeps the length and restores the time is still seen)."""
        cached = self.files.get(path)
        if cached is not None and self._unchanged(path):
            return cached[1]
        taken = time.time_ns()
        status = status_of(root / path)  # before the reading: a write after it shows in it
        data, problems = read_bytes(root, path)
        self.stamps[path] = stamp_read(status, taken, data)
        if data is None:
            self.files.pop(path, None)
            self.reloaded += 1
            return None, problems
        return self.load_bytes(root, path, data, loader)

    def load_bytes(self, root: Path, path: str, data: bytes, loader: Callable) -> tuple:
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

    def evaluation(self, root: Path, path: str, key: str, read: Callable) -> tuple:
        """Return (digest, why it cannot be read, ``read(digest)``) for an evaluation file, hashing
        it again only when the watcher named it, and reading it again only when its bytes changed."""
        cached = self.evaluations.get(key)
        if cached is not None and cached[0] is not None and self._unchanged(path):
            return cached
        taken = time.time_ns()
        status = status_of(root / path)
        digest, why = eval_digest(root, path)
        self.stamps[path] = stamp_digest(status, taken, digest)
        if cached is None or cached[0] != digest:
            cached = self.evaluations[key] = (digest, why, read(digest) if digest is not None else (None, []))
            self.reloaded += 1
        return cached

    def forget(self, live: set[str]) -> None:
        if len(self.files) > len(live):  # files were deleted
            self.files = {path: entry for path, entry in self.files.items() if path in live}
            self.derived = {path: entry for path, entry in self.derived.items() if path in live}


class RenderMemo:
    """The rendered pages of the last version under one theme and one configuration, with the
    contexts they were rendered from. The theme's templates are compiled once per memo."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.contexts: dict[str, dict] = {}
        self.pages: dict[str, bytes] = {}
        self.carried = Carried()
        self.assets: dict[str, Path] | None = None
        self.lock = threading.RLock()  # request threads render through one memo at a time
        self.rendered = 0  # pages rendered since the memo was made


class Memo:
    """Everything ``serve`` carries between rebuilds."""

    def __init__(self):
        self.files = FileMemo()
        self.render: RenderMemo | None = None
        self.config: Config | None = None

    def after_change(self, changed: list[str] | None) -> Work:
        """Return the work a change to ``changed`` (project-relative paths; None: anything) asks
        for, and forget what it makes stale: a new config or theme compiles the templates again
        and renders everything; any other change looks again only at the files named."""
        if changed is None or any(path == CONFIG_FILE or path.split("/", 1)[0] == THEMES for path in changed):
            self.render = None
        work = Work(
            None if self.render is None else tuple(p.rstrip("/") for p in changed or ()), self.render is None
        )
        self.files.suspects = work.suspects
        return work

    def after_analysis(self, config: Config) -> bool:
        """Say which settings the new analysis has; return whether everything must be rendered
        again (the settings shape every page and the Markdown itself)."""
        if self.render is not None and config != self.config:
            self.render = None
        self.config = config
        return self.render is None

    def forget_render(self) -> None:
        """A theme failed: the next rebuild starts its rendering from scratch."""
        self.render = None
