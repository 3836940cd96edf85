"""Ranking briefs (DESIGN §4): ready before model gap, then score, pain and title; and why each
ranks where it does."""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from msgspec import Struct

from playbook.analysis.metrics import READY, Metrics
from playbook.load.model import STATUSES, Brief


class Ranked(NamedTuple):  # a tuple: serve ranks every brief again after each edit
    """A ranked brief with its position and the sentence that explains it."""

    rank: int
    brief: Brief
    metrics: Metrics
    why: str


class Ranking(Struct, frozen=True):
    """The ranked briefs in order, and the shipped, parked and killed ones by status."""

    ranked: tuple[Ranked, ...]
    unranked: tuple[Brief, ...]
    by_slug: dict[str, Ranked] = {}  # derived from ``ranked``, for look-ups

    def position(self, slug: str) -> Ranked | None:
        """Return the ranked entry of ``slug``, or None when it is unranked or unknown."""
        return self.by_slug.get(slug)


def rank_briefs(briefs: list[Brief], metrics: dict[str, Metrics]) -> Ranking:
    """Return the ranking of ``briefs``; ``metrics`` maps each slug to its derived numbers."""
    keyed = []
    for b in briefs:
        if b.ranked:
            m = metrics[b.slug]
            keyed.append(((m.tier != READY, -m.score, -m.pain, b.title.casefold(), b.slug), b, m))
    keyed.sort(key=itemgetter(0))
    total = len(keyed)
    entries = tuple(Ranked(i, b, m, explain_rank(i, total, m)) for i, (_, b, m) in enumerate(keyed, 1))
    unranked = sorted(
        (b for b in briefs if not b.ranked),
        key=lambda b: (STATUSES.index(b.status), b.title.casefold(), b.slug),
    )
    return Ranking(entries, tuple(unranked), {entry.brief.slug: entry for entry in entries})


@lru_cache(maxsize=1 << 16)  # serve ranks every brief again after each edit; most sentences stay
def explain_rank(rank: int, total: int, m: Metrics) -> str:
    """Return one sentence saying why a brief ranks where it does, with the numbers that put it there."""
    shown = f"{m.score:.1f}".removesuffix(".0")  # as the tables show it
    completeness = f"{m.completeness:.3f}"  # 0.833, not 0.83, so the sum checks; but 0.50, not 0.500
    completeness = completeness[:-1] if completeness.endswith("0") else completeness
    score = f"pain {m.pain:g} × completeness {completeness}² = score {shown}"
    if m.tier == READY:
        return (
            f"Ranked {rank} of {total}: today's model is good enough here "
            f"({m.model_accuracy:.2f} against the {m.required_accuracy:.2f} this workflow "
            f"needs{_proof(m)}), and {score}."
        )
    return (
        f"Ranked {rank} of {total}, behind every ready brief: the workflow needs {m.required_accuracy:.2f} "
        f"but the model has {m.model_accuracy:.2f}{_proof(m)}; {score}."
    )


def _proof(m: Metrics) -> str:
    """Return what the sample size says of the fit, as a clause: proven, not yet, or within the noise."""
    if m.samples is None:
        return ""
    if m.verdict == "proven":
        return f"; proven on {m.samples:,} cases, at least {m.accuracy_low:.2f} at {m.confidence:.0%}"
    if m.verdict == "unproven":
        lower = ", which this playbook ranks on" if m.on_lower_bound else ""
        return f"; not yet proven: {m.spread()}{lower}"
    if m.within_noise:
        return (
            f", within the noise of {m.samples:,} cases "
            f"({m.accuracy_low:.2f}–{m.accuracy_high:.2f} at {m.confidence:.0%})"
        )
    return ""


def explain_unranked(brief: Brief) -> str:
    """Return why a brief has no rank."""
    return (
        f"Not ranked: its status is {brief.status}, "
        "and only idea, exploring, validated and building briefs compete."
    )
