"""Watching the project for changes with watchdog, and coalescing bursts into one rebuild."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from playbook.layout import CONFIG_FILE, IGNORED, WATCHED

QUIET_SECONDS = 0.05  # wait this long after the last event before rebuilding: an editor's save is one burst


def is_relevant(root: Path, path: str) -> bool:
    """Whether a change at ``path`` can change the site: content, themes or the config, but not
    editor temporaries, hidden files, or the build output."""
    try:
        relative = (
            Path(path).resolve().relative_to(root.resolve()) if Path(path).is_absolute() else Path(path)
        )
    except ValueError:
        return False
    parts = relative.parts
    if not parts or IGNORED.search(parts[-1]) or parts[-1] in (".DS_Store", "4913"):
        return False
    if any(part.startswith(".") for part in parts):
        return False
    return parts[0] in WATCHED or relative.as_posix() == CONFIG_FILE


def _top_folder(root: Path, path: str) -> str | None:
    """Return ``content`` or ``themes`` when ``path`` is that folder of the project itself."""
    candidate = Path(path)
    if candidate.parent.resolve() == root.resolve() and candidate.name in WATCHED:
        return candidate.name
    return None


class ChangeCollector(FileSystemEventHandler):
    """Collects changed paths; calls ``on_quiet(paths)`` once a burst of events has settled."""

    def __init__(
        self,
        root: Path,
        on_change: Callable[[], None],
        on_quiet: Callable[[set[str]], None],
        quiet: float = QUIET_SECONDS,
    ):
        self.root = root
        self.on_change = on_change
        self.on_quiet = on_quiet
        self.quiet = quiet
        self.pending: set[str] = set()
        self.last_event = 0.0
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopped = False
        self.on_folder: Callable[[str], None] = lambda folder: None  # a watched folder (re)appeared
        self.thread = threading.Thread(target=self._run, name="playbook-rebuilder", daemon=True)
        self.thread.start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (
            event.is_directory and event.event_type == "modified"
        ):
            return  # reads, and a folder's own timestamp changing because a file in it did
        paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
        relevant = [p for p in map(str, paths) if is_relevant(self.root, p)]
        if not relevant:
            return
        if event.is_directory and event.event_type in ("created", "moved"):
            for path in relevant:
                folder = _top_folder(self.root, path)
                if folder is not None:
                    self.on_folder(folder)
        with self.lock:
            self.pending.update(relevant)
            self.last_event = time.monotonic()
        self.on_change()
        self.wake.set()

    def _run(self) -> None:
        while not self.stopped:
            self.wake.wait()
            self.wake.clear()
            while True:  # wait for the burst to settle
                with self.lock:
                    remaining = self.last_event + self.quiet - time.monotonic()
                if remaining <= 0 or self.stopped:
                    break
                time.sleep(remaining)
            with self.lock:
                paths, self.pending = self.pending, set()
            if paths and not self.stopped:
                try:
                    self.on_quiet(paths)
                except Exception:  # the next save must still be seen: this thread is the only rebuilder
                    pass

    def stop(self) -> None:
        self.stopped = True
        self.wake.set()


class ProjectObserver:
    """A watchdog observer over the project: its top folder alone (``playbook.yaml``, and the
    content and theme folders coming and going), and ``content/`` and ``themes/`` in full; never
    the whole project, which may hold a virtualenv or the site itself.

    A watch ends when its folder is deleted, so when ``content/`` or ``themes/`` appears — made
    after ``serve`` started, or restored by a ``git checkout`` — it is watched again; the event
    that says so names the whole folder, so everything in it is read again.
    """

    def __init__(self, root: Path, collector: "ChangeCollector", *, poll: bool = False):
        self.root = root
        self.collector = collector
        self.observer = PollingObserver(timeout=0.5) if poll else Observer()
        self.observer.daemon = True
        self.watches: dict[str, object] = {}
        self.lock = threading.Lock()
        self.observer.schedule(collector, str(root), recursive=False)
        for folder in WATCHED:
            self.rearm(folder)
        collector.on_folder = self.rearm

    def rearm(self, folder: str) -> None:
        """Watch ``folder`` (content or themes) afresh, if it is there."""
        with self.lock:
            old = self.watches.pop(folder, None)
            if old is not None:
                try:
                    self.observer.unschedule(old)
                except (KeyError, OSError):
                    pass  # its emitter ended with the folder
            path = self.root / folder
            if path.is_dir() and not path.is_symlink():
                try:
                    self.watches[folder] = self.observer.schedule(self.collector, str(path), recursive=True)
                except OSError:
                    pass  # gone again already: its next appearance re-arms it

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        self.observer.join(timeout)


def start_watching(root: Path, collector: ChangeCollector, *, poll: bool = False) -> ProjectObserver:
    """Start and return an observer feeding ``collector`` with changes to the content, the themes
    and the config (see :class:`ProjectObserver`)."""
    observer = ProjectObserver(root, collector, poll=poll)
    observer.start()
    return observer
