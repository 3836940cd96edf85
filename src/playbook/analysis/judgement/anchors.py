"""What makes a population a specific group, for PB101 (``sufferer.py``): a count, "our", a
workplace, a named organisation; and what does not: a count in the thousands, and a place, which is
where a population is ("every dental clinic in Bavaria", "SMEs across Andalusia") and so a market
whatever its name, where a named organisation ("every nurse in St Mary's") is an anchor."""

from __future__ import annotations

import re

from playbook.analysis.judgement.text import CLAUSE, Prose
from playbook.analysis.judgement.words import BIG_COUNT, ORGANISATIONS, PLACES, either, one_of
from playbook.lazyregex import regex

# Where a specific group works: "on the night shift", "at our Leeds depot".
WORKPLACES = one_of(
    """shift, ward, unit, desk, depot, site, branch, office, clinic, team, floor, line, plant, warehouse,
    store, hub, department, practice, firm, school, campus, hospital, queue, rota, crew, squad, pod, lab,
    district, account, centre, center, section, yard"""
)
SPECIFIC = regex(
    rf"\b(?:our|my)\b|\b(?:on|in|at|of) (?:the |our |its |their )?(?:[\w'-]+ ){{0,3}}?{WORKPLACES}\b"
)
COUNTS = either(
    *"one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty".split(),
    "dozen",
    "hundred",
)


# A count in the thousands is a population, whoever's it is: "all 23,000 employees of the group",
# "every one of our 12,000 store associates".
HEADCOUNT = rf"(?:one\s+)?(?:of\s+)?(?:(?:the|our|its|their)\s+)?(?!(?:19|20)\d\d\b){BIG_COUNT}(?![\w,.])"


def anchored(prose: Prose, match: re.Match) -> bool:
    """Excuse a quantifier that a specific anchor follows: "all 9 of our dispatchers", "everyone on
    the night shift at the Leeds depot", "every nurse on ward 7"; not a count in the thousands."""
    rest = prose.lower[match.end() : match.end() + 90]
    if re.search(BIG_COUNT, match.group()) or re.match(rf"\s+{HEADCOUNT}", rest):
        return False
    if re.match(rf"\s+(?:\d|(?:of\s+)?(?:the\s+)?{COUNTS}\b)", rest) or SPECIFIC.search(rest):
        return True
    named = NAMED_PLACE.search(prose.plain[match.end() : match.end() + 90])
    if named is None or named.group("at") not in WHERE_THEY_ARE:
        return named is not None
    # Where a population is, unless what is named there is an organisation: "every nurse in St
    # Mary's", "all staff in Lambeth Council", "everyone in the Leeds office".
    after = ORGANISATION_AFTER.match(prose.lower, match.end() + named.end())
    return any(_organisation(word) for word in named.group("name").lower().split() + [after.group(1)])


# A named organisation or place after "at", "in", "of"…: "everyone at Metro Ambulance"; a country
# or region is a market, not an anchor, and a name after "with" is what they deal with ("struggle with
# GST"), not where they are.
NAMED_PLACE = regex(
    rf"\b(?P<at>at|in|on|of|for|from|inside|within|across|throughout|around)\s+(?:the\s+)?"
    rf"(?:[a-z-]+\s+){{0,2}}?(?P<name>(?!(?:{PLACES})\b)[A-Z][\w'&.-]*(?:\s+[A-Z][\w'&.-]*){{0,3}})"
)
# A name after "in" is where a population is, whatever the place: "every dental clinic in Bavaria",
# "all SMEs in LATAM" are a market as much as "every dentist in Europe".
WHERE_THEY_ARE = frozenset(("in", "across", "throughout", "around"))
ORGANISATION_AFTER = regex(r"\s*([\w-]*)")
CORPORATE = regex(rf"{WORKPLACES}|{ORGANISATIONS}|group|ltd|limited|inc|plc|llc|gmbh|co|corp|\w+'s?|\w+s'")


def _organisation(word: str) -> bool:
    """Whether ``word`` names an organisation or a workplace, or owns one ("St Mary's")."""
    word = word.strip(".,")
    return any(
        CORPORATE.fullmatch(form) for form in (word, word + "s", word + "es", word[:-1] + "ies") if form
    )


def reach_of_their_work(prose: Prose, match: re.Match) -> bool:
    """Excuse a market's span that says how far a specific group's work reaches, not who they are:
    "intake staff at a shelter in Regina who phone around for beds across the region", "account
    managers in our London office serving retailers across the UK"."""
    window = max(0, match.start() - CLAUSE)
    relative = list(re.finditer(r"\b(?:who|that|which|[a-z]{3,}ing)\b", prose.lower[window : match.start()]))
    if not relative:
        return False
    start = window + relative[-1].start()
    return bool(SPECIFIC.search(prose.lower, window, start) or NAMED_PLACE.search(prose.plain, window, start))


def anchored_or_reach(prose: Prose, match: re.Match) -> bool:
    """Excuse a market's words anchored to a specific group (see anchored and reach_of_their_work)."""
    return anchored(prose, match) or reach_of_their_work(prose, match)


# A category of organisations where they are, and at most what they lack, is a market still:
# "independent pharmacies in Bavaria", "SMEs across Andalusia without access to bank credit".
IN_A_PLACE = (
    r"\s+(?:in|across|throughout|around)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?[\w'-]+"
    r"(?:,?\s+(?:without|lacking|with no|(?:that|which|who) (?:lack|don't have|do not have|have no|can't get|"
    r"cannot get))\b[^,;.]{0,60})?\.?$"
)
