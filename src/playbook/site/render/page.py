"""Rendering one page through the theme: its context, its HTML piece by piece, and any exception
its template raises turned into a BuildError that names the template and the line."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from jinja2 import TemplateError

from playbook.analysis.project import Analysis
from playbook.site.plan.planned import PlannedPage, formatters, url_from
from playbook.site.render.compiled import compiled_templates
from playbook.site.render.theme import Theme, ThemeError
from playbook.site.views.api import SiteView


class BuildError(Exception):
    """The site could not be rendered (a broken template); nothing was published."""


def load_theme(analysis: Analysis, keep_compiled: bool = False, reload: bool = True) -> Theme:
    """Return the project's theme, ready to render, or raise BuildError when it does not exist;
    ``keep_compiled`` keeps its compiled templates between runs (see render/compiled.py).
    ``reload=False`` (a build: one version of the theme) never looks at a template on disk again
    once loaded; Jinja otherwise checks its file each time a page extends or imports it."""
    compiled = compiled_templates(analysis.root) if keep_compiled else None
    try:
        theme = Theme(analysis.root, analysis.config.theme, compiled)
    except ThemeError as error:
        raise BuildError(str(error)) from None
    theme.env.globals.update(formatters())
    theme.env.auto_reload = reload
    return theme


def page_context(site: SiteView, planned: PlannedPage) -> dict:
    """Return the whole context of a planned page's template (the theme API)."""
    return {
        "site": site,
        "page": {
            "title": planned.title,
            "kind": planned.kind,
            "path": planned.path,
            "description": planned.description,
        },
        **planned.materialize(),
    }


def page_pieces(env, planned: PlannedPage, context: dict) -> Iterator[str]:
    """Yield the page's HTML as the template makes it; raise BuildError if the template fails."""
    url = url_from(planned.path)
    try:
        yield from env.get_template(planned.template).generate(
            context, url=url, asset=lambda name: url(f"assets/{name}")
        )
    except Exception as error:  # a theme is code: whatever it raises is the theme's error, not ours
        raise BuildError(describe_template_error(env, planned, error)) from None


def render_page(env, planned: PlannedPage, context: dict) -> bytes:
    """Return the page's HTML as bytes; raise BuildError if the template fails."""
    return "".join(page_pieces(env, planned, context)).encode("utf-8")


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
    import ctypes  # only serve limits a render: a build never loads libffi

    thread = threading.get_ident()
    done = threading.Event()
    lock = threading.Lock()
    fired: list[bool] = []

    def expire() -> None:
        if not done.wait(seconds):
            with lock:
                if not done.is_set():
                    fired.append(True)
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(thread), ctypes.py_object(RenderTimeout)
                    )

    watchdog = threading.Thread(target=expire, name="playbook-render-limit", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if fired:  # raised but perhaps not yet delivered: take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)


def describe_template_error(env, page: PlannedPage, error: Exception) -> str:
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
