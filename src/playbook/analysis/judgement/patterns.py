"""Named patterns with exceptions, the way LanguageTool and Vale write prose rules: each pattern
matches words in context, and says in a phrase what those words mean for the criterion; its
exceptions are the contexts that make the same words fine. A finding quotes the words that
fired and names the pattern, so an author sees why, and a team can allow a phrase it trusts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from playbook.analysis.judgement.gates import gated
from playbook.analysis.judgement.text import Prose

WINDOW = 48  # characters of context an exception looks at, either side of a match


@dataclass(frozen=True)
class Pattern:
    """One way a field can fall short of a criterion.

    ``unless_before`` and ``unless_after`` are searched in the text just before the match (anchored
    at its end, so write them ending in ``$``) and just after it (anchored at the start, ``^``);
    ``unless`` is any other test of the match in its text. A match written as a name (every word
    capitalised, mid-sentence) is a name, not a finding, unless ``names`` is true.
    """

    name: str
    explains: str  # what the words mean, after the quote: "describes a would-be buyer, not someone losing today"
    regex: re.Pattern
    unless_before: re.Pattern | None = None
    unless_after: re.Pattern | None = None
    unless: Callable[[Prose, re.Match], bool] | None = field(default=None, compare=False)
    names: bool = False
    quote_group: int | str = 0  # the part of the match to quote
    fields: tuple[str, ...] = ()  # the fields it judges, when not every field of its rule


@dataclass(frozen=True)
class Finding:
    pattern: Pattern
    words: str  # the words that fired, as written

    def message(self) -> str:
        return f"{self.words!r} {self.pattern.explains} ({self.pattern.name})"


def words_pattern(words: Iterable[str]) -> str:
    """Return a regular expression matching any of ``words`` (phrases allowed), longest first."""
    escaped = sorted({re.escape(word.strip().lower()).replace(r"\ ", r"[\s-]+") for word in words if word.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def find(patterns: Iterable[Pattern], prose: Prose, allowed: re.Pattern | None = None, first: bool = True,
         field: str = "") -> list[Finding]:
    """Return the findings of ``patterns`` in ``prose`` (written as ``field``): the first match of
    each pattern that no exception excuses, none inside a phrase the team allows; only the first
    finding if ``first``."""
    excused = [m.span() for m in allowed.finditer(prose.lower)] if allowed is not None else []
    found = []
    opened = prose.prefixes
    for pattern in patterns:
        if pattern.fields and field not in pattern.fields:
            continue
        matches = []
        for regex, starts in gated(pattern.regex.pattern):
            if starts is None or not starts.isdisjoint(opened):  # else no word of the text can start a match
                matches.extend(regex.finditer(prose.lower))
        if len(matches) > 1:
            matches.sort(key=lambda match: match.start())
        for match in matches:
            start, end = match.span(pattern.quote_group)
            if any(a < end and start < b for a, b in excused) or _excused(pattern, prose, match):
                continue
            found.append(Finding(pattern, prose.quote(start, end)))
            break
        if found and first:
            break
    return found


def _excused(pattern: Pattern, prose: Prose, match: re.Match) -> bool:
    start, end = match.span()
    if pattern.unless_before is not None and pattern.unless_before.search(prose.lower[max(0, start - WINDOW):start]):
        return True
    if pattern.unless_after is not None and pattern.unless_after.search(prose.lower[end:end + WINDOW]):
        return True
    if not pattern.names:
        words = [word for word in prose.words_in(start, end) if any(ch.isalpha() for ch in word.text)]
        if words and all(word.named for word in words):
            return True
    return pattern.unless is not None and pattern.unless(prose, match)
