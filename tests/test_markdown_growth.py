"""Markdown takes time linear in the body, whatever the body: growth tests (tests/support/growth.py) for
each shape found to take time in its square, on the engine that did; bodies that overflowed
markdown-it-pyrs' stack render; and the linear task-list rule writes what mdit-py-plugins' did."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from playbook.analysis.links import find_wikilinks
from playbook.site.markdown.reference import ReferenceMarkdown
from playbook.site.markdown.renderer import MarkdownRenderer
from playbook.site.markdown.screen import handed_back
from playbook.site.plan.bodies import PAGE_IDS
from tests.support.growth import LINEAR, growth
from tests.support.markdown_corpus import HOSTILE, documents


def resolve(slug: str):
    return (f"../{slug}/index.html", slug.title()) if len(slug) % 2 else None


def definitions(n: int, line: str = "[l{i}]: http://x.y/{i}\n") -> str:
    return "".join(line.format(i=i) for i in range(n))


# name: (make a body of size n, n). Sizes are small: a run takes milliseconds.
REFERENCE = {  # markdown-it-py with mdit-py-plugins' task lists: 20,000 items took 26 s
    # (The plugin's scan costs little per token, so it shows only past a few hundred items.)
    "task items": (lambda n: "".join(f"- [ ] item {i}\n" for i in range(n)), 500),
}
FAST = {  # markdown-it-pyrs' reference and emphasis rules: 30,000 definitions took 40 s
    "reference definitions": (definitions, 150),
    "reference links and definitions": (
        lambda n: definitions(n, "See [l{i}].\n") + "\n" + definitions(n),
        120,
    ),
    "definitions in a quote": (lambda n: definitions(n, "> [l{i}]: /{i}\n"), 150),
    "definitions over two lines": (lambda n: definitions(n, "[l{i}]:\n/{i}\n"), 100),
    "emphasis": (lambda n: "*a* " * n, 1000),
    "strikethrough": (lambda n: "~~a~~ " * n, 1000),
}
SCREEN = {  # the scan that picks the engine, before either runs
    "delimiter rows ending in spaces": (lambda n: ("a|b\n\n|-" + " " * n + "x\n\n") * 40, 500),
    "paragraphs opening a bracket beside a wikilink": (lambda n: "[[abc]]\n\n" + "[\n\n" * n, 2000),
    "delimiter rows under blank lines": (lambda n: "\n\n|-|\n" * n, 2000),
}
OURS = {  # our rules, on both engines: heading ids and wikilinks
    "equal headings": (lambda n: "## Notes\n\n## Notes-1\n\n" * n, 50),
    "wikilinks": (lambda n: "[[abc]] [[abcd|label]] `[[code]]` " * n, 50),
}


def assert_linear(render, make, size: int) -> None:
    ratio = growth(render, make, size)
    assert ratio < LINEAR, f"10x the body took {ratio:.0f}x the time"


@pytest.mark.parametrize("name", REFERENCE)
def test_the_reference_takes_linear_time(name):
    reference = ReferenceMarkdown(reserved_ids=PAGE_IDS)
    assert_linear(lambda text: reference.render(text, resolve), *REFERENCE[name])


@pytest.mark.parametrize("name", FAST)
def test_the_accelerator_takes_linear_time(name):
    fast = MarkdownRenderer(reserved_ids=PAGE_IDS, engine="fast")
    assert_linear(lambda text: fast.render(text, resolve), *FAST[name])


@pytest.mark.parametrize("name", SCREEN)
def test_the_screen_takes_linear_time(name):
    assert_linear(lambda text: handed_back(text, "[[" in text), *SCREEN[name])


@pytest.mark.parametrize("engine", ["reference", "fast"])
@pytest.mark.parametrize("name", OURS)
def test_our_rules_take_linear_time(name, engine):
    renderer = MarkdownRenderer(reserved_ids=PAGE_IDS, engine=engine)
    assert_linear(lambda text: renderer.render(text, resolve), *OURS[name])


def test_finding_wikilinks_outside_code_takes_linear_time():
    """Backtick runs that each open no span: the back-referencing pattern read the line again
    for each one."""

    def shrinking_runs(n: int) -> str:
        longest = int((2 * n) ** 0.5)
        return "[[a]] " + "a".join("`" * length for length in range(longest, 0, -1)) + " [[b]]\n"

    assert_linear(lambda text: find_wikilinks(text, 1), shrinking_runs, 2000)


@pytest.mark.parametrize(
    "text",
    [
        "1. " * 40_000 + "x",  # 120 kB of nested lists
        "> " * 60_000 + "x",  # 120 kB of nested quotes
        "*" * 100_000 + "a" + "*" * 100_000,  # 200 kB of nested emphasis
    ],
    ids=["lists", "quotes", "emphasis"],
)
def test_deep_nesting_is_handed_to_the_reference_not_to_a_stack_overflow(text):
    """markdown-it-pyrs nests in its own stack: these killed the process (SIGSEGV)."""
    script = (
        "import sys\nfrom playbook.site.markdown.renderer import MarkdownRenderer\n"
        "renderer = MarkdownRenderer(engine='fast')\n"
        "renderer.render(sys.stdin.read(), lambda slug: None)\nprint(renderer.fallbacks)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=text, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout) == (0, "1\n"), done.stderr[-500:]


def test_a_link_holding_images_nested_deep_is_the_references_to_render():
    """The accelerator's walk recursed through it (a RecursionError, which the build reported as
    the theme's), and the reference reads images nested twenty deep as text, pyrs does not."""
    text = "See [[other]]: " + "[![" * 900 + "a" + "](x.png)](y)" * 900
    fast = MarkdownRenderer(engine="fast")
    got, want = fast.render(text, resolve), ReferenceMarkdown().render(text, resolve)
    assert (got.html, got.text, fast.fallbacks) == (want.html, want.text, 1)


def plugin_reference() -> ReferenceMarkdown:
    """The reference with mdit-py-plugins' own task-list rule in place of ours."""
    made = ReferenceMarkdown(reserved_ids=PAGE_IDS)
    plugin = MarkdownIt()
    tasklists_plugin(plugin, label=True)
    made.md.core.ruler.at(
        "github-tasklists",
        next(rule.fn for rule in plugin.core.ruler.__rules__ if rule.name == "github-tasklists"),
    )
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
