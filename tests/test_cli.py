"""The command line through main(argv): formats, shapes and exit codes of DESIGN §7."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest

from playbook.cli.report import Style, colour_wanted
from tests.support.briefs import brief, line_of

GAP = brief(("  accuracy: 0.93", "  accuracy: 0.85"))  # needs 0.90: PB202 warning


@pytest.fixture
def project(make_project):
    return make_project({"fine": brief(), "gap": GAP, "broken": "---\ntitle: x\n---\n"})


def test_check_text_reads_like_a_compiler(run, make_project):
    root = make_project({"gap": GAP})
    code, out, _ = run("check", str(root))
    line = line_of(GAP, "accuracy: 0.85")
    assert code == 0
    assert out.splitlines()[:4] == [
        f"content/briefs/gap.md:{line}:13: warning PB202 model-gap: model accuracy 0.85 is below the 0.90 "
        "this workflow needs",
        f" {line} |   accuracy: 0.85",
        f" {' ' * len(str(line))} |             ^^^^",
        " = hint: ready today if errors become easy to catch (e.g. show the source next to each answer) "
        "(needs 0.85, model has 0.85)",
    ]
    assert out.rstrip().endswith("1 brief checked: 0 errors, 1 warning, 0 infos")
    assert "\x1b[" not in out


def test_check_exit_codes(run, make_project, project):
    assert run("check", str(project))[0] == 1
    assert run("check", str(make_project({"gap": GAP})), "--strict")[0] == 1
    assert run("check", str(make_project({"fine": brief()})), "--strict")[0] == 0


def test_check_json_shape(run, project):
    code, out, _ = run("check", str(project), "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert set(document) == {"diagnostics", "summary"}
    assert document["summary"] == {
        "briefs": 3,
        "errors": 5,
        "warnings": 1,
        "infos": 0,
        "accepted": 0,
        "in_drafts": {"errors": 0, "warnings": 0, "infos": 0},
    }
    first = document["diagnostics"][0]
    assert list(first) == ["path", "line", "column", "severity", "code", "name", "message"]
    assert (first["path"], first["severity"], first["code"], first["name"]) == (
        "content/briefs/broken.md",
        "error",
        "PB002",
        "schema",
    )
    assert all(d["line"] >= 1 and d["column"] >= 1 for d in document["diagnostics"])


def test_check_github_format(run, make_project):
    code, out, _ = run("check", str(make_project({"gap": GAP})), "--format", "github")
    line = line_of(GAP, "accuracy: 0.85")
    assert out.strip() == (
        f"::warning file=content/briefs/gap.md,line={line},col=13,title=PB202 model-gap::"
        "model accuracy 0.85 is below the 0.90 this workflow needs"
    )
    broken = run("check", str(make_project({"b": "no front matter"})), "--format", "github")[1]
    assert broken.startswith("::error file=content/briefs/b.md,line=1,col=1,title=PB001 front-matter::")


def test_rank_json_shape(run, make_project):
    root = make_project(
        {"fine": brief(), "gap": GAP, "done": brief(("status: exploring", "status: shipped"))}
    )
    code, out, _ = run("rank", str(root), "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["unranked"] == [
        {"slug": "done", "title": "Renewal-date extraction for in-house legal", "status": "shipped"}
    ]
    assert [e["slug"] for e in document["ranking"]] == ["fine", "gap"]
    assert document["ranking"][1] == {
        "rank": 2,
        "slug": "gap",
        "title": "Renewal-date extraction for in-house legal",
        "status": "exploring",
        "tier": "model-gap",
        "score": 64.0,
        "pain": 64.0,
        "completeness": 1.0,
        "required_accuracy": 0.9,
        "model_accuracy": 0.85,
        "fit": -0.05,
        "samples": 500,
        "accuracy_low": 0.816,
        "accuracy_high": 0.879,
        "proven": False,
        "eval": None,
    }


def test_rank_text_shows_tiers_and_why(run, project):
    code, out, err = run("rank", str(project), "--why")
    assert code == 1 and "playbook check" in err
    assert out.index("Ready: today's model is good enough") < out.index(
        "Model gap: waiting on a better model"
    )
    assert "Ranked 1 of 2: today's model is good enough here" in out


def test_schema_is_json_schema(run):
    code, out, _ = run("schema")
    document = json.loads(out)
    assert code == 0
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["pain"]["properties"]["frequency"]["enum"] == [
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "rarely",
    ]
    assert "rules" in json.loads(run("schema", "config")[1])["properties"]


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["chek"], "did you mean 'check'?"),
        (["check", "/no/such/folder"], "no such folder"),
        (["check", "--format", "xml"], "invalid choice"),
        (["rank", "--strict"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2_without_traceback(run, argv, fragment):
    code, out, err = run(*argv)
    assert code == 2 and fragment in err and "Traceback" not in err


def test_not_a_project(run, tmp_path):
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "not a playbook project" in err


def test_version_and_help(run):
    code, out, _ = run("--version")
    assert code == 0 and re.fullmatch(r"playbook \d+\.\d+\.\d+\n", out)
    code, out, _ = run("check", "--help")
    assert code == 0 and "examples:" in out and "--strict" in out


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert colour_wanted(Tty()) is True
    assert colour_wanted(object()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_wanted(Tty()) is False
    assert colour_wanted(Tty(), "always") is True
    assert Style(False)("x", "31") == "x" and Style(True)("x", "31") == "\x1b[31mx\x1b[0m"


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["serve", "--port", "99999"], "not a port number"),
        (["build", "--base-url", "javascript:alert(1)"], "not an http(s) URL"),
        ([], "a command is needed"),
    ],
)
def test_more_usage_errors(run, argv, fragment):
    code, _, err = run(*argv)
    assert code == 2 and fragment in err and "Traceback" not in err


def test_a_closed_pipe_is_not_an_error(make_project):
    from playbook.cli.main import main

    class ClosedPipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError

    root = make_project({"fine": brief()})
    assert main(["rank", str(root)], stdout=ClosedPipe(), stderr=io.StringIO()) == 0


def test_enum_values_are_exact_like_the_editor_schema(run, make_project):
    root = make_project({"a": brief(("status: exploring", "status: Exploring"))})
    code, out, _ = run("check", str(root))
    assert (
        code == 1
        and "'Exploring' is not one of" in out
        and "did you mean 'exploring'? values are lowercase" in out
    )


# --- check --explain, --quiet and --verbose, help and did-you-mean --------------------------------

from playbook.cli.main import COMMANDS  # noqa: E402
from playbook.rules import RULES  # noqa: E402


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("code", list(RULES))
def test_explain_prints_name_reason_and_both_examples_from_the_registry(run, code):
    rule = RULES[code]
    status, out, _ = run("check", "--explain", code)
    assert status == 0
    assert out.startswith(f"{code} {rule.name} ({rule.severity.label} by default)\n{rule.summary}\n")
    assert _words(rule.reason) in _words(out)
    fires, passes = out.index("Fires on:"), out.index("Passes:")
    assert fires < passes
    assert all(f"    {line}" in out[fires:passes] for line in rule.fails.splitlines())
    assert all(f"    {line}" in out[passes:] for line in rule.passes.splitlines())
    assert ("cannot be lowered" in out) == rule.fatal


def test_explain_finds_rules_by_name_or_lowercase_and_lists_them_all(run):
    assert run("check", "--explain", "model-gap")[1] == run("check", "--explain", "pb202")[1]
    status, out, _ = run("check", "--explain")
    assert status == 0 and [line.split()[0] for line in out.splitlines()[: len(RULES)]] == sorted(RULES)


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("PB2O2", "did you mean 'PB202'?"),
        ("model-gaps", "did you mean 'model-gap'?"),
        ("PB999", "'playbook check --explain' lists every rule"),
    ],
)
def test_explain_unknown_rule_suggests_one(run, query, fragment):
    status, out, err = run("check", "--explain", query)
    assert status == 2 and f"no rule {query!r}" in err and fragment in err and out == ""


def test_quiet_check_prints_only_what_fails(run, make_project):
    warned = make_project({"gap": GAP})
    assert run("check", str(warned), "-q") == (0, "", "")
    assert run("-q", "check", str(warned)) == (0, "", ""), "before the command too"
    status, out, _ = run("check", str(warned), "-q", "--strict")
    assert status == 1 and "PB202" in out
    broken = make_project({"gap": GAP, "broken": "---\ntitle: x\n---\n"})
    status, out, _ = run("check", str(broken), "--quiet")
    assert status == 1 and "error PB002" in out and "PB202" not in out and "1 warning" in out


def test_verbose_check_says_why_each_rule_that_fired_matters(run, make_project):
    root = make_project({"gap": GAP})
    out = run("check", str(root), "-v")[1]
    assert "Why these rules matter" in out and _words(RULES["PB202"].reason) in _words(out)
    assert "Why these rules matter" not in run("check", str(root))[1]


def test_quiet_and_verbose_build_and_rank(run, make_project):
    root = make_project({"gap": GAP})
    assert run("build", str(root), "-q")[:2] == (0, "")
    status, out, err = run("build", str(root), "--verbose")
    assert status == 0 and out.startswith("Built 1 brief") and "warning PB202" in err
    assert "Ranked 1 of 1" in run("rank", str(root), "-v")[1]
    status, _, err = run("check", str(root), "-q", "-v")
    assert status == 2 and "not allowed with argument" in err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run, command):
    status, out, _ = run(command, "--help")
    assert status == 0 and "examples:\n  playbook " + command in out and "--quiet" in out


def test_a_mistyped_option_suggests_the_right_one(run):
    status, _, err = run("check", "--stirct")
    assert status == 2 and "did you mean '--strict'?" in err
    status, _, err = run("build", "/no/such/folder", "--drafs")
    assert status == 2 and "did you mean '--drafts'?" in err


@pytest.mark.parametrize("value", ["abc", "-1", "1.5e9", "17e8", "99999999999999", "0x10"])
def test_an_unusable_source_date_epoch_is_a_usage_error(make_project, value):
    root = make_project({"a": brief()})
    for command in ("check", "rank", "build"):
        result = subprocess.run(
            [sys.executable, "-m", "playbook", command, str(root)],
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": value},
            timeout=60,
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970" in result.stderr


@pytest.mark.parametrize("value", ["", " ", "0", " 1796083200 "])
def test_a_usable_or_empty_source_date_epoch_is_fine(make_project, value):
    root = make_project({"a": brief()})
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "check", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": value},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_explain_lists_the_rules_in_code_order(run):
    code, out, _ = run("check", "--explain")
    codes = [line.split()[0] for line in out.splitlines() if line.startswith("PB")]
    assert code == 0 and codes == sorted(codes) and codes.index("PB007") < codes.index("PB008")


def test_build_q_and_check_q_print_the_same_failures(run, make_project):
    root = make_project({"gap": GAP, "broken": brief(("  catchability: moderate", "  catchability: hardd"))})
    checked = run("check", str(root), "-q", "--color", "never")
    built = run("build", str(root), "-q", "--color", "never")
    assert checked[0] == built[0] == 1 and "error PB002" in checked[1] and "warning PB202" not in built[2]
    assert built[2].startswith(checked[1].rstrip("\n"))  # then the line saying the build failed


def test_a_long_build_logs_its_progress_when_stderr_is_not_a_terminal(make_project, run, monkeypatch):
    """In a CI log a build says how far it is every few seconds (a bar redrawn with carriage
    returns would be one unreadable line); the clock is made to run 3 s a call here."""
    import playbook.cli.building as building

    clock = iter(range(0, 10_000, 3))
    monkeypatch.setattr(building.time, "perf_counter", lambda: float(next(clock)))
    monkeypatch.setattr(building, "build_site", _build_reporting(building.build_site))
    root = make_project({f"b{i}": brief() for i in range(3)})
    code, _, err = run("build", str(root))
    lines = [line for line in err.splitlines() if line.startswith("playbook: ")]
    assert code == 0 and lines[0] == "playbook: analysed 3 briefs, 3 s"
    rendered = [line for line in lines if line.startswith("playbook: rendered ")]
    assert len(rendered) >= 3 and rendered[-1].startswith("playbook: rendered 40/40 pages (100%), ")
    assert "\r" not in err
    code, _, err = run("build", str(root), "-q")
    assert code == 0 and "playbook: rendered" not in err


def _build_reporting(build_site):
    """Return build_site with its progress reported page by page, as 40 pages in a big build."""

    def reporting(*args, progress=None, **kwargs):
        for done in range(1, 41):
            progress(done, 40)
        return build_site(*args, **kwargs)

    return reporting


def test_a_build_under_a_second_logs_no_progress(make_project, run):
    code, _, err = run("build", str(make_project({"a": brief()})))
    assert code == 0 and "playbook: rendered" not in err and "analysed" not in err
