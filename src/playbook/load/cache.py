"""The persistent build cache in ``.playbook-cache/``: what loading each source file gave, keyed
by the file's bytes, so warm builds and checks skip parsing files that did not change.

A cache must never make a build wrong. Entries are keyed by the SHA-1 of the file's bytes, the
path and the tool version; the file is signed with HMAC-SHA256 under a key kept outside the
project (so a cache committed to a repository, or tampered with, is never unpickled), and one
that does not verify, does not unpickle or comes from another version is ignored.
"""

from __future__ import annotations

import copyreg
import dataclasses
import fcntl
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
from pathlib import Path

from playbook import __version__
from playbook.layout import CACHE

FOLDER = CACHE
FILE = "sources.pickle"


def _code_digest() -> str:
    """Return a digest of this package's code, every module of every stage: a cache written by
    other code (another version, or the same version number while it is being developed) may
    hold objects of another shape."""
    package = Path(__file__).resolve().parent.parent
    hasher = hashlib.sha1(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()[:16]


CODE = _code_digest()
FORMAT = f"playbook-{__version__}-{CODE}-sources"


def signing_key() -> bytes:
    """Return this user's signing key, creating it on first use."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "playbook"
    path = home / "cache-key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        home.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
    except FileExistsError:
        return path.read_bytes()
    except OSError:
        pass  # an unwritable home: the cache still works for this run
    return key


def pickle_fields_plainly(*modules) -> None:
    """Pickle the frozen, slotted dataclasses of ``modules`` as their class and field values.

    The default way goes through ``dataclasses``' generic state functions, which look the fields
    up again for each of the hundreds of thousands of objects a large playbook has; this halves
    the time of the cache and of handing parsed briefs back from worker processes.
    """
    for module in modules:
        for kind in vars(module).values():
            if (isinstance(kind, type) and kind.__module__ == module.__name__ and dataclasses.is_dataclass(kind)
                    and "__slots__" in vars(kind) and all(f.init for f in dataclasses.fields(kind))):
                copyreg.pickle(kind, functools.partial(_by_fields, tuple(f.name for f in dataclasses.fields(kind))))


def _by_fields(names: tuple[str, ...], obj) -> tuple:
    return type(obj), tuple(getattr(obj, name) for name in names)


MAX_BYTES = 1 << 30  # a cache file over 1 GiB is not one we wrote (100,000 briefs make about 300 MB)


class UnsafeCacheFolder(Exception):
    """``.playbook-cache`` is not a plain folder of this project (a symlink, a file)."""


def _open_folder(folder: Path, create: bool) -> int | None:
    """Return a descriptor of ``folder`` opened without following a symlink, or None when it is
    absent. Raises UnsafeCacheFolder when it is a symlink or not a folder: writing through a link
    would put files wherever it points."""
    if create:
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError:
        if folder.is_symlink() or folder.exists():
            raise UnsafeCacheFolder(f"{folder.name} is a symlink or not a folder") from None
        raise


def read_regular(path: Path, limit: int = MAX_BYTES, *, dir_fd: int | None = None) -> bytes | None:
    """Return the bytes of ``path`` when it is a regular file (not a symlink, FIFO or device) of at
    most ``limit`` bytes, else None: a planted link to /dev/zero or a FIFO must neither fill the
    memory nor hang the build."""
    try:
        descriptor = os.open(path if dir_fd is None else path.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                             dir_fd=dir_fd)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        chunks, remaining = [], status.st_size
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except (OSError, MemoryError):
        return None
    finally:
        os.close(descriptor)


def verified(key: bytes, data: bytes | None) -> memoryview | None:
    """Return the signed payload of ``data``, or None when the signature does not verify."""
    if data is None or len(data) < 32:
        return None
    payload = memoryview(data)[32:]
    return payload if hmac.compare_digest(data[:32], hmac.new(key, payload, hashlib.sha256).digest()) else None


class Signed:
    """A dict of named values pickled to ``.playbook-cache/NAME``, signed, and ignored unless it
    verifies. Dicts among the values are pickled a slice at a time, each with a fresh memo: one
    pickle of 10,000 briefs needed a memo of 50 MB, which was the peak of a whole build.

    The folder and the file are opened without following symlinks, only regular files are read,
    and a file over :data:`MAX_BYTES` is not read at all. ``problem`` says why a folder that is
    not a plain folder was left alone, for the command line to tell the user.
    """

    SLICE = 500  # entries of a dict per pickle

    def __init__(self, root: Path, name: str, format: str):
        self.folder = root / FOLDER
        self.path = self.folder / name
        self.format = format
        self.key = signing_key()
        self.problem = ""

    def read(self) -> dict:
        try:
            folder = _open_folder(self.folder, create=False)
        except UnsafeCacheFolder as error:
            self.problem = str(error)
            return {}
        except OSError:
            return {}
        if folder is None:
            return {}
        try:
            payload = verified(self.key, read_regular(self.path, dir_fd=folder))
        finally:
            os.close(folder)
        if payload is None:
            return {}
        stream = io.BytesIO(payload)  # shares the bytes rather than copying them
        stored: dict = {}
        try:  # each pickle in the file has a memo of its own, so each gets an unpickler of its own
            if pickle.load(stream) != self.format:
                return {}
            while (head := pickle.load(stream)) is not None:
                name, slices = head
                if slices is None:
                    stored[name] = pickle.load(stream)
                else:
                    stored[name] = value = {}
                    for _ in range(slices):
                        value.update(pickle.load(stream))
        except Exception:  # corrupt: start again
            return {}
        return stored

    def write(self, entries: dict) -> None:
        try:
            folder = _open_folder(self.folder, create=True)
        except UnsafeCacheFolder as error:
            self.problem = str(error)
            return
        except OSError:
            return  # a read-only project still builds, just without a warm cache
        if folder is None:
            return
        temporary = f".{self.path.name}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            remove_stale_temporaries(folder)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                                 dir_fd=folder)
            with os.fdopen(descriptor, "wb") as out:
                fcntl.flock(out, fcntl.LOCK_EX)  # a later build knows a live writer's file from a dead one's
                out.write(bytes(32))  # the signature, once the rest is written
                signer = _Signing(out, hmac.new(self.key, digestmod=hashlib.sha256))

                def dump(value) -> None:
                    pickle.dump(value, signer, protocol=pickle.HIGHEST_PROTOCOL)

                dump(self.format)
                for name, value in entries.items():
                    if isinstance(value, dict):
                        items = list(value.items())
                        dump((name, -(-len(items) // self.SLICE)))
                        for start in range(0, len(items), self.SLICE):
                            dump(dict(items[start:start + self.SLICE]))
                    else:
                        dump((name, None))
                        dump(value)
                dump(None)
                out.seek(0)
                out.write(signer.mac.digest())
                out.flush()
                os.replace(temporary, self.path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            try:
                os.unlink(temporary, dir_fd=folder)
            except OSError:
                pass
        finally:
            os.close(folder)


def remove_stale_temporaries(folder: int) -> None:
    """Delete the half-written cache files of writers that died (killed mid-save): a live writer
    holds a lock on its file, a dead one's lock is free."""
    for name in os.listdir(folder):
        if not (name.startswith(".") and "-" in name):
            continue
        try:
            descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.unlink(name, dir_fd=folder)
        except OSError:
            pass  # locked: its writer is alive
        finally:
            os.close(descriptor)


class _Signing:
    """A file that signs what is written to it."""

    def __init__(self, out, mac):
        self.out = out
        self.mac = mac

    def write(self, data) -> int:
        self.mac.update(data)
        return self.out.write(data)


class SourceCache:
    """What loading each file gave, ``{path: (sha1 of its bytes, result)}``, and what the criteria
    found in each brief, ``{path: (sha1, settings, result)}``; read at start, written at the end."""

    def __init__(self, root: Path):
        self.file = Signed(root, FILE, FORMAT)
        stored = self.file.read()
        self.entries: dict[str, tuple[str, object]] = stored.get("sources", {})
        self.derived: dict[str, tuple[str, str, object]] = stored.get("derived", {})
        self.used: dict[str, tuple[str, object]] = {}
        self.derived_used: dict[str, tuple[str, str, object]] = {}
        self.dirty = False

    def get(self, path: str, digest: str):
        entry = self.entries.get(path)
        if entry is not None and entry[0] == digest:
            self.used[path] = entry
            return entry[1]
        return None

    def put(self, path: str, digest: str, result: object) -> None:
        self.used[path] = (digest, result)
        self.dirty = True

    def get_derived(self, path: str, settings: str):
        """Return what was derived from ``path`` under ``settings``, if its bytes are unchanged."""
        loaded = self.used.get(path)
        entry = self.derived.get(path)
        if loaded is not None and entry is not None and entry[0] == loaded[0] and entry[1] == settings:
            self.derived_used[path] = entry
            return entry[2]
        return None

    def put_derived(self, path: str, settings: str, result: object) -> None:
        loaded = self.used.get(path)
        if loaded is not None:
            self.derived_used[path] = (loaded[0], settings, result)
            self.dirty = True

    @property
    def problem(self) -> str:
        return self.file.problem

    def save(self) -> None:
        """Write the entries used by this run (so deleted files drop out), if anything changed."""
        if self.dirty or len(self.used) != len(self.entries) or len(self.derived_used) != len(self.derived):
            self.file.write({"sources": self.used, "derived": self.derived_used})


class RenderCache:
    """What the last build rendered: each body's words for the search index (by what the body is
    made from), and for every page the fingerprint of its template context with the SHA-1 of the
    bytes that context gave. ``salt`` names everything else a page depends on (tool version,
    theme files, settings).

    A page is reused only when the file the previous site holds *now* has that digest: the
    pairs are facts about rendering, true whichever build — cached or not, into this folder or
    another, interrupted or not — left the file there, and a file damaged since fails the check.
    """

    def __init__(self, root: Path, salt: str):
        self.file = Signed(root, "render.pickle", f"playbook-{__version__}-{CODE}-render")
        stored = self.file.read()
        fresh = stored.get("salt") == salt
        self.salt = salt
        self.words: dict[str, str] = stored.get("words", {}) if fresh else {}
        self.pages: dict[str, tuple[str, str]] = stored.get("pages", {}) if fresh else {}

    @property
    def problem(self) -> str:
        return self.file.problem

    def save(self, words: dict[str, str], pages: dict[str, tuple[str, str]]) -> None:
        self.file.write({"salt": self.salt, "words": words, "pages": pages})
