"""The prose rules judged against the labelled corpus in tests/judgement/: per rule, recall of at
least 95% and false alarms on at most 1% of good text; and the corpus itself is well formed."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.judgement import figures
from playbook.analysis.judgement import FIELD_RULES, Vocabulary, judge
from tests.judgement.corpus import corpus

CASES = corpus()


def test_the_corpus_is_large_varied_and_balanced():
    assert len(CASES) >= 600
    assert {case.field for case in CASES} == set(FIELD_RULES)
    for code in ("PB101", "PB103", "PB201", "PB302"):
        judged = [case for case in CASES if case.file == f"{code.lower()}.txt"]  # the rule's own file
        violations = sum(code in case.expected for case in judged)
        assert 0.3 <= violations / len(judged) <= 0.7, code
    texts = Counter(case.text for case in CASES)
    assert [text for text, n in texts.items() if n > 1] == []
    for case in CASES:
        assert case.expected <= set(FIELD_RULES[case.field]), case.id


@pytest.mark.parametrize("code", ["PB101", "PB103", "PB201", "PB302"])
def test_recall_and_false_alarms_meet_the_targets(code):
    row = figures(CASES)[code]
    recall = row["caught"] / row["violations"]
    alarms = row["false_alarms"] / row["good"]
    misses = [f"{case.id} {case.text}" for case in CASES if code in case.expected
              and code not in {v.code for v in judge(case.field, case.text)}]
    false = [f"{case.id} {case.text}" for case in CASES if code in FIELD_RULES[case.field] and code not in case.expected
             and code in {v.code for v in judge(case.field, case.text)}]
    assert recall >= 0.95, misses
    assert alarms <= 0.01, false


def test_a_finding_quotes_the_words_that_fired_and_names_its_pattern():
    [verdict] = judge("sufferer.who", "Law firms exploring AI for contract onboarding")
    assert verdict.code == "PB101" and verdict.pattern == "intent-to-adopt"
    assert "'exploring AI'" in verdict.message and "would-be buyer" in verdict.message


@pytest.mark.parametrize("field, text, vocabulary, before, after", [
    ("model.measured_on", "Scores on the AcmeBench suite", Vocabulary(benchmarks=("AcmeBench",)), False, True),
    ("scope.problem", "Roll out Atlas for the support desk", Vocabulary(broad_scope=("Atlas",)), False, True),
    ("sufferer.who", "Everyone Counts volunteers re-keying donor forms",
     Vocabulary(allow=("Everyone Counts",)), None, False),
])
def test_a_team_extends_and_narrows_the_vocabulary(field, text, vocabulary, before, after):
    code = FIELD_RULES[field][0]
    fired = {v.code for v in judge(field, text, vocabulary)}
    assert (code in fired) is after
    if before is not None:
        assert (code in {v.code for v in judge(field, text)}) is before


PROSE_RULES = {code: tuple(field for field, codes in FIELD_RULES.items() if code in codes)
               for code in ("PB101", "PB103", "PB201", "PB302")}


def test_every_pattern_is_described_in_the_registry_and_fires_on_its_example():
    """The registry's list of patterns (what --explain and the criteria page show) is the list
    the judgement uses: every pattern named there fires on its example, and every name the
    rules give on the corpus is there."""
    from playbook.analysis.judgement import evaluation, scope, sufferer
    from playbook.rules import RULES

    described = {code: [name for name, _, _ in RULES[code].patterns] for code in PROSE_RULES}
    for code, names in described.items():
        assert RULES[code].judges and len(names) == len(set(names)), code
    implemented = {
        "PB101": {p.name for p in sufferer.PATTERNS},
        "PB201": {p.name for p in evaluation.patterns(("a team benchmark",))},
        "PB302": {p.name for p in scope.patterns(("a team word",))},
    }
    for code, names in implemented.items():
        assert names <= set(described[code]), f"{code} patterns missing from the registry: {names - set(described[code])}"
    fired = Counter((v.code, v.pattern) for case in corpus() for v in judge(case.field, case.text))
    for code, pattern in fired:
        assert pattern in described[code], f"{code} gives {pattern!r}, which the registry does not describe"
    for code, fields in PROSE_RULES.items():
        for name, fires_on, example in RULES[code].patterns:
            assert fires_on, (code, name)
            if not example:  # too-long and team-vocabulary depend on the text's length and the team's words
                assert name in {"too-long", "team-vocabulary"}
                continue
            got = {v.pattern for field in fields for v in judge(field, example) if v.code == code}
            assert name in got, f"{code} {name}: its example {example!r} gives {got}"
            assert fired[(code, name)] >= 1, f"{code} {name} is never exercised by the corpus"


def test_the_patterns_are_explained_in_the_terminal_and_on_the_site(run, make_project, tmp_path):
    from playbook.cli.main import main
    from playbook.rules import RULES
    from tests.conftest import brief

    out = tmp_path / "site"
    assert main(["build", str(make_project({"b": brief()})), "-o", str(out), "-q"]) == 0
    criteria = (out / "criteria/index.html").read_text(encoding="utf-8")
    for code in PROSE_RULES:
        code_, text, _ = run("check", "--explain", code)
        assert code_ == 0 and "How it reads the prose:" in text
        for name, _, example in RULES[code].patterns:
            assert f"\n    {name} " in text, (code, name)
            assert f"<code>{name}</code>" in criteria
        assert RULES[code].judges.replace("'", "&#39;") in criteria
