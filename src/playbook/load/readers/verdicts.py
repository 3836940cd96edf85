"""Whether one case passed: its value read as the tool writes a verdict, or, with ``eval_pass``,
compared with a threshold or found among the passing labels. A value that is neither says why,
with the option that would read it."""

from __future__ import annotations

import math

from playbook.diagnostics import quote
from playbook.load.readers.evaloptions import MISSING, Container, PassRule, as_text

PASSES = frozenset({"true", "1", "1.0", "yes", "y", "pass", "passed", "correct", "c", "ok", "success"})
FAILS = frozenset({"false", "0", "0.0", "no", "n", "fail", "failed", "incorrect", "i", "wrong", "failure"})
LETTERS = {"C": 1.0, "I": 0.0, "N": 0.0, "P": 0.5}  # Inspect AI's value_to_float
VALUES_HINT = "write true or false, 1 or 0, pass or fail — or leave it empty for a case not graded"


class Wrong:
    """Why a value is no verdict: the message (after the field's name) and its hint."""

    __slots__ = ("message", "hint")

    def __init__(self, message: str, hint: str = VALUES_HINT):
        self.message, self.hint = message, hint


def verdict(value: object, field: str, rule: PassRule | None, letters: bool) -> bool | None | Wrong:
    """Return True for a pass, False for a fail, None for a case with no verdict (an empty value,
    or NaN: a metric that failed on the case, as Ragas writes it), or why ``value`` is neither."""
    if value is MISSING or value is None or (isinstance(value, str) and not value.strip()):
        return None
    if (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and value.strip().lower() == "nan"
    ):
        return None
    if isinstance(value, Container):
        return Wrong(f"{field} is a {value.kind}, not a verdict or a score", inside(field))
    if rule is not None and rule.labels:
        return as_text(value).casefold() in rule.labels
    if rule is not None:
        score = _score(value, letters)
        if score is None:
            return Wrong(f"{field} is {shown(value)}, not a score to compare with eval_pass {rule.text!r}")
        return None if math.isnan(score) else rule.passes(score)
    return _plain(value, field, letters)


def _plain(value: object, field: str, letters: bool) -> bool | Wrong:
    """The verdict of a value when the brief gives no eval_pass: a pass or a fail as written."""
    if letters and isinstance(value, str) and value.strip().upper() in LETTERS:
        letter = value.strip().upper()
        if letter == "P":
            return Wrong(
                f"{field} is 'P' (partly right), which is neither a pass nor a fail",
                'count it with model.eval_pass: ">= 0.5" passes it, "> 0.5" fails it',
            )
        return letter == "C"
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return value == 1
    text = value.strip().lower() if isinstance(value, str) else ""
    if text in PASSES or text in FAILS:
        return text in PASSES
    if isinstance(value, (int, float)) or _numeric(text):
        return Wrong(
            f"{field} is {shown(value)}, a score rather than a pass or a fail",
            'set model.eval_pass to the score that passes, such as ">= 0.7"',
        )
    hint = f"name the labels that pass with model.eval_pass, such as [{as_text(value)[:30]}]"
    return Wrong(f"{field} is {shown(value)}, which is neither a pass nor a fail", hint)


def _score(value: object, letters: bool) -> float | None:
    if isinstance(value, (bool, int, float)):
        return float(value)
    text = value.strip() if isinstance(value, str) else ""
    if letters and text.upper() in LETTERS:
        return LETTERS[text.upper()]
    if text.lower() in PASSES or text.lower() in FAILS:
        return float(text.lower() in PASSES)
    return float(text) if _numeric(text) else None


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def inside(field: str) -> str:
    """Return the hint for a field that holds a mapping or a list."""
    return f"name a field inside it with a dotted path, such as {field}.value"


def shown(value: object) -> str:
    """Return a case's value as a message shows it."""
    if isinstance(value, str):
        return quote(value)
    return as_text(value) if not isinstance(value, float) else repr(value)
