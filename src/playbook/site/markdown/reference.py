"""Markdown to HTML: CommonMark plus tables, strikethrough, footnotes, task lists, heading
anchors and ``[[slug]]`` links to briefs. Raw HTML is escaped unless allowed, and markdown-it's
link validation keeps ``javascript:`` and other unsafe schemes out of the output.

``ReferenceMarkdown`` is markdown-it-py with our plugins: the definition of the output, which the
accelerator (``markdown.fast``) reproduces byte for byte.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from playbook.analysis.links import WIKILINK
from playbook.lazyregex import regex
from playbook.site.markdown.common import (
    Rendered,
    Resolver,
    distinct_words,
    heading_slug,
    unique_slugs,
    wikilink_html,
)

TASK_MARK = regex(r"\[[ xX]][ \t\n\v\f\r]+")  # GitHub's whitespace, as mdit-py-plugins reads it
ANCHORED_LEVELS = ("h2", "h3", "h4")


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = WIKILINK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"slug": match.group(1).strip(), "label": (match.group(2) or "").strip()}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _heading_anchors(state: StateCore) -> None:
    """Give each h2–h4 an id from its text and inline code, unique in the document."""
    headings = [(index, token) for index, token in enumerate(state.tokens) if token.type == "heading_open"]
    taken = {str(token.attrGet("id")) for _, token in headings if token.attrGet("id")} | state.env.get(
        "reserved_ids", set()
    )
    anchored = [
        (index, token)
        for index, token in headings
        if token.tag in ANCHORED_LEVELS and not token.attrGet("id")
    ]
    bases = [
        heading_slug(
            "".join(
                child.content
                for child in state.tokens[index + 1].children or []
                if child.type in ("text", "code_inline")
            )
        )
        for index, _ in anchored
    ]
    for (_, token), slug in zip(anchored, unique_slugs(bases, taken)):
        token.attrSet("id", slug)


def _task_lists(state: StateCore) -> None:
    """Turn list items that start with ``[ ]`` or ``[x]`` into disabled checkboxes in a
    ``<label>``: mdit-py-plugins' task lists (``label=True``), token for token.

    That plugin finds each task item's list by walking back through every token before it, so
    20,000 task items took 26 s; this remembers the last token seen at each nesting level.
    """
    tokens = state.tokens
    last_at_level: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if (
            token.type == "inline"
            and 2 <= index < len(tokens) - 1
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index - 2].type == "list_item_open"
            and TASK_MARK.match(token.content)
        ):
            item = tokens[index - 2]
            _checkbox(token)
            item.attrSet("class", "task-list-item")
            # Its list is the last token before it one level up (the plugin's -1 fallback cannot happen).
            tokens[last_at_level.get(item.level - 1, -1)].attrSet("class", "contains-task-list")
        last_at_level[token.level] = index


def _checkbox(inline: Token) -> None:
    """Put the checkbox and a label around the item's first line, and drop the ``[ ]`` mark."""
    checked = inline.content.startswith(("[x] ", "[X] "))
    checkbox = Token("html_inline", "", 0)
    if checked or inline.content.startswith("[ ] "):  # after another blank, the plugin writes no checkbox
        mark = ' checked="checked"' if checked else ""
        checkbox.content = (
            f'<input class="task-list-item-checkbox"{mark} disabled="disabled" type="checkbox">'
        )
    children = inline.children or []
    children.insert(0, checkbox)
    children[1].content = children[1].content[3:]
    inline.content = inline.content[3:]
    children.insert(0, Token("html_inline", "", 0, content="<label>"))
    children.append(Token("html_inline", "", 0, content="</label>"))


def _render_wikilink(renderer, tokens, index, options, env) -> str:
    meta = tokens[index].meta
    return wikilink_html(meta["slug"], meta["label"], env["resolve"])


class ReferenceMarkdown:
    """One configured markdown-it-py parser, reused for every document of a build."""

    def __init__(self, *, allow_html: bool = False, reserved_ids: frozenset[str] = frozenset()):
        """``reserved_ids`` are ids the page around the body already uses: no heading takes one."""
        self.reserved_ids = reserved_ids
        md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.use(footnote_plugin)
        md.core.ruler.after(
            "inline", "github-tasklists", _task_lists
        )  # before the footnotes' tail, as the plugin was
        md.core.ruler.push("heading_anchors", _heading_anchors)
        md.inline.ruler.before("link", "wikilink", _wikilink_rule)
        md.add_render_rule("wikilink", _render_wikilink)
        self.md = md

    def render(self, text: str, resolve: Resolver) -> Rendered:
        """Return the HTML of ``text``, with ``[[slug]]`` links resolved by ``resolve``."""
        env: dict = {"resolve": resolve, "reserved_ids": self.reserved_ids}
        tokens = self.md.parse(text, env)
        html = self.md.renderer.render(tokens, self.md.options, env)
        text = _plain_text(tokens)
        return Rendered(html, text, distinct_words(text))


def _plain_text(tokens) -> str:
    words: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type == "wikilink":
                    words.append(child.meta["label"] or child.meta["slug"])
        elif token.type in ("fence", "code_block"):
            words.append(token.content)
    return " ".join(" ".join(words).split())
