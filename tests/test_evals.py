"""The evaluation as a file (``model.eval``): JSON Lines, CSV and a real Inspect AI log read to the
accuracy and count; every bad file diagnosed at its own line; bounded memory on 50 MB; and the
file treated as an input by the cache, by builds and by ``serve``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from playbook.analysis.project import analyse_project
from playbook.cli.main import main
from playbook.load.evals import read_evaluation
from tests.support.briefs import brief, line_of
from tests.support.serving import watched_server

TODAY = date(2026, 11, 25)
FIXTURES = Path(__file__).parent / "fixtures" / "evals"
INSPECT_LOG = FIXTURES / "inspect-renewal-dates.json"
MODEL = "  accuracy: 0.93\n  samples: 500"


def eval_brief(path: str = "evals/cases.jsonl", extra: str = "") -> str:
    text = brief(("  accuracy: 0.93", f"  eval: {path}{extra}"), ("  samples: 500", None))
    assert MODEL not in text
    return text


def project_with(
    make_project, files: dict[str, str | bytes], text: str | None = None, config: str | None = None
) -> Path:
    root = make_project({"b": text or eval_brief(), "other": brief()}, config=config)
    for name, data in files.items():
        target = root / "content/evals" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def rows(*grades) -> str:
    return "".join(
        json.dumps({"id": index, "input": f"case {index}", "correct": grade}) + "\n"
        for index, grade in enumerate(grades)
    )


def test_a_jsonl_file_gives_the_accuracy_and_the_sample_size(make_project):
    root = project_with(make_project, {"cases.jsonl": rows(*([True] * 45 + [False] * 5))})
    analysis = analyse_project(root, today=TODAY)
    m = analysis.metrics["b"]
    assert (m.model_accuracy, m.samples, m.eval) == (0.9, 50, "content/evals/cases.jsonl")
    # 0.90 on 50 does not prove 0.90; and the file grades 50, where measured_on says 500 contracts
    assert {d.code for d in analysis.diagnostics if d.path.endswith("b.md")} == {"PB203", "PB204"}


@pytest.mark.parametrize(
    "name, text, passed, graded, field",
    [
        ("a.jsonl", rows(True, False, 1, 0, "pass", "FAIL", "yes", None, "") + "\n", 4, 7, "correct"),
        ("b.jsonl", '{"id": 1, "passed": true}\n{"id": 2, "passed": false}\n', 1, 2, "passed"),
        (
            "c.jsonl",
            '{"success": true, "score": 0.3}\n',
            1,
            1,
            "success",
        ),  # the first of the usual names wins
        ("d.csv", 'id,input,Correct\n1,x,true\n2,"two\nlines",0\n3,z,\n\n4,w,PASS\n', 2, 3, "Correct"),
        ("e.csv", "\ufeffcase,score\n1,1\n2,0.0\n3,1.0\n", 2, 3, "score"),
    ],
)
def test_the_usual_pass_fail_columns_and_values(make_project, name, text, passed, graded, field):
    root = project_with(make_project, {name: text})
    evaluation, problems = read_evaluation(root, f"content/evals/{name}")
    assert problems == [] and (evaluation.passed, evaluation.graded, evaluation.field) == (
        passed,
        graded,
        field,
    )


def test_eval_field_names_the_column(make_project):
    text = '{"id": 1, "judge_ok": true, "correct": false}\n{"id": 2, "judge_ok": true, "correct": false}\n'
    root = project_with(
        make_project, {"cases.jsonl": text}, text=eval_brief(extra="\n  eval_field: judge_ok")
    )
    m = analyse_project(root, today=TODAY).metrics["b"]
    assert (m.model_accuracy, m.samples) == (1.0, 2)


def test_a_real_inspect_ai_log_reads_to_what_inspect_reports():
    log = json.loads(INSPECT_LOG.read_text(encoding="utf-8"))
    reported = log["results"]
    evaluation, problems = read_evaluation(
        FIXTURES.parent.parent.parent, "tests/fixtures/evals/inspect-renewal-dates.json"
    )
    assert problems == []
    assert evaluation.graded == reported["completed_samples"] == 30
    assert evaluation.passed / evaluation.graded == reported["scores"][0]["metrics"]["accuracy"]["value"]
    assert evaluation.field == reported["scores"][0]["name"] == "match"


def test_a_log_inspect_ai_writes_now_reads_to_what_it_reports(tmp_path):
    """Run the installed Inspect AI for real, offline, with its mock model, and read its log."""
    pytest.importorskip("inspect_ai", reason="inspect-ai is in the test extras: pip install -e '.[test]'")
    done = subprocess.run(
        [sys.executable, str(FIXTURES / "make_inspect_log.py"), str(tmp_path / "logs"), "24", "3"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "INSPECT_DISPLAY": "none"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    written = Path(done.stdout.strip().splitlines()[-1].removeprefix("file://"))
    reported = json.loads(written.read_text(encoding="utf-8"))["results"]
    evaluation, problems = read_evaluation(written.parent, written.name)
    assert problems == [] and evaluation.graded == reported["completed_samples"] == 24
    assert evaluation.passed / evaluation.graded == pytest.approx(
        reported["scores"][0]["metrics"]["accuracy"]["value"]
    )


def inspect_like(samples: list[object], scorer: str = "match") -> str:
    return json.dumps(
        {
            "version": 2,
            "eval": {"task": "t"},
            "results": {"scores": [{"name": scorer}]},
            "samples": [{"id": i, "scores": {scorer: {"value": v}}} for i, v in enumerate(samples)],
        }
    )


def test_inspect_scores_c_i_and_n(make_project):
    root = project_with(
        make_project,
        {"log.json": inspect_like(["C", "I", "N", "C", 1, 0.0])},
        text=eval_brief("evals/log.json"),
    )
    m = analyse_project(root, today=TODAY).metrics["b"]
    assert (m.samples, m.model_accuracy) == (6, 0.5)


# (files, brief's model lines, where the finding is: (path, line or fragment, column), message start)
BAD = {
    "missing": (
        {},
        "evals/cases.jsonl",
        ("b.md", "eval:", 9),
        "model.eval: content/evals/cases.jsonl does not exist",
    ),
    "a folder": (
        {"cases.jsonl/x": "{}"},
        "evals/cases.jsonl",
        ("b.md", "eval:", 9),
        "model.eval: content/evals/cases.jsonl is not a regular file",
    ),
    "not JSON": (
        {"cases.jsonl": rows(True) + '{"correct": tru}\n'},
        "evals/cases.jsonl",
        ("cases.jsonl", 2, 13),
        "the row is not JSON",
    ),
    "a list row": (
        {"cases.jsonl": "[1, 2]\n"},
        "evals/cases.jsonl",
        ("cases.jsonl", 1, 1),
        "the row is a list, not an object",
    ),
    "not pass or fail": (
        {"cases.jsonl": rows(True, "maybe")},
        "evals/cases.jsonl",
        ("cases.jsonl", 2, 30),
        "correct is 'maybe', which is neither a pass nor a fail",
    ),
    "a fraction": (
        {"c.csv": "id,score\n1,1\n2,0.7\n"},
        "evals/c.csv",
        ("c.csv", 3, 1),
        "score is '0.7', a score rather than a pass or a fail",
    ),
    "nothing graded": (
        {"cases.jsonl": rows(None, "")},
        "evals/cases.jsonl",
        ("cases.jsonl", 2, 1),
        "the evaluation has no graded case",
    ),
    "an empty file": ({"cases.jsonl": ""}, "evals/cases.jsonl", ("cases.jsonl", 1, 1), "no pass/fail column"),
    "no such column": (
        {"cases.jsonl": '{"id": 1, "ok": true}\n'},
        "evals/cases.jsonl",
        ("cases.jsonl", 1, 1),
        "no pass/fail column",
    ),
    "a misspelt eval_field": (
        {"cases.jsonl": rows(True)},
        "evals/cases.jsonl\n  eval_field: corect",
        ("cases.jsonl", 1, 1),
        "no case has the field 'corect'",
    ),
    "not UTF-8": (
        {"cases.jsonl": rows(True).encode() + b'{"correct": "\xe9"}\n'},
        "evals/cases.jsonl",
        ("cases.jsonl", 2, 14),
        "the row is not valid UTF-8",
    ),
    "a row over a MiB": (
        {"cases.jsonl": rows(True) + '{"x": "' + "a" * 1_100_000 + '"}\n' + rows(False)},
        "evals/cases.jsonl",
        ("cases.jsonl", 2, 1),
        "the row is over 1,048,576 bytes",
    ),
    "a CSV with no header": (
        {"c.csv": "\n\n"},
        "evals/c.csv",
        ("c.csv", 1, 1),
        "the CSV file has no header row",
    ),
    "a NUL in a CSV": (
        {"c.csv": "id,correct\n1,tr\x00ue\n"},
        "evals/c.csv",
        ("c.csv", 2, 1),
        "correct is 'tr\\x00ue', which is neither",
    ),
    "JSON that is not an Inspect log": (
        {"x.json": '{"accuracy": 0.9}'},
        "evals/x.json",
        ("x.json", 1, 1),
        "a .json evaluation file must be one a tool wrote",
    ),
    "broken JSON": ({"x.json": '{"eval": {'}, "evals/x.json", ("x.json", 1, 1), "the file is not valid JSON"),
    "a partial Inspect score": (
        {"x.json": inspect_like(["C", "P"])},
        "evals/x.json",
        ("x.json", 1, 1),
        "sample 1: match is 'P' (partly right)",
    ),
    "a .eval log that is not a zip": (
        {"x.eval": b"PK\x03\x04"},
        "evals/x.eval",
        ("x.eval", 1, 1),
        "the .eval file is not a zip archive",
    ),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_eval_file_is_diagnosed_where_it_is_wrong(make_project, name, run):
    files, path, (where, line, column), message = BAD[name]
    text = (
        eval_brief(path)
        if "\n" not in path
        else brief(("  accuracy: 0.93", f"  eval: {path}"), ("  samples: 500", None))
    )
    root = project_with(make_project, files, text=text)
    analysis = analyse_project(root, today=TODAY)
    assert [b.slug for b in analysis.briefs] == ["other"], "the brief is left out, the other one is not"
    found = [d for d in analysis.diagnostics if d.path.endswith("/" + where)]
    assert found and all(d.code == "PB008" and d.severity.label == "error" for d in found), found
    first = found[0]
    expected_line = line if isinstance(line, int) else line_of(text, line)
    assert (first.line, first.column) == (expected_line, column) and first.message.startswith(message), first
    on_brief = [d for d in analysis.diagnostics if d.path == "content/briefs/b.md"]
    assert [d.code for d in on_brief] == ["PB008"] and on_brief[0].line == line_of(text, "eval:")
    code, out, err = run("check", str(root))
    assert code == 1 and "Traceback" not in out + err


def test_a_symlink_out_of_the_project_is_refused(make_project, tmp_path):
    outside = tmp_path / "outside.jsonl"
    outside.write_text(rows(True), encoding="utf-8")
    root = project_with(make_project, {})
    (root / "content/evals").mkdir(parents=True)
    (root / "content/evals/cases.jsonl").symlink_to(outside)
    [d] = [d for d in analyse_project(root, today=TODAY).diagnostics if d.path.endswith("b.md")]
    assert (d.code, d.message) == (
        "PB008",
        "model.eval: content/evals/cases.jsonl leads out of the project through a symlink",
    )


def test_a_fifo_does_not_block(make_project):
    root = project_with(make_project, {})
    (root / "content/evals").mkdir(parents=True)
    os.mkfifo(root / "content/evals/cases.jsonl")
    [d] = [d for d in analyse_project(root, today=TODAY).diagnostics if d.path.endswith("b.md")]
    assert d.message.endswith("is not a regular file")


@pytest.mark.parametrize(
    "model, message",
    [
        ("  accuracy: 0.93\n  eval: evals/cases.jsonl", "model.eval: give accuracy or eval, not both"),
        ("  samples: 40\n  eval: evals/cases.jsonl", "model.eval: give samples or eval, not both"),
        ("  accuracy: 0.93\n  eval_field: correct", "model.eval_field is given without model.eval"),
        ("  eval: ../outside.jsonl", "model.eval: expected a relative path under content/"),
        ("  eval: /etc/passwd.csv", "model.eval: expected a relative path under content/"),
        ("  eval: evals/cases.txt", "model.eval: expected a relative path under content/"),
        ("  samples: 0\n  accuracy: 0.9", "model.samples: expected an integer from 1"),
    ],
)
def test_the_schema_refuses_what_cannot_be_measured(make_project, model, message):
    text = brief(("  accuracy: 0.93", model), ("  samples: 500", None))
    root = project_with(make_project, {"cases.jsonl": rows(True)}, text=text)
    found = [d for d in analyse_project(root, today=TODAY).diagnostics if d.path.endswith("b.md")]
    assert [d.code for d in found] == ["PB002"] and found[0].message.startswith(message), found


def peak_memory_reading(path: Path) -> int:
    """Return the peak resident memory, in KiB, of a fresh Python reading ``path``."""
    code = (
        "import resource, sys; from pathlib import Path; from playbook.load.evals import read_evaluation;"
        "e, p = read_evaluation(Path(sys.argv[1]), sys.argv[2]); assert e is not None, p; print(e.graded);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path.parent), path.name], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    graded, peak = done.stdout.split()
    return int(peak)


@pytest.mark.parametrize("kind", ["jsonl", "json"])
def test_a_50_mb_file_is_read_in_bounded_memory(tmp_path, kind):
    """The peak memory of reading 50 MB is within a few MB of reading 1 MB: one row at a time."""
    padding = "x" * 900

    def write(name: str, cases: int) -> Path:
        path = tmp_path / f"{name}.{kind}"
        with path.open("w", encoding="utf-8") as out:
            if kind == "jsonl":
                for index in range(cases):
                    out.write(json.dumps({"id": index, "output": padding, "correct": index % 7 != 0}) + "\n")
            else:
                out.write(
                    '{"version": 2, "eval": {"task": "t"}, "results": {"scores": [{"name": '
                    '"match"}]}, "samples": ['
                )
                out.write(
                    ",".join(
                        json.dumps(
                            {
                                "id": i,
                                "messages": [padding] * 4,
                                "scores": {"match": {"value": "C" if i % 7 else "I"}},
                            }
                        )
                        for i in range(cases)
                    )
                )
                out.write("]}")
        return path

    small, large = write("small", 300), write("large", 14_000 if kind == "json" else 56_000)
    assert large.stat().st_size > 50_000_000
    assert peak_memory_reading(large) - peak_memory_reading(small) < 8 * 1024


def test_the_eval_file_is_an_input_of_cached_builds(make_project, tmp_path):
    root = project_with(make_project, {"cases.jsonl": rows(*([True] * 45 + [False] * 5))})
    out = tmp_path / "site"

    def build() -> dict[str, bytes]:
        assert main(["build", str(root), "-o", str(out), "-q"]) == 0
        return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    first = build()
    assert "0.90 on 50 cases" in first["briefs/b/index.html"].decode()
    assert build() == first, "an unchanged eval file changes nothing"
    cases = root / "content/evals/cases.jsonl"
    cases.write_text(rows(*([True] * 48 + [False] * 2)), encoding="utf-8")
    second = build()
    assert "0.96 on 50 cases" in second["briefs/b/index.html"].decode()
    data = json.loads(second["playbook.json"])
    [entry] = [b for b in data["briefs"] if b["slug"] == "b"]
    assert (entry["model_accuracy"], entry["samples"], entry["eval"]) == (
        0.96,
        50,
        "content/evals/cases.jsonl",
    )
    assert {key for key in entry} >= {"samples", "accuracy_low", "accuracy_high", "proven", "eval"}
    fresh = tmp_path / "fresh"
    assert main(["build", str(root), "-o", str(fresh), "-q", "--no-cache"]) == 0
    assert {str(p.relative_to(fresh)): p.read_bytes() for p in fresh.rglob("*") if p.is_file()} == second, (
        "warm equals cold"
    )


def test_serve_follows_an_edit_to_the_eval_file_alone(make_project):
    root = project_with(make_project, {"cases.jsonl": rows(*([True] * 45 + [False] * 5))})
    with watched_server(root) as base:
        url = f"{base}/briefs/b/"
        assert "0.90 on 50 cases" in urllib.request.urlopen(url, timeout=10).read().decode()
        temporary = root / "content/evals/.cases.jsonl.tmp"
        temporary.write_text(rows(*([True] * 20 + [False] * 30)), encoding="utf-8")
        os.replace(temporary, root / "content/evals/cases.jsonl")
        deadline = time.monotonic() + 15
        while "<b>0.40</b>" not in (page := urllib.request.urlopen(url, timeout=10).read().decode()):
            assert time.monotonic() < deadline, "the page never followed the eval file"
            time.sleep(0.1)
        assert "a gap" in page
