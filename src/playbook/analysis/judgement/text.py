"""Prose as the judgement rules read it: one normalised, lowercased copy of the text (curly quotes,
dashes and spaces made plain, so a pattern is written once) whose offsets are the original's,
and the words of it with where each starts and whether it is written as a name."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property, lru_cache
from typing import NamedTuple

from playbook.analysis.judgement.gates import word_starts
from playbook.lazyregex import regex

# Characters after a word that are read for what its clause says: a clause, not the rest of the text.
CLAUSE = 160
PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2011": "-",
        "\u2010": "-",
    }
)
WORD = regex(r"[$€£¥]?[\w][\w'.,/%-]*[\w%]|[$€£¥]?\w")


class Word(NamedTuple):  # a tuple: a check of 10,000 briefs makes half a million of them
    text: str  # as written
    lower: str
    start: int
    end: int
    named: bool  # capitalised where a sentence does not start: a name ("the Everyone Counts team")


@lru_cache(maxsize=4096)
def prose_of(text: str) -> "Prose":
    """Return the one Prose of ``text``: each rule of a field, and each field written alike, share it."""
    return Prose(text)


class Prose:
    """One field's text, ready to be matched."""

    def __init__(self, text: str):
        self.text = text
        self.plain = text.translate(PLAIN)  # one character for one: offsets stay the original's
        self.lower = self.plain.lower()

    @cached_property
    def words(self) -> tuple[Word, ...]:
        words: list[Word] = []
        plain = self.plain
        previous_end = -1
        previous_text = ""
        for match in WORD.finditer(plain):
            start, end = match.span()
            text = match.group()
            first = text[0] if text[0].isalpha() else (text[1] if len(text) > 1 and text[1].isalpha() else "")
            named = False
            if (
                first.isupper()
                and previous_end >= 0
                and not text.isupper()
                and not (len(text) > 1 and text[1].isupper())
            ):
                # Capitalised, not an acronym ("AI-native", "SMBs"), and not where a sentence starts.
                between = plain[previous_end:start].strip()
                named = not (
                    between[-1:] in (".", "!", "?", ";", ":")
                    or (not between and previous_text[-1:] in (".", "!", "?"))
                )
            words.append(Word(text, text.lower(), start, end, named))
            previous_end, previous_text = end, text
        return tuple(words)

    @cached_property
    def starts(self) -> dict[str, list[int]]:
        """Where its words start, by their first letters, for the patterns' gates (see gates.py)."""
        return word_starts(self.lower)

    @cached_property
    def _ends(self) -> list[int]:
        return [word.end for word in self.words]

    def words_in(self, start: int, end: int) -> list[Word]:
        """Return the words that overlap ``start:end``, found by bisection: a pattern may match
        at every word of a long text, and each match asks."""
        words = self.words
        found = []
        for index in range(bisect_right(self._ends, start), len(words)):
            if words[index].start >= end:
                break
            found.append(words[index])
        return found

    def quote(self, start: int, end: int) -> str:
        """Return the words of the original text that ``start:end`` covers."""
        return " ".join(self.text[start:end].split())
