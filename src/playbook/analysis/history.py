"""The playbook over time: every brief as it stood at each commit since a base, analysed with the
same code as today, and what changed from the base to now — crossed into ready, fell into the
gap, moved up or down, new, removed, status changes.

Each snapshot is analysed from git's blobs, and every step is cached by blob id: a commit that
edits one brief costs one brief's parse and one ranking, so the cost grows with what changed,
not with commits × briefs. A snapshot whose content has errors is skipped and reported; what the
history cannot tell (no repository, a shallow clone) is said, never guessed."""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath
from typing import Callable

from msgspec.structs import replace

from playbook.analysis.metrics import Metrics, derive_metrics
from playbook.analysis.project import Analysis
from playbook.analysis.ranking import rank_briefs
from playbook.analysis.timeline import History, State, Track, compare
from playbook.diagnostics import Severity
from playbook.layout import BRIEFS, CONFIG_FILE
from playbook.load.config import Config, ConfigError, load_config
from playbook.load.content import drop_duplicate_slugs, load_brief
from playbook.load.evals import eval_file, eval_options, read_evaluation_from
from playbook.load.gitstore import Change, Commit, GitError, NoHistory, RefError, Repository
from playbook.load.model import Brief

DEFAULT_SINCE = "90.days"


class HistoryError(Exception):
    """The history asked for is not there; the message says why and what to do."""


class Snapshots:
    """Analyses of the project's content at commits, each step cached by blob id."""

    def __init__(self, root: Path, repo: Repository):
        self.root, self.repo = root, repo
        self.briefs: dict[tuple[str, str], tuple] = {}  # (path, blob) -> (brief or None, has errors)
        self.configs: dict[str | None, Config | None] = {None: Config()}
        self.evaluations: dict[tuple[str, str], object] = {}
        self.metrics: dict[tuple, Metrics] = {}

    def states(self, files: dict[str, str]) -> tuple[dict[str, State], str]:
        """Return each brief's state (by path) in the snapshot ``files`` ({path: blob}), or the
        reason the snapshot cannot be analysed."""
        config_blob = files.get(CONFIG_FILE)
        config = self._config(config_blob)
        if config is None:
            return {}, f"{CONFIG_FILE} had errors"
        paths = sorted(path for path in files if _is_brief(path))
        self._load([(path, files[path]) for path in paths if (path, files[path]) not in self.briefs])
        briefs = []
        for path in paths:
            brief, broken = self.briefs[(path, files[path])]
            if broken:
                return {}, f"{path} had errors"
            briefs.append(brief)
        briefs, duplicates = drop_duplicate_slugs(briefs)
        if duplicates:
            return {}, "two briefs had one slug"
        metrics = {}
        for brief in briefs:
            evaluation, why = self._evaluation(brief, files)
            if why:
                return {}, why
            key = (
                brief.path,
                files[brief.path],
                config_blob,
                files.get(eval_file(brief.model.eval)) if brief.model.eval else None,
            )
            if key not in self.metrics:
                self.metrics[key] = derive_metrics(brief, config.ranking, evaluation)
            metrics[brief.slug] = self.metrics[key]
        return states_of(briefs, metrics), ""

    def same_brief(self, old: tuple[str, str], new: tuple[str, str]) -> bool:
        """Whether two file versions (path, blob) are one brief: the same slug (a ``slug:`` kept
        across the move) or the same title. Git's similarity alone is not a brief's identity:
        two briefs written from one template are alike in all but their answers."""
        self._load([key for key in dict.fromkeys((old, new)) if key not in self.briefs])
        before, after = self.briefs[old][0], self.briefs[new][0]
        return (
            before is not None
            and after is not None
            and (before.slug == after.slug or before.title.casefold() == after.title.casefold())
        )

    def _load(self, wanted: list[tuple[str, str]]) -> None:
        contents = self.repo.blobs.read([blob for _, blob in wanted])
        for path, blob in wanted:
            brief, found = load_brief(self.root, path, contents.get(blob, b""))
            self.briefs[(path, blob)] = (
                brief,
                brief is None or any(d.severity == Severity.ERROR for d in found),
            )

    def _config(self, blob: str | None) -> Config | None:
        if blob not in self.configs:
            data = self.repo.blobs.read([blob]).get(blob, b"")
            try:
                self.configs[blob] = load_config(self.root, data.decode("utf-8", "surrogateescape"))
            except ConfigError:
                self.configs[blob] = None
        return self.configs[blob]

    def _evaluation(self, brief: Brief, files: dict[str, str]):
        if not brief.model.eval:
            return None, ""
        path = eval_file(brief.model.eval)
        blob = files.get(path)
        if blob is None:
            return None, f"{path} was missing"
        options = eval_options(brief.model)
        key = (blob, options.key)
        if key not in self.evaluations:
            data = self.repo.blobs.read([blob]).get(blob, b"")
            self.evaluations[key] = read_evaluation_from(io.BytesIO(data), path, options)[0]
        evaluation = self.evaluations[key]
        return (evaluation, "") if evaluation is not None else (None, f"{path} had errors")


def states_of(briefs: list[Brief], metrics: dict[str, Metrics]) -> dict[str, State]:
    """Return each brief's state by its file, ranked as today's ranking ranks them."""
    ranking = rank_briefs(briefs, metrics)
    ranks = {entry.brief.slug: entry.rank for entry in ranking.ranked}
    return {brief.path: _state(brief, metrics[brief.slug], ranks.get(brief.slug)) for brief in briefs}


def _state(brief: Brief, m: Metrics, rank: int | None) -> State:
    return State(
        brief.slug,
        brief.title,
        brief.status,
        rank,
        m.tier,
        m.required_accuracy,
        m.model_accuracy,
        m.fit,
        m.samples,
        tuple((one.slice, one.accuracy, one.verdict) for one in m.slices),
    )


def read_history(
    root: Path, repo: Repository, head: Commit, base: Commit | None, base_label: str, now: Analysis
) -> History:
    """Return what changed from ``base`` to the project as it is now (``now``, its analysis, at
    ``head``), with each brief's track through every commit since."""
    history = History(base, base_label, head)
    snapshots = Snapshots(root, repo)
    commits = ([base] if base is not None else []) + repo.commits_after(base)
    files: dict[str, str] = {}
    identity: dict[str, Track] = {}  # file at the current commit -> its brief's track
    every: list[Track] = []
    before: dict[int, State] | None = None  # by track
    try:
        for index, commit in enumerate(commits):
            if index == 0:
                files = repo.tree(commit)
                identity = {path: Track(path, paths=[path]) for path in files if _is_brief(path)}
                every.extend(identity.values())
            else:
                for change in repo.changes(commits[index - 1], commit):
                    _apply(
                        change, files, identity, every, follow=_follows(change, files, identity, snapshots)
                    )
            states, why = snapshots.states(files)
            if why:
                history.skipped.append((commit, why))
                continue
            for path, state in states.items():
                identity[path].points.append((commit, state))
            if before is None:
                before = {id(identity[path]): state for path, state in states.items()}
                if commit is not commits[0]:
                    history.notes.append(
                        f"the content at {base_label} could not be read: compared with {commit.sha[:7]} "
                        f"of {commit.day}, the first commit after it without errors"
                    )
    finally:
        repo.blobs.close()
    history.tracks = {track.key: track for track in every}
    if before is None:
        history.notes.append("no commit since the base had content without errors: nothing to compare with")
        before = {}
    history.before = {track.key: before[id(track)] for track in every if id(track) in before}
    return compared_with(history, now)


def compared_with(history: History, now: Analysis) -> History:
    """Return ``history`` with its changes from the base to ``now``: the past is read once (from
    git) and compared again with each new analysis of the working tree (``serve``)."""
    after = {
        brief.path: _state(brief, now.metrics[brief.slug], _rank(now, brief.slug)) for brief in now.briefs
    }
    return replace(history, changes=compare(history.before, after, history.tracks))


def _is_brief(path: str) -> bool:
    return str(PurePosixPath(path).parent) == BRIEFS and path.endswith(".md")


def _follows(change: Change, files: dict[str, str], identity: dict[str, Track], snapshots: Snapshots) -> bool:
    """Whether a rename git reports moves one brief: a move of the same bytes, or the same brief by
    its slug or title; any other pair is a brief removed and another one new."""
    if change.old is None or change.new is None or change.old == change.new or change.old not in identity:
        return False
    return change.similarity == 100 or snapshots.same_brief(
        (change.old, files[change.old]), (change.new, change.blob)
    )


def _apply(
    change: Change, files: dict[str, str], identity: dict[str, Track], every: list[Track], follow: bool
) -> None:
    """Update the snapshot's files and the briefs' identities with one changed file; ``follow``
    says a rename is the same brief under a new name."""
    if change.old is not None:
        files.pop(change.old, None)
    if change.new is not None:
        files[change.new] = change.blob
    if change.old is not None and change.old != change.new:
        track = identity.pop(change.old, None)
        if track is not None and follow and _is_brief(change.new):
            track.key = change.new
            track.paths.append(change.new)
            identity[change.new] = track
            return
    if change.new is not None and change.new not in identity and _is_brief(change.new):
        identity[change.new] = track = Track(change.new, paths=[change.new])
        every.append(track)


def _rank(analysis: Analysis, slug: str) -> int | None:
    entry = analysis.ranking.position(slug)
    return entry.rank if entry is not None else None


def project_history(root: Path, now: Analysis, ref: str | None = None, since: str | None = None) -> History:
    """Return the history of the project at ``root`` since ``ref`` (a commit or tag), or since the
    date ``since`` (git's syntax: ``90.days``, ``2026-09-01``), or by default since the last tag
    or 90 days. When there is no history to read (no git, no repository, no commit, a repository
    git cannot read), the history has no head and one note says why; a ref that is not here, or
    that begins with '-', raises HistoryError."""
    return _read(root, now, lambda repo: resolve_base(repo, ref, since))


def history_since(root: Path, now: Analysis, spec: str) -> History:
    """Return the history since ``spec`` as ``playbook.yaml``'s ``history.since`` or ``build
    --since`` give it: ``last-tag``, a tag or a commit, or a date in git's syntax."""
    if spec == "last-tag":
        return project_history(root, now)

    def base(repo: Repository) -> tuple[Commit | None, str, list[str]]:
        is_ref = repo.commit(spec) is not None
        return resolve_base(repo, spec if is_ref else None, None if is_ref else spec)

    return _read(root, now, base)


def _read(
    root: Path, now: Analysis, base_of: Callable[[Repository], tuple[Commit | None, str, list[str]]]
) -> History:
    try:
        repo = Repository.find(root)
        head = repo.head()
        base, label, notes = base_of(repo)
        history = read_history(root, repo, head, base, label, now)
        if repo.uncommitted():
            history.notes.append("now includes changes not committed yet")
    except NoHistory as error:
        return _without_history(str(error))
    except RefError as error:
        raise HistoryError(str(error)) from None
    except GitError as error:  # damage past HEAD: a tree or a file git cannot read
        return _without_history(f"the history could not be read: {error}")
    history.notes[:0] = notes
    return history


def _without_history(why: str) -> History:
    history = History(None, "", None)
    history.notes.append(why)
    return history


def resolve_base(
    repo: Repository, ref: str | None, since: str | None
) -> tuple[Commit | None, str, list[str]]:
    """Return the commit to compare with, how to name it, and what the reader should know."""
    shallow = repo.shallow
    notes = []
    if ref is None and since is None:
        ref = repo.last_tag()
        since = None if ref else DEFAULT_SINCE
        if shallow and ref is None:
            notes.append(
                f"this clone is shallow, so its tags may not be here: compared with {_ago(since)} instead of "
                "the last tag (fetch the history with 'git fetch --unshallow --tags'; in GitHub Actions, "
                "fetch-depth: 0)"
            )
    if ref is not None:
        commit = repo.commit(ref)
        if commit is None:
            if shallow:
                raise HistoryError(
                    f"{ref} is not in this clone, which is shallow: fetch the history with "
                    "'git fetch --unshallow' (in GitHub Actions: actions/checkout with fetch-depth: 0)"
                )
            raise HistoryError(
                f"no commit or tag {ref!r} in the repository; 'git tag' and 'git log' list them"
            )
        return commit, f"{ref} ({commit.day}, {commit.sha[:7]})", notes
    commit = repo.before(since)
    if commit is not None:
        return commit, f"{_ago(since)} ({commit.day}, {commit.sha[:7]})", notes
    oldest = repo.oldest()
    if shallow:
        notes = [
            f"this clone is shallow: its history begins on {oldest.day}, after {_ago(since)}; "
            "what came before is not here "
            "(fetch it with 'git fetch --unshallow'; in GitHub Actions, fetch-depth: 0)"
        ]
    else:
        notes.append(
            f"the history begins on {oldest.day}, after {_ago(since)}: compared with the first commit"
        )
    return oldest, f"the first commit ({oldest.day}, {oldest.sha[:7]})", notes


def _ago(since: str) -> str:
    """Name a point in git's date syntax as a reader says it: ``90.days ago``, ``2026-07-01``."""
    if since[:1].isdigit() and "-" in since or since.endswith("ago"):
        return since
    return f"{since} ago"
