"""Files in ``.playbook-cache/`` that can be trusted with nothing but speed.

They hold plain data only (MessagePack, decoded by the declared types of ``load/codec.py``), so
no cache, whoever wrote it, can run anything. They are signed with a key kept outside the
project's checkout — a key that would resolve inside it, where a pull request could plant one
(``XDG_CACHE_HOME`` pointing into the checkout), is never used, and the cache with it — so a
committed cache cannot change what a check finds either. They are opened without following
symlinks, read only when they are regular files of a sane size, and written atomically into a
folder that is not a link elsewhere."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import io
import os
import secrets
import stat
from pathlib import Path
from typing import Any

import msgpack

from playbook.layout import CACHE as FOLDER
from playbook.load.codec import codec


def key_path() -> Path:
    """Return where this user's signing key is kept: ``$XDG_CACHE_HOME/playbook/cache-key``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "playbook" / "cache-key"


def checkout(root: Path) -> Path:
    """Return the folder a pull request to ``root`` can write: the git work tree holding it (the
    nearest folder above with a ``.git``), or the project itself."""
    root = root.resolve()
    return next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), root)


def untrusted_key(root: Path) -> str:
    """Return why the signing key cannot be trusted for the project at ``root`` — it would be
    inside the project's checkout — or "" when it can."""
    path = key_path()
    try:
        where = path.resolve()
    except (OSError, RuntimeError):
        return f"the cache's signing key {path} cannot be resolved"
    tree = checkout(root)
    if where.is_relative_to(tree):
        return (
            f"the cache's signing key {path} is inside {tree}, where a pull request could plant one "
            "(XDG_CACHE_HOME), so the cache was neither read nor written; "
            "point XDG_CACHE_HOME outside the checkout"
        )
    return ""


def signing_key() -> bytes:
    """Return this user's signing key, creating it on first use."""
    path = key_path()
    home = path.parent
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
            raise UnsafeCacheFolder(
                f"{folder.name} is a symlink or not a folder, so the cache was neither read nor written; "
                "delete it (it is always safe to) and the next run makes a new one"
            ) from None
        raise


def read_regular(path: Path, limit: int = MAX_BYTES, *, dir_fd: int | None = None) -> bytes | None:
    """Return the bytes of ``path`` when it is a regular file (not a symlink, FIFO or device) of at
    most ``limit`` bytes, else None: a planted link to /dev/zero or a FIFO must neither fill the
    memory nor hang the build."""
    try:
        descriptor = os.open(
            path if dir_fd is None else path.name,
            os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
            dir_fd=dir_fd,
        )
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
    if data is None or len(data) < 32 or not key:
        return None
    payload = memoryview(data)[32:]
    return (
        payload if hmac.compare_digest(data[:32], hmac.new(key, payload, hashlib.sha256).digest()) else None
    )


class Signed:
    """Named values stored in ``.playbook-cache/NAME`` as signed MessagePack, each of the type
    ``kinds`` declares for its name, and ignored unless the file verifies and decodes. A dict is
    stored a slice at a time, so that reading holds the plain form of one slice, not of all.

    The folder and the file are opened without following symlinks, only regular files are read,
    and a file over :data:`MAX_BYTES` is not read at all. ``problem`` says why a folder that is
    not a plain folder, or a key inside the checkout, kept the cache from being used, for the
    command line to tell the user.
    """

    SLICE = 500  # entries of a dict per MessagePack map

    def __init__(self, root: Path, name: str, format: str, kinds: dict[str, Any]):
        self.folder = root / FOLDER
        self.path = self.folder / name
        self.format = format
        self.kinds = kinds
        self.problem = untrusted_key(root)
        self.key = signing_key() if not self.problem else b""

    def read(self) -> dict:
        if self.problem:
            return {}
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
            data = read_regular(self.path, dir_fd=folder)
        finally:
            os.close(folder)
        if verified(self.key, data) is None:
            return {}
        stream = io.BytesIO(data)  # shares the bytes rather than copying them
        stream.seek(32)
        stored: dict = {}
        try:
            unpacker = msgpack.Unpacker(
                stream, read_size=1 << 20, use_list=False, raw=False, max_buffer_size=MAX_BYTES
            )
            if unpacker.unpack() != self.format:
                return {}
            while (name := unpacker.unpack()) is not None:
                slices = unpacker.unpack()
                decode = codec(self.kinds[name])[1]
                if slices is None:
                    stored[name] = decode(unpacker.unpack())
                else:
                    stored[name] = value = {}
                    for _ in range(slices):
                        value.update(decode(unpacker.unpack()))
        except Exception:  # corrupt, or written by other code: start again
            return {}
        return stored

    def write(self, entries: dict) -> None:
        if self.problem:
            return
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
            descriptor = os.open(
                temporary,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                0o600,
                dir_fd=folder,
            )
            with os.fdopen(descriptor, "wb") as out:
                fcntl.flock(out, fcntl.LOCK_EX)  # a later build knows a live writer's file from a dead one's
                out.write(bytes(32))  # the signature, once the rest is written
                signer = _Signing(out, hmac.new(self.key, digestmod=hashlib.sha256))
                pack = msgpack.Packer().pack
                signer.write(pack(self.format))
                for name, value in entries.items():
                    encode = codec(self.kinds[name])[0]
                    if isinstance(value, dict):  # declared as a dict, whose slices are dicts of that type
                        items = list(value.items())
                        signer.write(pack(name) + pack(-(-len(items) // self.SLICE)))
                        for start in range(0, len(items), self.SLICE):
                            signer.write(pack(encode(dict(items[start : start + self.SLICE]))))
                    else:
                        signer.write(pack(name) + pack(None) + pack(encode(value)))
                signer.write(pack(None))
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


def read_signed(folder: Path, name: str, key: bytes) -> memoryview | None:
    """Return the payload of ``folder/name`` when the file is a regular one signed with ``key``
    (read as :class:`Signed` reads: no symlink followed, no file over :data:`MAX_BYTES`), else None."""
    try:
        descriptor = _open_folder(folder, create=False)
    except OSError:  # UnsafeCacheFolder included: a link is never read through
        return None
    if descriptor is None:
        return None
    try:
        return verified(key, read_regular(folder / name, dir_fd=descriptor))
    finally:
        os.close(descriptor)


def write_signed(folder: Path, name: str, key: bytes, payload: bytes) -> None:
    """Write ``payload`` signed with ``key`` to ``folder/name`` atomically, making the folder
    (private to the user) when it is missing; a folder that is a link, or any error, writes nothing."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        descriptor = _open_folder(folder, create=True)
    except OSError:
        return
    if descriptor is None:
        return
    temporary = f".{name}-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        os.fchmod(descriptor, 0o700)
        handle = os.open(
            temporary,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
            0o600,
            dir_fd=descriptor,
        )
        with os.fdopen(handle, "wb") as out:
            fcntl.flock(out, fcntl.LOCK_EX)  # so remove_stale_temporaries knows a live writer's file
            out.write(hmac.new(key, payload, hashlib.sha256).digest() + payload)
        os.replace(temporary, name, src_dir_fd=descriptor, dst_dir_fd=descriptor)
    except OSError:
        try:
            os.unlink(temporary, dir_fd=descriptor)
        except OSError:
            pass
    finally:
        os.close(descriptor)


def remove_stale_temporaries(folder: int) -> None:
    """Delete the half-written cache files of writers that died (killed mid-save): a live writer
    holds a lock on its file, a dead one's lock is free."""
    for name in os.listdir(folder):
        if not (name.startswith(".") and "-" in name):
            continue
        try:
            descriptor = os.open(
                name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder
            )
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
