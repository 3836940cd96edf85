"""``playbook diff``: what changed since the last review, in the terminal and as JSON."""

from __future__ import annotations

from playbook.analysis.timeline import HEADINGS, KINDS, Change, History, State
from playbook.cli.report import Style, printable

COLOURS = {
    "crossed-ready": "1;32",
    "fell-gap": "1;33",
    "up": "1",
    "down": "1",
    "new": "1;36",
    "removed": "1",
    "status": "1",
}


def format_changes(history: History, style: Style) -> str:
    """Return the changes as a screenful: a heading per group, one line per brief, before → after."""
    head = history.head
    until = f"now ({head.day}, {head.sha[:7]})" if head is not None else "now"
    lines = [
        style(f"Changes since {history.base_label} to {until}", "1")
        if history.base_label
        else style("Changes", "1")
    ]
    for kind in KINDS:
        group = history.group(kind)
        if group:
            lines += ["", style(f"{HEADINGS[kind]} ({len(group)})", COLOURS[kind])]
            lines += [f"  {_line(change)}" for change in group]
    if not history.changes and history.base is not None:
        lines += ["", "Nothing moved: every brief ranks, stands and reads as it did."]
    for commit, why in history.skipped:
        lines.append(
            style(f"skipped {commit.sha[:7]} ({commit.day}, {printable(commit.subject)}): {why}", "2")
        )
    lines += [style(f"note: {note}", "2") for note in history.notes]
    return "\n".join(lines)


def _line(change: Change) -> str:
    state = change.state
    title = printable(state.title)
    renamed = f" (was {change.renamed_from})" if change.renamed_from else ""
    before, after = change.before, change.after
    if change.kind == "new":
        return f"{title}{renamed}: {_where(after)}"
    if change.kind == "removed":
        return f"{title}: was {_where(before)}"
    if change.kind == "status":
        return f"{title}{renamed}: {before.status} → {after.status}"
    needs = (
        f"needs {after.required:.2f}"
        if before.required == after.required
        else f"needs {before.required:.2f} → {after.required:.2f}"
    )
    accuracy = (
        f"; model {before.accuracy:.2f} → {after.accuracy:.2f}, {needs}"
        if (before.accuracy, before.required) != (after.accuracy, after.required)
        else ""
    )
    return f"{title}{renamed}: {_where(before)} → {_where(after)}{accuracy}"


def _where(state: State) -> str:
    if state.rank is None:
        return f"{state.status}, not ranked"
    tier = "ready" if state.tier == "ready" else "model gap"
    return f"#{state.rank} {tier} (fit {state.fit:+.2f})"


def changes_json(history: History) -> dict:
    """Return the ``diff --format json`` document (docs/reference/command-line.md: playbook diff)."""

    def commit(c) -> dict | None:
        return None if c is None else {"commit": c.sha, "date": c.day.isoformat(), "subject": c.subject}

    return {
        "since": {
            "label": history.base_label,
            **(commit(history.base) or {"commit": None, "date": None, "subject": None}),
        },
        "until": commit(history.head),
        "changes": [
            {
                "kind": c.kind,
                "path": c.key,
                "slug": c.state.slug,
                "title": c.state.title,
                "renamed_from": c.renamed_from or None,
                "before": c.before.to_json() if c.before else None,
                "after": c.after.to_json() if c.after else None,
            }
            for c in history.changes
        ],
        "skipped": [{**commit(c), "reason": why} for c, why in history.skipped],
        "notes": list(history.notes),
    }
