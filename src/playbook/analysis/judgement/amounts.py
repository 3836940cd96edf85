"""PB103 unquantified-loss: whether a loss has an amount.

An amount is a number — digits, number words, ranges, fractions ("a third of", "one in five"),
percentages, multipliers ("twice as long"), currency ("$4k", "EUR 300", "₹9 lakh") — with a unit
of loss: time, money, a share, or a count of things lost. A count is of things lost when the
sentence says so: a rate ("40 tickets a week"), a loss before it ("we lost 7 renewals") or after
it ("2 customers churned"), or a noun that is itself a loss ("12 fines", "300 failed deliveries").
"Our 12 clinics", "teams of 6 accountants" and "$50k contracts" count or price something else;
"form 941", "ISO 27001", "Windows 11" and "since 2021" are names and dates, not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.analysis.judgement.text import Prose, Word

TIME = re.compile(
    r"(?:[\w-]+-)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|hr|h|days?|nights?|weekends?|weeks?|wks?|wk|months?|"
    r"mos?|years?|yrs?|yr|quarters?|shifts?|mornings?|afternoons?|evenings?|sessions?|sprints?|workdays?|"
    r"person-days?|person-hours?|man-hours?|man-days?|ftes?|fte|headcount|terms?|semesters?|"
    r"litres?|liters?|gallons?|kgs?|kilos?|kilograms?|tonnes?|tons?|lbs|kwh|mwh|gwh|miles?|kms?|kilometres?|"
    r"kilometers?|barrels?|pallets?|cubic metres?)$"
)
MONEY_WORDS = frozenset(
    "dollars dollar euros euro pounds pound quid usd eur gbp chf inr aud cad sek nok dkk jpy yen rupees rs "
    "lakh lakhs crore crores grand cents pence bucks sgd hkd nzd zar brl mxn pln".split()
)
SCALES = frozenset("hundred thousand million billion k m bn lakh lakhs crore crores".split())
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion dozen couple".split()
)
PLURAL_AMOUNTS = frozenset("dozens hundreds thousands millions billions scores tens".split())
FRACTIONS = frozenset("half third thirds quarter quarters fifth fifths tenth tenths sixth eighth".split())
MULTIPLIERS = frozenset(
    "twice double triple quadruple thrice threefold twofold fourfold fivefold tenfold doubles doubled "
    "triples tripled quadruples halves halved ¼ ½ ¾ ⅓ ⅔ ⅛".split()
)
# Words before a number that make it a name, not an amount: form 941, Tier 1, Level 3…
IDENTIFIERS = frozenset(
    "form forms iso soc tier level lvl section article art chapter ch grade version v gpt claude llama gemini windows win "
    "iphone android ios macos python java q fy w schedule rule step phase stage type class category cat room ward gate bay "
    "line route bus flight unit building bldg floor platform terminal dock lane zone channel item box code part model pb "
    "en din bs ieee rfc hl7 icd cpt top number no no. # size page p pp figure fig table appendix annex clause paragraph "
    "para regulation directive amendment title act hb sb ab covid cve ticket order store site plant depot warehouse aisle "
    "gen series batch lot release sprint day week month quarter year tax band cohort pillar tranche priority severity sev "
    "stage track wave round league division district region the".split()
)
NOT_AN_ACRONYM = frozenset("usd eur gbp chf inr aud cad fte ftes sla kpi".split())
YEAR_BEFORE = frozenset(
    "since in from by until till before after during of fy circa around early late mid end start".split()
)
STOP = frozenset(
    "who whom whose which that and or to in at on for is are was were be been being the a an it they we he she "
    "this these those with by from as but if so than then when while where per each every via into onto over "
    "under about after before until since because our their its his her my your".split()
)
RATE = re.compile(
    r"\b(?:a|an|per|each|every|/|a\s+full)\s+(?:[\w-]+\s+)?(?:second|minute|hour|day|night|week|weekend|month|"
    r"quarter|year|term|semester|shift|close|month-end|sprint|release|season|cycle|run|autumn|spring|summer|"
    r"winter|time|visit|project|file|contract|case|lot|audit|clash|deviation|changeover|call|order|claim|"
    r"ticket|invoice|job|patient|property|site|store|account|batch|deal|lead|booking|admission|hire|"
    r"submission|return|shipment|delivery|filing|pour|inspection|associate|agent|tech|clerk|nurse|"
    r"member|report|period|round|event|session|episode)s?\b|\b(?:annually|yearly|monthly|weekly|daily|nightly|"
    r"hourly|a year|a month|per annum|p\.a\.|each time|every time|on average|"
    r"(?:last|this|over the last|over the past) (?:year|quarter|month|week|season|term|semester|winter|"
    r"summer|spring|autumn|fall|financial year|fiscal year|fy|peak|cycle)|"
    r"in (?:the last|a typical|an average) \w+)\b"
)
LOSS_BEFORE = re.compile(
    r"\b(?:lose|loses|lost|losing|miss|misses|missed|missing|waste|wastes|wasted|wasting|spend|spends|spent|"
    r"spending|cost|costs|costing|burn|burns|burned|burnt|sink|sinks|sunk|take|takes|took|taking|eat|eats|"
    r"drop|drops|dropped|churn|churns|churned|forfeit|forfeits|forfeited|write off|writes off|wrote off|"
    r"written off|refund|refunds|refunded|pay|pays|paid|paying|redo|redoes|redid|rework|reworks|reworked|"
    r"re-key|re-keys|rekey|retype|retypes|re-enter|re-enters|chase|chases|chasing|delay|delays|delayed|"
    r"abandon|abandons|cancel|cancels|reject|rejects|reopen|reopens|fail|fails|failed|breach|breaches|"
    r"breached|owe|owes|accrue|accrues|incur|incurs|incurred|give up|gives up|sacrifice|"
    r"add|adds|added|lag|lags|slip|slips|slipped|leak|leaks|leaked|bleed|bleeds|hold|holds|delaying|"
    r"answer|answers|field|fields|handle|handles|process|processes|review|reviews|fix|fixes|fixing|"
    r"correct|corrects|resubmit|resubmits|reissue|reissues|re-issue|void|voids|voided|deny|denies|"
    r"denied|decline|declines|declined|return|returns|returned|bounce|bounces|bounced|turn away|"
    r"turns away|turned away|block|blocks|blocked|stall|stalls|stalled|overrun|overruns|overran)"
    r"\s+(?:[\w'-]+\s+){0,3}$"
)
TIME_LOST = re.compile(
    r"\b(?:lose|loses|lost|losing|spend|spends|spent|spending|waste|wastes|wasted|take|takes|took|taking|"
    r"give up|gives up|gave up|burn|burns|burned|eat|eats|ate|cost|costs|add|adds|added|sink|sinks|"
    r"sacrifice|sacrifices|blocks?|ties? up|eats? up)\s+(?:(?:about|around|roughly|nearly|almost|over|"
    r"up to|at least|more than|easily|a good|a full|the better part of|another|an extra|a whole)\s+)*$"
)
MONEY_LOST = re.compile(
    r"\b(?:lose|loses|lost|losing|cost|costs|costing|pay|pays|paid|waste|wastes|wasted|write off|writes off|"
    r"wrote off|refund|refunds|refunded|forfeit|forfeits|miss|misses|missed|burn|burns|owe|owes)\s+"
    r"(?:us\s+|them\s+|about\s+|around\s+|roughly\s+|nearly\s+|a\s+|an\s+)*$"
)
MONEY_FOLLOWERS = frozenset(
    "of annually yearly monthly weekly daily nightly hourly lost wasted gone down worth total "
    "overall altogether apiece outstanding unpaid overdue arr mrr gmv acv tcv revenue sales income "
    "churns churned leaks leaked".split()
)
PEOPLE = frozenset(
    "people staff volunteers nurses clerks reps agents accountants engineers teachers doctors drivers workers "
    "employees managers analysts lawyers paralegals recruiters technicians officers members users customers "
    "clients patients students parents residents pupils tenants crews teams warehouses stores sites clinics "
    "branches offices units depots plants hospitals schools hotels restaurants shops farms practices firms "
    "companies departments wards labs trucks vans vehicles machines lines".split()
)
VERBS_IN_S = frozenset(
    "is was has does goes sits gets lapses slips misses loses fails bounces expires churns drops needs "
    "takes costs eats leaks bleeds stalls stays waits means".split()
)
LOSS_NOUN = re.compile(
    r"(?:errors?|mistakes?|fines?|penalt(?:y|ies)|chargebacks?|refunds?|returns?|complaints?|no-shows?|"
    r"write-?offs?|defects?|rejects?|rejections?|escalations?|breaches?|incidents?|outages?|cancellations?|"
    r"credits?|reworks?|re-?runs?|reruns?|repeats?|callbacks?|call-backs?|reopens?|denials?|disputes?|"
    r"lapses?|overtime|churn|churned|losses|delays?|re-?deliveries|redeliveries|re-?bookings?|duplicates?|"
    r"mispicks?|misroutes?|re-?reviews?|late fees?|surcharges?|overages?|markdowns?|scrap|waste|"
    r"dropouts?|drop-offs?|abandonments?|resubmissions?|overpayments?|underpayments?|leakage|"
    r"shortfalls?|deficits?|truck rolls?|strikes?|walkouts?|resignations?|quits?|departures?)$"
)
LOSS_PREFIX = frozenset(
    "lost missed failed late duplicate duplicated rejected unbilled denied wasted extra abandoned unpaid "
    "overdue cancelled canceled delayed unanswered expired voided idle empty unrefunded uncollected "
    "unclaimed unsold unfilled unbooked unworked bounced disputed reopened refunded returned stranded "
    "spoiled damaged broken stale dropped churned repeat redundant avoidable unnecessary wrong "
    "incorrect erroneous overpaid underpaid".split()
)
LOSS_AFTER = re.compile(
    r"^\s+(?:(?:are|were|is|was|get|gets|got|go|goes|went|sit|sits|still|each|also|then|typically|usually|"
    r"routinely|regularly|often|sometimes|end up|ends up)\s+){0,2}(?:lost|missed|churn(?:ed|s)?|lapse[ds]?|"
    r"expire[ds]?|rejected|returned|reopened|refunded|abandoned|cancell?ed|delayed|slip(?:ped|s)?|"
    r"bounced?|bounces|fail(?:ed|s)?|declined|denied|voided|quit|leave|leaves|left|disappear(?:ed|s)?|"
    r"written off|paid late|unanswered|uncollected|unpaid|unbilled|unrefunded|overdue|late|wasted|"
    r"rebooked|reissued|redone|re-?keyed|retyped|dropped|walk(?:ed|s)? out|give up|gave up|no-show|"
    r"fall through|fell through|go missing|went missing|need(?:ed|s)? (?:a|an|to be) (?:second|re|callback|"
    r"redo|rework|resubmission)|come back|came back|go back|went back|breach(?:ed)?|stall(?:ed|s)?|"
    r"sit idle|held|get stuck|gets stuck|stuck|idle|lost|flagged late|caught late|found late|"
    r"spotted late)\b"
)


@dataclass(frozen=True)
class Reading:
    """What the amounts of a loss came to: whether it has one, and the numbers that were not."""

    amount: str  # the words that make an amount, or ""
    not_amounts: tuple[str, ...]  # numbers that are names, years or counts of something else


def _clean(word: Word) -> str:
    return word.lower.strip(".,;:()\"'").lstrip("~≈<>+").split("/")[0]


def _number(text: str) -> bool:
    """Whether ``text`` is a number: digits (with separators, a scale, a %, a range), a number
    word, "forty-odd", "sixty-plus"."""
    if re.fullmatch(
        r"[$€£¥₹]?\d[\d,.]*(?:k|m|mn|bn|b|%|x)?(?:-\d[\d,.]*(?:k|m|mn|bn|b|%|x)?)?(?:-odd|-plus|-ish|ish|\+)?",
        text,
    ):
        return True
    head = text.split("-")[0]
    return head in NUMBER_WORDS and (
        text == head or text.split("-", 1)[1] in NUMBER_WORDS | {"odd", "plus", "ish"}
    )


def _rate_after(prose: Prose, word: Word) -> bool:
    """Whether a rate follows ``word`` at once ("40 tickets a week", "five a night")."""
    rest = prose.lower[word.end : word.end + 48]
    found = RATE.search(rest)
    return found is not None and len(rest[: found.start()].split()) <= 1


def _rate_before(prose: Prose, word: Word) -> bool:
    """Whether a rate comes just before ``word`` ("every shift, an hour of backlog")."""
    before = prose.lower[max(0, word.start - 48) : word.start]
    rates = list(RATE.finditer(before))
    return bool(rates) and len(before[rates[-1].end() :].split()) <= 1


def _head(words: tuple[Word, ...], index: int) -> tuple[str, int]:
    """Return the noun a number counts (skipping scale words and up to two modifiers) and its index."""
    position = index + 1
    while position < len(words) and _clean(words[position]) in SCALES:
        position += 1
    for offset in range(3):
        if position + offset >= len(words):
            break
        text = _clean(words[position + offset])
        if not text or text in STOP:
            break
        nxt = _clean(words[position + offset + 1]) if position + offset + 1 < len(words) else ""
        if (
            TIME.match(text)
            or text in MONEY_WORDS
            or text in ("percent", "%", "pc", "pct", "percentage", "points", "pts")
        ):
            return text, position + offset
        if text.endswith(("s", "people", "staff", "overtime", "scrap", "waste", "churn")) and not (
            nxt and nxt not in STOP and nxt.endswith("s") and not nxt.endswith("ss") and nxt not in VERBS_IN_S
        ):
            return text, position + offset
    return "", -1


def _counts_a_loss(prose: Prose, words: tuple[Word, ...], index: int) -> bool:
    """Whether the number at ``index`` counts something lost, time or money, or a share."""
    word = words[index]
    before = prose.lower[max(0, word.start - 40) : word.start]
    head, at = _head(words, index)
    if not head:
        of_them = re.match(
            r"\s+of (?:them|those|these|the \w+|our \w+|their \w+)", prose.lower[word.end : word.end + 40]
        )
        if of_them:
            return bool(
                LOSS_AFTER.match(prose.lower[word.end + of_them.end() : word.end + of_them.end() + 40])
            )
        return _rate_after(prose, word) or bool(
            LOSS_BEFORE.search(before) and RATE.search(prose.lower[word.end : word.end + 48])
        )
    if (
        TIME.match(head)
        or head in MONEY_WORDS
        or head in ("percent", "%", "pc", "pct", "percentage", "points", "pts")
    ):
        return True
    modifiers = {_clean(w) for w in words[index + 1 : at]}
    if (
        LOSS_NOUN.search(head)
        or modifiers & LOSS_PREFIX
        or _rate_after(prose, words[at])
        or LOSS_BEFORE.search(before)
    ):
        return True
    rest = prose.lower[words[at].end : words[at].end + 40]
    if (head in PEOPLE and modifiers & FULL_TIME) or PEOPLES_TIME.match(rest):
        return True  # "three people full time", "two full-time clerks", "three people lose the whole Monday"
    return bool(LOSS_AFTER.match(rest) or (head not in PEOPLE and LOSS_NOW.match(rest)))


# People's time given to the work, which makes a count of people an amount of time: "full time",
# "lose the whole Monday", "spend every evening".
FULL_TIME = frozenset("full-time part-time half-time dedicated".split())
DAYS = (
    r"(?:days?|mornings?|afternoons?|evenings?|nights?|weeks?|weekends?|shifts?|hours?|mondays?|tuesdays?|wednesdays?|"
    r"thursdays?|fridays?|saturdays?|sundays?)"
)
PEOPLES_TIME = re.compile(
    rf"^\s+(?:working\s+|(?:are|is)\s+)?(?:full[- ]time|part[- ]time|half[- ]time|all day|all week|"
    rf"every day|round the clock|around the clock|flat out|on it|(?:most|half|all) of (?:the|their) "
    rf"(?:day|week|time))\b|^\s+(?:\w+\s+)?(?:lose|lost|spend|spent|waste|wasted|give up|gave up|burn|"
    rf"burned|burnt|sink|sank|sacrifice|sacrificed|block out|blocked out)\s+(?:(?:a|an|the|the whole|the "
    rf"entire|every|each|most of (?:the|a|their)|half (?:a|the|their)|all|their)\s+)?(?:[\w-]+\s+)?{DAYS}\b"
)


# What things (not people) do when they are lost: "260 filings miss their deadlines".
LOSS_NOW = re.compile(
    r"^\s+(?:miss|lose|fail|lapse|slip|expire|bounce|churn|fall off|fall through|drop|go missing|"
    r"go unanswered|go unpaid|go unbilled|go uncollected|get lost|get missed|get rejected|get denied|get scrubbed|"
    r"get cancelled|get canceled|get reopened|get returned|get refunded|sit unanswered)\b"
)


def _identifier(words: tuple[Word, ...], index: int, lower: str) -> str:
    """Return the words that make the number at ``index`` a name or a date, or ""."""
    previous = words[index - 1] if index else None
    following = words[index + 1] if index + 1 < len(words) else None
    before = _clean(previous) if previous else ""
    if previous is not None and (
        before in IDENTIFIERS
        or (previous.text.isupper() and len(before) > 1 and before not in NOT_AN_ACRONYM and before.isalpha())
        or previous.named
    ):
        return f"{previous.text} {words[index].text}"
    after = _clean(words[index + 2]) if index + 2 < len(words) else ""
    if (
        following is not None
        and following.text.isupper()
        and len(following.text) > 1
        and following.text.isalpha()
        and following.text.lower() not in NOT_AN_ACRONYM | MONEY_WORDS
        and not TIME.match(after)
        and not (after.endswith("s") and after not in STOP)
    ):
        return f"{words[index].text} {following.text}"  # "21 CFR", but not "5 AOG hours"
    if re.fullmatch(r"(?:19|20)\d\d", lower) and (
        before in YEAR_BEFORE or before == "" or (following is not None and following.named)
    ):
        return words[index].text
    return ""


def read_amounts(prose: Prose) -> Reading:
    """Return whether ``prose`` states an amount of loss, and which numbers in it are not amounts."""
    words = prose.words
    not_amounts: list[str] = []
    lowered = [_clean(word) for word in words]
    for index, word in enumerate(words):
        lower = lowered[index]
        previous = lowered[index - 1] if index else ""
        following = lowered[index + 1] if index + 1 < len(words) else ""
        if (
            lower in MULTIPLIERS
            or re.fullmatch(r"\d+(?:\.\d+)?x", lower)
            or (
                lower in NUMBER_WORDS | {"three", "five"}
                and following in ("times", "time")
                and index + 2 < len(words)
            )
        ):
            return Reading(word.text, ())
        if lower in PLURAL_AMOUNTS and following == "of":
            if _counts_a_loss(prose, words, index + 1):
                return Reading(f"{word.text} of", ())
            not_amounts.append(f"{word.text} of")
            continue
        if lower in FRACTIONS or lower in ("two-thirds", "three-quarters", "one-third", "one-quarter"):
            near = lowered[max(0, index - 2) : index]
            if (
                lower == "half"
                or any(
                    w in ("a", "one", "two", "three", "four", "half", "by", "nearly", "almost") for w in near
                )
                or "-" in lower
            ):
                return Reading(" ".join(w.text for w in words[max(0, index - 1) : index + 1]), ())
        if (
            lower in ("a", "an")
            and TIME.match(following)
            and (
                TIME_LOST.search(prose.lower[max(0, word.start - 40) : word.start])
                or _rate_after(prose, words[index + 1])
                or _rate_before(prose, word)
            )
        ):
            return Reading(f"{word.text} {words[index + 1].text}", ())  # "lose a day", "an hour each morning"
        if re.fullmatch(r"\d+/\d+", word.lower) and following == "of" and word.lower not in ("24/7", "9/11"):
            return Reading(f"{word.text} of", ())  # "1/3 of the fleet's cycles"
        if _number(lower) and following == "per" and index + 2 < len(words) and lowered[index + 2] == "cent":
            return Reading(" ".join(w.text for w in words[index : index + 3]), ())  # "twelve per cent"
        if re.fullmatch(r"\d+(?:\.\d+)?(?:h|hrs?|d|mins?|wks?|w|yrs?|mos?)", lower):
            return Reading(word.text, ())  # "3h/wk", "2d/mo"
        if not _number(lower) and not (lower[:1] in "$€£¥₹" and _number(lower[1:])):
            continue
        if (
            "/" in word.lower
            and re.fullmatch(r"\d+/\d+", word.lower)
            and word.lower not in ("1/2", "1/3", "2/3", "1/4", "3/4")
        ):
            not_amounts.append(word.text)  # 24/7, 9/11
            continue
        if re.fullmatch(r"\d+-[a-z]+", word.lower) and not word.lower.endswith(("odd", "plus", "ish")):
            continue  # "a 25-lawyer firm", "a 90-day window": describes something
        fraction = re.match(
            r"\s+(?:[\w'-]+\s+){0,2}?(?:in|out of)\s+(\d+|" + "|".join(NUMBER_WORDS) + r")\b",
            prose.lower[word.end : word.end + 40],
        )
        share = re.match(
            r"\s+of (?:the |our |their |all |every )?(?:last |past |first |latest )?(?:\d[\d,]*|"
            + "|".join(NUMBER_WORDS)
            + r")\b",
            prose.lower[word.end : word.end + 40],
        )
        if share:
            return Reading(prose.quote(word.start, word.end + share.end()), ())  # "nine of the last 40"
        if fraction and (lower in ("1", "one", "a") or _number(lower)):
            return Reading(prose.quote(word.start, word.end + fraction.end()), ())
        if re.fullmatch(r"[$€£¥₹]?\d[\d.,]*(?:k|m|mn|bn|b)", lower) and following in (
            "in",
            "of",
            "a",
            "per",
            "each",
            "every",
        ):
            return Reading(word.text, ())  # "~3k in lift tickets", "$2m of stock"
        if lower[:1] in "$€£¥₹" or lower.endswith("%") or previous in MONEY_WORDS:
            nxt = lowered[index + 1] if index + 1 < len(words) else ""
            price = re.search(
                r"\b(?:paying|priced at|price of|subscription of|plans? (?:at|of)|tickets? at|fee of)\s+(?:about |around |"
                r"just |only )?$",
                prose.lower[max(0, word.start - 30) : word.start],
            )
            if lower.endswith("%") and index + 1 < len(words) and words[index + 1].named:
                not_amounts.append(
                    f"{word.text} {words[index + 1].text}"
                )  # "90% Medicaid": what a panel is made of
                continue
            if (
                nxt
                and nxt.isalpha()
                and nxt not in STOP
                and nxt not in MONEY_FOLLOWERS
                and nxt not in SCALES
                and not TIME.match(nxt)
                and nxt not in MONEY_WORDS
                and not LOSS_NOUN.search(nxt)
                and nxt not in LOSS_PREFIX
                and not lower.endswith("%")
                and not MONEY_LOST.search(prose.lower[max(0, word.start - 30) : word.start])
                and not _rate_after(prose, word)
            ) or price:  # "£180k last season": money over a period
                not_amounts.append(
                    f"{word.text} {words[index + 1].text}" if index + 1 < len(words) else word.text
                )
                continue  # "$89 starter kit", "paying €12 a month": a price, not a loss
            head, at = _head(words, index)
            if (
                head
                and not (
                    TIME.match(head)
                    or head in MONEY_WORDS
                    or LOSS_NOUN.search(head)
                    or {_clean(w) for w in words[index + 1 : at]} & LOSS_PREFIX
                    or _rate_after(prose, words[at])
                )
                and at <= index + 3
                and not lower.endswith("%")
            ):
                not_amounts.append(f"{word.text} {words[at].text}")  # "$50k contracts": a size, not a loss
                continue
            return Reading(word.text, ())
        if prose.plain[word.end : word.end + 1] == "(":
            not_amounts.append(word.text + prose.plain[word.end : word.end + 3])  # 401(k)
            continue
        identifier = _identifier(words, index, lower)
        if identifier:
            not_amounts.append(identifier)
            continue
        if _counts_a_loss(prose, words, index):
            return Reading(" ".join(w.text for w in words[index : index + 2]), ())
        not_amounts.append(" ".join(w.text for w in words[index : index + 2]))
    return Reading("", tuple(not_amounts))
