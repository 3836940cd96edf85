"""Bodies: the Markdown of briefs and pages, rendered when a template first shows it, and each
brief's search entry (its words from the cache when its body did not change, so a warm build
renders no Markdown it does not show)."""

from __future__ import annotations

import hashlib

from playbook.load.model import Brief, Page
from playbook.site.markdown.common import Rendered
from playbook.site.markdown.renderer import MarkdownRenderer
from playbook.site.plan.planned import Body, url_from
from playbook.site.views.briefs import SiteViews

# Ids the default theme's pages and the chart use around a body: no body heading may take one.
PAGE_IDS = frozenset(
    {
        "main",
        "site-search",
        "search-form",
        "search-input",
        "search-help",
        "search-status",
        "search-results",
        "filter-text",
        "filter-tier",
        "filter-status",
        "ranking",
        "ranking-caption",
        "group-table",
        "group-table-caption",
        "chart-title",
        "chart-desc",
        "health-heading",
        "summary-heading",
        "sufferer-heading",
        "losing-heading",
        "good-enough-heading",
        "model-heading",
        "checklist-heading",
        "notes-heading",
        "connections-heading",
        "ranking-heading",
        "unranked-heading",
        "rules-heading",
        "diagnostics-heading",
        "diagnostics-caption",
    }
)


class Bodies:
    """Makes the bodies of one version of the site.

    ``rendered`` keeps renderings by body key across versions (``serve``; None in a build, which
    renders each body once); ``words`` is the cache of each body's distinct words.
    """

    def __init__(
        self,
        views: SiteViews,
        *,
        allow_html: bool,
        rendered: dict[str, Rendered] | None = None,
        words: dict[str, str] | None = None,
    ):
        self.views = views
        self.markdown = MarkdownRenderer(allow_html=allow_html, reserved_ids=PAGE_IDS)
        self.rendered = rendered
        self.words = words if words is not None else {}

    def markdown_body(self, page_path: str, text: str, linked: list[str]) -> Body:
        """Return ``text`` to be rendered when first shown, or rendered already when the cache has
        it (neither it nor a brief it links to changed); ``linked`` are the slugs its ``[[…]]``
        name, as the analysis found them."""
        resolve = self._resolver(page_path)
        targets = tuple((target, resolve(target)) for target in linked)
        key = hashlib.sha1(repr((page_path, text, targets)).encode("utf-8")).hexdigest()
        cache = self.rendered
        if cache is not None and key in cache:
            return Body(key, None, cache[key])

        def make() -> Rendered:
            rendered = self.markdown.render(text, resolve)
            if cache is not None:
                cache[key] = rendered
            return rendered

        return Body(key, make)

    def _resolver(self, page_path: str):
        url = url_from(page_path)
        views = self.views.views

        def resolve(slug: str):
            view = views.get(slug)
            return (url(view.path), view.title) if view else None

        return resolve

    def brief_body(self, brief: Brief) -> Body:
        """Return the body of ``brief``'s page (a new one each time: a rendered body is let go with
        its page, so a big build never holds every body's HTML at once)."""
        view = self.views.views[brief.slug]
        linked = [
            link.target for link in self.views.analysis.graph.links.get(brief.slug, ()) if link.kind == "body"
        ]
        return self.markdown_body(f"{view.path}index.html", brief.body, linked)

    def page_body(self, page: Page) -> Body:
        return self.markdown_body(
            f"{page.slug}/index.html", page.body, list(self.views.analysis.page_links.get(page.path, ()))
        )

    def search_entry(self, brief: Brief, body: Body | None = None) -> tuple[dict, str, str]:
        """Return the brief's search entry, and its body's key and words for the cache to keep;
        ``body`` is the one its page was made with, if it was."""
        view = self.views.views[brief.slug]
        body = body if body is not None else self.brief_body(brief)
        words = self.words.get(body.key)
        if words is None:
            words = body.rendered.words
        entry = {
            "t": view.title,
            "u": view.path,
            "s": view.status,
            "g": list(brief.tags),
            "w": view.who,
            "p": view.problem,
            "o": view.owner,
            "x": words,
        }
        if view.draft:
            entry["d"] = 1
        return entry, body.key, words
