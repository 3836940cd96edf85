"""The pain × completeness quadrant chart, drawn as inline SVG at build time."""

from __future__ import annotations

from markupsafe import Markup, escape

from playbook.site.views.api import BriefView

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 56, 32, 16, 48  # room on the right for labels of complete briefs
MAX_POINTS = 300  # beyond this a chart is a blot; the table has the rest


def _x(completeness: float) -> float:
    return LEFT + completeness * (WIDTH - LEFT - RIGHT)


def _y(pain: float) -> float:
    return TOP + (1 - pain / 100) * (HEIGHT - TOP - BOTTOM)


def render_chart(briefs: list[BriefView], partial_below: float) -> Markup:
    """Return an SVG plotting each ranked brief by completeness (x) and pain (y), ready ones as
    circles and model-gap ones as diamonds, with the quadrants named."""
    shown = briefs[:MAX_POINTS]
    parts = [
        f'<svg class="quadrant" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Pain against completeness</title>',
        f'<desc id="chart-desc">{len(shown)} ranked briefs plotted by how much of the workflow is covered (across) '
        "and how much the problem hurts (up). Circles are ready today; diamonds wait on a better model.</desc>",
    ]
    x_split, y_split = _x(partial_below), _y(50)
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    parts.append(
        f'<rect class="quadrant-best" x="{x_split:.1f}" y="{TOP}" width="{plot_right - x_split:.1f}" height="{y_split - TOP:.1f}"/>'
    )
    parts.append(
        f'<rect class="quadrant-frame" x="{LEFT}" y="{TOP}" width="{plot_right - LEFT}" height="{plot_bottom - TOP}"/>'
    )
    parts.append(
        f'<line class="quadrant-split" x1="{x_split:.1f}" y1="{TOP}" x2="{x_split:.1f}" y2="{plot_bottom}"/>'
    )
    parts.append(
        f'<line class="quadrant-split" x1="{LEFT}" y1="{y_split:.1f}" x2="{plot_right}" y2="{y_split:.1f}"/>'
    )
    labels = (
        (plot_right - 8, TOP + 18, "end", "Solve completely now"),
        (LEFT + 8, TOP + 18, "start", "Big pain, partial answer"),
        (plot_right - 8, plot_bottom - 10, "end", "Complete, small pain"),
        (LEFT + 8, plot_bottom - 10, "start", "Partial answer, small pain"),
    )
    for x, y, anchor, text in labels:
        parts.append(
            f'<text class="quadrant-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{text}</text>'
        )
    for value in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<text class="axis-tick" x="{_x(value):.1f}" y="{plot_bottom + 16}" text-anchor="middle">{value:.0%}</text>'
        )
    for value in (0, 25, 50, 75, 100):
        parts.append(
            f'<text class="axis-tick" x="{LEFT - 8}" y="{_y(value) + 4:.1f}" text-anchor="end">{value}</text>'
        )
    parts.append(
        f'<text class="axis-label" x="{(LEFT + plot_right) / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">Completeness</text>'
    )
    parts.append(
        f'<text class="axis-label" x="14" y="{(TOP + plot_bottom) / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + plot_bottom) / 2:.1f})">Pain</text>'
    )
    for brief in reversed(shown):  # the best ranked drawn last, on top
        m = brief.metrics
        x, y = _x(m.completeness), _y(m.pain)
        tip = escape(
            f"#{brief.rank} {brief.title}: pain {m.pain:g}, completeness {m.completeness:.0%}, score {m.score:g}"
        )
        if m.tier == "ready" and m.verdict == "unproven":  # a ring: ready on the estimate, not yet proven
            mark = f'<circle class="point point-unproven" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
            tip += escape(", not yet proven")
        elif m.tier == "ready":
            mark = f'<circle class="point point-ready" cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
        else:
            mark = f'<path class="point point-gap" d="M{x:.1f} {y - 8:.1f}l8 8l-8 8l-8 -8z"/>'
        move = brief.movement
        if move is not None:
            tip += escape(f", {move.description}")
        short = {"crossed": "↑", "fell": "↓"}.get(move.kind, move.label) if move is not None else ""
        moved = (
            f'<tspan class="point-move move-{move.kind}" dx="2">{escape(short)}</tspan>'
            if move is not None
            else ""
        )
        label = (
            f'<text class="point-label" x="{x + 10:.1f}" y="{y - 8:.1f}">{brief.rank}{moved}</text>'
            if x < plot_right - 40 or not moved
            else f'<text class="point-label" x="{x - 10:.1f}" y="{y - 8:.1f}" text-anchor="end">{brief.rank}{moved}</text>'
        )
        parts.append(f"<g>{mark}{label}<title>{tip}</title></g>")
    parts.append("</svg>")
    return Markup("".join(parts))
