"""What the served version of the site was made from, and whether the disk still holds it. The
watcher reports a save a few milliseconds after it; a browser that asks for the page within
them would get the page of the bytes before. So ``serve`` checks the sources of a page before
answering it, and rebuilds first when they changed.

Each source is stamped as it is read: its status (inode, size, modification and change times)
taken *before* the reading, so a write after it shows in the status. A status cannot tell a
second write within the same tick of the file system's clock, so a stamp taken within a tick
of its file's last write (a "racy" one, as git says) also keeps what was read — a file's SHA-1,
a folder's names — and the check compares that; once the file is older than a tick, a check
that finds it the same settles the stamp to its status alone. A check costs a stat per source."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Iterable

from msgspec import Struct

from playbook.serve.watch import is_relevant

Status = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns
TICK_NS = 50_000_000  # the file system clock's tick, with a margin: a jiffy is 1-10 ms
COARSE_TICK_NS = 2_000_000_000  # where times are whole seconds (FAT keeps two)
CHUNK = 1 << 20


class Stamp(Struct, frozen=True):
    """A source as an analysis read it: its status before the reading (None: it could not be
    read), and, when that status is racy, the SHA-1 of the bytes read or the names a folder held."""

    status: Status | None
    proof: bytes | frozenset[str] | None = None
    racy: bool = False  # the status alone cannot tell a later write


def status_of(path: Path | str) -> Status | None:
    """Return the status of the file or folder ``path`` (following links, as reading does), or None."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def racy(status: Status | None, taken_ns: int) -> bool:
    """Whether a write right after ``taken_ns`` could leave ``status`` as it is."""
    if status is None:
        return False
    tick = COARSE_TICK_NS if status[2] % 1_000_000_000 == 0 else TICK_NS
    return max(status[2], status[3]) >= taken_ns - tick


def digest_of(path: Path) -> bytes | None:
    """Return the SHA-1 of the file's bytes, read in chunks, or None when it cannot be read."""
    hasher = hashlib.sha1()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(CHUNK):
                hasher.update(chunk)
    except (OSError, ValueError):
        return None
    return hasher.digest()


def names_of(folder: Path) -> frozenset[str] | None:
    """Return the names a folder holds, but hidden ones (editors' and our own), or None."""
    try:
        return frozenset(name for name in os.listdir(folder) if not name.startswith("."))
    except (OSError, ValueError):
        return None


def stamp_read(status: Status | None, taken_ns: int, data: bytes | None) -> Stamp:
    """Return the stamp of a file whose ``status`` was taken at ``taken_ns`` and whose bytes were
    then read as ``data``."""
    if not racy(status, taken_ns):
        return Stamp(status)
    return Stamp(status, hashlib.sha1(data).digest() if data is not None else None, True)


def stamp_digest(status: Status | None, taken_ns: int, sha1: str | None) -> Stamp:
    """Return the stamp of a file whose ``status`` was taken at ``taken_ns`` and whose bytes then
    had the hexadecimal SHA-1 ``sha1`` (an evaluation file is hashed, not kept)."""
    if not racy(status, taken_ns):
        return Stamp(status)
    try:
        return Stamp(status, bytes.fromhex(sha1 or ""), True)
    except ValueError:  # not a SHA-1: the next check reads it again and rebuilds
        return Stamp(status, None, True)


def stamp_file(path: Path) -> Stamp:
    """Return the stamp of the file ``path`` as it is now (for a file read by someone else next)."""
    taken = time.time_ns()
    status = status_of(path)
    return Stamp(status, digest_of(path), True) if racy(status, taken) else Stamp(status)


class Stamps:
    """The stamp of every source of the current version of the site: files by project path, and
    the folders of content/ (whose names tell a file that appeared or went). Request threads
    check them while the rebuilder replaces them: each entry is replaced whole."""

    def __init__(self):
        self.files: dict[str, Stamp] = {}
        self.folders: dict[str, Stamp] = {}
        self.under: dict[str, tuple[str, ...]] = {}  # a folder stamped whole (the theme) -> its files

    def __getitem__(self, path: str) -> Stamp | None:
        return self.files.get(path)

    def __setitem__(self, path: str, stamp: Stamp) -> None:
        self.files[path] = stamp

    def keep_only(self, live: set[str]) -> None:
        """Forget the stamps of the files no analysis reads any more."""
        if len(self.files) > len(live):
            self.files = {path: stamp for path, stamp in self.files.items() if path in live}

    def stamp_folders(self, root: Path, top: str) -> None:
        """Stamp the folder ``top`` and every folder in it (not hidden, not through a link), in
        place of the folders stamped before: done right before the folders are listed."""
        folders = {}
        waiting = [top]
        while waiting:
            folder = waiting.pop()
            taken = time.time_ns()
            status = status_of(root / folder)
            try:
                with os.scandir(root / folder) as entries:
                    found = [
                        (entry.name, entry.is_dir(follow_symlinks=False))
                        for entry in entries
                        if not entry.name.startswith(".")
                    ]
            except (OSError, ValueError):
                continue
            folders[folder] = Stamp(status, frozenset(name for name, _ in found), racy(status, taken))
            waiting.extend(f"{folder}/{name}" for name, is_folder in found if is_folder)
        self.folders = folders

    def stamp_files(self, root: Path, top: str) -> None:
        """Stamp every file under the folder ``top`` (not hidden), in place of those stamped before."""
        found = {}
        for folder, folders, files in os.walk(root / top):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                if not name.startswith("."):
                    path = Path(folder, name)
                    found[path.relative_to(root).as_posix()] = stamp_file(path)
        gone = set(self.under.get(top, ()))
        self.files = {**{path: s for path, s in self.files.items() if path not in gone}, **found}
        self.under[top] = tuple(found)

    def changed(self, root: Path, paths: Iterable[str] | None = None, *, folders: bool = False) -> list[str]:
        """Return the files among ``paths`` (None: all) that differ from their stamps, and with
        ``folders`` the paths that appeared in the folders or went from them. A file without a
        stamp is taken as it is."""
        base = f"{os.fspath(root)}{os.sep}"  # joined as text: a Path per file costs more than its stat
        files = self.files.copy() if paths is None else self.files  # the rebuilder may add one meanwhile
        found: list[str] = []
        for path, stamp in files.items() if paths is None else ((path, files.get(path)) for path in paths):
            if stamp is None:
                continue
            status = status_of(base + path)
            if status != stamp.status or (stamp.racy and self._racy_file_changed(root, path, stamp)):
                found.append(path)
        if folders:
            for folder, stamp in list(self.folders.items()):
                found.extend(self._folder_changes(root, folder, stamp))
        return found

    def read_as_they_are(self, root: Path, paths: list[str]) -> bool:
        """Whether every file of ``paths`` was read as it is now (a rebuild for them would read
        nothing new)."""
        return all(path in self.files for path in paths) and not self.changed(root, paths)

    def _racy_file_changed(self, root: Path, path: str, stamp: Stamp) -> bool:
        taken = time.time_ns()
        if digest_of(root / path) != stamp.proof:
            return True
        if not racy(stamp.status, taken):
            self.files[path] = Stamp(stamp.status)  # older than a tick now: its status will tell
        return False

    def _folder_changes(self, root: Path, folder: str, stamp: Stamp) -> list[str]:
        taken = time.time_ns()
        status = status_of(root / folder)
        if status == stamp.status and not stamp.racy:
            return []
        names = names_of(root / folder)
        if names is None or not isinstance(stamp.proof, frozenset):
            return [folder]
        # Editors' temporary files come and go beside a file they save: only sources count.
        found = sorted(
            path for path in (f"{folder}/{name}" for name in names ^ stamp.proof) if is_relevant(root, path)
        )
        if not found:
            self.folders[folder] = Stamp(status, names, racy(status, taken))
        return found
