"""The quadrant chart's marks: none covers another (a diamond hid under a circle, and side-by-side
marks overlapped their neighbours) and none leaves the frame (a mark right of the 100% line reads as
more than complete), on generated playbooks and on dense sets of spots like 10,000 briefs'."""

from __future__ import annotations

import math
import random
import re

from bench.generate import generate
from playbook.cli.main import main
from playbook.site.views.chart import APART, MAX_MARKS, PLOT_BOTTOM, PLOT_RIGHT, TOP, Box, separate
from playbook.site.views.chart import LEFT as PLOT_LEFT

FRAME = Box(PLOT_LEFT, TOP, PLOT_RIGHT, PLOT_BOTTOM)


def assert_apart(centres, radii, slack=0.0):
    """No two discs (radius + 1, a diamond's tips) nearer than ``APART``, every centre in the frame
    (give or take ``slack``)."""
    for x, y in centres:
        assert FRAME.left - slack <= x <= FRAME.right + slack, (x, y)
        assert FRAME.top - slack <= y <= FRAME.bottom + slack, (x, y)
    for i, (a, ra) in enumerate(zip(centres, radii)):
        for b, rb in zip(centres[i + 1 :], radii[i + 1 :]):
            assert math.dist(a, b) >= ra + rb + 2 + APART - 0.001, (a, ra, b, rb)


def spot_set(seed: int, cell: float, complete: float = 0.15, crowd: float = 0.5):
    """``MAX_MARKS`` marks as ``spots`` leaves them for many briefs: on a grid of ``cell``, up to
    three shapes on a spot, a share ``complete`` on the 100% line, the most at the height ``crowd``
    of the frame (0 the top)."""
    rng = random.Random(seed)
    centres, radii, ranks = [], [], []
    while len(centres) < MAX_MARKS:
        x = PLOT_RIGHT if rng.random() < complete else round(rng.uniform(PLOT_LEFT, PLOT_RIGHT) / cell) * cell
        y = round(rng.triangular(TOP, PLOT_BOTTOM, TOP + crowd * (PLOT_BOTTOM - TOP)) / cell) * cell
        for rank in rng.sample(range(3), rng.randint(1, 3)):
            centres.append((min(x, PLOT_RIGHT), min(max(y, TOP), PLOT_BOTTOM)))
            radii.append(rng.choice([7.0, 7.5 + math.log2(rng.randint(2, 40)), 12.0]))
            ranks.append(rank)
    return centres, radii, ranks


def test_dense_spot_sets_are_moved_apart_inside_the_frame():
    sets = [(1, 4.0, 0.15, 0.5), (2, 8.0, 0.15, 0.5), (3, 16.0, 0.15, 0.5), (4, 1.0, 0.15, 0.5)]
    sets += [(seed, 4.0, 0.3, 0.1) for seed in range(5, 9)]  # a crowd in the top right corner
    for seed, cell, complete, crowd in sets:
        centres, radii, ranks = spot_set(seed, cell, complete, crowd)
        moved = separate(centres, radii, ranks, FRAME)
        assert_apart(moved, radii)
        assert moved == separate(centres, radii, ranks, FRAME)  # deterministic


def test_marks_on_one_spot_stand_side_by_side_ready_first_and_left_of_the_100_line():
    moved = separate([(PLOT_RIGHT, 100.0)] * 2, [7.0, 9.0], [2, 0], FRAME)
    assert_apart(moved, [7.0, 9.0])
    assert moved[1][0] < moved[0][0] <= PLOT_RIGHT and moved[0][1] == moved[1][1] == 100.0


def test_a_generated_playbooks_marks_never_cover_one_another(tmp_path):
    generate(1200, tmp_path)
    assert main(["build", str(tmp_path), "--no-cache", "--quiet"]) == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    chart = html[html.index("<svg") : html.index("</svg>")]
    centres, radii = [], []
    for kind, cx, cy, r in re.findall(
        r'<circle class="point point-(\w+)" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', chart
    ):
        centres.append((float(cx), float(cy)))
        radii.append(float(r) + (1 if kind == "unproven" else 0))  # a ring is drawn 1 smaller
    for x, top, half in re.findall(r'<path class="point point-gap" d="M([\d.]+) ([\d.]+)l([\d.]+) ', chart):
        centres.append((float(x), float(top) + float(half)))
        radii.append(float(half) - 1)
    assert len(centres) > 50
    assert_apart(centres, [r - 0.05 for r in radii], slack=0.05)  # the SVG rounds centres to 0.1
