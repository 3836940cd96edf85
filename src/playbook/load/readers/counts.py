"""What reading an evaluation file gives: frozen counts that the analysis, the cache and history
share (the cache stores them as plain data by these declared types)."""

from __future__ import annotations

from msgspec import Struct


class SliceCount(Struct, frozen=True):
    """The cases of one slice: those whose ``eval_slice`` field holds ``value`` (as text: ``true``,
    ``3``, ``0.5`` for a boolean or a number). ``passed`` of ``graded`` passed; ``ungraded`` cases
    of the slice had no verdict (an empty value, or an error the tool recorded)."""

    value: str
    passed: int
    graded: int
    ungraded: int = 0


class Evaluation(Struct, frozen=True):
    """What an evaluation file says: how many of its graded cases passed, overall and, when the
    brief names ``eval_slice``, in each slice.

    ``slices`` are sorted by value and hold every graded or ungraded case that has a slice value;
    ``unsliced`` counts the graded cases with none (missing, null or empty), which are in the
    overall counts but in no slice, so the slices' ``graded`` add up to ``graded - unsliced``."""

    path: str  # relative to the project
    passed: int
    graded: int
    field: str  # the column, dotted path, Inspect scorer or DeepEval metric that was read
    ungraded: int = 0  # cases with no verdict: an empty value, or an error the tool recorded
    kind: str = ""  # the format read: jsonl, csv, inspect, promptfoo, deepeval, lm-eval, mlflow, records
    slice_field: str = ""  # the brief's eval_slice, when it names one
    slices: tuple[SliceCount, ...] = ()
    unsliced: int = 0
