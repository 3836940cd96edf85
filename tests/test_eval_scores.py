"""Continuous scores and labels, as Ragas, LangSmith, MLflow, Braintrust, Langfuse and Phoenix
export them, read through ``eval_field`` + ``eval_pass`` (+ ``eval_where`` for a table of one row
per metric): each count checked against the same file read plainly (csv, json) in the test.
Ragas, LangSmith and MLflow wrote their files (tests/fixtures/evals/README.md); the long table
of one row per case and metric is hand-made in Langfuse's and Phoenix's shape, and so are the
variations made from it here."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from playbook.load.evals import read_evaluation
from playbook.load.readers.evaloptions import EvalOptions, PassRule, parse_threshold, parse_where

FIXTURES = Path(__file__).parent / "fixtures" / "evals"


def options(field: str = "", passing: str | tuple = "", where: str = "", slice: str = "") -> EvalOptions:
    if isinstance(passing, tuple):
        rule = PassRule(str(passing), labels=tuple(label.casefold() for label in passing))
    else:
        rule = parse_threshold(passing) if passing else None
    return EvalOptions(field, rule, parse_where(where)[0] if where else (), where, slice)


def csv_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def counted(rows: list[dict], passes, slice: str) -> dict[str, tuple[int, int]]:
    passed, graded = Counter(), Counter()
    for row in rows:
        graded[row[slice]] += 1
        passed[row[slice]] += bool(passes(row))
    return {value: (passed[value], graded[value]) for value in graded}


def slices_of(evaluation) -> dict[str, tuple[int, int]]:
    return {s.value: (s.passed, s.graded) for s in evaluation.slices}


@pytest.mark.parametrize("name", ["ragas/ragas-results.csv", "ragas/ragas-results.jsonl"])
def test_a_ragas_score_passes_by_a_threshold(name):
    rows = csv_rows(FIXTURES / "ragas/ragas-results.csv")
    chosen = options(field="non_llm_string_similarity", passing=">= 0.7", slice="doc_type")
    evaluation, problems = read_evaluation(FIXTURES, name, chosen)
    assert problems == [] and evaluation.field == "non_llm_string_similarity"
    expected = counted(rows, lambda row: float(row["non_llm_string_similarity"]) >= 0.7, "doc_type")
    assert slices_of(evaluation) == expected
    assert (
        (evaluation.passed, evaluation.graded) == (sum(p for p, _ in expected.values()), len(rows)) == (8, 14)
    )


def test_a_ragas_score_without_eval_pass_says_to_set_it():
    evaluation, problems = read_evaluation(
        FIXTURES, "ragas/ragas-results.csv", options(field="non_llm_string_similarity")
    )
    assert evaluation is None and len(problems) == 4  # the first rows with a score between 0 and 1
    assert problems[0].message == "non_llm_string_similarity is '0.9', a score rather than a pass or a fail"
    assert (problems[0].line, problems[0].hint) == (
        4,
        'set model.eval_pass to the score that passes, such as ">= 0.7"',
    )
    _, [problem] = read_evaluation(FIXTURES, "ragas/ragas-results.csv")
    assert problem.message == "no pass/fail column: no case has correct, pass, passed, success or score"
    assert "non_llm_string_similarity" in problem.hint


def test_a_ragas_0_1_metric_is_a_verdict_as_it_is():
    evaluation, problems = read_evaluation(FIXTURES, "ragas/ragas-results.csv", options(field="exact_match"))
    assert problems == [] and (evaluation.passed, evaluation.graded) == (7, 14)


def test_a_ragas_nan_is_no_verdict(tmp_path):
    """Ragas writes NaN where a metric failed on a row: pandas' to_csv leaves the cell empty, and
    its to_json writes null; either is a case not graded, never a fail."""
    rows = csv_rows(FIXTURES / "ragas/ragas-results.csv")
    rows[0]["non_llm_string_similarity"], rows[1]["non_llm_string_similarity"] = "", "nan"
    with (tmp_path / "r.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    evaluation, problems = read_evaluation(
        tmp_path, "r.csv", options(field="non_llm_string_similarity", passing="> 0.5")
    )
    assert problems == [] and (evaluation.graded, evaluation.ungraded) == (12, 2)


def test_langsmith_columns_with_dots_are_columns():
    """LangSmith's to_pandas() names columns feedback.exact, inputs.doc_type: a dotted name is a
    column first, a path into nested objects only when no column has it."""
    rows = csv_rows(FIXTURES / "langsmith/langsmith-to_pandas.csv")
    evaluation, problems = read_evaluation(
        FIXTURES,
        "langsmith/langsmith-to_pandas.csv",
        options(field="feedback.exact", slice="inputs.doc_type"),
    )
    assert problems == []
    assert slices_of(evaluation) == counted(
        rows, lambda row: row["feedback.exact"] == "True", "inputs.doc_type"
    )
    evaluation, _ = read_evaluation(
        FIXTURES, "langsmith/langsmith-to_pandas.csv", options(field="Feedback.Token_F1", passing=">= 0.5")
    )
    assert evaluation.passed == sum(float(row["feedback.token_f1"]) >= 0.5 for row in rows), (
        "any case, as CSV headers"
    )


def test_an_mlflow_table_reads_by_its_columns():
    table = json.loads((FIXTURES / "mlflow/eval_results_table.json").read_text(encoding="utf-8"))
    rows = [dict(zip(table["columns"], row)) for row in table["data"]]
    evaluation, problems = read_evaluation(
        FIXTURES, "mlflow/eval_results_table.json", options(field="exact_match/v1/score", slice="region")
    )
    assert problems == [] and evaluation.kind == "mlflow"
    assert slices_of(evaluation) == counted(rows, lambda row: row["exact_match/v1/score"] == 1, "region")
    evaluation, problems = read_evaluation(
        FIXTURES,
        "mlflow/eval_results_table.json",
        options(where='"exact_match/v1/score" == 1 and token_count == 1'),
    )
    assert problems and problems[0].message.startswith("no pass/fail column"), (
        "eval_where picks rows, not a verdict"
    )


LONG = FIXTURES / "long/renewals-scores-long.jsonl"


def long_rows() -> list[dict]:
    return [json.loads(line) for line in LONG.read_text(encoding="utf-8").splitlines()]


def test_a_long_table_is_read_one_metric_at_a_time():
    evaluation, [problem] = read_evaluation(LONG.parent, LONG.name)
    assert evaluation is None and problem.message.startswith(
        "the rows measure 3 metrics in the column metric (exact_date, token_overlap, judge_correctness)"
    )
    assert problem.hint == 'pick one with model.eval_where, such as "metric == exact_date"'
    rows = [row for row in long_rows() if row["metric"] == "judge_correctness"]
    chosen = options(field="score", passing=">= 0.7", where="metric == judge_correctness", slice="doc_type")
    evaluation, problems = read_evaluation(LONG.parent, LONG.name, chosen)
    assert problems == []
    graded = [row for row in rows if row["score"] is not None]
    assert slices_of(evaluation) == counted(graded, lambda row: row["score"] >= 0.7, "doc_type")
    assert (evaluation.graded, evaluation.ungraded) == (13, 1), "the judge that timed out is no verdict"


def test_a_where_that_keeps_nothing_names_what_the_field_has():
    _, [problem] = read_evaluation(LONG.parent, LONG.name, options(where="metric == correctness"))
    assert problem.message == "model.eval_where 'metric == correctness' keeps none of the 42 cases"
    assert problem.hint == "metric has: exact_date, token_overlap, judge_correctness"
    _, [problem] = read_evaluation(LONG.parent, LONG.name, options(where="metrc == exact_date"))
    assert problem.message == "no case has the field 'metrc' that model.eval_where names"
    assert problem.hint == "did you mean 'metric'?"


def test_labels_pass_by_eval_pass(tmp_path):
    """Phoenix's evaluations carry a label (its hallucination evaluator: "factual" or
    "hallucinated"): made from the long table."""
    label = {True: "Factual", False: "hallucinated", None: None}
    lines = [json.dumps({**row, "label": label[row["passed"]]}) for row in long_rows()]
    (tmp_path / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = "metric == exact_date"
    evaluation, problems = read_evaluation(
        tmp_path, "labels.jsonl", options(field="label", passing=("factual",), where=where)
    )
    assert problems == [] and (evaluation.passed, evaluation.graded) == (7, 14)
    _, problems = read_evaluation(tmp_path, "labels.jsonl", options(field="label", where=where))
    assert problems[0].message == "label is 'Factual', which is neither a pass nor a fail"
    assert problems[0].hint == "name the labels that pass with model.eval_pass, such as [Factual]"
    _, [problem] = read_evaluation(
        tmp_path, "labels.jsonl", options(field="label", passing=("factaul",), where=where)
    )
    assert problem.message == "no case of label has a label that model.eval_pass names (factaul)"
    assert problem.hint == "the cases have: Factual, hallucinated"


def test_a_json_list_of_cases_with_nested_scores(tmp_path):
    """Braintrust's experiment export: a list of events, each with scores.<name> and metadata
    (the shape of its docs; made from the Ragas run's scores)."""
    rows = [
        json.loads(line)
        for line in (FIXTURES / "ragas/ragas-results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    events = [
        {
            "id": row["case_id"],
            "input": row["user_input"],
            "output": row["response"],
            "scores": {"similarity": row["non_llm_string_similarity"], "exact": row["exact_match"]},
            "metadata": {"doc_type": row["doc_type"], "region": row["region"]},
        }
        for row in rows
    ]
    (tmp_path / "experiment.json").write_text(json.dumps(events, indent=2), encoding="utf-8")
    chosen = options(field="scores.similarity", passing=">= 0.7", slice="metadata.doc_type")
    evaluation, problems = read_evaluation(tmp_path, "experiment.json", chosen)
    assert problems == [] and evaluation.kind == "records"
    assert slices_of(evaluation) == counted(
        rows, lambda row: row["non_llm_string_similarity"] >= 0.7, "doc_type"
    )
    _, [problem, *_] = read_evaluation(tmp_path, "experiment.json", options(field="scores", passing=">= 0.7"))
    assert problem.message.startswith("scores is a mapping, not a verdict or a score")
    assert problem.hint == "name a field inside it with a dotted path, such as scores.value"


def test_a_column_naming_who_graded_is_no_metric(tmp_path):
    """Human grading often names the grader: a column scorer or evaluator is read as a column."""
    rows = "id,evaluator,scorer,correct\n1,alice,alice,true\n2,bob,bob,false\n3,alice,alice,true\n"
    (tmp_path / "graded.csv").write_text(rows, encoding="utf-8")
    evaluation, problems = read_evaluation(tmp_path, "graded.csv", options(slice="evaluator"))
    assert problems == [] and (evaluation.passed, evaluation.graded) == (2, 3)
    assert [(s.value, s.graded) for s in evaluation.slices] == [("alice", 2), ("bob", 1)]
