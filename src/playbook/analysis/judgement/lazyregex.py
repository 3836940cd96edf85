"""Regular expressions compiled the first time they are used.

The prose rules hold a few hundred expressions, and compiling them all cost a small build about a
quarter of its time (Python's ``re`` parses and compiles in pure Python) before a single field was
judged. A gated alternative that no field's words open is never run, and a rule that never fires
never looks at its exceptions, so a run compiles only what its text reaches."""

from __future__ import annotations

import re
from typing import Any


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
        value = getattr(re.compile(self.pattern, self.flags), name)
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
