"""One version of the site for ``serve``: every file's name is known at once, and each file is
made when a browser first asks for it — so an edit costs an analysis, not a build, however large
the playbook."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from typing import Iterator

from playbook.analysis.project import Analysis
from playbook.load.static import static_files
from playbook.serve.memo import RenderMemo
from playbook.site.plan.parts import assemble
from playbook.site.plan.planned import PlannedPage
from playbook.site.render.page import (
    BuildError,
    RenderTimeout,
    describe_template_error,
    load_theme,
    page_context,
    render_page,
    time_limit,
)


class SiteFiles(Mapping[str, bytes]):
    """The files of one version of the site, made on demand. Pages whose context equals the one
    ``memo`` last rendered are not rendered again.

    Looking a page up raises BuildError when its template fails.
    """

    def __init__(
        self,
        analysis: Analysis,
        *,
        base_url: str | None = None,
        include_drafts: bool = False,
        memo: RenderMemo | None = None,
        limit: float | None = None,
    ):
        """``limit``: seconds a page may take to render before it is stopped (RenderTimeout, as a
        BuildError); None waits for ever, as a build does."""
        self.limit = limit
        self.memo = memo = memo or RenderMemo(load_theme(analysis))
        self.parts = parts = assemble(
            analysis, base_url=base_url, include_drafts=include_drafts, carried=memo.carried
        )
        memo.theme.forget_fragments()
        self.planned = {page.path: page for page in parts.pages}
        self.makers = parts.data_files(parts.all_search_entries)
        if memo.assets is None:  # a theme change makes a new memo
            memo.assets = {f"assets/{path}": source for path, source in memo.theme.assets().items()}
        made = {*self.planned, *self.makers, *memo.assets}  # the site's own files win over static/
        static = {path: source for path, source in static_files(analysis.root).items() if path not in made}
        self.assets = {**memo.assets, **static}
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
        context = page_context(self.parts.site, planned)
        if memo.contexts.get(planned.path) == context:
            return memo.pages[planned.path]
        try:
            with time_limit(self.limit) if self.limit else nullcontext():
                html = render_page(memo.theme.env, planned, context)
        except RenderTimeout as error:  # stopped outside the template's own code
            raise BuildError(describe_template_error(memo.theme.env, planned, error)) from None
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

    def try_every_template(self) -> None:
        """Render one page of each template, so a broken theme is reported at once rather than
        when its page is first asked for (raises BuildError)."""
        tried: set[str] = set()
        for name, planned in self.planned.items():
            if planned.template not in tried:
                tried.add(planned.template)
                self[name]
