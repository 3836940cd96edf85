"""The site ``serve`` holds: :class:`DevSite` rebuilds the project when it changes and publishes
each new version whole, with the errors that keep the content from building."""

from __future__ import annotations

import gc
import json
import threading
import time
from pathlib import Path
from typing import Callable, Mapping

from msgspec import Struct, field

from playbook.analysis.project import Analysis, analyse_project
from playbook.diagnostics import Diagnostic, Severity
from playbook.layout import CONFIG_FILE, THEMES
from playbook.load.config import ConfigError
from playbook.load.evals import eval_file
from playbook.serve.broken import BrokenFile, leave_out_broken
from playbook.serve.memo import Memo, RenderMemo
from playbook.serve.past import PastMemo
from playbook.serve.sitefiles import SiteFiles
from playbook.serve.stamps import stamp_file
from playbook.site.render.page import RENDER_LIMIT, BuildError, load_theme
from playbook.workers import gc_paused


class SiteState(Struct, frozen=True):
    """One consistent version of the served site and the errors in the content. When the errors
    are ``blocking`` (the configuration, the theme), the files are the last good build's; else
    they are the current content's without the ``broken`` briefs and pages, whose addresses show
    their errors instead."""

    version: int
    files: Mapping[str, bytes] = field(default_factory=dict)
    errors: tuple[Diagnostic, ...] = ()
    built: bool = False  # False until a first build succeeds
    broken: tuple[BrokenFile, ...] = ()
    blocking: bool = False

    def broken_at(self, name: str) -> BrokenFile | None:
        """Return the broken brief or page whose address is the site file ``name``."""
        return next((file for file in self.broken if file.address and file.address == name), None)

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "version": self.version,
                "built": self.built,
                "blocking": self.blocking,
                "errors": [
                    {
                        "path": d.path,
                        "line": d.line,
                        "column": d.column,
                        "code": d.code,
                        "name": d.name,
                        "message": d.message,
                        "hint": d.hint,  # the terminal's did-you-mean and fix, in the overlay too
                    }
                    for d in self.errors
                ],
                "broken": [file.to_json() for file in self.broken],
            }
        ).encode("utf-8")


class RebuildReport(Struct, frozen=True):
    """What one rebuild of the preview did: how long it took, its errors, and what it reloaded."""

    milliseconds: int
    errors: tuple[Diagnostic, ...]
    pages: int = 0
    reloaded: int = 0
    message: str = ""  # a configuration or theme problem: nothing new is served
    left_out: tuple[str, ...] = ()  # the files with errors, left out of a preview that built


class DevSite:
    """Rebuilds the project on demand and holds the current :class:`SiteState`.

    Requests wait while a change is pending or a rebuild runs, so no browser sees a stale or
    half-built page; listeners are told of a new version only once its files are in place.
    """

    def __init__(
        self,
        root: Path,
        *,
        include_drafts: bool = False,
        report: Callable[[RebuildReport], None] | None = None,
    ):
        self.root = root
        self.include_drafts = include_drafts
        self.report = report  # told of every rebuild, the watcher's and a request's
        self.memo = Memo()
        self.past = PastMemo()
        self.state = SiteState(0)
        self.changed = threading.Condition()
        self.settled = threading.Event()
        self.settled.set()
        self.rebuild_lock = threading.Lock()
        self.own: dict[
            str, tuple[str, ...]
        ] = {}  # a brief's or a plain page's page -> its file (and evaluation)

    def mark_pending(self) -> None:
        """A change was seen: hold requests until the rebuild it causes has finished."""
        self.settled.clear()

    def rebuild(self, paths: set[str] | None = None) -> RebuildReport:
        """Rebuild after a change to ``paths`` (None: everything) and publish the new state."""
        with self.rebuild_lock:
            try:
                with gc_paused():  # a collection over the whole playbook would double an edit's time
                    before = self.memo.render
                    try:
                        report = self._rebuild(paths)
                    except Exception as error:  # never let one rebuild end the rebuilding: say it, serve on
                        self.memo.forget_render()
                        report = self._publish_errors(
                            (), time.perf_counter(), f"the rebuild failed: {type(error).__name__}: {error}"
                        )
                if self.memo.render is not None and self.memo.render is not before:
                    # What a full build leaves is kept until the next one: freezing it spares every
                    # later collection from walking it (what it frees is freed by reference counts).
                    gc.collect()
                    gc.freeze()
            finally:
                self.settled.set()
        if self.report is not None:
            self.report(report)
        return report

    def rebuild_after_save(self, paths: set[str]) -> RebuildReport | None:
        """The watcher's rebuild after a change to ``paths``: none when a request found the change
        first and rebuilt with these files as they are now (the same site again would make every
        open page reload a second time)."""
        with self.rebuild_lock:
            if self.state.built and self.memo.files.stamps.read_as_they_are(
                self.root, _relative_paths(self.root, paths)
            ):
                self.settled.set()
                return None
        return self.rebuild(paths)

    def _rebuild(self, paths: set[str] | None) -> RebuildReport:
        started = time.perf_counter()
        memo = self.memo
        work = memo.after_change(None if paths is None else _relative_paths(self.root, paths))
        stamps = memo.files.stamps  # the analysis stamps the sources it reads; these two it reads unseen
        stamps[CONFIG_FILE] = stamp_file(self.root / CONFIG_FILE)
        if work.fresh:
            stamps.stamp_files(self.root, THEMES)
        try:
            analysis = analyse_project(self.root, cache=memo.files)
        except ConfigError as error:
            return self._publish_errors(tuple(error.diagnostics), started, "playbook.yaml is invalid")
        fresh = memo.after_analysis(analysis.config)
        analysis, broken = leave_out_broken(analysis, self.include_drafts)
        analysis = self.past.attach(analysis)  # the Changes page and marks, as build shows them
        self._note_sources(analysis, broken)
        try:
            if fresh:
                memo.render = RenderMemo(load_theme(analysis))
            # No base URL in a preview: canonical links and a 404 <base> would point at production.
            files = SiteFiles(
                analysis,
                base_url="",
                include_drafts=self.include_drafts,
                memo=memo.render,
                limit=RENDER_LIMIT,
            )
            if fresh:
                files.try_every_template()
        except BuildError as error:
            memo.forget_render()
            return self._publish_errors((), started, str(error))
        errors = tuple(error for file in broken for error in file.errors)
        self._publish(SiteState(self.state.version + 1, files, errors, True, broken))
        return RebuildReport(
            _ms(started), errors, files.pages, memo.files.reloaded, left_out=tuple(f.path for f in broken)
        )

    def _note_sources(self, analysis: Analysis, broken: tuple[BrokenFile, ...] = ()) -> None:
        """Say which files each page of the analysis is made from, and forget the stamps of files
        it no longer reads."""
        own: dict[str, tuple[str, ...]] = {}
        evaluations = set()
        for brief in analysis.briefs:
            sources = (brief.path, eval_file(brief.model.eval)) if brief.model.eval else (brief.path,)
            evaluations.update(sources[1:])
            own[f"briefs/{brief.slug}/index.html"] = sources
        for page in analysis.pages:
            own[f"{page.slug}/index.html"] = (page.path,)
        for file in broken:  # a broken file's address shows its errors until it is saved again
            if file.address:
                own.setdefault(file.address, (file.path,))
        self.own = own
        stamps = self.memo.files.stamps
        stamps.keep_only({*self.memo.files.known, *evaluations, CONFIG_FILE, *stamps.under.get(THEMES, ())})

    def changed_sources(self, name: str) -> list[str]:
        """Return the sources of the site file ``name`` that changed since they were read: for a
        brief's page, its brief and evaluation; a plain page, its file; an asset, the theme; a file
        the site does not have, the folders (where its source would appear); any other page (the
        index, a group, a feed…), every source; and for each, the configuration and the theme."""
        stamps = self.memo.files.stamps
        common = [CONFIG_FILE, *stamps.under.get(THEMES, ())]
        own = self.own.get(name) or self.own.get(f"{name}/index.html")  # "briefs/x" is redirected to it
        if own is not None:
            return stamps.changed(self.root, [*own, *common])
        if name.startswith("assets/"):
            return stamps.changed(self.root, common)
        files = self.state.files
        if name not in files and f"{name}/index.html" not in files:
            return stamps.changed(self.root, common, folders=True)
        return stamps.changed(self.root, folders=True)

    def _publish_errors(
        self, errors: tuple[Diagnostic, ...], started: float, message: str = ""
    ) -> RebuildReport:
        if message and not errors:
            errors = (Diagnostic("", 1, 1, Severity.ERROR, "build", "theme", message),)
        self._publish(
            SiteState(self.state.version, self.state.files, errors, self.state.built, blocking=True)
        )
        return RebuildReport(_ms(started), errors, message=message)

    def _publish(self, state: SiteState) -> None:
        with self.changed:
            self.state = state
            self.changed.notify_all()

    def current(self, name: str | None = None, timeout: float = 30.0) -> SiteState:
        """Return the state to answer a request from, after any pending rebuild has finished and,
        for the site file ``name``, once it is made from the sources on disk: the watcher tells of
        a save some milliseconds after it, and a request may come first."""
        self.settled.wait(timeout)
        if name is not None:
            changed = self.changed_sources(name)
            if changed:
                self.mark_pending()  # the other requests wait for this rebuild too
                self.rebuild(set(changed))
        return self.state


def _relative_paths(root: Path, paths: set[str]) -> list[str]:
    """Return ``paths`` relative to ``root`` with forward slashes (the watcher's are absolute)."""
    resolved = root.resolve()
    relative = []
    for path in paths:
        try:
            relative.append(
                Path(path).resolve().relative_to(resolved).as_posix()
                if Path(path).is_absolute()
                else Path(path).as_posix()
            )
        except ValueError:
            continue
    return relative


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
