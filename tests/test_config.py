"""``playbook.yaml`` (DESIGN §4, §5, §7): defaults, overrides, rule severities, and errors with positions."""

from __future__ import annotations

import json

import pytest

from playbook.diagnostics import Severity
from playbook.load.config import Config, ConfigError, CriteriaConfig, RankingConfig, load_config
from playbook.rules import RULES
from tests.support.briefs import VALID_BRIEF, brief


def config_errors(make_project, text: str) -> list[tuple[str, int, int]]:
    root = make_project(config=text)
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    diagnostics = raised.value.diagnostics
    assert all(d.path == "playbook.yaml" and d.severity == Severity.ERROR for d in diagnostics)
    return diagnostics


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


# --- Defaults ------------------------------------------------------------------------------------


def test_no_config_file_gives_the_defaults(make_project):
    config = load_config(make_project())
    assert config == Config()
    assert (config.title, config.theme, config.allow_html, config.base_url) == (
        "Opportunity playbook",
        "default",
        False,
        "",
    )
    assert dict(config.ranking.error_cost) == {"low": 0.70, "medium": 0.80, "high": 0.90, "critical": 0.97}
    assert dict(config.ranking.frequency) == {
        "daily": 1.0,
        "weekly": 0.8,
        "monthly": 0.55,
        "quarterly": 0.35,
        "rarely": 0.15,
    }
    assert (config.criteria.partial_below, config.criteria.long_steps, config.criteria.stale_days) == (
        0.6,
        7,
        180,
    )
    assert all(config.severity(code) == rule.severity for code, rule in RULES.items())


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing set yet\n", "\ufeff# a BOM and a comment\r\n"])
def test_an_empty_config_file_gives_the_defaults(make_project, text):
    assert load_config(make_project(config=text)) == Config()


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: My playbook\n",
        "---\ntitle: My playbook\n...\n",
        "%YAML 1.1\n---\ntitle: My playbook\n",
    ],
)
def test_a_config_may_start_with_a_document_marker(make_project, text):
    assert load_config(make_project(config=text)).title == "My playbook"


def test_plain_settings_are_read(make_project):
    root = make_project(
        config="""\
        title: Legal AI playbook
        description: Where AI helps in-house counsel.
        base_url: https://example.com/playbook/
        theme: corporate
        language: de-CH
        markdown:
          allow_html: true
    """
    )
    (root / "themes/corporate").mkdir(parents=True)
    config = load_config(root)
    assert (
        config.title,
        config.description,
        config.base_url,
        config.theme,
        config.language,
        config.allow_html,
    ) == (
        "Legal AI playbook",
        "Where AI helps in-house counsel.",
        "https://example.com/playbook/",
        "corporate",
        "de-CH",
        True,
    )


# --- Ranking and criteria constants merge with the defaults ---------------------------------------


def test_a_partial_ranking_table_merges_with_the_defaults(make_project):
    config = load_config(
        make_project(
            config="""\
        ranking:
          error_cost:
            low: 0.6
          frequency: {daily: 0.9}
          severity_points: 10
    """
        )
    )
    defaults = RankingConfig()
    assert dict(config.ranking.error_cost) == {"low": 0.6, "medium": 0.80, "high": 0.90, "critical": 0.97}
    assert dict(config.ranking.frequency) == {**defaults.frequency, "daily": 0.9}
    assert dict(config.ranking.catchability) == dict(defaults.catchability)
    assert dict(config.ranking.emotional_state) == dict(defaults.emotional_state)
    assert (
        config.ranking.severity_points,
        config.ranking.accuracy_floor,
        config.ranking.accuracy_ceiling,
    ) == (10, 0.5, 0.99)


def test_criteria_thresholds_merge_with_the_defaults(make_project):
    config = load_config(make_project(config="criteria:\n  long_steps: 9\n  partial_below: 0.5\n"))
    assert config.criteria == CriteriaConfig(partial_below=0.5, broad_words=25, long_steps=9, stale_days=180)


def test_the_ranking_constants_change_the_numbers(make_project, run):
    root = make_project({"renewal-dates": VALID_BRIEF}, config="ranking:\n  frequency:\n    weekly: 0.5\n")
    code, out, _ = run("rank", str(root), "--format", "json")
    assert code == 0
    assert json.loads(out)["ranking"][0]["pain"] == 40  # 20 × severity 4 × 0.5, not × 0.8


# --- Rule severities -----------------------------------------------------------------------------


def test_rules_can_be_turned_off_or_raised(make_project):
    config = load_config(make_project(config="rules:\n  PB303: off\n  PB103: error\n  PB101: info\n"))
    assert config.severity("PB303") is None
    assert config.severity("PB103") == Severity.ERROR
    assert config.severity("PB101") == Severity.INFO
    assert config.severity("PB202") == RULES["PB202"].severity


def test_rule_severities_apply_to_the_check(make_project, run):
    steps = "  workflow_steps: [a, b, c, d, e, f, g, h]\n  covered_steps: [a, b, c, d, e, f, g, h]"
    text = brief(
        ("  workflow_steps: [upload, extract, verify, export]", steps),
        ("  covered_steps: [upload, extract, verify, export]", None),
        (
            "  losing: 6 hours a week re-reading vendor contracts for renewal terms",
            "  losing: a lot of time re-reading contracts",
        ),
    )
    root = make_project({"b": text})
    code, out, _ = run("check", str(root), "--format", "json")
    assert (code, {d["code"]: d["severity"] for d in json.loads(out)["diagnostics"]}) == (
        0,
        {"PB103": "info", "PB303": "info"},
    )

    (root / "playbook.yaml").write_text("rules:\n  PB303: off\n  PB103: error\n", encoding="utf-8")
    code, out, _ = run("check", str(root), "--format", "json")
    assert (code, {d["code"]: d["severity"] for d in json.loads(out)["diagnostics"]}) == (
        1,
        {"PB103": "error"},
    )


@pytest.mark.parametrize(
    "code, level", [("PB001", "off"), ("PB001", "warning"), ("PB002", "info"), ("PB005", "off")]
)
def test_a_fatal_rule_cannot_be_lowered(make_project, code, level):
    diagnostics = config_errors(make_project, f"rules:\n  {code}: {level}\n")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("PB002", 2, 10)]
    assert f"{code} cannot be lowered" in diagnostics[0].message


def test_a_fatal_rule_may_stay_an_error(make_project):
    assert load_config(make_project(config="rules:\n  PB001: error\n")).severity("PB001") == Severity.ERROR


# --- Bad configuration: ConfigError with every problem, each with a position ------------------


@pytest.mark.parametrize(
    "text, code, line, column, message, hint",
    [
        ("titel: x\n", "PB003", 1, 1, "unknown field 'titel'", "did you mean 'title'?"),
        (
            "ranking:\n  error_costs: {low: 0.5}\n",
            "PB003",
            2,
            3,
            "unknown field 'error_costs' in ranking",
            "did you mean 'error_cost'?",
        ),
        (
            "ranking:\n  frequency:\n    hourly: 1\n",
            "PB002",
            3,
            5,
            "ranking.frequency: unknown key 'hourly'",
            "",
        ),
        (
            "ranking:\n  error_cost:\n    hihg: 0.9\n",
            "PB002",
            3,
            5,
            "unknown key 'hihg'",
            "did you mean 'high'?",
        ),
        ("rules:\n  PB999: off\n", "PB002", 2, 3, "rules: unknown key 'PB999'", ""),
        (
            "rules:\n  PB303: of\n",
            "PB002",
            2,
            10,
            "'of' is not one of error, warning, info, off",
            "did you mean 'off'?",
        ),
        ("rules: off\n", "PB002", 1, 8, "rules: expected a mapping, got 'off'", ""),
        ("ranking:\n  error_cost: 0.5\n", "PB002", 2, 15, "ranking.error_cost: expected a mapping", ""),
        (
            "ranking:\n  accuracy_floor: 2\n",
            "PB002",
            2,
            19,
            "ranking.accuracy_floor: expected a number from 0 to 1, got '2'",
            "",
        ),
        ("ranking:\n  error_cost:\n    low: lots\n", "PB002", 3, 10, "ranking.error_cost.low", ""),
        (
            "criteria:\n  long_steps: many\n",
            "PB002",
            2,
            15,
            "criteria.long_steps: expected an integer of at least 1, got 'many'",
            "",
        ),
        ("criteria:\n  stale_days: 0\n", "PB002", 2, 15, "criteria.stale_days", ""),
        (
            "markdown:\n  allow_html: yes\n",
            "PB002",
            2,
            15,
            "markdown.allow_html: expected true or false, got 'yes'",
            "",
        ),
        ("theme: ../evil\n", "PB002", 1, 8, "theme: expected a folder name under themes/, got '../evil'", ""),
        ("title: [a, b]\n", "PB002", 1, 8, "title: expected text, got a sequence", ""),
        ("title: a\ntitle: b\n", "PB004", 2, 1, "key 'title' is given twice", ""),
        ("- a\n- b\n", "PB001", 1, 1, "expected a mapping", ""),
        ("title: a: b\n", "PB001", 1, 9, "invalid YAML: mapping values are not allowed", ""),
        ("title: x\n\tdescription: y\n", "PB001", 2, 1, "tab", "indent with spaces"),
        (
            "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcde", "bcdef")),
            "PB001",
            5,
            8,
            "alias bomb",
            "",
        ),
    ],
)
def test_a_bad_config_is_a_config_error_with_a_position(
    make_project, text, code, line, column, message, hint
):
    diagnostics = config_errors(make_project, text)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [(code, line, column)]
    assert message in diagnostics[0].message
    assert hint in diagnostics[0].hint


@pytest.mark.parametrize(
    "data, line, column, message",
    [
        (b"title: caf\xe9\n", 1, 11, "not valid UTF-8"),
        (b"title: \x00\n", 1, 8, "binary"),
        ("title: x\n".encode("utf-16"), 1, 1, "UTF-16"),
    ],
)
def test_a_config_that_is_not_utf8_is_a_config_error(make_project, data, line, column, message):
    root = make_project()
    (root / "playbook.yaml").write_bytes(data)
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert [(d.code, d.line, d.column) for d in raised.value.diagnostics] == [("PB001", line, column)]
    assert message in raised.value.diagnostics[0].message


def test_every_config_problem_is_reported_at_once_in_file_order(make_project):
    diagnostics = config_errors(
        make_project,
        """\
        titel: x
        ranking:
          accuracy_floor: 2
        rules:
          PB001: off
          PB303: of
        markdown:
          allow_html: yes
    """,
    )
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("PB003", 1, 1),
        ("PB002", 3, 19),
        ("PB002", 5, 10),
        ("PB002", 6, 10),
        ("PB002", 8, 15),
    ]


def test_config_error_message_joins_the_problems(make_project):
    root = make_project(config="titel: x\ntheme: ../evil\n")
    with pytest.raises(ConfigError, match=r"unknown field 'titel'; theme: expected a folder name"):
        load_config(root)


# --- The command line exits 2 on a bad config ----------------------------------------------------


@pytest.mark.parametrize("command", ["check", "rank"])
def test_the_cli_exits_2_with_the_config_problem_on_stderr(make_project, run, command):
    root = make_project({"renewal-dates": VALID_BRIEF}, config="title: My playbook\nrules:\n  PB001: off\n")
    code, out, err = run(command, str(root))
    assert (code, out) == (2, "")
    assert "playbook.yaml:3:10: error PB002 schema: rules.PB001: PB001 cannot be lowered" in err
    assert "= hint: remove this line" in err
    assert err.rstrip().endswith("playbook: the configuration is invalid (1 problem)")
    assert "Traceback" not in err


def test_the_cli_counts_every_config_problem(make_project, run):
    root = make_project({"renewal-dates": VALID_BRIEF}, config="titel: x\nrules:\n  PB303: of\n")
    code, out, err = run("check", str(root), "--format", "json")
    assert (code, out) == (2, "")
    assert "playbook.yaml:1:1: error PB003 unknown-field: unknown field 'titel'" in err
    assert (
        "playbook.yaml:3:10: error PB002 schema: rules.PB303: 'of' is not one of error, warning, info, off"
        in err
    )
    assert "the configuration is invalid (2 problems)" in err


def test_the_cli_reports_a_yaml_error_in_the_config_once(make_project, run):
    root = make_project({"renewal-dates": VALID_BRIEF}, config="title: a: b\n")
    code, out, err = run("check", str(root))
    assert (code, out) == (2, "")
    assert "playbook.yaml:1:9: error PB001 front-matter: invalid YAML: mapping values are not allowed" in err
    assert "the configuration is invalid (1 problem)" in err
