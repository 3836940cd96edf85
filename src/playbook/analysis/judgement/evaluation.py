"""PB201 benchmark-not-workflow: the patterns of an accuracy measured somewhere other than on the
workflow's own data — a named public benchmark, a leaderboard, an exam, a model card, a
seller's or a paper's reported numbers, second-hand figures, public or someone else's data,
made-up data — and the exception that matters most: a measurement on the team's own data that
names a benchmark only to set it aside ("vendor claimed 98%; on 320 of our own invoices it got
83%")."""

from __future__ import annotations

import re

from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.patterns import Pattern, words_pattern
from playbook.analysis.judgement.quantities import DAYS
from playbook.analysis.judgement.samples import COUNT, MONTHS, measured_on_own
from playbook.analysis.judgement.sources import (
    A_FEW_TRIES,
    BENCHMARK_NAMES,
    CAPITAL_NAMES,
    CLAIMS,
    DATA,
    EXAMS,
    FROM_THE_WEB,
    IMPRESSIONS,
    MADE_UP,
    MAKERS_REPORTS,
    PLAYGROUNDS,
    PROVIDER_SAYS,
    PROVIDERS,
    PUBLIC,
    PUBLIC_NOT_DATA,
    PUBLIC_PLACES,
    PUBLISHED,
    RANKINGS,
    SAID,
    SECOND_HAND,
    SELLERS_PEOPLE,
    TRIED,
    TRIED_IN,
)
from playbook.analysis.judgement.text import Prose
from playbook.analysis.judgement.words import one_of
from playbook.lazyregex import regex

OWN = regex(
    r"\b"
    + one_of(
        """our, our own, own, internal, in-house, inhouse, private, proprietary, the team's, the firm's,
        the company's, company, customer, production, live, real, client, my"""
    )
    + r"\s+(?:[\w'-]+\s+){0,2}$"
)
# What sets the words after it aside: "rather than MMLU", "beats the leaderboard's best", "in the
# format of SQuAD".
SET_ASIDE_BY = one_of(
    r"""not, never, no, rather than, instead of, unlike, without, versus, vs\.?, compared (?:to|with),
    as opposed to, beyond, beat, beats, beating, outperform(?:s|ed)?, above, not just, not only, skipping,
    skipped, ignoring, ignored, instead of using, similar (?:in style )?to, like, in the style of,
    modell?ed on, (?:same |the )?format as, formatted like, in the format of, styled (?:on|after)"""
)
CONTRAST = regex(
    rf"\b{SET_ASIDE_BY}\s+(?:(?:on|a|an|the|any|its|their|some|just|only|using|from|what)\s+)*"
    r"(?:[\w'-]+\s+){0,2}$"
)
STYLE = regex(r"^(?:-style|-like| style| format|-format|-type| type| template|-for-|-based|-inspired)")
METHOD = "(?:approach|method|technique|prompt|recipe|idea|architecture|setup|pipeline|rubric)"


def _method_not_result(prose: Prose, match: re.Match) -> bool:
    """Excuse "the approach from the paper, applied to 300 of our own logs": a method, not a result."""
    return bool(
        re.search(
            rf"\b{METHOD}\s+(?:\w+\s+){{0,2}}$",
            prose.lower[max(0, match.start() - 40) : match.start()],
        )
        or re.search(
            rf"\b{METHOD} (?:from|in|of)\b",
            match.group(),
        )
    )


# A benchmark named by the kind of task it tests is someone else's test, unless it is said to be the
# team's own or built from its work: "a bar-exam style legal reasoning benchmark", "a contract-review
# benchmark", where "an in-house benchmark built from 340 payroll queries" is the team's.
OURS = r"(?:our|own|internal|in-house|inhouse|bespoke|custom|home-?grown|team's|company's|firm's)"
A_BENCHMARK = (
    rf"\b(?:an?|the|one)\s+(?:(?!{OURS}\b)[\w'-]+\s+){{1,4}}?benchmark\b"
    r"(?!\s+(?:(?:that\s+)?(?:we|i|our|us)\b|(?:built|made|drawn|assembled|compiled|sampled|taken|created|"
    r"put together)\b))"
)


def patterns(extra_names: tuple[str, ...] = ()) -> tuple[Pattern, ...]:
    """Return the PB201 patterns, with a team's own benchmark names among the public ones."""
    names = words_pattern(BENCHMARK_NAMES + extra_names)
    own_or_contrast = regex(CONTRAST.pattern + "|" + OWN.pattern)
    return (
        Pattern(
            "named-benchmark",
            "is a public benchmark, not the workflow's own data",
            regex(rf"(?<![\w-]){names}(?![\w])|(?<![\w-])wmt\d*(?![\w-])"),
            unless_before=CONTRAST,
            unless_after=STYLE,
            names=True,
        ),
        Pattern(
            "leaderboard",
            "is a leaderboard, not the workflow's own data",
            regex(rf"\b{RANKINGS}\b"),
            unless_before=own_or_contrast,
        ),
        Pattern(
            "exam",
            "is an exam or a puzzle set, not the workflow's own work",
            regex(rf"(?:\b|(?<=\w)){EXAMS}\b"),
            unless_before=own_or_contrast,
        ),
        Pattern(
            "benchmark-of-a-kind",
            "is a benchmark of a kind of task, someone else's test, not the workflow's own work",
            regex(A_BENCHMARK),
            unless_before=own_or_contrast,
        ),
        Pattern(
            "model-card",
            "is what the model's makers report, not the workflow's own data",
            regex(MAKERS_REPORTS),
            unless_before=regex(own_or_contrast.pattern + rf"|\b{COUNT}\s+(?:[\w'-]+\s+)?$"),
        ),
        Pattern(
            "vendor-claim",
            "is the seller's own number, not a measurement on the workflow's data",
            regex(
                rf"\b{PROVIDERS}(?:'s|s'|’s)?\s+(?:[\w'-]+\s+){{0,3}}?{CLAIMS}\b|"
                rf"\b{CLAIMS}\s+(?:[\w'-]+\s+){{0,3}}?"
                rf"(?:from|by|of|on|in|at) (?:the |our |a |an |its )?(?:[\w'-]+ )?{PROVIDERS}\b|"
                rf"\baccording to (?:the )?{PROVIDERS}\b|"
                rf"\b(?:the )?{PROVIDERS}(?:'s|s')? {PROVIDER_SAYS}(?:\b|(?<=%))"
            ),
            unless_before=regex(CONTRAST.pattern + r"|\bour\s+(?:[\w'-]+\s+)?$"),
            unless=lambda prose, match: bool(re.search(r"\b(?:our|own)\b", match.group())),
        ),
        Pattern(
            "seller-said",
            "is what the seller's people said or showed, not a measurement on the workflow's data",
            regex(rf"\b{SELLERS_PEOPLE}\b(?:[^.;]{{0,40}})\b{SAID}\b"),
            unless_before=CONTRAST,
            names=True,
        ),
        Pattern(
            "impression",
            "is an impression from trying it, not a measurement on the workflow's data",
            regex(rf"\b(?:{IMPRESSIONS})\b"),
            unless_before=CONTRAST,
        ),
        Pattern(
            "second-hand",
            "is a figure heard from someone else, not measured on the workflow's data",
            regex(rf"\b{SECOND_HAND}\b"),
            unless_before=own_or_contrast,
            names=True,
        ),
        Pattern(
            "paper",
            "is a result reported elsewhere, not a measurement on the workflow's data",
            regex(PUBLISHED),
            unless_before=CONTRAST,
            unless=_method_not_result,
        ),
        Pattern(
            "public-dataset",
            "is public data, not the workflow's own",
            regex(
                rf"\b{PUBLIC}\s+(?:[\w'-]+\s+){{0,2}}?{DATA}\b(?!\s+{PUBLIC_NOT_DATA})|"
                rf"\b{DATA}\s+(?:from|on|off|in) {PUBLIC_PLACES}\b|\b{FROM_THE_WEB}\b"
            ),
            unless_before=own_or_contrast,
            unless=lambda prose, match: bool(
                re.search(r"\b(?:our|own|internal|in-house|real)\b", match.group())
            ),
        ),
        Pattern(
            "generated-set",
            "is made-up data, not the workflow's own",
            regex(MADE_UP),
            unless_before=regex(CONTRAST.pattern + r"|\b(?:real|our own)\s+$"),
        ),
        Pattern(
            "playground",
            "is a few tries in a demo, not a measurement on the workflow's data",
            regex(
                rf"\b{PLAYGROUNDS}\b(?=[^.;]{{0,80}}\b{A_FEW_TRIES}\b)|"
                rf"\b{TRIED}\b[^.;]{{0,60}}\b{TRIED_IN}\b"
            ),
            unless_before=CONTRAST,
        ),
    )


NAMED_DATASET = regex(
    bounded(
        r"(?<![\w-])(?!(?:Our|My|The|This|These|A|An|Internal|In-house|Real|Last|Q\d)\b)[A-Z][\w-]*"
        r"(?:[ -](?!(?:our|own|internal|real|in-house)\b)[A-Za-z][\w-]*){0,3}"
        r"\s+(?:dataset|database|data set|corpus|benchmark|archive|challenge|test set|collection)\b"
    )
)


def _named_dataset(prose: Prose) -> re.Match | None:
    """A dataset named with capitals ("NEU surface defect database"), not a sentence's first word
    nor one of ours ("our internal HS-code benchmark")."""
    first_letter = len(prose.plain) - len(prose.plain.lstrip())
    for match in NAMED_DATASET.finditer(prose.plain):
        if re.search(
            r"\b(?:our|own|internal|in-house|inhouse|my)\s+(?:[\w-]+\s+)?$",
            prose.lower[max(0, match.start() - 30) : match.start()],
        ):
            continue
        first = match.group().split()[0]
        at_start = match.start() == first_letter or prose.plain[
            max(0, match.start() - 40) : match.start()
        ].rstrip().endswith((".", ";", ":", "!", "?"))
        if not at_start or first.isupper() or any(ch.isupper() for ch in first[1:]):
            return match
    return None


# What a test ran on, named by a name alone ("ran it on GTZAN and…", "0.41 mAP on AudioSet"): a set
# someone published, whoever ran it. A name that qualifies a noun ("on Zendesk tickets", "on CRM
# and ERP exports") or owns one ("on the Leeds depot's manifests") names where the team's own
# work came from, and a month or a day is a time.
ON_A_NAME = regex(
    bounded(
        r"\b[Oo]n\s+(?:the\s+)?(?P<name>[A-Z][\w-]*(?:[ -][A-Z0-9][\w.-]*){0,2})"
        r"(?=\s*(?:$|[,;:!?)]|\.(?:\s|$))|\s+(?:and|or)\s+(?![A-Z][\w-]*\s+(?!(?:and|or|it|we)\b)[a-z])|"
        r"\s+(?:but|so|then|with|where|which|ourselves|in-house|first|itself|too|as|at|to|for|in|by|last|"
        r"this|before|after|we|it|got|scored|gave)\b)"
    )
)
A_TIME = regex(rf"(?:{MONTHS}|{DAYS}|q[1-4]|h[12]|fy\s?\d+)\b", re.IGNORECASE)


def _name_alone(prose: Prose) -> re.Match | None:
    """A test run on a name alone (see ON_A_NAME), not a time."""
    for match in ON_A_NAME.finditer(prose.plain):
        if not A_TIME.match(match.group("name")):
            return match
    return None


def judge_evaluation(prose: Prose, found: list, capital_pattern: Pattern) -> list:
    """Return the finding to report, of every pattern's first in ``found``: none when the text
    measures on the team's own data and names the other figure only to set it aside."""
    from playbook.analysis.judgement.patterns import Finding

    if not found:
        match = CAPITAL_NAMES.search(prose.plain) or _named_dataset(prose) or _name_alone(prose)
        if (
            match
            and not CONTRAST.search(prose.lower[max(0, match.start() - 48) : match.start()])
            and not STYLE.search(prose.lower[match.end() : match.end() + 20])
        ):
            found = [Finding(capital_pattern, prose.quote(*match.span()), match.start())]
    if found and measured_on_own(prose, found):
        return []
    found = [finding for finding in found if not _for_context(prose, finding)]
    return found[:1]


# A figure glanced at beside a counted sample of the team's own, and said to be only for context, is
# not what the accuracy was measured on: "500 incidents agreed with the operator; we also glanced at
# a public benchmark, but only for context".
FOR_CONTEXT = regex(
    bounded(
        r"[^;.]{0,80}?\b(?:only|just|purely|merely)\s+(?:for|as)\s+(?:context|reference|comparison|background)\b|"
        r"[^;.]{0,80}?\bfor\s+(?:context|reference|comparison|background)\s+only\b"
    )
)
COUNTED_FIRST = regex(bounded(r"\b\d[\d,]{0,15}\s+(?:[\w'-]+\s+){0,3}?[\w-]+s\b"))


def _for_context(prose: Prose, finding) -> bool:
    """Whether ``finding`` is said to be only for context, after a counted sample (see FOR_CONTEXT)."""
    return (
        finding.start > 0
        and bool(FOR_CONTEXT.match(prose.lower, finding.start))
        and bool(COUNTED_FIRST.search(prose.lower, 0, finding.start))
    )
