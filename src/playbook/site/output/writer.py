"""The one place that writes the site to disk. A build goes into a fresh sibling folder that is swapped in
whole when, and only when, every page has been written; a failed build leaves the previous site
exactly as it was. Nothing is ever written or deleted outside the output folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from playbook.layout import CONTENT, THEMES
from playbook.load.signed import read_regular
from playbook.site.output.folders import (
    WORKING_FOLDER,
    lock_folder,
    make_working_folder,
    remove_leftovers,
    signals_held,
    taking_turns,
    unlock,
)
from playbook.site.output.marker import MARKER, marker_bytes, not_a_site


class OutputError(Exception):
    """The output folder is not one playbook may write to."""


BATCH = 1 << 18  # characters of a page encoded and written at once: few calls, bounded memory


def write_pieces(target: Path, pieces: Iterable[str]) -> str:
    """Write the text ``pieces`` to ``target`` as UTF-8 and return the SHA-1 of the bytes; an
    error names the file (a full disk's does not by itself). A template yields a page in
    hundreds of small pieces: they are joined into batches of up to BATCH characters, each
    encoded, hashed and written once (a fifth of the time a page took in write calls)."""
    hasher = hashlib.sha1()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _naming(target), open(target, "wb") as out:
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= BATCH:
                data = "".join(batch).encode("utf-8")
                hasher.update(data)
                out.write(data)
                batch.clear()
                size = 0
        data = "".join(batch).encode("utf-8")
        hasher.update(data)
        out.write(data)
    return hasher.hexdigest()


def write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``; an error names the file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _naming(target), open(target, "wb") as out:
        out.write(data)


def link_verified(old: Path, target: Path, digest: str) -> bool:
    """Hard-link ``old`` to ``target`` when its bytes have the SHA-1 ``digest``: the file linked is
    the file checked, so a page damaged by hand is written again rather than carried on."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(old, target)
    except OSError:
        return False
    data = read_regular(target)
    if data is not None and hashlib.sha1(data).hexdigest() == digest:
        return True
    target.unlink(missing_ok=True)
    return False


def link_if_same(old: Path, target: Path, data: bytes) -> bool:
    """Hard-link the previous build's file to ``target`` when its bytes are ``data``."""
    try:
        if old.is_symlink() or old.stat().st_size != len(data) or old.read_bytes() != data:
            return False
        os.link(old, target)
        return True
    except OSError:
        return False


@contextmanager
def _naming(target: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, str(target)) from None
        raise


def check_output(output: Path, project: Path) -> Path:
    """Return the absolute output folder, or raise OutputError if building there could harm anything.

    Refused: the project, its content or themes, any folder that contains one of them, a folder
    inside the content, a file, and a non-empty folder that an earlier build did not make.
    """
    out = Path(os.path.abspath(output))
    real_out = out.resolve()
    guarded = [project, project / CONTENT, project / THEMES]
    for folder in guarded:
        real = Path(os.path.abspath(folder)).resolve()
        if real_out == real or real.is_relative_to(real_out):
            raise OutputError(
                f"refusing to build into {output}: it is or contains {folder}, which the build would replace"
            )
        if folder != project and real_out.is_relative_to(real):
            raise OutputError(f"refusing to build into {output}: it is inside {folder}")
    if any(WORKING_FOLDER.fullmatch(part) for part in out.parts):
        raise OutputError(
            f"refusing to build into {output}: it is a build's staging folder or a previous site being "
            "deleted, which belongs to that build"
        )
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputError(f"refusing to build into {output}: it is not a folder")
    why = (
        not_a_site(out, whole=False) if out.is_dir() else None
    )  # the build looks at the whole folder before it swaps
    if why is not None:
        raise OutputError(f"refusing to build into {output}: {why}; empty it or choose another folder")
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class SiteWriter:
    """Writes a site into a staging folder, then swaps it in for the output folder.

    Use as a context manager: leaving the block normally publishes; an exception (Ctrl-C included)
    deletes the staging folder and leaves the output untouched. The staging folder is locked while
    the build works in it, so that a build in the same place never takes it for litter; swaps of
    builds into the same folder take turns (a lock on the folder that holds the output), so the
    last build to finish is the site, whole.
    """

    def __init__(self, output: Path, *, clean_later: bool = False):
        self.output = output
        self.clean_later = clean_later  # delete the previous site in the background: see wait()
        self.staging: Path | None = None
        self.staging_lock: int | None = None
        self.written: set[str] = set()
        self.cleaning: threading.Thread | None = None
        self.removed: list[str] = []  # leftovers of dead builds, removed before this one began

    def __enter__(self) -> "SiteWriter":
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.removed = remove_leftovers(self.output)
        try:  # __exit__ runs only once __enter__ has returned: until then, clean up here
            with signals_held():  # a Ctrl-C held meanwhile is raised as the block ends, inside the try
                with taking_turns(self.output):
                    self.staging, self.staging_lock = make_working_folder(self.output, "building")
                os.chmod(self.staging, 0o777 & ~_umask())  # mkdtemp makes it private; a site is for serving
        except BaseException:
            if self.staging is not None:
                with signals_held():
                    shutil.rmtree(self.staging, ignore_errors=True)
                    self._release()
            raise
        return self

    def __exit__(self, kind, error, traceback) -> None:
        assert self.staging is not None
        if kind is not None:
            with signals_held():
                shutil.rmtree(self.staging, ignore_errors=True)
                self._release()
            return
        try:
            self._publish()
        finally:
            self._release()

    def held(self) -> tuple[int, ...]:
        """Return the descriptors of the locks this writer holds (a forked worker closes its copies)."""
        return () if self.staging_lock is None else (self.staging_lock,)

    def _release(self) -> None:
        unlock(self.staging_lock)
        self.staging_lock = None

    def target(self, path: str) -> Path:
        """Return the staging file for the site path ``path``, refusing any path that could leave it."""
        assert self.staging is not None
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\x00" in path or not pure.parts:
            raise ValueError(f"unsafe output path {path!r}")
        if path in self.written:
            raise ValueError(f"two pages want to write {path!r}")
        self.written.add(path)
        return self.staging.joinpath(*pure.parts)

    def write(self, path: str, data: bytes | Iterable[bytes]) -> None:
        """Write ``data`` (bytes, or pieces of bytes) to the site path ``path`` (such as
        ``briefs/x/index.html``)."""
        target = self.target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _naming(target), open(target, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                out.writelines(data)

    def copy(self, path: str, source: Path) -> None:
        """Copy the file ``source`` to the site path ``path``."""
        target = self.target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _naming(target):
            shutil.copyfile(source, target)

    def _publish(self) -> None:
        assert self.staging is not None
        with signals_held():
            turn = lock_folder(self.output.parent, wait=True)  # one swap at a time in this folder
            old = old_lock = None
            keep_old = False
            try:
                self.write(MARKER, marker_bytes(self.written))  # last: it names every file the build made
                if os.path.lexists(self.output):
                    why = (
                        "it is not a folder"
                        if self.output.is_symlink() or not self.output.is_dir()
                        else not_a_site(self.output)
                    )
                    if why is not None:  # checked before the build too; a folder can change meanwhile
                        raise OutputError(f"refusing to replace {self.output}: {why}")
                    old, old_lock = make_working_folder(self.output, "old")
                    os.rename(self.output, old / "site")
                os.rename(self.staging, self.output)
            except BaseException:
                if old is not None and (old / "site").exists():  # put the previous site back before reporting
                    try:
                        os.rename(old / "site", self.output)
                    except OSError:
                        keep_old = True  # better a site beside its place than a site lost
                shutil.rmtree(self.staging, ignore_errors=True)
                raise
            finally:
                unlock(turn)
                if old is not None and not keep_old and not self.clean_later:
                    shutil.rmtree(old, ignore_errors=True)
                    unlock(old_lock)
                elif (
                    old is not None and not keep_old
                ):  # deleted while the caller goes on (a big site takes seconds)

                    def clean(folder: Path = old, lock: int | None = old_lock) -> None:
                        try:
                            shutil.rmtree(folder, ignore_errors=True)
                        finally:
                            unlock(lock)

                    self.cleaning = threading.Thread(target=clean, name="playbook-old-site")
                    self.cleaning.start()
                else:
                    unlock(old_lock)

    def wait(self) -> None:
        """Return once the previous site is deleted; Ctrl-C meanwhile interrupts right after, so no
        old folder is left beside the site."""
        if self.cleaning is not None:
            with signals_held():
                self.cleaning.join()
