"""How sure a measured accuracy is: the Wilson score interval of a share measured on n cases, and
how many cases would settle whether it meets a requirement.

The Wilson interval is the one statisticians recommend for a proportion: unlike the normal
approximation it stays inside [0, 1], is sensible at 0 and 1, and keeps its coverage on small
samples (Brown, Cai & DasGupta, "Interval Estimation for a Binomial Proportion", 2001).
"""

from __future__ import annotations

import math
from functools import lru_cache

# The verdicts of a measured accuracy against a requirement, for a whole brief and for a slice.
PROVEN, UNPROVEN, UNSIZED, GAP = "proven", "unproven", "unsized", "gap"
MOST_CASES = 10_000_000  # no team labels more; beyond it "cases needed" is not an answer


# The quantiles of the usual confidences, as NormalDist().inv_cdf(0.5 + confidence / 2) gives them
# (tests/test_confidence.py checks each): importing statistics brings decimal and fractions, a
# hundredth of a small build's time, for one number.
USUAL_Z = {0.9: 1.6448536269514715, 0.95: 1.9599639845400536, 0.99: 2.5758293035489}


@lru_cache(maxsize=64)
def z_of(confidence: float) -> float:
    """Return the two-sided normal quantile of ``confidence``: 1.96 for 0.95."""
    if confidence in USUAL_Z:
        return USUAL_Z[confidence]
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(share: float, cases: int, z: float) -> tuple[float, float]:
    """Return the Wilson score interval (low, high) of ``share`` measured on ``cases`` cases."""
    if cases < 1:
        return 0.0, 1.0
    z2 = z * z
    denominator = 1 + z2 / cases
    centre = (share + z2 / (2 * cases)) / denominator
    half = z / denominator * math.sqrt(max(share * (1 - share), 0.0) / cases + z2 / (4 * cases * cases))
    return max(0.0, centre - half), min(1.0, centre + half)


DIGITS = 3  # bounds are kept, shown and compared at three places, so what is shown is what is judged


def bounds(share: float, cases: int, z: float) -> tuple[float, float]:
    """Return the Wilson interval rounded to DIGITS places."""
    low, high = wilson(share, cases, z)
    return round(low, DIGITS), round(high, DIGITS)


def cases_to_prove(share: float, required: float, z: float) -> int | None:
    """Return the fewest cases at ``share`` whose interval's low end reaches ``required``: how
    many cases would show an estimate that meets the requirement really does. None when no
    number would (the estimate itself is below, or the requirement is 1)."""
    if share < required or required >= 1:
        return None
    return _fewest(lambda n: bounds(share, n, z)[0] >= required)


def cases_to_settle(share: float, required: float, z: float) -> int | None:
    """Return the fewest cases at ``share`` whose interval's high end falls below ``required``:
    how many cases would show an estimate below the requirement really is a gap."""
    if share >= required:
        return None
    return _fewest(lambda n: bounds(share, n, z)[1] < required)


def _fewest(enough) -> int | None:
    """Return the smallest n ≥ 1 with ``enough(n)``; ``enough`` turns true and stays true as n
    grows (the interval narrows around the share)."""
    if not enough(MOST_CASES):
        return None
    low, high = 1, MOST_CASES
    while low < high:
        middle = (low + high) // 2
        if enough(middle):
            high = middle
        else:
            low = middle + 1
    return low
