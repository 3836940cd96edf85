"""The plan of the site: every HTML page, its template and its context (made lazily, by whichever
process renders it). The group pages come from one table, ``layout.GROUP_KINDS``: a new kind of
index is a row there (and its template, if the generic one will not do)."""

from __future__ import annotations

from functools import partial

from playbook import __version__
from playbook.layout import GROUP_KINDS, GroupKind
from playbook.load.config import Config
from playbook.load.model import Brief, Page
from playbook.site.plan.bodies import Bodies
from playbook.site.plan.planned import PlannedPage, once
from playbook.site.views.api import KindView, LinkView, SiteView
from playbook.site.views.briefs import SiteViews
from playbook.site.views.changes import changes_view
from playbook.site.views.chart import render_chart
from playbook.site.views.findings import Findings

KIND_VIEWS = tuple(
    KindView(kind.kind, f"{kind.folder}/", kind.label, kind.heading, kind.intro) for kind in GROUP_KINDS
)


def site_view(config: Config, base_url: str, pages: list[Page], history: bool = False) -> SiteView:
    """Return what every page knows of the site: its title, address, language and navigation."""
    nav = [LinkView("Playbook", ""), LinkView("Criteria", "criteria/"), LinkView("Tags", "tags/")]
    nav += [LinkView("Changes", "changes/")] if history else []
    nav += [LinkView("Search", "search/")]
    nav += [LinkView(p.title, f"{p.slug}/") for p in pages if "/" not in p.slug]
    return SiteView(config.title, config.description, base_url, config.language, __version__, tuple(nav))


def plan_pages(views: SiteViews, bodies: Bodies, findings: Findings, config: Config) -> list[PlannedPage]:
    """Return every HTML page of the site, in a fixed order."""
    ranked_views = [views.views[e.brief.slug] for e in views.ranking.ranked]
    health = once(findings.health)
    planned = [
        PlannedPage(
            "index.html",
            "index.html",
            "index",
            config.title,
            config.description,
            lambda: {
                "ready": tuple(v for v in ranked_views if v.metrics.tier == "ready"),
                "model_gap": tuple(v for v in ranked_views if v.metrics.tier != "ready"),
                "unranked": tuple(views.views[b.slug] for b in views.ranking.unranked),
                "chart": render_chart(ranked_views, config.criteria.partial_below),
                "health": health(),
                "history_since": views.analysis.history.base_label
                if views.analysis.history is not None
                else None,
            },
        )
    ]
    for brief in views.in_rank_order():
        view = views.views[brief.slug]
        planned.append(
            PlannedPage(
                f"{view.path}index.html",
                "brief.html",
                "brief",
                view.title,
                view.problem,
                partial(_brief_context, views, bodies, findings, brief),
            )
        )
    for kind, info in zip(GROUP_KINDS, KIND_VIEWS):
        planned.extend(_group_pages(kind, info, views))
    planned.append(
        PlannedPage(
            "criteria/index.html",
            "criteria.html",
            "criteria",
            "Criteria",
            "The criteria every brief is checked against.",
            lambda: {
                "rules": findings.rule_views(),
                "diagnostics": findings.diagnostic_views(),
                "health": health(),
            },
        )
    )
    history = views.analysis.history
    if history is not None:
        pages_of = {brief.path: views.views[brief.slug].path for brief in views.briefs}
        planned.append(
            PlannedPage(
                "changes/index.html",
                "changes.html",
                "changes",
                "Changes",
                f"What changed since {history.base_label}." if history.base_label else "What changed.",
                lambda: {"changes": changes_view(history, pages_of)},
            )
        )
    planned.append(PlannedPage("search/index.html", "search.html", "search", "Search", "", {}))
    for page in views.pages:
        planned.append(
            PlannedPage(
                f"{page.slug}/index.html",
                "page.html",
                "page",
                page.title,
                page.description,
                partial(_page_context, bodies, page),
            )
        )
    planned.append(PlannedPage("404.html", "404.html", "404", "Page not found", "", {}))
    return planned


def _group_pages(kind: GroupKind, info: KindView, views: SiteViews) -> list[PlannedPage]:
    groups = views.groups[kind.kind]
    pages = [
        PlannedPage(
            f"{kind.folder}/index.html",
            "groups.html",
            "groups",
            kind.label,
            "",
            {"kind": kind.kind, "kinds": KIND_VIEWS, "kind_info": info, "groups": tuple(groups.values())},
        )
    ]
    for group in groups.values():
        pages.append(
            PlannedPage(
                f"{group.path}index.html",
                "group.html",
                "group",
                f"{kind.heading}: {group.name}",
                "",
                {"group": group, "kind_info": info},
            )
        )
    return pages


def _brief_context(views: SiteViews, bodies: Bodies, findings: Findings, brief: Brief) -> dict:
    same_sufferer, same_tags = views.neighbours(brief)
    graph = views.analysis.graph
    return {
        "brief": views.views[brief.slug],
        "body": bodies.brief_body(brief),
        "checklist": findings.checklist(brief),
        "related": views.links(graph.related(brief.slug)),
        "backlinks": views.links(graph.backlinks.get(brief.slug, ())),
        "same_sufferer": same_sufferer,
        "same_tags": same_tags,
    }


def _page_context(bodies: Bodies, page: Page) -> dict:
    return {"content": {"title": page.title, "description": page.description, "body": bodies.page_body(page)}}
