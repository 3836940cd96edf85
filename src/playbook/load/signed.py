"""Files in ``.playbook-cache/`` that can be trusted with nothing but speed: signed with a key
kept outside the project, opened without following symlinks, read only when they are regular
files of a sane size, and written atomically into a folder that is not a link elsewhere."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
from pathlib import Path

from playbook.layout import CACHE as FOLDER


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
