"""``build``: render every page of the site to disk, on every core, reusing the previous build's
pages that are provably the bytes they would have now; then the data files and the assets, and
swap the result in whole."""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path
from typing import Callable

from msgspec import Struct

from playbook import __version__
from playbook.analysis.project import Analysis
from playbook.load.cache import CODE
from playbook.load.static import static_clashes, static_files
from playbook.site.output.marker import MARKER
from playbook.site.output.writer import SiteWriter, link_if_same, link_verified, write_bytes, write_pieces
from playbook.site.plan.parts import SiteParts, assemble
from playbook.site.plan.planned import PlannedPage
from playbook.site.render.page import BuildError, load_theme, page_context, page_pieces, render_page
from playbook.site.rendercache import RenderCache
from playbook.site.split import render_beside
from playbook.workers import gc_paused, start_worker, worker_pool

CHUNK = 100  # pages a worker renders per task
SPLIT_AT = (
    24  # pages from which a build of one chunk renders half of them in a forked process (site/split.py)
)


class BuildResult(Struct, frozen=True):
    """What a build made: its pages and briefs, how many were unchanged, and why the cache was not used."""

    pages: int  # HTML pages
    briefs: int
    unchanged: int = 0  # pages byte-identical to the previous build, linked rather than written
    cache_problem: str = ""  # why .playbook-cache/ was not used


class ChunkResult(Struct):
    """What rendering some pages made: returned to the parent, never left on a shared object."""

    count: int
    unchanged: int
    entries: dict[str, dict]  # slug -> search entry
    records: dict[str, tuple[str, str]]  # page -> (fingerprint of its context, SHA-1 of its bytes)
    words: dict[str, str]  # body key -> its words


class RenderJob:
    """Everything the processes of a build render from. A fork pool's workers inherit it whole
    (analysis, views, compiled templates) through the pool's initializer, without pickling."""

    def __init__(
        self,
        env,
        parts: SiteParts,
        targets: list[Path],
        previous: Path | None,
        rendered_before: dict[str, tuple[str, str]],
        fingerprints: bool,
    ):
        self.env = env
        self.parts = parts
        self.targets = targets
        self.previous = previous  # the site being replaced, if there is one
        self.rendered_before = rendered_before  # the cache's page -> (fingerprint, digest)
        self.fingerprints = fingerprints
        self.briefs = {brief.slug: brief for brief in parts.views.briefs}
        self.view_prints: dict[int, str] = {}  # id of a view -> its digest, for this build in this process

    def render(self, indices: list[int]) -> ChunkResult:
        """Render and write the planned pages at ``indices``: a page whose context gave bytes the
        previous file still has is linked without being rendered; a rendered page whose bytes
        are the previous file's is linked rather than written.

        A page makes thousands of objects, nearly all freed as soon as it is written, and some
        eighty in reference cycles (Jinja's contexts and macros): one collection of the chunk's
        young objects at its end costs less than the dozens its allocations would set off."""
        result = ChunkResult(len(indices), 0, {}, {}, {})
        with gc_paused():
            for index in indices:
                page = self.parts.pages[index]
                context = page_context(self.parts.site, page)
                result.records[page.path] = self._write(page, context, self.targets[index], result)
                if page.kind == "brief":
                    entry, key, words = self.parts.bodies.search_entry(
                        self.briefs[context["brief"].slug], context["body"]
                    )
                    result.entries[context["brief"].slug] = entry
                    if self.fingerprints:
                        result.words[key] = words
        gc.collect(0)
        return result

    def _write(self, page: PlannedPage, context: dict, target: Path, result: ChunkResult) -> tuple[str, str]:
        fingerprint = (
            hashlib.sha1(fingerprint_of(context, self.view_prints).encode("utf-8")).hexdigest()
            if self.fingerprints
            else ""
        )
        old = self.rendered_before.get(page.path)
        previous = self.previous
        if (
            fingerprint
            and old is not None
            and old[0] == fingerprint
            and link_verified(previous / page.path, target, old[1])
        ):
            result.unchanged += 1
            return old
        if previous is None:
            return fingerprint, write_pieces(target, page_pieces(self.env, page, context))
        html = render_page(self.env, page, context)
        if link_if_same(previous / page.path, target, html):
            result.unchanged += 1
        else:
            write_bytes(target, html)
        return fingerprint, hashlib.sha1(html).hexdigest()


def fingerprint_of(value, memo: dict[int, str]) -> str:
    """Return a text that differs whenever ``value`` (a page context) differs.

    Views are immutable and shared by many pages, so each is digested once per build and stands
    for itself by its digest; the rest is spelled out with ``repr``.
    """
    kind = type(value)
    if kind is dict:
        return "{" + ",".join(f"{key!r}:{fingerprint_of(item, memo)}" for key, item in value.items()) + "}"
    if kind is tuple or kind is list:
        return "(" + ",".join(fingerprint_of(item, memo) for item in value) + ")"
    if hasattr(kind, "__struct_fields__"):
        digest = memo.get(id(value))
        if digest is None:
            digest = memo[id(value)] = hashlib.sha1(repr(value).encode("utf-8")).hexdigest()
        return digest
    return repr(value)


_JOB: RenderJob | None = None  # in a pool worker only: the job it was started with


def _adopt(parent: int, job: RenderJob, held: tuple[int, ...]) -> None:
    global _JOB
    start_worker(parent)
    for descriptor in held:  # the fork copied the build's folder locks: they must end with the build alone
        os.close(descriptor)
    _JOB = job


def _render_in_worker(indices: list[int]) -> ChunkResult:
    assert _JOB is not None
    return _JOB.render(indices)


def _copied(analysis: Analysis, theme, made: set[str]) -> dict[str, Path]:
    """Return the files copied as they are: the theme's assets and the project's static files;
    raise BuildError when a static file would replace a file the site makes."""
    assets = {f"assets/{path}": source for path, source in theme.assets().items()}
    static = static_files(analysis.root)
    clashes = static_clashes(static, made | set(assets))
    if clashes:
        raise BuildError("; ".join(clashes))
    return {**assets, **static}


def build_site(
    analysis: Analysis,
    output: Path,
    *,
    base_url: str | None = None,
    include_drafts: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    persistent: bool = False,
    last: bool = False,
) -> BuildResult:
    """Render the analysed project into ``output`` on ``jobs`` processes; raise BuildError (publishing
    nothing) if a template fails. ``progress(done, total)`` hears of every chunk; ``persistent`` reuses
    the render cache; ``last``: the process ends with it, so its inputs are frozen out of the collector."""
    theme = load_theme(analysis, keep_compiled=persistent, reload=False)
    made_by = f"{__version__}|{CODE}|{theme.digest()}|{analysis.config!r}|{base_url!r}|{include_drafts}"
    salt = hashlib.sha1(made_by.encode("utf-8")).hexdigest()
    cache = RenderCache(analysis.root, salt) if persistent else None
    parts = assemble(
        analysis, base_url=base_url, include_drafts=include_drafts, words=cache.words if cache else None
    )
    theme.forget_fragments()
    if last:
        gc.freeze()
    planned = parts.pages
    chunks = [list(range(start, min(start + CHUNK, len(planned)))) for start in range(0, len(planned), CHUNK)]
    writer = SiteWriter(output, clean_later=True)
    try:
        with writer:
            targets = [
                writer.target(page.path) for page in planned
            ]  # every path checked before anything is written
            previous = output if (output / MARKER).is_file() else None
            # Without a cache every page is rendered, and linked only when its bytes are the previous file's.
            job = RenderJob(
                theme.env, parts, targets, previous, cache.pages if cache and previous else {}, persistent
            )
            results = _render_all(job, chunks, jobs, writer.held(), progress)
            entries = [
                results.entries.get(b.slug) or parts.bodies.search_entry(b)[0]
                for b in parts.views.in_rank_order()
            ]
            for path, make in parts.data_files(lambda: entries).items():
                writer.write(path, make())
            for path, source in _copied(analysis, theme, writer.written).items():
                writer.copy(path, source)
        if cache is not None:
            cache.save(results.words, results.records)
    finally:
        writer.wait()  # the previous site is gone before the build returns, however it ends
    return BuildResult(
        pages=len(planned),
        briefs=len(parts.views.briefs),
        unchanged=results.unchanged,
        cache_problem=cache.problem if cache is not None else "",
    )


def _render_all(
    job: RenderJob, chunks: list[list[int]], jobs: int, held: tuple[int, ...], progress
) -> ChunkResult:
    """Render every chunk: on a fork pool when there are several, a small build's one chunk half in
    a forked process (site/split.py), or all here when there is one core or few pages."""
    total = sum(len(chunk) for chunk in chunks)
    if jobs > 1 and len(chunks) > 1:
        with worker_pool(min(jobs, len(chunks)), _adopt, job, held) as pool:
            return _collect(pool.imap_unordered(_render_in_worker, chunks), total, progress)
    if jobs > 1 and total >= SPLIT_AT:
        return _collect(render_beside(job.render, chunks[0], held), total, progress)
    return _collect(map(job.render, chunks), total, progress)


def _collect(parts, total: int, progress) -> ChunkResult:
    whole = ChunkResult(0, 0, {}, {}, {})
    for part in parts:
        whole.count += part.count
        whole.unchanged += part.unchanged
        whole.entries.update(part.entries)
        whole.records.update(part.records)
        whole.words.update(part.words)
        if progress:
            progress(whole.count, total)
    return whole
