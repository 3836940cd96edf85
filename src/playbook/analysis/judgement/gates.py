"""Gates: what a pattern's match must start with, worked out from the regular expression itself,
so that a field is matched only against the patterns whose first word it could hold. A field of
good text usually opens none of a rule's twenty patterns' gates, and a gate costs a set lookup
where the pattern costs a scan of the text with every alternative at every word."""

from __future__ import annotations

import hashlib
import re
import re._constants as sre  # the parser's opcodes: the standard library's own reading of a pattern
import re._parser as sre_parse
from functools import lru_cache

from playbook.lazyregex import Regex

PREFIX = 3  # letters of a word a gate looks at
WORD_START = {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BOUNDARY}


class _Open(Exception):
    """The pattern can start otherwise than with the first letters of a word: no gate."""


@lru_cache(maxsize=None)
def gate(pattern: str) -> frozenset[str] | None:
    """Return the first letters (up to three) of every word a match of ``pattern`` can start
    with, when every match starts a word with letters; else None (the pattern always runs)."""
    try:
        parsed = sre_parse.parse(pattern)
        found: set[str] = set()
        _starts(list(parsed), "", found, anchored=False)
        return frozenset(found)
    except (_Open, RecursionError, re.error):
        return None


LETTERS = Regex(r"[a-z]+")


def word_starts(lower: str) -> dict[str, list[int]]:
    """Return where each run of letters in ``lower`` starts, by its first one, two and three
    letters: a gated pattern is tried only at the starts its gate names."""
    found: dict[str, list[int]] = {}
    for match in LETTERS.finditer(lower):
        word, start = match.group(), match.start()
        for prefix in (word[:1], word[:2], word[:3]) if len(word) >= PREFIX else {word[:1], word[:2]}:
            starts = found.get(prefix)
            if starts is None:
                found[prefix] = [start]
            else:
                starts.append(start)
    return found


def _starts(items: list, prefix: str, found: set[str], anchored: bool) -> None:
    """Add to ``found`` the letter prefixes that ``items`` (a parsed sequence) can start with."""
    for index, (op, value) in enumerate(items):
        rest = items[index + 1 :]
        if op is sre.AT:
            if prefix:
                found.add(prefix)
                return
            anchored = anchored or value in WORD_START
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction = value[0]
            if direction < 0 and not prefix:
                anchored = True  # a lookbehind such as (?<![\w-]) before the word: it starts a word
            continue
        if op is sre.LITERAL:
            character = chr(value)
            if not ("a" <= character <= "z"):
                if prefix:
                    found.add(prefix)
                    return
                raise _Open
            if not anchored and not prefix:
                raise _Open
            prefix += character
            if len(prefix) == PREFIX:
                found.add(prefix)
                return
            continue
        if op is sre.SUBPATTERN:
            _starts(list(value[-1]) + rest, prefix, found, anchored)
            return
        if op is sre.BRANCH:
            for alternative in value[1]:
                _starts(list(alternative) + rest, prefix, found, anchored)
            return
        if op is sre.IN:
            letters = [chr(v) for o, v in value if o is sre.LITERAL]
            if len(letters) != len(value) or len(letters) > 6:
                if prefix:
                    found.add(prefix)
                    return
                raise _Open
            for letter in letters:
                _starts([(sre.LITERAL, ord(letter))] + rest, prefix, found, anchored)
            return
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, sub = value
            if low == 0:
                _starts(rest, prefix, found, anchored)
            _starts(list(sub) + rest, prefix, found, anchored)
            return
        if prefix:
            found.add(prefix)
            return
        raise _Open
    if prefix:
        found.add(prefix)
        return
    raise _Open  # the pattern can match the empty string: no gate


def alternatives(pattern: str) -> list[str]:
    """Split ``pattern`` at its top-level ``|`` (respecting escapes, classes and groups), so each
    alternative can have a gate of its own; a pattern with named groups stays whole."""
    if "(?P<" in pattern:
        return [pattern]
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        character = pattern[index]
        if character == "\\":
            index += 2
            continue
        if in_class:
            in_class = character != "]"
        elif character == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts if len(parts) > 1 else [pattern]


# What gated() worked out, by the SHA-1 of a pattern's source: its alternatives, bounded, each
# with its gate's prefixes (None: no gate). Parsing every alternative to find its gate was a
# seventh of a small build; analysis/gatebook.py keeps these between runs, as plain data.
KNOWN: dict[str, tuple[tuple[str, tuple[str, ...] | None], ...]] = {}


def worked_out(pattern: str) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """Return ``pattern``'s alternatives with bounded repeats and their gates' prefixes, sorted."""
    key = hashlib.sha1(pattern.encode("utf-8")).hexdigest()
    found = KNOWN.get(key)
    if found is None:
        gates = ((bounded(part), gate(part)) for part in alternatives(pattern))
        found = KNOWN[key] = tuple((part, None if g is None else tuple(sorted(g))) for part, g in gates)
    return found


@lru_cache(maxsize=None)
def gated(pattern: str) -> tuple[tuple[Regex, frozenset[str] | None], ...]:
    """Return ``pattern``'s alternatives with bounded repeats, each with its gate (None: always
    run); each is compiled when a text first opens its gate."""
    return tuple(
        (Regex(part), None if starts is None else frozenset(starts)) for part, starts in worked_out(pattern)
    )


MOST = 40  # the longest run a repeat takes: no word, number or gap between words in prose is longer
AT_LEAST = Regex(r"\{(\d+),\}")
COUNTED = Regex(r"\{\d*,?\d*\}")


def bounded(pattern: str) -> str:
    """Return ``pattern`` with every unbounded repeat (``*``, ``+``, ``{n,}``) bounded at MOST.

    A pattern is tried at many starts (every word its gate opens, or every character); a repeat
    that can run to the end of the text makes each try cost the rest of the text, and the whole
    scan quadratic. Bounded, a try costs at most a constant, so a scan is linear in the text
    whatever the text is (tests/test_judgement_growth.py)."""
    out: list[str] = []
    index, quantified, opened = 0, False, False  # after a repeat; after a "(" (so "?" opens an extension)
    while index < len(pattern):
        character = pattern[index]
        if character in "\\[":  # an escape or a class is copied whole: nothing in it repeats
            end = index + 2 if character == "\\" else _class_end(pattern, index)
            out.append(pattern[index:end])
            index, quantified, opened = end, False, False
            continue
        repeat = _repeat(pattern, index, quantified, opened)
        if repeat is not None:
            text, index, quantified = repeat
            out.append(text)
            opened = False
            continue
        out.append(character)
        quantified, opened = False, character == "("
        index += 1
    return "".join(out)


def _class_end(pattern: str, index: int) -> int:
    """Return where the character class that opens at ``index`` ends, after its ``]``."""
    at = index + 1 + (pattern[index + 1 : index + 2] == "^")
    if pattern[at : at + 1] == "]":
        at += 1  # a ']' first in a class is a letter of it
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


def _repeat(pattern: str, index: int, quantified: bool, opened: bool) -> tuple[str, int, bool] | None:
    """Return the repeat at ``index`` bounded at MOST, where reading goes on, and whether a lazy or
    possessive mark may follow it; None when there is no repeat at ``index``."""
    character = pattern[index]
    if character == "*" or (character == "+" and not quantified):
        return ("{0,%d}" % MOST if character == "*" else "{1,%d}" % MOST), index + 1, True
    if character in "+?" and quantified:  # possessive or lazy: the repeat before it stays bounded
        return character, index + 1, False
    if character == "?" and not opened:
        return character, index + 1, True
    counted = COUNTED.match(pattern, index) if character == "{" else None
    if counted is None:
        return None
    at_least = AT_LEAST.fullmatch(counted.group())
    text = "{%s,%d}" % (at_least.group(1), max(MOST, int(at_least.group(1)))) if at_least else counted.group()
    return text, counted.end(), True
