"""The brief schema (DESIGN §3, §5): every bad input gets its code, line and column; the JSON
Schema export."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.load.config import SCHEMA
from playbook.load.content import load_brief
from playbook.load.formats import BRIEF
from playbook.load.model import CATCHABILITY, EMOTIONAL_STATES, ERROR_COSTS, FREQUENCIES, STATUSES
from playbook.load.schema import read_document
from playbook.load.yamltree import read_yaml
from tests.support.briefs import VALID_BRIEF, brief, line_of

TITLE = "title: Renewal-date extraction for in-house legal"
WHO = "  who: In-house counsel at mid-size SaaS companies"
SEVERITY = "  severity: 4"
FREQUENCY = "  frequency: weekly"
ACCURACY = "  accuracy: 0.93"
MEASURED_ON = "  measured_on: 500 real vendor contracts, hand-labelled"
STEPS = "  workflow_steps: [upload, extract, verify, export]"
COVERED = "  covered_steps: [upload, extract, verify, export]"


def load(make_project, text: str, name: str = "b"):
    root = make_project({name: text})
    return load_brief(root, f"content/briefs/{name}.md")


def found(diagnostics) -> list[tuple[str, int, int]]:
    return sorted((d.code, d.line, d.column) for d in diagnostics)


# --- One bad input, one diagnostic at one place ---------------------------------------------------
# (changes to VALID_BRIEF, code, a fragment of the line it must point at, column, message fragments,
# hint fragment)

CASES = {
    "missing title": (
        [(TITLE, None)],
        "PB002",
        "status: exploring",
        1,
        ["missing required field title"],
        "add title:",
    ),
    "missing nested field points at its parent": (
        [(WHO, None)],
        "PB002",
        "sufferer:",
        1,
        ["missing required field sufferer.who"],
        "add who:",
    ),
    "missing a whole section": (
        [("model:", None), (ACCURACY, None), ("  samples: 500", None), (MEASURED_ON, None)],
        "PB002",
        TITLE,
        1,
        ["missing required field model"],
        "add model:",
    ),
    "list where text is expected": (
        [(TITLE, "title: [a, b]")],
        "PB002",
        "title: [a, b]",
        8,
        ["title: expected text, got a sequence"],
        "",
    ),
    "mapping where text is expected": (
        [("owner: Dana Lee", "owner: {name: Dana}")],
        "PB002",
        "owner:",
        8,
        ["owner: expected text, got a mapping"],
        "",
    ),
    "text where a number is expected": (
        [(SEVERITY, "  severity: high")],
        "PB002",
        "severity: high",
        13,
        ["pain.severity: expected an integer from 1 to 5", "got 'high'"],
        "",
    ),
    "a fraction where an integer is expected": (
        [("  reach: 120", "  reach: 1.5")],
        "PB002",
        "reach: 1.5",
        10,
        ["pain.reach: expected an integer", "got '1.5'"],
        "",
    ),
    "text where a list is expected": (
        [("tags: [legal, extraction]", "tags: legal")],
        "PB002",
        "tags: legal",
        7,
        ["tags: expected a list of text, got 'legal'"],
        "[a, b]",
    ),
    "text where a mapping is expected": (
        [("pain:", "pain: a lot"), (SEVERITY, None), (FREQUENCY, None), ("  reach: 120", None)],
        "PB002",
        "pain: a lot",
        7,
        ["pain: expected a mapping of fields, got 'a lot'"],
        "name: value",
    ),
    "severity out of range": (
        [(SEVERITY, "  severity: 7")],
        "PB002",
        "severity: 7",
        13,
        ["pain.severity", "from 1 to 5", "got '7'"],
        "",
    ),
    "severity zero": (
        [(SEVERITY, "  severity: 0")],
        "PB002",
        "severity: 0",
        13,
        ["pain.severity", "from 1 to 5", "got '0'"],
        "",
    ),
    "negative reach": (
        [("  reach: 120", "  reach: -3")],
        "PB002",
        "reach: -3",
        10,
        ["pain.reach", "at least 0", "got '-3'"],
        "",
    ),
    "unknown enum value, with did-you-mean": (
        [(FREQUENCY, "  frequency: weekley")],
        "PB002",
        "frequency: weekley",
        14,
        ["pain.frequency: 'weekley' is not one of daily, weekly, monthly, quarterly, rarely"],
        "did you mean 'weekly'?",
    ),
    "unknown status lists the statuses": (
        [("status: exploring", "status: someday")],
        "PB002",
        "status: someday",
        9,
        ["status: 'someday' is not one of " + ", ".join(STATUSES)],
        "use one of idea,",
    ),
    "unknown error cost": (
        [("  error_cost: high", "  error_cost: huge")],
        "PB002",
        "error_cost: huge",
        15,
        ["good_enough.error_cost: 'huge' is not one of low, medium, high, critical"],
        "",
    ),
    "accuracy as a whole percent number": (
        [(ACCURACY, "  accuracy: 88")],
        "PB002",
        "accuracy: 88",
        13,
        ['model.accuracy: expected a number from 0 to 1 or a percentage like "88%"', "got '88'"],
        'did you mean "88%"?',
    ),
    "percentage over 100": (
        [(ACCURACY, '  accuracy: "150%"')],
        "PB002",
        "accuracy:",
        13,
        ["model.accuracy", "got '150%'"],
        "",
    ),
    "accuracy that is not a number": (
        [(ACCURACY, "  accuracy: .nan")],
        "PB002",
        "accuracy:",
        13,
        ["model.accuracy", "got '.nan'"],
        "",
    ),
    "required accuracy over 1": (
        [("  emotional_state: calm", "  emotional_state: calm\n  required_accuracy: 95")],
        "PB002",
        "required_accuracy:",
        22,
        ["good_enough.required_accuracy", "got '95'"],
        'did you mean "95%"?',
    ),
    "scope with neither steps nor completeness": (
        [(STEPS, None), (COVERED, None)],
        "PB002",
        "scope:",
        1,
        ["scope: give scope.workflow_steps and scope.covered_steps or scope.completeness"],
        "",
    ),
    "scope with only workflow steps": (
        [(COVERED, None)],
        "PB002",
        "scope:",
        1,
        ["scope: give scope.workflow_steps and scope.covered_steps"],
        "",
    ),
    "a boolean written the YAML 1.1 way": (
        [("related: []", "related: []\ndraft: no")],
        "PB002",
        "draft: no",
        8,
        ["draft: expected true or false, got 'no'"],
        "",
    ),
    "a yes for a boolean": (
        [("related: []", "related: []\ndraft: yes")],
        "PB002",
        "draft: yes",
        8,
        ["draft: expected true or false, got 'yes'"],
        "",
    ),
    "impossible date": (
        [("updated: 2026-11-20", "updated: 2026-13-45")],
        "PB002",
        "updated:",
        10,
        ["updated: expected a date like 2026-11-20, got '2026-13-45'"],
        "",
    ),
    "a word for a date": (
        [("updated: 2026-11-20", "updated: yesterday")],
        "PB002",
        "updated:",
        10,
        ["got 'yesterday'"],
        "",
    ),
    "a date followed by words": (
        [("updated: 2026-11-20", "updated: 2026-11-20 or so")],
        "PB002",
        "updated:",
        10,
        ["got '2026-11-20 or so'"],
        "",
    ),
    "invalid slug override": (
        [("related: []", "related: []\nslug: Not_A_Slug")],
        "PB002",
        "slug: Not_A_Slug",
        7,
        ["slug: expected a slug of lowercase letters, digits and single hyphens", "got 'Not_A_Slug'"],
        "",
    ),
    "slug with a double hyphen": (
        [("related: []", "related: []\nslug: a--b")],
        "PB002",
        "slug: a--b",
        7,
        ["got 'a--b'"],
        "",
    ),
    "invalid related slug": (
        [("related: []", "related: [vendor-risk, Vendor Risk]")],
        "PB002",
        "related:",
        24,
        ["related[1]: expected a slug", "got 'Vendor Risk'"],
        "",
    ),
    "empty required text": (
        [(MEASURED_ON, '  measured_on: ""')],
        "PB002",
        "measured_on:",
        16,
        ["model.measured_on: must not be empty"],
        "",
    ),
}


@pytest.mark.parametrize("changes, code, at, column, messages, hint", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_at_its_place(make_project, changes, code, at, column, messages, hint):
    text = brief(*changes)
    loaded, diagnostics = load(make_project, text)
    assert loaded is None or loaded.broken
    assert found(diagnostics) == [(code, line_of(text, at), column)]
    for fragment in messages:
        assert fragment in diagnostics[0].message
    assert hint in diagnostics[0].hint


def test_an_empty_required_value_is_reported_at_its_key(make_project):
    text = brief((WHO, "  who:"))
    loaded, diagnostics = load(make_project, text)
    assert loaded is None or loaded.broken
    assert found(diagnostics) == [("PB002", line_of(text, "  who:"), 3)]
    assert "sufferer.who" in diagnostics[0].message


def test_every_problem_is_reported_in_one_run(make_project):
    text = brief(
        (TITLE, None),
        (SEVERITY, "  severity: 7"),
        (FREQUENCY, "  frequency: weekley"),
        ("  catchability: moderate", "  catchabilty: moderate"),
        (ACCURACY, "  accuracy: 88"),
        (MEASURED_ON, None),
        ("related: []", "related: []\ndraft: no"),
    )
    loaded, diagnostics = load(make_project, text)
    assert loaded is None or loaded.broken
    assert found(diagnostics) == sorted(
        [
            ("PB002", 2, 1),  # title, at the front matter itself
            ("PB002", line_of(text, "severity: 7"), 13),
            ("PB002", line_of(text, "frequency: weekley"), 14),
            ("PB002", line_of(text, "catchabilty:"), 3),  # good_enough.catchability, misspelt
            ("PB002", line_of(text, "accuracy: 88"), 13),
            ("PB002", line_of(text, "model:"), 1),  # model.measured_on is missing
            ("PB002", line_of(text, "draft: no"), 8),
        ]
    )


def test_several_missing_fields_are_all_reported(make_project):
    text = brief(
        (TITLE, None),
        (SEVERITY, None),
        (MEASURED_ON, None),
        ("  alternative: A paralegal reads every contract, 45 minutes each", None),
    )
    loaded, diagnostics = load(make_project, text)
    assert loaded is None or loaded.broken
    assert sorted((d.line, d.message) for d in diagnostics) == [
        (2, "missing required field title"),
        (line_of(text, "pain:"), "missing required field pain.severity"),
        (line_of(text, "good_enough:"), "missing required field good_enough.alternative"),
        (line_of(text, "model:"), "missing required field model.measured_on"),
    ]


# --- Unknown keys are warnings with a did-you-mean -----------------------------------------------


def test_a_misspelt_required_key_is_one_finding_that_carries_the_fix(make_project):
    text = brief(("  catchability: moderate", "  catchabilty: moderate"))
    loaded, diagnostics = load(make_project, text)
    assert loaded is None or loaded.broken  # the real field is then missing
    [error] = diagnostics  # not a PB002 for the field and a PB003 for the key
    assert (error.code, error.line, error.column, error.length, error.severity.label) == (
        "PB002",
        line_of(text, "catchabilty"),
        3,
        len("catchabilty"),
        "error",
    )
    assert error.message == "missing required field good_enough.catchability: its key is spelt 'catchabilty'"
    assert (error.hint, error.fix) == ("did you mean 'catchability'?", "catchability")


def test_a_misspelt_optional_key_is_a_warning_with_its_fix_unless_the_key_is_there(make_project):
    text = brief(("  reach: 120", "  raech: 120"))
    loaded, [warning] = load(make_project, text)
    assert loaded is not None and (warning.code, warning.fix) == ("PB003", "reach")
    text = brief(
        ("  reach: 120", "  reach: 120\n  raech: 12"),
        ("  frequency: weekly", "  frequency:\n  frequncy: weekly"),
    )
    loaded, diagnostics = load(make_project, text)
    assert {(d.code, d.fix) for d in diagnostics} == {("PB003", ""), ("PB002", "")}, (
        "a fix that made a second key of one name would not be one"
    )


@pytest.mark.parametrize(
    "extra, message, hint",
    [
        ("titel: Another", "unknown field 'titel'", "did you mean 'title'?"),
        ("zzz: 1", "unknown field 'zzz'", "known fields: title, slug, status"),
    ],
)
def test_an_unknown_key_alone_is_only_a_warning(make_project, extra, message, hint):
    text = brief(("related: []", f"related: []\n{extra}"))
    loaded, diagnostics = load(make_project, text)
    assert loaded is not None
    assert found(diagnostics) == [("PB003", line_of(text, extra), 1)]
    assert (diagnostics[0].message, hint in diagnostics[0].hint) == (message, True)


# --- Values the author meant -------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, accuracy",
    [
        ('"88%"', 0.88),
        ("88%", 0.88),
        ("'93.5 %'", 0.935),
        ("0.88", 0.88),
        ("1", 1.0),
        ("0", 0.0),
        ('"100%"', 1.0),
    ],
)
def test_accuracy_accepts_fractions_and_percentages(make_project, written, accuracy):
    loaded, diagnostics = load(make_project, brief((ACCURACY, f"  accuracy: {written}")))
    assert diagnostics == []
    assert loaded.model.accuracy == accuracy


def test_required_accuracy_and_completeness_accept_percentages(make_project):
    text = brief(
        ("  emotional_state: calm", '  emotional_state: calm\n  required_accuracy: "95%"'),
        (STEPS, "  completeness: 75%"),
        (COVERED, None),
    )
    loaded, diagnostics = load(make_project, text)
    assert diagnostics == []
    assert (loaded.good_enough.required_accuracy, loaded.scope.completeness) == (0.95, 0.75)


@pytest.mark.parametrize(
    "change, field, value",
    [
        ((TITLE, "title: NO"), "title", "NO"),
        ((TITLE, "title: yes"), "title", "yes"),
        ((TITLE, "title: 1.10"), "title", "1.10"),
        ((TITLE, "title: 0o17"), "title", "0o17"),
        ((TITLE, 'title: "~"'), "title", "~"),
        (("owner: Dana Lee", "owner: 22:22"), "owner", "22:22"),
        (("owner: Dana Lee", "owner: 2026-01-01"), "owner", "2026-01-01"),
        (("tags: [legal, extraction]", "tags: [no, on, 1.10]"), "tags", ("no", "on", "1.10")),
        (("related: []", "related: []\ndraft: true"), "draft", True),
        (("related: []", "related: []\ndraft: false"), "draft", False),
        (("updated: 2026-11-20", "updated: 2026-02-03"), "updated", date(2026, 2, 3)),
        (("updated: 2026-11-20", "updated: '2026-02-03'"), "updated", date(2026, 2, 3)),
        (("status: exploring", "status: shipped"), "status", "shipped"),
        (("status: exploring", None), "status", "idea"),
        (("tags: [legal, extraction]", None), "tags", ()),
        (("related: []", "related: []\nslug: renewal-dates-2"), "slug", "renewal-dates-2"),
    ],
)
def test_values_are_read_as_the_author_wrote_them(make_project, change, field, value):
    loaded, diagnostics = load(make_project, brief(change))
    assert diagnostics == []
    assert getattr(loaded, field) == value


def test_the_schema_reads_numbers_as_numbers(make_project):
    loaded, _ = load(make_project, VALID_BRIEF)
    assert (loaded.pain.severity, loaded.pain.reach, loaded.model.accuracy) == (4, 120, 0.93)
    assert (type(loaded.pain.severity), type(loaded.model.accuracy)) == (int, float)


# --- File names, slugs, and front matter that is not a mapping -----------------------------------


@pytest.mark.parametrize("name", ["Bad Name", "renewal_dates", "Renewal", "-lead", "a--b"])
def test_an_invalid_file_name_is_pb002(make_project, name):
    loaded, diagnostics = load(make_project, VALID_BRIEF, name=name)
    assert loaded is None
    assert found(diagnostics) == [("PB002", 1, 1)]
    assert f"file name {name!r} is not a valid slug" in diagnostics[0].message
    assert "slug:" in diagnostics[0].hint


def test_a_slug_override_rescues_an_invalid_file_name(make_project):
    loaded, diagnostics = load(
        make_project, brief(("related: []", "related: []\nslug: renewal-dates")), name="Renewal Dates"
    )
    assert diagnostics == []
    assert loaded.slug == "renewal-dates"


@pytest.mark.parametrize(
    "front, got",
    [
        ("- title: a\n- title: b\n", "got a sequence"),
        ("[a, b]\n", "got a sequence"),
        ("just some text\n", "got 'just some text'"),
        ("42\n", "got '42'"),
        ('"~"\n', "got '~'"),
    ],
)
def test_front_matter_that_is_not_a_mapping_is_pb001(make_project, front, got):
    loaded, diagnostics = load(make_project, f"---\n{front}---\nBody\n")
    assert loaded is None
    assert found(diagnostics) == [("PB001", 2, 1)]
    assert "expected a mapping" in diagnostics[0].message
    assert got in diagnostics[0].message


@pytest.mark.parametrize("front", ["", "# nothing yet\n", "~\n", "null\n", "\n\n"])
def test_empty_front_matter_is_pb001(make_project, front):
    loaded, diagnostics = load(make_project, f"---\n{front}---\nBody\n")
    assert loaded is None
    assert found(diagnostics) == [("PB001", 1, 1)]
    assert "front matter is empty" in diagnostics[0].message


def test_read_document_reports_positions_offset_into_the_file():
    tree, problems = read_yaml("title: x\npain:\n  severity: 9\n", first_line=5)
    values, reading = read_document(BRIEF, tree, "b.md")
    assert problems == []
    assert values is None
    by_message = {d.message.split(":")[0]: (d.line, d.column) for d in reading.diagnostics}
    assert by_message["pain.severity"] == (7, 13)
    assert by_message["missing required field pain.frequency"] == (6, 1)
    assert by_message["missing required field sufferer"] == (5, 1)


def test_positions_of_valid_values_are_remembered(make_project):
    loaded, _ = load(make_project, VALID_BRIEF)
    spans = {
        key: (span.position.line, span.position.column, span.length)
        for key, span in ((key, loaded.span(key)) for key in loaded.spans)
    }
    assert spans["model.accuracy"] == (line_of(VALID_BRIEF, "accuracy: 0.93"), 13, 4)
    assert spans["pain.frequency"] == (line_of(VALID_BRIEF, "frequency: weekly"), 14, 6)
    assert spans["tags.1"] == (line_of(VALID_BRIEF, "tags:"), 15, 10)


# --- The JSON Schema export ----------------------------------------------------------------------


def test_json_schema_lists_required_fields_and_closes_every_record():
    schema = BRIEF.json_schema()
    assert schema["type"] == "object"
    assert schema["required"] == ["title", "sufferer", "pain", "good_enough", "model", "scope"]
    assert "additionalProperties" not in schema, (
        "an unknown key is a PB003 warning, not an error: the schema lets it through"
    )
    props = schema["properties"]
    for section, required in [
        ("sufferer", ["who", "losing"]),
        ("pain", ["severity", "frequency"]),
        ("good_enough", ["when_wrong", "error_cost", "catchability", "alternative", "emotional_state"]),
        ("model", ["measured_on"]),
        ("scope", ["problem"]),
    ]:
        assert props[section]["type"] == "object"
        assert "additionalProperties" not in props[section]
        assert props[section]["required"] == required
    config = SCHEMA.json_schema()
    assert (
        config["additionalProperties"] is False
        and config["properties"]["ranking"]["additionalProperties"] is False
    )


def test_json_schema_enums_and_types():
    props = BRIEF.json_schema()["properties"]
    optional = lambda schema: schema["anyOf"][0] if "anyOf" in schema else schema  # noqa: E731 - an optional field may be null
    assert optional(props["status"])["enum"] == list(STATUSES) and props["status"]["anyOf"][1] == {
        "type": "null"
    }
    assert props["pain"]["properties"]["frequency"]["enum"] == list(FREQUENCIES)
    assert props["good_enough"]["properties"]["error_cost"]["enum"] == list(ERROR_COSTS)
    assert props["good_enough"]["properties"]["catchability"]["enum"] == list(CATCHABILITY)
    assert props["good_enough"]["properties"]["emotional_state"]["enum"] == list(EMOTIONAL_STATES)
    severity = props["pain"]["properties"]["severity"]
    assert (severity["type"], severity["minimum"], severity["maximum"]) == ("integer", 1, 5)
    assert props["draft"]["type"] == ["boolean", "null"]
    assert props["updated"]["type"] == ["string", "null"] and props["updated"]["format"] == "date"
    assert props["tags"]["type"] == ["array", "null"] and props["tags"]["items"]["type"] == [
        "string",
        "number",
        "boolean",
    ]
    assert props["related"]["items"]["pattern"] == (
        "^(?:(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?![a-z0-9-]))(?=[a-z0-9-]{1,100}(?![a-z0-9-]))[a-z0-9]+(?:-[a-z0-9]+)*)$"
    )
    assert props["slug"]["pattern"] == props["related"]["items"]["pattern"]
    accuracy = optional(props["model"]["properties"]["accuracy"])
    assert [option.get("type") for option in accuracy["anyOf"]] == ["number", "string"]
    assert all(props[name].get("description") for name in props)


def test_json_schema_scope_needs_steps_or_completeness():
    scope = BRIEF.json_schema()["properties"]["scope"]
    assert [option["required"] for option in scope["anyOf"]] == [
        ["workflow_steps", "covered_steps"],
        ["completeness"],
    ]
    assert scope["anyOf"][1]["properties"] == {"completeness": {"not": {"type": "null"}}}, (
        "an empty value counts as absent"
    )
