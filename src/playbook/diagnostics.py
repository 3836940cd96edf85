"""Diagnostics are values: every stage returns them, only the command line prints them.

The bottom floor of the house, with ``rules`` (the registry of rule codes) and ``layout`` (the
project's paths): every stage imports it, it imports no stage."""

from __future__ import annotations

import enum
from typing import Iterable

from msgspec import Struct
from msgspec.structs import replace


class Severity(enum.IntEnum):
    """How much a diagnostic matters; ordered so that ``max()`` finds the worst. ACCEPTED is a
    finding a brief accepts with a reason (``accept:``): still shown, never counted as a problem."""

    ACCEPTED = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.upper()]


def quote(text: str, limit: int = 60) -> str:
    """Return ``text`` quoted for a message, cut short when long: a diagnostic about a 500 kB
    value must not print the value."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text):,} characters)"


class Position(Struct, frozen=True):
    """A 1-based line and column in a source file."""

    line: int = 1
    column: int = 1


class Span(Struct, frozen=True):
    """Where a value was written: its position and how many characters it spans."""

    position: Position
    length: int = 1


class Diagnostic(Struct, frozen=True):
    """One finding about one place in one file.

    ``path`` is relative to the project directory, with forward slashes.
    ``hint`` says how to fix it, in a few words.
    ``length`` is how many characters of the source line the finding spans (for the caret line).
    ``reason`` is why the brief accepts it, when its severity is ACCEPTED.
    ``draft``: the finding is about a brief or page marked ``draft: true``; it is shown, but it
    fails a run only when drafts are built (``--drafts``).
    ``fix``: the text that replaces the span (``line``, ``column``, ``length``) to fix it, when
    the fix is that certain (a misspelt key): the language server offers it as a quick fix.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    name: str
    message: str
    hint: str = ""
    length: int = 1
    reason: str = ""
    draft: bool = False
    fix: str = ""

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Return the order diagnostics are reported in: by file, place, rule and message."""
        return (self.path, self.line, self.column, self.code, self.message)

    def accepted(self, reason: str) -> "Diagnostic":
        return replace(self, severity=Severity.ACCEPTED, reason=reason)

    def in_draft(self) -> "Diagnostic":
        return self if self.draft else replace(self, draft=True)

    def counts(self, drafts: bool) -> bool:
        """Return whether this finding counts towards a run's result: a draft's only when drafts
        are built."""
        return drafts or not self.draft

    def to_json(self) -> dict:
        found = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.label,
            "code": self.code,
            "name": self.name,
            "message": self.message,
        }
        if self.severity == Severity.ACCEPTED:
            found["reason"] = self.reason
        if self.draft:
            found["draft"] = True
        if self.fix:
            found["fix"] = self.fix
        return found


def failing(
    diagnostics: Iterable[Diagnostic], *, strict: bool = False, drafts: bool = False
) -> list[Diagnostic]:
    """Return the findings that fail a run: errors (and warnings when ``strict``), leaving out a
    draft's unless ``drafts`` are built."""
    worst = Severity.WARNING if strict else Severity.ERROR
    return [d for d in diagnostics if d.severity >= worst and d.counts(drafts)]


class Summary(Struct, frozen=True):
    """Counts of briefs and diagnostics by severity; accepted findings are counted apart, and so
    are the findings in drafts while drafts are not built (``in_drafts``: errors, warnings, infos)."""

    briefs: int
    errors: int
    warnings: int
    infos: int
    accepted: int = 0
    in_drafts: tuple[int, int, int] = (0, 0, 0)

    @classmethod
    def of(cls, briefs: int, diagnostics: list[Diagnostic], drafts: bool = False) -> "Summary":
        """Return the counts of ``diagnostics``; a draft's count apart unless ``drafts`` are built."""
        counts = {s: 0 for s in Severity}
        apart = {s: 0 for s in Severity}
        for diagnostic in diagnostics:
            (counts if diagnostic.counts(drafts) else apart)[diagnostic.severity] += 1
        return cls(
            briefs,
            counts[Severity.ERROR],
            counts[Severity.WARNING],
            counts[Severity.INFO],
            counts[Severity.ACCEPTED] + apart[Severity.ACCEPTED],
            (apart[Severity.ERROR], apart[Severity.WARNING], apart[Severity.INFO]),
        )

    def to_json(self) -> dict:
        errors, warnings, infos = self.in_drafts
        return {
            "briefs": self.briefs,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "accepted": self.accepted,
            "in_drafts": {"errors": errors, "warnings": warnings, "infos": infos},
        }


class ConfigError(Exception):
    """``playbook.yaml`` is invalid; ``diagnostics`` say where and why. (Here, on the bottom
    floor, so the command line can catch it without importing the loader.)"""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable time."""
