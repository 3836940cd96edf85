"""The jobs a problem names: the verbs that start its clauses and the kind of work each does, or
the processes it lists. One kind of work is one job; getting the input and handing the result on
are part of the job they serve."""

from __future__ import annotations

import re
from functools import lru_cache

from playbook.analysis.judgement.breadth import PRODUCT
from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.text import Prose, prose_of
from playbook.analysis.judgement.verbs import (
    ANOTHER_JOB,
    COMPOUND_HEAD,
    CONDITION,
    HANDED_ON,
    IRREGULAR_PARTICIPLES,
    KIND_OF,
    KINDS,
    LEAD_WORDS,
    MAKING_ONE_THING,
    NO_OBJECT,
    NOT_VERBS,
    OFFERED,
    OPTIONS,
    OTHER_WORK,
    PHRASAL,
    PLAIN_IN_ED,
    PLURALS,
    PREFIXED,
    SAME_AS_PARTICIPLE,
    SAYS_A_RESULT,
    TIME_OBJECT,
    writing_a_message,
)
from playbook.analysis.judgement.words import one_of
from playbook.lazyregex import regex

# What a clause can start after: a comma or a conjunction, a modal, and a word that leads into a verb.
CLAUSE_JOINS = one_of(
    """and, or, then, plus, also, while, alongside, as well as, and also, and then, before, after,
    along with, together with, followed by, as well, right through to, through to, tool, ai, we, must,
    should, will, would, can, could"""
)
LEADS_IN = "(?:then|also|finally|automatically|auto|potentially|initially|just)"
STARTS = regex(bounded(rf"(?:[,;:/+&]\s*|\b{CLAUSE_JOINS}\s+)(?:{LEADS_IN}\s+)?$"))
CLAUSE_START = regex(STARTS.pattern.removesuffix("$"))
OBJECT_START = regex(
    r"^\s+(?:the|a|an|each|every|all|any|our|their|its|them|it|new|incoming|outgoing|open|overdue|"
    r"\w+s\b|\w+)"
)
DETERMINER = regex(
    r"\s+(?:(?:the|a|an|our|their|its|his|her|each|every|all|any|them|it|this|these|those)\b|"
    r"[\w-]+(?:'s|s')(?=\s))"
)
FIRST_OBJECT = regex(r"\s+(?:[\w-]+\s+)?[\w-]+[^s\W]s\b")  # "Diagnose broadband faults"


def jobs(prose: Prose) -> list[tuple[str, str, bool]]:
    """Return ``(verb, kind, own object)`` for each verb that starts a clause of the problem: a
    verb of the lexicon, or any word that starts a clause and takes an object ("set our bidding
    strategy", "place the day-ahead bids"), whose kind is then itself."""
    return list(_jobs(prose.text))


@lru_cache(maxsize=8192)
def _jobs(text: str) -> tuple[tuple[str, str, bool], ...]:
    prose = prose_of(text)
    found = []
    words = prose.words
    starts = {match.end() for match in CLAUSE_START.finditer(prose.lower)}  # where a clause can begin
    verbs = LEADING_LIST.match(prose.lower)  # "Write, test and deploy …": a list of verbs opens the problem
    after_verbs = verbs.end() if verbs and verbs.group().split(",")[0].strip() in KIND_OF else -1
    for word in words:  # … and after the words that lead into the first verb: "Potentially support …"
        starts.add(word.start)
        if word.lower.strip(",") not in LEAD_WORDS:
            break
    asides = [match.span() for match in ASIDE.finditer(prose.lower)]
    asides += [(match.start(1), match.end()) for match in OPTIONS.finditer(prose.lower)]
    asides += [(match.start(), _end_of_phrase(match)) for match in WITH_PHRASE.finditer(prose.lower)]
    asides += [match.span(1) for match in EXTRACTED_FIELDS.finditer(prose.lower)]
    for index, word in enumerate(words):
        if word.start not in starts or any(start < word.start < end for start, end in asides):
            continue  # not where a clause starts, in brackets ("(refurb / scrap / RTV)"), or an option
        lower = word.lower.strip(".,;:")
        if (len(lower) < 3 and lower != "do") or not lower.isalpha() and "-" not in lower:
            continue
        following = words[index + 1].lower.strip(".,;:") if index + 1 < len(words) else ""
        kind = PHRASAL.get(f"{lower} {following}") or _kind_of(lower)
        takes_object = DETERMINER.match(prose.lower, word.end) or (
            index == 0 and FIRST_OBJECT.match(prose.lower, word.end)
        )
        if (
            kind is None
            and takes_object
            and lower not in NOT_VERBS
            and not word.named
            and not _participle(lower)
        ):
            kind = lower  # a word of no known kind that takes an object: a job of its own
        if kind is None or _noun_use(prose, word.end) or _in_noun_list(prose, word, after_verbs):
            continue
        if lower not in KIND_OF and _ends_a_list_of_nouns(prose, word):
            continue  # "flag mismatched dates or routes before…": a verb takes an object, a noun ends a list
        if lower.endswith("ing") and _how_it_is_done(prose, word.start):
            continue  # "…, keeping placeholders and enforcing the limit": how the job is done
        if CONDITION.search(prose.lower, max(0, word.start - 80), word.start):
            continue  # "… before a shift would breach the rest rule": when the job is done, not another job
        if _said_of_the_items(prose, word):
            continue  # "…, flagging any that will breach the deadline": what the items would do
        if found and _fallback(prose, word):
            continue  # "…, and route it to a human if nothing matches": the job's other outcome
        if (
            lower in SAME_AS_PARTICIPLE
            and TIME_OBJECT.match(prose.lower, word.end)
            and re.search(r",\s*$", prose.lower[max(0, word.start - 4) : word.start])
        ):
            continue  # "…, run the week a review is booked": when the job is done
        after = prose.lower[word.end : word.end + 12]
        joined = bool(re.match(r"^\s*(?:,|and\b|&|or\b|/)\s*", after)) and index + 1 < len(words)
        found.append((word.text, kind, not joined))
    return tuple(found)


AFTER_A_COMMA = regex(bounded(r",\s*$"))
JOINED = regex(bounded(r"(?:,|\band|\bor)\s*$"))
PARTICIPLE_AFTER_A_COMMA = regex(bounded(r",\s{0,3}[\w-]{1,40}ing\b"))


def _how_it_is_done(prose: Prose, start: int) -> bool:
    """Whether the participle at ``start`` follows a comma, or joins a participle that does."""
    before = prose.lower[max(0, start - 5) : start]
    return bool(
        AFTER_A_COMMA.search(before)
        or (JOINED.search(before) and PARTICIPLE_AFTER_A_COMMA.search(prose.lower, 0, start))
    )


def _kind_of(word: str) -> str | None:
    """Return the kind of work ``word`` does in any of its forms ("fills", "filling", "pre-fill")."""
    stem = PREFIXED.sub("", word)
    forms = (word, stem, word.removesuffix("s"), word.removesuffix("ing"), word.removesuffix("ing") + "e")
    return next((KIND_OF[form] for form in forms if form in KIND_OF), None)


# What is extracted, up to where it comes from or goes, is the item's fields, not clauses: "pull the
# gross wage, tax code and pay date out of each slip" names three fields of one slip.
EXTRACTED_FIELDS = regex(
    bounded(
        r"\b(?:extract|extracts|extracting|capture|captures|capturing|pull|pulls|pulling|key|keys|keying)"
        r"(\s[^;.:()]{1,100}?)\s(?:from|into|onto|out of|off)\b"
    )
)
# What is in brackets is an aside: options, examples or a gloss, not the job's clauses.
ASIDE = regex(r"\([^()]{0,200}\)")


# A phrase with "with" that names a thing qualifies the job's item or result, up to the next clause:
# "flag any claim …, with the matrix line it should match"; "negotiate them with the customer and chase…".
WITH_PHRASE = regex(bounded(r"(?<![\w-])with\s+(?:the|a|an|its|their|each|any)\s+[^,;:.()]{0,120}"))
PHRASE_ENDS = regex(bounded(r"\s(?:and|or|then|plus)\s"))


def _end_of_phrase(match: re.Match) -> int:
    """Return where the phrase ``match`` found ends: before the conjunction that starts a clause."""
    end = PHRASE_ENDS.search(match.group())
    return match.start() + end.start() if end else match.end()


def _ends_a_list_of_nouns(prose: Prose, word) -> bool:
    """Whether ``word`` is a plural after a plural that is no verb, with no object (see PLURALS)."""
    plural = PLURALS.search(prose.lower, max(0, word.start - 40), word.end)
    return bool(plural and plural.group(1) not in KIND_OF and NO_OBJECT.match(prose.lower, word.end))


# A clause that says what to do when the job cannot be done is the job's other outcome: "…, and
# offer a rebook slot if not", "…; route to a human if nothing matches", "otherwise escalate".
UNSURE = one_of(
    r"""not, none, nothing, no \w+, unsure, uncertain, in doubt, unclear, ambiguous, low[- ]confidence,
    there is no \w+, there's no \w+, (?:it|they|the \w+) (?:can't|cannot|doesn't|don't|isn't|aren't|fails?),
    (?:it|they|the \w+|an? \w+) (?:is|are) (?:missing|absent|unclear|illegible|blank|unreadable|incomplete)"""
)
FALLBACK_AFTER = regex(bounded(rf"[^,;.]{{0,60}}?\b(?:if|when|where|unless) {UNSURE}\b"))
FALLBACK_BEFORE = regex(rf"\b(?:otherwise|else|failing that|if not|if {UNSURE}),?\s*(?:[\w-]+\s+)?$")


def _fallback(prose: Prose, word) -> bool:
    """Whether the clause ``word`` starts is what to do when the job cannot be done."""
    return bool(
        FALLBACK_AFTER.match(prose.lower, word.end)
        or FALLBACK_BEFORE.search(prose.lower[max(0, word.start - 40) : word.start])
    )


def _participle(word: str) -> bool:
    """Whether ``word`` is a past participle, which describes ("…, refreshed each morning",
    "updated hourly") where a job is said with a verb's plain form."""
    return (word.endswith("ed") and word not in PLAIN_IN_ED) or word in IRREGULAR_PARTICIPLES


# A modal in a relative clause says what the items it is said of would do, not a job of the problem
# ("flagging any that will breach the deadline"), unless what it is said of is the product doing
# the work ("a tool that will triage, answer and bill every ticket").
RELATIVE_MODAL = regex(
    bounded(
        r"(?<![\w'-])([\w'-]+)\s+(?:that|which|who|whose)\s+(?:(?:ones?|of them|[\w'-]+ly)\s+)?"
        r"(?:would|will|could|can|might|may|must|should|shall)\s+"
        r"(?:(?:not|be|about to|going to|likely to)\s+)?$"
    )
)
DOES_THE_WORK = regex(rf"(?:{PRODUCT}|ai|model|system|service|something|one|we|it)s?")


def _said_of_the_items(prose: Prose, word) -> bool:
    """Whether ``word`` follows a modal in a relative clause on the items (see RELATIVE_MODAL)."""
    relative = RELATIVE_MODAL.search(prose.lower, max(0, word.start - 60), word.start)
    return relative is not None and not DOES_THE_WORK.fullmatch(relative.group(1))


def _in_noun_list(prose: Prose, word, after_verbs: int) -> bool:
    """Whether ``word`` ends a list of modifiers rather than starting a clause: in "fill the
    next-step, competitor and budget fields" the item before "and" is one word that is no verb.
    ``after_verbs`` is where the last verb of a list of verbs that opens the problem starts, or -1."""
    if LISTED_AFTER.search(prose.lower, max(0, word.start - 60), word.start) and not DETERMINER.match(
        prose.lower, word.end
    ):
        return True  # "… with unit number, issue and urgency": the fields a list after "with" names
    item = NOUN_LIST_ITEM.search(prose.lower, max(0, word.start - 60), word.start)
    if item is None:
        return False
    previous = item.group(1)
    if word.start == after_verbs:
        return False  # "Write, test and deploy …": the last of a list of verbs
    return (
        previous not in KIND_OF
        and previous.removesuffix("s") not in KIND_OF
        and not prose.lower.startswith(previous)
    )


# A list that a preposition opens names things, not clauses: "with unit number, issue and urgency".
LISTED_AFTER = regex(
    bounded(
        r"\b(?:with|including|incl\.?|such as|like|listing|covering|:)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+\s*,\s*$"
    )
)
NOUN_LIST_ITEM = regex(
    r"(?:^|,|;|\band\b|\bor\b|&)\s*([\w'-]+)\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)$"
)
# A list of single words that opens the problem, up to its last item: "Write, test and ".
LEADING_LIST = regex(bounded(r"(?:[\w'-]+\s*,\s*)+[\w'-]+\s*(?:,\s*)?(?:and|or|&)\s*"))


def _noun_use(prose: Prose, end: int) -> bool:
    """Whether the word just read is a noun after all ("code review", "invoice capture",
    "check-in"): followed by a process noun, 'of', a copula or the end, with no object."""
    rest = prose.lower[end : end + 24]
    if re.match(r"(?:-in\b|-out\b|-up\b|\s+(?:of|is|are|was|were|has|have)\b|\s*$)", rest):
        return True
    following = re.match(r"\s+([\w-]+)", rest)
    return bool(following and COMPOUND_HEAD.fullmatch(following.group(1)))


def bundled_jobs(prose: Prose) -> str:
    """Return the verbs of two or more kinds of work, or ""; a step verb counts as a job of its
    own only when it leads the problem with an object of its own ("post vacancies … and
    interview candidates"), never when it joins another verb ("find and group", "send it")."""
    kinds: list[str] = []
    verbs: list[str] = []
    found = jobs(prose)
    if len(found) > 1 and (_steps_of_one_job(prose) or _offered_for_confirmation(prose, found)):
        return ""
    later = {kind for _, kind, _ in found[1:]}
    # Getting the input leads into the job that uses it ("read the entries and key the text"), unless
    # what follows is other work: acting, deciding, planning, many clauses, or "and also".
    input_is_a_job = (
        len([job for job in found if job[1] != "step"]) >= 3  # saying the result is no clause of work
        or bool(later & OTHER_WORK)
        or bool(ANOTHER_JOB.search(prose.lower))
        or _a_job_after_a_semicolon(prose)
        or (bool(later) and not later <= MAKING_ONE_THING)
    )
    handed_on = {match.group(1) for match in HANDED_ON.finditer(prose.lower)} if len(found) > 1 else set()
    messages = writing_a_message(prose.lower) if len(found) > 1 else set()
    for position, (verb, kind, own_object) in enumerate(found):
        if kind == "input" and position == 0 and own_object and input_is_a_job:
            kind = "find"
        elif kind == "input" or (kind == "step" and not (position == 0 and own_object)):
            continue
        if position and verb.lower() in handed_on and kind not in ("money", "people", "plan"):
            continue  # "…and route it to the right rep": the same item, handed on
        if position and verb.lower() in OFFERED:
            continue  # "match each form … and propose the missing postcode": the verdict, offered
        if (
            position
            and kind in ("write", verb.lower())
            and verb.lower() in messages
            and set(kinds) <= SAYS_A_RESULT
        ):
            continue  # "check each order … and draft a note to the buyer": the message that says the result
        kind = (
            "publish" if kind == "step" else verb.lower() if kind == "run" else kind
        )  # generic verbs: each its own
        if kind not in kinds:
            kinds.append(kind)
            verbs.append(verb)
    return " … ".join(verbs) if len(kinds) >= 2 else ""


# A problem that ends by handing its result to a person to confirm makes one result: "…, fill in the
# refund form and leave it for a supervisor to sign off", "…, pick the reply and queue it for approval".
FOR_CONFIRMATION = regex(
    bounded(
        r"\bfor\s+(?:[\w'-]+\s+){0,3}?(?:(?:to\s+)?(?:confirm|approve|check|review|sign off|sign-off|sign)|"
        r"approval|review|sign-off|confirmation|checking)\b[^,;]{0,40}$"
    )
)


def _offered_for_confirmation(prose: Prose, found: list[tuple[str, str, bool]]) -> bool:
    """Whether the problem's jobs all make one thing (read, match, sort, judge, write) and its end
    hands the result to a person to confirm: one item's work, however many verbs it takes."""
    return {kind for _, kind, _ in found} <= MAKING_ONE_THING and bool(FOR_CONFIRMATION.search(prose.lower))


SEMICOLON_CLAUSE = regex(bounded(r";\s*(?:(?:then|also|and)\s+)?([a-z][\w-]*)(?:\s+([a-z][\w-]*))?"))


def _a_job_after_a_semicolon(prose: Prose) -> bool:
    """Whether a clause after a semicolon starts with a verb of work ("…; route to a human if…"),
    where a remark on what becomes of the rest ("…; blank fields get flagged") adds no job."""
    for match in SEMICOLON_CLAUSE.finditer(prose.lower):
        word = match.group(1)
        kinds = {KIND_OF.get(form) for form in (word, word.removesuffix("s"), word.removesuffix("ing"))}
        if f"{word} {match.group(2)}" in PHRASAL or kinds - {None, "step", "input"}:
            return True
    return False


def _steps_of_one_job(prose: Prose) -> bool:
    """Whether the problem names one job that makes one thing, then after a colon its steps:
    "Assemble the pack for each dispute: pull proof of delivery, match to transaction, draft the
    letter". A job of running something ("Sort out council tax: answer…, chase arrears") or steps
    of other work (paying, planning, acting) stay several jobs."""
    head, colon, tail = prose.text.partition(":")
    if not colon:
        return False
    first, steps = jobs(prose_of(head)), jobs(prose_of(tail))
    return (
        len(first) == 1
        and first[0][2]
        and first[0][1] not in OTHER_WORK
        and bool(steps)
        and {kind for _, kind, _ in steps} <= MAKING_ONE_THING
    )


def domain(prose: Prose) -> str:
    """Return the problem when it is a domain rather than a job: a few words, no verb, nothing it
    is done to ("Commercial underwriting", "Guest experience"), else ""."""
    if len(prose.lower.split(None, DOMAIN_WORDS)) > DOMAIN_WORDS:
        return ""  # longer than four words and where they apply: not a domain, and no need to read it
    core = WHERE.sub("", prose.lower)
    if (
        len(core.split()) <= 4
        and not [job for job in jobs(Prose(core)) if job[1] in KINDS]
        and not re.search(r"\b(?:from|off|in|on|into|out of|per|at|within|to|for|of|by)\b", core)
    ):
        return prose.text
    return ""


# Where a domain is worked on ("… for the whole business"): not part of what it is.
WHERE = regex(
    bounded(
        r"(?<!\s)\s+(?:for|in|across|at|within|of)\s+(?:the\s+|our\s+|a\s+|an\s+|all\s+)?(?:[\w'-]+\s+){0,3}?"
        r"(?:business|company|companies|team|teams|firm|league|organi[sz]ation|group|department|office|"
        r"practice|clinic|hospital|school|store|fleet|estate|network|charity|council|trust|brand|"
        r"portfolio|agency|club)\.?$"
    )
)
DOMAIN_WORDS = 4 + 6  # a domain's four words, and where: a preposition, "the", three words, the place
