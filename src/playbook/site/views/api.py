"""The theme API: the values templates see. Templates get these views, never the internal model,
so the model can change without breaking a theme. Documented in docs/themes.md.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from msgspec import Struct, field

from playbook.lazyregex import regex
from playbook.load.model import RESERVED_NAMES

PLAIN_NAME = regex(r"[a-z0-9\s\-_.,;:'\"()\[\]{}!?/\\|&]*")  # letters, digits and mere separators


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Return a URL-safe slug: lowercase ASCII words joined by hyphens (``x`` when none survive)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "x"


@lru_cache(maxsize=65536)
def name_slug(text: str) -> str:
    """Return the address of a tag's or a sufferer's page: :func:`slugify`, and when its words
    alone would not tell the name apart — letters outside ASCII, symbols such as + or #, a name
    cut at 80 characters, a device name Windows reserves — a short digest of the name (case and
    spacing aside), so C++ and C#, or two names in Japanese, never share a page, and no folder
    is called con or nul."""
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    slug = slugify(text)
    plain = PLAIN_NAME.fullmatch(folded) and re.search(
        "[a-z0-9]", folded
    )  # so slugify did not fall back to "x"
    if plain and len(slug) < 80 and not re.fullmatch(RESERVED_NAMES, slug):
        return slug
    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:70].rstrip('-')}-{digest}"


class LinkView(Struct, frozen=True):
    """A link to another page of the site: ``path`` is site-relative; pass it to ``url()``."""

    title: str
    path: str
    note: str = ""  # a short annotation, such as a brief's status


class MetricsView(Struct, frozen=True):
    """A brief's numbers as templates show them: needed against has, fit, tier and score."""

    required_accuracy: float
    required_given: bool
    model_accuracy: float
    fit: float
    tier: str  # "ready" | "model-gap"
    pain: float
    completeness: float
    score: float
    samples: int | None = None  # the cases the accuracy was measured on
    accuracy_low: float | None = None  # the interval at ``confidence``, with a sample size
    accuracy_high: float | None = None
    confidence: float = 0.95
    proven: bool | None = None  # the interval's low end reaches the need; None without a sample size
    verdict: str = "unsized"  # "proven" | "unproven" | "unsized" | "gap"
    within_noise: bool = False  # a gap the interval still reaches across
    cases_needed: int | None = None  # cases at this accuracy that would settle it
    eval: str = ""  # the evaluation file, relative to the project
    on_lower_bound: bool = False  # fit is measured from the interval's low end


class LeverView(Struct, frozen=True):
    """One workflow change, and the accuracy it would then take."""

    phrase: str  # the change with an example of how ("... (e.g. show the source next to each answer)")
    required_accuracy: float
    closes_gap: bool
    short: str = ""  # the change alone ("errors become easy to catch")


class LeversView(Struct, frozen=True):
    """The workflow changes that lower the accuracy a brief needs, and the smallest that closes its gap."""

    single: tuple[LeverView, ...]
    smallest: LeverView | None  # None: no workflow change closes the gap
    hint: str


class CheckView(Struct, frozen=True):
    """One criterion on one brief: ``state`` is "pass", "accepted" (every finding accepted with a
    reason), "info", "warning" or "failed"."""

    code: str
    name: str
    summary: str
    state: str
    messages: tuple[str, ...]


class MovementView(Struct, frozen=True):
    """How a brief moved since the history's base: ``kind`` is "new", "up", "down", "crossed"
    (from the model gap into ready) or "fell" (from ready into the gap); ``label`` is what the
    ranking shows ("new", "▲2", "▼1", "crossed", "fell")."""

    kind: str
    label: str
    description: str  # the same in words, for a title and screen readers


class TimelineView(Struct, frozen=True):
    """A brief through the history: ``chart`` is an inline SVG of its model accuracy against the
    accuracy its workflow needs, commit by commit."""

    chart: object
    crossed: str  # "crossed into ready on 2026-07-01", or ""
    status_changes: tuple[str, ...]  # "2026-09-01: exploring → building", newest first
    points: int
    slices: tuple[
        str, ...
    ] = ()  # each slice from its first commit to now: "'nda' 0.88, gap (2026-06-01) → …"


class SliceView(Struct, frozen=True):
    """One slice of the brief's evaluation: its cases, accuracy and interval, and ``verdict``
    ("proven", "unproven", "gap" or "too-small") with ``verdict_words`` to show."""

    name: str
    cases: int
    accuracy: float
    lower: float
    upper: float
    verdict: str
    verdict_words: str


class SlicesView(Struct, frozen=True):
    """The brief's evaluation by ``model.eval_slice`` (``field``): ``chart`` is an inline SVG of
    each slice's accuracy and interval against the need; ``rows`` say the same as a table;
    ``ready`` names the slices proven ready, "nda and dpa" ("" when none is)."""

    field: str
    chart: object
    rows: tuple[SliceView, ...]
    ready: str
    min_cases: int  # a slice with fewer graded cases is too small to judge (ranking.min_slice_cases)


class BriefView(Struct, frozen=True):
    """A brief as the templates see it."""

    slug: str
    path: str  # "briefs/<slug>/"
    title: str
    status: str
    status_path: str
    owner: str
    updated: str  # ISO date or ""
    draft: bool
    tags: tuple[LinkView, ...]
    who: str
    who_path: str  # the sufferer's index page
    losing: str
    evidence: tuple[str, ...]
    severity: int
    frequency: str
    reach: int | None
    when_wrong: str
    error_cost: str
    catchability: str
    alternative: str
    emotional_state: str
    measured_on: str
    problem: str
    workflow_steps: tuple[str, ...]
    covered_steps: tuple[str, ...]
    metrics: MetricsView
    rank: int | None
    why: str
    levers: LeversView | None
    source_path: str  # the Markdown file, relative to the project
    movement: MovementView | None = None  # since the history's base, when the site shows history
    history: TimelineView | None = None
    slices: SlicesView | None = None  # when the brief's evaluation names model.eval_slice


class GroupView(Struct, frozen=True):
    """A tag, a status or a sufferer, and the briefs in it (ranked ones first, in rank order)."""

    kind: str  # "tag" | "status" | "sufferer"
    name: str
    path: str
    briefs: tuple[BriefView, ...]
    description: str = ""


class RuleView(Struct, frozen=True):
    """A rule of the checklist, as this project sets its severity."""

    code: str
    name: str
    severity: str  # in this project: "error" | "warning" | "info" | "off"
    summary: str
    reason: str
    fails: str
    passes: str
    count: int  # diagnostics of this rule in the playbook, not counting accepted ones
    accepted: int = 0  # its findings that briefs accept
    judges: str = ""  # for a prose rule: what its patterns look for, in a sentence
    patterns: tuple["PatternView", ...] = ()


class PatternView(Struct, frozen=True):
    """One named pattern of a prose rule: what it fires on, and an example that fires it."""

    name: str
    fires_on: str
    example: str


class DiagnosticView(Struct, frozen=True):
    """A finding as templates show it: where, how severe, which rule and what it says."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    name: str
    message: str
    hint: str
    brief: LinkView | None
    reason: str = ""  # why the brief accepts it, when severity is "accepted"
    short: str = ""  # the message's first clause, when it has more than one (tables of many findings)


class HealthView(Struct, frozen=True):
    """The criteria health summary of the index page."""

    briefs: int
    clean: int  # briefs with no diagnostic but accepted ones
    errors: int
    warnings: int
    infos: int
    top: tuple[RuleView, ...]  # the rules that fire most, most first
    accepted: int = 0  # findings accepted with a reason, counted apart


class PagerView(Struct, frozen=True):
    """Where one page of a paged list stands: the list's items ``first``..``last`` (1-based) of
    ``total``, on page ``number`` of ``count``. ``previous``/``next`` are site paths (the index's
    is "") or None; ``pages`` links the first, the last and the pages near this one, a gap being
    a link titled "…"."""

    number: int
    count: int
    total: int
    first: int
    last: int
    previous: str | None
    next: str | None
    pages: tuple[LinkView, ...]


class FindingsView(Struct, frozen=True):
    """One rule's findings on the criteria page: the first few, how many in all, and the pages
    (``path``) that list every one of them."""

    rule: RuleView
    diagnostics: tuple[DiagnosticView, ...]
    total: int
    path: str  # "criteria/PB202/"


class SiteView(Struct, frozen=True):
    """What every page knows of the site: its title, its address, its language and the build."""

    title: str
    description: str
    base_url: str
    language: str
    version: str
    nav: tuple[LinkView, ...] = field(default=())


class KindView(Struct, frozen=True):
    """A kind of group page (``layout.GROUP_KINDS``): tags, statuses, sufferers."""

    kind: str  # "tag"
    path: str  # the index of all groups of the kind: "tags/"
    label: str  # "Tags"
    heading: str  # "Tag"
    intro: str


class ChangeView(Struct, frozen=True):
    """One change on the Changes page."""

    title: str
    path: str  # the brief's page, or "" for a brief the site no longer has
    before: str
    after: str
    renamed_from: str = ""


class ChangeGroupView(Struct, frozen=True):
    """The changes of one kind since the snapshot compared with, under their heading."""

    kind: str  # "crossed-ready" | "fell-gap" | "up" | "down" | "new" | "removed" | "status"
    heading: str
    items: tuple[ChangeView, ...]


class ChangesView(Struct, frozen=True):
    """What changed since the history's base, for the Changes page."""

    since: str  # "review-june (2026-06-01, ba02974)"
    until: str  # "2026-09-01 (d47fe20)"
    groups: tuple[ChangeGroupView, ...]
    notes: tuple[str, ...]
    skipped: tuple[str, ...]
