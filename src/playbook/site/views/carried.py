"""What one version of the site leaves to the next: the views, checklists, groups and rendered
Markdown that ``serve`` reuses while what they show is the same."""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook.site.markdown.common import Rendered


@dataclass
class Carried:
    """What one version of the site leaves to the next under the same settings, so ``serve`` makes
    again only what an edit changed: brief views, checklists, rendered Markdown and groups."""

    views: dict[str, tuple] = field(default_factory=dict)  # slug -> (what the view shows, view)
    checklists: dict[tuple, tuple] = field(default_factory=dict)  # findings -> checklist
    markdown: dict[str, Rendered] = field(default_factory=dict)  # a body's key -> its rendering
    groups: tuple | None = None  # (views in rank order, tag, sufferer and status groups)
