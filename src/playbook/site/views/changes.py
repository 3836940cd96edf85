"""What the site shows of the history (``history: {since: ...}`` or ``build --since``): the
Changes page, each ranked brief's movement marker, and each brief's accuracy over time as a small
inline SVG. Every date comes from a commit, never from the clock, so a build is reproducible."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from playbook.analysis.slices import VERDICT_WORDS
from playbook.analysis.timeline import HEADINGS, KINDS, Change, History, State, Track
from playbook.site.views.api import ChangeGroupView, ChangesView, ChangeView, MovementView, TimelineView

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 560, 150, 38, 12, 10, 26


def movements(history: History) -> dict[str, MovementView]:
    """Return each brief's movement since the base, by its file."""
    found: dict[str, MovementView] = {}
    for change in history.changes:
        view = _movement(change)
        if view is not None and change.key not in found:
            found[change.key] = view
    return found


def _movement(change: Change) -> MovementView | None:
    before, after = change.before, change.after
    if change.kind == "new" and after is not None and after.rank is not None:
        return MovementView("new", "new", "new since the last review")
    if change.kind == "crossed-ready":
        return MovementView("crossed", "crossed", f"crossed into ready, from #{before.rank} to #{after.rank}")
    if change.kind == "fell-gap":
        return MovementView("fell", "fell", f"fell into the model gap, from #{before.rank} to #{after.rank}")
    if change.kind in ("up", "down"):
        steps = abs(before.rank - after.rank)
        arrow = "▲" if change.kind == "up" else "▼"
        return MovementView(
            change.kind,
            f"{arrow}{steps}",
            f"{'up' if change.kind == 'up' else 'down'} {steps} from #{before.rank}",
        )
    return None


def changes_view(history: History, visible: dict[str, str]) -> ChangesView:
    """Return the Changes page's view; ``visible`` maps a brief's file to its page on the site."""
    groups = []
    for kind in KINDS:
        items = tuple(
            ChangeView(
                change.state.title,
                visible.get(change.key, ""),
                _where(change.before, kind),
                _where(change.after, kind),
                change.renamed_from,
            )
            for change in history.group(kind)
        )
        if items:
            groups.append(ChangeGroupView(kind, HEADINGS[kind], items))
    head = history.head
    return ChangesView(
        history.base_label,
        f"{head.day} ({head.sha[:7]})" if head else "",
        tuple(groups),
        tuple(history.notes),
        tuple(f"{c.sha[:7]} of {c.day} ({c.subject}): {why}" for c, why in history.skipped),
    )


def _where(state: State | None, kind: str) -> str:
    if state is None:
        return ""
    if kind == "status":
        return state.status
    if state.rank is None:
        return f"{state.status}, not ranked"
    tier = "ready" if state.tier == "ready" else "model gap"
    return f"#{state.rank} · {tier} · model {state.accuracy:.2f}, needs {state.required:.2f}"


def timeline_view(track: Track | None) -> TimelineView | None:
    """Return a brief's accuracy over time, or None with fewer than two commits to draw."""
    if track is None or len(track.points) < 2:
        return None
    crossings = track.crossings()
    crossed = ""
    if crossings:
        commit, tier = crossings[-1]
        crossed = f"{'crossed into ready' if tier == 'ready' else 'fell into the model gap'} on {commit.day}"
    status = tuple(f"{commit.day}: {old} → {new}" for commit, old, new in reversed(track.status_changes()))[
        :5
    ]
    return TimelineView(
        _chart(track, crossings[-1][0] if crossings else None),
        crossed,
        status,
        len(track.points),
        _slices(track),
    )


def _slices(track: Track) -> tuple[str, ...]:
    """Each slice the brief has now, from the first commit it was measured at to now."""
    first: dict[str, tuple[str, float, str]] = {}
    for commit, state in track.points:
        for name, accuracy, verdict in state.slices:
            first.setdefault(name, (commit.day, accuracy, verdict))
    end, last = track.points[-1]
    return tuple(
        f"{name!r}: {first[name][1]:.2f}, {VERDICT_WORDS[first[name][2]]} ({first[name][0]}) → "
        f"{accuracy:.2f}, {VERDICT_WORDS[verdict]} ({end.day})"
        for name, accuracy, verdict in last.slices
    )


def _chart(track: Track, crossed) -> Markup:
    points = track.points
    first, last = points[0][0].time, points[-1][0].time
    span = max(last - first, 1)
    values = [v for _, s in points for v in (s.accuracy, s.required)]
    # The band the numbers move in, to the nearest 0.05 around them: a move of 0.02 shows.
    low = max(0.0, math.floor((min(values) - 0.02) * 20) / 20)
    high = min(1.0, math.ceil((max(values) + 0.02) * 20) / 20)

    def x(time: int) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (time - first) / span

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (max(min(value, high), low) - low) / (high - low))

    xs = [x(commit.time) for commit, _ in points]
    accuracy = " ".join(
        f"{'M' if i == 0 else 'L'}{xs[i]:.1f} {y(state.accuracy):.1f}" for i, (_, state) in enumerate(points)
    )
    # The need holds until a commit changes it: a step line.
    need = f"M{xs[0]:.1f} {y(points[0][1].required):.1f} " + " ".join(
        f"H{xs[i]:.1f} V{y(state.required):.1f}" for i, (_, state) in enumerate(points) if i
    )
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(_summary(track))}">'
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<line class="timeline-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/>'
            f'<text class="timeline-tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{tick:.2f}</text>'
        )
    parts.append(f'<path class="timeline-need" d="{need}"/><path class="timeline-model" d="{accuracy}"/>')
    for commit, state in points:
        parts.append(
            f'<circle class="timeline-point tier-{state.tier}" cx="{x(commit.time):.1f}" '
            f'cy="{y(state.accuracy):.1f}" r="3.5">'
            f"<title>{commit.day}: model {state.accuracy:.2f}, needs {state.required:.2f}</title></circle>"
        )
    if crossed is not None:
        at = x(crossed.time)
        anchor = "start" if at < WIDTH * 0.7 else "end"
        # The line rose (or fell) through the need at the crossing: the label takes the other half.
        rose = next(state.tier == "ready" for commit, state in points if commit == crossed)
        label_y = HEIGHT - BOTTOM - 6 if rose else TOP + 10
        parts.append(
            f'<line class="timeline-crossed" x1="{at:.1f}" x2="{at:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
            f'<text class="timeline-crossed-label" x="{at + (6 if anchor == "start" else -6):.1f}" '
            f'y="{label_y}" text-anchor="{anchor}">{crossed.day}</text>'
        )
    parts.append(
        f'<text class="timeline-date" x="{LEFT}" y="{HEIGHT - 6}">{points[0][0].day}</text>'
        f'<text class="timeline-date" x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" '
        f'text-anchor="end">{points[-1][0].day}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _summary(track: Track) -> str:
    (start, first), (end, last) = track.points[0], track.points[-1]
    return (
        f"Model accuracy from {first.accuracy:.2f} on {start.day} to {last.accuracy:.2f} on {end.day}, "
        f"against a need of {first.required:.2f} then {last.required:.2f}"
    )
