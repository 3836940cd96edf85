"""The lexicon the jobs of a problem are read with (``jobs.py``): the kind of work each verb does,
phrasal verbs, participles, and the words that start a clause or follow a verb without being one:
function words, the nouns that make a verb-like word before them a noun, and process nouns."""

from __future__ import annotations

from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.words import one_of
from playbook.lazyregex import regex

# The kind of work each verb does: verbs of one kind are one job. "step" verbs get the input or
# hand the result on, and belong to whichever job they serve.
KINDS = {
    "extract": "extract transcribe parse capture digitise digitize ocr key re-key rekey scrape convert turn",
    "classify": """classify categorise categorize triage tag label sort route prioritise prioritize code
    assign group bucket rank segment file-under shortlist suggest propose recommend approve reject decide
    authorise authorize accept deny adjudicate choose select pick""",
    "write": """draft write answer reply respond compose generate summarise summarize translate rewrite
    paraphrase personalise personalize produce create prepare fill redact anonymise anonymize edit proofread
    localise localize caption build design author document issue redline outline""",
    "judge": "review audit screen vet inspect assess evaluate score grade moderate appraise check-in test",
    "reconcile": "reconcile match compare dedupe deduplicate merge cross-check",
    "plan": """schedule book plan roster dispatch allocate budget staff reorder order procure split
    timetable rota""",
    "predict": "forecast predict estimate project model",
    "release": "deploy ship release launch",
    "money": "bill invoice charge price quote pay refund settle collect chase recover reimburse",
    "people": """negotiate sell pitch market advertise promote onboard train coach interview hire recruit
    call phone counsel nurse treat teach tutor mentor represent advise follow engage nurture text message""",
    "run": """manage handle run process maintain keep administer coordinate oversee own support operate
    monitor track resolve fix improve optimise optimize streamline automate transform modernise modernize
    overhaul revamp remediate auto-remediate enable do cover replace provide offer deliver""",
    "act": "block freeze suspend cancel close lock unlock ban stop reset restore escalate refer renew",
    # Steps that get a job's input: part of the job that follows them, even when they lead.
    "input": """read open receive gather fetch load upload scan ingest take find detect identify spot locate
    look-up search retrieve pull catch""",
    # Steps that hand a job's result on: a job of their own only when they lead with an object of their own.
    "step": """send submit export post log save store attach update enter push forward notify alert share
    email return publish hand queue record sync copy insert put check verify validate confirm double-check
    flag highlight mark list make leave drop park stage file tell inform note warn explain report remind
    relay state say show describe indicate""",
}
KIND_OF = {verb: kind for kind, verbs in KINDS.items() for verb in verbs.split()}
# Saying the result ("tell the requester what's missing", "note any mismatch", "explain the gap to
# the controller") hands it on: a step, as the verbs of communication are.
# A prefix keeps the kind of work of its stem: "pre-fill" fills, "re-check" checks, "auto-route" routes.
PREFIXED = regex(r"^(?:pre|re|auto|co|double|bulk|batch)-(?=[a-z])")
LEAD_WORDS = frozenset(
    "then also finally automatically auto potentially initially just simply basically we to ideally first "
    "quickly".split()
)  # words before the first verb: "Potentially support …"
# Nouns that name a process: a list of them is a list of work ("invoice capture, approval routing").
PROCESS_NOUN = regex(
    one_of(
        r"""\w+ing, \w+tion, \w+sion, \w+ment, approvals?, runs, queries, comms, communications, payroll,
        benefits, research, outreach, sequences, campaigns, analysis, analytics, forecasts, bookkeeping,
        timesheets, rotas, declarations, payments, filings, works, paperwork, rosters, responses, appeals,
        checks, requests, plans, eligibility, cards, emails, letters, grading, invoices, contracts, returns,
        renewals, audits, leave, capture, review, reviews, close, returns, reporting, reports, analytics,
        outreach, marketing, admin, logistics, procurement, recruitment, support, sales, billing, pricing,
        planning, scheduling, maintenance, compliance, onboarding, offboarding, hiring, fundraising,
        admissions, ops, operations, service, services, fulfilment, fulfillment, triage, dispatch, enquiries,
        inquiries, complaints, follow-ups?, chasing, collections?"""
    )
    + "$"
)
PHRASAL = {
    "check in": "people",
    "follow up": "people",
    "send out": "step",
    "set up": "plan",
    "sign off": "decide",
    "look after": "run",
    "take over": "run",
    "take care": "run",
    "hand off": "step",
    "write up": "write",
    "book in": "plan",
    "chase up": "money",
    "top up": "money",
    "pay out": "money",
    "sort out": "run",
}
# A participle spelt as its verb, with a time after it, says when the job is done: "…, run every
# morning", "…, run the week a review is booked", "…, set the night before".
SAME_AS_PARTICIPLE = frozenset("run set put cut read hit let shut spread cast cost come become".split())
PLAIN_IN_ED = frozenset(
    "feed need seed embed speed shred proceed exceed succeed breed bleed heed weed shed wed".split()
)
IRREGULAR_PARTICIPLES = frozenset(
    "sent kept built written taken given shown done made held paid sold told found brought "
    "bought drawn known seen left lost met spent won".split()
)
# Words that start a clause before an object without being a verb.
NOT_VERBS = frozenset(
    "the and but also then plus with from into onto for each every all any both either per via like such "
    "before after until till during within without across against between under over through throughout "
    "around about above below beside near since unless once because although though toward towards upon "
    "among amid despite except "
    "only just even also including include includes especially particularly namely whether whose which "
    "where when while what how who its their our this that these those one two three first second last "
    "next new all-in twice thrice daily nightly weekly fortnightly monthly hourly quarterly yearly annually "
    "overnight".split()
)
# Nouns that make the verb-like word before them a noun: "invoice capture", "code review".
COMPOUND_HEAD = regex(
    r"capture|review|approval|routing|triage|intake|processing|matching|coding|entry|runs?|queries|"
    r"period|periods|date|dates|rate|rates|number|numbers|slip|slips|cycle|grade|scale|codes?|type|"
    r"status|amount|total|line|lines|history|details|reference|id|terms|book|books|log|logs|"
    r"handling|management|tracking|reporting|reconciliation|chasing|scheduling|planning|analysis|"
    r"automation|optimi[sz]ation|generation|extraction|classification|drafting|screening|summaries|"
    r"summarisation|summarization|translation|transcription|allocation|dispatching|booking|bookings|"
    r"displays?|screens?|signage|announcements|results|findings|outcomes|readings|scores"
)  # "stop displays": where it shows
# Getting the input, reading, comparing, judging, sorting and writing are the making of one thing;
# acting, paying, dealing with people, planning, forecasting, running and releasing are other work.
MAKING_ONE_THING = frozenset({"extract", "classify", "write", "judge", "reconcile", "step", "input"})
OTHER_WORK = frozenset({"act", "money", "people", "plan", "predict", "run", "release"})
# A verdict offered for a person to confirm is the output of the job that reached it, not a job of its
# own: "check each application … and recommend eligible or not", "… suggest the clinic, for the clerk
# to confirm". Leading the problem, it is the job ("Recommend the next best offer for each account").
OFFERED = frozenset(
    "suggest suggests suggesting propose proposes proposing recommend recommends recommending".split()
)
# The options a decision chooses among are its outcomes, not jobs: "suggest accept, reject or refer",
# "decide whether to accept the read, request a re-read, or estimate". They run to an "or" with no
# "and" between, so "suggest a reply and bill the customer" keeps its second job.
CHOOSE = one_of(
    """decide, decides, deciding, choose, chooses, choosing, suggest, suggests, suggesting, propose, proposes,
    proposing, recommend, recommends, recommending, select, selects, selecting"""
)
OPTIONS = regex(
    bounded(
        rf"\b{CHOOSE}\s+(?:whether\s+(?:to\s+)?|between\s+|if\s+)?"
        r"((?:(?!(?:and|but|then|plus)\b)[\w'-]+[\s,]+){1,12}?or\s+[\w'-]+)"
    )
)
# A word in "-s" after "or" or "and" and a plural that is no verb, with no object after it, ends a
# list of nouns rather than starting a clause: "dates or routes before an agent…".
NO_OBJECT = regex(
    r"\s*(?:$|[,.;:)]|(?:before|after|when|whenever|if|unless|until|once|while|so|that|which|where|whose|"
    r"with|without|for|in|on|at|from|of)\b)"
)
PLURALS = regex(bounded(r"(?<![\w'-])([\w'-]+)s\s+(?:or|and|&)\s+[\w'-]+s$"))
# A time after a participle spelt as its verb: "…, run the week a review is booked".
TIME_OBJECT = regex(
    bounded(
        r"\s+(?:(?:the|each|every|that|this|next|on|at|on the|at the)\s+)?(?:[\w-]+\s+)?"
        r"(?:week|day|morning|night|evening|afternoon|hour|month|quarter|year|weekend|shift|fortnight|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    )
)
# A clause of time or condition with a subject of its own, up to its modal: "before a shift would",
# "when the stock level will". The verb after it says when the job is done, not what it is.
CONDITION = regex(
    bounded(
        r"\b(?:before|after|when|whenever|if|unless|until|till|once|as soon as|in case|so that|"
        r"because|whether|in time for)\s+(?!(?:we|you|i|it|ai|the tool)\s)(?:[\w'-]+\s+){1,4}?"
        r"(?:would|will|could|can|might|may|must|should|shall)\s+(?:(?:not|be|about to|going to)\s+)?$"
    )
)
# A verb with a pronoun after it hands on the item already named: "route it", "send them".
HANDED_ON = regex(
    bounded(r"(?<![\w-])([\w-]+)\s+(?:it|them|this|these|those|each one)\b")
)  # "route it", "send them"
# "Also" or "as well as" joins another job; without it, a message written after the job's verdict is
# the way the verdict reaches whoever needs it: "compare the slips and email the broker a list of gaps".
ANOTHER_JOB = regex(r"\b(?:also|as well as|plus|in addition)\b")
MESSAGE = one_of(
    """emails?, e-mails?, nudges?, reminders?, invites?, invitations?, notices?, messages?, notes?, replies,
    reply, responses?, letters?, memos?, chasers?, follow-ups?, alerts?, summary, summaries, texts?, feedback,
    comments?, explanations?, verdicts?, rationales?, reasons?, reasoning, justifications?, [a-z]+/[a-z]+"""
)  # the verdict itself, or its outcomes: "write a clear/escalate rationale", "pre-fill approve/reject"
A_MESSAGE = regex(
    bounded(
        r"(?<![\w-])([\w-]+)(?=\s+(?:(?:up|out|back|over)\s+)?(?:(?:the|a|an|any|each|their|its|our|them|him|her)\s+)?"
        rf"(?:[\w'/-]+\s+){{0,2}}?{MESSAGE}(?![\w-]))"
    )
)
# The kinds of work whose verdict a message can carry: reading, judging, sorting, flagging.
SAYS_A_RESULT = MAKING_ONE_THING | {"publish"}


def writing_a_message(lower: str) -> set[str]:
    """Return the verbs whose object is a message ("draft a nudge to the owner"), unless "also"
    or "as well as" says a second job is joined."""
    if ANOTHER_JOB.search(lower):
        return set()
    return {match.group(1) for match in A_MESSAGE.finditer(lower)}
