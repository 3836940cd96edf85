"""The options that say how to read an evaluation file (``model.eval_field``, ``eval_pass``,
``eval_where``, ``eval_slice``): their grammar, every mistake a PB002 at its own place in the
brief with the fix, the exported JSON Schema agreeing with ``check`` (in Python and in the
editors' JavaScript), and what the parsed options compare."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.diagnostics import Severity
from playbook.load.codec import codec
from playbook.load.content import load_brief
from playbook.load.evals import eval_options
from playbook.load.model import ModelFacts
from playbook.load.readers.evaloptions import (
    MISSING,
    THRESHOLD,
    WHERE,
    Condition,
    EvalOptions,
    parse_threshold,
    parse_where,
)
from tests.support.briefs import brief
from tests.support.schemas import verdicts

MODEL = ("  accuracy: 0.93", "  eval: evals/cases.jsonl")
NO_SAMPLES = ("  samples: 500", None)


def with_options(*lines: str) -> str:
    return brief((MODEL[0], "\n".join((MODEL[1], *lines))), NO_SAMPLES)


def read(tmp_path, text: str):
    found, diagnostics = load_brief(tmp_path, "content/briefs/b.md", text.encode("utf-8"))
    return found, [d for d in diagnostics if d.severity == Severity.ERROR]


@pytest.mark.parametrize(
    "written, comparison, bound",
    [
        (">= 0.7", ">=", 0.7),
        (">0.5", ">", 0.5),
        ("  <= 0.2  ", "<=", 0.2),
        ("< 1e-3", "<", 0.001),
        ("> -2.5", ">", -2.5),
        (">= .5", ">=", 0.5),
    ],
)
def test_a_threshold_reads_as_its_comparison_and_bound(written, comparison, bound):
    rule = parse_threshold(written)
    assert (rule.comparison, rule.bound) == (comparison, bound)
    assert rule.passes(bound) == (comparison in (">=", "<="))


@pytest.mark.parametrize(
    "line, expected",
    [
        ('  eval_pass: ">= 0.7"', ">= 0.7"),
        ("  eval_pass: '< 0.2'", "< 0.2"),
        ("  eval_pass: <= 0.2", "<= 0.2"),  # < is no YAML indicator: no quotes needed
        ("  eval_pass: 0.7", ">= 0.7"),  # a number alone is the score that passes
        ("  eval_pass: 3", ">= 3"),
        ("  eval_pass: [factual, Correct]", ("factual", "Correct")),
        ("  eval_pass:\n    - factual\n    - true", ("factual", "true")),
    ],
)
def test_eval_pass_takes_a_threshold_a_number_or_labels(tmp_path, line, expected):
    found, errors = read(tmp_path, with_options(line))
    assert errors == [] and found.model.eval_pass == expected


@pytest.mark.parametrize(
    "line, message, hint",
    [
        (
            '  eval_pass: "=> 0.7"',
            "model.eval_pass: expected a threshold",
            "write >= or <=, the comparison first",
        ),
        (
            "  eval_pass: factual",
            "model.eval_pass: expected a threshold",
            "passing labels are a list: [factual]",
        ),
        ('  eval_pass: ">= high"', "model.eval_pass: expected a threshold", 'such as ">= 0.7"'),
        ("  eval_pass: true", "model.eval_pass: expected a threshold", ""),
        ("  eval_pass: []", "model.eval_pass: give at least one passing label", "such as [factual, correct]"),
        ("  eval_pass: .inf", "model.eval_pass: expected a threshold", ""),
        ("  eval_pass: {ok: 1}", "model.eval_pass: expected a threshold", ""),
    ],
)
def test_a_bad_eval_pass_is_a_pb002_at_its_value_with_the_fix(tmp_path, line, message, hint):
    text = with_options(line)
    found, errors = read(tmp_path, text)
    assert (found is None or found.broken) and [e.code for e in errors] == ["PB002"], errors
    [error] = errors
    assert error.message.startswith(message) and hint in error.hint, error
    assert error.line == text.split("\n").index(line.split("\n")[0]) + 1


@pytest.mark.parametrize(
    "value, tests",
    [
        ("metric == correctness", [Condition("metric", "correctness")]),
        ("type==match", [Condition("type", "match")]),
        (
            "metadata.split != train and promptIdx == 0",
            [Condition("metadata.split", "train", True), Condition("promptIdx", "0")],
        ),
        ("\"judge model\" == 'gpt 4o'", [Condition("judge model", "gpt 4o")]),
        (
            "exact_match/v1/score == 1 and  a == b ",
            [Condition("exact_match/v1/score", "1"), Condition("a", "b")],
        ),
        ("filter == strict-match", [Condition("filter", "strict-match")]),
    ],
)
def test_eval_where_reads_to_its_tests(value, tests):
    parsed, mistake = parse_where(value)
    assert mistake is None and list(parsed) == tests
    assert re.fullmatch(WHERE, value)


@pytest.mark.parametrize(
    "value, offset, message",
    [
        ("metric = correctness", 7, "expected == or != after metric, got '= correctness'"),
        ("metric === x", 9, "expected a value after ==, got '= x'"),
        ("metric == a or b == c", 12, "expected 'and' or the end after a, got 'or b == c'"),
        ("== x", 0, "expected a field to test, such as metric, got '== x'"),
        ("metric ==", 9, "expected a value after ==, got the end"),
        ("a == b and", 7, "expected 'and' or the end after b, got 'and'"),
        ("a == b and 1 == 2", 11, "expected a field after 'and', such as metric, got '1 == 2'"),
        ("metric > 0.5", 7, "expected == or != after metric, got '> 0.5'"),
    ],
)
def test_a_bad_eval_where_is_a_pb002_at_the_mistake_itself(tmp_path, value, offset, message):
    quoted = f'  eval_where: "{value}"'
    text = with_options(quoted)
    found, errors = read(tmp_path, text)
    assert (found is None or found.broken) and [e.code for e in errors] == ["PB002"], errors
    [error] = errors
    assert error.message == f"model.eval_where: {message}"
    line = text.split("\n").index(quoted) + 1
    assert (error.line, error.column) == (line, len('  eval_where: "') + offset + 1)
    assert "put a name or value with spaces in quotes" in error.hint


def test_a_plain_eval_where_is_pointed_at_too(tmp_path):
    text = with_options("  eval_where: metric = x")
    _, [error] = read(tmp_path, text)
    assert (error.column, error.message) == (
        len("  eval_where: metric ") + 1,
        "model.eval_where: expected == or != after metric, got '= x'",
    )


@pytest.mark.parametrize(
    "option", ["eval_pass: 0.7", "eval_where: a == b", "eval_slice: doc_type", "eval_field: score"]
)
def test_every_option_needs_model_eval(tmp_path, option):
    text = brief(("  samples: 500", f"  samples: 500\n  {option}"))
    _, errors = read(tmp_path, text)
    name = option.split(":")[0]
    assert [e.message for e in errors] == [f"model.{name} is given without model.eval"]


def test_the_parsed_options_and_their_key(tmp_path):
    text = with_options(
        "  eval_field: scores.correctness",
        '  eval_pass: "> 0.5"',
        '  eval_where: "metric == correctness"',
        "  eval_slice: metadata.region",
    )
    found, errors = read(tmp_path, text)
    assert errors == []
    options = eval_options(found.model)
    assert (options.field, options.passing.comparison, options.passing.bound, options.slice) == (
        "scores.correctness",
        ">",
        0.5,
        "metadata.region",
    )
    assert options.where == (Condition("metric", "correctness"),)
    keys = {
        EvalOptions().key,
        options.key,
        EvalOptions(field="scores.correctness").key,
        EvalOptions(slice="metadata.region").key,
        EvalOptions(where_text="metric == correctness").key,
    }
    assert len(keys) == 5, "each option reads the file differently, so each is in the cache's key"


@pytest.mark.parametrize(
    "test, found, matches",
    [
        (Condition("epoch", "1"), 1.0, True),  # ijson reads numbers as floats
        (Condition("epoch", "1"), "1", True),
        (Condition("promptIdx", "0"), 0, True),
        (Condition("passed", "true"), True, True),
        (Condition("passed", "1"), True, False),  # a boolean is true or false, not a number
        (Condition("metric", "Correctness"), "correctness", False),  # names compare as written
        (Condition("metric", "x"), MISSING, False),
        (Condition("metric", "x", negated=True), MISSING, True),
        (Condition("metric", "x", negated=True), "y", True),
        (Condition("score", "0.50"), 0.5, True),
    ],
)
def test_what_a_where_test_matches(test, found, matches):
    assert test.matches(found) is matches


# --- The schema and check agree on every value, and so do Python and JavaScript ----------------

PROBES = [
    ('  eval_pass: ">= 0.7"', True),
    ("  eval_pass: 0.7", True),
    ("  eval_pass: 0x1f", True),
    ('  eval_pass: "0.7"', False),
    ('  eval_pass: "=> 0.7"', False),
    ("  eval_pass: [a, 1, true]", True),
    ("  eval_pass: []", False),
    ("  eval_pass: true", False),
    ("  eval_pass: 1e13", False),
    ('  eval_where: "metric == correctness"', True),
    ("  eval_where: metric == correctness", True),
    ('  eval_where: "metric = correctness"', False),
    ("  eval_where: 12", False),
    ('  eval_where: "' + "a == b and " * 30 + 'c == d"', False),  # over 300 characters
    ("  eval_slice: metadata.region", True),
    ('  eval_slice: " region"', True),  # YAML's spaces around a value are trimmed
    ("  eval_slice: [a]", False),
    ("  eval_field: gradingResult.pass", True),
]


@pytest.mark.parametrize("line, valid", PROBES)
def test_the_schema_and_check_agree_on_the_options(tmp_path, line, valid):
    schema_valid, check_valid, errors = verdicts(with_options(line), tmp_path)
    assert (schema_valid, check_valid) == (valid, valid), errors


WHERE_TEXT = st.lists(
    st.sampled_from(list("ab.=!<>\"' \t_-1") + ["and", "==", "!=", " and "]), max_size=14
).map("".join)


@settings(max_examples=400, deadline=None)
@given(WHERE_TEXT)
def test_the_where_parser_accepts_exactly_what_its_pattern_does(text):
    assert (parse_where(text)[1] is None) == bool(re.fullmatch(WHERE, text)), text


def test_javascript_reads_the_patterns_as_python_does():
    """Editors check the exported schema's patterns in JavaScript (ECMA-262, the u flag): on
    hundreds of texts, valid and not, node's verdicts are Python's."""
    node = shutil.which("node")
    assert node, "node is missing: .ci/run needs it"
    rng = random.Random(24)
    pieces = list("ab.=!<>\"' \t_-1/é") + ["and", "==", "!=", " and ", ">=", "0.5", "-1e3"]
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    samples += [
        "metric == correctness",
        "a == b and c != 'd e'",
        ">= 0.7",
        "< -1e-3",
        " <=.5",
        ">1.",
        "> 1e",
        "=> 1",
    ]
    script = (
        "const [where, threshold, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const w = new RegExp('^(?:' + where + ')$', 'u'), t = new RegExp('^' + threshold + '$', 'u');"
        "console.log(JSON.stringify(texts.map(x => [w.test(x), t.test(x)])));"
    )
    done = subprocess.run(
        [node, "-e", script],
        input=json.dumps([WHERE, THRESHOLD, samples]),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    javascript = json.loads(done.stdout)
    python = [[bool(re.fullmatch(WHERE, x)), bool(re.fullmatch(THRESHOLD, x))] for x in samples]
    assert javascript == python
    assert sum(w for w, _ in python) > 20 and sum(t for _, t in python) > 3, (
        "the sample holds valid texts too"
    )


@pytest.mark.parametrize("passing", [">= 0.7", ("factual", "Correct"), ""])
def test_the_options_come_back_from_the_cache_as_they_went(tmp_path, passing):
    """The build cache holds a brief's model as plain data (MessagePack): a threshold stays text
    and labels stay a tuple, so the options, and their key, read the same warm as cold."""
    model = ModelFacts(None, "x", None, "evals/x.jsonl", "score", passing, "metric == a", "doc_type")
    encode, decode = codec(ModelFacts)
    back = decode(msgpack.unpackb(msgpack.packb(encode(model)), use_list=False, raw=False))
    assert back == model and eval_options(back).key == eval_options(model).key
