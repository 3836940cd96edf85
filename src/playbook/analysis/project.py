"""Analysing a playbook project, the first phase: load, validate, derive, link, rank and check.

``check`` and ``rank`` run only this phase; ``build`` and ``serve`` render its result. How files
are loaded and briefs derived, reusing what can be, is ``loading``'s business.
"""

from __future__ import annotations

import functools
import os
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath

from msgspec import Struct
from msgspec.structs import replace

from playbook.analysis.acceptance import settle
from playbook.analysis.gatebook import read_gates, save_gates
from playbook.analysis.links import LinkGraph, find_wikilinks, link_briefs
from playbook.analysis.loading import Loading
from playbook.analysis.measurement import Measured, measure_briefs
from playbook.analysis.metrics import Levers, Metrics
from playbook.analysis.ranking import Ranking, rank_briefs
from playbook.analysis.reuse import Derived, Reuse
from playbook.analysis.timeline import History
from playbook.diagnostics import BuildDateError, Diagnostic, Position
from playbook.load.cache import SourceCache
from playbook.load.config import Config, load_config
from playbook.load.content import drop_duplicate_pages, drop_duplicate_slugs
from playbook.load.model import Brief, Page
from playbook.rules import diagnostic
from playbook.workers import gc_paused


class Analysis(Struct, frozen=True, dict=True):  # dict: a cached_property needs one
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
    page_links: dict[str, tuple[str, ...]] = {}  # page path -> [[slugs]] in its body
    history: History | None = None  # the project over time, when it was asked for (``analysis/history.py``)
    # The briefs with schema errors, read as far as they are valid: checked there, never ranked or built.
    partial: tuple[Brief, ...] = ()

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
            f"SOURCE_DATE_EPOCH={os.environ['SOURCE_DATE_EPOCH']!r} is not a whole number of seconds since "
            "1970; set it to one (as reproducible-build tools do) or unset it"
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
        gates = read_gates(root) if persistent else (0, 0)
        analysis = _analyse(root, today, config, cache, store, jobs)
        if store is not None:
            save_gates(root, gates)
            store.save()
            if store.problem:
                analysis = replace(analysis, cache_problem=store.problem)
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
    loading = Loading(root, cache, store, jobs)
    listing = loading.sources()
    diagnostics = [
        diagnostic("PB001", path, Position(), f"{path} {why}; it is not read", hint)
        for path, why, hint in listing.skipped
    ]
    briefs, partial, known = _load_briefs(loading, listing.briefs, (config, today), diagnostics)
    briefs, measured, unmeasured = measure_briefs(root, briefs, cache, store)
    diagnostics.extend(unmeasured)
    pages = _load_pages(loading, listing.pages, diagnostics)
    loading.forget(listing)
    metrics, levers = _derive_briefs(loading, briefs, config, today, measured, diagnostics)
    graph, broken = link_briefs(briefs, known, cache.links if cache is not None else None)
    diagnostics.extend(broken)
    if partial:  # what does not depend on their broken fields: the criteria on the rest, the links
        _derive_briefs(loading, partial, config, today, {}, diagnostics)
        diagnostics.extend(link_briefs(partial, known)[1])
    return Analysis(
        root=root,
        config=config,
        briefs=tuple(briefs),
        pages=tuple(pages),
        metrics=metrics,
        levers=levers,
        ranking=rank_briefs(briefs, metrics),
        graph=graph,
        diagnostics=tuple(_mark_drafts(settle(diagnostics, briefs, config), [*briefs, *partial], pages)),
        brief_files=len(listing.briefs),
        today=today,
        page_links=_page_links(pages),
        partial=tuple(partial),
    )


def _load_briefs(
    loading: Loading, paths: list[str], derive: tuple[Config, date], diagnostics: list[Diagnostic]
) -> tuple[list[Brief], list[Brief], set[str]]:
    """Return the briefs that loaded, one per slug; the briefs with schema errors, read as far as
    they are valid; and every slug a file claims (a brief with errors still counts, so links to
    it are not reported broken as well)."""
    briefs: list[Brief] = []
    partial: list[Brief] = []
    known: set[str] = set()
    for path, (brief, found) in zip(paths, loading.load(paths, "brief", derive)):
        diagnostics.extend(found)
        known.add(brief.slug if brief else PurePosixPath(path).stem)
        if brief is not None:
            (partial if brief.broken else briefs).append(brief)
    briefs, duplicates = drop_duplicate_slugs(briefs)
    diagnostics.extend(duplicates)
    return briefs, partial, known


def _load_pages(loading: Loading, paths: list[str], diagnostics: list[Diagnostic]) -> list[Page]:
    pages: list[Page] = []
    for page, found in loading.load(paths, "page"):
        diagnostics.extend(found)
        if page is not None:
            pages.append(page)
    pages, taken = drop_duplicate_pages(pages)
    diagnostics.extend(taken)
    return pages


def _derive_briefs(
    loading: Loading,
    briefs: list[Brief],
    config: Config,
    today: date,
    measured: dict[str, Measured],
    diagnostics: list[Diagnostic],
) -> tuple[dict[str, Metrics], dict[str, Levers]]:
    """Return each brief's metrics and levers by slug, adding its criteria findings to ``diagnostics``."""
    metrics: dict[str, Metrics] = {}
    levers: dict[str, Levers] = {}
    # Findings depend on the thresholds and the date; severities are applied afterwards.
    settings = repr((config.ranking, config.criteria, today))
    for brief in briefs:
        evaluation, digest = measured.get(brief.path, (None, ""))
        derived = loading.derive(brief, config, today, settings + digest, evaluation)
        metrics[brief.slug] = derived.metrics
        if derived.levers is not None:
            levers[brief.slug] = derived.levers
        diagnostics.extend(derived.findings)
    return metrics, levers


def _mark_drafts(diagnostics: list[Diagnostic], briefs: list[Brief], pages: list[Page]) -> list[Diagnostic]:
    """Return the diagnostics with every finding in a draft marked as one: the loaders marked
    what they found; the criteria's and the links' findings are marked here, by file."""
    drafts = {item.path for item in (*briefs, *pages) if item.draft}
    if not drafts:
        return diagnostics
    return [d.in_draft() if d.path in drafts else d for d in diagnostics]


def _page_links(pages: list[Page]) -> dict[str, tuple[str, ...]]:
    """Return the ``[[slugs]]`` in each plain page's body, by the page's path."""
    return {
        page.path: tuple(target for target, *_ in find_wikilinks(page.body, page.body_line))
        for page in pages
        if "[[" in page.body
    }
