"""Populations named as sufferers, for PB101 (``sufferer.py``): people named only by what they are —
a profession by its bare name, a kind of customer, teams at a kind of organisation, a kind of
organisation by what it does — with nothing of ours or named to make them a group we could interview.
A count, "our", a named organisation or a workplace anchors them; where they are in a country does not."""

from __future__ import annotations

import re

from playbook.analysis.judgement.anchors import COUNTS, SPECIFIC, anchored
from playbook.analysis.judgement.patterns import Pattern
from playbook.analysis.judgement.text import Prose
from playbook.analysis.judgement.words import ORGANISATIONS, one_of
from playbook.lazyregex import regex

# People named by what they buy or use: a kind of customer is a market, however it is narrowed by what
# it buys ("travellers who book boutique hotels"), until it is ours or a named firm's.
CUSTOMERS = one_of(
    """travell?ers, guests, shoppers, holidaymakers, tourists, diners, passengers, commuters, homeowners,
    homebuyers, house ?buyers, renters, consumers, customers, clients, subscribers, policyholders, borrowers,
    savers, investors, fans, viewers, listeners, gamers, patients, motorists, cyclists, pet owners,
    car owners, buyers, people"""
)
# The public, however it is narrowed, is everyone: "the concert-going public", "the Welsh public"; a
# public body or service is no public.
A_PUBLIC = (
    r"public(?![\w-])(?!\s+(?:health|sector|service|services|affairs|relations|law|policy|transport|"
    r"finance|procurement|bodies|body|agencies|agency|libraries|library|records?|inquir\w+|consultations?|"
    r"holidays?|funds?|funding|money|spending|tenders?|contracts?|companies|company|limited)\b)"
)
A_KIND_OF_CUSTOMER = regex(rf"^(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{CUSTOMERS}\b(?!')|{A_PUBLIC})")
# Teams "at SaaS companies", departments "in care homes": a unit of a kind of organisation is that
# kind's market, one unit in each, unless it is ours, counted or named ("at three Leeds practices").
# People by their occupation there ("in-house counsel at mid-size SaaS companies") have a job.
UNITS = one_of("teams, departments, functions, desks, offices, divisions, units, groups, squads")
AT_A_KIND = regex(
    rf"^(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?{UNITS}\s+(?:at|in|across|within|inside)\s+"
    rf"(?!(?:our|my|the|a|an|one|this|that|its|their)\b)(?:[\w'-]+\s+){{0,3}}?{ORGANISATIONS}\b(?!')"
)
# A kind of organisation described by what it does is a market as much as a bare one: "B2B telcos
# responding to public-sector tenders", "mid-size insurers that write marine cover".
A_KIND_DOING = regex(
    rf"^(?:the\s+)?(?:(?![\w-]+ing\b)[\w'-]+\s+){{0,3}}{ORGANISATIONS}(?=\s+(?:[\w-]+ing|who|that|which)\b)"
)
# A profession by its bare name, one word with nothing to narrow it: "Recruiters", "Paralegals".
A_BARE_PROFESSION = regex(r"^(?:the\s+)?(?:all\s+)?[a-z][a-z-]{2,}s\.?$")
OURS_OR_COUNTED = regex(rf"\b(?:our|my|we|us|{COUNTS})\b|'s\b|s'(?=\s)")
# A number counts people or places unless it is part of a name or a standard: "SOC 2", "B2B", "ISO 9001".
COUNTED = regex(r"(?<![\w-])(?<![A-Z] )\d")
WORKPLACE_NAMED = regex(r"\b(?:at|of|with|on)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?[A-Z]")


def ours_counted_or_named(prose: Prose, match: re.Match) -> bool:
    """Excuse people who are ours, counted, or at a named organisation ("Customers of Penny Lane
    Outfitters", "guests at the Harbour Hotel"), or placed in a workplace ("on the night shift")."""
    if OURS_OR_COUNTED.search(prose.lower) or COUNTED.search(prose.plain):
        return True
    # A name inside the kind is part of the kind ("at SaaS companies"), not an organisation named.
    named = [found for found in WORKPLACE_NAMED.finditer(prose.plain) if found.end() > match.end()]
    return bool(
        named or WORKPLACE_NAMED.search(prose.plain, 0, match.start()) or SPECIFIC.search(prose.lower)
    )


# Where the items a specific group works on come from is no sales pipeline: "the Gift Aid desk (2 FTE)
# keying declarations from web sign-ups".
FROM_THEM = regex(r"\bfrom\s+(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}$")


def at_work(prose: Prose, match: re.Match) -> bool:
    """Excuse decision makers placed in a workplace, who decide cases ("decision makers in the Leeds
    benefit centre"), not purchases; and whom a specific group's items come from (see FROM_THEM)."""
    if "decision" in match.group() and anchored(prose, match):
        return True
    source = FROM_THEM.search(prose.lower, max(0, match.start() - 40), match.start())
    return source is not None and ours_counted_or_named(prose, match)


def _not_named(prose: Prose, match: re.Match) -> bool:
    """Excuse a single word that is a name: "Dispatch", "Ops"."""
    return any(word.named for word in prose.words)


POPULATION_PATTERNS = (
    Pattern(
        "bare-category",
        "is a whole profession or a kind of customer, a population, not a specific group losing today",
        A_BARE_PROFESSION,
        unless=_not_named,
        fields=("sufferer.who",),
    ),
    Pattern(
        "bare-category",
        "is a whole profession or a kind of customer, a population, not a specific group losing today",
        A_KIND_OF_CUSTOMER,
        unless=ours_counted_or_named,
        fields=("sufferer.who",),
    ),
    Pattern(
        "bare-category",
        "is a whole category of organisations, a market, not a specific group losing today",
        regex(AT_A_KIND.pattern + "|" + A_KIND_DOING.pattern),
        unless=ours_counted_or_named,
        fields=("sufferer.who",),
    ),
)


# People placed in a market are the market ("Property managers in the commercial real estate market",
# "Players in markets we haven't launched in yet"); placed across a named place, they are everyone
# there, when nothing they do comes between ("Meter readers across South Africa"; "technicians
# servicing lifts across Dallas" says how far their work reaches). "Our" or a count anchors them.
IN_A_MARKET = regex(r"\b(?:in|within|across)\s+(?:the\s+)?(?:[\w'/-]+\s+){0,4}?markets?\b(?!')")
ACROSS_A_NAMED_PLACE = regex(
    r"^(?:the\s+)?(?:(?![\w-]+ing\b)[\w'-]+\s+){0,3}?[\w'-]+s\s+(?:across|throughout|all over)\s+(?:the\s+)?"
    r"((?:[\w'-]+\s+){0,2}[\w'-]+)\.?$"
)
# A population as the subject of the loss, where a profession ("Nurses lose bedside time") is a group
# with a job: "Residents lose money on undetected leaks", "Consumers overpay".
BARE_SUBJECT = regex(
    r"^(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:residents|locals|public|citizens|households|taxpayers|families)|"
    rf"(?:[\w-]+\s+){{0,2}}?{CUSTOMERS})\s+(?:\w+ly\s+)?(?:lose|miss|pay|waste|overpay|spend)\b|"
    # A profession losing nothing but a generic good is anyone in it: "Accountants lose focus to
    # interruptions", where "Nurses lose bedside time" names what their work loses.
    r"^(?:the\s+)?[a-z][a-z-]{2,}s\s+(?:lose|waste)\s+(?:productivity|focus|efficiency|morale|energy|"
    r"time|money|hours)\b(?!\s+(?:on|with|at|in|to)\s+(?:the|our|their|each|every)\b|\s+\w+ing\b)"
)
# People in general as whose loss it is: "…, so people's bills go unpaid", "People miss appointments".
PEOPLE_AT_LARGE = regex(
    r"(?:^|\b(?:means?|so|leaves?|makes?|because|that)\s+)(?:(?:young|older|elderly|ordinary|many|most)\s+)?"
    r"people(?:'s)?\s+(?!(?:at|in|on|from|who|that|we|our)\b)"
)


def _ours_or_counted(prose: Prose, match: re.Match) -> bool:
    """Excuse people in a market who are ours or counted ("our 40 resellers in the French market");
    "markets we haven't launched in" is no group of ours."""
    return bool(re.search(r"\b(?:our|my)\b", prose.lower) or COUNTED.search(prose.plain))


def _not_a_named_place(prose: Prose, match: re.Match) -> bool:
    """Excuse "across" a place that is not a name: "across our three depots", "across the night shift"."""
    place = prose.plain[match.start(1) : match.end(1)]
    return not all(word[:1].isupper() for word in place.split()) or ours_counted_or_named(prose, match)


POPULATION_PATTERNS += (
    Pattern(
        "everywhere",
        "places people in a market, which is everyone in it, not a specific group losing today",
        IN_A_MARKET,
        unless=_ours_or_counted,
        fields=("sufferer.who",),
    ),
    Pattern(
        "everywhere",
        "places people across a whole named place, not a specific group losing today",
        ACROSS_A_NAMED_PLACE,
        unless=_not_a_named_place,
        fields=("sufferer.who",),
    ),
    Pattern(
        "bare-category",
        "names the sufferer by a bare category, a population, not a specific group losing today",
        BARE_SUBJECT,
        unless=ours_counted_or_named,
        fields=("sufferer.losing",),
    ),
    Pattern(
        "bare-category",
        "names the sufferer by a bare category, a population, not a specific group losing today",
        PEOPLE_AT_LARGE,
        unless=_ours_or_counted,
        fields=("sufferer.losing",),
    ),
)
