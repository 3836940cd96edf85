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
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import tempfile
from pathlib import Path

from playbook import __version__

FOLDER = ".playbook-cache"
FILE = "sources.pickle"


def _code_digest() -> str:
    """Return a digest of this package's code: a cache written by other code (another version, or
    the same version number while it is being developed) may hold objects of another shape."""
    hasher = hashlib.sha1(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()[:16]


CODE = _code_digest()
FORMAT = f"playbook-{__version__}-{CODE}-sources"


def _secret() -> bytes:
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


class Signed:
    """A dict of named values pickled to ``.playbook-cache/NAME``, signed, and ignored unless it
    verifies. Dicts among the values are pickled a slice at a time, each with a fresh memo: one
    pickle of 10,000 briefs needed a memo of 50 MB, which was the peak of a whole build."""

    SLICE = 500  # entries of a dict per pickle

    def __init__(self, root: Path, name: str, format: str):
        self.path = root / FOLDER / name
        self.format = format
        self.key = _secret()

    def read(self) -> dict:
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        if not hmac.compare_digest(data[:32], hmac.new(self.key, memoryview(data)[32:], hashlib.sha256).digest()):
            return {}
        stream = io.BytesIO(data)  # shares the bytes rather than copying them
        stream.seek(32)
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
            self.path.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}-")
            with os.fdopen(handle, "wb") as out:
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
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only project still builds, just without a warm cache


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

    def save(self) -> None:
        """Write the entries used by this run (so deleted files drop out), if anything changed."""
        if self.dirty or len(self.used) != len(self.entries) or len(self.derived_used) != len(self.derived):
            self.file.write({"sources": self.used, "derived": self.derived_used})


class RenderCache:
    """What the last build rendered: each body's words for the search index (by what the body is
    made from), and a fingerprint of every page's template context, so a warm build renders only
    pages whose context changed, and only the Markdown they show. ``salt`` names everything else
    a page depends on (tool version, theme files, settings)."""

    def __init__(self, root: Path, salt: str):
        self.file = Signed(root, "render.pickle", f"playbook-{__version__}-{CODE}-render")
        stored = self.file.read()
        fresh = stored.get("salt") == salt
        self.salt = salt
        self.words: dict[str, str] = stored.get("words", {}) if fresh else {}
        self.pages: dict[str, str] = stored.get("pages", {}) if fresh else {}

    def save(self, words: dict[str, str], pages: dict[str, str]) -> None:
        self.file.write({"salt": self.salt, "words": words, "pages": pages})
