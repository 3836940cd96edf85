"""Complexity as growth, not as a deadline: how many times longer something takes on ten times
the input. Linear work gives about 10, work in the square of the input about 100; a machine that
is busy elsewhere slows a single run, so each size is timed in this process's own CPU time (other
processes' work is not counted), a few times, and the fastest run counts, with the garbage collector
paused (its passes over many live objects are not the code's cost)."""

from __future__ import annotations

import gc
import time
from typing import Callable

LINEAR = 25  # well under the 100 of quadratic work, well over the 10 of linear work


def _fastest(run: Callable[[str], object], text: str, times: int) -> float:
    best = float("inf")
    for _ in range(times):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def growth(run: Callable[[str], object], make: Callable[[int], str], size: int) -> float:
    """Return how many times longer ``run(make(10 * size))`` takes than ``run(make(size))``,
    after a warm-up; measured again, up to three times, while it looks worse than linear but
    not clearly quadratic (noise does not make 10 into 75)."""
    small, big = make(size), make(10 * size)
    run(small)
    ratio = float("inf")
    for _ in range(3):
        ratio = min(ratio, _fastest(run, big, 2) / _fastest(run, small, 3))
        if not LINEAR <= ratio < 3 * LINEAR:
            break
    return ratio
