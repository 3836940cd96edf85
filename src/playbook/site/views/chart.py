"""The pain × completeness quadrant chart, drawn as inline SVG at build time."""

from __future__ import annotations

from markupsafe import Markup, escape

from playbook.site.views.api import BriefView

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 56, 32, 16, 48  # room on the right for labels of complete briefs
MAX_MARKS = (
    150  # marks drawn at most (a chart of more is a blot): briefs on one spot share a mark with their count
)
PLOT_RIGHT, PLOT_BOTTOM = WIDTH - RIGHT, HEIGHT - BOTTOM
LISTED = 8  # ranks a shared mark's tooltip names before "and N more"


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


def render_chart(briefs: list[BriefView], partial_below: float) -> Markup:
    """Return an SVG plotting each ranked brief by completeness (x) and pain (y), ready ones as
    circles and model-gap ones as diamonds, with the quadrants named; briefs on one spot share a
    mark that counts them."""
    groups = spots(briefs)
    shared = sum(1 for g in groups if len(g) > 1)
    drawn = (
        f"All {len(briefs):,} ranked briefs"
        if not shared
        else f"All {len(briefs):,} ranked briefs, as {len(groups):,} marks: a mark labelled ×N stands for N"
    )
    parts = [
        f'<svg class="quadrant" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Pain against completeness</title>',
        f'<desc id="chart-desc">{drawn}, plotted by how much of the workflow is covered '
        "(across) and how much the problem hurts (up). Circles are ready today; diamonds wait on a better "
        "model.</desc>",
        *_quadrants(_x(partial_below), _y(50)),
        *_axes(),
    ]
    parts.extend(_point(group) for group in reversed(groups))  # the best ranked drawn last, on top
    parts.append("</svg>")
    return Markup("".join(parts))


def _quadrants(x_split: float, y_split: float) -> list[str]:
    """The frame, the best quadrant shaded, the lines between the quadrants and their names."""
    labels = (
        (PLOT_RIGHT - 8, TOP + 18, "end", "Solve completely now, if ready"),
        (LEFT + 8, TOP + 18, "start", "Big pain, partial answer"),
        (PLOT_RIGHT - 8, PLOT_BOTTOM - 10, "end", "Complete, small pain"),
        (LEFT + 8, PLOT_BOTTOM - 10, "start", "Partial answer, small pain"),
    )
    return [
        f'<rect class="quadrant-best" x="{x_split:.1f}" y="{TOP}" width="{PLOT_RIGHT - x_split:.1f}" '
        f'height="{y_split - TOP:.1f}"/>',
        f'<rect class="quadrant-frame" x="{LEFT}" y="{TOP}" width="{PLOT_RIGHT - LEFT}" '
        f'height="{PLOT_BOTTOM - TOP}"/>',
        f'<line class="quadrant-split" x1="{x_split:.1f}" y1="{TOP}" x2="{x_split:.1f}" y2="{PLOT_BOTTOM}"/>',
        f'<line class="quadrant-split" x1="{LEFT}" y1="{y_split:.1f}" x2="{PLOT_RIGHT}" y2="{y_split:.1f}"/>',
        *(
            f'<text class="quadrant-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{text}</text>'
            for x, y, anchor, text in labels
        ),
    ]


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
        f'<text class="axis-label" x="14" y="{middle_y:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {middle_y:.1f})">Pain</text>',
    ]


def _point(group: list[BriefView]) -> str:
    """One spot's mark: a brief's, with its rank (and its movement since the base), or several
    briefs' with their count; and the tooltip naming them."""
    brief = group[0]
    m = brief.metrics
    x, y = _x(m.completeness), _y(m.pain)
    shape = _shape(brief)
    if len(group) == 1:
        tip = f"#{brief.rank} {brief.title}: pain {m.pain:g}, completeness {m.completeness:.0%}"
        tip += f", score {m.score:g}"
    else:
        ranks = ", ".join(f"#{b.rank}" for b in group[:LISTED])
        more = f" and {len(group) - LISTED:,} more" if len(group) > LISTED else ""
        tip = f"{len(group):,} briefs at pain {m.pain:g}, completeness {m.completeness:.0%}: {ranks}{more}"
    if shape == "unproven":  # a ring: ready on the estimate, not yet proven
        mark = f'<circle class="point point-unproven" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
        tip += ", not yet proven"
    elif shape == "ready":
        mark = f'<circle class="point point-ready" cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
    else:
        mark = f'<path class="point point-gap" d="M{x:.1f} {y - 8:.1f}l8 8l-8 8l-8 -8z"/>'
    move = brief.movement if len(group) == 1 else None
    moved = ""
    if move is not None:
        tip += f", {move.description}"
        short = {"crossed": "↑", "fell": "↓"}.get(move.kind, move.label)
        moved = f'<tspan class="point-move move-{move.kind}" dx="2">{escape(short)}</tspan>'
    text = str(brief.rank) if len(group) == 1 else f"×{len(group):,}"
    if x < PLOT_RIGHT - 40 or (not moved and len(group) == 1):
        label = f'<text class="point-label" x="{x + 10:.1f}" y="{y - 8:.1f}">{text}{moved}</text>'
    else:
        label = (
            f'<text class="point-label" x="{x - 10:.1f}" y="{y - 8:.1f}" '
            f'text-anchor="end">{text}{moved}</text>'
        )
    return f"<g>{mark}{label}<title>{escape(tip)}</title></g>"
