"""The team's own work in ``measured_on``: a counted sample of it, said outright ("500 of our own
call notes") or to be inferred from where it came from or what it was scored against ("1,000
closed alerts from H2, with the analyst narratives as reference"); a measurement on its own data;
who ran a test; and what each of them outweighs among PB201's findings (``evaluation.py``)."""

from __future__ import annotations

import re
from bisect import bisect_left

from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.quantities import ANY_NUMBER_WORD, IDENTIFIERS
from playbook.analysis.judgement.text import Prose
from playbook.analysis.judgement.words import either, one_of
from playbook.lazyregex import regex

# A measurement on the team's own data, as the text states it: "320 of our own invoices", "on
# 400 real chat transcripts", "with our pilot partner".
OWN_WORDS = "(?:our own|our|real|actual|live|production|internal|genuine)"
NOT_DATA = one_of(
    """tenant, environment, system, instance, account, platform, sandbox, office, stack, cloud, servers?,
    infrastructure, vpc, network, building, console, setup, workspace, org"""
)  # "in our own tenant": where it ran, not what it ran on
# "Internal" or "own" said of someone else's is theirs: "the vendor's internal benchmark".
THEIRS = r"(?:their|its|his|her)\b|(?:vendor|supplier|provider|seller|maker|lab|developer)'?s?'?\s"
OWN_DATA = regex(
    bounded(
        r"\b\d[\d,]*\s+(?:of\s+)?(?:our|our own|real|actual|live|production|internal|genuine|recent)\b|"
        r"\b(?:on|from|against|using|with|across|in)\s+"
        rf"(?:(?!{THEIRS})[\w'-]+\s+){{0,2}}?{OWN_WORDS}\s+(?!{NOT_DATA}\b)[\w-]+|"
        r"\b(?:design|pilot|launch|beta|development) "
        r"(?:partner|customer|client|site|practice|hospital|clinic|school|depot|store)s?\b"
    )
)
# Who ran the test, which says nothing of what it ran on: "we ran MMLU ourselves", "in-house".
OWN_HANDS = regex(
    r"\bourselves\b|\bin-house\b|"
    r"\bwe (?:measured|tested|scored|evaluated|ran|checked|graded|benchmarked) "
    r"(?:it |the model |them )?(?:on|against|with|across)\b"
)
SETS_ASIDE = regex(
    r"\b"
    + one_of(
        r"""but, however, though, although, yet, instead, set aside, dropped, skipped, ignored, ignoring,
        whatever, regardless, rather than, not, unlike, similar, in style, -style, versus, vs\.?, compared,
        beat, beats, while, whereas, then, before, after, so, than, format as, same format, formatted like,
        looked, seemed, rosier, only as, just as, as a, for comparison, as a baseline, at first, first,
        aside"""
    )
    + r"\b|;"
)
NEGATED_OWN = regex(
    r"\b"
    + one_of(
        """not, never, no, rather than, instead of, without, unlike, though, although, until, before, once,
        haven't, hasn't, hadn't, didn't, don't, doesn't, won't, yet to, not yet, plan to, planning to, will,
        going to, hope to, want to, intend to, scheduled, planned, budget to, time to"""
    )
    + r"\s+(?:[\w']+\s+){0,7}$"
)  # within one clause: a dash or a comma ends it
WEAK = frozenset({"vendor-claim", "second-hand", "playground", "model-card"})
NOT_MEASURED = frozenset({"impression", "playground", "generated-set"})  # how it was looked at, not where
COUNT = rf"(?:\d[\d,]*|{ANY_NUMBER_WORD})"
# A counted sample of the team's own work: "500 of our own FNOL call notes", "Eighty reference packs
# from our own files", "200 real vendor contracts".
SAMPLE = regex(
    bounded(
        rf"\b{COUNT}\s+"
        r"(?:(?:real|actual|live|production|genuine)\s|(?:[\w'-]+\s+){0,3}?"
        r"(?:of|from|in|out of|pulled from|drawn from|taken from)\s+(?:our|real|actual|live|production)\s)"
    )
)
# Or a counted sample that says where in the team's own history it came from: a period ("1,000
# closed alerts from H2", "250 of last month's disputes") or someone's records ("320 press releases
# from the desk's inbox"); or what it was scored against: the team's own decisions ("scored against
# the handlers' decisions", "with the analyst narratives as reference", "what the clerks actually
# filed"). Public data does not come from a quarter of a team's work, nor is it scored against it.
MONTHS = one_of(
    """january, february, march, april, may, june, july, august, september, october, november, december,
    jan, feb, mar, apr, jun, jul, aug, sept?, oct, nov, dec"""
)
PERIOD = either(
    r"h[12]\b",
    r"q[1-4]\b",
    r"fy ?\d\d(?:\d\d)?\b",
    r"(?:19|20)\d\d\b",
    MONTHS + r"\b",
    r"(?:the )?(?:last|past|previous|this) (?:\w+ )?"
    r"(?:years?|quarters?|months?|weeks?|seasons?|terms?|cycles?|rounds?|winter|summer|spring|autumn|fall|peak)"
    r"(?:'s)?\b",
    r"(?:\w+ )?(?:days|weeks|months|years|quarters|seasons)\b",
)
FROM_A_TIME = regex(
    bounded(
        rf"^\s+(?:[\w'-]+\s+){{0,7}}?(?P<source>from|in|over|during|across|for|since|of)\s+(?:the\s+)?{PERIOD}"
    )
)
SOMEONE_ELSE = "(?:vendor|supplier|provider|seller|maker|lab|developer|competitor|rival|consultant|author)"
FROM_RECORDS = regex(
    bounded(
        r"^\s+(?:[\w'-]+\s+){0,7}?(?P<source>from|in|off|out of)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?"
        rf"(?!{SOMEONE_ELSE}(?:'s|s'))[\w-]+(?:'s|s')\s"
    )
)
# Or work our people did: "350 reconciliations our seniors had already signed off".
OURS_DONE = regex(
    bounded(
        r"^\s+(?:[\w'-]+\s+){0,4}?(?:(?:that|which)\s+)?(?P<source>our|we)\s+(?:[\w'-]+\s+){0,3}?"
        r"(?:\w+ed|signed off|done|written|sent|made|taken|built|run|paid|seen|kept|held|read|drawn|given)\b"
    )
)
NAMED = frozenset({"named-benchmark", "exam", "leaderboard"})  # what a sample can be made of
OUTCOMES = one_of(
    """decisions?, outcomes?, answers?, labels?, corrections?, coding, codes, verdicts?, judg(?:e)?ments?,
    assessments?, resolutions?, dispositions?, scores?, marks?, shortlisting, classifications?"""
)
SCORED_AGAINST_US = regex(
    bounded(
        r"\b(?:as|used as) (?:the )?(?:reference|ground truth|answer key|gold standard|labels?)\b|"
        r"\bactually\b|"
        r"\b(?:double-)?(?:marked|graded|scored|checked|labell?ed|reviewed|annotated|verified|coded|tagged) "
        r"by (?:our|us)\b|"
        r"\b(?:[\w-]+(?:'s|s'))\s+(?:own\s+|final\s+|actual\s+|original\s+|recorded\s+)*(?:[\w-]+\s+)?"
        rf"{OUTCOMES}\b"
    )
)
CLAUSE_END = regex(r"[;.](?:\s|$)")
CLAUSE = 160  # characters after a count read for where it came from: a clause, not the rest of the text
A_COUNT = regex(bounded(rf"(?<![\w-]){COUNT}(?![\w-])"))
# What sets a first impression aside before the sample the text rests on.
THEN = regex(r"\b(?:but|however|though|although|yet|instead|whereas|then|what counts|the real test)\b|;")


def own_samples(prose: Prose) -> list[tuple[int, int, int]]:
    """Return where the text counts a sample of the team's own work: where its number starts,
    where the words start that make it the team's own, and where they end. Said outright ("500 of
    our own call notes", see SAMPLE), those words are the source; inferred (FROM_A_TIME,
    FROM_RECORDS, OURS_DONE, SCORED_AGAINST_US), they start at the number, and nothing in its
    description may be another source ("the vendor's 50 sample contracts from 2023")."""
    lower = prose.lower
    spans = [(*match.span(), match.end()) for match in SAMPLE.finditer(lower)]
    for match in A_COUNT.finditer(lower):
        if re.search(
            rf"\b{SOMEONE_ELSE}(?:'s|s')\s+(?:[\w-]+\s+)?$", lower[max(0, match.start() - 30) : match.start()]
        ):
            continue
        end = CLAUSE_END.search(lower, match.end(), match.end() + CLAUSE)
        clause = lower[match.end() : end.start() if end else match.end() + CLAUSE]
        source = FROM_A_TIME.match(clause) or FROM_RECORDS.match(clause) or OURS_DONE.match(clause)
        if source is not None:  # up to the end of its noun phrase: "from the 2023 MedQA release"
            rest = re.match(r"\s*(?:[\w'-]+\s+){0,3}", clause[source.end() :] + " ")
            spans.append((match.start(), match.start(), match.end() + source.end() + rest.end()))
        elif SCORED_AGAINST_US.search(clause):
            spans.append((match.start(), match.start(), match.end() + len(" ".join(clause.split()[:4])) + 1))
    return spans


def measured_on_own(prose: Prose, found: list) -> bool:
    """Whether the text states a measurement on the team's own data that outweighs ``found``: a
    counted sample of its own work outweighs any other source it names (the accuracy was measured
    on the workflow's own data, whatever else was also looked at), though not an impression or
    made-up data, which measure nothing of it, unless the text sets them aside before the sample
    ("looked fine, but the real test was 250 of last month's disputes"), and not when the sample
    is of the other source itself ("1,000 questions from the 2023 MedQA release"); any measurement
    on its own data outweighs what someone said (a vendor, a demo), and who ran a test ("we ran
    it ourselves") outweighs only that; public data or a benchmark is outweighed by an uncounted
    measurement on its own data only when the text sets it aside ("…; on our own invoices it got
    83%")."""
    set_aside = [match.start() for match in THEN.finditer(prose.lower)]
    for start, source, end in own_samples(prose):
        if _negated(prose, start) or any(
            source <= finding.start < end
            or (start <= finding.start < source and finding.pattern.name in NAMED)
            for finding in found
        ):
            continue  # a sample of the other source itself: "1,000 questions from the 2023 MedQA release"
        if all(
            finding.pattern.name not in NOT_MEASURED
            or (finding.start >= 0 and bisect_left(set_aside, finding.start) < bisect_left(set_aside, start))
            for finding in found
        ):
            return True
    weak = all(finding.pattern.name in WEAK for finding in found)
    for match in OWN_DATA.finditer(prose.lower):
        if not _negated(prose, match.start()):
            return weak or bool(SETS_ASIDE.search(prose.lower))
    return weak and any(not _negated(prose, match.start()) for match in OWN_HANDS.finditer(prose.lower))


def _negated(prose: Prose, start: int) -> bool:
    return bool(NEGATED_OWN.search(prose.lower[max(0, start - 40) : start]))


# A count measured_on states in digits ("120 real launch briefs", "1,200 invoice lines"): not part
# of a larger number or a name ("form 941", "tier 2"), nor a year, a share or a span of time.
STATED_COUNT = regex(r"(?<![\w$€£¥₹#.,/-])(\d{1,3}(?:,\d{3})+|\d{1,9})(?![\w%/(-]|[.,]\d)")
FEWEST = 10  # fewer is a count of raters, partners or sites ("3 marketers", "6 farms"), not of cases
NOT_CASES = regex(
    r"\s*(?:"
    + one_of(
        """seconds?, secs?, minutes?, mins?, hours?, hrs?, days?, weeks?, months?, years?, quarters?,
        percent, per cent, pct, points?, pts, x, times"""
    )
    + r"\b|%)"
)
NAMES = IDENTIFIERS - {"the"}
PHRASE = regex(r"(?:\s+[^\s,;.:()]+){0,3}")  # what a count counts: the words after it, in its clause
WHAT_ENDS = frozenset(
    """from of in by with on at across over during for that which and sampled drawn taken the our a an
    we w/""".split()
)


def stated_counts(text: str) -> list[tuple[int, str]]:
    """Return each count of cases ``text`` (a ``measured_on``) states in digits, with the words
    that say what it counts: ``[(120, "120 real launch briefs")]``. Number words are not read."""
    text = text[:1000]  # as PB201 reads it
    found = []
    for match in STATED_COUNT.finditer(text):
        digits = match.group(1)
        count = int(digits.replace(",", ""))
        before = text[max(0, match.start() - 12) : match.start()].split()
        if (
            count < FEWEST
            or ("," not in digits and len(digits) == 4 and 1900 <= count <= 2099)
            or NOT_CASES.match(text, match.end())
            or (before and before[-1].lower().strip("(") in NAMES)
        ):
            continue
        words = []
        for word in PHRASE.match(text, match.end()).group(0).split():
            if word.lower() in WHAT_ENDS or (words and word.lower().endswith("ed")):
                break  # "60 past launches redrafted from…": the cases, not what was done to them
            words.append(word)
        found.append((count, " ".join([digits, *words])))
    return found
