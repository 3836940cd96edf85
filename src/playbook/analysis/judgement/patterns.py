"""Named patterns with exceptions, the way LanguageTool and Vale write prose rules: each pattern
matches words in context, and says in a phrase what those words mean for the criterion; its
exceptions are the contexts that make the same words fine. A finding quotes the words that
fired and names the pattern, so an author sees why, and a team can allow a phrase it trusts."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, Iterable

from msgspec import Struct

from playbook.analysis.judgement.gates import gated
from playbook.analysis.judgement.text import Prose
from playbook.lazyregex import Regex

WINDOW = 48  # characters of context an exception looks at, either side of a match


class Pattern(Struct, frozen=True):
    """One way a field can fall short of a criterion.

    ``unless_before`` and ``unless_after`` are searched in the text just before the match (anchored
    at its end, so write them ending in ``$``) and just after it (anchored at the start, ``^``);
    ``unless`` is any other test of the match in its text. A match written as a name (every word
    capitalised, mid-sentence) is a name, not a finding, unless ``names`` is true.
    """

    name: str
    explains: (
        str  # what the words mean, after the quote: "describes a would-be buyer, not someone losing today"
    )
    regex: Regex
    unless_before: Regex | None = None
    unless_after: Regex | None = None
    unless: Callable[[Prose, re.Match], bool] | None = None
    names: bool = False
    quote_group: int | str = 0  # the part of the match to quote
    fields: tuple[str, ...] = ()  # the fields it judges, when not every field of its rule


class Finding(Struct, frozen=True):
    """A pattern that fired on a field, with the words it fired on and where they start."""

    pattern: Pattern
    words: str  # the words that fired, as written
    start: int = -1  # where they start in the text

    def message(self) -> str:
        return f"{self.words!r} {self.pattern.explains} ({self.pattern.name})"


def words_pattern(words: Iterable[str]) -> str:
    """Return a regular expression matching any of ``words`` (phrases allowed), longest first,
    in the same order on every run (ties by the words), so a pattern's source is the same too."""
    escaped = sorted(
        {re.escape(word.strip().lower()).replace(r"\ ", r"[\s-]+") for word in words if word.strip()},
        key=lambda word: (-len(word), word),
    )
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def find(
    patterns: tuple[Pattern, ...],
    prose: Prose,
    allowed: Regex | None = None,
    first: bool = True,
    field: str = "",
) -> list[Finding]:
    """Return the findings of ``patterns`` in ``prose`` (written as ``field``): the first match of
    each pattern that no exception excuses, none inside a phrase the team allows; only the first
    finding if ``first``. Only the alternatives whose gate the text opens are run (see gates.py)."""
    plan = _plan_of(patterns)
    lower = prose.lower
    opened: dict[int, list[int] | None] = dict.fromkeys(
        plan.always
    )  # entry -> where to try it (None: everywhere)
    for prefix, starts in prose.starts.items():
        for entry in plan.by_prefix.get(prefix, ()):
            opened.setdefault(entry, []).extend(starts)
    excused = [m.span() for m in allowed.finditer(lower)] if allowed is not None else []
    found: list[Finding] = []
    current, matches = -1, []
    for entry in sorted(opened) + [
        len(plan.entries)
    ]:  # in the patterns' order; a last step to close the group
        index, regex = plan.entries[entry] if entry < len(plan.entries) else (len(patterns), None)
        if index != current:
            if matches:
                finding = _first_unexcused(patterns[current], prose, matches, excused)
                if finding is not None:
                    found.append(finding)
                    if first:
                        return found
            current, matches = index, []
        if regex is None or (patterns[index].fields and field not in patterns[index].fields):
            continue
        starts = opened[entry]
        if starts is None:
            matches.extend(regex.finditer(lower))
        else:
            for start in sorted(set(starts)) if len(starts) > 1 else starts:
                match = regex.match(lower, start)
                if match is not None:
                    matches.append(match)
    return found


def _first_unexcused(
    pattern: Pattern, prose: Prose, matches: list[re.Match], excused: list[tuple[int, int]]
) -> Finding | None:
    if len(matches) > 1:
        matches.sort(key=lambda match: match.start())
    ends = [b for _, b in excused]  # the allowed phrases do not overlap: their starts and ends both ascend
    for match in matches:
        start, end = match.span(pattern.quote_group)
        allowed = bisect_right(ends, start)  # the first allowed phrase that ends after the match starts
        if (allowed < len(excused) and excused[allowed][0] < end) or _excused(pattern, prose, match):
            continue
        return Finding(pattern, prose.quote(start, end), start)
    return None


class _Plan(Struct, frozen=True):
    """A tuple of patterns made ready to run: every alternative of every pattern, in order, and
    which of them each word prefix opens."""

    entries: tuple[tuple[int, Regex], ...]  # (the pattern's index, one of its alternatives)
    by_prefix: dict[str, tuple[int, ...]]  # word prefix -> the entries whose gate it opens
    always: tuple[int, ...]  # entries with no gate


_PLANS: dict[int, tuple[tuple[Pattern, ...], _Plan]] = {}


def _plan_of(patterns: tuple[Pattern, ...]) -> _Plan:
    known = _PLANS.get(id(patterns))
    if known is not None and known[0] is patterns:
        return known[1]
    entries, by_prefix, always = [], {}, []
    for index, pattern in enumerate(patterns):
        for regex, starts in gated(pattern.regex.pattern):
            if starts is None:
                always.append(len(entries))
            else:
                for prefix in starts:
                    by_prefix.setdefault(prefix, []).append(len(entries))
            entries.append((index, regex))
    plan = _Plan(tuple(entries), {prefix: tuple(found) for prefix, found in by_prefix.items()}, tuple(always))
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(patterns)] = (patterns, plan)  # the tuple is kept alive with its plan, so its id is not reused
    return plan


def _excused(pattern: Pattern, prose: Prose, match: re.Match) -> bool:
    start, end = match.span()
    if pattern.unless_before is not None and pattern.unless_before.search(
        prose.lower[max(0, start - WINDOW) : start]
    ):
        return True
    if pattern.unless_after is not None and pattern.unless_after.search(prose.lower[end : end + WINDOW]):
        return True
    if not pattern.names:
        words = [word for word in prose.words_in(start, end) if any(ch.isalpha() for ch in word.text)]
        if words and all(word.named for word in words):
            return True
    return pattern.unless is not None and pattern.unless(prose, match)
