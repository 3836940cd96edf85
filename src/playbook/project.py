"""Analysing a playbook project, the first phase: load, validate, derive, link, rank and check.

``check`` and ``rank`` run only this phase; ``build`` and ``serve`` render its result.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import hashlib
import multiprocessing
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable

import playbook.diagnostics
import playbook.links
import playbook.metrics
import playbook.model
import playbook.ranking
from playbook.cache import SourceCache, pickle_fields_plainly
from playbook.config import Config, load_config
from playbook.diagnostics import Diagnostic, Position
from playbook.formats import BRIEF, PAGE, brief_from_values, page_from_values
from playbook.links import LinkGraph, link_briefs
from playbook.metrics import Levers, Metrics, derive_metrics, find_levers
from playbook.model import SLUG_PATTERN, Brief, Page
from playbook.ranking import Ranking, rank_briefs
from playbook.rules import BriefContext, check_brief, diagnostic
from playbook.schema import read_document
from playbook.source import read_bytes, read_source
from playbook.yamltree import read_yaml

CONTENT = "content"
BRIEFS = "content/briefs"
RESERVED_PAGES = frozenset({"briefs", "tags", "status", "sufferers", "criteria", "search", "assets", "index", "404"})
IGNORED = re.compile(r"^\.|~$|^#.*#$|\.(swp|swo|swx|tmp|bak|kate-swp)$|^4913$")


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


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable time."""


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
        raise BuildDateError(f"SOURCE_DATE_EPOCH={os.environ['SOURCE_DATE_EPOCH']!r} is not a whole number of seconds since 1970; "
                             "set it to one (as reproducible-build tools do) or unset it") from None


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector: loading makes millions of small acyclic objects, and
    collecting while they pile up costs as much as parsing them (measured: 7.1 s against 3.8 s
    for 10,000 briefs)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class LoadCache:
    """Briefs and pages loaded earlier, with the digest of their bytes, so ``serve`` parses again
    only files whose bytes changed, and looks only at the files the watcher names."""

    def __init__(self):
        self.files: dict[str, tuple[bytes, tuple]] = {}  # path -> (sha1 of its bytes, what loading gave)
        self.derived: dict[str, tuple] = {}  # path -> (brief, config, today, (metrics, levers, findings))
        self.links: dict[str | None, tuple] = {}  # slug -> (brief, its outgoing links); None -> the last graph
        self.reloaded = 0  # files read by the last analysis
        self.suspects: tuple[str, ...] | None = None  # None: any file may have changed
        self.listing: tuple[list[str], list[str], frozenset[str], list] | None = None  # the last find_sources

    def suspect(self, paths: list[str] | None) -> None:
        """Say which files may have changed since the last analysis (project-relative, folders
        standing for everything in them): the next analysis looks again only at those and at
        files it has not seen. None, the default, looks at every file again."""
        self.suspects = None if paths is None else tuple(p.rstrip("/") for p in paths)

    def sources(self, root: Path) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
        """Return :func:`find_sources`' answer and what it skipped, listing the folders again only
        when a suspect may have added, removed or renamed a file (an edit to a known file cannot)."""
        listed = self.listing
        if listed is None or self.suspects is None or not all(
                suspect in listed[2] and os.path.isfile(root / suspect) for suspect in self.suspects):
            skipped: list[tuple[str, str, str]] = []
            briefs, pages = find_sources(root, skipped)
            listed = self.listing = (briefs, pages, frozenset(briefs) | frozenset(pages), skipped)
        return listed[0], listed[1], listed[3]

    def _unchanged(self, path: str) -> bool:
        return self.suspects is not None and not any(
            path == suspect or path.startswith(suspect + "/") or suspect == "" for suspect in self.suspects)

    def load(self, root: Path, path: str, loader):
        """Return what ``loader`` gives for ``path``, loading it again only when its bytes changed
        (as a build decides: an edit that keeps the length and restores the time is still seen)."""
        cached = self.files.get(path)
        if cached is not None and self._unchanged(path):
            return cached[1]
        data, problems = read_bytes(root, path)
        if data is None:
            self.files.pop(path, None)
            self.reloaded += 1
            return None, problems
        digest = hashlib.sha1(data).digest()
        if cached is not None and cached[0] == digest:
            return cached[1]
        result = loader(root, path, data)
        self.files[path] = (digest, result)
        self.reloaded += 1
        return result


def analyse_project(root: Path, *, today: date | None = None, config: Config | None = None,
                    cache: LoadCache | None = None, persistent: bool = False, jobs: int = 1) -> Analysis:
    """Return the analysis of the project at ``root``. Raises ConfigError for a bad ``playbook.yaml``.

    ``cache`` keeps loaded files in memory between analyses (``serve``); ``persistent`` uses and
    updates ``.playbook-cache/``; ``jobs`` parses on that many processes when there are many files.
    """
    with gc_paused():  # unpickling the cache makes as many small objects as parsing
        store = SourceCache(root) if persistent else None
        analysis = _analyse(root, today, config, cache, store, jobs)
        if store is not None:
            store.save()
            if store.problem:
                analysis = dataclasses.replace(analysis, cache_problem=store.problem)
    return analysis


def _analyse(root: Path, today: date | None, config: Config | None, cache: LoadCache | None,
             store: SourceCache | None = None, jobs: int = 1) -> Analysis:
    config = config if config is not None else load_config(root)
    today = today or build_date()
    if cache is not None:
        cache.reloaded = 0
    diagnostics: list[Diagnostic] = []
    if cache is not None:
        brief_paths, page_paths, skipped = cache.sources(root)
    else:
        skipped = []
        brief_paths, page_paths = find_sources(root, skipped)
    diagnostics.extend(diagnostic("PB001", path, Position(), f"{path} {why}; it is not read", hint) for path, why, hint in skipped)

    briefs: list[Brief] = []
    known: set[str] = set()
    for path, (brief, found) in zip(brief_paths, load_sources(root, brief_paths, "brief", cache, store, jobs)):
        diagnostics.extend(found)
        known.add(brief.slug if brief else PurePosixPath(path).stem)
        if brief is not None:
            briefs.append(brief)
    briefs, duplicates = drop_duplicate_slugs(briefs)
    diagnostics.extend(duplicates)

    pages: list[Page] = []
    for page, found in load_sources(root, page_paths, "page", cache, store, jobs):
        diagnostics.extend(found)
        if page is not None:
            pages.append(page)
    pages, taken = drop_duplicate_pages(pages)
    diagnostics.extend(taken)

    if cache is not None and len(cache.files) > len(brief_paths) + len(page_paths):  # forget deleted files
        live = set(brief_paths) | set(page_paths)
        cache.files = {path: entry for path, entry in cache.files.items() if path in live}
        cache.derived = {path: entry for path, entry in cache.derived.items() if path in live}

    metrics: dict[str, Metrics] = {}
    levers: dict[str, Levers] = {}
    # Findings depend on the thresholds and the date; severities are applied afterwards.
    settings = repr((config.ranking, config.criteria, today))
    for brief in briefs:
        brief_metrics, brief_levers, findings = _derive(brief, config, today, cache, store, settings)
        metrics[brief.slug] = brief_metrics
        if brief_levers is not None:
            levers[brief.slug] = brief_levers
        diagnostics.extend(findings)
    graph, broken = link_briefs(briefs, known, cache.links if cache is not None else None)
    diagnostics.extend(broken)

    return Analysis(
        root=root,
        config=config,
        briefs=tuple(briefs),
        pages=tuple(pages),
        metrics=metrics,
        levers=levers,
        ranking=rank_briefs(briefs, metrics),
        graph=graph,
        diagnostics=tuple(apply_severities(diagnostics, config)),
        brief_files=len(brief_paths),
        today=today,
    )


# Parsed briefs go back from pool workers, and into the cache, pickled.
pickle_fields_plainly(playbook.diagnostics, playbook.model, playbook.metrics, playbook.links, playbook.ranking)


def start_worker(parent: int) -> None:
    """Set up a pool worker: leave Ctrl-C to the parent process, which then stops the workers (a
    worker that takes it prints a traceback, and a pool losing workers that way can hang the
    parent for good); and die with the parent, silently, however it ends — a worker outliving a
    killed build would write pages for nobody and print broken-pipe tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler came with the fork; the pool stops us with it
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills us when the parent goes
    except (AttributeError, OSError):  # not Linux: look now and then
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="playbook-parent").start()
    if os.getppid() != parent:  # it went before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def worker_pool(jobs: int):
    """Return a fork pool of ``jobs`` workers set up by :func:`start_worker`."""
    return multiprocessing.get_context("fork").Pool(jobs, initializer=start_worker, initargs=(os.getpid(),))


PARALLEL_FROM = 256  # below this many files, starting processes costs more than it saves


def load_sources(root: Path, paths: list[str], kind: str, cache: LoadCache | None,
                 store: SourceCache | None, jobs: int) -> list[tuple]:
    """Return what loading each path gives, in order: from ``serve``'s in-memory cache, from the
    persistent cache when the bytes are unchanged, else parsed — on ``jobs`` processes when
    there are many files."""
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
        with worker_pool(jobs) as pool:
            loaded = pool.map(_load_one, [(kind, root, paths[i], data) for i, data, _ in misses], chunksize=64)
    else:
        loaded = [LOADERS[kind](root, paths[i], data) for i, data, _ in misses]
    for (index, _, digest), result in zip(misses, loaded):
        results[index] = result
        if store is not None:
            store.put(paths[index], digest, result)
    return results


def _load_one(job: tuple) -> tuple:
    kind, root, path, data = job
    return LOADERS[kind](root, path, data)


def _derive(brief: Brief, config: Config, today: date, cache: LoadCache | None, store: SourceCache | None,
            settings: str):
    """Return a brief's metrics, levers and criteria findings; reused while the brief, the
    settings they depend on and the date are the same (in memory for serve, on disk for builds)."""
    if cache is not None:
        hit = cache.derived.get(brief.path)
        if hit is not None and hit[0] is brief and hit[1] == config and hit[2] == today:
            return hit[3]
    if store is not None:
        stored = store.get_derived(brief.path, settings)
        if stored is not None:
            return stored
    brief_metrics = derive_metrics(brief, config.ranking)
    brief_levers = find_levers(brief, brief_metrics, config.ranking)
    findings = check_brief(BriefContext(brief, brief_metrics, brief_levers, config.criteria, today))
    result = (brief_metrics, brief_levers, findings)
    if cache is not None:
        cache.derived[brief.path] = (brief, config, today, result)
    if store is not None:
        store.put_derived(brief.path, settings, result)
    return result


def find_sources(root: Path, skipped: list[tuple[str, str, str]] | None = None) -> tuple[list[str], list[str]]:
    """Return the project-relative paths of brief files and of plain page files, sorted; ``skipped``
    collects ``(path, why, hint)`` for each Markdown file or folder that is seen but not read."""
    briefs: list[str] = []
    pages: list[str] = []
    if not (root / CONTENT).is_dir():
        return briefs, pages
    real_root = root.resolve()
    pending = [CONTENT]  # folders to read, relative to the root, with forward slashes
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(root / folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            path = f"{folder}/{name}"
            markdown = name.endswith(".md") and not IGNORED.search(name)
            if entry.is_symlink() and not _inside(Path(entry.path), real_root):
                if skipped is not None and (markdown or entry.is_dir()):
                    skipped.append((path, "is a symlink leading out of the project", "copy what it links to into content/"))
            elif entry.is_dir(follow_symlinks=False):  # as os.walk: a linked folder could loop
                pending.append(path)
            elif entry.is_dir():
                if skipped is not None:
                    skipped.append((path, "is a symlink to a folder, which is not followed", "move the folder into content/"))
            elif markdown and entry.is_file():
                (briefs if folder == BRIEFS else pages).append(path)
            elif markdown and skipped is not None:  # a FIFO, a device, a link to nothing: never opened
                skipped.append((path, "is a symlink to nothing" if entry.is_symlink() else "is not a regular file",
                                "replace it with the Markdown file itself"))
    briefs.sort()
    pages.sort()
    return briefs, pages


def _inside(path: Path, real_root: Path) -> bool:
    """Whether ``path`` stays inside the project once symlinks are followed."""
    if not path.is_symlink():
        return True
    try:
        return path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False


def load_brief(root: Path, path: str, data: bytes | None = None) -> tuple[Brief | None, list[Diagnostic]]:
    """Return the brief in ``path``, or None and the diagnostics that explain why it cannot be read."""
    source, problems = read_source(root, path, front_matter_required=True, data=data)
    if source is None:
        return None, problems
    tree, yaml_problems = read_yaml(source.front, source.front_line)
    diagnostics = [diagnostic(p.code, path, Position(p.line, p.column), p.message, p.hint) for p in yaml_problems]
    if tree is None and any(p.code == "PB001" for p in yaml_problems):
        return None, diagnostics
    values, reading = read_document(BRIEF, tree, path)
    diagnostics += reading.diagnostics
    stem = PurePosixPath(path).stem
    if values is not None and "slug" not in values and not re.fullmatch(SLUG_PATTERN, stem):
        diagnostics.append(diagnostic("PB002", path, Position(), f"file name {stem!r} is not a valid slug",
                                      "rename the file to lowercase words joined by hyphens, or set slug:"))
        values = None
    if values is None or any(d.code == "PB004" for d in diagnostics):
        return None, diagnostics
    brief = brief_from_values(values, path=path, stem=stem, body=source.body, body_line=source.body_line, spans=reading.spans)
    return brief, diagnostics


def load_page(root: Path, path: str, data: bytes | None = None) -> tuple[Page | None, list[Diagnostic]]:
    """Return the plain page in ``path``; its front matter is optional, its title defaults to the file name."""
    source, problems = read_source(root, path, front_matter_required=False, data=data)
    if source is None:
        return None, problems
    stem = PurePosixPath(path).relative_to(CONTENT).with_suffix("").as_posix()
    values: dict | None = {"title": _title_from(source.body, stem), "draft": False}
    diagnostics: list[Diagnostic] = []
    where = Position()  # of the address: the slug's value when one is given, else the file
    if source.front is not None:
        tree, yaml_problems = read_yaml(source.front, source.front_line)
        diagnostics = [diagnostic(p.code, path, Position(p.line, p.column), p.message, p.hint) for p in yaml_problems]
        if tree is None and diagnostics:
            return None, diagnostics
        values, reading = read_document(PAGE, tree, path)
        diagnostics += reading.diagnostics
        if "slug" in reading.spans:
            where = reading.span("slug").position
    if values is None:
        return None, diagnostics
    slug = values.get("slug") or stem
    if not all(re.fullmatch(SLUG_PATTERN, part) for part in slug.split("/")):
        return None, diagnostics + [diagnostic("PB002", path, where, f"page address {slug!r} is not a valid slug",
                                               "rename the file to lowercase words joined by hyphens, or set slug:")]
    if slug.split("/")[0] in RESERVED_PAGES:
        return None, diagnostics + [diagnostic("PB005", path, where, f"page address {slug!r} is taken by the site itself",
                                               "rename the file or set another slug:")]
    return page_from_values({**values, "slug": slug}, path=path, stem=stem, body=source.body, body_line=source.body_line), diagnostics


def _title_from(body: str, stem: str) -> str:
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return stem.rsplit("/", 1)[-1].replace("-", " ").capitalize()


def drop_duplicate_slugs(briefs: list[Brief]) -> tuple[list[Brief], list[Diagnostic]]:
    """Return the briefs with the first of each slug kept, and a PB005 for each later one."""
    def taken(brief: Brief, first: Brief) -> Diagnostic:
        span = brief.span("slug")
        return diagnostic("PB005", brief.path, span.position, f"slug {brief.slug!r} is already used by {first.path}",
                          "give one of them another slug", span.length)

    return _first_of_each(briefs, taken)


def drop_duplicate_pages(pages: list[Page]) -> tuple[list[Page], list[Diagnostic]]:
    """Return the pages with the first of each address kept, and a PB005 for each later one."""
    return _first_of_each(pages, lambda page, first: diagnostic(
        "PB005", page.path, Position(), f"page address {page.slug!r} is already used by {first.path}", "give one of them another slug:"))


def _first_of_each(items: list, taken: Callable) -> tuple[list, list[Diagnostic]]:
    """Keep the first item of each slug; ``taken(item, first)`` is the diagnostic for a later one."""
    first: dict[str, object] = {}
    kept: list = []
    problems: list[Diagnostic] = []
    for item in items:
        if item.slug in first:
            problems.append(taken(item, first[item.slug]))
        else:
            first[item.slug] = item
            kept.append(item)
    return kept, problems


def apply_severities(diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Return the diagnostics with the project's severities applied and the rules turned off dropped, sorted."""
    result = []
    for d in diagnostics:
        severity = config.severity(d.code)
        if severity is not None:
            result.append(d if severity == d.severity else d.with_severity(severity))
    result.sort(key=Diagnostic.sort_key)
    return result


LOADERS = {"brief": load_brief, "page": load_page}
