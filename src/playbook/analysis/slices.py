"""The part of the workflow that is ready today: each slice of a brief's evaluation (the cases that
share a value of ``model.eval_slice``, such as one document type) measured on its own against
what the whole workflow needs, and judged with the same words as the whole brief.

A slice is judged only on enough cases (``ranking.min_slice_cases``): an evaluation cut into many
small groups always has a best one by chance, and a verdict on a handful of cases would be that
chance, not the model."""

from __future__ import annotations

from msgspec import Struct

from playbook.analysis.confidence import GAP, PROVEN, UNPROVEN, bounds, z_of
from playbook.load.evals import Evaluation

TOO_SMALL = "too-small"
VERDICT_WORDS = {
    PROVEN: "proven ready",
    UNPROVEN: "ready but unproven",
    GAP: "gap",
    TOO_SMALL: "too small to judge",
}


class SliceMetrics(Struct, frozen=True):
    """One slice's numbers: ``passed`` of ``cases`` graded cases, the accuracy, its Wilson
    interval (``lower``–``upper``) at the ranking's confidence, and the verdict against the
    brief's required accuracy: "proven", "unproven", "gap" or "too-small"."""

    slice: str
    cases: int
    passed: int
    accuracy: float
    lower: float
    upper: float
    verdict: str

    @property
    def verdict_words(self) -> str:
        """The verdict as the pages say it: "proven ready", "too small to judge"."""
        return VERDICT_WORDS[self.verdict]

    def to_json(self) -> dict:
        """Return the slice as the JSON outputs give it."""
        return {
            "slice": self.slice,
            "cases": self.cases,
            "accuracy": self.accuracy,
            "lower": self.lower,
            "upper": self.upper,
            "verdict": self.verdict,
        }


def derive_slices(
    evaluation: Evaluation | None, required: float, confidence: float, min_cases: int
) -> tuple[SliceMetrics, ...]:
    """Return each graded slice of ``evaluation`` judged against ``required`` at ``confidence``,
    in the evaluation's order; a slice of fewer than ``min_cases`` graded cases is "too-small"."""
    if evaluation is None or not evaluation.slices:
        return ()
    z = z_of(confidence)
    found = []
    for count in evaluation.slices:
        if count.graded < 1:
            continue  # only ungraded cases: nothing was measured on it
        share = count.passed / count.graded
        accuracy = round(share, 3)
        lower, upper = bounds(share, count.graded, z)
        found.append(
            SliceMetrics(
                count.value,
                count.graded,
                count.passed,
                accuracy,
                lower,
                upper,
                slice_verdict(accuracy, lower, required, count.graded, min_cases),
            )
        )
    return tuple(found)


def slice_verdict(accuracy: float, lower: float, required: float, cases: int, min_cases: int) -> str:
    """Return a slice's verdict, by the rule the whole brief is judged by once it has enough cases."""
    if cases < min_cases:
        return TOO_SMALL
    if accuracy < required:
        return GAP
    return PROVEN if lower >= required else UNPROVEN


def describe_slices(field: str, slices: tuple[SliceMetrics, ...], confidence: float) -> str:
    """Return the slices in one sentence, as ``rank --why`` and the editor's hover say them:
    "By doc_type: 'nda' 0.97 on 200 cases (95%: 0.94–0.99), proven ready; …"."""
    if not slices:
        return ""
    parts = [
        f"{one.slice!r} {one.accuracy:.2f} on {one.cases:,} {'case' if one.cases == 1 else 'cases'} "
        f"({confidence:.0%}: {one.lower:.2f}–{one.upper:.2f}), {one.verdict_words}"
        for one in slices
    ]
    return f"By {field}: " + "; ".join(parts) + "."
