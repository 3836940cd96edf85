"""The renderer a build uses: markdown-it-pyrs where it is installed and can reproduce the
document (``markdown.fast``), else the reference (``markdown.reference``), which also renders every
document when raw HTML is allowed. Both give the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook.site.markdown.common import Rendered, Resolver, distinct_words

if TYPE_CHECKING:
    from playbook.site.markdown.reference import ReferenceMarkdown


class MarkdownRenderer:
    """Renders a build's documents: by markdown-it-pyrs where it can, else by the reference.

    ``engine`` is "auto" (the fast path when markdown-it-pyrs is installed), "reference" or
    "fast" (an error when it is not installed); ``fallbacks`` counts the documents the fast path
    handed to the reference.
    """

    def __init__(
        self, *, allow_html: bool = False, reserved_ids: frozenset[str] = frozenset(), engine: str = "auto"
    ):
        self.allow_html = allow_html
        self.reserved_ids = reserved_ids
        self.fast = (
            None if allow_html or engine == "reference" else _fast(reserved_ids, required=engine == "fast")
        )
        self._reference: ReferenceMarkdown | None = None
        self.fallbacks = 0

    @property
    def reference(self) -> ReferenceMarkdown:
        if self._reference is None:
            # markdown-it-py is imported only when a document needs it (a small build: never)
            from playbook.site.markdown.reference import ReferenceMarkdown

            self._reference = ReferenceMarkdown(allow_html=self.allow_html, reserved_ids=self.reserved_ids)
        return self._reference

    def render(self, text: str, resolve: Resolver) -> Rendered:
        """Return the HTML of ``text``, with ``[[slug]]`` links resolved by ``resolve``."""
        if self.fast is not None:
            done = self.fast.render(text, resolve)
            if done is not None:
                return Rendered(done[0], done[1], distinct_words(done[1]))
            self.fallbacks += 1
        return self.reference.render(text, resolve)


def _fast(reserved_ids: frozenset[str], *, required: bool):
    try:
        from playbook.site.markdown.fast import FastMarkdown
    except ImportError:
        if required:
            raise
        return None
    return FastMarkdown(reserved_ids=reserved_ids)
