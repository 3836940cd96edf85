"""The site ``serve`` holds: :class:`DevSite` rebuilds the project when it changes and publishes
each new version whole, with the errors that keep the content from building."""

from __future__ import annotations

import gc
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from playbook.analysis.project import analyse_project
from playbook.diagnostics import Diagnostic, Severity
from playbook.load.config import ConfigError
from playbook.serve.files import SiteFiles
from playbook.serve.memo import Memo, RenderMemo
from playbook.site.render import RENDER_LIMIT, BuildError, load_theme
from playbook.workers import gc_paused


@dataclass(frozen=True)
class SiteState:
    """One consistent version of the served site: the files of the last good build, and the
    errors that keep the current content from building (empty when it builds)."""

    version: int
    files: Mapping[str, bytes] = field(default_factory=dict)
    errors: tuple[Diagnostic, ...] = ()
    built: bool = False  # False until a first build succeeds

    def to_json(self) -> bytes:
        return json.dumps({"version": self.version, "errors": [
            {"path": d.path, "line": d.line, "column": d.column, "code": d.code, "name": d.name, "message": d.message}
            for d in self.errors]}).encode("utf-8")


@dataclass(frozen=True)
class RebuildReport:
    milliseconds: int
    errors: tuple[Diagnostic, ...]
    pages: int = 0
    reloaded: int = 0
    message: str = ""  # a configuration or theme problem


class DevSite:
    """Rebuilds the project on demand and holds the current :class:`SiteState`.

    Requests wait while a change is pending or a rebuild runs, so no browser sees a stale or
    half-built page; listeners are told of a new version only once its files are in place.
    """

    def __init__(self, root: Path, *, include_drafts: bool = False):
        self.root = root
        self.include_drafts = include_drafts
        self.memo = Memo()
        self.state = SiteState(0)
        self.changed = threading.Condition()
        self.settled = threading.Event()
        self.settled.set()
        self.rebuild_lock = threading.Lock()

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
                        report = self._publish_errors((), time.perf_counter(), f"the rebuild failed: {type(error).__name__}: {error}")
                if self.memo.render is not None and self.memo.render is not before:
                    # What a full build leaves is kept until the next one: freezing it spares every
                    # later collection from walking it (what it frees is freed by reference counts).
                    gc.collect()
                    gc.freeze()
                return report
            finally:
                self.settled.set()

    def _rebuild(self, paths: set[str] | None) -> RebuildReport:
        started = time.perf_counter()
        memo = self.memo
        memo.after_change(None if paths is None else _relative_paths(self.root, paths))
        try:
            analysis = analyse_project(self.root, cache=memo.files)
        except ConfigError as error:
            return self._publish_errors(tuple(error.diagnostics), started, "playbook.yaml is invalid")
        fresh = memo.after_analysis(analysis.config)
        errors = tuple(d for d in analysis.diagnostics if d.severity == Severity.ERROR)
        if errors:
            return self._publish_errors(errors, started)
        try:
            if fresh:
                memo.render = RenderMemo(load_theme(analysis))
            # No base URL in a preview: canonical links and a 404 <base> would point at production.
            files = SiteFiles(analysis, base_url="", include_drafts=self.include_drafts, memo=memo.render, limit=RENDER_LIMIT)
            if fresh:
                files.try_every_template()
        except BuildError as error:
            memo.forget_render()
            return self._publish_errors((), started, str(error))
        self._publish(SiteState(self.state.version + 1, files, (), True))
        return RebuildReport(_ms(started), (), files.pages, memo.files.reloaded)

    def _publish_errors(self, errors: tuple[Diagnostic, ...], started: float, message: str = "") -> RebuildReport:
        if message and not errors:
            errors = (Diagnostic("", 1, 1, Severity.ERROR, "build", "theme", message),)
        self._publish(SiteState(self.state.version, self.state.files, errors, self.state.built))
        return RebuildReport(_ms(started), errors, message=message)

    def _publish(self, state: SiteState) -> None:
        with self.changed:
            self.state = state
            self.changed.notify_all()

    def current(self, timeout: float = 30.0) -> SiteState:
        """Return the state to answer a request from, after any pending rebuild has finished."""
        self.settled.wait(timeout)
        return self.state


def _relative_paths(root: Path, paths: set[str]) -> list[str]:
    """Return ``paths`` relative to ``root`` with forward slashes (the watcher's are absolute)."""
    resolved = root.resolve()
    relative = []
    for path in paths:
        try:
            relative.append(Path(path).resolve().relative_to(resolved).as_posix() if Path(path).is_absolute() else Path(path).as_posix())
        except ValueError:
            continue
    return relative


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
