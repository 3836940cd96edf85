"""Derived numbers (DESIGN §4), including the essay's examples."""

from __future__ import annotations

import pytest

from playbook.analysis.metrics import MODEL_GAP, READY, derive_metrics, find_levers, required_accuracy
from playbook.load.config import RankingConfig
from playbook.load.content import load_brief
from tests.support.briefs import brief

TABLE = RankingConfig()


def load(make_project, text: str):
    root = make_project({"b": text})
    loaded, diagnostics = load_brief(root, "content/briefs/b.md")
    assert loaded is not None, diagnostics
    return loaded


def workflow(make_project, cost: str, catch: str, state: str, accuracy: str):
    return load(
        make_project,
        brief(
            ("  error_cost: high", f"  error_cost: {cost}"),
            ("  catchability: moderate", f"  catchability: {catch}"),
            ("  emotional_state: calm", f"  emotional_state: {state}"),
            ("  accuracy: 0.93", f"  accuracy: {accuracy}"),
        ),
    )


@pytest.mark.parametrize(
    "cost, catch, state, needed",
    [
        ("high", "hard", "stressed", 0.97),  # legal review
        ("low", "easy", "calm", 0.65),  # first-draft marketing copy
        ("medium", "moderate", "rushed", 0.81),
        ("critical", "hard", "high-stakes", 0.99),  # 1.05 clamped to the ceiling
        ("low", "easy", "calm", 0.65),
    ],
)
def test_required_accuracy_follows_the_table(cost, catch, state, needed):
    assert required_accuracy(TABLE, cost, catch, state) == needed


def test_floor_clamps_required_accuracy():
    table = RankingConfig(error_cost={"low": 0.3, "medium": 0.8, "high": 0.9, "critical": 0.97})
    assert required_accuracy(table, "low", "easy", "calm") == 0.5


def test_essay_legal_review_is_a_model_gap(make_project):
    m = derive_metrics(workflow(make_project, "high", "hard", "stressed", "0.85"), TABLE)
    assert (m.required_accuracy, m.model_accuracy, m.fit, m.tier) == (0.97, 0.85, -0.12, MODEL_GAP)


def test_essay_marketing_copy_is_ready(make_project):
    m = derive_metrics(workflow(make_project, "low", "easy", "calm", "85%"), TABLE)
    assert (m.required_accuracy, m.model_accuracy, m.fit, m.tier) == (0.65, 0.85, 0.2, READY)


def test_floating_point_does_not_decide_the_tier(make_project):
    # 0.90 - 0.05 is 0.8500000000000001 in floating point; an 85% model must still meet it.
    m = derive_metrics(workflow(make_project, "high", "easy", "calm", "0.85"), TABLE)
    assert m.required_accuracy == 0.85 and m.fit == 0 and m.tier == READY


def test_pain_completeness_and_score(make_project):
    m = derive_metrics(
        load(
            make_project,
            brief(
                ("  severity: 4", "  severity: 3"),
                ("  covered_steps: [upload, extract, verify, export]", "  covered_steps: [upload, extract]"),
            ),
        ),
        TABLE,
    )
    assert m.pain == 48  # 20 × 3 × 0.8
    assert m.completeness == 0.5
    assert m.score == 12  # 48 × 0.5²


def test_complete_answer_to_moderate_pain_outscores_half_answer_to_worst(make_project):
    moderate = derive_metrics(load(make_project, brief(("  severity: 4", "  severity: 3"))), TABLE)
    worst = derive_metrics(
        load(
            make_project,
            brief(
                ("  severity: 4", "  severity: 5"),
                ("  frequency: weekly", "  frequency: daily"),
                ("  covered_steps: [upload, extract, verify, export]", "  covered_steps: [upload, extract]"),
            ),
        ),
        TABLE,
    )
    assert (moderate.score, worst.pain, worst.score) == (48, 100, 25)
    assert moderate.score > worst.score


def test_given_completeness_and_required_accuracy_are_used(make_project):
    m = derive_metrics(
        load(
            make_project,
            brief(
                ("  workflow_steps: [upload, extract, verify, export]", "  completeness: 75%"),
                ("  covered_steps: [upload, extract, verify, export]", None),
                ("  emotional_state: calm", "  emotional_state: calm\n  required_accuracy: 0.95"),
            ),
        ),
        TABLE,
    )
    assert (m.completeness, m.required_accuracy, m.required_given, m.tier) == (0.75, 0.95, True, MODEL_GAP)


def test_ranking_constants_are_overridable(make_project):
    table = RankingConfig(severity_points=10, frequency={**TABLE.frequency, "weekly": 0.5})
    assert derive_metrics(load(make_project, brief()), table).pain == 20  # 10 × 4 × 0.5


def test_single_lever_closes_the_gap(make_project):
    b = workflow(make_project, "high", "moderate", "stressed", "0.89")  # needs 0.92
    levers = find_levers(b, derive_metrics(b, TABLE), TABLE)
    assert levers is not None and levers.smallest is not None
    assert [c.factor for c in levers.smallest.changes] == ["catchability"]
    assert levers.smallest.required_accuracy == 0.87
    assert "easy to catch" in levers.hint() and "needs 0.87, model has 0.89" in levers.hint()
    assert {lv.changes[0].factor: lv.required_accuracy for lv in levers.single} == {
        "error_cost": 0.82,
        "catchability": 0.87,
        "emotional_state": 0.9,
    }


def test_no_lever_means_the_plan_waits_on_the_model(make_project):
    b = workflow(make_project, "critical", "hard", "high-stakes", "0.70")
    levers = find_levers(b, derive_metrics(b, TABLE), TABLE)
    assert levers is not None and levers.smallest is None
    assert "waits on a better model" in levers.hint()


def test_ready_briefs_have_no_levers(make_project):
    b = workflow(make_project, "low", "easy", "calm", "0.85")
    assert find_levers(b, derive_metrics(b, TABLE), TABLE) is None
