"""Accuracy with its uncertainty: the Wilson interval, the cases that would settle a verdict, and
the three verdicts (proven, unproven, gap) in check, rank, the ranking's sentences and the levers."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.analysis.confidence import bounds, cases_to_prove, cases_to_settle, wilson, z_of
from playbook.analysis.project import analyse_project
from tests.support.briefs import brief

TODAY = date(2026, 11, 25)
ACCURACY, SAMPLES = "  accuracy: 0.93", "  samples: 500"

# (passed, cases, low, high) at 95%, from statsmodels' proportion_confint(method="wilson").
KNOWN = [
    (0, 10, 0.0, 0.277533),
    (1, 10, 0.017876, 0.40415),
    (5, 10, 0.236593, 0.763407),
    (9, 10, 0.59585, 0.982124),
    (10, 10, 0.722467, 1.0),
    (0, 100, 0.0, 0.036993),
    (10, 100, 0.055229, 0.174366),
    (50, 100, 0.403832, 0.596168),
    (88, 100, 0.801879, 0.930006),
    (90, 100, 0.825634, 0.944771),
    (100, 100, 0.963007, 1.0),
    (0, 1000, 0.0, 0.003827),
    (100, 1000, 0.082909, 0.120152),
    (500, 1000, 0.46907, 0.53093),
    (880, 1000, 0.858391, 0.898701),
    (900, 1000, 0.879848, 0.917091),
    (1000, 1000, 0.996173, 1.0),
]


@pytest.mark.parametrize("passed, cases, low, high", KNOWN)
def test_wilson_matches_known_values(passed, cases, low, high):
    got = wilson(passed / cases, cases, z_of(0.95))
    assert got == pytest.approx((low, high), abs=2e-6)


@pytest.mark.parametrize(
    "confidence, passed, cases, low, high",
    [(0.90, 35, 40, 0.764676, 0.937809), (0.99, 176, 200, 0.808304, 0.927293)],
)
def test_wilson_at_other_confidences(confidence, passed, cases, low, high):
    assert wilson(passed / cases, cases, z_of(confidence)) == pytest.approx((low, high), abs=2e-6)


@settings(max_examples=200, deadline=None)
@given(
    share=st.floats(0.05, 0.999),
    required=st.floats(0.5, 0.995),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_the_cases_needed_round_trip(share, required, confidence):
    """N cases at the accuracy give a low end at the requirement and N - 1 do not; the same for
    settling a gap."""
    z = z_of(confidence)
    needed = cases_to_prove(share, required, z)
    if share < required:
        assert needed is None
        settle = cases_to_settle(share, required, z)
        if settle is not None:
            assert bounds(share, settle, z)[1] < required
            assert settle == 1 or bounds(share, settle - 1, z)[1] >= required
    elif needed is not None:
        assert bounds(share, needed, z)[0] >= required
        assert needed == 1 or bounds(share, needed - 1, z)[0] < required


def test_no_number_of_cases_proves_an_accuracy_below_the_need_or_a_need_of_one():
    z = z_of(0.95)
    assert cases_to_prove(0.80, 0.85, z) is None and cases_to_prove(1.0, 1.0, z) is None
    assert cases_to_settle(0.90, 0.85, z) is None


def analysed(make_project, *changes, config=None):
    root = make_project({"b": brief(*changes)}, config=config)
    analysis = analyse_project(root, today=TODAY)
    return analysis, analysis.metrics["b"], {d.code: d for d in analysis.diagnostics}


def test_a_large_sample_proves_the_fit(make_project):
    _, m, found = analysed(make_project)
    assert (m.samples, m.accuracy_low, m.accuracy_high, m.proven, m.verdict, m.tier) == (
        500,
        0.904,
        0.949,
        True,
        "proven",
        "ready",
    )
    assert found == {}


def test_a_small_sample_is_ready_but_unproven(make_project):
    """The issue's example: 0.88 on 40 cases is 0.74-0.95 at 95%, below 0.85 at its low end."""
    analysis, m, found = analysed(
        make_project,
        (ACCURACY, "  accuracy: 0.88"),
        (SAMPLES, "  samples: 40"),
        ("  error_cost: high", "  error_cost: high\n  required_accuracy: 0.85"),
    )
    assert (m.verdict, m.tier, m.proven, m.accuracy_low, m.accuracy_high) == (
        "unproven",
        "ready",
        False,
        0.745,
        0.948,
    )
    needed = cases_to_prove(0.88, 0.85, z_of(0.95))
    assert m.cases_needed == needed and 400 < needed < 600
    d = found["PB203"]
    assert (d.severity.label, d.name) == ("warning", "unproven-fit")
    assert d.message == (
        f"0.88 on 40 cases is 0.74–0.95 at 95%, below the 0.85 needed at its low end; "
        f"about {needed:,} cases at this accuracy would show it"
    )
    assert "not yet proven: 0.88 on 40 cases is 0.74–0.95 at 95%" in analysis.ranking.ranked[0].why


def test_a_gap_within_the_noise_says_how_many_cases_would_settle_it(make_project):
    _, m, found = analysed(make_project, (ACCURACY, "  accuracy: 0.88"), (SAMPLES, "  samples: 60"))
    assert (m.verdict, m.tier, m.within_noise) == ("gap", "model-gap", True)
    settle = cases_to_settle(0.88, 0.90, z_of(0.95))
    assert found["PB202"].message == (
        "model accuracy 0.88 is below the 0.90 this workflow needs, but on 60 cases (95%: 0.77–0.94) "
        f"the gap is within the measurement's noise: about {settle:,} cases at this accuracy would settle it"
    )
    assert "PB203" not in found


def test_a_clear_gap_says_only_that(make_project):
    _, m, found = analysed(make_project, (ACCURACY, "  accuracy: 0.80"))
    assert (m.verdict, m.within_noise) == ("gap", False)
    assert found["PB202"].message == "model accuracy 0.80 is below the 0.90 this workflow needs"


def test_an_accuracy_without_a_sample_size_is_unsized(make_project):
    _, m, found = analysed(make_project, (SAMPLES, None))
    assert (m.samples, m.accuracy_low, m.proven, m.verdict, m.tier) == (None, None, None, "unsized", "ready")
    assert set(found) == {"PB204"}
    assert (found["PB204"].severity.label, found["PB204"].message) == (
        "info",
        "model accuracy 0.93 was measured on 500 real vendor contracts, as measured_on says, "
        "but model.samples does not give the number, so how sure it is cannot be told",
    )


def test_the_confidence_is_configurable(make_project):
    _, loose, _ = analysed(make_project, (SAMPLES, "  samples: 300"), config="ranking:\n  confidence: 0.8\n")
    _, strict, found = analysed(
        make_project, (SAMPLES, "  samples: 300"), config="ranking:\n  confidence: 0.99\n"
    )
    assert loose.accuracy_low > strict.accuracy_low and loose.proven and not strict.proven
    assert "at 99%" in found["PB203"].message


def test_ranking_on_the_lower_bound_is_the_cautious_view(make_project):
    """fit_on: lower_bound ranks an unproven brief in the model gap, and its levers work on the low end."""
    changes = ((ACCURACY, "  accuracy: 0.91"), (SAMPLES, "  samples: 100"))
    _, estimate, found_estimate = analysed(make_project, *changes)
    analysis, low, found_low = analysed(make_project, *changes, config="ranking:\n  fit_on: lower_bound\n")
    assert (estimate.tier, estimate.verdict, estimate.fit) == ("ready", "unproven", 0.01)
    assert "PB203" in found_estimate and "PB202" not in found_estimate
    assert (low.tier, low.verdict, low.fit) == ("model-gap", "unproven", round(low.accuracy_low - 0.90, 3))
    assert "PB203" not in found_low
    assert found_low["PB202"].message.startswith(
        "model accuracy 0.91 on 100 cases is 0.84–0.95 at 95%, below the 0.90 "
        "this workflow needs at its low end, which this playbook ranks on"
    )
    levers = analysis.levers["b"]
    assert levers.model_accuracy == low.accuracy_low
    assert all(
        lever.closes_gap == (round(low.accuracy_low - lever.required_accuracy, 3) >= 0)
        for lever in levers.single
    )


def test_rank_json_and_text_carry_the_measurement(make_project, run):
    root = make_project(
        {"proven": brief(), "unsized": brief((SAMPLES, None)), "small": brief((SAMPLES, "  samples: 40"))}
    )
    document = json.loads(run("rank", str(root), "--format", "json")[1])
    by_slug = {entry["slug"]: entry for entry in document["ranking"]}
    assert {
        key: by_slug["proven"][key] for key in ("samples", "accuracy_low", "accuracy_high", "proven", "eval")
    } == {"samples": 500, "accuracy_low": 0.904, "accuracy_high": 0.949, "proven": True, "eval": None}
    assert (
        by_slug["unsized"]["samples"],
        by_slug["unsized"]["accuracy_low"],
        by_slug["unsized"]["proven"],
    ) == (None, None, None)
    assert by_slug["small"]["proven"] is False
    text = run("rank", str(root), "--color", "never")[1]
    assert "proof" in text and "proven  " in text and "unproven" in text and "no cases" in text


def test_the_site_shows_the_interval_and_the_verdict(make_project, tmp_path):
    from playbook.cli.main import main

    root = make_project(
        {
            "proven": brief(),
            "small": brief((SAMPLES, "  samples: 40")),
            "unsized": brief((SAMPLES, None)),
            "noise": brief((ACCURACY, "  accuracy: 0.88"), (SAMPLES, "  samples: 60")),
        }
    )
    out = tmp_path / "site"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 0
    page = lambda slug: (out / f"briefs/{slug}/index.html").read_text(encoding="utf-8")  # noqa: E731
    proven = page("proven")
    assert "95% interval 0.90–0.95: <strong>proven</strong>, all of it above the need." in proven
    assert ";--low:80.8%;" in proven and "Ready, proven" in proven
    needed = cases_to_prove(0.93, 0.90, z_of(0.95))
    small = page("small")
    assert f"<strong>unproven</strong>: ~{needed - 40:,} more cases at this accuracy would show it." in small
    assert "Ready, unproven" in small and "shape-unproven" in small
    assert "How sure: unknown until the brief gives <code>samples</code>" in page(
        "unsized"
    ) and "--low:" not in page("unsized")
    assert "<strong>a gap within the noise</strong>" in page("noise")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1 of them not yet proven" in index and 'class="point point-unproven"' in index
    assert '<span class="shape shape-unproven"' in index and "Rings are ready on the estimate but" in index


def test_the_usual_quantiles_are_the_normal_distributions():
    """z_of answers the usual confidences without importing statistics: the same numbers."""
    from statistics import NormalDist

    from playbook.analysis.confidence import USUAL_Z

    assert set(USUAL_Z) >= {0.9, 0.95, 0.99}
    for confidence, z in USUAL_Z.items():
        assert z == NormalDist().inv_cdf(0.5 + confidence / 2)
    assert z_of(0.8) == NormalDist().inv_cdf(0.9)
