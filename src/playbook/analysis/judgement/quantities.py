"""The vocabulary a loss is read with (PB103, ``amounts.py``): units of time and money, number
words, fractions and multipliers, what makes a number a name, and the words of loss around a
count — before it, after it, or the counted thing itself."""

from __future__ import annotations

from playbook.analysis.judgement.words import either, one_of, phrases
from playbook.lazyregex import regex

# Units an amount is counted in: time, people's time, and the quantities a loss is measured by.
TIME = regex(
    r"(?:[\w-]+-)?"
    + one_of(
        """seconds?, secs?, minutes?, mins?, hours?, hrs?, hr, h, days?, nights?, weekends?, weeks?, wks?, wk,
        months?, mos?, years?, yrs?, yr, quarters?, shifts?, mornings?, afternoons?, evenings?, sessions?,
        sprints?, workdays?, person-days?, person-hours?, man-hours?, man-days?, ftes?, fte, headcount,
        terms?, semesters?, litres?, liters?, gallons?, kgs?, kilos?, kilograms?, tonnes?, tons?, lbs, kwh,
        mwh, gwh, miles?, kms?, kilometres?, kilometers?, barrels?, pallets?, cubic metres?"""
    )
    + "$"
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
# The number words as a regular expression's alternatives: longest first, so that "seventeen" is
# tried before "seven", and in one order in every process (a set's order changes with the hash
# seed, and a compiled expression is kept between runs by its source).
ANY_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=lambda word: (-len(word), word)))
PLURAL_AMOUNTS = frozenset("dozens hundreds thousands millions billions scores tens".split())
FRACTIONS = frozenset("half third thirds quarter quarters fifth fifths tenth tenths sixth eighth".split())
MULTIPLIERS = frozenset(
    "twice double triple quadruple thrice threefold twofold fourfold fivefold tenfold doubles doubled "
    "triples tripled quadruples halves halved ¼ ½ ¾ ⅓ ⅔ ⅛".split()
)
# Words before a number that make it a name, not an amount: form 941, Tier 1, Level 3…
IDENTIFIERS = frozenset(
    """form forms iso soc tier level lvl section article art chapter ch grade version v gpt claude llama
    gemini windows win iphone android ios macos python java q fy w schedule rule step phase stage type
    class category cat room ward gate bay line route bus flight unit building bldg floor platform terminal
    dock lane zone channel item box code part model pb en din bs ieee rfc hl7 icd cpt top number no no. #
    size page p pp figure fig table appendix annex clause paragraph para regulation directive amendment
    title act hb sb ab covid cve ticket order store site plant depot warehouse aisle gen series batch lot
    release sprint day week month quarter year tax band cohort pillar tranche priority severity sev stage
    track wave round league division district region the""".split()
)
NOT_AN_ACRONYM = frozenset("usd eur gbp chf inr aud cad fte ftes sla kpi".split())
YEAR_BEFORE = frozenset(
    "since in from by until till before after during of fy circa around early late mid end start".split()
)
STOP = frozenset(
    """who whom whose which that and or to in at on for is are was were be been being the a an it they we
    he she this these those with by from as but if so than then when while where per each every via into
    onto over under about after before until since because our their its his her my your""".split()
)
# What a rate is per: "40 tickets a week", "an hour each shift", "$300 per claim".
PER_WHAT = one_of(
    """second, minute, hour, day, night, week, weekend, month, quarter, year, term, semester, shift, close,
    month-end, sprint, release, season, cycle, run, autumn, spring, summer, winter, time, visit, project,
    file, contract, case, lot, audit, clash, deviation, changeover, call, order, claim, ticket, invoice,
    job, patient, property, site, store, account, batch, deal, lead, booking, admission, hire, submission,
    return, shipment, delivery, filing, pour, inspection, associate, agent, tech, clerk, nurse, member,
    report, period, round, event, session, episode, fortnight, monday, tuesday, wednesday, thursday, friday,
    saturday, sunday"""
)
PERIOD = one_of(
    """year, quarter, month, week, season, term, semester, winter, summer, spring, autumn, fall,
    financial year, fiscal year, fy, peak, cycle"""
)
RATE = regex(
    # "on a busy Friday" is per Friday
    rf"\b(?:(?:on|in)\s+)?(?:a|an|per|each|every|/|a\s+full)\s+(?:[\w-]+\s+)?{PER_WHAT}s?\b|"
    r"\b(?:annually|yearly|monthly|weekly|daily|nightly|hourly|a year|a month|per annum|p\.a\.|each time|"
    rf"every time|on average|(?:last|this|over the last|over the past) {PERIOD}|"
    r"in (?:the last|a typical|an average) \w+)\b"
)
# The words of loss around a count. Before it: "we lost 7 renewals", "they re-key 300 forms".
LOSS_VERBS = one_of(
    """lose, loses, lost, losing, miss, misses, missed, missing, waste, wastes, wasted, wasting, spend,
    spends, spent, spending, cost, costs, costing, burn, burns, burned, burnt, sink, sinks, sunk, take,
    takes, took, taking, eat, eats, drop, drops, dropped, churn, churns, churned, forfeit, forfeits,
    forfeited, write off, writes off, wrote off, written off, refund, refunds, refunded, pay, pays, paid,
    paying, redo, redoes, redid, rework, reworks, reworked, re-key, re-keys, rekey, retype, retypes,
    re-enter, re-enters, chase, chases, chasing, delay, delays, delayed, abandon, abandons, cancel, cancels,
    reject, rejects, reopen, reopens, fail, fails, failed, breach, breaches, breached, owe, owes, accrue,
    accrues, incur, incurs, incurred, give up, gives up, sacrifice, add, adds, added, lag, lags, slip,
    slips, slipped, leak, leaks, leaked, bleed, bleeds, hold, holds, delaying, answer, answers, field,
    fields, handle, handles, process, processes, review, reviews, fix, fixes, fixing, correct, corrects,
    resubmit, resubmits, reissue, reissues, re-issue, void, voids, voided, deny, denies, denied, decline,
    declines, declined, return, returns, returned, bounce, bounces, bounced, turn away, turns away,
    turned away, block, blocks, blocked, stall, stalls, stalled, overrun, overruns, overran"""
)
LOSS_BEFORE = regex(rf"\b{LOSS_VERBS}\s+(?:[\w'-]+\s+){{0,3}}$")
TIME_LOST = regex(
    r"\b"
    + one_of(
        """lose, loses, lost, losing, spend, spends, spent, spending, waste, wastes, wasted, take, takes,
        took, taking, give up, gives up, gave up, burn, burns, burned, eat, eats, ate, cost, costs, add, adds,
        added, sink, sinks, sacrifice, sacrifices, blocks?, ties? up, eats? up"""
    )
    + r"\s+(?:"
    + one_of(
        """about, around, roughly, nearly, almost, over, up to, at least, more than, easily, a good, a full,
        the better part of, another, an extra, a whole"""
    )
    + r"\s+)*$"
)
MONEY_LOST = regex(
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
    """people staff volunteers nurses clerks reps agents accountants engineers teachers doctors drivers
    workers employees managers analysts lawyers paralegals recruiters technicians officers members users
    customers clients patients students parents residents pupils tenants crews teams warehouses stores
    sites clinics branches offices units depots plants hospitals schools hotels restaurants shops farms
    practices firms companies departments wards labs trucks vans vehicles machines lines""".split()
)
VERBS_IN_S = frozenset(
    "is was has does goes sits gets lapses slips misses loses fails bounces expires churns drops needs "
    "takes costs eats leaks bleeds stalls stays waits means".split()
)
# A counted thing that is itself a loss: "12 fines", "300 failed deliveries".
LOSS_NOUN = regex(
    one_of(
        """errors?, mistakes?, fines?, penalt(?:y|ies), chargebacks?, refunds?, returns?, complaints?,
        no-shows?, write-?offs?, defects?, rejects?, rejections?, escalations?, breaches?, incidents?,
        outages?, cancellations?, credits?, reworks?, re-?runs?, reruns?, repeats?, callbacks?, call-backs?,
        reopens?, denials?, disputes?, lapses?, overtime, churn, churned, losses, delays?, re-?deliveries,
        redeliveries, re-?bookings?, duplicates?, mispicks?, misroutes?, re-?reviews?, late fees?,
        surcharges?, overages?, markdowns?, scrap, waste, dropouts?, drop-offs?, abandonments?,
        resubmissions?, overpayments?, underpayments?, leakage, shortfalls?, deficits?, truck rolls?,
        strikes?, walkouts?, resignations?, quits?, departures?"""
    )
    + "$"
)
LOSS_PREFIX = frozenset(
    "lost missed failed late duplicate duplicated rejected unbilled denied wasted extra abandoned unpaid "
    "overdue cancelled canceled delayed unanswered expired voided idle empty unrefunded uncollected "
    "unclaimed unsold unfilled unbooked unworked bounced disputed reopened refunded returned stranded "
    "spoiled damaged broken stale dropped churned repeat redundant avoidable unnecessary wrong "
    "incorrect erroneous overpaid underpaid".split()
)
# After it: "2 customers churned", "40 claims are rejected".
LOSS_AFTER = regex(
    r"^\s+(?:"
    + one_of(
        """are, were, is, was, get, gets, got, go, goes, went, sit, sits, still, each, also, then, typically,
        usually, routinely, regularly, often, sometimes, end up, ends up"""
    )
    + r"\s+){0,2}"
    + one_of(
        """lost, missed, churn(?:ed|s)?, lapse[ds]?, expire[ds]?, rejected, returned, reopened, refunded,
        abandoned, cancell?ed, delayed, slip(?:ped|s)?, bounced?, bounces, fail(?:ed|s)?, declined, denied,
        voided, quit, leave, leaves, left, disappear(?:ed|s)?, written off, paid late, unanswered,
        uncollected, unpaid, unbilled, unrefunded, overdue, late, wasted, rebooked, reissued, redone,
        re-?keyed, retyped, dropped, walk(?:ed|s)? out, give up, gave up, no-show, fall through,
        fell through, go missing, went missing,
        need(?:ed|s)? (?:a|an|to be) (?:second|re|callback|redo|rework|resubmission), come back, came back,
        go back, went back, breach(?:ed)?, stall(?:ed|s)?, sit idle, held, get stuck, gets stuck, stuck,
        idle, lost, flagged late, caught late, found late, spotted late"""
    )
    + r"\b"
)
# People's time given to the work, which makes a count of people an amount of time: "full time",
# "lose the whole Monday", "spend every evening".
FULL_TIME = frozenset("full-time part-time half-time dedicated".split())
DAYS = one_of(
    """days?, mornings?, afternoons?, evenings?, nights?, weeks?, weekends?, shifts?, hours?, mondays?,
    tuesdays?, wednesdays?, thursdays?, fridays?, saturdays?, sundays?"""
)
WORKING_ON_IT = one_of(
    """full[- ]time, part[- ]time, half[- ]time, all day, all week, every day, round the clock,
    around the clock, flat out, on it, (?:most|half|all) of (?:the|their) (?:day|week|time)"""
)
GIVE_THEIR_TIME = one_of(
    """lose, lost, spend, spent, waste, wasted, give up, gave up, burn, burned, burnt, sink, sank, sacrifice,
    sacrificed, block out, blocked out"""
)
# A share of a period of their time: "most of each week", "half of every shift", "the bulk of the day".
SHARE_OF_IT = one_of(
    """most, much, half, all, part, a third, a quarter, the bulk, the best part, the better part, a good part,
    a chunk, a big chunk, a lot"""
)
HOW_MUCH_OF_IT = either(
    *phrases("a, an, the, the whole, the entire, every, each"),
    rf"{SHARE_OF_IT} of (?:the|a|an|each|every|their|his|her|our)",
    *phrases("half (?:a|the|their), all, their"),
)
PEOPLES_TIME = regex(
    rf"^\s+(?:working\s+|(?:are|is)\s+)?{WORKING_ON_IT}\b|"
    rf"^\s+(?:\w+\s+)?{GIVE_THEIR_TIME}\s+(?:{HOW_MUCH_OF_IT}\s+)?(?:[\w-]+\s+)?{DAYS}\b"
)
# What things (not people) do when they are lost: "260 filings miss their deadlines".
LOSS_NOW = regex(
    r"^\s+"
    + one_of(
        """miss, lose, fail, lapse, slip, expire, bounce, churn, fall off, fall through, drop, go missing,
        go unanswered, go unpaid, go unbilled, go uncollected, get lost, get missed, get rejected, get denied,
        get scrubbed, get cancelled, get canceled, get reopened, get returned, get refunded, sit unanswered"""
    )
    + r"\b"
)
