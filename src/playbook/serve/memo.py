"""What ``serve`` keeps from one version of the site for the next, and the one place that decides
what a change costs: :meth:`Memo.after_change` takes the changed paths and returns the
:class:`Work` — which files to look at again, and whether the templates are compiled again and
every page rendered from scratch. After that, everything else follows from comparing values:

- files and analysis: the file memo the language server shares (``analysis/reuse.py``), here
  stamping each file read and each folder listed (``sources``), so that a request can tell a save
  the watcher has not named yet;
- site: brief views, checklists, groups and rendered Markdown are carried while what they show
  is the same (``site.views.carried.Carried``); a page is rendered again exactly when its template
  context differs from the last one rendered (``RenderMemo``), so the result always equals a
  full build.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from msgspec import Struct

from playbook.analysis.reuse import FileMemo
from playbook.diagnostics import Diagnostic
from playbook.layout import CONFIG_FILE, CONTENT, THEMES
from playbook.load.config import Config
from playbook.load.content import Listing
from playbook.serve.stamps import Stamps, stamp_digest, stamp_read, status_of
from playbook.site.render.theme import Theme
from playbook.site.views.carried import Carried


class Work(Struct, frozen=True):
    """What one change asks of the next rebuild."""

    suspects: (
        tuple[str, ...] | None
    )  # the files (folders standing for all they hold) to look at again; None: all
    fresh: bool  # compile the theme again and render every page from scratch


class StampedMemo(FileMemo):
    """The file memo of ``serve``: it stamps each file and folder as it reads it (``stamps.py``),
    so that a request can tell a save the watcher has not named yet."""

    def __init__(self):
        super().__init__()
        self.stamps = Stamps()  # each file and folder as it was when last read or listed

    def read(self, root: Path, path: str) -> tuple[bytes | None, list[Diagnostic]]:
        taken = time.time_ns()
        status = status_of(root / path)  # before the reading: a write after it shows in it
        data, problems = super().read(root, path)
        self.stamps[path] = stamp_read(status, taken, data)
        return data, problems

    def digest(self, root: Path, path: str) -> tuple[str | None, str]:
        taken = time.time_ns()
        status = status_of(root / path)
        digest, why = super().digest(root, path)
        self.stamps[path] = stamp_digest(status, taken, digest)
        return digest, why

    def listed(self, root: Path) -> Listing:
        self.stamps.stamp_folders(root, CONTENT)  # before the listing: what comes after shows
        return super().listed(root)


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
        self.files = StampedMemo()
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
