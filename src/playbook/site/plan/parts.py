"""One version of the site before anything is rendered: the views, the bodies, the findings, the
plan of every page and the makers of the data files, assembled from one analysis. ``build``
renders all of it to disk; ``serve`` renders each file when a browser asks for it."""

from __future__ import annotations

from typing import Callable

from msgspec import Struct

from playbook.analysis.project import Analysis
from playbook.site.plan.bodies import Bodies
from playbook.site.plan.data import Maker, data_makers
from playbook.site.plan.pages import plan_pages, site_view
from playbook.site.plan.planned import PlannedPage
from playbook.site.views.api import SiteView
from playbook.site.views.briefs import SiteViews
from playbook.site.views.carried import Carried
from playbook.site.views.findings import Findings


class SiteParts(Struct):
    """Everything a build renders from: the views, the bodies, the findings and the planned pages."""

    views: SiteViews
    bodies: Bodies
    findings: Findings
    site: SiteView  # what every page knows of the site
    pages: list[PlannedPage]
    base_url: str

    def data_files(self, search_entries: Callable[[], list[dict]]) -> dict[str, Maker]:
        """Return each data file's path and maker; ``search_entries`` gives every brief's entry."""
        return data_makers(
            self.views,
            self.views.analysis.config,
            self.base_url,
            [page.path for page in self.pages],
            search_entries,
        )

    def all_search_entries(self) -> list[dict]:
        """Return every shown brief's search entry in rank order, rendering bodies as needed."""
        return [self.bodies.search_entry(brief)[0] for brief in self.views.in_rank_order()]


def assemble(
    analysis: Analysis,
    *,
    base_url: str | None = None,
    include_drafts: bool = False,
    carried: Carried | None = None,
    words: dict[str, str] | None = None,
) -> SiteParts:
    """Return the parts of the site of ``analysis``. ``carried`` keeps views, checklists, groups
    and rendered Markdown from the previous version (``serve``); ``words`` is the words cache."""
    config = analysis.config
    base = (config.base_url if base_url is None else base_url).strip()
    if base and not base.endswith("/"):
        base += "/"
    keep_markdown = carried is not None
    views = SiteViews(analysis, include_drafts=include_drafts, carried=carried)
    carried = views.carried
    bodies = Bodies(
        views,
        allow_html=config.markdown.allow_html,
        rendered=carried.markdown if keep_markdown else None,
        words=words,
    )
    findings = Findings(config, views.briefs, views.diagnostics, views.by_path, carried.checklists)
    return SiteParts(
        views,
        bodies,
        findings,
        site_view(config, base, views.pages, analysis.history is not None),
        plan_pages(views, bodies, findings, config),
        base,
    )
