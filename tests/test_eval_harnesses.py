"""lm-evaluation-harness's samples and DeepEval's test runs, read as the tools count them, from
files the tools wrote (tests/fixtures/evals/, see the README there): lm-eval's per-document
metrics to the task scores in its own ``results_*.json``, one filter at a time; DeepEval's cases
and metrics to its own ``testPassed``/``testFailed`` and ``metricsScores``, a metric that raised
being no verdict, and its older ``additionalMetadata`` found where a brief says ``metadata``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from playbook.load.evals import read_evaluation
from playbook.load.readers.evaloptions import EvalOptions, parse_threshold, parse_where

FIXTURES = Path(__file__).parent / "fixtures" / "evals"
LM_EVAL = FIXTURES / "lm-eval"
DEEPEVAL = FIXTURES / "deepeval"


def options(field: str = "", passing: str = "", where: str = "", slice: str = "") -> EvalOptions:
    rule = parse_threshold(passing) if passing else None
    return EvalOptions(field, rule, parse_where(where)[0] if where else (), where, slice)


def lm_eval_reports() -> dict:
    """Return every task's scores, as lm-eval's results_*.json files give them."""
    reports = {}
    for path in LM_EVAL.glob("results_*.json"):
        reports.update(json.loads(path.read_text(encoding="utf-8"))["results"])
    return reports


def samples(task: str) -> Path:
    [path] = LM_EVAL.glob(f"samples_{task}_*.jsonl")
    return path


@pytest.mark.parametrize(
    "task, field, metric",
    [
        ("renewals_gen", "", "exact_match,none"),  # the metric the lines list first
        ("renewals_mc", "", "acc,none"),
        ("renewals_mc", "acc_norm", "acc_norm,none"),
    ],
)
def test_lm_eval_samples_read_to_the_task_score_it_reports(task, field, metric):
    report = lm_eval_reports()[task]
    evaluation, problems = read_evaluation(LM_EVAL, samples(task).name, options(field=field))
    assert problems == [] and evaluation.kind == "lm-eval"
    assert evaluation.graded == report["sample_len"] == 18
    assert evaluation.passed / evaluation.graded == pytest.approx(report[metric])
    assert evaluation.field == metric.split(",")[0]


def test_lm_eval_graded_under_two_filters_is_read_one_filter_at_a_time():
    path = samples("renewals_filters")
    report = lm_eval_reports()["renewals_filters"]
    evaluation, [problem] = read_evaluation(LM_EVAL, path.name)
    assert evaluation is None
    assert problem.message.startswith("each document is graded under 2 filters (strict-date, raw)")
    assert problem.hint == 'pick one with model.eval_where, such as "filter == strict-date"'
    for name in ("strict-date", "raw"):
        evaluation, problems = read_evaluation(
            LM_EVAL, path.name, options(where=f"filter == {name}", slice="doc.doc_type")
        )
        assert problems == [] and evaluation.graded == 18
        assert evaluation.passed / evaluation.graded == pytest.approx(report[f"exact_match,{name}"])
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        own = Counter(
            line["doc"]["doc_type"] for line in lines if line["filter"] == name and line["exact_match"] == 1.0
        )
        assert {s.value: s.passed for s in evaluation.slices} == dict(own)


DEEPEVAL_RUNS = [
    "evaluate/test_run_20261207_134227.json",  # evaluate()
    "test-run/test_run_20261207_134301.json",  # deepeval test run (testFile first)
    "test-run/latest_test_run.json",  # .deepeval/.latest_test_run.json: {"testRunData": ...}
]


def deepeval_run(name: str) -> dict:
    data = json.loads((DEEPEVAL / name).read_text(encoding="utf-8"))
    return data.get("testRunData", data)


@pytest.mark.parametrize("name", DEEPEVAL_RUNS)
def test_a_deepeval_run_reads_to_its_cases_passed_and_failed(name):
    run = deepeval_run(name)
    evaluation, problems = read_evaluation(DEEPEVAL, name, options(slice="metadata.doc_type"))
    assert problems == [] and (evaluation.kind, evaluation.field) == ("deepeval", "success")
    assert (evaluation.passed, evaluation.graded) == (
        run["testPassed"],
        run["testPassed"] + run["testFailed"],
    )
    own = Counter(case["metadata"]["doc_type"] for case in run["testCases"] if case["success"])
    assert {s.value: s.passed for s in evaluation.slices} == dict(own)


@pytest.mark.parametrize(
    "field, passing, scores_pass",
    [
        ("Token Overlap", "", None),  # the metric's own success, at its threshold 0.5
        ("Token Overlap", ">= 0.6", lambda score: score >= 0.6),  # its score against another
        ("Exact Date", "", None),
    ],
)
def test_a_deepeval_metric_reads_to_its_own_scores(field, passing, scores_pass):
    run = deepeval_run(DEEPEVAL_RUNS[0])
    [scores] = [m for m in run["metricsScores"] if m["metric"] == field]
    evaluation, problems = read_evaluation(DEEPEVAL, DEEPEVAL_RUNS[0], options(field=field, passing=passing))
    assert problems == [] and evaluation.field == field
    expected = scores["passes"] if scores_pass is None else sum(map(scores_pass, scores["scores"]))
    assert (evaluation.passed, evaluation.graded) == (expected, len(scores["scores"]))


def test_a_deepeval_metric_that_raised_is_no_verdict():
    """deepeval 4.3.1 with ignore_errors: a judge timed out on invoice-03 (source/run_errors.py)."""
    run = deepeval_run("evaluate/test_run_errors.json")
    [judge] = [m for m in run["metricsScores"] if m["metric"] == "Judge"]
    evaluation, problems = read_evaluation(DEEPEVAL, "evaluate/test_run_errors.json", options(field="Judge"))
    assert problems == []
    assert (
        (evaluation.passed, evaluation.graded - evaluation.passed, evaluation.ungraded)
        == (
            judge["passes"],
            judge["fails"],
            judge["errors"],
        )
        == (13, 0, 1)
    )
    # The case failed another metric: it failed, whatever the judge would have said.
    evaluation, _ = read_evaluation(DEEPEVAL, "evaluate/test_run_errors.json")
    assert (evaluation.passed, evaluation.graded) == (
        run["testPassed"],
        run["testPassed"] + run["testFailed"],
    )


def test_a_deepeval_case_with_no_other_verdict_than_a_raised_metric_is_no_verdict(tmp_path):
    """Made from the real file: the judge also raises on a case that passed every other metric."""
    run = json.loads((DEEPEVAL / "evaluate/test_run_errors.json").read_text(encoding="utf-8"))
    [case] = [c for c in run["testCases"] if c["name"] == "contract-01"]
    case["success"] = False
    case["metricsData"][2] = {"name": "Judge", "threshold": 0.5, "success": False, "error": "TimeoutError"}
    (tmp_path / "run.json").write_text(json.dumps(run), encoding="utf-8")
    evaluation, _ = read_evaluation(tmp_path, "run.json")
    assert (evaluation.passed, evaluation.graded, evaluation.ungraded) == (6, 13, 1)


def test_deepeval_3_additional_metadata_is_found_as_metadata(tmp_path):
    """DeepEval up to 3.9 wrote a case's metadata as additionalMetadata (renamed in 4.0, commit
    36c86f025): the 4.3.1 file with the key renamed back, as 3.x wrote it."""
    text = (
        (DEEPEVAL / DEEPEVAL_RUNS[0])
        .read_text(encoding="utf-8")
        .replace('"metadata":', '"additionalMetadata":')
    )
    (tmp_path / "run.json").write_text(text, encoding="utf-8")
    old, problems = read_evaluation(
        tmp_path, "run.json", options(slice="metadata.region", where="metadata.doc_type != email")
    )
    new, _ = read_evaluation(
        DEEPEVAL, DEEPEVAL_RUNS[0], options(slice="metadata.region", where="metadata.doc_type != email")
    )
    assert problems == [] and old.slices == new.slices and old.graded == new.graded == 10
