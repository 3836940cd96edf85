"""The rules about the sufferer (PB101–PB103): someone losing now, with evidence, and a loss said
with an amount."""

from __future__ import annotations

from playbook.diagnostics import Severity
from playbook.rules.rule import Rule

DECLARED = (
    Rule(
        "PB101",
        "hypothetical-sufferer",
        Severity.WARNING,
        "The sufferer is someone losing now, not someone who would use it.",
        "Who *would* use a product is a guess about the future; who is losing the most *right now* is "
        "a fact you can interview. Only people with the problem today can tell you what good enough means.",
        fails="who: Sales teams who would use an AI assistant",
        passes="who: Account executives at 20-person B2B agencies",
        judges="who and losing are read for people who might buy or benefit later, and for whole populations "
        "and markets, rather than a specific group losing something today.",
        patterns=(
            (
                "hypothetical",
                "a modal guess about the future, except a present loss said with a modal (time they could "
                "spend on patients); a loss placed later (down the line) is a guess, and a remark after the "
                "sufferer about someone else (; finance may use it later) is not read as the sufferer; a "
                "modal in a relative clause on people is a guess about them (firms that might outsource), "
                "on a thing acted on it is the loss (invoices that could be matched automatically); a hedge "
                "before a loss is a guess (they would likely lose time), and a guess in brackets or after a "
                "comma on a few people or one team at a named or our own workplace is a remark on them; a "
                "modal whose clause says what is missed today (that it currently misses) is a loss today",
                "Adjusters who would likely use it",
            ),
            (
                "would-be-use",
                "use that waits on a decision or a launch",
                "Insurers, once they trust LLMs enough",
            ),
            (
                "would-be-user",
                "people named as prospective or target users, or as whatever prospective, would-be or "
                "eventual qualifies (prospective candidates); not the people a sufferer works on",
                "Prospective customers in the mid-market",
            ),
            (
                "pipeline",
                "a sales pipeline: a waitlist, demo requests, leads, buyers of software; not decision makers "
                "in a workplace, who decide cases",
                "CIOs who attended our webinar on AI agents",
            ),
            (
                "market-by-its-wants",
                "a category of organisations named by what it wants or hopes for (online fashion retailers "
                "looking to cut their return rates); not people looking for something at their work, nor "
                "organisations counted, owned or in a named group",
                "Dental clinics that want fewer no-shows",
            ),
            ("early-adopter", "an appetite for technology", "Tech-savvy estate agents in Leeds"),
            (
                "intent-to-adopt",
                "exploring, evaluating, piloting or shopping for a tool; not a search that is part of the "
                "work said before it (they review 3,000 listings a day looking for prohibited products)",
                "People teams considering an AI onboarding buddy",
            ),
            (
                "eager-to-try",
                "being keen to try, buy or modernise",
                "Hotels looking to modernise their guest messaging",
            ),
            ("appetite", "a budget, roadmap or mandate for AI", "Hospitals with AI budgets"),
            (
                "everyone",
                "everyone or anyone, or a span from the bottom of a workplace to its head, wherever it is "
                "(…, from the operators to the site director), or every level of it; not a span the work "
                "moves along, nor one role's ranks",
                "Anybody running a help desk",
            ),
            ("people-in-general", "people in general", "People who hate paperwork"),
            (
                "generic-population",
                "a whole population, however hedged (more or less every), or counted in the thousands "
                "(all 23,000 employees of the group), or placed only by a place, whatever its name (every "
                "clinic in Bavaria); a count, our, a workplace or a named organisation anchors it (every "
                "nurse in St Mary's)",
                "More or less every Shopify merchant out there",
            ),
            (
                "bare-category",
                "a bare category of organisations (a market), also placed only by where it is and what "
                "it lacks (SMEs in LATAM without access to credit) or described by what it does, a whole "
                "population, a profession by its bare name (Recruiters), a kind of customer (travellers "
                "who book boutique hotels), or teams at a kind of organisation (security teams at SaaS "
                "companies); a qualified occupation is people with a job, wherever they work, and ours, "
                "counted, named or in a workplace any of them is a group",
                "Independent pharmacies",
            ),
            (
                "whole-industry",
                "a whole industry, a segment as a whole or named as one (…, a segment we estimate at £180m), "
                "what industry surveys say of one, or companies of every size",
                "Hospitality operators of all sizes",
            ),
            (
                "everywhere",
                "a market that spans everywhere or a nation (nationally), people placed in a country, a "
                "region or a sector (bookshops in Ireland that use our app), or a loss spread across a kind "
                "of organisation or a whole chain (lost to bad debt across small retailers); not how far a "
                "specific group's work reaches",
                "Busy professionals everywhere",
            ),
            ("market-size", "the size or growth of a market", "A $4.2bn claims-processing software market"),
            ("market-count", "a count of a market", "Around 9,000 independent pharmacies in Germany"),
            (
                "future-benefit",
                "a benefit hoped for: savings, ROI, what happens after launch",
                "Expected to shave two days off time-to-hire",
            ),
            (
                "too-long",
                "who or losing over 1,000 characters: more than one group or one loss; "
                "only the first 1,000 are read",
                "",
            ),
        ),
    ),
    Rule(
        "PB102",
        "no-evidence",
        Severity.WARNING,
        "The sufferer's loss is backed by evidence.",
        "Interviews, tickets, spend and hours are what separate a real loss from a plausible story. "
        "Without evidence, the pain score is an opinion.",
        fails="evidence: []",
        passes="evidence:\n  - 12 interviews; 9 named it a top-3 pain",
    ),
    Rule(
        "PB103",
        "unquantified-loss",
        Severity.INFO,
        "The loss has a number: hours, money, a count or a share.",
        "A number makes the loss comparable across briefs and checkable later: '6 hours a week' can be "
        "measured again after launch, 'a lot of time' cannot.",
        fails="losing: Time re-reading contracts",
        passes="losing: 6 hours a week re-reading contracts",
        judges="losing needs an amount: a number (digits, number words, a range, "
        "a fraction, a share or money) with a unit of loss, not an identifier, a date or a word that merely "
        "contains a number word; people's time (three people full time, most of each week) and money over a "
        "period (about £180k last season) are amounts, and a rate may follow what is counted (60 pages of "
        "reports a day, calls on an autumn Saturday).",
        patterns=(
            ("no-number", "no amount at all", "Escalations pile up overnight"),
            (
                "not-an-amount",
                "only numbers that name, date or count something other than the loss",
                "The 990 filing season burns out our finance lead",
            ),
        ),
    ),
)
