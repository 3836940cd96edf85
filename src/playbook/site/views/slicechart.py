"""The part of the workflow that is ready today, on the brief's page: each slice of its evaluation
(``model.eval_slice``) as a row of an inline SVG, its accuracy and interval against the line of
what the workflow needs, drawn at build time. The chart is narrow, so that its words stay
readable when a phone scales it down; the table beside it says the same to a screen reader and
in print."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from playbook.analysis.metrics import Metrics
from playbook.analysis.slices import PROVEN
from playbook.site.views.api import SlicesView, SliceView

WIDTH, ROW, TOP, BOTTOM = 360, 30, 8, 30
LABEL = 112  # the slices' names, on the left; the plot takes the rest
PLOT_LEFT, PLOT_RIGHT = LABEL + 8, WIDTH - 22  # room for the last tick's "1.00"
NAME_CHARACTERS = 16  # a longer name is cut in the chart; the table has it whole


def slices_view(field: str, m: Metrics, min_cases: int) -> SlicesView | None:
    """Return the view of a brief's slices (``m.slices``, grouped by ``field``) judged against
    its required accuracy (a slice of fewer than ``min_cases`` is too small to judge), or None
    without slices."""
    slices, required = m.slices, m.required_accuracy
    if not slices:
        return None
    rows = tuple(
        SliceView(one.slice, one.cases, one.accuracy, one.lower, one.upper, one.verdict, one.verdict_words)
        for one in slices
    )
    ready = [row.name for row in rows if row.verdict == PROVEN]
    named = ", ".join(ready[:-1]) + " and " + ready[-1] if len(ready) > 1 else "".join(ready)
    return SlicesView(field, _chart(field, rows, required), rows, named, min_cases)


def _chart(field: str, rows: tuple[SliceView, ...], required: float) -> Markup:
    # The band the numbers move in, to the nearest 0.1 below them: the need and every interval show.
    low = max(0.0, min(math.floor(min(min(r.lower for r in rows), required) * 10 - 0.5) / 10, 0.5))
    height = TOP + ROW * len(rows) + BOTTOM

    def x(value: float) -> float:
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (max(value, low) - low) / (1 - low)

    verdicts = {row.verdict_words: sum(r.verdict == row.verdict for r in rows) for row in rows}
    summary = (
        f"The accuracy of each {field} against the {required:.2f} the workflow needs: "
        + ", ".join(f"{count} {words}" for words, count in verdicts.items())
        + "; the table gives the numbers"
    )
    parts = [
        f'<svg class="slice-chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(summary)}">'
    ]
    for tick in (low, (low + 1) / 2, 1.0):
        parts.append(
            f'<line class="slice-grid" x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{TOP}" '
            f'y2="{height - BOTTOM}"/><text class="slice-tick" x="{x(tick):.1f}" y="{height - BOTTOM + 14}" '
            f'text-anchor="middle">{tick:.2f}</text>'
        )
    for index, row in enumerate(rows):
        middle = TOP + ROW * index + ROW / 2
        name = row.name if len(row.name) <= NAME_CHARACTERS else row.name[: NAME_CHARACTERS - 1] + "…"
        parts.append(
            f'<g class="slice-row slice-{row.verdict}">'
            f"<title>{escape(row.name)}: {row.accuracy:.2f} on {row.cases:,} cases "
            f"({row.lower:.2f}–{row.upper:.2f}), {row.verdict_words}</title>"
            f'<text class="slice-name" x="{LABEL}" y="{middle + 4:.1f}" '
            f'text-anchor="end">{escape(name)}</text>'
            f'<line class="slice-interval" x1="{x(row.lower):.1f}" '
            f'x2="{max(x(row.upper), x(row.lower) + 1):.1f}" y1="{middle:.1f}" y2="{middle:.1f}"/>'
            f"{_mark(row.verdict, x(row.accuracy), middle)}</g>"
        )
    need = x(required)
    parts.append(
        f'<line class="slice-need" x1="{need:.1f}" x2="{need:.1f}" y1="{TOP - 4}" '
        f'y2="{height - BOTTOM + 2}"/>'
        f'<text class="slice-need-label" x="{need:.1f}" y="{height - 4}" text-anchor="middle">'
        f"needs {required:.2f}</text></svg>"
    )
    return Markup("".join(parts))


def _mark(verdict: str, x: float, y: float) -> str:
    """A slice's mark, told apart by its shape as well as its colour (in print, say): a dot
    proven ready, a ring ready but unproven, a diamond in the gap, a small ring too small."""
    if verdict == "gap":
        return f'<path class="slice-mark" d="M{x:.1f} {y - 6:.1f}l6 6l-6 6l-6 -6z"/>'
    return (
        f'<circle class="slice-mark" cx="{x:.1f}" cy="{y:.1f}" r="{4 if verdict == "too-small" else 5.5}"/>'
    )
