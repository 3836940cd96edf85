"""Loading a project's files and deriving each brief, by the cheapest of three paths: from the
memo in memory (``serve``, the language server), from ``.playbook-cache/`` when a file's bytes are
unchanged, or by parsing — on every core when there are many files, where each worker also
derives the briefs it parsed, so judging prose runs on every core too."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import NamedTuple

from msgspec import Struct, field

from playbook.analysis.criteria import BriefContext, check_brief
from playbook.analysis.metrics import derive_metrics, find_levers
from playbook.analysis.reuse import Derivation, Derived, Reuse
from playbook.load.cache import Loaded, SourceCache
from playbook.load.config import Config
from playbook.load.content import LOADERS, Listing, find_sources
from playbook.load.evals import Evaluation
from playbook.load.model import Brief
from playbook.load.source import read_bytes
from playbook.workers import start_worker, worker_pool

PARALLEL_FROM = 256  # below this many files, starting processes costs more than it saves


class LoadJob(NamedTuple):
    """One file a pool worker parses."""

    kind: str  # "brief" or "page"
    root: Path
    path: str
    data: bytes


class Parsed(NamedTuple):
    """What a pool worker gives back: what loading gave, and the brief derived early (None when
    its evaluation file must be read first, in the parent)."""

    loaded: Loaded
    early: Derived | None


def derive_brief(brief: Brief, config: Config, today: date, evaluation: Evaluation | None = None) -> Derived:
    """Return a brief's metrics, levers and criteria findings under ``config`` on ``today``."""
    brief_metrics = derive_metrics(brief, config.ranking, evaluation)
    brief_levers = find_levers(brief, brief_metrics, config.ranking)
    return Derived(
        brief_metrics,
        brief_levers,
        check_brief(BriefContext(brief, brief_metrics, brief_levers, config.criteria, today)),
    )


class Loading(Struct):
    """How one analysis loads and derives: through ``memo`` when there is one, else through
    ``store`` (``.playbook-cache/``) when there is one, parsing on ``jobs`` processes."""

    root: Path
    memo: Reuse | None
    store: SourceCache | None
    jobs: int
    early: dict[str, Derived] = field(default_factory=dict)  # what pool workers derived as they parsed

    def sources(self) -> Listing:
        """Return the project's brief and page files, and what was skipped."""
        if self.memo is not None:
            self.memo.reloaded = 0
            return self.memo.sources(self.root)
        return find_sources(self.root)

    def load(self, paths: list[str], kind: str, derive: tuple[Config, date] | None = None) -> list[Loaded]:
        """Return what loading each path gives, in order. Processes that parse briefs also derive
        each one under ``derive`` (the config and the date)."""
        if self.memo is not None:
            return [self.memo.load(self.root, path, LOADERS[kind]) for path in paths]
        results: list[Loaded | None] = [None] * len(paths)
        misses: list[tuple[int, bytes, str]] = []
        for index, path in enumerate(paths):
            data, problems = read_bytes(self.root, path)
            if data is None:
                results[index] = (None, problems)
                continue
            digest = hashlib.sha1(data).hexdigest() if self.store is not None else ""
            hit = self.store.get(path, digest) if self.store is not None else None
            if hit is not None:
                results[index] = hit
            else:
                misses.append((index, data, digest))
        jobs = [LoadJob(kind, self.root, paths[index], data) for index, data, _ in misses]
        for (index, _, digest), result in zip(misses, self._parse(jobs, derive if kind == "brief" else None)):
            results[index] = result
            if self.store is not None:
                self.store.put(paths[index], digest, result)
        return results

    def _parse(self, jobs: list[LoadJob], derive: tuple[Config, date] | None) -> list[Loaded]:
        if self.jobs <= 1 or len(jobs) < PARALLEL_FROM:
            return [LOADERS[job.kind](job.root, job.path, job.data) for job in jobs]
        with worker_pool(self.jobs, _start_loader, derive) as pool:
            parsed = pool.map(_load_one, jobs, chunksize=64)
        self.early.update((job.path, part.early) for job, part in zip(jobs, parsed) if part.early is not None)
        return [part.loaded for part in parsed]

    def derive(
        self, brief: Brief, config: Config, today: date, settings: str, evaluation: Evaluation | None
    ) -> Derived:
        """Return a brief's metrics, levers and criteria findings; reused while the brief, its
        evaluation, the settings they depend on and the date are the same (in memory for serve,
        on disk for builds)."""
        memo, store = self.memo, self.store
        if memo is not None:
            hit = memo.derived.get(brief.path)
            if hit is not None and hit.brief is brief:
                if (hit.config, hit.today, hit.evaluation) == (config, today, evaluation):
                    return hit.derived
        if store is not None:
            stored = store.get_derived(brief.path, settings)
            if stored is not None:
                return stored
        early = self.early.get(brief.path)
        result = early if early is not None else derive_brief(brief, config, today, evaluation)
        if memo is not None:
            memo.derived[brief.path] = Derivation(brief, config, today, evaluation, result)
        if store is not None:
            store.put_derived(brief.path, settings, result)
        return result

    def forget(self, listing: Listing) -> None:
        """Let the memo drop what it keeps for files no longer in the project."""
        if self.memo is not None:
            self.memo.forget(set(listing.briefs) | set(listing.pages))


_SETTINGS: tuple[Config, date] | None = None  # in a pool worker only: what it derives briefs under


def _start_loader(parent: int, settings: tuple[Config, date] | None) -> None:
    global _SETTINGS
    start_worker(parent)
    _SETTINGS = settings


def _load_one(job: LoadJob) -> Parsed:
    result = LOADERS[job.kind](job.root, job.path, job.data)
    brief = result[0]
    # A brief that names an evaluation file is derived once the file is read, in the parent.
    early = (
        derive_brief(brief, *_SETTINGS)
        if _SETTINGS is not None and brief is not None and not brief.model.eval
        else None
    )
    return Parsed(result, early)
