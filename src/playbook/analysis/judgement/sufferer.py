"""PB101 hypothetical-sufferer: the patterns of a sufferer who is a guess about the future — who
would use it, who is exploring tools, a pipeline, everyone, a market — rather than people
losing today; and their exceptions, the contexts that make the same words a loss today."""

from __future__ import annotations

import re

from playbook.analysis.judgement.anchors import (
    COUNTS,
    HEADCOUNT,
    IN_A_PLACE,
    WORKPLACES,
    anchored,
    anchored_or_reach,
)
from playbook.analysis.judgement.modals import (
    CLAUSE,
    MODAL,
    NOT_A_MODAL,
    counterfactual,
    present_loss,
    present_loss_or_acted_on,
)
from playbook.analysis.judgement.patterns import Pattern
from playbook.analysis.judgement.populations import POPULATION_PATTERNS, at_work
from playbook.analysis.judgement.prospects import (
    A_SEGMENT,
    ACROSS_A_KIND,
    ACROSS_THE_BOARD,
    AFTER_LAUNCH,
    AI_SPEND,
    AS_BUYERS,
    CAME_BY,
    COULD_CUT,
    EAGER,
    EARLY_ADOPTERS,
    EVERYONE,
    EXPECTED_TO_SAVE,
    HEDGE,
    IF_THEY_HAD_IT,
    IN_GENERAL,
    IN_THE_FUNNEL,
    INDUSTRY_RESEARCH,
    MARKET_MONEY,
    MARKET_TALK,
    MASSES,
    MONEY_SET_ASIDE,
    ON_THE_WAY_TO,
    ONCE_IT_IS_LIVE,
    ONCE_THEY,
    ONCE_THEY_ADOPT,
    PLANS,
    PROJECTED_GAINS,
    RANK_SPAN,
    RETURNS,
    SAVED_LATER,
    SECTOR,
    SIGNED_UP,
    SIZES,
    TAKING_IT_UP,
    TARGETED,
    TECH_BUYERS,
    TO_CHANGE,
    TO_COME,
    TO_COME_OF_ANYTHING,
    TO_COME_OF_PEOPLE,
    WANTING,
    WEIGHING_UP,
    WHOLE_INDUSTRY,
    WOULD_BE,
)
from playbook.analysis.judgement.text import Prose
from playbook.analysis.judgement.verbs import KIND_OF
from playbook.analysis.judgement.words import (
    ADVERBS,
    BIG_COUNT,
    GENERIC_ROLES,
    INDUSTRIES,
    ORGANISATIONS,
    PEOPLE,
    POPULATIONS,
    REGIONS,
    TECH,
    either,
    one_of,
)
from playbook.lazyregex import regex

NEGATED = regex(r"\b(?:not|never|no longer|aren't|isn't|weren't|don't|doesn't|didn't|nor)\s+(?:\w+\s+)?$")
# People named as what the sufferer works on, not as the sufferer: "qualifying potential customers".
WORKS_ON = one_of(
    r"""\w+ing, \w+ed, from, with, to, of, about, by, on, for, between, among, serve, serves, call, calls,
    email, emails, chase, chases, qualify, qualifies, screen, screens, vet, vets, contact, contacts, handle,
    handles, onboard, onboards, review, reviews, research, researches, answer, answers, brief, briefs, quote,
    quotes, match, matches, re-type, retype, re-key, rekey, type, types, key, keys"""
)
OBJECT_OF = regex(rf"\b{WORKS_ON}\s+(?:the\s+|our\s+|their\s+|new\s+|all\s+)?$")
# What they hold: "prospective tenants' referencing forms".
THEIR_THINGS = one_of(
    """forms?, files?, applications?, documents?, records?, emails?, queries, questions, requests, data,
    details, calls, enquiries, inquiries, tickets, orders, bookings, references, checks, claims, accounts,
    cvs?, résumés, resumes, paperwork, messages, complaints"""
)
OWNED_BY = regex(rf"^(?:'s?|s')(?:\s|$)|^\s+{THEIR_THINGS}\b")


def _worked_on(prose: Prose, match: re.Match) -> bool:
    """Excuse people named as what the sufferer works on ("re-type prospective tenants' referencing
    forms", "qualifying potential customers")."""
    after = prose.lower[match.end() : match.end() + 30]
    owner = OWNED_BY.match(after)
    return bool(owner or OBJECT_OF.search(prose.lower[max(0, match.start() - 48) : match.start()]))


# A search said after the work it is part of, in a clause of its own subject and verb: how they do
# that work, not a buyer weighing up a purchase ("they review 3,000 listings a day looking for
# prohibited products"). A relative clause ("who plan routes") describes the sufferer instead.
WORK_VERB = "(?:" + "|".join(sorted(KIND_OF, key=len, reverse=True)) + ")(?:s|es)?"
AT_WORK = regex(
    rf"\b(?:they|we|he|she|i|(?!(?:who|that|which)\b)[\w-]+s)\s+(?:\w+ly\s+)?{WORK_VERB}\s+"
    r"(?:(?!(?:and|or|but|who|that|which|are|is|was|were|be|been)\b)[^\s,;.:()]+\s+){1,12}$"
)


def _part_of_the_work(prose: Prose, match: re.Match) -> bool:
    """Excuse a search that is part of the work said before it (see AT_WORK)."""
    first = match.group().split()[0]
    if re.search(r"\b(?:a|an|new|better|the right|some|any)\s", match.group()):
        return False  # one thing to get, "looking for a new tool": a purchase, whatever the work
    return first.endswith("ing") and bool(
        AT_WORK.search(prose.lower, max(0, match.start() - 120), match.start())
    )


def _qualified(prose: Prose, match: re.Match) -> bool:
    """Excuse a short sufferer that names a specific group: a number, a place, a name, a role in one."""
    return bool(
        re.search(rf"\d|\b(?:at|in|on|of|for|with|from|who|that|our|my|{COUNTS})\b", prose.lower)
    ) or any(word.named for word in prose.words)


def _counted_or_anchored(prose: Prose, match: re.Match) -> bool:
    """Excuse organisations counted or owned ("our three clinics in Leeds") or anchored to a named
    organisation ("the clinics in the Acme Health group")."""
    return bool(re.search(rf"\d|\b(?:our|my|{COUNTS})\b", prose.lower)) or anchored(prose, match)


# People owned ("our claims handlers", "the planners at our depot") or a few counted ("the four grant
# officers") are a group wherever they are; "using our product" owns the product, not the people.
OWNED_PEOPLE = regex(r"^(?:(?:all|both|the)\s+)?(?:of\s+)?(?:our|my)\b|\b(?:at|in|on|of|from)\s+(?:our|my)\b")
FEW = regex(
    rf"(?<![\w,.])(?:\d{{1,3}}|{COUNTS})(?![\w,.])(?!\s*(?:k|m|mn|bn|million|billion|thousand|hundred)\b)"
)


OUR_THINGS_BEFORE = regex(r"\b(?:our|my)\s+(?:[\w'-]+\s+){0,3}$")  # "engineers for our machines in Benelux"
USING_OURS = regex(
    r"\s*,?\s+(?:who\s+|that\s+)?(?:using|use|uses|with|buying|buy|running|run|on)\s+(?:our|my)\b"
)


def _owned_or_few(prose: Prose, match: re.Match) -> bool:
    """Excuse a place or a sector that people owned, a few counted, or anchored to a named
    organisation are in ("our two planners in the UK", "the auditors in Grant Hollis's Bristol office"),
    or that places our things rather than the people ("engineers for our machines in Benelux")."""
    before = prose.lower[
        max(0, match.start() - CLAUSE) : match.start()
    ]  # a clause: each match costs a constant
    if OWNED_PEOPLE.search(before) or FEW.search(before) or OUR_THINGS_BEFORE.search(before):
        return True
    return anchored(prose, match) and not USING_OURS.match(prose.lower, match.end())


OURS = regex(r"\b(?:we|us|our|my|i)\b")
# The work said just before "across" is what reaches across them: "chasing confirmations across carriers".
WORK_BEFORE = regex(
    r"\b(?!(?:[a-z]*thing|morning|evening|housing|building|funding|spending|pricing|billing)\b)[a-z]{3,}ing\s+"
    r"(?:[\w'-]+\s+){0,3}$"
)


def _ours_or_anchored(prose: Prose, match: re.Match) -> bool:
    """Excuse a loss across organisations that is said to be ours ("we lose 3% of orders across
    suppliers"), the reach of the work said before it ("chasing confirmations across carriers"), or
    anchored to a specific group (see anchored_or_reach)."""
    if OURS.search(prose.lower, max(0, match.start() - CLAUSE), match.end() + CLAUSE) or WORK_BEFORE.search(
        prose.lower, max(0, match.start() - 60), match.start()
    ):
        return True
    return anchored_or_reach(prose, match)


PATTERNS = (
    Pattern(
        "hypothetical",
        "is a guess about what someone would do or get, not a loss today",
        MODAL,
        unless_before=NOT_A_MODAL,
        unless=present_loss,
        fields=("sufferer.who",),
    ),
    Pattern(
        "hypothetical",
        "is a guess about what someone would do or get, not a loss today",
        MODAL,
        unless_before=NOT_A_MODAL,
        unless=present_loss_or_acted_on,
        fields=("sufferer.losing",),
    ),
    Pattern(
        "would-be-use",
        "speaks of who would use or benefit from it, a guess about the future",
        regex(rf"\b{ON_THE_WAY_TO}\s+{ADVERBS}{TAKING_IT_UP}\b|{ONCE_THEY}\b|{ONCE_IT_IS_LIVE}\b"),
        unless_before=NEGATED,
    ),
    Pattern(
        "would-be-user",
        "names people who might become users, not people losing today",
        regex(
            rf"\b{WOULD_BE}\s+(?:[\w'-]+\s+){{0,2}}?{PEOPLE}\b|"
            rf"\b{TO_COME_OF_PEOPLE}\s+(?:[\w'-]+\s+){{0,2}}?[\w'-]+s\s+who\b|"
            rf"(?<![\w-]){TO_COME_OF_ANYTHING}\s+[\w'-]*\w"
        ),
        unless=_worked_on,
    ),
    Pattern(
        "pipeline",
        "is a sales pipeline, people who might buy, not people losing today",
        regex(
            r"\b"
            + either(SIGNED_UP, CAME_BY, TARGETED, MASSES, IN_THE_FUNNEL, AS_BUYERS, TO_COME, TECH_BUYERS)
            + r"\b"
        ),
        unless=at_work,
        fields=("sufferer.who",),
    ),
    Pattern(
        "pipeline",
        "is a sales pipeline, people who might buy, not people losing today",
        regex(
            r"\b(?:if they (?:convert|sign|buy|close|renew|upgrade)|qualified leads|pipeline of|"
            r"sales pipeline|(?:leads|prospects|deals) (?:worth|in the pipeline))\b"
        ),
        fields=("sufferer.losing",),
    ),
    Pattern(
        "bare-category",
        "is a whole category of organisations, a market, not a specific group losing today",
        regex(rf"^(?:the\s+)?(?:(?![\w-]+ing\b)[\w'-]+\s+){{0,3}}{ORGANISATIONS}\.?$"),
        unless=_qualified,
        fields=("sufferer.who",),
    ),
    Pattern(
        "bare-category",
        "is a whole category of organisations, a market, not a specific group losing today",
        regex(rf"^(?:the\s+)?(?:(?![\w-]+ing\b)[\w'-]+\s+){{0,3}}{ORGANISATIONS}(?={IN_A_PLACE})"),
        unless=_counted_or_anchored,
        fields=("sufferer.who",),
    ),
    Pattern(
        "market-by-its-wants",
        "is a category of organisations named by what it wants, a market, not a group losing today",
        regex(rf"^(?:the\s+)?(?:(?![\w-]+ing\b)[\w'-]+\s+){{0,3}}{ORGANISATIONS}(?={WANTING})"),
        unless=_counted_or_anchored,
        fields=("sufferer.who",),
    ),
    Pattern(
        "early-adopter",
        "describes an appetite for technology, not a loss",
        regex(rf"\b{EARLY_ADOPTERS}\b"),
    ),
    Pattern(
        "intent-to-adopt",
        "describes a would-be buyer, not someone losing today",
        regex(rf"\b{WEIGHING_UP}\s+(?:[\w'-]+\s+){{0,3}}?(?:{TECH}|investments?|purchases?|upgrades?)\b"),
        unless_before=NEGATED,
        unless=_part_of_the_work,
    ),
    Pattern(
        "eager-to-try",
        "describes a would-be buyer, not someone losing today",
        regex(rf"\b{EAGER} to {TO_CHANGE}\b"),
    ),
    Pattern(
        "appetite",
        "is an appetite or a budget for technology, not a loss",
        regex(
            rf"\b{TECH}\s+(?:[\w'-]+\s+){{0,2}}?{PLANS}\b|"
            rf"\b{MONEY_SET_ASIDE}\s+(?:for|in|on|to)?\s*(?:[\w'-]+\s+){{0,2}}?{AI_SPEND}\b|"
            r"\bover the next (?:\w+ )?(?:years?|months?|quarters?|decade)\b"
        ),
    ),
    Pattern(
        "everyone",
        "is everyone, so no one in particular",
        regex(rf"\b{EVERYONE}\b"),
        unless=anchored,
        fields=("sufferer.who",),
    ),
    Pattern(
        "everyone",
        "is everyone, so no one in particular",
        regex(RANK_SPAN),
        quote_group="span",
        fields=("sufferer.who",),
    ),
    Pattern(
        "people-in-general",
        "is people in general, not a specific group losing today",
        regex(
            r"^(?:people|folks|humans|individuals|anyone|everybody|everyone|consumers|users|professionals) "
            r"(?:who|that|with|in general)\b"
        ),
        fields=("sufferer.who",),
    ),
    Pattern(
        "generic-population",
        "is a whole population, not a specific group losing today",
        regex(
            rf"^(?:{HEDGE}\s+)?(?:every|all|any|most|each)\s+(?!of\b)(?:the\s+)?(?!\d)[\w'-]+|"
            rf"^(?:{HEDGE}\s+)?(?:every|all|any|most|each)\s+{HEADCOUNT}"
        ),
        unless=anchored,
        fields=("sufferer.who",),
    ),
    Pattern(
        "bare-category",
        "is a whole category of people, not a specific group losing today",
        regex(
            rf"^(?:the (?:whole |entire )?)?(?:{SIZES}\s+)*(?:{POPULATIONS}|{INDUSTRIES})"
            r"(?:\s+(?:industry|sector|space|market|world|vertical|businesses|companies))?\.?$"
        ),
        fields=("sufferer.who",),
    ),
    Pattern(
        "whole-industry",
        "is a whole industry or a segment of one, not a specific group losing today",
        regex("|".join((WHOLE_INDUSTRY, A_SEGMENT, INDUSTRY_RESEARCH))),
    ),
    Pattern(
        "everywhere",
        "spans a whole market, not a specific group losing today",
        regex(rf"\b(?:{ACROSS_THE_BOARD}|(?:across|throughout|all over|around) {REGIONS}|{IN_GENERAL})\b"),
        unless=anchored_or_reach,
    ),
    Pattern(
        "market-size",
        "is the size of a market, not who is losing today",
        regex(rf"\b(?:{MARKET_TALK})\b|{MARKET_MONEY}"),
    ),
    Pattern(
        "market-count",
        "counts a market, not a specific group losing today",
        regex(
            rf"\b{BIG_COUNT}\s+(?:of\s+)?(?:[\w'-]+\s+){{0,2}}?[\w'-]+s\s+"
            rf"(?:in|across|throughout|around|within)\s+(?:the\s+)?{REGIONS}\b|"
            r"\b(?:millions|billions|hundreds of millions|tens of millions) of "
            rf"(?:[\w'-]+\s+)?{GENERIC_ROLES}\b"
        ),
    ),
    Pattern(
        "future-benefit",
        "is a benefit hoped for, not a loss today",
        regex(
            rf"\b(?:stand to|set to|expected to|projected to|going to|poised to|likely to)\s+"
            rf"(?:[\w'-]+\s+){{0,2}}?{SAVED_LATER}\b"
            + "|"
            + "|".join((AFTER_LAUNCH, EXPECTED_TO_SAVE, IF_THEY_HAD_IT, ONCE_THEY_ADOPT))
            + "|"
            + "|".join((PROJECTED_GAINS, COULD_CUT, RETURNS))
        ),
        unless_before=regex(r"\b(?:not|never|cannot|can't|won't|couldn't|wouldn't)\s+$"),
        unless=counterfactual,
    ),
    # Last, so a market's own words (its size, its count) are named first where they are said.
    Pattern(
        "everywhere",
        "spans a whole market, not a specific group losing today",
        regex(rf"\b{ACROSS_A_KIND}\b"),
        unless=_ours_or_anchored,
    ),
    Pattern(
        "everywhere",
        "spans a whole market, not a specific group losing today",
        regex(
            rf"\b(?:in|within)\s+(?:the\s+)?(?:{REGIONS}|{SECTOR})\b"
            rf"(?!'s\b|\s+(?:[\w'-]+\s+){{0,2}}?{WORKPLACES}\b)"
        ),
        unless=_owned_or_few,
        fields=("sufferer.who",),
    ),
) + POPULATION_PATTERNS  # last: a population's more particular words are named first
