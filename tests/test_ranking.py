"""Ranking order, tie-breakers, unranked statuses and the "why" sentence."""

from __future__ import annotations

from playbook.analysis.project import analyse_project
from tests.support.briefs import brief


def ranked_slugs(make_project, briefs: dict[str, str]) -> tuple[list[str], list[str]]:
    analysis = analyse_project(make_project(briefs))
    return [e.brief.slug for e in analysis.ranking.ranked], [b.slug for b in analysis.ranking.unranked]


def variant(
    title: str,
    severity: int = 4,
    covered: str = "[upload, extract, verify, export]",
    accuracy: str = "0.93",
    status: str = "exploring",
    frequency: str = "weekly",
) -> str:
    return brief(
        ("title: Renewal-date extraction for in-house legal", f"title: {title}"),
        ("  severity: 4", f"  severity: {severity}"),
        ("  frequency: weekly", f"  frequency: {frequency}"),
        ("  covered_steps: [upload, extract, verify, export]", f"  covered_steps: {covered}"),
        ("  accuracy: 0.93", f"  accuracy: {accuracy}"),
        ("status: exploring", f"status: {status}"),
    )


def test_ready_briefs_rank_before_model_gap_whatever_the_score(make_project):
    ranked, _ = ranked_slugs(
        make_project,
        {
            "gap": variant("Gap", severity=5, frequency="daily", accuracy="0.5"),  # score 100, model gap
            "ready": variant("Ready", severity=1, frequency="rarely"),  # score 3, ready
        },
    )
    assert ranked == ["ready", "gap"]


def test_complete_small_answer_outranks_half_answer_to_big_pain(make_project):
    ranked, _ = ranked_slugs(
        make_project,
        {
            "half": variant(
                "Half", severity=5, frequency="daily", covered="[upload, extract]"
            ),  # 100 × 0.25 = 25
            "whole": variant("Whole", severity=3),  # 48 × 1 = 48
        },
    )
    assert ranked == ["whole", "half"]


def test_ties_break_on_pain_then_title(make_project):
    ranked, _ = ranked_slugs(
        make_project,
        {
            # 80 × 0.5² = 20 against 20 × 1² = 20: equal scores, so higher pain first, then title (any case).
            "a": variant("Alpha", severity=4, frequency="daily", covered="[upload, extract]"),
            "b": variant("Beta", severity=1, frequency="daily"),
            "c": variant("Charlie", severity=4, frequency="daily", covered="[upload, extract]"),
            "d": variant("aardvark", severity=4, frequency="daily", covered="[upload, extract]"),
        },
    )
    assert ranked == ["d", "a", "c", "b"]


def test_shipped_parked_and_killed_are_listed_unranked_by_status(make_project):
    ranked, unranked = ranked_slugs(
        make_project,
        {
            "k": variant("Killed one", status="killed"),
            "s": variant("Shipped one", status="shipped"),
            "p": variant("Parked one", status="parked"),
            "i": variant("Idea one", status="idea"),
        },
    )
    assert ranked == ["i"]
    assert unranked == ["s", "p", "k"]


def test_why_sentence_names_the_numbers(make_project):
    analysis = analyse_project(
        make_project(
            {
                "ready": variant("Ready", severity=3),
                "gap": variant("Gap", accuracy="0.5"),
            }
        )
    )
    first, second = analysis.ranking.ranked
    assert first.why == (
        "Ranked 1 of 2: today's model is good enough here (0.93 against the 0.90 this workflow needs; "
        "proven on 500 cases, at least 0.90 at 95%), and pain 48 × completeness 1.00² = score 48."
    )
    assert "behind every ready brief" in second.why and "needs 0.90 but the model has 0.50" in second.why
    assert analysis.ranking.position("gap") is second
