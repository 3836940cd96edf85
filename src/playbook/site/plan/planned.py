"""The parts a page plan is made of: planned pages, their lazily rendered bodies, relative URLs
and the number formats templates call."""

from __future__ import annotations

from typing import Callable, NamedTuple

from playbook.site.markdown.common import Rendered


class Body:
    """A page's Markdown as HTML, rendered when a template first shows it (or tests it). Bodies
    are equal when made from the same text, links and page, which is what ``key`` digests: a
    page's fingerprint never needs the HTML, so a warm build renders only the Markdown it shows.
    Templates use it as they would Markup: ``{{ body }}``, ``{% if body %}``."""

    __slots__ = ("key", "_make", "_rendered")

    def __init__(self, key: str, make: Callable[[], Rendered] | None, rendered: Rendered | None = None):
        self.key = key
        self._make = make
        self._rendered = rendered

    @property
    def rendered(self) -> Rendered:
        if self._rendered is None:
            assert self._make is not None
            self._rendered, self._make = self._make(), None  # the maker holds a whole build: let it go
        return self._rendered

    def __html__(self) -> str:
        return self.rendered.html

    def __str__(self) -> str:
        return self.rendered.html

    def __bool__(self) -> bool:
        return bool(self.rendered.html)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Body) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Body({self.key})"


class PlannedPage(NamedTuple):  # a tuple: a big playbook plans ten thousand of them per serve edit
    path: str  # output file, e.g. "briefs/x/index.html"
    template: str
    kind: str
    title: str
    description: str
    context: dict | Callable[[], dict]  # brief pages are made lazily, by whichever process renders them

    def materialize(self) -> dict:
        return self.context() if callable(self.context) else self.context


def url_from(page_path: str) -> Callable[[str], str]:
    """Return ``url(target)``: a relative URL from ``page_path`` to the site path ``target``.

    Folder targets get ``index.html`` appended, so links work from ``file://`` as well as a server.
    A target in the page's own top folder skips it (``../brief-00415/index.html`` from a brief, not
    ``../../briefs/brief-00415/index.html``): a big site has a dozen such links a page. Only that
    one folder, so that pages at the same depth in the same top folder get the same URL for a
    target, which is what lets them share fragments (see Theme.reuse).
    """
    depth = page_path.count("/")
    prefix = "../" * depth
    top = page_path.split("/", 1)[0] + "/" if depth else None
    inner = "../" * (depth - 1)

    def url(target: str) -> str:
        target, hash_, fragment = target.partition("#")
        if target == "" or target.endswith("/"):
            target += "index.html"
        if top is not None and target.startswith(top):
            return inner + target[len(top) :] + (hash_ + fragment)
        return prefix + target + (hash_ + fragment)

    url.prefix = (prefix, top)  # what a URL depends on: the key of shared fragments (see Theme.reuse)
    return url


def _ratio(value: float) -> str:
    return f"{value:.2f}"


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def once(make: Callable[[], object]) -> Callable[[], object]:
    """Return ``make`` made to run at most once: a value several pages share, made when the
    first of them is."""
    made: list = []

    def get():
        if not made:
            made.append(make())
        return made[0]

    return get


def formatters() -> dict[str, Callable[[float], str]]:
    """The number formats every template can call (see docs/themes.md)."""
    return {"fmt_ratio": _ratio, "fmt_percent": _percent, "fmt_signed": _signed, "fmt_number": _number}
