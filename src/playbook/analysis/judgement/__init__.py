"""Judging the prose fields of a brief the way the essay would: named patterns with exceptions
over words, one module per criterion (``sufferer``, ``amounts``, ``evaluation``, ``scope``), and a
team's own vocabulary from ``criteria:`` in ``playbook.yaml``. ``judge`` is the one entry point:
the criteria checks, ``playbook lsp`` and the labelled corpus (``tests/judgement/``) all use it."""

from __future__ import annotations

from functools import lru_cache

from msgspec import Struct

from playbook.analysis.judgement import amounts, evaluation, modals, scope, sufferer
from playbook.analysis.judgement.patterns import Pattern, find, words_pattern
from playbook.analysis.judgement.text import prose_of
from playbook.diagnostics import quote
from playbook.lazyregex import Regex, regex

# Which rules judge which field.
FIELD_RULES = {
    "sufferer.who": ("PB101",),
    "sufferer.losing": ("PB101", "PB103"),
    "model.measured_on": ("PB201",),
    "scope.problem": ("PB302",),
}


class Vocabulary(Struct, frozen=True):
    """A team's own words (``criteria:``): benchmark names, words for broad scope, phrases to allow."""

    benchmarks: tuple[str, ...] = ()
    broad_scope: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    broad_words: int = 25


class Verdict(Struct, frozen=True):
    """One prose rule's finding on one field."""

    code: str
    pattern: str  # the name of the pattern that fired
    message: str


class _Compiled(Struct, frozen=True):
    """The prose rules made from a project's vocabulary: its benchmarks, broad scopes and allowed words."""

    benchmarks: tuple[Pattern, ...]
    broad: tuple[Pattern, ...]
    allowed: Regex | None


@lru_cache(maxsize=32)
def _compile(vocabulary: Vocabulary) -> _Compiled:
    allowed = regex(words_pattern(vocabulary.allow)) if vocabulary.allow else None
    return _Compiled(
        evaluation.patterns(tuple(name.lower() for name in vocabulary.benchmarks)),
        scope.patterns(tuple(word.lower() for word in vocabulary.broad_scope)),
        allowed,
    )


# The characters of a field that are judged. The longest field of the labelled corpus is under
# 300; a field longer than this says more than one thing, and that is the finding: only its first
# LIMIT characters are read, so judging costs at most a constant whatever the field holds.
LIMIT = 1000


def judge(field: str, text: str, vocabulary: Vocabulary = Vocabulary()) -> list[Verdict]:
    """Return the prose rules' findings on ``text`` written as ``field`` (see FIELD_RULES); a
    field over LIMIT characters gets its first rule's ``too-long`` in place of that rule's other
    findings, and the other rules read its first LIMIT characters."""
    if len(text) <= LIMIT:
        return _judge(field, text, vocabulary)
    code = FIELD_RULES[field][0]
    name = field.rsplit(".", 1)[-1]
    verdicts = [
        Verdict(
            code,
            "too-long",
            f"{name} is {len(text):,} characters long (over {LIMIT:,}): a field says one "
            f"thing in a sentence or two; only its first {LIMIT:,} characters are read (too-long)",
        )
    ]
    return verdicts + [verdict for verdict in _judge(field, text[:LIMIT], vocabulary) if verdict.code != code]


def _judge(field: str, text: str, vocabulary: Vocabulary) -> list[Verdict]:
    compiled = _compile(vocabulary)
    prose = prose_of(text)
    name = field.rsplit(".", 1)[-1]
    verdicts = []
    if field in ("sufferer.who", "sufferer.losing"):
        judged = modals.sufferers_clause(prose) if field == "sufferer.who" else prose
        for finding in find(sufferer.PATTERNS, judged, compiled.allowed, field=field):
            verdicts.append(Verdict("PB101", finding.pattern.name, f"{name}: {finding.message()}"))
    if field == "sufferer.losing":
        reading = amounts.read_amounts(prose)
        if not reading.amount and not (compiled.allowed is not None and compiled.allowed.search(prose.lower)):
            if reading.not_amounts:
                verdicts.append(
                    Verdict(
                        "PB103",
                        "not-an-amount",
                        f"losing has no amount: {quote(reading.not_amounts[0])} names "
                        "or dates something, it is not an amount of loss (not-an-amount)",
                    )
                )
            else:
                verdicts.append(
                    Verdict(
                        "PB103",
                        "no-number",
                        "losing has no amount: no number of hours, money, things lost or share (no-number)",
                    )
                )
    if field == "model.measured_on":
        found = evaluation.judge_evaluation(
            prose, find(compiled.benchmarks, prose, compiled.allowed, first=False), compiled.benchmarks[0]
        )
        for finding in found:
            verdicts.append(Verdict("PB201", finding.pattern.name, f"measured_on: {finding.message()}"))
    if field == "scope.problem":
        pattern, message = scope.judge_scope(prose, compiled.broad, compiled.allowed, vocabulary.broad_words)
        if pattern:
            verdicts.append(Verdict("PB302", pattern, message))
    return verdicts
