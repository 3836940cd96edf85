"""The quadrant chart's labels: placed where they cover no other label, mark or quadrant name, at a
phone's sizes first and then a laptop's (the browser test in test_paging.py measures real boxes)."""

from __future__ import annotations

import random

from playbook.site.views.chartlabels import NARROW, WIDE, Box, Words, mark_box, place_labels, words_box

BOUNDS = Box(62, 0, 640, 352)
NAMES = [
    Words(600, 34, "end", ("Solve completely now:", "12 ready here")),
    Words(70, 342, "start", ("a", "b"), 1),
]


def boxes(marks, placed, sizes, shown):
    return [
        words_box(Words(p.x, p.y, p.anchor, (marks[i][3],)), sizes["point"])
        for i, p in enumerate(placed)
        if p and shown(p)
    ]


def test_marks_crowded_on_one_spot_share_the_room_around_it():
    marks = [(300.0, 200.0, 7.0, f"×{n}") for n in range(10, 50)]
    placed = place_labels(marks, [], BOUNDS)
    assert placed[0] is not None and placed[0].everywhere  # the most important is labelled first
    assert 1 < sum(1 for p in placed if p) <= 4  # one a side at most; the rest say it in their tooltips


def test_no_label_covers_another_a_mark_or_a_name_on_either_screen():
    rng = random.Random(25)
    marks = [
        (rng.uniform(62, 608), rng.uniform(16, 352), 7.0 + rng.random() * 5, f"×{rng.randint(2, 9999):,}")
        for _ in range(150)
    ]
    placed = place_labels(marks, NAMES, BOUNDS)
    for sizes, shown in ((NARROW, lambda p: p.everywhere), (WIDE, lambda p: True)):
        labels = boxes(marks, placed, sizes, shown)
        assert labels and all(box.inside(BOUNDS) for box in labels)
        names = [words_box(name, sizes["quadrant"]) for name in NAMES]
        for i, box in enumerate(labels):
            assert not any(box.overlaps(other) for other in labels[i + 1 :] + names)
        for i, p in enumerate(placed):
            if p and shown(p):
                mine = words_box(Words(p.x, p.y, p.anchor, (marks[i][3],)), sizes["point"])
                others = [mark_box(x, y, r) for j, (x, y, r, _) in enumerate(marks) if j != i]
                assert not any(mine.overlaps(dot) for dot in others)
    phone = sum(1 for p in placed if p and p.everywhere)
    assert 0 < phone < sum(1 for p in placed if p)  # a laptop shows more labels than a phone


def test_on_a_chart_of_few_marks_a_label_goes_below_its_mark_when_nothing_else_is_free():
    """A mark at the top of the picture, with marks on both sides and a name above: on a phone too,
    its label goes below it (on a crowded chart it would read as the label of the mark under it)."""
    marks = [(300.0, 12.0, 7.0, "9"), (270.0, 12.0, 7.0, "6"), (330.0, 12.0, 7.0, "3")]
    placed = place_labels(marks, [], BOUNDS)
    assert placed[0] is not None and placed[0].everywhere and placed[0].y > 12.0 + 7.0
    crowded = marks + [(62.0 + 10 * n, 340.0, 7.0, str(n)) for n in range(30)]
    label = place_labels(crowded, [], BOUNDS)[0]
    assert label is None or label.y < 12.0 + 7.0  # beside it on a laptop, never below
