"""Hostile brief files through the real command line: every one gets its diagnostic at its place
(file:line:column and rule code), or builds correctly — never a traceback, a hang or a stray file.
The corpus is tests.support.hostile.HOSTILE_FILES, which the language server's tests open too."""

from __future__ import annotations

import codecs
import json

import pytest

from tests.support.briefs import VALID_BRIEF, brief, line_of
from tests.support.hostile import (
    ACCURACY,
    OWNER,
    RELATED,
    SEVERITY,
    TAGS,
    TITLE,
    cli,
    deadline,
    findings,
    messages,
)
from tests.support.hostile import HOSTILE_FILES as CASES

pytestmark = pytest.mark.usefixtures("fixed_date")


def case_ids():
    return list(CASES)


@pytest.mark.parametrize("name", case_ids())
def test_hostile_file_gets_its_diagnostic(make_project, name):
    data, expected = CASES[name]
    root = make_project({"hostile": data, "fine": brief()})
    with deadline(10):
        code, found = findings(root)
    assert found == [("hostile.md", *where) for where in expected]
    assert code == (1 if any(c in ("PB001", "PB002", "PB004") for c, *_ in expected) else 0)
    with deadline(20):
        built = cli("build", str(root), "--no-cache")
    assert "Traceback" not in built[2]
    assert built[0] == code  # build succeeds exactly when check finds no errors
    assert (root / "site").exists() == (code == 0)


def test_a_huge_file_is_refused_without_reading_it(make_project):
    root = make_project({"fine": brief()})
    with open(root / "content/briefs/huge.md", "wb") as huge:  # 20 MB, made here, never committed
        huge.write(VALID_BRIEF.encode())
        huge.write(b"all work and no play " * (20 * 1024 * 1024 // 21))
    with deadline(10):
        code, found = findings(root)
    assert (code, found) == (1, [("huge.md", "PB001", 1, 1)])
    assert messages(root) == [
        f"file is {(root / 'content/briefs/huge.md').stat().st_size:,} bytes; the limit is 1,048,576"
    ]


@pytest.mark.parametrize(
    "name, data",
    [
        ("bom", codecs.BOM_UTF8 + VALID_BRIEF.encode()),
        ("crlf", VALID_BRIEF.replace("\n", "\r\n").encode()),
        ("cr", VALID_BRIEF.replace("\n", "\r").encode()),
        ("bom-crlf", codecs.BOM_UTF8 + VALID_BRIEF.replace("\n", "\r\n").encode()),
        ("mixed", VALID_BRIEF.replace("\n", "\r\n", 10).replace("\n", "\r", 5).encode()),
        ("fences-with-spaces", VALID_BRIEF.replace("---\n", "---  \n").encode()),
    ],
)
def test_boms_and_line_ends_do_not_hide_front_matter(make_project, name, data):
    root = make_project({name: data})
    assert findings(root) == (0, [])
    assert cli("build", str(root), "--no-cache")[0] == 0
    document = json.loads((root / "site/playbook.json").read_text(encoding="utf-8"))
    assert document["briefs"][0]["title"] == "Renewal-date extraction for in-house legal"


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_positions_count_crlf_and_cr_lines_as_lines(make_project, line_end):
    text = brief((ACCURACY, "  accuracy: 1.5"))
    root = make_project({"ends": codecs.BOM_UTF8 + text.replace("\n", line_end).encode()})
    assert findings(root) == (1, [("ends.md", "PB002", line_of(text, "accuracy: 1.5"), 13)])


YAML_11_TRAPS = brief(
    (TITLE, "title: NO"),
    (OWNER, "owner: 22:22"),
    (TAGS, "tags: [NO, on, 1.10, 012, 0x1F, 2026-11-20, .inf]"),
    ("  who: In-house counsel at mid-size SaaS companies", "  who: yes"),
    ("  losing: 6 hours a week re-reading vendor contracts for renewal terms", "  losing: 1.10"),
    ("    - 12 interviews; 9 named it a top-3 pain", "    - off\n    - 1e3"),
    ("  when_wrong: A missed auto-renewal clause renews an unwanted contract", "  when_wrong: 0o17"),
    ("  alternative: A paralegal reads every contract, 45 minutes each", "  alternative: 2026-11-20"),
    ("  measured_on: 500 real vendor contracts, hand-labelled", "  measured_on: 1:30:00"),
    ("  problem: Extract the renewal date and notice period from vendor contracts", "  problem: .NaN"),
    ("  workflow_steps: [upload, extract, verify, export]", "  workflow_steps: [y, n, yes, no]"),
    ("  covered_steps: [upload, extract, verify, export]", "  covered_steps: [y, n, yes, no]"),
)


def test_yaml_implicit_typing_never_changes_what_was_written(make_project):
    root = make_project({"traps": YAML_11_TRAPS})
    code, found = findings(root)
    assert code == 0 and all(c not in ("PB001", "PB002") for _, c, *_ in found), found
    assert cli("build", str(root), "--no-cache")[0] == 0
    data = json.loads((root / "site/playbook.json").read_text(encoding="utf-8"))["briefs"][0]
    assert (data["title"], data["owner"]) == ("NO", "22:22")
    assert data["tags"] == ["NO", "on", "1.10", "012", "0x1F", "2026-11-20", ".inf"]
    assert data["sufferer"] == {"who": "yes", "losing": "1.10", "evidence": ["off", "1e3"]}
    assert (data["good_enough"]["when_wrong"], data["good_enough"]["alternative"]) == ("0o17", "2026-11-20")
    assert (data["model"]["measured_on"], data["scope"]["problem"]) == ("1:30:00", ".NaN")
    assert data["scope"]["workflow_steps"] == data["scope"]["covered_steps"] == ["y", "n", "yes", "no"]


@pytest.mark.parametrize(
    "old, new, value",
    [
        (SEVERITY, "  severity: \u0664", "\u0664"),
        (SEVERITY, "  severity: \uff14", "\uff14"),
        (SEVERITY, "  severity: 4_", "4_"),
        ("  reach: 120", "  reach: 1_000", "1_000"),
        ("  reach: 120", "  reach: 1,000", "1,000"),
        ("  reach: 120", "  reach: .inf", ".inf"),
        (ACCURACY, "  accuracy: 1.10", "1.10"),
        (ACCURACY, "  accuracy: .nan", ".nan"),
        (SEVERITY, '  severity: "4"', '"4"'),
        (ACCURACY, '  accuracy: "0.93"', '"0.93"'),
        (ACCURACY, '  accuracy: "188%"', '"188%"'),
        (SEVERITY, "  severity: 4.5", "4.5"),
        (ACCURACY, "  accuracy: 0_9", "0_9"),
        (ACCURACY, "  accuracy: \u0660.\u0669", "\u0660"),
        ("updated: 2026-11-20", "updated: 22:22", "22:22"),
        ("updated: 2026-11-20", "updated: 2026-02-30", "2026"),
        ("updated: 2026-11-20", "updated: 20261120", "2026"),
        ("updated: 2026-11-20", "updated: \uff12\uff10\uff12\uff16-11-20", "\uff12"),
        (RELATED, "related: []\ndraft: no", "no"),
        (RELATED, "related: []\ndraft: on", "on"),
        ("status: exploring", "status: NO", "NO"),
        (RELATED, "related: [NO]", "NO"),
        ("  frequency: weekly", "  frequency: ~weekly", "~"),
    ],
)
def test_values_yaml_would_retype_are_errors_where_they_stand(make_project, old, new, value):
    text = brief((old, new))
    root = make_project({"trap": text})
    last = new.split("\n")[-1]
    assert findings(root) == (1, [("trap.md", "PB002", line_of(text, last), last.index(value) + 1)])


@pytest.mark.parametrize(
    "old, new, key, value",
    [
        (SEVERITY, "  severity: 0x4", ("pain", "severity"), 4),
        (SEVERITY, "  severity: 0o4", ("pain", "severity"), 4),
        (SEVERITY, "  severity: 4.0", ("pain", "severity"), 4),
        (SEVERITY, "  severity: +4", ("pain", "severity"), 4),
        (ACCURACY, "  accuracy: 0x1", ("model", "accuracy"), 1),
        (ACCURACY, "  accuracy: .93", ("model", "accuracy"), 0.93),
        (ACCURACY, "  accuracy: 93e-2", ("model", "accuracy"), 0.93),
        (ACCURACY, '  accuracy: "93%"', ("model", "accuracy"), 0.93),
    ],
)
def test_numbers_are_what_yaml_1_2_says_they_are(make_project, old, new, key, value):
    """A number is read as YAML 1.2's core schema reads it — the reading an editor validating the
    exported JSON Schema uses — so 0x4 is 4 and 4.0 is the integer 4, in check and in the editor."""
    root = make_project({"b": brief((old, new))})
    assert findings(root)[1] == []
    assert cli("build", str(root), "--no-cache")[0] == 0
    data = json.loads((root / "site/playbook.json").read_text(encoding="utf-8"))["briefs"][0]
    got = data["pain_inputs"]["severity"] if key == ("pain", "severity") else data["model"]["accuracy"]
    assert got == value
