"""`check --format sarif`: valid SARIF 2.1.0 (against OASIS's schema, vendored in
tests/fixtures/sarif) with what GitHub code scanning requires of a result, paths from the
repository's root, and accepted findings suppressed with their reason."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.support.briefs import brief

SCHEMA = json.loads((Path(__file__).parent / "fixtures/sarif/sarif-schema-2.1.0.json").read_text())
WARNED = brief(("  accuracy: 0.93", "  accuracy: 0.5"))
BROKEN = brief(("  catchability: moderate", "  catchability: hardd"))
ACCEPTED = brief(
    ("  accuracy: 0.93", "  accuracy: 0.5"), ("related: []", 'related: []\naccept: {PB202: "reviewed"}')
)


def sarif(run, root: Path) -> tuple[int, dict]:
    code, out, _ = run("check", str(root), "--format", "sarif")
    return code, json.loads(out)


def test_the_log_is_valid_sarif_with_what_github_requires(make_project, run):
    code, log = sarif(run, make_project({"warned": WARNED, "broken": BROKEN, "fine": brief()}))
    assert code == 1  # an error fails the run in every format
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "playbook" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    results = log["runs"][0]["results"]
    assert {(r["ruleId"], r["level"]) for r in results} >= {("PB202", "warning"), ("PB002", "error")}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] and result["message"]["text"]
        place = result["locations"][0]["physicalLocation"]
        assert place["artifactLocation"]["uri"].startswith("content/briefs/")
        assert place["region"]["startLine"] >= 1 and place["region"]["startColumn"] >= 1
    error = next(r for r in results if r["ruleId"] == "PB002")
    assert "did you mean 'hard'?" in error["message"]["text"]


def test_the_schema_does_look():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate({"version": "2.1.0", "runs": [{"tool": {}}]})


def test_an_accepted_finding_is_suppressed_with_its_reason(make_project, run):
    code, log = sarif(run, make_project({"accepted": ACCEPTED}))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "PB202")
    assert code == 0 and result["suppressions"] == [{"kind": "inSource", "justification": "reviewed"}]


def test_paths_run_from_the_repository_root(tmp_path, make_project, run):
    root = make_project({"warned": WARNED})
    repository = root.parent
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    _, log = sarif(run, root)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == f"{root.name}/content/briefs/warned.md"
