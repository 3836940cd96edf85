"""Markdown takes time linear in the body, whatever the body: growth tests (tests/growth.py) for
each shape found to take time in its square, on the engine that did; and the linear task-list
rule writes what mdit-py-plugins' did."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from playbook.site.bodies import PAGE_IDS
from playbook.site.markdown import ReferenceMarkdown
from tests.growth import LINEAR, growth
from tests.test_markdown_engines import HOSTILE, documents


def resolve(slug: str):
    return (f"../{slug}/index.html", slug.title()) if len(slug) % 2 else None


# name: (make a body of size n, n). Sizes are small: a run takes milliseconds.
REFERENCE = {  # markdown-it-py with mdit-py-plugins' task lists: 20,000 items took 26 s
    # (The plugin's scan costs little per token, so it shows only past a few hundred items.)
    "task items": (lambda n: "".join(f"- [ ] item {i}\n" for i in range(n)), 500),
}


def assert_linear(render, make, size: int) -> None:
    ratio = growth(render, make, size)
    assert ratio < LINEAR, f"10x the body took {ratio:.0f}x the time"


@pytest.mark.parametrize("name", REFERENCE)
def test_the_reference_takes_linear_time(name):
    reference = ReferenceMarkdown(reserved_ids=PAGE_IDS)
    assert_linear(lambda text: reference.render(text, resolve), *REFERENCE[name])


def plugin_reference() -> ReferenceMarkdown:
    """The reference with mdit-py-plugins' own task-list rule in place of ours."""
    made = ReferenceMarkdown(reserved_ids=PAGE_IDS)
    plugin = MarkdownIt()
    tasklists_plugin(plugin, label=True)
    made.md.core.ruler.at("github-tasklists", next(rule.fn for rule in plugin.core.ruler.__rules__ if rule.name == "github-tasklists"))
    return made


OURS_AND_THEIRS = (ReferenceMarkdown(reserved_ids=PAGE_IDS), plugin_reference())
TASKS = [
    "- [ ] a\n- [x] b\n- [X] c\n* [ ]\td\n+ [x]\ne\n",
    "1. [ ] a\n2. [x] **b**\n   - [ ] c\n     > - [x] d\n",
    "- [ ] loose\n\n- [x] list\n\n  [x]: http://x.y\n- [x] link\n",
    "> - [ ] in a quote\n\n[^1]: - [ ] in a note\n\nA note[^1].\n",
    "- [ ]\n- [x]not\n- x [ ] no\n  [ ] no\n",
]


def test_the_task_list_rule_writes_what_the_plugin_wrote():
    ours, theirs = OURS_AND_THEIRS
    for text in TASKS + HOSTILE:
        assert ours.render(text, resolve) == theirs.render(text, resolve), text


@settings(max_examples=200, deadline=None, derandomize=True)
@given(documents())
def test_the_task_list_rule_writes_what_the_plugin_wrote_on_any_document(text):
    assert OURS_AND_THEIRS[0].render(text, resolve) == OURS_AND_THEIRS[1].render(text, resolve)
