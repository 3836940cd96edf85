"""Did-you-mean suggestions for misspelt keys, slugs and values."""

from __future__ import annotations

from typing import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to ``word``, or None when nothing is close."""
    import difflib  # only when something is misspelt: a clean build never needs it

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``did you mean 'x'?`` for the closest choice, or an empty string."""
    match = closest(word, choices)
    return f"did you mean {match!r}?" if match else ""
