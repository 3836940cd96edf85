"""Every reader reads in memory bounded by a constant: the peak memory of a fresh Python reading
a file of each kind ten times as large stays within a few MiB of reading the smaller one, and
reading it counts ten times the cases (each file is read whole, a case at a time). What that
constant is on a 1 GB file of each kind is measured by ``bench/eval_memory.py`` (its figures are
in docs/guides/evaluation-files.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.evalfiles import KINDS, write

REPO = Path(__file__).resolve().parent.parent
READER = """
import resource, sys
sys.path.insert(0, sys.argv[4])
from pathlib import Path
from bench.evalfiles import KINDS
from playbook.load.evals import read_evaluation
evaluation, problems = read_evaluation(Path(sys.argv[1]), sys.argv[2], KINDS[sys.argv[3]][1])
assert evaluation is not None, problems
print(evaluation.graded + evaluation.ungraded, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
BUDGET = 8 << 10  # KiB: a chunk, a case and their copies


def reading(path: Path, kind: str) -> tuple[int, int]:
    """Return (cases read, peak memory in KiB) of a fresh Python reading ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", READER, str(path.parent), path.name, kind, str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    cases, peak = done.stdout.split()
    return int(cases), int(peak)


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "inspect-eval-bomb"])
def test_reading_ten_times_the_file_costs_no_more_memory(tmp_path, kind):
    suffix = KINDS[kind][0]
    small = tmp_path / f"small{suffix}"
    large = tmp_path / f"large{suffix}"
    write(kind, small, 4 << 20)
    write(kind, large, 40 << 20)
    (few, small_peak), (many, large_peak) = reading(small, kind), reading(large, kind)
    if kind != "inspect-eval-transcripts":  # its samples are never read: its summaries are the same
        assert 9 * few < many < 11 * few, (few, many)
    assert large_peak - small_peak < BUDGET, f"{kind}: {small_peak} KiB, then {large_peak} KiB"
