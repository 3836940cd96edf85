"""The second phase, part one: turn an analysis into the views templates see (the theme API) and
plan every page of the site. ``render`` turns the plan into files."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from functools import partial
from typing import Callable, Iterable, Iterator

from playbook import __version__
from playbook.chart import render_chart
from playbook.diagnostics import Diagnostic, Severity
from playbook.feeds import render_atom, render_sitemap
from playbook.links import find_wikilinks
from playbook.markdown import MarkdownRenderer, Rendered
from playbook.metrics import Levers
from playbook.model import STATUSES, Brief
from playbook.pages import Body, Carried, PlannedPage, once, url_from
from playbook.project import Analysis
from playbook.ranking import Ranking, explain_unranked, rank_briefs
from playbook.rules import RULES
from playbook.views import (
    BriefView, CheckView, DiagnosticView, GroupView, HealthView, LeversView, LeverView, LinkView,
    MetricsView, RuleView, SiteView, name_slug,
)

# Ids the default theme's pages and the chart use around a body: no body heading may take one.
PAGE_IDS = frozenset({
    "main", "site-search", "search-form", "search-input", "search-help", "search-status", "search-results",
    "filter-text", "filter-tier", "filter-status", "ranking", "ranking-caption", "group-table", "group-table-caption",
    "chart-title", "chart-desc", "health-heading", "summary-heading", "sufferer-heading", "losing-heading",
    "good-enough-heading", "model-heading", "checklist-heading", "notes-heading", "connections-heading",
    "ranking-heading", "unranked-heading", "rules-heading", "diagnostics-heading", "diagnostics-caption",
})
CHECKLIST_CODES = [code for code in RULES if code == "PB003" or code >= "PB007"]


class SiteBuilder:
    """Builds the views of one analysis once, then renders pages from them."""

    def __init__(self, analysis: Analysis, *, base_url: str | None = None, include_drafts: bool = False,
                 carried: Carried | None = None, words_cache: dict[str, str] | None = None):
        self.analysis = analysis
        self.config = analysis.config
        self.base_url = (self.config.base_url if base_url is None else base_url).strip()
        if self.base_url and not self.base_url.endswith("/"):
            self.base_url += "/"
        self.briefs = [b for b in analysis.briefs if include_drafts or not b.draft]
        self.pages = [p for p in analysis.pages if include_drafts or not p.draft]
        # A draft left out leaves no trace: not even its findings in the counts and the criteria page.
        hidden = {d.path for d in (*analysis.briefs, *analysis.pages) if d.draft and not include_drafts}
        self.diagnostics = [d for d in analysis.diagnostics if d.path not in hidden] if hidden else list(analysis.diagnostics)
        self.visible = {b.slug for b in self.briefs}
        self.ranking: Ranking = rank_briefs(self.briefs, analysis.metrics) if len(self.briefs) != len(analysis.briefs) else analysis.ranking
        self.by_path: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in self.diagnostics:
            self.by_path[d.path].append(d)
        keep_markdown = carried is not None
        carried = carried if carried is not None else Carried()
        self.view_cache = carried.views
        self.views_used: dict[str, tuple] = {}
        # Checklists depend only on a brief's findings (and the settings, fixed per memo), so briefs
        # with the same findings share one, across rebuilds too.
        self.checklists: dict[tuple, tuple[CheckView, ...]] = carried.checklists
        self.checklist_codes = [code for code in CHECKLIST_CODES if self.config.severity(code) is not None]
        self.link_views: dict[str, LinkView] = {}
        self.shared: dict = {}
        self.tag_heads: dict[str, list[str]] = {}
        self.views = {b.slug: self._cached_view(b) for b in self.briefs}
        carried.views = self.views_used
        # Groups follow from the views in rank order: the same views in the same order (an edit
        # to a body, say) make the same groups.
        in_order = tuple(self.views[b.slug] for b in self._in_rank_order())
        if carried.groups is None or carried.groups[0] != in_order:
            carried.groups = (in_order, self._groups("tag", lambda b: [(name_slug(t), t) for t in b.tags]),
                              self._groups("sufferer", lambda b: [(name_slug(b.sufferer.who), b.sufferer.who)]),
                              self._groups("status", lambda b: [(b.status, b.status)]))
        _, self.tag_groups, self.sufferer_groups, self.status_groups = carried.groups
        self.markdown = MarkdownRenderer(allow_html=self.config.allow_html, reserved_ids=PAGE_IDS)
        # serve keeps what it renders for the next version; a build renders each body once
        self.markdown_cache: dict[str, Rendered] | None = carried.markdown if keep_markdown else None
        self.words = words_cache if words_cache is not None else {}  # a body's key -> its distinct words
        self.words_used: dict[str, str] = {}
        self.search_entries: dict[str, dict] = {}  # filled as brief pages are made
        self.page_paths: list[str] = []  # every HTML page rendered so far, for the sitemap

    # --- views ----------------------------------------------------------------------------------

    def _cached_view(self, brief: Brief) -> BriefView:
        """Return the brief's view, the same object as last render when nothing it shows changed,
        so comparing page contexts is mostly comparing identities."""
        entry = self.ranking.position(brief.slug)
        key = (brief, self.analysis.metrics[brief.slug], entry.rank if entry else None, entry.why if entry else "",
               self.analysis.levers.get(brief.slug))
        cached = self.view_cache.get(brief.slug)
        if cached is not None and cached[0] == key:
            view = cached[1]
        else:
            view = self._brief_view(brief)
        self.views_used[brief.slug] = (key, view)
        return view

    def _brief_view(self, brief: Brief) -> BriefView:
        m = self.analysis.metrics[brief.slug]
        entry = self.ranking.position(brief.slug)
        levers = self.analysis.levers.get(brief.slug)
        return BriefView(
            slug=brief.slug, path=f"briefs/{brief.slug}/", title=brief.title, status=brief.status,
            status_path=self._shared(f"status/{brief.status}/"), owner=brief.owner,
            updated=brief.updated.isoformat() if brief.updated else "", draft=brief.draft,
            tags=tuple(self._shared(LinkView(t, f"tags/{name_slug(t)}/")) for t in brief.tags),
            who=brief.sufferer.who, who_path=self._shared(f"sufferers/{name_slug(brief.sufferer.who)}/"),
            losing=brief.sufferer.losing, evidence=brief.sufferer.evidence,
            severity=brief.pain.severity, frequency=brief.pain.frequency, reach=brief.pain.reach,
            when_wrong=brief.good_enough.when_wrong, error_cost=brief.good_enough.error_cost,
            catchability=brief.good_enough.catchability, alternative=brief.good_enough.alternative,
            emotional_state=brief.good_enough.emotional_state, measured_on=brief.model.measured_on,
            problem=brief.scope.problem, workflow_steps=brief.scope.workflow_steps, covered_steps=brief.scope.covered_steps,
            metrics=MetricsView(m.required_accuracy, m.required_given, m.model_accuracy, m.fit, m.tier, m.pain, m.completeness, m.score),
            rank=entry.rank if entry else None,
            why=entry.why if entry else explain_unranked(brief),
            levers=_levers_view(levers) if levers else None,
            source_path=brief.path,
        )

    def _shared(self, value):
        """Return the one equal value already made: thousands of briefs share a tag's link or a
        sufferer's path, and each copy would stay in memory for the whole build."""
        return self.shared.setdefault(value, value)

    def _groups(self, kind: str, keys: Callable[[Brief], list[tuple[str, str]]]) -> dict[str, GroupView]:
        members: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets, in rank order
        names: dict[str, str] = {}
        for brief in self._in_rank_order():
            for slug, name in keys(brief):
                names.setdefault(slug, name)
                members[slug][brief.slug] = None
        folder = {"tag": "tags", "status": "status", "sufferer": "sufferers"}[kind]
        order = sorted(members, key=lambda s: (STATUSES.index(s),) if kind == "status" else (names[s].casefold(), s))
        return {slug: GroupView(kind, names[slug], f"{folder}/{slug}/", tuple(self.views[b] for b in members[slug])) for slug in order}

    def _in_rank_order(self) -> Iterator[Brief]:
        yield from (entry.brief for entry in self.ranking.ranked)
        yield from self.ranking.unranked

    def _checklist(self, brief: Brief) -> tuple[CheckView, ...]:
        """Return the criteria checklist; briefs with the same findings share one (most have none)."""
        findings = tuple(self.by_path.get(brief.path, ()))
        key = tuple((d.code, d.severity, d.message, d.hint) for d in findings)
        checklist = self.checklists.get(key)
        if checklist is None:
            checklist = self.checklists[key] = self._make_checklist(findings)
        return checklist

    def _make_checklist(self, findings: tuple[Diagnostic, ...]) -> tuple[CheckView, ...]:
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in findings:
            found[d.code].append(d)
        items = []
        for code in self.checklist_codes:
            rule = RULES[code]
            hits = found.get(code, [])
            state = "pass" if not hits else {Severity.ERROR: "failed", Severity.WARNING: "warning", Severity.INFO: "info"}[max(d.severity for d in hits)]
            items.append(CheckView(code, rule.name, rule.summary, state, tuple(f"{d.message} — {d.hint}" if d.hint else d.message for d in hits)))
        return tuple(items)

    def _links(self, slugs) -> tuple[LinkView, ...]:
        return tuple(self._link(s) for s in slugs if s in self.visible)

    def _link(self, slug: str) -> LinkView:
        link = self.link_views.get(slug)
        if link is None:
            view = self.views[slug]
            link = self.link_views[slug] = LinkView(view.title, view.path, view.status)
        return link

    def _neighbours(self, brief: Brief) -> tuple[tuple[LinkView, ...], tuple[LinkView, ...]]:
        """Return up to ten briefs sharing the sufferer, and up to ten sharing the most tags,
        best ranked first; only the top of each group is looked at, so big groups cost nothing."""
        sufferer = self.sufferer_groups[name_slug(brief.sufferer.who)]
        same_sufferer = [v.slug for v in sufferer.briefs[:11] if v.slug != brief.slug][:10]
        counts: dict[str, int] = {}
        for tag in brief.tags:
            for slug in self._group_head(name_slug(tag)):
                if slug != brief.slug:
                    counts[slug] = counts.get(slug, 0) + 1
        same_tags = sorted(counts, key=counts.__getitem__, reverse=True)[:10]  # stable: rank order among equals
        return self._links(same_sufferer), self._links(same_tags)

    def _group_head(self, tag: str) -> list[str]:
        head = self.tag_heads.get(tag)
        if head is None:
            head = self.tag_heads[tag] = [view.slug for view in self.tag_groups[tag].briefs[:50]]
        return head

    def _health(self) -> HealthView:
        counts = {s: 0 for s in Severity}
        for d in self.diagnostics:
            counts[d.severity] += 1
        clean = sum(1 for b in self.briefs if not self.by_path.get(b.path))
        top = tuple(sorted((r for r in self._rule_views() if r.count), key=lambda r: (-r.count, r.code))[:5])
        return HealthView(len(self.briefs), clean, counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO], top)

    def _rule_views(self) -> tuple[RuleView, ...]:
        counts: dict[str, int] = defaultdict(int)
        for d in self.diagnostics:
            counts[d.code] += 1
        views = []
        for rule in sorted(RULES.values(), key=lambda r: r.code):
            severity = self.config.severity(rule.code)
            views.append(RuleView(rule.code, rule.name, severity.label if severity else "off", rule.summary, rule.reason,
                                  rule.fails, rule.passes, counts[rule.code]))
        return tuple(views)

    def _diagnostic_views(self) -> tuple[DiagnosticView, ...]:
        by_file = {b.path: b for b in self.briefs}
        views = []
        for d in self.diagnostics:
            brief = by_file.get(d.path)
            link = LinkView(brief.title, f"briefs/{brief.slug}/") if brief else None
            views.append(DiagnosticView(d.path, d.line, d.column, d.severity.label, d.code, d.name, d.message, d.hint, link))
        return tuple(views)

    # --- pages ----------------------------------------------------------------------------------

    def plan(self) -> Iterator[PlannedPage]:
        """Yield every HTML page of the site, in a fixed order."""
        ranked_views = [self.views[e.brief.slug] for e in self.ranking.ranked]
        health = once(self._health)
        title = self.config.title
        yield PlannedPage("index.html", "index.html", "index", title, self.config.description, lambda: {
            "ready": tuple(v for v in ranked_views if v.metrics.tier == "ready"),
            "model_gap": tuple(v for v in ranked_views if v.metrics.tier != "ready"),
            "unranked": tuple(self.views[b.slug] for b in self.ranking.unranked),
            "chart": render_chart(ranked_views, self.config.criteria.partial_below),
            "health": health(),
        })
        for brief in self._in_rank_order():
            yield self._brief_page(brief)
        for kind, folder, groups in (("tag", "tags", self.tag_groups), ("status", "status", self.status_groups),
                                     ("sufferer", "sufferers", self.sufferer_groups)):
            label = {"tag": "Tags", "status": "Statuses", "sufferer": "Sufferers"}[kind]
            yield PlannedPage(f"{folder}/index.html", "groups.html", "groups", label, "", {"kind": kind, "groups": tuple(groups.values())})
            for group in groups.values():
                heading = {"tag": "Tag", "status": "Status", "sufferer": "Sufferer"}[kind]
                yield PlannedPage(f"{group.path}index.html", "group.html", "group", f"{heading}: {group.name}", "", {"group": group})
        yield PlannedPage("criteria/index.html", "criteria.html", "criteria", "Criteria", "The criteria every brief is checked against.",
                          lambda: {"rules": self._rule_views(), "diagnostics": self._diagnostic_views(), "health": health()})
        yield PlannedPage("search/index.html", "search.html", "search", "Search", "", {})
        for page in self.pages:
            yield PlannedPage(f"{page.slug}/index.html", "page.html", "page", page.title, page.description,
                              partial(self._page_context, page))
        yield PlannedPage("404.html", "404.html", "404", "Page not found", "", {})

    def _render_markdown(self, page_path: str, body: str, slug: str | None = None) -> Body:
        """Return ``body`` to be rendered when first shown, or rendered already when the cache has
        it (neither it nor a brief it links to changed)."""
        resolve = self._resolver(page_path)
        if slug is not None:  # a brief: its links were found when the project was analysed
            linked = [link.target for link in self.analysis.graph.links.get(slug, ()) if link.kind == "body"]
        else:
            linked = [target for target, *_ in find_wikilinks(body, 1)] if "[[" in body else []
        targets = tuple((target, resolve(target)) for target in linked)
        key = hashlib.sha1(repr((page_path, body, targets)).encode("utf-8")).hexdigest()
        cache = self.markdown_cache
        if cache is not None and key in cache:
            return Body(key, None, cache[key])

        def make() -> Rendered:
            rendered = self.markdown.render(body, resolve)
            if cache is not None:
                cache[key] = rendered
            return rendered

        return Body(key, make)

    def _resolver(self, page_path: str):
        url = url_from(page_path)

        def resolve(slug: str):
            view = self.views.get(slug)
            return (url(view.path), view.title) if view else None

        return resolve

    def _page_context(self, page) -> dict:
        body = self._render_markdown(f"{page.slug}/index.html", page.body)
        return {"content": {"title": page.title, "description": page.description, "body": body}}

    def _brief_page(self, brief: Brief) -> PlannedPage:
        view = self.views[brief.slug]
        return PlannedPage(f"{view.path}index.html", "brief.html", "brief", view.title, view.problem,
                           partial(self._brief_context, brief))

    def _brief_body(self, brief: Brief) -> Body:
        """Return the brief's body, and note its search entry on the way (its words from the
        cache when the body is unchanged, so a warm build renders no Markdown it does not show)."""
        view = self.views[brief.slug]
        body = self._render_markdown(f"{view.path}index.html", brief.body, brief.slug)
        words = self.words.get(body.key)
        if words is None:
            words = body.rendered.words
        self.words_used[body.key] = words
        self.search_entries[brief.slug] = {"t": view.title, "u": view.path, "s": view.status, "g": list(brief.tags),
                                           "w": view.who, "p": view.problem, "o": view.owner, "x": words}
        if view.draft:
            self.search_entries[brief.slug]["d"] = 1
        return body

    def _brief_context(self, brief: Brief) -> dict:
        view = self.views[brief.slug]
        body = self._brief_body(brief)
        same_sufferer, same_tags = self._neighbours(brief)
        return {
            "brief": view,
            "body": body,
            "checklist": self._checklist(brief),
            "related": self._links(self.analysis.graph.related(brief.slug)),
            "backlinks": self._links(self.analysis.graph.backlinks.get(brief.slug, ())),
            "same_sufferer": same_sufferer,
            "same_tags": same_tags,
        }

    def site_view(self) -> SiteView:
        nav = [LinkView("Playbook", ""), LinkView("Criteria", "criteria/"), LinkView("Tags", "tags/"), LinkView("Search", "search/")]
        nav += [LinkView(p.title, f"{p.slug}/") for p in self.pages if "/" not in p.slug]
        return SiteView(self.config.title, self.config.description, self.base_url, self.config.language, __version__, tuple(nav))

    def data_files(self) -> Iterator[tuple[str, Iterable[bytes]]]:
        """Yield the machine-readable files, each as pieces of bytes (playbook.json a piece a brief,
        never whole in memory): playbook.json, the search index, and with a base URL the feed and sitemap."""
        for path, make in self.data_makers().items():
            yield path, make()

    def data_makers(self) -> dict[str, Callable[[], Iterable[bytes]]]:
        """Return each machine-readable file's path and how to make its pieces (after the pages,
        whose rendering leaves the search entries behind; any entry missing is made then)."""
        makers: dict[str, Callable[[], Iterable[bytes]]] = {
            "playbook.json": self._playbook_json, "assets/search-index.js": lambda: (self._search_index(),)}
        if self.base_url:
            makers["feed.xml"] = lambda: (render_atom(self.config.title, self.base_url, self._views_in_rank_order()),)
            makers["sitemap.xml"] = lambda: (render_sitemap(self.base_url, self.page_paths, {
                v.path + "index.html": v.updated for v in self._views_in_rank_order()}),)
        return makers

    def _views_in_rank_order(self) -> list[BriefView]:
        return [self.views[b.slug] for b in self._in_rank_order()]

    def _search_index(self) -> bytes:
        entries = []
        for brief in self._in_rank_order():
            if brief.slug not in self.search_entries:
                self._brief_body(brief)
            entries.append(self.search_entries[brief.slug])
        return ("window.PLAYBOOK_SEARCH = " + json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + ";\n").encode("utf-8")

    def _playbook_json(self) -> Iterator[bytes]:
        def brief_data(brief: Brief) -> dict:
            view = self.views[brief.slug]
            m = view.metrics
            return {
                "slug": brief.slug, "title": brief.title, "status": brief.status, "rank": view.rank, "tier": m.tier,
                "score": m.score, "pain": m.pain, "completeness": m.completeness, "required_accuracy": m.required_accuracy,
                "model_accuracy": m.model_accuracy, "fit": m.fit, "why": view.why, "path": view.path,
                "owner": brief.owner, "updated": view.updated, "tags": list(brief.tags),
                "sufferer": {"who": brief.sufferer.who, "losing": brief.sufferer.losing, "evidence": list(brief.sufferer.evidence)},
                "pain_inputs": {"severity": brief.pain.severity, "frequency": brief.pain.frequency, "reach": brief.pain.reach},
                "good_enough": {"when_wrong": view.when_wrong, "error_cost": view.error_cost, "catchability": view.catchability,
                                "alternative": view.alternative, "emotional_state": view.emotional_state},
                "model": {"accuracy": brief.model.accuracy, "measured_on": brief.model.measured_on},
                "scope": {"problem": view.problem, "workflow_steps": list(view.workflow_steps), "covered_steps": list(view.covered_steps)},
                "related": [s for s in self.analysis.graph.related(brief.slug) if s in self.visible],
                "levers": None if view.levers is None else {
                    "smallest": None if view.levers.smallest is None else {"change": view.levers.smallest.phrase, "required_accuracy": view.levers.smallest.required_accuracy},
                    "single": [{"change": lv.phrase, "required_accuracy": lv.required_accuracy, "closes_gap": lv.closes_gap} for lv in view.levers.single],
                },
            }

        # One brief a line, each through the C encoder (json's indent= falls back to pure Python).
        head = json.dumps({"title": self.config.title, "description": self.config.description,
                           "generator": f"playbook {__version__}"}, ensure_ascii=False)[:-1]
        yield f'{head}, "briefs": [\n'.encode("utf-8")
        separator = b""
        for brief in self._in_rank_order():
            yield separator + json.dumps(brief_data(brief), ensure_ascii=False).encode("utf-8")
            separator = b",\n"
        yield b"\n]}\n"


def _levers_view(levers: Levers) -> LeversView:
    single = tuple(LeverView(lv.phrase, lv.required_accuracy, lv.closes_gap) for lv in levers.single)
    smallest = levers.smallest
    return LeversView(single, LeverView(smallest.phrase, smallest.required_accuracy, True) if smallest else None, levers.hint())
