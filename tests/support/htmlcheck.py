"""Finding live markup in HTML: what a hostile string would need to execute."""

from __future__ import annotations

from html.parser import HTMLParser

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"}


class _Finder(HTMLParser):
    def __init__(self, allowed_scripts: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "base", "meta") and not self._allowed(
            tag, attributes
        ):
            self.found.append(f"<{tag} {attributes}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and "".join(value.split()).lower().startswith(UNSAFE_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}>")

    def _allowed(self, tag: str, attributes: dict) -> bool:
        if tag == "script":
            return attributes.get("src", "").rsplit("/", 1)[-1] in self.allowed_scripts
        if tag == "base":  # the 404 page's base is the configured http(s) base URL
            return attributes.get("href", "").startswith(("https://", "http://"))
        if tag == "meta":
            return set(attributes) <= {"charset", "name", "content"} and attributes.get("name") != "refresh"
        return False


def live_markup(html: str, allowed_scripts: set[str] = frozenset()) -> list[str]:
    """Return every element or attribute in ``html`` that could run code: scripts other than the
    theme's own (by file name), event handlers, and unsafe URL schemes."""
    finder = _Finder(set(allowed_scripts))
    finder.feed(html)
    finder.close()
    return finder.found
