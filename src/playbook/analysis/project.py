"""Analysing a playbook project, the first phase: load, validate, derive, link, rank and check.

``check`` and ``rank`` run only this phase; ``build`` and ``serve`` render its result.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath

import playbook.analysis.links
import playbook.analysis.metrics
import playbook.analysis.ranking
import playbook.diagnostics
import playbook.load.evals
import playbook.load.model
from playbook.analysis.acceptance import settle
from playbook.analysis.criteria import BriefContext, check_brief
from playbook.analysis.links import LinkGraph, find_wikilinks, link_briefs
from playbook.analysis.measurement import measure_briefs
from playbook.analysis.metrics import Levers, Metrics, derive_metrics, find_levers
from playbook.analysis.ranking import Ranking, rank_briefs
from playbook.analysis.reuse import Derivation, Derived, Reuse
from playbook.diagnostics import BuildDateError, Diagnostic, Position
from playbook.load.cache import Loaded, SourceCache, pickle_fields_plainly
from playbook.load.config import Config, load_config
from playbook.load.evals import Evaluation
from playbook.load.files import LOADERS, drop_duplicate_pages, drop_duplicate_slugs, find_sources
from playbook.load.model import Brief, Page
from playbook.load.source import read_bytes
from playbook.rules import diagnostic
from playbook.workers import gc_paused, start_worker, worker_pool


@dataclass(frozen=True)
class Analysis:
    """Everything known about a project after the first phase."""

    root: Path
    config: Config
    briefs: tuple[Brief, ...]  # every brief that loaded, in file order
    pages: tuple[Page, ...]
    metrics: dict[str, Metrics]
    levers: dict[str, Levers]
    ranking: Ranking
    graph: LinkGraph
    diagnostics: tuple[Diagnostic, ...]
    brief_files: int
    today: date
    cache_problem: str = ""  # why .playbook-cache/ was not used, for the command line to say
    page_links: dict[str, tuple[str, ...]] = dataclasses.field(
        default_factory=dict
    )  # page path -> [[slugs]] in its body
    history: object = None  # the project over time (analysis.history.History), when it was asked for

    @functools.cached_property
    def published_ranking(self) -> Ranking:
        """Return the ranking of the briefs a build without drafts shows."""
        if not any(brief.draft for brief in self.briefs):
            return self.ranking
        return rank_briefs([brief for brief in self.briefs if not brief.draft], self.metrics)


def build_date() -> date:
    """Return the date the playbook is judged on: SOURCE_DATE_EPOCH when set, else today (UTC).
    Raises BuildDateError when it is set to anything but a whole number of seconds since 1970."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(tz=timezone.utc).date()
    try:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(
            f"SOURCE_DATE_EPOCH={os.environ['SOURCE_DATE_EPOCH']!r} is not a whole number of seconds since 1970; "
            "set it to one (as reproducible-build tools do) or unset it"
        ) from None


def analyse_project(
    root: Path,
    *,
    today: date | None = None,
    config: Config | None = None,
    cache: Reuse | None = None,
    persistent: bool = False,
    jobs: int = 1,
) -> Analysis:
    """Return the analysis of the project at ``root``. Raises ConfigError for a bad ``playbook.yaml``.

    ``cache`` keeps loaded files in memory between analyses (``serve``); ``persistent`` uses and
    updates ``.playbook-cache/``; ``jobs`` parses on that many processes when there are many files.
    """
    with gc_paused():  # unpickling the cache makes as many small objects as parsing
        store = SourceCache(root, Derived) if persistent else None
        analysis = _analyse(root, today, config, cache, store, jobs)
        if store is not None:
            store.save()
            if store.problem:
                analysis = dataclasses.replace(analysis, cache_problem=store.problem)
    return analysis


def _analyse(
    root: Path,
    today: date | None,
    config: Config | None,
    cache: Reuse | None,
    store: SourceCache | None = None,
    jobs: int = 1,
) -> Analysis:
    config = config if config is not None else load_config(root)
    today = today or build_date()
    if cache is not None:
        cache.reloaded = 0
    diagnostics: list[Diagnostic] = []
    brief_paths, page_paths, skipped = cache.sources(root) if cache is not None else find_sources(root)
    diagnostics.extend(
        diagnostic("PB001", path, Position(), f"{path} {why}; it is not read", hint)
        for path, why, hint in skipped
    )

    briefs: list[Brief] = []
    known: set[str] = set()
    derived_early: dict[str, Derived] = {}  # what pool workers derived while they parsed
    for path, (brief, found) in zip(
        brief_paths,
        load_sources(
            root, brief_paths, "brief", cache, store, jobs, derive=(config, today), derived=derived_early
        ),
    ):
        diagnostics.extend(found)
        known.add(brief.slug if brief else PurePosixPath(path).stem)
        if brief is not None:
            briefs.append(brief)
    briefs, duplicates = drop_duplicate_slugs(briefs)
    diagnostics.extend(duplicates)
    briefs, measured, unmeasured = measure_briefs(root, briefs, cache, store)
    diagnostics.extend(unmeasured)

    pages: list[Page] = []
    for page, found in load_sources(root, page_paths, "page", cache, store, jobs):
        diagnostics.extend(found)
        if page is not None:
            pages.append(page)
    pages, taken = drop_duplicate_pages(pages)
    diagnostics.extend(taken)

    if cache is not None:
        cache.forget(set(brief_paths) | set(page_paths))

    metrics: dict[str, Metrics] = {}
    levers: dict[str, Levers] = {}
    # Findings depend on the thresholds and the date; severities are applied afterwards.
    settings = repr((config.ranking, config.criteria, today))
    for brief in briefs:
        evaluation, digest = measured.get(brief.path, (None, ""))
        brief_metrics, brief_levers, findings = _derive(
            brief, config, today, cache, store, settings + digest, derived_early.get(brief.path), evaluation
        )
        metrics[brief.slug] = brief_metrics
        if brief_levers is not None:
            levers[brief.slug] = brief_levers
        diagnostics.extend(findings)
    graph, broken = link_briefs(briefs, known, cache.links if cache is not None else None)
    diagnostics.extend(broken)
    page_links = {
        page.path: tuple(target for target, *_ in find_wikilinks(page.body, page.body_line))
        for page in pages
        if "[[" in page.body
    }

    return Analysis(
        root=root,
        config=config,
        briefs=tuple(briefs),
        pages=tuple(pages),
        metrics=metrics,
        levers=levers,
        ranking=rank_briefs(briefs, metrics),
        graph=graph,
        diagnostics=tuple(settle(diagnostics, briefs, config)),
        brief_files=len(brief_paths),
        today=today,
        page_links=page_links,
    )


# Parsed briefs go back from pool workers pickled.
pickle_fields_plainly(
    playbook.diagnostics,
    playbook.load.model,
    playbook.load.evals,
    playbook.analysis.metrics,
    playbook.analysis.links,
    playbook.analysis.ranking,
)


PARALLEL_FROM = 256  # below this many files, starting processes costs more than it saves


def load_sources(
    root: Path,
    paths: list[str],
    kind: str,
    cache: Reuse | None,
    store: SourceCache | None,
    jobs: int,
    derive: tuple[Config, date] | None = None,
    derived: dict[str, Derived] | None = None,
) -> list[Loaded]:
    """Return what loading each path gives, in order: from ``serve``'s in-memory cache, from the
    persistent cache when the bytes are unchanged, else parsed — on ``jobs`` processes when
    there are many files. Processes that parse briefs also derive each one's numbers and findings
    under ``derive`` (the config and the date) into ``derived``, so judging prose runs on every
    core too."""
    if cache is not None:
        return [cache.load(root, path, LOADERS[kind]) for path in paths]
    results: list = [None] * len(paths)
    misses: list[tuple[int, bytes | None, str]] = []
    for index, path in enumerate(paths):
        data, problems = read_bytes(root, path)
        if data is None:
            results[index] = (None, problems)
            continue
        digest = hashlib.sha1(data).hexdigest() if store is not None else ""
        hit = store.get(path, digest) if store is not None else None
        if hit is not None:
            results[index] = hit
        else:
            misses.append((index, data, digest))
    if jobs > 1 and len(misses) >= PARALLEL_FROM:
        settings = derive if kind == "brief" and derived is not None else None
        with worker_pool(jobs, _start_loader, settings) as pool:
            parts = pool.map(_load_one, [(kind, root, paths[i], data) for i, data, _ in misses], chunksize=64)
        loaded = [result for result, _ in parts]
        if settings is not None:
            derived.update(
                (paths[index], early) for (index, _, _), (_, early) in zip(misses, parts) if early is not None
            )
    else:
        loaded = [LOADERS[kind](root, paths[i], data) for i, data, _ in misses]
    for (index, _, digest), result in zip(misses, loaded):
        results[index] = result
        if store is not None:
            store.put(paths[index], digest, result)
    return results


_SETTINGS: tuple[Config, date] | None = None  # in a pool worker only: what it derives briefs under


def _start_loader(parent: int, settings: tuple[Config, date] | None) -> None:
    global _SETTINGS
    start_worker(parent)
    _SETTINGS = settings


def _load_one(job: tuple) -> tuple:
    kind, root, path, data = job
    result = LOADERS[kind](root, path, data)
    brief = result[0]
    # A brief that names an evaluation file is derived once the file is read, in the parent.
    early = (
        derive_brief(brief, *_SETTINGS)
        if _SETTINGS is not None and brief is not None and not brief.model.eval
        else None
    )
    return result, early


def derive_brief(brief: Brief, config: Config, today: date, evaluation: Evaluation | None = None) -> Derived:
    """Return a brief's metrics, levers and criteria findings under ``config`` on ``today``."""
    brief_metrics = derive_metrics(brief, config.ranking, evaluation)
    brief_levers = find_levers(brief, brief_metrics, config.ranking)
    return Derived(
        brief_metrics,
        brief_levers,
        check_brief(BriefContext(brief, brief_metrics, brief_levers, config.criteria, today)),
    )


def _derive(
    brief: Brief,
    config: Config,
    today: date,
    cache: Reuse | None,
    store: SourceCache | None,
    settings: str,
    early: Derived | None = None,
    evaluation: Evaluation | None = None,
) -> Derived:
    """Return a brief's metrics, levers and criteria findings; reused while the brief, its
    evaluation, the settings they depend on and the date are the same (in memory for serve, on
    disk for builds)."""
    if cache is not None:
        hit = cache.derived.get(brief.path)
        if (
            hit is not None
            and hit.brief is brief
            and (hit.config, hit.today, hit.evaluation)
            == (
                config,
                today,
                evaluation,
            )
        ):
            return hit.derived
    if store is not None:
        stored = store.get_derived(brief.path, settings)
        if stored is not None:
            return stored
    result = early if early is not None else derive_brief(brief, config, today, evaluation)
    if cache is not None:
        cache.derived[brief.path] = Derivation(brief, config, today, evaluation, result)
    if store is not None:
        store.put_derived(brief.path, settings, result)
    return result
