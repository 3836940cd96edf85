"""Accepted findings (``accept:`` in a brief): still shown everywhere, never counted as a problem,
refused for errors, and a warning (PB402) once the finding they accept is gone."""

from __future__ import annotations

import json
import re
from datetime import date

import jsonschema
import pytest

from playbook.analysis.project import analyse_project
from playbook.cli.main import main
from playbook.diagnostics import Severity
from playbook.load.formats import BRIEF
from tests.support.briefs import brief, line_of

TODAY = date(2026, 11, 25)
REASON = "A person reviews every answer during the pilot; revisit by 2027-03"
GAP = ("  accuracy: 0.93", "  accuracy: 0.85")  # PB202 fires: the workflow needs 0.90


def accepting(*changes: tuple[str, str], accept: str = f'accept:\n  PB202: "{REASON}"') -> str:
    return brief(*changes, ("related: []", "related: []\n" + accept))


def findings(run, root, *flags):
    code, out, _ = run("check", str(root), "--format", "json", *flags)
    return code, json.loads(out)


def test_an_accepted_finding_is_shown_with_its_reason_and_counted_apart(make_project, run):
    root = make_project({"gap": accepting(GAP)})
    analysis = analyse_project(root, today=TODAY)
    [found] = analysis.diagnostics
    assert (found.code, found.severity, found.reason) == ("PB202", Severity.ACCEPTED, REASON)
    assert found.line == line_of(accepting(GAP), "accuracy: 0.85")  # still where the finding is

    code, document = findings(run, root, "--strict")
    assert code == 0, "an accepted finding does not fail --strict"
    [d] = document["diagnostics"]
    assert (d["severity"], d["code"], d["reason"]) == ("accepted", "PB202", REASON)
    assert document["summary"] == {
        "briefs": 1,
        "errors": 0,
        "warnings": 0,
        "infos": 0,
        "accepted": 1,
        "in_drafts": {"errors": 0, "warnings": 0, "infos": 0},
    }

    code, out, _ = run("check", str(root), "--color", "never")
    assert code == 0
    assert re.search(r"gap\.md:\d+:13: accepted PB202 model-gap: model accuracy 0\.85", out)
    assert f" = accepted: {REASON}" in out and "= hint:" not in out
    assert out.strip().endswith("1 brief checked: 0 errors, 0 warnings, 0 infos, 1 accepted")

    _, github, _ = run("check", str(root), "--format", "github")
    assert (
        github.startswith("::notice file=content/briefs/gap.md,")
        and "title=PB202 model-gap (accepted)::" in github
    )
    assert github.strip().endswith(f"(accepted: {REASON})")


def test_only_the_accepted_rule_is_accepted(make_project, run):
    text = accepting(GAP, ("  measured_on: 500 real vendor contracts, hand-labelled", "  measured_on: MMLU"))
    code, document = findings(run, make_project({"b": text}), "--strict")
    assert code == 1, "the PB201 warning still fails --strict"
    assert {(d["code"], d["severity"]) for d in document["diagnostics"]} == {
        ("PB202", "accepted"),
        ("PB201", "warning"),
    }


def test_acceptance_applies_after_the_projects_severities(make_project, run):
    root = make_project({"b": accepting(GAP)}, config="rules:\n  PB202: error\n")
    code, document = findings(run, root)
    assert code == 0 and [d["severity"] for d in document["diagnostics"]] == ["accepted"]


@pytest.mark.parametrize("code", ["PB001", "PB002", "PB003", "PB004", "PB005", "PB006", "PB007", "PB402"])
def test_accepting_an_error_or_a_structural_rule_is_refused(make_project, run, code):
    text = accepting(accept=f'accept:\n  {code}: "we know"')
    status, document = findings(run, make_project({"b": text}))
    assert status == 1
    [d] = document["diagnostics"]
    assert (d["code"], d["severity"], d["line"], d["column"]) == (
        "PB002",
        "error",
        line_of(text, f"{code}:"),
        3,
    )
    assert (
        d["message"] == f"accept: {code} cannot be accepted: a finding about the brief's format or "
        "links is fixed, not accepted"
    )


@pytest.mark.parametrize(
    "written, message, hint",
    [
        ("pb202", "accept: unknown key 'pb202'", "did you mean 'PB202'?"),
        (
            "PB999",
            "accept: unknown key 'PB999'",
            "accept takes PB101, PB102, PB103, PB201, PB202, PB203, PB204, PB205, PB301, PB302, PB303, PB401",
        ),
    ],
)
def test_an_unknown_code_gets_a_fix(make_project, written, message, hint):
    text = accepting(accept=f'accept:\n  {written}: "why"')
    [d] = analyse_project(make_project({"b": text}), today=TODAY).diagnostics
    assert (d.code, d.message, d.hint) == ("PB002", message, hint)


@pytest.mark.parametrize(
    "accept",
    [
        'accept:\n  PB202: ""',
        "accept:\n  PB202:",
        'accept:\n  PB202: "\u200b"',
        "accept: [PB202]",
        "accept:\n  PB202: [a, b]",
    ],
)
def test_an_acceptance_needs_a_reason_in_words(make_project, accept):
    found = analyse_project(make_project({"b": accepting(GAP, accept=accept)}), today=TODAY).diagnostics
    [d] = [d for d in found if d.code == "PB002"]
    assert d.message.startswith("accept"), d
    # The rest of the brief is still checked, and a broken acceptance accepts nothing.
    assert [(d.code, d.severity) for d in found if d.code != "PB002"] == [("PB202", Severity.WARNING)]


def test_an_empty_accept_is_no_acceptance(make_project):
    [d] = analyse_project(make_project({"b": accepting(GAP, accept="accept:")}), today=TODAY).diagnostics
    assert (d.code, d.severity) == ("PB202", Severity.WARNING)


def test_accepting_a_rule_that_does_not_fire_is_a_stale_acceptance(make_project, run):
    text = accepting()  # the valid brief: PB202 does not fire
    root = make_project({"b": text})
    [d] = analyse_project(root, today=TODAY).diagnostics
    assert (d.code, d.name, d.severity) == ("PB402", "stale-acceptance", Severity.WARNING)
    assert (d.line, d.column) == (line_of(text, "PB202:"), 3), "it points at the acceptance"
    assert d.message == "accept.PB202: PB202 model-gap does not fire on this brief"
    assert d.hint == "remove the acceptance: the finding it was written for is gone"
    assert run("check", str(root), "--strict")[0] == 1


def test_no_stale_acceptance_for_a_rule_turned_off_or_when_pb402_is_off(make_project):
    for config in ("rules:\n  PB202: off\n", "rules:\n  PB402: off\n"):
        assert analyse_project(make_project({"b": accepting()}, config=config), today=TODAY).diagnostics == ()
    lowered = analyse_project(
        make_project({"b": accepting()}, config="rules:\n  PB402: info\n"), today=TODAY
    ).diagnostics
    assert [(d.code, d.severity) for d in lowered] == [("PB402", Severity.INFO)]


def test_an_acceptance_on_one_brief_leaves_the_others_alone(make_project):
    root = make_project({"accepts": accepting(GAP), "other": brief(GAP)})
    found = {(d.path.rsplit("/", 1)[-1], d.severity) for d in analyse_project(root, today=TODAY).diagnostics}
    assert found == {("accepts.md", Severity.ACCEPTED), ("other.md", Severity.WARNING)}


def test_the_exported_schema_knows_accept(run):
    schema = BRIEF.json_schema()
    values = {"PB202": REASON}
    jsonschema.validate(values, schema["properties"]["accept"])
    for bad in ({"PB002": "x"}, {"PB202": ""}, {"PB202": None}, ["PB202"]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema["properties"]["accept"])


def test_edits_to_an_acceptance_reach_a_cached_check(make_project, run):
    root = make_project({"b": accepting(GAP)})
    assert findings(run, root)[1]["diagnostics"][0]["reason"] == REASON
    path = root / "content/briefs/b.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(REASON, "Reviewed by the controller"), encoding="utf-8"
    )
    assert findings(run, root)[1]["diagnostics"][0]["reason"] == "Reviewed by the controller"
    path.write_text(brief(GAP), encoding="utf-8")
    assert findings(run, root)[1]["diagnostics"][0]["severity"] == "warning"


def test_the_site_shows_accepted_findings_apart(make_project, tmp_path):
    root = make_project(
        {
            "gap": accepting(GAP),
            "plain": brief(
                ("  measured_on: 500 real vendor contracts, hand-labelled", "  measured_on: MMLU")
            ),
        }
    )
    out = tmp_path / "site"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 0
    page = (out / "briefs/gap/index.html").read_text(encoding="utf-8")
    assert 'class="check-accepted"' in page and f"accepted: {REASON}" in page
    assert "Passes 14 of 15 criteria; 1 accepted with its reason." in page
    criteria = (out / "criteria/index.html").read_text(encoding="utf-8")
    assert (
        '<tr class="accepted">' in criteria
        and f'<span class="hint-label">Accepted:</span> {REASON}' in criteria
    )
    assert "2 in all: 0 errors, 1 warning, 0 infos, 1 accepted." in criteria
    assert (
        "flagged once" in criteria and "not flagged, 1 accepted" in criteria
    )  # PB201 once; PB202 only accepted
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1 finding accepted with a reason, not counted above." in index
    clean = re.search(r'stat-clean"><dt>Clean</dt><dd>(\d+)</dd>', index).group(1)
    assert clean == "1", "a brief whose only finding is accepted is clean"
