"""Regular expressions compiled the first time they are used, from a program kept by an earlier
run when there is one.

The prose rules hold a few hundred expressions, and compiling them all cost a small build about a
quarter of its time (Python's ``re`` parses and compiles in pure Python) before a single field was
judged. A gated alternative that no field's words open is never run, and a rule that never fires
never looks at its exceptions, so a run compiles only what its text reaches. Every stage's
module-level expressions are made here too (it is on the bottom floor): a 30-brief build uses 28
of the 42 that the loaders, the Markdown screen and the views compiled at import.

What ``re`` compiles an expression to is a program for its matching engine: a list of numbers,
the group count and the group names. Making one still cost a small build a sixth of its time, so
each program made is recorded in :data:`PROGRAMS`, for ``analysis/gatebook.py`` to keep in the
user's own cache, signed, as it keeps the gates; the engine takes a kept program back in
microseconds (and checks it, as it checks every program). A program is only as good as the
Python that made it: the file it is kept in is named for the interpreter and its engine."""

from __future__ import annotations

import re
import sys
from typing import Any

try:  # CPython's own compiler, in pieces: re.compile is _parser.parse, then _code, then _sre.compile
    import _sre
    from re import _compiler, _parser

    ENGINE = f"{sys.implementation.cache_tag}-{_sre.MAGIC}"
except ImportError:  # another Python: every expression is compiled by re.compile, and none kept
    _sre = None
    ENGINE = ""

# (pattern, flags) -> (flags, code, groups, group index, group names): what _sre.compile takes.
Program = tuple[int, tuple[int, ...], int, dict[str, int], tuple[str | None, ...]]
PROGRAMS: dict[tuple[str, int], Program] = {}


class Regex:
    """A regular expression written as ``pattern``, compiled on first use; it answers ``search``,
    ``match``, ``finditer`` and the rest as the compiled ``re.Pattern`` would."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only reached for what is not yet an attribute: compile, then keep the compiled method on
        # the instance, so every later call is a plain attribute lookup.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(compile_regex(self.pattern, self.flags), name)
        self.__dict__[name] = value
        return value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Regex) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"


def regex(pattern: str, flags: int = 0) -> Regex:
    """Return ``pattern`` as a :class:`Regex`, to be compiled when it is first used."""
    return Regex(pattern, flags)


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """Return ``pattern`` compiled, the very pattern ``re.compile`` returns: from its kept program
    when there is a good one, else by ``re``'s compiler, recording the program it made."""
    if _sre is None:
        return re.compile(pattern, flags)
    kept = PROGRAMS.get((pattern, flags))
    if kept is not None:
        try:
            return _sre.compile(pattern, kept[0], list(kept[1]), kept[2], dict(kept[3]), tuple(kept[4]))
        except Exception:  # not a program this engine takes (the engine checks each one): make it again
            del PROGRAMS[(pattern, flags)]
    parsed = _parser.parse(pattern, flags)  # raises re.error for a broken pattern, as re.compile does
    code = _compiler._code(parsed, flags)
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        names[index] = name
    program = (
        flags | parsed.state.flags,
        tuple(code),
        parsed.state.groups - 1,
        dict(parsed.state.groupdict),
        tuple(names),
    )
    PROGRAMS[(pattern, flags)] = program
    return _sre.compile(pattern, program[0], code, program[2], parsed.state.groupdict, program[4])
