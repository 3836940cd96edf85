"""Rendering and writing: pages through the theme, in parallel for builds, incrementally for
``serve``, and only where something changed when a cache says what the last build saw."""

from __future__ import annotations

import ctypes
import hashlib
import threading
from collections.abc import Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from jinja2 import TemplateError

from playbook import __version__
from playbook.cache import CODE, RenderCache
from playbook.output import MARKER, SiteWriter, link_if_same, link_verified, write_bytes, write_pieces
from playbook.project import Analysis, worker_pool
from playbook.pages import Carried, PlannedPage, formatters, url_from
from playbook.site import SiteBuilder
from playbook.theme import Theme, ThemeError
from playbook.views import SiteView


class BuildError(Exception):
    """The site could not be rendered (a broken template); nothing was published."""


@dataclass(frozen=True)
class BuildResult:
    pages: int  # HTML pages
    files: int  # every file of the site, assets and data included
    briefs: int
    unchanged: int = 0  # pages byte-identical to the previous build, linked rather than written
    cache_problem: str = ""  # why .playbook-cache/ was not used



class RenderMemo:
    """What ``serve`` keeps from one version of the site for the next, so it re-renders only
    pages whose inputs changed.

    A page is rendered again exactly when its template context differs from last time (views are
    frozen dataclasses compared by value), so the result always equals a full build. The theme's
    templates are compiled once per memo; a new config or theme needs a new memo.
    """

    def __init__(self, theme: Theme):
        self.theme = theme
        self.contexts: dict[str, dict] = {}
        self.pages: dict[str, bytes] = {}
        self.carried = Carried()
        self.assets: dict[str, Path] | None = None
        self.lock = threading.RLock()  # request threads render through one builder at a time
        self.rendered = 0  # pages rendered since the memo was made


def load_theme(analysis: Analysis) -> Theme:
    """Return the project's theme, or raise BuildError when it does not exist."""
    try:
        return Theme(analysis.root, analysis.config.theme)
    except ThemeError as error:
        raise BuildError(str(error)) from None


def _setup(env, builder: SiteBuilder) -> SiteView:
    env.globals.update(formatters())
    return builder.site_view()


def _page_context(site: SiteView, planned: PlannedPage) -> dict:
    return {"site": site, "page": {"title": planned.title, "kind": planned.kind, "path": planned.path,
                                   "description": planned.description}, **planned.materialize()}


def _pieces(env, planned: PlannedPage, context: dict) -> Iterator[str]:
    """Yield the page's HTML as the template makes it; raise BuildError if the template fails."""
    url = url_from(planned.path)
    try:
        yield from env.get_template(planned.template).generate(context, url=url, asset=lambda name: url(f"assets/{name}"))
    except Exception as error:  # a theme is code: whatever it raises is the theme's error, not ours
        raise BuildError(_describe_template_error(env, planned, error)) from None


def _render(env, planned: PlannedPage, context: dict) -> bytes:
    return "".join(_pieces(env, planned, context)).encode("utf-8")


class SiteFiles(Mapping[str, bytes]):
    """One version of the site, for ``serve``: every file's name is known at once, and each file is
    made when it is first asked for — so an edit costs an analysis, not a build, however large the
    playbook. Pages whose context equals the one ``memo`` last saw are not rendered again.

    Looking a page up raises BuildError when its template fails.
    """

    def __init__(self, analysis: Analysis, *, base_url: str | None = None, include_drafts: bool = False,
                 memo: RenderMemo | None = None, limit: float | None = None):
        """``limit``: seconds a page may take to render before it is stopped (RenderTimeout, as a
        BuildError); None waits for ever, as a build does."""
        self.limit = limit
        self.memo = memo = memo or RenderMemo(load_theme(analysis))
        builder = SiteBuilder(analysis, base_url=base_url, include_drafts=include_drafts, carried=memo.carried)
        self.builder = builder
        memo.theme.forget_fragments()
        self.site = _setup(memo.theme.env, builder)
        self.planned = {page.path: page for page in builder.plan()}
        builder.page_paths = list(self.planned)
        self.makers = builder.data_makers()
        if memo.assets is None:  # a theme change makes a new memo
            memo.assets = {f"assets/{path}": source for path, source in memo.theme.assets().items()}
        self.assets = memo.assets
        self.made: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        made = self.made.get(name)
        if made is not None:
            return made
        with self.memo.lock:
            if name in self.planned:
                made = self._page(self.planned[name])
            elif name in self.makers:
                made = b"".join(self.makers[name]())
            elif name in self.assets:
                made = self.assets[name].read_bytes()
            else:
                raise KeyError(name)
            self.made[name] = made
            return made

    def _page(self, planned: PlannedPage) -> bytes:
        memo = self.memo
        context = _page_context(self.site, planned)
        if memo.contexts.get(planned.path) == context:
            return memo.pages[planned.path]
        try:
            with time_limit(self.limit) if self.limit else nullcontext():
                html = _render(memo.theme.env, planned, context)
        except RenderTimeout as error:  # stopped outside the template's own code
            raise BuildError(_describe_template_error(memo.theme.env, planned, error)) from None
        memo.contexts[planned.path], memo.pages[planned.path] = context, html
        memo.rendered += 1
        return html

    def __contains__(self, name: object) -> bool:
        return name in self.planned or name in self.makers or name in self.assets

    def __iter__(self) -> Iterator[str]:
        yield from self.planned
        yield from self.makers
        yield from self.assets

    def __len__(self) -> int:
        return len(self.planned) + len(self.makers) + len(self.assets)

    @property
    def pages(self) -> int:
        return len(self.planned)


def render_site(analysis: Analysis, *, base_url: str | None = None, include_drafts: bool = False) -> Iterator[tuple[str, bytes]]:
    """Yield every file of the site as ``(site path, bytes)``, rendered in one process; raise
    BuildError if a template fails."""
    files = SiteFiles(analysis, base_url=base_url, include_drafts=include_drafts)
    for name in files:
        yield name, files[name]


# What the processes of a parallel build render from: set just before they are forked, so each
# inherits the analysis, views and compiled templates without pickling any of it.
_SHARED: tuple | None = None
CHUNK = 100


def _render_chunk(indices: list[int]) -> tuple[int, int, dict[str, dict], dict[str, tuple[str, str]], dict[str, str]]:
    """Render and write the planned pages at ``indices``. Returns how many; how many were
    unchanged since the previous build (hard-linked rather than written, and not even rendered
    when the cache says which bytes the same context gave, and the previous file has them); their search
    entries; each page's fingerprint and the digest of its bytes; and their bodies' words, for
    the cache to keep."""
    env, site, planned, targets, builder, previous, rendered_before, fingerprints = _SHARED
    builder.search_entries = {}
    builder.words_used = {}
    unchanged = 0
    records: dict[str, tuple[str, str]] = {}
    memo = _VIEW_PRINTS
    for index in indices:
        page = planned[index]
        context = _page_context(site, page)
        target = targets[index]
        target.parent.mkdir(parents=True, exist_ok=True)
        fingerprint = hashlib.sha1(_fingerprint(context, memo).encode("utf-8")).hexdigest() if fingerprints else ""
        old = rendered_before.get(page.path)
        if fingerprint and old is not None and old[0] == fingerprint and link_verified(previous / page.path, target, old[1]):
            records[page.path] = old
            unchanged += 1
            continue
        if previous is None:
            records[page.path] = (fingerprint, write_pieces(target, _pieces(env, page, context)))
            continue
        html = _render(env, page, context)
        records[page.path] = (fingerprint, hashlib.sha1(html).hexdigest())
        if link_if_same(previous / page.path, target, html):
            unchanged += 1
        else:
            write_bytes(target, html)
    return len(indices), unchanged, builder.search_entries, records, builder.words_used if fingerprints else {}


_VIEW_PRINTS: dict[int, str] = {}  # id of a view -> its digest, for one build in one process


def _fingerprint(value, memo: dict[int, str]) -> str:
    """Return a text that differs whenever ``value`` (a page context) differs.

    Views are immutable and shared by many pages, so each is digested once per build and stands
    for itself by its digest; the rest is spelled out with ``repr``.
    """
    kind = type(value)
    if kind is dict:
        return "{" + ",".join(f"{key!r}:{_fingerprint(item, memo)}" for key, item in value.items()) + "}"
    if kind is tuple or kind is list:
        return "(" + ",".join(_fingerprint(item, memo) for item in value) + ")"
    if hasattr(kind, "__dataclass_fields__"):
        digest = memo.get(id(value))
        if digest is None:
            digest = memo[id(value)] = hashlib.sha1(repr(value).encode("utf-8")).hexdigest()
        return digest
    return repr(value)


def build_site(analysis: Analysis, output: Path, *, base_url: str | None = None, include_drafts: bool = False,
               jobs: int = 1, progress: Callable[[int, int], None] | None = None, persistent: bool = False) -> BuildResult:
    """Render the analysed project into ``output`` on ``jobs`` processes; raise BuildError
    (publishing nothing) if a template fails. ``progress(done, total)`` hears of every chunk;
    ``persistent`` reuses and updates the render cache in ``.playbook-cache/``."""
    global _SHARED
    theme = load_theme(analysis)
    salt = hashlib.sha1(f"{__version__}|{CODE}|{theme.digest()}|{analysis.config!r}|{base_url!r}|{include_drafts}"
                        .encode("utf-8")).hexdigest()
    cache = RenderCache(analysis.root, salt) if persistent else None
    builder = SiteBuilder(analysis, base_url=base_url, include_drafts=include_drafts, words_cache=cache.words if cache else None)
    theme.forget_fragments()
    site = _setup(theme.env, builder)
    planned = list(builder.plan())
    chunks = [list(range(start, min(start + CHUNK, len(planned)))) for start in range(0, len(planned), CHUNK)]
    files = 0
    writer = SiteWriter(output, clean_later=True)
    try:
        with writer:
            targets = [writer.target(page.path) for page in planned]  # every path checked before anything is written
            previous = output if (output / MARKER).is_file() else None
            # Without a cache every page is rendered, and linked only when its bytes are the previous file's.
            _SHARED = (theme.env, site, planned, targets, builder, previous, cache.pages if cache and previous else {}, persistent)
            try:
                if jobs > 1 and len(chunks) > 1:
                    with worker_pool(min(jobs, len(chunks))) as pool:
                        result = _collect(pool.imap_unordered(_render_chunk, chunks), builder, len(planned), progress)
                else:
                    result = _collect(map(_render_chunk, chunks), builder, len(planned), progress)
            finally:
                _SHARED = None
                _VIEW_PRINTS.clear()
            unchanged, records, words = result
            builder.page_paths = [page.path for page in planned]
            for path, data in builder.data_files():
                writer.write(path, data)
                files += 1
            for path, source in theme.assets().items():
                writer.copy(f"assets/{path}", source)
                files += 1
        if cache is not None:
            cache.save(words, records)
    finally:
        writer.wait()  # the previous site is gone before the build returns, however it ends
    return BuildResult(pages=len(planned), files=len(planned) + files + 1, briefs=len(builder.briefs), unchanged=unchanged,
                       cache_problem=cache.problem if cache is not None else "")


def _collect(parts, builder: SiteBuilder, total: int, progress) -> tuple[int, dict[str, tuple[str, str]], dict]:
    done = unchanged = 0
    entries: dict[str, dict] = {}
    prints: dict[str, tuple[str, str]] = {}
    words: dict[str, str] = {}
    for count, same, found, fingerprints, used in parts:
        done += count
        unchanged += same
        entries.update(found)
        prints.update(fingerprints)
        words.update(used)
        if progress:
            progress(done, total)
    builder.search_entries = entries
    return unchanged, prints, words


RENDER_LIMIT = 5.0  # seconds serve lets one page render before it stops it and shows why


class RenderTimeout(Exception):
    """A page took longer to render than ``serve`` waits (raised into the rendering thread)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in this thread if the block runs longer than ``seconds``.

    A theme is code and may loop for ever; ``serve`` must stay responsive all the same. Python
    cannot kill a thread, but it can raise an exception in one at its next bytecode, which is
    where a template's loop spends its time (a single long call into C is not interrupted).
    """
    thread = threading.get_ident()
    done = threading.Event()
    lock = threading.Lock()
    fired: list[bool] = []

    def expire() -> None:
        if not done.wait(seconds):
            with lock:
                if not done.is_set():
                    fired.append(True)
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(RenderTimeout))

    watchdog = threading.Thread(target=expire, name="playbook-render-limit", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if fired:  # raised but perhaps not yet delivered: take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)


def _describe_template_error(env, page: PlannedPage, error: Exception) -> str:
    """Return one line naming the template, its line, and what went wrong."""
    where, line = env.failure(error) if hasattr(env, "failure") else ("", None)
    where = where or page.template
    if isinstance(error, RenderTimeout):
        what = f"rendering took over {RENDER_LIMIT:g} s and was stopped (a loop that never ends?)"
    elif isinstance(error, TemplateError):
        what = error.message or str(error)
    elif isinstance(error, RecursionError):
        what = "RecursionError: a macro or include calls itself without end"
    else:
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return f"{where}{f':{line}' if line else ''}: {what} (while rendering {page.path})"
