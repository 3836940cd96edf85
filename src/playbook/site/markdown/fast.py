"""The accelerated Markdown path: markdown-it-pyrs (the Rust port of markdown-it, by
markdown-it-py's maintainer) parses and renders in Rust, and what our plugins add is done here on
its syntax tree and output — heading ids by our slug rules, the task-list markup of
mdit-py-plugins, ``[[slug]]`` links outside code, the plain text and words for search.

It must give exactly the bytes of the reference renderer (``markdown.reference.ReferenceMarkdown``). Where
a document uses something this path cannot reproduce (``markdown.screen`` names those, and the
walk below finds a few more), ``render`` returns None and the caller renders that document with
the reference. The tests compare both paths on the example, a generated corpus, a hostile corpus
and documents hypothesis makes.
"""

from __future__ import annotations

import html
import re

from markdown_it_pyrs import MarkdownIt

from playbook.analysis.links import WIKILINK
from playbook.lazyregex import regex

# What the reference writes with too: the same ids and the same links.
from playbook.site.markdown.common import escape, heading_slug, unique_slugs, wikilink_html
from playbook.site.markdown.screen import handed_back

# The reference's rules: CommonMark without raw HTML, plus tables, strikethrough, footnotes and
# task lists (mdit-py-plugins' names and markup); the fast path never renders raw HTML.
RULES = [
    "blockquote",
    "code",
    "fence",
    "heading",
    "hr",
    "lheading",
    "list",
    "paragraph",
    "reference",
    "autolink",
    "backticks",
    "emphasis",
    "entity",
    "escape",
    "image",
    "link",
    "newline",
    "table",
    "strikethrough",
    "footnote",
    "tasklist",
]

HEADING = regex(r"<h([1-6])>")
CHECKBOX = regex(
    r'<li class="task-list-item"><input class="task-list-item-checkbox" '
    r'type="checkbox"( checked="")? />(\n<p>)?'
)
# The end of a tight item's first paragraph: the next block inside the item, or the item's end.
ITEM_TEXT_END = regex(r"\n<(?:ul|ol|pre|blockquote|table|h[1-6]|hr)[ >/]|</li>")
CODE = regex(r"<pre><code[^>]*>.*?</code></pre>|<code>.*?</code>", re.DOTALL)
FOOTNOTE_ITEM = '<li id="fn{}" class="footnote-item">\n<p>'
BREAKS = ("softbreak", "hardbreak")
MAX_DEPTH = 12  # deeper documents go to the reference, whose nesting limit (20) pyrs does not share
TEXTS = ("text", "text_special")
BLOCKS = frozenset(
    {
        "root",
        "paragraph",
        "heading",
        "lheading",
        "fence",
        "code_block",
        "blockquote",
        "hr",
        "bullet_list",
        "ordered_list",
        "list_item",
        "table",
        "thead",
        "tbody",
        "trow",
        "tcell",
        "footnote_container",
        "footnote_def",
    }
)


class FastMarkdown:
    """One markdown-it-pyrs parser, reused for every document of a build."""

    def __init__(self, *, reserved_ids: frozenset[str]):
        self.md = MarkdownIt("zero").enable_many(RULES)
        self.reserved_ids = reserved_ids

    def render(self, text: str, resolve) -> tuple[str, str] | None:
        """Return the HTML and the plain text of ``text``, or None when the reference must
        render it."""
        has_links = "[[" in text
        if handed_back(text, has_links):
            return None
        tree = self.md.tree(text)
        walk = _Walk(has_links)
        walk.block(tree)
        if walk.unsure:
            return None
        out = self.md.render(text)
        if "<blockquote>\n</blockquote>" in out:
            out = out.replace(
                "<blockquote>\n</blockquote>", "<blockquote></blockquote>"
            )  # an empty quote, as the reference writes it
        if walk.headings:
            out = self._anchor(out, walk.headings)
            if out is None:
                return None
        if walk.tasks:
            out = _task_lists(out)
            if out is None:
                return None
        if walk.footnotes:
            for number in range(1, walk.footnotes + 1):
                out = out.replace(
                    FOOTNOTE_ITEM.format(number), FOOTNOTE_ITEM.format(number).replace("\n", ""), 1
                )
        if walk.links:
            out = _wikilinks(out, walk.links, resolve)
            if out is None:
                return None
        plain = " ".join(" ".join(walk.words).split())
        return out, plain

    def _anchor(self, out: str, headings: list[tuple[int, str]]) -> str | None:
        """Give each h2–h4 the reference's id: its text slugged, unique in the document."""
        ids = unique_slugs(
            [heading_slug(content) if level in (2, 3, 4) else None for level, content in headings],
            set(self.reserved_ids),
        )
        tags = HEADING.split(out)  # text, level, text, level, ..., text
        if len(tags) // 2 != len(ids):
            return None
        for index, slug in enumerate(ids):
            if slug is not None:
                tags[2 * index + 1] = f'{tags[2 * index + 1]} id="{escape(slug)}"'
        return "".join(text if position % 2 == 0 else f"<h{text}>" for position, text in enumerate(tags))


class _Walk:
    """One pass over the tree: headings' texts, the plain text, task items, footnotes, and how
    many wikilinks the text holds where the reference would see them."""

    def __init__(self, has_links: bool):
        self.has_links = has_links
        self.headings: list[tuple[int, str]] = []
        self.words: list[str] = []
        self.tasks = False
        self.footnotes = 0
        self.links = 0
        self.unsure = False

    def block(self, node, depth: int = 0) -> None:
        """Walk a container's children: blocks one by one, runs of inline nodes (a tight list
        item holds its text directly) as one inline."""
        if depth > MAX_DEPTH:
            self.unsure = True  # the reference stops nesting at 20 levels; pyrs does not
            return
        run = []
        for child in node.children:
            name = child.name
            if name not in BLOCKS:
                if name != "todo_checkbox":
                    run.append(child)
                continue
            if run:
                self._inline_nodes(run)
                run = []
                if name in ("fence", "code_block"):
                    self.unsure = (
                        True  # the reference writes no newline between a tight item's text and its code
                    )
            if name in ("fence", "code_block"):
                self.words.append(child.meta["content"])
            elif name in ("heading", "lheading"):
                self.headings.append((child.meta["level"], "".join(self._heading_text(child))))
                self.inline(child)
            elif name == "list_item" and child.children and child.children[0].name == "todo_checkbox":
                self.tasks = True
                self.block(child, depth + 1)
            elif name == "footnote_def":
                self.footnotes += 1
                self.block(child, depth + 1)
            elif name in ("paragraph", "tcell"):
                self.inline(child)
            else:
                self.block(child, depth + 1)
        if run:
            self._inline_nodes(run)

    def inline(self, node) -> None:
        self._inline_nodes(node.children)

    def _inline_nodes(self, nodes, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.unsure = True
            return
        run: list[str] = []
        for node in nodes:
            name = node.name
            if name in TEXTS:
                run.append(node.meta["content"])
                continue
            if run:
                self._text("".join(run))
                run = []
            if name == "image":
                if depth + _nesting(node) > MAX_DEPTH or self.has_links and "[[" in "".join(_texts(node)):
                    self.unsure = True  # the reference reads images nested twenty deep as text
            elif name == "code_inline":
                self.words.append("".join(_texts(node)))
            elif name in ("link", "autolink"):
                if self.has_links and name == "link" and "[[" in "".join(_texts(node)):
                    self.unsure = True
                self._inline_nodes(node.children, depth + 1)
            elif name not in BREAKS and name != "footnote_ref":
                self._inline_nodes(node.children, depth + 1)
        if run:
            self._text("".join(run))

    def _text(self, content: str) -> None:
        if self.has_links and "[[" in content:
            pieces = []
            end = 0
            for match in WIKILINK.finditer(content):
                self.links += 1
                pieces += [
                    content[end : match.start()],
                    " ",
                    (match.group(2) or "").strip() or match.group(1).strip(),
                    " ",
                ]
                end = match.end()
            pieces.append(content[end:])
            content = "".join(pieces)
        self.words.append(content)

    def _heading_text(self, node):
        """The reference slugs a heading from its text and inline code, not a wikilink or image."""
        for child in _descendants(node, skip=("image",) + BREAKS, whole=("code_inline",)):
            if child.name in TEXTS:
                yield WIKILINK.sub("", child.meta["content"]) if self.has_links else child.meta["content"]
            elif child.name == "code_inline":
                yield "".join(_texts(child))


def _texts(node):
    for child in _descendants(node, skip=(), whole=()):
        if child.name in TEXTS:
            yield child.meta["content"]


def _nesting(node) -> int:
    """Return how deep the nodes under ``node`` nest."""
    deepest = 0
    stack = [(child, 1) for child in node.children]
    while stack:
        child, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((grandchild, depth + 1) for grandchild in child.children)
    return deepest


def _descendants(node, *, skip: tuple[str, ...], whole: tuple[str, ...]):
    """Yield the nodes under ``node`` in document order, leaving out ``skip`` with what they hold
    and the insides of ``whole``; with a stack of its own, as markup can nest a thousand deep."""
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if child.name in skip:
            continue
        yield child
        if child.name not in whole and child.name not in TEXTS:
            stack.extend(reversed(child.children))


def _task_lists(out: str) -> str | None:
    """Give task items mdit-py-plugins' markup: the checkbox disabled and, with the item's first
    line, inside a ``<label>`` (inside the ``<p>`` of a loose list)."""
    parts: list[str] = []
    end = 0
    for match in CHECKBOX.finditer(out):
        checked = ' checked="checked"' if match.group(1) else ""
        loose = bool(match.group(2))
        parts.append(out[end : match.start()])
        parts.append(
            f'<li class="task-list-item">{chr(10) + "<p>" if loose else ""}<label>'
            f'<input class="task-list-item-checkbox"{checked} disabled="disabled" type="checkbox">'
        )
        start = match.end()
        if loose:
            close = out.find("</p>", start)
        else:
            found = ITEM_TEXT_END.search(out, start)
            close = found.start() if found else -1
        if close < 0:
            return None
        parts.append(out[start:close])
        parts.append("</label>")
        end = close
    parts.append(out[end:])
    return "".join(parts)


def _wikilinks(out: str, expected: int, resolve) -> str | None:
    """Turn the ``[[slug]]`` the tree's text holds into links, outside code; None when the
    output does not hold exactly the links the tree counted."""
    pieces: list[str] = []
    count = 0
    end = 0

    def link(match: re.Match) -> str:
        nonlocal count
        count += 1
        return wikilink_html(
            html.unescape(match.group(1)).strip(), html.unescape(match.group(2) or "").strip(), resolve
        )

    for code in CODE.finditer(out):
        pieces.append(WIKILINK.sub(link, out[end : code.start()]))
        pieces.append(code.group(0))
        end = code.end()
    pieces.append(WIKILINK.sub(link, out[end:]))
    return "".join(pieces) if count == expected else None
