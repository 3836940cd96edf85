"""The pain × completeness quadrant chart, drawn as inline SVG at build time."""

from __future__ import annotations

import itertools
import math

from markupsafe import Markup, escape

from playbook.site.views.api import BriefView
from playbook.site.views.chartlabels import LINE, Box, Placed, Words, place_labels

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 62, 32, 16, 48  # room on the right for labels of complete briefs
MAX_MARKS = (
    150  # marks drawn at most (a chart of more is a blot): briefs on one spot share a mark with their count
)
PLOT_RIGHT, PLOT_BOTTOM = WIDTH - RIGHT, HEIGHT - BOTTOM
LISTED = 8  # ranks a shared mark's tooltip names before "and N more"
APART = 1.0  # between two marks' discs
PASSES = 200  # relaxation passes at most (a playbook's marks settle in a few dozen; a crowd at 150 in more)
OVERSHOOT = 0.5  # beyond the distance wanted, that a crowd settles in few passes


def _x(completeness: float) -> float:
    return LEFT + completeness * (WIDTH - LEFT - RIGHT)


def _y(pain: float) -> float:
    return TOP + (1 - pain / 100) * (HEIGHT - TOP - BOTTOM)


def _shape(brief: BriefView) -> str:
    m = brief.metrics
    return "unproven" if m.tier == "ready" and m.verdict == "unproven" else m.tier


def spots(briefs: list[BriefView]) -> list[list[BriefView]]:
    """Return the ranked briefs grouped by where their marks fall (and their shape), best ranked
    first in each, the groups in the order of their best: every brief is drawn, and the marks
    stay few however many briefs there are (the grid coarsens until at most ``MAX_MARKS``)."""
    cell = 1.0
    while True:
        groups: dict[tuple, list[BriefView]] = {}
        for brief in briefs:
            m = brief.metrics
            key = (round(_x(m.completeness) / cell), round(_y(m.pain) / cell), _shape(brief))
            groups.setdefault(key, []).append(brief)
        if len(groups) <= MAX_MARKS:
            return list(groups.values())
        cell *= 2


def _centres(groups: list[list[BriefView]]) -> list[tuple[float, float]]:
    """Each mark's centre: its briefs' spot, moved apart from the marks it would cover (a diamond
    would hide under a circle), ready first on the left (the tooltips give the exact numbers)."""
    order = {"ready": 0, "unproven": 1, "model-gap": 2}
    return separate(
        [(_x(g[0].metrics.completeness), _y(g[0].metrics.pain)) for g in groups],
        [_radius(g) for g in groups],
        [order.get(_shape(g[0]), 3) for g in groups],
        Box(LEFT, TOP, PLOT_RIGHT, PLOT_BOTTOM),
    )


def separate(
    centres: list[tuple[float, float]], radii: list[float], ranks: list[int], frame: Box
) -> list[tuple[float, float]]:
    """Return the centres moved the least it takes for no two marks to overlap: each mark's disc
    (its radius, and 1 more for a diamond's tips) and ``APART`` between discs. A few relaxation
    passes push apart the overlapping pairs, found through a grid of cells (never every pair), and
    keep each centre inside ``frame`` (a pair on the 100% line moves left, not beyond it); marks
    on one spot stand side by side, the lower ``ranks`` (ready) on the left."""
    points = [list(c) for c in centres]
    reach = [r + 1 for r in radii]
    cell = 2 * max(reach, default=1) + APART
    for _ in range(PASSES):
        grid: dict[tuple[int, int], list[int]] = {}
        for index, (x, y) in enumerate(points):
            grid.setdefault((int(x // cell), int(y // cell)), []).append(index)
        moved = False
        for i, (x, y) in enumerate(points):
            column, row = int(x // cell), int(y // cell)
            for dx, dy in itertools.product((-1, 0, 1), repeat=2):
                for j in grid.get((column + dx, row + dy), ()):
                    if j > i and _push(points, i, j, reach[i] + reach[j] + APART, ranks, frame):
                        moved = True
        if not moved:
            break
    return [(x, y) for x, y in points]


def _push(points: list[list[float]], i: int, j: int, want: float, ranks: list[int], frame: Box) -> bool:
    """Move marks ``i`` and ``j`` apart to ``want`` between centres if they are nearer, each half
    the way, and the rest by the other where the frame stops one; return whether they moved."""
    (xi, yi), (xj, yj) = points[i], points[j]
    apart = math.dist((xi, yi), (xj, yj))
    if apart >= want:
        return False
    first = 1.0 if (ranks[i], i) < (ranks[j], j) else -1.0
    if apart < 1e-6:  # on one spot: side by side, the lower rank on the left
        ux, uy = first, 0.0
    else:  # along a side of the frame, a slant lets a row of marks too long for it bend inward
        dx = first if abs(xj - xi) < 1 and xi in (frame.left, frame.right) else xj - xi
        dy = first if abs(yj - yi) < 1 and yi in (frame.top, frame.bottom) else yj - yi
        ux, uy = dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)
    half = (want - apart) / 2 + OVERSHOOT
    _move(points[i], -ux * half, -uy * half, frame)
    _move(points[j], ux * half, uy * half, frame)
    for mover, sign in ((i, -1), (j, 1)):  # where the frame held one back, the other goes further
        short = want + OVERSHOOT - math.dist(points[i], points[j])
        if short > 0:
            _move(points[mover], sign * ux * short, sign * uy * short, frame)
    return True


def _move(point: list[float], dx: float, dy: float, frame: Box) -> None:
    point[0] = min(max(point[0] + dx, frame.left), frame.right)
    point[1] = min(max(point[1] + dy, frame.top), frame.bottom)


def render_chart(briefs: list[BriefView], partial_below: float) -> Markup:
    """Return an SVG plotting each ranked brief by completeness (x) and pain (y), ready ones as
    circles and model-gap ones as diamonds, with the quadrants named; briefs on one spot share a
    larger mark that counts them, and each mark is labelled where its label covers nothing else."""
    groups = spots(briefs)
    centres = _centres(groups)
    shared = sum(1 for g in groups if len(g) > 1)
    drawn = (
        f"All {len(briefs):,} ranked briefs"
        if not shared
        else f"All {len(briefs):,} ranked briefs, as {len(groups):,} marks: a larger mark stands for the "
        "briefs on one spot, its label or tooltip counts them, and marks of two kinds on one spot "
        "stand side by side"
    )
    x_split, y_split = _x(partial_below), _y(50)
    corner = [b for b in briefs if b.metrics.completeness >= partial_below and b.metrics.pain >= 50]
    names = _quadrant_names(sum(1 for b in corner if b.metrics.tier == "ready"))
    marks = [(x, y, _radius(g), _label_text(g)) for g, (x, y) in zip(groups, centres)]
    labels = place_labels(marks, names, Box(LEFT, 0, WIDTH, PLOT_BOTTOM))
    parts = [
        f'<svg class="quadrant" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Pain against completeness</title>',
        f'<desc id="chart-desc">{drawn}, plotted by how much of the workflow is covered '
        "(across) and how much the problem hurts (up). Circles are ready today; diamonds wait on a better "
        "model.</desc>",
        *_quadrants(x_split, y_split),
        *_axes(),
    ]
    # The best ranked drawn last, on top; the quadrants' names over every mark, readable.
    parts.extend(_point(*mark) for mark in reversed(list(zip(groups, centres, labels))))
    parts.extend(_name(words) for words in names)
    parts.append("</svg>")
    return Markup("".join(parts))


def _quadrant_names(ready_in_corner: int) -> list[Words]:
    """The quadrants' names, two short lines each so that a phone's larger words fit beside each
    other; the shaded corner says how many of its briefs are ready (only those can be solved now)."""
    ready = f"{ready_in_corner:,} ready here" if ready_in_corner else "none ready yet"
    return [
        Words(PLOT_RIGHT - 8, TOP + 18, "end", ("Solve completely now:", ready)),
        Words(LEFT + 8, TOP + 18, "start", ("Big pain,", "partial answer")),
        Words(PLOT_RIGHT - 8, PLOT_BOTTOM - 10, "end", ("Complete,", "small pain"), lift=1),
        Words(LEFT + 8, PLOT_BOTTOM - 10, "start", ("Partial answer,", "small pain"), lift=1),
    ]


def _quadrants(x_split: float, y_split: float) -> list[str]:
    """The frame, the best quadrant shaded and the lines between the quadrants."""
    return [
        f'<rect class="quadrant-best" x="{x_split:.1f}" y="{TOP}" width="{PLOT_RIGHT - x_split:.1f}" '
        f'height="{y_split - TOP:.1f}"/>',
        f'<rect class="quadrant-frame" x="{LEFT}" y="{TOP}" width="{PLOT_RIGHT - LEFT}" '
        f'height="{PLOT_BOTTOM - TOP}"/>',
        f'<line class="quadrant-split" x1="{x_split:.1f}" y1="{TOP}" x2="{x_split:.1f}" y2="{PLOT_BOTTOM}"/>',
        f'<line class="quadrant-split" x1="{LEFT}" y1="{y_split:.1f}" x2="{PLOT_RIGHT}" y2="{y_split:.1f}"/>',
    ]


def _name(words: Words) -> str:
    """A quadrant's name as one text of a line per tspan, ``LINE`` ems apart."""
    lines = "".join(
        f'<tspan x="{words.x:.1f}" dy="{(-words.lift if i == 0 else 1) * LINE:g}em">{escape(line)}</tspan>'
        for i, line in enumerate(words.lines)
    )
    return (
        f'<text class="quadrant-label" x="{words.x:.1f}" y="{words.y:.1f}" '
        f'text-anchor="{words.anchor}">{lines}</text>'
    )


def _axes() -> list[str]:
    """The ticks and the names of both axes."""
    middle_x, middle_y = (LEFT + PLOT_RIGHT) / 2, (TOP + PLOT_BOTTOM) / 2
    return [
        *(
            f'<text class="axis-tick" x="{_x(value):.1f}" y="{PLOT_BOTTOM + 16}" '
            f'text-anchor="middle">{value:.0%}</text>'
            for value in (0, 0.25, 0.5, 0.75, 1)
        ),
        *(
            f'<text class="axis-tick" x="{LEFT - 8}" y="{_y(value) + 4:.1f}" text-anchor="end">{value}</text>'
            for value in (25, 50, 75, 100)  # no 0: the corner is the 0% of completeness, and they collided
        ),
        f'<text class="axis-label" x="{middle_x:.1f}" y="{HEIGHT - 8}" '
        'text-anchor="middle">Completeness</text>',
        # At 20: a phone's larger "Pain" stays inside the picture and clear of the "50" beside it.
        f'<text class="axis-label" x="20" y="{middle_y:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 20 {middle_y:.1f})">Pain</text>',
    ]


def _radius(group: list[BriefView]) -> float:
    """A mark's radius: a brief's 7, larger by the number of briefs sharing the spot (up to 12)."""
    return 7.0 if len(group) == 1 else min(12.0, 7.5 + math.log2(len(group)))


def _label_text(group: list[BriefView]) -> str:
    """A mark's label: the brief's rank and movement, or ×N for a shared spot."""
    if len(group) > 1:
        return f"×{len(group):,}"
    move = group[0].movement
    short = "" if move is None else {"crossed": "↑", "fell": "↓"}.get(move.kind, move.label)
    return f"{group[0].rank}{short}"


def _point(group: list[BriefView], centre: tuple[float, float], label: Placed | None) -> str:
    """One spot's mark: a brief's, with its rank (and its movement since the base), or several
    briefs' with their count; the label where ``label`` puts it (none where it would cover another,
    the tooltip then says it), and the tooltip naming them."""
    brief = group[0]
    m = brief.metrics
    (x, y), r = centre, _radius(group)
    shape = _shape(brief)
    if len(group) == 1:
        tip = f"#{brief.rank} {brief.title}: pain {m.pain:g}, completeness {m.completeness:.0%}"
        tip += f", score {m.score:g}"
    else:
        ranks = ", ".join(f"#{b.rank}" for b in group[:LISTED])
        more = f" and {len(group) - LISTED:,} more" if len(group) > LISTED else ""
        tip = f"{len(group):,} briefs at pain {m.pain:g}, completeness {m.completeness:.0%}: {ranks}{more}"
    if shape == "unproven":  # a ring: ready on the estimate, not yet proven
        mark = f'<circle class="point point-unproven" cx="{x:.1f}" cy="{y:.1f}" r="{r - 1:g}"/>'
        tip += ", not yet proven"
    elif shape == "ready":
        mark = f'<circle class="point point-ready" cx="{x:.1f}" cy="{y:.1f}" r="{r:g}"/>'
    else:
        d = r + 1
        path = f"M{x:.1f} {y - d:.1f}l{d:g} {d:g}l-{d:g} {d:g}l-{d:g} -{d:g}z"
        mark = f'<path class="point point-gap" d="{path}"/>'
    move = brief.movement if len(group) == 1 else None
    moved = ""
    if move is not None:
        tip += f", {move.description}"
        short = {"crossed": "↑", "fell": "↓"}.get(move.kind, move.label)
        moved = f'<tspan class="point-move move-{move.kind}">{escape(short)}</tspan>'
    text = str(brief.rank) if len(group) == 1 else f"×{len(group):,}"
    if label is None:
        return f"<g>{mark}<title>{escape(tip)}</title></g>"
    kind = "point-label" if label.everywhere else "point-label point-label-wide"
    anchor = "" if label.anchor == "start" else f' text-anchor="{label.anchor}"'
    return (
        f'<g>{mark}<text class="{kind}" x="{label.x:.1f}" y="{label.y:.1f}"{anchor}>{text}{moved}</text>'
        f"<title>{escape(tip)}</title></g>"
    )
