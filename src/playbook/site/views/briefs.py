"""The views of one analysis: every brief as templates see it, the groups it is filed under (one
table of group kinds, ``layout.GROUP_KINDS``), and the links between briefs. Views are frozen
and shared, and carried over from one version of the site to the next while what they show is
the same, so ``serve`` compares page contexts mostly by identity."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from playbook.analysis.metrics import Levers, Metrics
from playbook.analysis.project import Analysis
from playbook.analysis.ranking import Ranking, explain_unranked
from playbook.diagnostics import Diagnostic
from playbook.layout import GROUP_KINDS, GroupKind
from playbook.load.model import Brief
from playbook.site.views.api import (
    BriefView,
    GroupView,
    LeversView,
    LeverView,
    LinkView,
    MetricsView,
    name_slug,
)
from playbook.site.views.carried import Carried, KeptGroups, KeptView
from playbook.site.views.changes import movements, timeline_view
from playbook.site.views.slicechart import slices_view

KINDS = {kind.kind: kind for kind in GROUP_KINDS}


def group_values(kind: GroupKind, brief: Brief) -> list[tuple[str, str]]:
    """Return ``(slug, name)`` of each group of ``kind`` that ``brief`` is filed under."""
    value: object = brief
    for part in kind.key.split("."):
        value = getattr(value, part)
    names = value if isinstance(value, tuple) else (value,)
    return [(name_slug(name) if kind.named else name, name) for name in names if name]


def group_path(kind: str, name: str) -> str:
    """Return the site path of the group of ``kind`` called ``name``."""
    group = KINDS[kind]
    return f"{group.folder}/{name_slug(name) if group.named else name}/"


class SiteViews:
    """The briefs, pages and findings a build shows (drafts left out unless included), and their views."""

    def __init__(self, analysis: Analysis, *, include_drafts: bool = False, carried: Carried | None = None):
        self.analysis = analysis
        self.briefs = [b for b in analysis.briefs if include_drafts or not b.draft]
        self.pages = [p for p in analysis.pages if include_drafts or not p.draft]
        # A draft left out leaves no trace: not even its findings in the counts and the criteria page
        # (the analysis marks a draft's findings, a draft that has errors included).
        self.diagnostics = [d for d in analysis.diagnostics if include_drafts or not d.draft]
        self.visible = {b.slug for b in self.briefs}
        self.ranking: Ranking = analysis.ranking if include_drafts else analysis.published_ranking
        self.by_path: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in self.diagnostics:
            self.by_path[d.path].append(d)
        history = analysis.history
        self.movements = movements(history) if history is not None else {}
        self.tracks = history.tracks if history is not None else {}
        self.carried = carried = carried if carried is not None else Carried()
        self.link_views: dict[str, LinkView] = {}
        self.shared: dict = {}
        self.tag_heads: dict[str, list[str]] = {}
        previous, used = carried.views, {}
        self.views = {b.slug: self._cached_view(b, previous, used) for b in self.briefs}
        carried.views = used
        # Groups follow from the views in rank order: the same views in the same order (an edit
        # to a body, say) make the same groups.
        in_order = tuple(self.views[b.slug] for b in self.in_rank_order())
        if carried.groups is None or carried.groups.in_order != in_order:
            carried.groups = KeptGroups(in_order, {kind.kind: self._groups(kind) for kind in GROUP_KINDS})
        self.groups: dict[str, dict[str, GroupView]] = carried.groups.by_kind

    def in_rank_order(self) -> Iterator[Brief]:
        yield from (entry.brief for entry in self.ranking.ranked)
        yield from self.ranking.unranked

    def views_in_rank_order(self) -> list[BriefView]:
        return [self.views[b.slug] for b in self.in_rank_order()]

    def _cached_view(
        self, brief: Brief, previous: dict[str, KeptView], used: dict[str, KeptView]
    ) -> BriefView:
        """Return the brief's view, the same object as last time when nothing it shows changed."""
        entry = self.ranking.position(brief.slug)
        key = (
            brief,
            self.analysis.metrics[brief.slug],
            entry.rank if entry else None,
            entry.why if entry else "",
            self.analysis.levers.get(brief.slug),
            self.movements.get(brief.path),
            id(self.tracks.get(brief.path)),
            self.analysis.config.ranking.min_slice_cases,  # the slice section says it
        )
        cached = previous.get(brief.slug)
        view = cached.view if cached is not None and cached.shows == key else self._brief_view(brief)
        used[brief.slug] = KeptView(key, view)
        return view

    def _brief_view(self, brief: Brief) -> BriefView:
        m = self.analysis.metrics[brief.slug]
        entry = self.ranking.position(brief.slug)
        levers = self.analysis.levers.get(brief.slug)
        return BriefView(
            slug=brief.slug,
            path=f"briefs/{brief.slug}/",
            title=brief.title,
            status=brief.status,
            status_path=self._shared(group_path("status", brief.status)),
            owner=brief.owner,
            updated=brief.updated.isoformat() if brief.updated else "",
            draft=brief.draft,
            tags=tuple(self._shared(LinkView(t, group_path("tag", t))) for t in brief.tags),
            who=brief.sufferer.who,
            who_path=self._shared(group_path("sufferer", brief.sufferer.who)),
            losing=brief.sufferer.losing,
            evidence=brief.sufferer.evidence,
            severity=brief.pain.severity,
            frequency=brief.pain.frequency,
            reach=brief.pain.reach,
            when_wrong=brief.good_enough.when_wrong,
            error_cost=brief.good_enough.error_cost,
            catchability=brief.good_enough.catchability,
            alternative=brief.good_enough.alternative,
            emotional_state=brief.good_enough.emotional_state,
            measured_on=brief.model.measured_on,
            problem=brief.scope.problem,
            workflow_steps=brief.scope.workflow_steps,
            covered_steps=brief.scope.covered_steps,
            metrics=metrics_view(m),
            rank=entry.rank if entry else None,
            why=entry.why if entry else explain_unranked(brief),
            levers=levers_view(levers) if levers else None,
            source_path=brief.path,
            movement=self.movements.get(brief.path),
            history=timeline_view(self.tracks.get(brief.path)),
            slices=slices_view(brief.model.eval_slice, m, self.analysis.config.ranking.min_slice_cases),
        )

    def _shared(self, value):
        """Return the one equal value already made: thousands of briefs share a tag's link or a
        sufferer's path, and each copy would stay in memory for the whole build."""
        return self.shared.setdefault(value, value)

    def _groups(self, kind: GroupKind) -> dict[str, GroupView]:
        members: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets, in rank order
        names: dict[str, str] = {}
        for brief in self.in_rank_order():
            for slug, name in group_values(kind, brief):
                names.setdefault(slug, name)
                members[slug][brief.slug] = None
        if kind.ordered_by:
            order = sorted(members, key=kind.ordered_by.index)
        else:
            order = sorted(members, key=lambda s: (names[s].casefold(), s))
        return {
            slug: GroupView(
                kind.kind, names[slug], f"{kind.folder}/{slug}/", tuple(self.views[b] for b in members[slug])
            )
            for slug in order
        }

    def links(self, slugs) -> tuple[LinkView, ...]:
        """Return links to the briefs among ``slugs`` that the site shows."""
        return tuple(self._link(s) for s in slugs if s in self.visible)

    def _link(self, slug: str) -> LinkView:
        link = self.link_views.get(slug)
        if link is None:
            view = self.views[slug]
            link = self.link_views[slug] = LinkView(view.title, view.path, view.status)
        return link

    def neighbours(
        self, brief: Brief, cap: int = 10
    ) -> tuple[tuple[LinkView, ...], tuple[LinkView, ...], int]:
        """Return up to ``cap`` briefs sharing the sufferer, up to ``cap`` sharing the most tags,
        best ranked first, and how many more share the sufferer; only the top of each group is
        looked at, so big groups cost nothing."""
        sufferer = self.groups["sufferer"][name_slug(brief.sufferer.who)]
        same_sufferer = [v.slug for v in sufferer.briefs[: cap + 1] if v.slug != brief.slug][:cap]
        counts: dict[str, int] = {}
        for tag in brief.tags:
            for slug in self._group_head(name_slug(tag)):
                if slug != brief.slug:
                    counts[slug] = counts.get(slug, 0) + 1
        same_tags = sorted(counts, key=counts.__getitem__, reverse=True)[
            :cap
        ]  # stable: rank order among equals
        shown = self.links(same_sufferer)
        return shown, self.links(same_tags), len(sufferer.briefs) - 1 - len(shown)

    def _group_head(self, tag: str) -> list[str]:
        head = self.tag_heads.get(tag)
        if head is None:
            head = self.tag_heads[tag] = [view.slug for view in self.groups["tag"][tag].briefs[:50]]
        return head


def levers_view(levers: Levers) -> LeversView:
    single = tuple(
        LeverView(lv.phrase, lv.required_accuracy, lv.closes_gap, lv.short) for lv in levers.single
    )
    smallest = levers.smallest
    return LeversView(
        single,
        LeverView(smallest.phrase, smallest.required_accuracy, True, smallest.short) if smallest else None,
        levers.hint(),
    )


def metrics_view(m: Metrics) -> MetricsView:
    """Return a brief's numbers as the templates see them."""
    return MetricsView(
        m.required_accuracy,
        m.required_given,
        m.model_accuracy,
        m.fit,
        m.tier,
        m.pain,
        m.completeness,
        m.score,
        m.samples,
        m.accuracy_low,
        m.accuracy_high,
        m.confidence,
        m.proven,
        m.verdict,
        m.within_noise,
        m.cases_needed,
        m.eval,
        m.on_lower_bound,
    )
