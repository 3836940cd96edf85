"""The link graph: related lists, [[slug]] in bodies, backlinks, and PB006 with did-you-mean."""

from __future__ import annotations

from playbook.analysis.links import find_wikilinks
from playbook.analysis.project import analyse_project
from playbook.site.markdown.reference import ReferenceMarkdown
from tests.support.briefs import brief, line_of


def with_links(related: str = "[]", body: str = "Interviews and notes.") -> str:
    return brief(("related: []", f"related: {related}"), ("Interviews and notes.", body))


def test_wikilinks_outside_code_only():
    body = (
        "See [[alpha]] and [[beta|the beta brief]].\n\n```\n[[in-fence]]\n```\n\n"
        "    [[indented-code]]\n\n`[[in-span]]` [[gamma]]"
    )
    assert [(s, line, col) for s, line, col, _ in find_wikilinks(body, 10)] == [
        ("alpha", 10, 5),
        ("beta", 10, 19),
        ("gamma", 18, 15),
    ]


def test_wikilinks_in_code_spans_are_found_as_the_page_shows_them():
    """A run of backticks opens a span only if a run of the same length closes it, and an
    escaped backtick opens none (CommonMark): the links found are the links the page shows."""
    body = "`[[a]]`` and [[b]]\n\n\\`[[c]]` too\n\n``[[d]]`` [[e]] ```[[f]]`\n\n`` [[g]] ` [[h]] ``"
    shown: list[str] = []
    ReferenceMarkdown().render(body, lambda slug: shown.append(slug))
    assert [slug for slug, *_ in find_wikilinks(body, 1)] == shown == ["a", "b", "c", "e", "f"]


def test_backlinks_and_related_without_self_or_repeats(make_project):
    analysis = analyse_project(
        make_project(
            {
                "a": with_links("[b, a]", "Also see [[b]] and [[c]]."),
                "b": with_links("[c]"),
                "c": with_links(),
            }
        )
    )
    assert analysis.graph.related("a") == ("b", "c")
    assert analysis.graph.backlinks == {"b": ("a",), "c": ("a", "b")}
    assert [d.code for d in analysis.diagnostics] == []


def test_broken_related_and_body_links_point_at_the_slug_with_did_you_mean(make_project):
    text = with_links("[vendor-risk-triag]", "Compare [[vendor-risk-triage-x]] here.")
    analysis = analyse_project(make_project({"a": text, "vendor-risk-triage": with_links()}))
    related, body = [d for d in analysis.diagnostics if d.code == "PB006"]
    assert (related.line, related.column) == (line_of(text, "related:"), 11)
    assert related.hint == "did you mean 'vendor-risk-triage'?"
    assert (body.line, body.column, body.length) == (
        line_of(text, "Compare"),
        9,
        len("[[vendor-risk-triage-x]]"),
    )
    assert body.hint == "did you mean 'vendor-risk-triage'?"


def test_a_link_to_a_broken_brief_is_not_broken_too(make_project):
    analysis = analyse_project(make_project({"a": with_links("[b]"), "b": "---\ntitle: [unclosed\n---\n"}))
    assert [d.code for d in analysis.diagnostics] == ["PB001"]


def test_cycles_and_self_links_are_fine(make_project):
    analysis = analyse_project(make_project({"a": with_links("[b]", "[[a]]"), "b": with_links("[a]")}))
    assert analysis.diagnostics == ()
    assert analysis.graph.backlinks == {"a": ("b",), "b": ("a",)}
