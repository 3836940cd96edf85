"""The modal verbs of a sufferer ("would", "could", "might", "'ll"…): which say a guess about the
future, the heart of PB101, and which are part of a loss today ("hours they could otherwise
spend on patients", "they will miss the filing deadline"); and the passing remark about someone
else ("…; the Bristol team would follow later"), which is no guess about the sufferer."""

from __future__ import annotations

import re

from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.text import CLAUSE, Prose, prose_of
from playbook.analysis.judgement.words import ADVERBS, PLACES, either, one_of, phrases
from playbook.lazyregex import regex

# A modal takes a bare verb, never one ending in a single -s: "probate documents and will extracts" is
# a kind of document, the noun "will"; adverbs ending in -s ("will always") are no nouns.
A_PLURAL = (
    r"(?!(?:always|perhaps|sometimes|thus|nevertheless|nonetheless|afterwards|besides|this|its|his|us|as)\b)"
    r"[a-z]+(?<![sui'])s\b"
)
# The modal and up to three words after it, to quote: "would use an assistant".
MODAL = regex(
    either(
        r"(?<![\w-])(?P<modal>would|could|might|will(?!\s+" + A_PLURAL + r")|shall)(?![\w-])",
        r"(?<=\w)(?P<short>'(?:d|ll))\b",
        r"(?<![\w-])(?P<may>may)(?![\w-])(?=\s+(?:\w+ly\s+)?[a-z])",  # "may" the verb, not the month
    )
    + r"(?:\s+[a-z][\w'-]*){0,3}"
)
NOT_A_MODAL = regex(r"\b(?:in|of|since|until|by|from|early|late|mid|end of|the|this|last|next)\s+$")

# What a modal says when it is a loss today. Next to it: "could otherwise", "would have closed".
PARTICIPLES = one_of(
    r"""been, \w+ed, \w+en, made, won, sold, caught, sent, spent, got, kept, met, paid, put, done, seen,
    taken, given, written, brought, bought, built, found, held, lost, read, run, said, told, left,
    closed"""
)
COUNTERFACTUAL_NEXT = regex(
    r"^\s*(?:,\s*)?"
    + either(
        *"otherwise rather instead normally usually not never n't".split(),
        "no longer",
        *"only already still each every typically".split(),
        "(?:have|had) " + PARTICIPLES,
    )
    + r"\b"
)
COUNTERFACTUAL_LATER = regex(r"\b(?:but|yet|whereas|instead|than)\b")
# The loss itself after the modal: "they will miss the filing deadline", "would be fined".
LOSS_VERBS = either(
    "miss",
    "misses",
    "lose",
    "loses",
    "pay (?:a |the )?"
    + one_of("fine, penalt, late, interest, another, twice, again, extra, more, over, for nothing, out"),
    *"fail fails breach incur face churn default lapse expire renew overrun slip go".split(),
    "get " + one_of("fined, audited, sued, penalised, penalized, flagged, rejected, escalated"),
    "be "
    + one_of(
        """fined, late, rejected, audited, sued, penalised, penalized, charged, billed, hit, left, stuck,
        blocked, locked, turned, wrong"""
    ),
    *"take cost sit wait bounce stall trigger".split(),
)
# What the modal's clause says is missed or lost today makes the modal part of a loss today: "could
# be enrolling 5 more patients a month that it currently misses", "orders we might win but lose now";
# and so does time or money it says goes elsewhere today: "could be spending the hours they now spend
# on rotas with patients", the hours the loss.
MISSED_TODAY = regex(
    r"\b(?:currently|today|now|at present|at the moment|right now)\s+(?:\w+\s+)?"
    r"(?:miss(?:es)?|los(?:e|es|ing)|turns? away|forgo(?:es)?|forfeits?|misses out on|"
    r"spend|spends|use|uses|sink|sinks|burn|burns|waste|wastes|put|puts|give|gives|go|goes)\b|"
    r"\b(?:miss(?:es|ed)?|los(?:e|es|t|ing)|turns? away|turned away)\s+(?:\w+\s+){0,2}?"
    r"(?:today|currently|now|at present)\b"
)
# A hedge between the modal and the loss makes the loss a guess: "they would likely lose time on
# ineligible claims", where a loss today is said plainly ("they will miss the filing deadline").
HEDGED = regex(
    r"^\s*(?:,\s*)?(?:likely|probably|possibly|perhaps|maybe|potentially|conceivably|presumably|eventually)\b"
)
UNLESS_NOT = regex(
    r"\bif (?:\w+ ){0,4}?"
    + one_of(
        """weren't, wasn't, didn't, hadn't, did not, were not, was not, had not, couldn't, could not,
        didn't have to"""
    )
    + r"\b"
)
# What a loss is counted in, before the modal: "hours they could otherwise spend", "chats they
# might have closed".
LOST = one_of(
    """time, hours?, days?, minutes?, weeks?, mornings?, afternoons?, evenings?, weekends?, money,
    revenue, fees?, budget, capacity, attention, energy, calls?, chats?, deals?, patients?, cases?,
    work, effort, sleep, shifts?, visits?, appointments?, tickets?, rooms?, orders?, renewals?, care,
    claims?, jobs?, loads?, sessions?, lessons?, bookings?, seats?, covers?, spots?"""
)
# Who would have spent it is a noun phrase of any few words, with no preposition or verb of its
# own: "time the ward nurses could spend", "hours that our two night-shift clerks could use";
# "patients in the valley could switch" is a guess about patients.
SUBJECT_WORD = (
    r"(?!(?:who|that|which|and|or|in|on|at|of|for|from|with|across|to|by|are|is|was|were)\b)[\w'-]+\s+"
)
LOSS_OBJECT = regex(
    rf"\b{LOST}\s+"
    + either(rf"(?:that|which)\s+(?:{SUBJECT_WORD}){{0,4}}", rf"(?:{SUBJECT_WORD}){{1,4}}")
    + "$"
)
# A relative clause on what is lost, a few words on: "2 hours a day per clerk that they could be
# spending on admissions" says what the lost hours would buy, a loss today.
ON_WHAT_IS_LOST = regex(rf"\b{LOST}\s+(?:[\w'-]+\s+){{0,5}}?(?:that|which)\s+(?:(?!who\b)[\w'-]+\s+){{0,3}}$")
# A loss placed in the future is a guess about it: "could lose bed capacity down the line".
LATER = regex(
    r"\b"
    + either(
        "down the (?:line|road|track)",
        *phrases("eventually, one day, some ?day, in (?:the )?future"),
        "in the (?:long|medium) (?:run|term)",
        "in (?:a few|the coming|coming|some) (?:years|months)",
        *phrases("in years to come, sooner or later, at some point"),
        "next (?:year|quarter|season|decade)",
        r"over the (?:next|coming) \w+",
    )
    + r"\b"
)
# A condition before the modal: "if a renewal slips, they would pay again"; not a wish to buy
# ("if we had an assistant, they would…").
# A condition supposed after the loss makes it a guess about a case that is not today's: "would lose
# time if they had to keep doing them by hand", "if it were to grow".
SUPPOSED = regex(bounded(r"\bif (?:\w+ ){0,3}?(?:had to|were to|was to|needed to|ever)\b"))
# "Might" or "may" before the loss hedges it: "clients who might churn if reports keep arriving late".
CONDITION = regex(
    r"\b(?:if|unless|when|whenever|or|without|absent|but for|otherwise)\s+"
    r"(?!(?:we|they|you|it) (?:had|have|used|adopted|bought|got|deployed|rolled out)\b)(?:\w+\s+){0,5}$"
)


def _modal_end(match: re.Match) -> int:
    return max(match.end(name) for name in ("modal", "short", "may"))


def present_loss(prose: Prose, match: re.Match) -> bool:
    """Excuse a modal that is part of a loss today: "hours they could otherwise spend on
    patients", "who could be quoting new business but are re-keying", "chats they might have
    closed", "they will miss the filing deadline", "if a renewal slips, they would pay again"."""
    if "may" in match.re.groupindex and match.group("may") and prose.plain[match.start("may")] == "M":
        return True  # the month
    end = _modal_end(match) if "modal" in match.re.groupindex else match.end()
    after = prose.lower[end : end + CLAUSE]
    start = match.start("short") if "short" in match.re.groupindex and match.group("short") else match.start()
    before = prose.lower[max(0, start - 60) : start]
    clause = re.split(r"[.;]", after, maxsplit=1)[0]
    if LATER.search(clause) or SUPPOSED.search(clause):
        return False  # "…down the line", "would lose time if they had to keep doing it": a guess
    modal = match.groupdict().get("modal") or match.groupdict().get("may")
    hedged = HEDGED.match(after) or modal in ("might", "may")
    return bool(
        MISSED_TODAY.search(clause)
        or COUNTERFACTUAL_NEXT.match(after)
        or (not hedged and re.match(rf"^\s*{ADVERBS}{LOSS_VERBS}\b", after))
        or UNLESS_NOT.search(clause)
        or (re.match(r"^\s*(?:be|have been)\b", after) and COUNTERFACTUAL_LATER.search(clause))
        or LOSS_OBJECT.search(before)
        or ON_WHAT_IS_LOST.search(before)
        or CONDITION.search(before)
    )


# A modal in a relative clause is a guess about whoever the clause is on when they would do
# something ("companies in the region that might outsource"), and part of the loss when it is
# on a thing that would be acted on ("meters that could be read remotely").
RELATIVE = regex(r"\b(?:that|which)\s+$")
ACTED_ON = regex(rf"\s*(?:\w+ly\s+)?(?:be|have been|get|got)\s+(?:\w+ly\s+)?{PARTICIPLES}\b")


def present_loss_or_acted_on(prose: Prose, match: re.Match) -> bool:
    """Excuse a present loss (see present_loss), and a modal in a relative clause on a thing that
    would be acted on, not on someone who would act: "meters that could be read remotely"."""
    if present_loss(prose, match):
        return True
    start = match.start("modal") if match.group("modal") else match.start()
    return bool(
        RELATIVE.search(prose.lower, max(0, start - 12), start)
        and ACTED_ON.match(prose.lower, _modal_end(match))
    )


def counterfactual(prose: Prose, match: re.Match) -> bool:
    """Excuse "fees they would otherwise earn", "what they would have billed": a loss today."""
    return bool(re.search(r"\b(?:otherwise|instead|have|normally|usually|rather)\b", match.group()))


# A later clause whose subject is someone other than the sufferer, saying what they might do:
# "…; commercial might use it later for claims", "…, and yes, ground ops have said they might want
# it one day". A pronoun ("; they would use it") or a quantifier ("; most would") is the sufferer
# still, and so is a relative clause ("…, and the planners who would use it").
ASIDE_START = r"(?:[;(]|\.\s|\s[-—]\s|(?P<joined>,\s*(?:and|but|while|though|although|whereas)\b))\s*"
ASIDE_OPENER = r"(?:(?:yes|also|incidentally|admittedly|later|eventually|in time)\b\s*,?\s*)?"
THE_SUFFERER_STILL = (
    r"(?!(?:they|we|you|he|she|these|those|them|it|who|which|that|each|all|both|most|many|some|any|"
    r"everyone|everybody|anyone|anybody|people|users|customers)\b)"
)
ASIDE_SUBJECT = r"(?:(?!(?:who|which|that)\b)[\w&'-]+\s+){0,7}?(?!(?:who|which|that)\b)[\w&'-]+\s*"
ASIDE_GUESS = either(
    r"(?:would|could|might|may|will|shall)\b",
    r"'(?:ll|d)\b",
    r"(?:is|are) (?:likely|going|set|keen|planning|expected) to\b",
)
# A guess in brackets with no subject of its own is a remark on the group named before it, how it may
# change, not who suffers: "The six handlers on the total-loss desk (may grow to eight after the merger)".
BRACKETED_GUESS = (
    r"\(\s*" + ASIDE_OPENER + r"(?:(?:\w+ly|still|also|probably|possibly|perhaps|maybe)\s+)?" + ASIDE_GUESS
)
ASIDE = regex(
    bounded(
        either(ASIDE_START + ASIDE_OPENER + THE_SUFFERER_STILL + ASIDE_SUBJECT + ASIDE_GUESS, BRACKETED_GUESS)
    )
)
ACRONYM = regex(bounded(r"\b[A-Z]{2,}\b"))
# What makes the words before ", and …" a sufferer of their own, not the first items of a list of them.
OWN_CLAUSE = regex(r"\d|\b(?:who|that|at|in|on|of|for|with|from|our|my)\b")


# A relative clause after a comma saying what they would do remarks on a group already made
# specific, whatever the guess ("The four grant officers at Northfield Community Trust, who would be
# the first to try any tool", "the booking desk at our Hull depot, who'd pilot it"); without the comma
# it says who they are ("officers who would try any tool"), and after a group not yet specific
# ("Dental practices, which would…") it is a guess. So does one in brackets: "Route planners at the
# Leeds depot (the ones who'd pilot this)". A clause that does not guess is judged like the rest.
RELATIVE_GUESS = r"(?:who|which|that)(?:'(?:d|ll)\b|\s+(?:[\w'-]+\s+){0,3}?" + ASIDE_GUESS + ")"
REMARK = regex(bounded(r",\s*" + RELATIVE_GUESS))
BRACKETED_REMARK = regex(
    bounded(r"\(\s*(?:(?:the ones|those|the people|the ones that)\s+)?" + RELATIVE_GUESS)
)
A_FEW = regex(
    r"(?<![\w,.])(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)"
    r"(?![\w,.])|\bftes?\b|\bfull[- ]time\b"
)
A_PLACE = regex(PLACES)
OWNED = regex(r"\b(?:our|my)\b")


def sufferers_clause(prose: Prose) -> Prose:
    """Return the part of ``who`` that names the sufferer: all of it, or what comes before a
    passing remark about someone else or about a group already named, which is no guess about the
    sufferer."""
    # A word in capitals is a name, never a pronoun: in "…; IT may reuse it later", IT is a team.
    aside = ASIDE.search(ACRONYM.sub(lambda match: "x" * len(match.group()), prose.plain).lower())
    bracketed = BRACKETED_REMARK.search(prose.lower)
    if bracketed is not None and _specific(prose, bracketed.start()):
        close = prose.text.find(")", bracketed.end())
        rest = prose.text[close + 1 :] if close >= 0 else ""
        return sufferers_clause(prose_of(prose.text[: bracketed.start()].rstrip() + rest))
    if aside is None:
        remark = REMARK.search(prose.lower)
        if remark is not None and _specific(prose, remark.start()):
            return prose_of(prose.text[: remark.start()])
        return prose
    if aside.group("joined") and not OWN_CLAUSE.search(prose.lower, 0, aside.start()):
        return prose  # ", and drivers would …" after a bare list is the list's last item, no aside
    return prose_of(prose.text[: aside.start()])


def _specific(prose: Prose, end: int) -> bool:
    """Whether the words before ``end`` make a group specific: ours, counted (a few, or in FTE), one
    team, at a workplace ("at the dispatch office") or at a named organisation ("at Hallam Foods")."""
    named = any(word.named and not A_PLACE.fullmatch(word.text) for word in prose.words_in(0, end))
    one_team = ONE_TEAM.match(prose.lower)
    return bool(
        named
        or OWNED.search(prose.lower, 0, end)
        or A_FEW.search(prose.lower, 0, end)
        or (one_team is not None and one_team.end() <= end)
        or AT_A_WORKPLACE.search(prose.lower, 0, end)
    )


# One team is as particular as a few people counted: "The customs entry team at our Felixstowe office".
ONE_TEAM = regex(
    r"(?:the|our)\s+(?:[\w'-]+\s+){0,3}?(?:team|desk|unit|crew|squad|section|office|department|ward|shift)\b"
)
AT_A_WORKPLACE = regex(
    r"\b(?:on|in|at)\s+(?:the|our)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:team|desk|unit|office|department|ward|shift|depot|site|branch|clinic|plant|warehouse|yard|lab)\b"
)
