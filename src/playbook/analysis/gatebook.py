"""The prose rules' gates, kept between runs: which word prefixes open each alternative of each
pattern (analysis/judgement/gates.py). Working them out parses every alternative with Python's
regular-expression parser, a seventh of a small build, on every run and for a single changed
brief; they depend only on the patterns' source, so they are kept.

They are plain data (MessagePack of strings), in the user's own cache folder beside the signing
key, signed with it and checked before they are read, and only when the key resolves outside
the project's checkout (SECURITY.md 3b): a gate planted to stay shut would hide a finding. A
file written by other code, or of any other shape, is ignored."""

from __future__ import annotations

from pathlib import Path

import msgpack

from playbook.analysis.judgement.gates import KNOWN
from playbook.load.cache import CODE
from playbook.load.signed import key_path, read_signed, signing_key, untrusted_key, write_signed

FILE = "gates.msgpack"
FORMAT = f"playbook-gates-{CODE}"


def read_gates(root: Path) -> int:
    """Add the gates kept by earlier runs to the ones this process knows, when they can be
    trusted for the project at ``root``; return how many the process then knows."""
    if untrusted_key(root):
        return len(KNOWN)
    payload = read_signed(key_path().parent, FILE, signing_key())
    if payload is None:
        return len(KNOWN)
    try:
        stored = msgpack.unpackb(payload, raw=False, use_list=False, strict_map_key=True)
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FORMAT):
            return len(KNOWN)
        if not (isinstance(stored[1], dict) and all(isinstance(key, str) for key in stored[1])):
            return len(KNOWN)
        KNOWN.update({key: _entry(value) for key, value in stored[1].items()} | KNOWN)
    except Exception:  # damaged, or not ours: work the gates out again
        pass
    return len(KNOWN)


def save_gates(root: Path, known_before: int) -> None:
    """Keep the gates this process knows, when it worked out any beyond the ``known_before``
    it read and the key can be trusted for the project at ``root``."""
    if len(KNOWN) <= known_before or untrusted_key(root):
        return
    payload = msgpack.packb((FORMAT, KNOWN), use_bin_type=True)
    write_signed(key_path().parent, FILE, signing_key(), payload)


def _entry(value: object) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """Return a stored entry as gates.KNOWN holds it; raise ValueError when it is not one."""
    if not isinstance(value, tuple):
        raise ValueError("not an entry")
    entry = []
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise ValueError("not an alternative")
        part, starts = item
        if starts is not None and not (isinstance(starts, tuple) and all(isinstance(s, str) for s in starts)):
            raise ValueError("not a gate")
        entry.append((part, starts))
    return tuple(entry)
