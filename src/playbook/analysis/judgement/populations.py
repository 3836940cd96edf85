"""Populations named as sufferers, for PB101 (``sufferer.py``): people named only by what they are —
a profession by its bare name, a kind of customer, teams at a kind of organisation, a kind of
organisation by what it does — with nothing of ours or named to make them a group we could interview.
A count, "our", a named organisation or a workplace anchors them; where they are in a country does not."""

from __future__ import annotations

import re

from playbook.analysis.judgement.anchors import COUNTS, SPECIFIC
from playbook.analysis.judgement.lazyregex import regex
from playbook.analysis.judgement.patterns import Pattern
from playbook.analysis.judgement.text import Prose
from playbook.analysis.judgement.words import ORGANISATIONS, one_of

# People named by what they buy or use: a kind of customer is a market, however it is narrowed by what
# it buys ("travellers who book boutique hotels"), until it is ours or a named firm's.
CUSTOMERS = one_of(
    """travell?ers, guests, shoppers, holidaymakers, tourists, diners, passengers, commuters, homeowners,
    homebuyers, house ?buyers, renters, consumers, customers, clients, subscribers, policyholders, borrowers,
    savers, investors, fans, viewers, listeners, gamers, patients, motorists, cyclists, pet owners,
    car owners"""
)
A_KIND_OF_CUSTOMER = regex(rf"^(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?{CUSTOMERS}\b(?!')")
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
