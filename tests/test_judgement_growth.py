"""Judging takes time linear in the text, whatever the text (SECURITY.md, "linear judging").

Complexity is tested as growth: for adversarial shapes in each prose field, the time at 100,000
characters is close to ten times the time at 10,000 (a ratio under 25, where quadratic is 100).
The patterns are measured with the length bound lifted, so that they are shown linear on their
own, and as shipped; then the whole check and build on a brief holding such fields. A structural
test walks every pattern tried at many starts and fails on a repeat with no upper bound."""

from __future__ import annotations

import json
import re._constants as sre
import re._parser as sre_parse
import time

import pytest

from playbook.analysis import judgement
from playbook.analysis.judgement import (
    FIELD_RULES,
    LIMIT,
    evaluation,
    jobs,
    judge,
    modals,
    processes,
    samples,
    scope,
    sufferer,
    verbs,
)
from playbook.analysis.judgement.gates import gated
from playbook.analysis.judgement.text import prose_of
from tests.support.briefs import brief

GROWTH = 25  # 10x the text: linear is about 10, quadratic about 100


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SHAPES = {
    "commas": lambda n: _repeat("1,", n),
    "dots": lambda n: _repeat("1.", n),
    "digit run": lambda n: "1" * n,
    "dotted numbers": lambda n: _repeat("1.2.3 ", n),
    "repeated word": lambda n: _repeat("clerks ", n),
    "would": lambda n: _repeat("would ", n),
    "benchmark": lambda n: _repeat("benchmark ", n),
    "and": lambda n: _repeat("and ", n),
    "whitespace, then a letter": lambda n: " " * (n - 1) + "x",
    "whitespace between letters": lambda n: "x" + " " * (n - 2) + "x",  # a brief's values are stripped
    "mixed": lambda n: _repeat("teams who would use 1,200.5 and every MMLU benchmark; ", n),
}


def _seconds(field: str, text: str, rounds: int) -> float:
    """The best of ``rounds`` CPU times of judging ``text`` afresh (the caches would answer again)."""
    best = float("inf")
    for _ in range(rounds):
        prose_of.cache_clear()
        jobs._jobs.cache_clear()
        started = time.process_time()
        judge(field, text)
        best = min(best, time.process_time() - started)
    return best


def _growth(field: str, shape) -> float:
    """How many times longer judging 100,000 characters of ``shape`` takes than 10,000; measured
    again once if the first reading is over GROWTH, as a shared machine can stall one run."""
    judge(field, shape(1_000))  # warm-up: compiled patterns, gates, plans
    growth = float("inf")
    for _ in range(2):
        small = _seconds(field, shape(10_000), 3)
        growth = min(
            growth, _seconds(field, shape(100_000), 1) / max(small, 1e-4)
        )  # 0.1 ms: the clock's grain
        if growth < GROWTH:
            break
    return growth


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("field", FIELD_RULES)
def test_the_patterns_judge_in_linear_time(field, shape, monkeypatch):
    monkeypatch.setattr(judgement, "LIMIT", 1_000_000)  # the bound lifted: the patterns on their own
    growth = _growth(field, SHAPES[shape])
    assert growth < GROWTH, f"{field} on {shape}: 10x the text took {growth:.0f}x the time"


@pytest.mark.parametrize("shape", ["commas", "whitespace, then a letter", "mixed"])
@pytest.mark.parametrize("field", FIELD_RULES)
def test_judging_as_shipped_grows_linearly(field, shape):
    growth = _growth(field, SHAPES[shape])
    assert growth < GROWTH, f"{field} on {shape}: 10x the text took {growth:.0f}x the time"


def test_a_field_over_the_limit_is_a_finding_and_only_its_start_is_read():
    who = "Dispatchers at the Leeds depot who re-key delivery notes. " * 40
    assert len(who) > LIMIT
    [verdict] = judge("sufferer.who", who)
    assert (verdict.code, verdict.pattern) == ("PB101", "too-long")
    assert f"{len(who):,} characters" in verdict.message and f"{LIMIT:,}" in verdict.message
    assert judge("sufferer.who", who[:LIMIT]) == []  # the start alone is a specific group
    # losing: the sufferer rule reports the length; the amount is still read from the start.
    losing = "Time re-reading contracts. " * 50
    assert {(v.code, v.pattern) for v in judge("sufferer.losing", losing)} == {
        ("PB101", "too-long"),
        ("PB103", "no-number"),
    }
    losing = "6 hours a week re-reading contracts. " * 40
    assert {(v.code, v.pattern) for v in judge("sufferer.losing", losing)} == {("PB101", "too-long")}
    # What lies past the limit is not read, so it cannot hide there: the length itself fires.
    measured = "500 real vendor contracts, hand-labelled. " + " " * LIMIT + "MMLU"
    assert [(v.code, v.pattern) for v in judge("model.measured_on", measured)] == [("PB201", "too-long")]
    problem = "Extract the renewal date" + " " * LIMIT + "from vendor contracts"
    assert [(v.code, v.pattern) for v in judge("scope.problem", problem)] == [("PB302", "too-long")]
    assert (
        judge("scope.problem", "Extract the renewal date" + " " * (LIMIT - 24)) == []
    )  # at the limit: judged as usual


def test_the_registry_states_the_limit():
    from playbook.rules import RULES

    for code in ("PB101", "PB201", "PB302"):
        [described] = [what for name, what, _ in RULES[code].patterns if name == "too-long"]
        assert f"{LIMIT:,} characters" in described, code


def _unbounded(parsed) -> list[str]:
    """Return the repeats with no upper bound in a parsed pattern, as the parser spells them."""
    found = []
    for op, value in parsed:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = value
            if high == sre.MAXREPEAT:
                found.append(f"{{{low},}} over {list(sub)!r:.60}")
            found += _unbounded(sub)
        elif op is sre.SUBPATTERN:
            found += _unbounded(value[-1])
        elif op is sre.BRANCH:
            for alternative in value[1]:
                found += _unbounded(alternative)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += _unbounded(value[1])
        elif op is sre.ATOMIC_GROUP:
            found += _unbounded(value)
    return found


# The expressions each module scans over a whole field (finditer, split, sub, search), besides
# the rules' patterns, which find() tries at every word start their gate opens.
WHOLE_FIELD = {
    "modals.ASIDE": modals.ASIDE,
    "samples.SAMPLE": samples.SAMPLE,
    "samples.OWN_DATA": samples.OWN_DATA,
    "samples.OWN_HANDS": samples.OWN_HANDS,
    "evaluation.NAMED_DATASET": evaluation.NAMED_DATASET,
    "samples.A_COUNT": samples.A_COUNT,
    "samples.THEN": samples.THEN,
    "modals.ACRONYM": modals.ACRONYM,
    "jobs.ASIDE": jobs.ASIDE,
    "jobs.CLAUSE_START": jobs.CLAUSE_START,
    "jobs.LEADING_LIST": jobs.LEADING_LIST,
    "jobs.HANDED_ON": jobs.HANDED_ON,
    "processes.STRONG_BREAK": processes.STRONG_BREAK,
    "processes.LIST_BREAK": processes.LIST_BREAK,
    "processes.BEFORE_PREPOSITION": processes.BEFORE_PREPOSITION,
    "processes.ONE_HEAD": processes.ONE_HEAD,
    "jobs.WHERE": jobs.WHERE,
    "jobs.SEMICOLON_CLAUSE": jobs.SEMICOLON_CLAUSE,
    "jobs.WITH_PHRASE": jobs.WITH_PHRASE,
    "jobs.PARTICIPLE_AFTER_A_COMMA": jobs.PARTICIPLE_AFTER_A_COMMA,
    "modals.BRACKETED_REMARK": modals.BRACKETED_REMARK,
    "evaluation.COUNTED_FIRST": evaluation.COUNTED_FIRST,
    "evaluation.FOR_CONTEXT": evaluation.FOR_CONTEXT,
    "modals.SUPPOSED": modals.SUPPOSED,
    "verbs.OPTIONS": verbs.OPTIONS,
    "modals.REMARK": modals.REMARK,
}


def test_every_pattern_tried_at_many_starts_has_bounded_repeats():
    """A repeat with no upper bound, tried at every start, can run to the end of the text from
    each: n starts times n characters. Bounded, each start costs a constant."""
    rules = {
        "PB101": sufferer.PATTERNS,
        "PB201": evaluation.patterns(("AcmeBench",)),
        "PB302": scope.patterns(("Atlas",)),
    }
    unbounded = []
    for code, patterns in rules.items():
        for pattern in patterns:
            for regex, _ in gated(pattern.regex.pattern):
                unbounded += [
                    f"{code} {pattern.name}: {found}" for found in _unbounded(sre_parse.parse(regex.pattern))
                ]
    for name, regex in WHOLE_FIELD.items():
        unbounded += [f"{name}: {found}" for found in _unbounded(sre_parse.parse(regex.pattern))]
    assert unbounded == []


@pytest.mark.parametrize("shape", ["commas", "whitespace between letters", "mixed"])
def test_check_and_build_grow_linearly_with_a_long_field(shape, make_project, run, tmp_path):
    """The whole path — reading the YAML, the schema, every criterion, the page — on a brief whose
    four prose fields are each 10,000 and then 100,000 characters of one shape."""

    def seconds(size: int) -> float:
        text = SHAPES[shape](size)
        root = make_project(
            {
                "b": brief(
                    ("  who: In-house counsel at mid-size SaaS companies", f"  who: {json.dumps(text)}"),
                    (
                        "  losing: 6 hours a week re-reading vendor contracts for renewal terms",
                        f"  losing: {json.dumps(text)}",
                    ),
                    (
                        "  measured_on: 500 real vendor contracts, hand-labelled",
                        f"  measured_on: {json.dumps(text)}",
                    ),
                    (
                        "  problem: Extract the renewal date and notice period from vendor contracts",
                        f"  problem: {json.dumps(text)}",
                    ),
                )
            }
        )
        best = float("inf")
        for attempt in range(2):
            started = time.process_time()
            code, out, _ = run("check", str(root), "--no-cache", "--format", "json")
            assert code in (0, 1) and ("too-long" in out or size <= LIMIT)
            assert run(
                "build", str(root), "-o", str(tmp_path / f"site-{size}-{attempt}"), "-q", "--no-cache"
            )[0] in (0, 1)
            best = min(best, time.process_time() - started)
        return best

    seconds(1_000)  # warm-up
    growth = seconds(100_000) / seconds(10_000)
    assert growth < GROWTH, f"check and build on {shape}: 10x the fields took {growth:.0f}x the time"
