"""The folders a build works in beside its output, and the moments it must not be interrupted:
each working folder is locked by the build that owns it (a lock that ends with the process,
however it ends), so builds in one place take turns to swap and clean up only after dead ones.

A working folder is made and locked while its maker holds the lock on the folder beside it (the
"turn"), and leftovers are looked for only under that same lock: so no build ever sees another's
folder between its making and its locking, and a folder whose lock is free is a dead build's
however young it is."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from playbook.lazyregex import regex

# The folders a build works in beside its output: the new site being written, and the previous
# one being deleted. Each is locked (flock on the folder) by the build that owns it for as long
# as it works there; one whose lock is free belongs to a build that died, and is removed.
WORKING_FOLDER = regex(r"\..+\.(?:building|old)-[A-Za-z0-9_]+")


@contextmanager
def signals_held():
    """Hold Ctrl-C and SIGTERM until the block is done: while the old site and the new one trade
    places there is no site at all, and a staging folder half made or half deleted is litter. A
    signal that arrives meanwhile is raised again, and interrupts, right after.

    Python runs signal handlers in the main thread only, whichever thread the kernel hands the
    signal to; so a handler that just remembers it holds the signal for the whole process, where
    blocking it in this thread would not (another thread would take it).
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread is ever interrupted by a signal
        return
    caught: list[int] = []
    held = [number for number in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(number) is not None]
    previous = {number: signal.signal(number, lambda signum, frame: caught.append(signum)) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])  # handled now as it would have been then


def lock_folder(folder: Path, *, wait: bool = False) -> int | None:
    """Return a descriptor holding an exclusive lock on ``folder``, or None when another process
    holds it (and ``wait`` is false) or the folder is gone. The lock follows the folder through a
    rename and ends with the process, however it ends."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        return descriptor
    except OSError:
        os.close(descriptor)
        return None


def unlock(descriptor: int | None) -> None:
    if descriptor is not None:
        os.close(descriptor)


def make_working_folder(output: Path, kind: str) -> tuple[Path, int | None]:
    """Make a working folder of ``kind`` ("building" or "old") beside ``output`` and return it with
    the descriptor that locks it; the caller must hold the turn (:func:`taking_turns`)."""
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}.{kind}-", dir=output.parent))
    return folder, lock_folder(folder)


@contextmanager
def taking_turns(output: Path):
    """Hold the lock on the folder beside ``output``: one build at a time makes a working folder,
    swaps, or looks for leftovers there."""
    turn = lock_folder(output.parent, wait=True)
    try:
        yield
    finally:
        unlock(turn)


def remove_leftovers(output: Path) -> list[str]:
    """Delete the staging folders and half-deleted previous sites that dead builds left beside
    ``output`` (a SIGKILL gives no chance to clean up), and return their names. A live build's
    folders are locked and left alone; a dead build's lock ended with it, a moment ago or long ago."""
    prefix = f".{output.name}."
    found: list[tuple[str, int]] = []
    with taking_turns(output):  # no folder is made-but-not-yet-locked meanwhile
        try:
            entries = list(os.scandir(output.parent))
        except OSError:
            return []
        for entry in entries:
            if not (entry.name.startswith(prefix) and WORKING_FOLDER.fullmatch(entry.name)):
                continue
            try:
                if not entry.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue
            lock = lock_folder(Path(entry.path))
            if lock is not None:  # free: its build is dead; now it is ours
                found.append((entry.path, lock))
    removed = []
    for path, lock in found:  # outside the turn: deleting a big site must not hold up other builds' swaps
        try:
            with signals_held():
                shutil.rmtree(path, ignore_errors=True)
            removed.append(os.path.basename(path))
        finally:
            unlock(lock)
    return removed
