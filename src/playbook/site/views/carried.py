"""What one version of the site leaves to the next: the views, checklists, groups and rendered
Markdown that ``serve`` reuses while what they show is the same."""

from __future__ import annotations

from typing import NamedTuple

from msgspec import Struct, field

from playbook.site.markdown.common import Rendered
from playbook.site.views.api import BriefView, CheckView, GroupView


class KeptView(NamedTuple):
    """A brief's view, with everything it shows (the brief, its numbers, rank, levers, movement
    and history): the view is reused while that is equal."""

    shows: tuple
    view: BriefView


class KeptGroups(NamedTuple):
    """The group pages' views (by kind, then by group), made from the briefs' views in rank order."""

    in_order: tuple[BriefView, ...]
    by_kind: dict[str, dict[str, GroupView]]


class Carried(Struct):
    """What one version of the site leaves to the next under the same settings, so ``serve`` makes
    again only what an edit changed: brief views, checklists, rendered Markdown and groups."""

    views: dict[str, KeptView] = field(default_factory=dict)  # by slug
    checklists: dict[tuple, tuple[CheckView, ...]] = field(default_factory=dict)  # by the findings shown
    markdown: dict[str, Rendered] = field(default_factory=dict)  # a body's key -> its rendering
    groups: KeptGroups | None = None
