"""The playbook's history as values: each brief's state at a moment, its track through the
commits (followed across renames), and the changes from a base to now, in the groups a review
reads them in. ``history`` fills them from git; the command line and the site show them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct, field

if TYPE_CHECKING:  # the git layer (subprocess) is imported only by a build that reads history
    from playbook.load.gitstore import Commit

# The kinds of change, in the order a review reads them, each with the heading it is shown under.
HEADINGS = {
    "crossed-ready": "Crossed into ready",
    "fell-gap": "Fell into the model gap",
    "up": "Moved up",
    "down": "Moved down",
    "new": "New",
    "removed": "Removed",
    "status": "Status changes",
}
KINDS = tuple(HEADINGS)


class State(Struct, frozen=True):
    """One brief at one moment: where it ranked and why."""

    slug: str
    title: str
    status: str
    rank: int | None
    tier: str
    required: float
    accuracy: float
    fit: float
    samples: int | None = None
    slices: tuple[tuple[str, float, str], ...] = ()  # (slice, accuracy, verdict) by model.eval_slice

    def to_json(self) -> dict:
        return {
            "slug": self.slug,
            "title": self.title,
            "status": self.status,
            "rank": self.rank,
            "tier": self.tier,
            "required_accuracy": self.required,
            "model_accuracy": self.accuracy,
            "fit": self.fit,
            "samples": self.samples,
            **(
                {"slices": [{"slice": n, "accuracy": a, "verdict": v} for n, a, v in self.slices]}
                if self.slices
                else {}
            ),
        }


class Change(Struct, frozen=True):
    """One change to one brief between the two snapshots."""

    kind: str  # one of KINDS
    key: str  # the brief's file now (or last)
    before: State | None
    after: State | None
    renamed_from: str = ""

    @property
    def state(self) -> State:
        return self.after or self.before  # type: ignore[return-value]


class Track(Struct):
    """One brief through the history, followed across renames."""

    key: str  # its file now, or when it was last seen
    points: list[tuple[Commit, State]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file it was, oldest first

    def crossings(self) -> list[tuple[Commit, str]]:
        """Return when the brief changed tier, and to which."""
        found = []
        for (_, before), (commit, after) in zip(self.points, self.points[1:]):
            if after.tier != before.tier:
                found.append((commit, after.tier))
        return found

    def status_changes(self) -> list[tuple[Commit, str, str]]:
        return [
            (commit, before.status, after.status)
            for (_, before), (commit, after) in zip(self.points, self.points[1:])
            if after.status != before.status
        ]


class History(Struct):
    """The project between two snapshots: what changed, and each brief's track over time."""

    base: Commit | None  # the snapshot compared with; None when nothing could be
    base_label: str
    head: Commit | None
    changes: list[Change] = field(default_factory=list)
    tracks: dict[str, Track] = field(default_factory=dict)
    skipped: list[tuple[Commit, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    before: dict[str, State] = field(default_factory=dict)  # each brief at the base, by its file now

    def group(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


def compare(before: dict[str, State], after: dict[str, State], tracks: dict[str, Track]) -> list[Change]:
    """Return the changes from ``before`` to ``after`` (both by the brief's file now), in the
    order of KINDS and, within a kind, by where the brief ranks now."""
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        track = tracks.get(key)
        renamed = track.paths[0] if track is not None and len(track.paths) > 1 else ""
        if old is None:
            changes.append(Change("new", key, None, new))
            continue
        if new is None:
            changes.append(Change("removed", key, old, None))
            continue
        if old.tier != new.tier and old.rank is not None and new.rank is not None:
            changes.append(
                Change("crossed-ready" if new.tier == "ready" else "fell-gap", key, old, new, renamed)
            )
        elif old.rank is not None and new.rank is not None and old.rank != new.rank:
            changes.append(Change("up" if new.rank < old.rank else "down", key, old, new, renamed))
        if old.status != new.status:
            changes.append(Change("status", key, old, new, renamed))
    order = {kind: index for index, kind in enumerate(KINDS)}
    changes.sort(
        key=lambda c: (
            order[c.kind],
            c.state.rank if c.state.rank is not None else 10**9,
            c.state.title.casefold(),
            c.key,
        )
    )
    return changes
