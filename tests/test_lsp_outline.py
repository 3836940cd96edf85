"""What navigation reads of a file (``lsp/outline.py``), the symbols of a buffer (``lsp/symbols.py``)
and the decisions of ``lsp/navigation.py``, without a server: the edge cases of YAML written by
hand, every hostile file of the adversarial suite, and time linear in the input."""

from __future__ import annotations

import pytest

from playbook.lsp.navigation import Refusal, plan_rename, symbols
from playbook.lsp.outline import outline
from playbook.lsp.symbols import document_symbols
from playbook.lsp.workspace import Project, ProjectCheck
from tests.support.briefs import brief
from tests.support.growth import LINEAR, growth
from tests.support.hostile import HOSTILE_FILES


def links(text: str) -> list[tuple[str, int, int, int, str]]:
    found = outline("content/briefs/a.md", text)
    return [(m.target, m.line, m.start, m.end, m.kind) for m in found.mentions]


@pytest.mark.parametrize(
    "related, expected",
    [
        ("related: [b, 'c', \"d-e\"]  # three", [("b", 10), ("c", 14), ("d-e", 19)]),
        ("related: []", []),
        ("related: [b, c", [("b", 10), ("c", 13)]),  # half-typed
    ],
)
def test_related_in_flow_style(related: str, expected: list):
    text = f"---\ntitle: A\n{related}\n---\n"
    assert [(t, s) for t, line, s, _, _ in links(text)] == expected


def test_related_in_block_style_with_comments_and_quotes():
    text = "---\ntitle: A\nrelated:\n  - b  # first\n  # a comment\n  - 'c'\ntags: [b]\n---\n"
    assert links(text) == [("b", 3, 4, 5, "related"), ("c", 5, 5, 6, "related")]


def test_body_links_outside_code_with_labels_and_spaces():
    text = "---\ntitle: A\n---\n[[ b | label]] `[[c]]` [[d]]\n\n    [[indented-code]]\n```\n[[e]]\n```\n"
    assert links(text) == [("b", 3, 3, 4, "body"), ("d", 3, 25, 26, "body")]


def test_title_and_an_explicit_slug():
    found = outline("content/briefs/file-name.md", "---\ntitle: 'Quoted: title'\nslug: given  # why\n---\n")
    assert (found.slug, found.title, found.title_line, found.slug_span) == (
        "given",
        "Quoted: title",
        1,
        (2, 6, 11),
    )
    plain = outline("content/briefs/file-name.md", "no front matter [[x]]")
    assert (plain.slug, plain.title, [m.target for m in plain.mentions]) == ("file-name", "", ["x"])


def test_rename_of_a_slug_that_two_briefs_claim_is_refused():
    twins = [
        outline("content/briefs/a.md", "---\ntitle: A\n---\n"),
        outline("content/briefs/b.md", "---\ntitle: B\nslug: a\n---\n"),
    ]
    with pytest.raises(Refusal, match="2 briefs are called 'a'"):
        plan_rename(twins, "a", "c", lambda path: False)


def test_a_page_has_no_slug_to_rename_and_is_no_symbol():
    page = outline("content/about.md", "---\ntitle: About\n---\n[[a]]\n")
    brief_a = outline("content/briefs/a.md", "---\ntitle: A brief\n---\n")
    assert symbols([page, brief_a], "") == [brief_a]
    plan = plan_rename([page, brief_a], "a", "b", lambda path: False)
    assert plan.move == ("content/briefs/a.md", "content/briefs/b.md")
    assert [(p.path, p.line, p.start) for p in plan.edits["content/about.md"]] == [("content/about.md", 3, 2)]


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_no_hostile_file_breaks_the_outline_or_the_symbols(name: str):
    data = HOSTILE_FILES[name][0]
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    outline("content/briefs/hostile.md", text)
    document_symbols(text.split("\n"))
    document_symbols(text.split("\n"), whole=True)


@pytest.mark.parametrize("per_line", [1, 0], ids=["many lines", "one long ASCII line"])
def test_outline_takes_time_linear_in_the_links(per_line: int):
    def make(size: int) -> str:
        if per_line:
            related = ", ".join(f"b{i} # x" if i % 7 == 0 else f"b{i}" for i in range(size))
            body = "See [[a]] and `[[b]]` ``[[c]]`` [[d|e]] → [[f]].\n" * size
        else:  # each link and entry must not look at the whole line again
            related = ", ".join(f"b{i}" for i in range(size))
            body = "See [[a]] and `[[b]]` ``[[c]]`` [[d|e]]. " * size
        return brief(("related: []", f"related: [{related}]")) + body

    assert growth(lambda text: outline("content/briefs/a.md", text), make, 300) < LINEAR


def test_workspace_symbols_take_time_linear_in_a_pathological_query():
    briefs = [outline(f"content/briefs/b{i}.md", f"---\ntitle: {'a' * 200}\n---\n") for i in range(20)]

    def make(size: int) -> str:
        return "a" * size + "b"

    assert growth(lambda query: symbols(briefs, query), make, 15) < LINEAR


def test_the_judge_sends_only_the_outlines_that_changed(tmp_path):
    """A check of a big project would otherwise pickle every outline to the server each time
    (a second for 5,000 briefs, unpickled on the server's loop)."""
    (tmp_path / "content/briefs").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (tmp_path / f"content/briefs/{name}.md").write_text(brief(), encoding="utf-8")
    check, project = ProjectCheck(tmp_path), Project(tmp_path)
    first = check.run({}, None)
    assert first.fresh and sorted(first.outlines) == [f"content/briefs/{n}.md" for n in "abc"]
    project.learn(first)
    typed = brief(("Interviews and notes.", "See [[b]]."))
    second = check.run({"content/briefs/a.md": typed}, ["content/briefs/a.md"])
    assert not second.fresh and list(second.outlines) == ["content/briefs/a.md"] and second.gone == ()
    project.learn(second)
    (tmp_path / "content/briefs/c.md").unlink()
    third = check.run({"content/briefs/a.md": typed}, None)
    assert (third.outlines, third.gone) == ({}, ("content/briefs/c.md",))
    project.learn(third)
    assert sorted(project.outlines) == ["content/briefs/a.md", "content/briefs/b.md"]
    assert [m.target for m in project.outlines["content/briefs/a.md"].mentions] == ["b"]
