"""The prose rules' gates and compiled expressions, kept between runs.

Gates say which word prefixes open each alternative of each pattern (analysis/judgement/gates.py).
Working them out parses every alternative with Python's regular-expression parser, a seventh of a
small build, on every run and for a single changed brief; they depend only on the patterns'
source, so they are kept. So are the programs ``re`` compiles the expressions a run reaches to
(lazyregex.py), another sixth of a small build; they depend on the pattern and
on the Python that compiled them, so their file is named for the interpreter and its engine.

Both are plain data (MessagePack of strings and numbers), in the user's own cache folder beside
the signing key, signed with it and checked before they are read, and only when the key resolves
outside the project's checkout (SECURITY.md 3b): a gate planted to stay shut, or a program that
matches something else than its pattern, would hide a finding. A file written by other code, or
of any other shape, is ignored; a program the engine refuses is compiled again."""

from __future__ import annotations

import sys
from pathlib import Path

import msgpack

from playbook.analysis.judgement.gates import KNOWN
from playbook.lazyregex import ENGINE, PROGRAMS
from playbook.load.cache import CODE
from playbook.load.signed import key_path, read_signed, signing_key, untrusted_key, write_signed

FILE = "gates.msgpack"
FORMAT = f"playbook-gates-{CODE}"
PROGRAMS_FILE = f"programs-{ENGINE}.msgpack"
# A program depends on its pattern and on the Python that compiled it, not on playbook's version.
PROGRAMS_FORMAT = f"playbook-programs-{ENGINE}-{sys.version}"


def read_gates(root: Path) -> tuple[int, int]:
    """Add the gates and programs kept by earlier runs to the ones this process knows, when they
    can be trusted for the project at ``root``; return how many of each the process then knows."""
    if untrusted_key(root):
        return len(KNOWN), len(PROGRAMS)
    folder, key = key_path().parent, signing_key()
    _read_programs(read_signed(folder, PROGRAMS_FILE, key) if ENGINE else None)
    return _read_gates(read_signed(folder, FILE, key)), len(PROGRAMS)


def _read_gates(payload: memoryview | None) -> int:
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


def _read_programs(payload: memoryview | None) -> None:
    if payload is None:
        return
    try:
        stored = msgpack.unpackb(payload, raw=False, use_list=False, strict_map_key=True)
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == PROGRAMS_FORMAT):
            return
        programs = {}
        for pattern, flags, *program in stored[1]:
            if not (isinstance(pattern, str) and isinstance(flags, int) and _is_program(program)):
                return
            programs[(pattern, flags)] = tuple(program)
        PROGRAMS.update(programs | PROGRAMS)
    except Exception:  # damaged, or not ours: compile the expressions again
        pass


def _is_program(program: list) -> bool:
    """Whether ``program`` has the shape of what _sre.compile takes; the numbers themselves are
    the engine's to check (it refuses a program that is not one)."""
    return (
        len(program) == 5
        and isinstance(program[0], int)
        and isinstance(program[1], tuple)
        and isinstance(program[2], int)
        and isinstance(program[3], dict)
        and isinstance(program[4], tuple)
    )


def save_gates(root: Path, known_before: tuple[int, int]) -> None:
    """Keep the gates and programs this process knows, when it worked out any beyond the
    ``known_before`` it read and the key can be trusted for the project at ``root``."""
    gates, programs = known_before
    if (len(KNOWN) <= gates and len(PROGRAMS) <= programs) or untrusted_key(root):
        return
    folder, key = key_path().parent, signing_key()
    if len(KNOWN) > gates:
        write_signed(folder, FILE, key, msgpack.packb((FORMAT, KNOWN), use_bin_type=True))
    if len(PROGRAMS) > programs and ENGINE:
        entries = [(pattern, flags, *program) for (pattern, flags), program in PROGRAMS.items()]
        write_signed(folder, PROGRAMS_FILE, key, msgpack.packb((PROGRAMS_FORMAT, entries), use_bin_type=True))


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
