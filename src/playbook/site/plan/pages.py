"""The plan of the site: every HTML page, its template and its context (made lazily, by whichever
process renders it). The group pages come from one table, ``layout.GROUP_KINDS``: a new kind of
index is a row there (and its template, if the generic one will not do)."""

from __future__ import annotations

from functools import partial
from typing import Callable

from playbook import __version__
from playbook.layout import GROUP_KINDS, GroupKind
from playbook.load.config import Config
from playbook.load.model import Brief, Page
from playbook.site.plan.bodies import Bodies
from playbook.site.plan.paging import PAGE_SIZE, paginate
from playbook.site.plan.planned import PlannedPage, once
from playbook.site.views.api import BriefView, FindingsView, KindView, LinkView, PagerView, SiteView
from playbook.site.views.briefs import SiteViews
from playbook.site.views.changes import changes_view
from playbook.site.views.chart import render_chart
from playbook.site.views.findings import Findings

CONNECTED = 3  # briefs a brief page lists that link to or from it; "and N more" counts the rest
NEIGHBOURS = 1  # briefs it lists that only share its sufferer or tags: their group pages list the rest
FIRST_FINDINGS = 10  # a rule's findings the criteria page shows before linking to all of them
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
    planned = _ranking_pages(views, ranked_views, health, config)
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
    planned.extend(_criteria_pages(findings, health))
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


def _ranking_pages(
    views: SiteViews, ranked_views: list[BriefView], health: Callable[[], object], config: Config
) -> list[PlannedPage]:
    """The index and the ranking's later pages (``ranking/2/``...): each lists a page of ranks,
    and the first adds the chart, the health and the briefs not ranked."""
    ready = sum(1 for v in ranked_views if v.metrics.tier == "ready")
    unranked = [views.views[b.slug] for b in views.ranking.unranked]
    counts = {
        "ranked": len(ranked_views),
        "ready": ready,
        "unproven": sum(
            1 for v in ranked_views if v.metrics.tier == "ready" and v.metrics.verdict == "unproven"
        ),
        "model_gap": len(ranked_views) - ready,
        "unranked": len(unranked),
    }
    history = views.analysis.history
    planned = []
    for path, chunk, pager in paginate(ranked_views, "", "ranking/"):
        context = {
            "ready": tuple(v for v in chunk if v.metrics.tier == "ready"),
            "model_gap": tuple(v for v in chunk if v.metrics.tier != "ready"),
            "counts": counts,
            "pager": pager,
            "history_since": history.base_label if history is not None else None,
        }
        if pager.number == 1:
            planned.append(
                PlannedPage(
                    "index.html",
                    "index.html",
                    "index",
                    config.title,
                    config.description,
                    partial(_first_ranking_page, context, ranked_views, unranked, health, config),
                )
            )
        else:
            title = f"Ranking, page {pager.number} of {pager.count}"
            planned.append(PlannedPage(f"{path}index.html", "index.html", "index", title, "", context))
    return planned


def _first_ranking_page(
    context: dict,
    ranked_views: list[BriefView],
    unranked: list[BriefView],
    health: Callable[[], object],
    config: Config,
) -> dict:
    return {
        **context,
        "unranked": tuple(unranked[:PAGE_SIZE]),
        "unranked_groups": tuple(
            LinkView(status, f"status/{status}/", f"{sum(1 for v in unranked if v.status == status):,}")
            for status in dict.fromkeys(v.status for v in unranked)
        ),
        "chart": render_chart(ranked_views, config.criteria.partial_below),
        "health": health(),
    }


def _criteria_pages(findings: Findings, health: Callable[[], object]) -> list[PlannedPage]:
    """The criteria page, with each rule's first findings, and each rule's findings paged under
    ``criteria/<CODE>/``."""
    by_rule = once(findings.by_rule)
    planned = [
        PlannedPage(
            "criteria/index.html",
            "criteria.html",
            "criteria",
            "Criteria",
            "The criteria every brief is checked against.",
            lambda: {
                "rules": findings.rule_views(),
                "findings": tuple(
                    FindingsView(
                        rule, diagnostics[:FIRST_FINDINGS], len(diagnostics), f"criteria/{rule.code}/"
                    )
                    for rule, diagnostics in by_rule()
                    if diagnostics
                ),
                "health": health(),
            },
        )
    ]
    for rule, count in findings.finding_counts():
        first = f"criteria/{rule.code}/"
        for path, _, pager in paginate(range(count), first):
            title = f"{rule.code} {rule.name}: findings" + (
                f", page {pager.number}" if pager.number > 1 else ""
            )
            planned.append(
                PlannedPage(
                    f"{path}index.html",
                    "findings.html",
                    "findings",
                    title,
                    rule.summary,
                    partial(_findings_page, by_rule, rule.code, pager),
                )
            )
    return planned


def _findings_page(by_rule: Callable[[], object], code: str, pager: PagerView) -> dict:
    rule, diagnostics = next((r, d) for r, d in by_rule() if r.code == code)
    return {"rule": rule, "diagnostics": diagnostics[pager.first - 1 : pager.last], "pager": pager}


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
        for path, chunk, pager in paginate(group.briefs, group.path):
            title = f"{kind.heading}: {group.name}" + (f", page {pager.number}" if pager.number > 1 else "")
            pages.append(
                PlannedPage(
                    f"{path}index.html",
                    "group.html",
                    "group",
                    title,
                    "",
                    {"group": group, "briefs": chunk, "pager": pager, "kind_info": info},
                )
            )
    return pages


def _brief_context(views: SiteViews, bodies: Bodies, findings: Findings, brief: Brief) -> dict:
    same_sufferer, same_tags, more_sufferer = views.neighbours(brief, NEIGHBOURS)
    levers = views.views[brief.slug].levers
    shown_fix = levers.hint if levers is not None else ""  # the summary says it: the checklist points there
    graph = views.analysis.graph
    backlinks = views.links(graph.backlinks.get(brief.slug, ()))
    related = views.links(graph.related(brief.slug))
    linked = {link.path for link in (*related, *backlinks[:CONNECTED])}
    same_sufferer = tuple(link for link in same_sufferer if link.path not in linked)  # each brief listed once
    listed = linked | {link.path for link in same_sufferer}
    return {
        "brief": views.views[brief.slug],
        "body": bodies.brief_body(brief),
        "checklist": findings.checklist(brief, shown_fix),
        "related": related,
        "backlinks": backlinks[:CONNECTED],
        "same_sufferer": same_sufferer,
        "same_tags": tuple(link for link in same_tags if link.path not in listed),  # each brief listed once
        "more": {"backlinks": max(0, len(backlinks) - CONNECTED), "same_sufferer": more_sufferer},
    }


def _page_context(bodies: Bodies, page: Page) -> dict:
    return {"content": {"title": page.title, "description": page.description, "body": bodies.page_body(page)}}
