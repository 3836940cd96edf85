"""Prose as the judgement rules read it: one normalised, lowercased copy of the text (curly quotes,
dashes and spaces made plain, so a pattern is written once) whose offsets are the original's,
and the words of it with where each starts and whether it is written as a name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2011": "-", "\u2010": "-"})
WORD = re.compile(r"[$€£¥]?[\w][\w'.,/%-]*[\w%]|[$€£¥]?\w")
SENTENCE_END = re.compile(r"[.!?;:]\s*$")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as written
    lower: str
    start: int
    end: int
    named: bool  # capitalised where a sentence does not start: a name ("the Everyone Counts team")


class Prose:
    """One field's text, ready to be matched."""

    def __init__(self, text: str):
        self.text = text
        self.plain = text.translate(PLAIN)  # one character for one: offsets stay the original's
        self.lower = self.plain.lower()

    @cached_property
    def words(self) -> tuple[Word, ...]:
        words: list[Word] = []
        for match in WORD.finditer(self.plain):
            start, end = match.span()
            text = match.group()
            first = next((ch for ch in text if ch.isalpha()), "")
            # A sentence starts after . ! ? ; : (or at the text's start), whatever spaces follow.
            sentence_start = not words or self.plain[words[-1].end:start].strip()[-1:] in (".", "!", "?", ";", ":") or \
                words[-1].text[-1:] in (".", "!", "?") and not self.plain[words[-1].end:start].strip()
            acronym = len(text) > 1 and text[0].isupper() and text[1].isupper()  # "AI-native", "SMBs" are not names
            named = bool(first) and first.isupper() and not sentence_start and not text.isupper() and not acronym
            words.append(Word(text, text.lower(), start, end, named))
        return tuple(words)

    def words_in(self, start: int, end: int) -> list[Word]:
        """Return the words that overlap ``start:end``."""
        return [word for word in self.words if word.end > start and word.start < end]

    def before(self, start: int, count: int) -> list[Word]:
        """Return up to ``count`` words ending before ``start``, nearest last."""
        return [word for word in self.words if word.end <= start][-count:]

    def after(self, end: int, count: int) -> list[Word]:
        """Return up to ``count`` words starting after ``end``, nearest first."""
        return [word for word in self.words if word.start >= end][:count]

    def quote(self, start: int, end: int) -> str:
        """Return the words of the original text that ``start:end`` covers."""
        return " ".join(self.text[start:end].split())
