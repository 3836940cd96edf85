"""The typed model of a playbook's content: frozen values that cross module boundaries."""

from __future__ import annotations

from datetime import date
from operator import attrgetter

from msgspec import Struct, field

from playbook.diagnostics import Position, Span
from playbook.layout import STATUSES

RANKED_STATUSES = frozenset(STATUSES[:4])
FREQUENCIES = ("daily", "weekly", "monthly", "quarterly", "rarely")
ERROR_COSTS = ("low", "medium", "high", "critical")
CATCHABILITY = ("easy", "moderate", "hard")
EMOTIONAL_STATES = ("calm", "rushed", "stressed", "high-stakes")
# Lowercase words joined by single hyphens: no slug can name a path outside its folder. At most
# 100 characters, so a page's folder name fits every file system; and never a device name
# Windows reserves (con, nul, com1...), which no Windows machine could check out or copy.
SLUG_MAX = 100
RESERVED_NAMES = r"(?:con|prn|aux|nul|com[1-9]|lpt[1-9])"
SLUG_PATTERN = (
    rf"(?!{RESERVED_NAMES}(?![a-z0-9-]))(?=[a-z0-9-]{{1,{SLUG_MAX}}}(?![a-z0-9-]))[a-z0-9]+(?:-[a-z0-9]+)*"
)


class Sufferer(Struct, frozen=True):
    """Who has the problem, what it costs them, and the evidence for it (``sufferer:``)."""

    who: str
    losing: str
    evidence: tuple[str, ...] = ()


class Pain(Struct, frozen=True):
    """How much the problem hurts: its severity, how often, and how many it reaches (``pain:``)."""

    severity: int
    frequency: str
    reach: int | None = None


class GoodEnough(Struct, frozen=True):
    """What a wrong answer costs and how it is caught (``good_enough:``)."""

    when_wrong: str
    error_cost: str
    catchability: str
    alternative: str
    emotional_state: str
    required_accuracy: float | None = None


class ModelFacts(Struct, frozen=True):
    """Today's model on the task: an accuracy typed in (with the cases behind it), or the
    team's evaluation file (``eval``, a path under content/) that gives both."""

    accuracy: float | None
    measured_on: str
    samples: int | None = None
    eval: str = ""
    eval_field: str = ""  # a column or dotted path: the verdict (or score) of each case
    eval_pass: str | tuple[str, ...] = ""  # a threshold such as ">= 0.7", or the passing labels
    eval_where: str = ""  # which rows are cases, such as "metric == correctness"
    eval_slice: str = ""  # a column or dotted path whose values group the cases


class Scope(Struct, frozen=True):
    """The problem's workflow: its steps, the ones the model covers, and how complete it is (``scope:``)."""

    problem: str
    workflow_steps: tuple[str, ...] = ()
    covered_steps: tuple[str, ...] = ()
    completeness: float | None = None


class Spans:
    """Where each field of a brief was written (dotted key -> line, column, length), packed into
    one string: a dict of tuples per brief was most of a large playbook's memory (6.8 of 10.9 KB
    a brief at 10,000 briefs). Looked up only to place a finding or a link."""

    __slots__ = ("_text",)

    def __init__(self, spans: dict[str, tuple[int, int, int]] | None = None):
        self._text = "\n" + "".join(
            f"{key}\t{line}\t{column}\t{length}\n"
            for key, (line, column, length) in (spans or {}).items()
            if "\t" not in key and "\n" not in key
        )

    def as_plain(self) -> str:
        """Return the packed text, as the build cache stores it."""
        return self._text

    @classmethod
    def from_plain(cls, text: str) -> Spans:
        """Return the spans that :meth:`as_plain` gave ``text`` for."""
        spans = cls.__new__(cls)
        spans._text = text
        return spans

    def __contains__(self, key: object) -> bool:
        return f"\n{key}\t" in self._text

    def get(self, key: str) -> tuple[int, int, int] | None:
        start = self._text.find(f"\n{key}\t")
        if start < 0:
            return None
        start += len(key) + 2
        line, column, length = self._text[start : self._text.index("\n", start)].split("\t")
        return int(line), int(column), int(length)

    def __iter__(self):
        return (
            (entry.partition("\t")[0] for entry in self._text[1:-1].split("\n"))
            if len(self._text) > 1
            else iter(())
        )


class Brief(Struct, frozen=True):
    """One opportunity brief: its answers to the criteria, its prose, and where each answer was written."""

    slug: str
    path: str
    title: str
    status: str
    owner: str
    updated: date | None
    tags: tuple[str, ...]
    sufferer: Sufferer
    pain: Pain
    good_enough: GoodEnough
    model: ModelFacts
    scope: Scope
    related: tuple[str, ...]
    draft: bool
    body: str
    body_line: int
    accepted: tuple[tuple[str, str], ...] = ()  # (rule code, reason) for each finding the brief accepts
    spans: Spans = field(default_factory=lambda: Spans())  # not compared, hashed or shown: see __eq__
    # The dotted keys of the fields that are broken or missing, in a brief read as far as it is
    # valid (``formats.partial_brief``): never ranked or built, only checked where it is valid.
    broken: tuple[str, ...] = ()

    # Where an answer was written is not what the brief says: two briefs that say the same are equal
    # however their lines fall, and a brief's repr (which fingerprints the pages showing it) leaves it out.
    def __eq__(self, other: object) -> bool:
        return type(other) is Brief and _said(self) == _said(other)

    def __hash__(self) -> int:
        return hash(_said(self))

    def __repr__(self) -> str:
        return f"Brief{_said(self)!r}"

    @property
    def ranked(self) -> bool:
        return self.status in RANKED_STATUSES

    def usable(self, keys: tuple[str, ...]) -> bool:
        """Return whether none of the dotted ``keys`` is broken, in itself, a parent or a child."""
        return not any(
            b == k or k.startswith(b + ".") or b.startswith(k + ".") for b in self.broken for k in keys
        )

    def has(self, key: str) -> bool:
        """Return whether the author wrote ``key`` (a dotted path such as ``model.accuracy``)."""
        return key in self.spans

    def span(self, key: str) -> Span:
        """Return where ``key`` was written, or where its nearest written parent was."""
        while key:
            found = self.spans.get(key)
            if found is not None:
                line, column, length = found
                return Span(Position(line, column), length)
            key = key.rpartition(".")[0]
        return Span(Position(1, 1))

    def value(self, key: str) -> str:
        """Return the text of a dotted field, such as ``sufferer.who``."""
        value: object = self
        for part in key.split("."):
            value = getattr(value, part)
        return str(value)


_said = attrgetter(*(name for name in Brief.__struct_fields__ if name != "spans"))


class Page(Struct, frozen=True):
    """A plain Markdown page of the playbook, such as ``about.md``."""

    slug: str  # the output path under the site, e.g. "about" or "guides/setup"
    path: str
    title: str
    description: str
    body: str
    body_line: int
    draft: bool = False
