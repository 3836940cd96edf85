"""Watching the project for changes with watchdog, and coalescing bursts into one rebuild."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from playbook.config import CONFIG_FILE
from playbook.project import IGNORED

QUIET_SECONDS = 0.05  # wait this long after the last event before rebuilding: an editor's save is one burst


def is_relevant(root: Path, path: str) -> bool:
    """Whether a change at ``path`` can change the site: content, themes or the config, but not
    editor temporaries, hidden files, or the build output."""
    try:
        relative = Path(path).resolve().relative_to(root.resolve()) if Path(path).is_absolute() else Path(path)
    except ValueError:
        return False
    parts = relative.parts
    if not parts or IGNORED.search(parts[-1]) or parts[-1] in (".DS_Store", "4913"):
        return False
    if any(part.startswith(".") for part in parts):
        return False
    return parts[0] in ("content", "themes") or relative.as_posix() == CONFIG_FILE


class ChangeCollector(FileSystemEventHandler):
    """Collects changed paths; calls ``on_quiet(paths)`` once a burst of events has settled."""

    def __init__(self, root: Path, on_change: Callable[[], None], on_quiet: Callable[[set[str]], None], quiet: float = QUIET_SECONDS):
        self.root = root
        self.on_change = on_change
        self.on_quiet = on_quiet
        self.quiet = quiet
        self.pending: set[str] = set()
        self.last_event = 0.0
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="playbook-rebuilder", daemon=True)
        self.thread.start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reads, and a folder's own timestamp changing because a file in it did
        paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
        relevant = [p for p in map(str, paths) if is_relevant(self.root, p)]
        if not relevant:
            return
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


def start_watching(root: Path, collector: ChangeCollector, *, poll: bool = False):
    """Start and return an observer feeding ``collector`` with changes to the content, the themes
    and the config; never the whole project, which may hold a virtualenv or the site itself."""
    observer = PollingObserver(timeout=0.5) if poll else Observer()
    observer.schedule(collector, str(root), recursive=False)  # playbook.yaml, and themes/ appearing
    for folder in ("content", "themes"):
        if (root / folder).is_dir():
            observer.schedule(collector, str(root / folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer
