"""Jinja's compiled templates, kept between runs so that a small build does not compile its theme
again (about a fifth of a 30-brief build).

Compiled templates are code (Jinja stores them with ``marshal``, behind a ``pickle``d checksum),
so they are kept where a pull request cannot write and are believed only when signed: in the
user's own cache folder (``$XDG_CACHE_HOME/playbook/templates``, beside the cache's signing key),
each file signed with that key and checked before Jinja reads a byte of it. When the key would
resolve inside the project's checkout (SECURITY.md 3b), no compiled template is read or written.
A file is named by the template, its file, and the versions of playbook, Jinja and Python that
compiled it; Jinja itself compiles again when the template's source changed."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from playbook.load.cache import CODE
from playbook.load.signed import key_path, read_signed, signing_key, untrusted_key, write_signed

SUFFIX = ".jinja"


class SignedBytecodeCache(BytecodeCache):
    """Compiled templates in ``folder``, each signed with ``key``; a file that does not verify is
    never handed to Jinja, and the template is compiled from its source as if there were none."""

    def __init__(self, folder: Path, key: bytes):
        self.folder = folder
        self.key = key

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        made_by = f"{CODE}|{jinja2.__version__}|{sys.version}|{sys.implementation.cache_tag}"
        return hashlib.sha256(f"{made_by}|{name}|{filename}".encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = read_signed(self.folder, bucket.key + SUFFIX, self.key)
        if payload is not None:
            bucket.bytecode_from_string(bytes(payload))

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_signed(self.folder, bucket.key + SUFFIX, self.key, bucket.bytecode_to_string())


def compiled_templates(project: Path) -> SignedBytecodeCache | None:
    """Return where a build of ``project`` keeps its compiled templates, or None when the user's
    cache folder would be inside the project's checkout, where a pull request could plant them."""
    if untrusted_key(project):
        return None
    return SignedBytecodeCache(key_path().parent / "templates", signing_key())
