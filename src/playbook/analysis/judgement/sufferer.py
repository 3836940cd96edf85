"""PB101 hypothetical-sufferer: the patterns of a sufferer who is a guess about the future — who
would use it, who is exploring tools, a pipeline, everyone, a market — rather than people
losing today; and their exceptions, the contexts that make the same words a loss today."""

from __future__ import annotations

import re

from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.patterns import Pattern
from playbook.analysis.judgement.text import Prose, prose_of
from playbook.analysis.judgement.words import (
    ADVERBS,
    BIG_COUNT,
    GENERIC_ROLES,
    INDUSTRIES,
    MONEY,
    ORGANISATIONS,
    PEOPLE,
    PLACES,
    POPULATIONS,
    REGIONS,
    TECH,
)

NEGATED = re.compile(
    r"\b(?:not|never|no longer|aren't|isn't|weren't|don't|doesn't|didn't|nor)\s+(?:\w+\s+)?$"
)
# People named as what the sufferer works on, not as the sufferer: "qualifying potential customers".
OBJECT_OF = re.compile(
    r"\b(?:\w+ing|\w+ed|from|with|to|of|about|by|on|for|between|among|serve|serves|call|calls|email|emails|"
    r"chase|chases|qualify|qualifies|screen|screens|vet|vets|contact|contacts|handle|handles|onboard|onboards|"
    r"review|reviews|research|researches|answer|answers|brief|briefs|quote|quotes|match|matches|re-type|"
    r"retype|re-key|rekey|type|types|key|keys)\s+(?:the\s+|our\s+|their\s+|new\s+|all\s+)?$"
)
SPECIFIC = re.compile(
    r"\b(?:our|my)\b|\b(?:on|in|at|of) (?:the |our |its |their )?(?:[\w'-]+ ){0,3}?"
    r"(?:shift|ward|unit|desk|depot|site|branch|office|clinic|team|floor|line|plant|warehouse|store|hub|"
    r"department|practice|firm|school|campus|hospital|queue|rota|crew|squad|pod|lab|district|account)\b"
)
COUNTS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozen|hundred)"
LOSS_VERBS = (
    r"(?:miss|misses|lose|loses|pay (?:a |the )?(?:fine|penalt|late|interest|another|twice|again|extra|more|over|"
    r"for nothing|out)|fail|fails|breach|incur|face|churn|default|lapse|expire|renew|overrun|"
    r"slip|go|get (?:fined|audited|sued|penalised|penalized|flagged|rejected|escalated)|be (?:fined|late|rejected|"
    r"audited|sued|penalised|penalized|charged|billed|hit|left|stuck|blocked|locked|turned|wrong)|"
    r"take|cost|sit|wait|bounce|stall|trigger)"
)
COUNTERFACTUAL_NEXT = re.compile(
    r"^\s*(?:,\s*)?(?:otherwise|rather|instead|normally|usually|not|never|n't|no longer|"
    r"only|already|still|each|every|typically|(?:have|had) (?:been|\w+ed|\w+en|made|won|sold|"
    r"caught|sent|spent|got|kept|met|paid|put|done|seen|taken|given|written|brought|bought|built|"
    r"found|held|lost|read|run|said|told|left|closed))\b"
)
COUNTERFACTUAL_LATER = re.compile(r"\b(?:but|yet|whereas|instead|than)\b")
UNLESS_NOT = re.compile(
    r"\bif (?:\w+ ){0,4}?(?:weren't|wasn't|didn't|hadn't|did not|were not|was not|had not|couldn't|could not|"
    r"didn't have to|had to)\b"
)
LOST = (
    r"(?:time|hours?|days?|minutes?|weeks?|mornings?|afternoons?|evenings?|weekends?|money|revenue|"
    r"fees?|budget|capacity|attention|energy|calls?|chats?|deals?|patients?|cases?|work|effort|sleep|"
    r"shifts?|visits?|appointments?|tickets?|rooms?|orders?|renewals?|care|"
    r"claims?|jobs?|loads?|sessions?|lessons?|bookings?|seats?|covers?|spots?)"
)  # what a loss is counted in
LOSS_OBJECT = re.compile(
    rf"\b{LOST}\s+(?:(?:that|which)\s+(?:(?!who\b)\w+\s+)?|(?!(?:that|which|who)\b)\w+\s+"
    rf"(?:(?!who\b)\w+\s+)?)$"
)
# A relative clause on what is lost, a few words on: "2 hours a day per clerk that they could be
# spending on admissions" says what the lost hours would buy, a loss today.
ON_WHAT_IS_LOST = re.compile(
    rf"\b{LOST}\s+(?:[\w'-]+\s+){{0,5}}?(?:that|which)\s+(?:(?!who\b)[\w'-]+\s+){{0,3}}$"
)
# A loss placed in the future is a guess about it: "could lose bed capacity down the line".
LATER = re.compile(
    r"\b(?:down the (?:line|road|track)|eventually|one day|some ?day|in (?:the )?future|in the (?:long|medium) "
    r"(?:run|term)|in (?:a few|the coming|coming|some) (?:years|months)|in years to come|sooner or later|"
    r"at some point|next (?:year|quarter|season|decade)|over the (?:next|coming) \w+)\b"
)
CONDITION = re.compile(
    r"\b(?:if|unless|when|whenever|or|without|absent|but for|otherwise)\s+(?!(?:we|they|you|it) (?:had|have|"
    r"used|adopted|bought|got|deployed|rolled out)\b)(?:\w+\s+){0,5}$"
)
# The modal and up to three words after it, to quote: "would use an assistant".
MODAL = re.compile(
    r"(?:(?<![\w-])(?P<modal>would|could|might|will|shall)(?![\w-])|(?<=\w)(?P<short>'(?:d|ll))\b|"
    r"(?<![\w-])(?P<may>may)(?![\w-])(?=\s+(?:\w+ly\s+)?[a-z]))(?:\s+[a-z][\w'-]*){0,3}"
)


def _modal_end(match: re.Match) -> int:
    return max(match.end(name) for name in ("modal", "short", "may"))


NOT_A_MODAL = re.compile(r"\b(?:in|of|since|until|by|from|early|late|mid|end of|the|this|last|next)\s+$")


# Words that make "every X" approximate, which is still everyone: "more or less every dental clinic".
HEDGE = (
    r"(?:basically|virtually|nearly|almost|pretty much|pretty well|practically|literally|just about|more or less|"
    r"roughly|approximately|about|around|close to|effectively|essentially|near enough|by and large|broadly|all but|"
    r"well-nigh|largely|mostly|for the most part)"
)


def _anchored(prose: Prose, match: re.Match) -> bool:
    """Excuse a quantifier that a specific anchor follows: "all 9 of our dispatchers", "everyone on
    the night shift at the Leeds depot", "every nurse on ward 7"."""
    rest = prose.lower[match.end() : match.end() + 90]
    if re.match(rf"\s+(?:\d|(?:of\s+)?(?:the\s+)?{COUNTS}\b)", rest) or SPECIFIC.search(rest):
        return True
    return bool(NAMED_PLACE.search(prose.plain[match.end() : match.end() + 90]))


# A named organisation or place after "at", "in", "of"…: "everyone at Metro Ambulance"; a country
# or region is a market, not an anchor.
NAMED_PLACE = re.compile(
    rf"\b(?:at|in|on|of|for|from|with|inside|within)\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}?"
    rf"(?!(?:{PLACES})\b)[A-Z][\w'&.-]*"
)


CLAUSE = 160  # characters after a modal that are read for what it says: a clause, not the rest of the text


def _present_loss(prose: Prose, match: re.Match) -> bool:
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
    if LATER.search(clause):
        return False
    return bool(
        COUNTERFACTUAL_NEXT.match(after)
        or re.match(rf"^\s*{ADVERBS}{LOSS_VERBS}\b", after)
        or UNLESS_NOT.search(clause)
        or (re.match(r"^\s*(?:be|have been)\b", after) and COUNTERFACTUAL_LATER.search(clause))
        or LOSS_OBJECT.search(before)
        or ON_WHAT_IS_LOST.search(before)
        or CONDITION.search(before)
    )


# A later clause whose subject is someone other than the sufferer, saying what they might do:
# "…; commercial might use it later for claims", "…, and yes, ground ops have said they might want
# it one day". A pronoun ("; they would use it") or a quantifier ("; most would") is the sufferer
# still, and so is a relative clause ("…, and the planners who would use it").
ASIDE = re.compile(
    bounded(
        r"(?:[;(]|\.\s|\s[-—]\s|(?P<joined>,\s*(?:and|but|while|though|although|whereas)\b))\s*"
        r"(?:(?:yes|also|incidentally|admittedly|later|eventually|in time)\b\s*,?\s*)?"
        r"(?!(?:they|we|you|he|she|these|those|them|it|who|which|that|each|all|both|most|many|some|any|"
        r"everyone|everybody|anyone|anybody|people|users|customers)\b)"
        r"(?:(?!(?:who|which|that)\b)[\w&'-]+\s+){0,7}?(?!(?:who|which|that)\b)[\w&'-]+\s*"
        r"(?:(?:would|could|might|may|will|shall)\b|'(?:ll|d)\b|(?:is|are) (?:likely|going|set|keen|"
        r"planning|expected) to\b)"
    )
)
# What makes the words before ", and …" a sufferer of their own, not the first items of a list of them.
OWN_CLAUSE = re.compile(r"\d|\b(?:who|that|at|in|on|of|for|with|from|our|my)\b")


def sufferers_clause(prose: Prose) -> Prose:
    """Return the part of ``who`` that names the sufferer: all of it, or what comes before a
    passing remark about someone else, which is no guess about the sufferer."""
    aside = ASIDE.search(prose.lower)
    if aside is None or (aside.group("joined") and not OWN_CLAUSE.search(prose.lower, 0, aside.start())):
        return prose  # ", and drivers would …" after a bare list is the list's last item, no aside
    return prose_of(prose.text[: aside.start()])


def _counterfactual(prose: Prose, match: re.Match) -> bool:
    """Excuse "fees they would otherwise earn", "what they would have billed": a loss today."""
    return bool(re.search(r"\b(?:otherwise|instead|have|normally|usually|rather)\b", match.group()))


def _worked_on(prose: Prose, match: re.Match) -> bool:
    """Excuse people named as what the sufferer works on ("re-type prospective tenants' referencing
    forms", "qualifying potential customers")."""
    after = prose.lower[match.end() : match.end() + 30]
    owner = re.match(
        r"^(?:'s?|s')(?:\s|$)|^\s+(?:forms?|files?|applications?|documents?|records?|emails?|queries|questions|"
        r"requests|data|details|calls|enquiries|inquiries|tickets|orders|bookings|references|checks|claims|"
        r"accounts|cvs?|résumés|resumes|paperwork|messages|complaints)\b",
        after,
    )
    return bool(owner or OBJECT_OF.search(prose.lower[max(0, match.start() - 48) : match.start()]))


def _qualified(prose: Prose, match: re.Match) -> bool:
    """Excuse a short sufferer that names a specific group: a number, a place, a name, a role in one."""
    return bool(re.search(r"\d|\b(?:at|in|on|of|for|with|from|who|that|our|my)\b", prose.lower)) or any(
        word.named for word in prose.words
    )


PATTERNS = (
    Pattern(
        "hypothetical",
        "is a guess about what someone would do or get, not a loss today",
        MODAL,
        unless_before=NOT_A_MODAL,
        unless=_present_loss,
        fields=("sufferer.who",),
    ),
    Pattern(
        "hypothetical",
        "is a guess about what someone would do or get, not a loss today",
        MODAL,
        unless_before=re.compile(NOT_A_MODAL.pattern + r"|\b(?:that|which)\s+$"),
        unless=_present_loss,
        fields=("sufferer.losing",),
    ),
    Pattern(
        "would-be-use",
        "speaks of who would use or benefit from it, a guess about the future",
        re.compile(
            rf"\b(?:ends? up|end(?:ing)? up|likely to|going to|set to|poised to|keen to|about to)\s+{ADVERBS}(?:use|using|"
            rf"adopt|adopting|buy|buying|licen[cs]ing|licen[cs]e|subscribe|subscribing|switch|switching|pay|paying|sign up|"
            rf"signing up|trial|trialling|try|trying|pilot|piloting|test|testing|roll out)\b|"
            rf"\bonce (?:they|we|it|he|she|the \w+|\w+s) (?:trust|adopt|buy|have|get|switch|try|see|sign|start|"
            rf"roll out|deploy|integrate|embed|license|licence|signs? off|approves?|agrees?|buys? in|gets? budget|"
            rf"says? yes)\b|\b(?:once|when|after|as soon as) (?:[\w'-]+\s+){{0,3}}?"
            rf"(?:is|are|gets?|has been|have been) (?:embedded|adopted|deployed|rolled out|live|launched|in place|"
            rf"available|integrated|released|switched on|turned on)\b"
        ),
        unless_before=NEGATED,
    ),
    Pattern(
        "would-be-user",
        "names people who might become users, not people losing today",
        re.compile(
            rf"\b(?:potential|prospective|future|possible|hypothetical|would-be|intended|eventual|likely|interested|"
            rf"target|ideal|expected|anticipated|early)\s+(?:[\w'-]+\s+){{0,2}}?{PEOPLE}\b"
        ),
        unless=_worked_on,
    ),
    Pattern(
        "pipeline",
        "is a sales pipeline, people who might buy, not people losing today",
        re.compile(
            r"\b(?:wait-?list(?:ed)?|waiting list|sign-?ups|beta (?:testers|users|list|sign-?ups)|trial users|"
            r"free-trial users|demo requests?|inbound interest|webinar (?:attendees|sign-?ups|registrants)|"
            r"attended (?:our|the) (?:webinar|demo|event|talk|roundtable|meetup)|(?:stopped|came) by (?:our|the) "
            r"(?:stand|booth|stall)|visited (?:our|the) (?:stand|booth|stall|website|landing page)|booth visitors|"
            r"newsletter subscribers|mailing list|icp|ideal customer profile|target (?:persona|segment|market|audience)|"
            r"our next (?:\d[\d,]*|few|wave|cohort|batch|hundred|thousand)|landing page|lookalike audience|"
            r"prospect list|sales pipeline|(?:millions|billions|thousands|tens of thousands|hundreds of thousands|"
            r"hundreds of millions) of (?:[\w'-]+\s+)?[\w'-]+s\b|(?:in|from|through) (?:our|the) (?:sales )?(?:pipeline|funnel)|"
            r"signed (?:an? )?(?:lois?|letters? of intent|mous?|nda to (?:trial|pilot))|to (?:trial|pilot|try out|test-drive|"
            r"beta[- ]test)|(?:asked for|requested|booked|signed up for) (?:an? )?(?:demo|trial|quote|pricing|proposal|"
            r"sales call|discovery call)|newsletter list|clicked (?:the |our )?(?:demo|link|ad|email)|demo link|"
            r"opened our (?:email|newsletter)|(?:the|our) next \d[\d,]*|as (?:buyers|customers|clients|a market|"
            r"a segment|prospects|targets)|procurement cycles?|sales cycles?|sticky|picture (?:a|an)|imagine (?:a|an)|"
            r"who (?:this|it) is for|^tomorrow's|the next generation of|next-gen|up-and-coming|new entrants|"
            r"now entering|digital[- ]native|next (?:year|quarter|season)|in the (?:near )?future|"
            r"next (?:wave|cohort|batch|round|generation) of|our (?:next|future|first) "
            r"(?:[\w-]+ )?(?:customers|clients|users|buyers|accounts)|(?:ed|mar|legal|health|fin|hr |prop|insur)?tech "
            r"(?:buyers|purchasers|shoppers)|(?:software|saas|tool|technology|ai|it) (?:buyers|purchasers|shoppers|"
            r"decision[- ]makers|budget[- ]holders)|economic buyers|budget[- ]holders|decision[- ]makers)\b"
        ),
        fields=("sufferer.who",),
    ),
    Pattern(
        "pipeline",
        "is a sales pipeline, people who might buy, not people losing today",
        re.compile(
            r"\b(?:if they (?:convert|sign|buy|close|renew|upgrade)|qualified leads|pipeline of|sales pipeline|"
            r"(?:leads|prospects|deals) (?:worth|in the pipeline))\b"
        ),
        fields=("sufferer.losing",),
    ),
    Pattern(
        "bare-category",
        "is a whole category of organisations, a market, not a specific group losing today",
        re.compile(rf"^(?:the\s+)?(?:(?![\w-]+ing\b)[\w'-]+\s+){{0,3}}{ORGANISATIONS}\.?$"),
        unless=_qualified,
        fields=("sufferer.who",),
    ),
    Pattern(
        "early-adopter",
        "describes an appetite for technology, not a loss",
        re.compile(
            r"\b(?:early adopters?|innovators|first movers|forward[- ]thinking|ai[- ]curious|tech[- ]savvy|digitally mature|"
            r"ai[- ]ready|ai[- ]first|ai[- ]native|innovation[- ]minded|future[- ]ready|tech[- ]forward)\b"
        ),
    ),
    Pattern(
        "intent-to-adopt",
        "describes a would-be buyer, not someone losing today",
        re.compile(
            rf"\b(?:exploring|explore|evaluating|evaluate|considering|consider|piloting|trialling|trialing|trying out|"
            rf"researching|shopping (?:around )?for|looking (?:at|for|into|to)|look for|thinking (?:about|of)|interested in|"
            rf"interest in|curious about|keen (?:on|to)|eager to|open to|planning to|plan to|hoping to|hope to|"
            rf"want(?:ing)? to|wish(?:ing)? to|aiming to|ready to|in the market for|on the lookout for|asking (?:about|for)|"
            rf"excited about|excitement about|enthusiasm for|demand for|appetite for|buzz around|investigating|scoping|"
            rf"assessing|weighing|seeking|seek|searching(?: for)?|search(?: for)?|budgeting for|dreaming of|toying with|"
            rf"experimenting with|playing with|comparing|shortlisting|selecting|choosing|procuring|sourcing|"
            rf"tendering for|demoing|kicking the tyres on|kicking the tires on|asked for|would like|eyeing|eying|mulling|"
            rf"contemplating|pondering|keeping an eye on|watching|circling)\s+"
            rf"(?:[\w'-]+\s+){{0,3}}?(?:{TECH}|investments?|purchases?|upgrades?)\b"
        ),
        unless_before=NEGATED,
    ),
    Pattern(
        "eager-to-try",
        "describes a would-be buyer, not someone losing today",
        re.compile(
            r"\b(?:eager|keen|excited|itching|dying|desperate|raring|happy|ready|willing|can't wait|cannot wait|looking|"
            r"planning|hoping|aiming|wanting|want|wish|plan|seeking|intend|intending|about) to "
            r"(?:try|test|use|adopt|pilot|buy|get|start|switch|roll out|modernise|modernize|automate|digitise|digitize|"
            r"upgrade|innovate|transform|experiment|explore|invest|replace|switch|move|migrate|overhaul|revamp|"
            r"reinvent|rethink|reimagine)\b"
        ),
    ),
    Pattern(
        "appetite",
        "is an appetite or a budget for technology, not a loss",
        re.compile(
            rf"\b{TECH}\s+(?:[\w'-]+\s+){{0,2}}?(?:budgets?|roadmaps?|journey|strategy|initiatives?|pilots?|ambitions?|plans?|"
            rf"transformation|mandate|appetite|hype|readiness|maturity|agenda|wishlist|wish list)\b|"
            rf"\b(?:appetite|budgets?|rfps?|rfis?|tenders?|mandate|enthusiasm|earmarked \w+|allocated \w+|set aside \w+|"
            rf"approved|funding|money|roadmap|on their roadmap|on the roadmap|planning|plan|plans)\s+(?:for|in|on|to)?\s*"
            rf"(?:[\w'-]+\s+){{0,2}}?"
            rf"(?:ai|a\.i\.|gen[- ]?ai|generative ai|llms?|copilots?|chat ?bots?|automation|machine learning|agents?|"
            rf"ai [\w-]+|[\w-]*moderni[sz]ation spend|[\w-]+ spend)\b|\bover the next (?:\w+ )?(?:years?|months?|"
            rf"quarters?|decade)\b"
        ),
    ),
    Pattern(
        "everyone",
        "is everyone, so no one in particular",
        re.compile(
            r"\b(?:every(?:one|body)|any(?:one|body)|whoever|all of us|the (?:general )?public|society|humanity|mankind|"
            r"the whole world|all humans|basically everybody|the masses)\b"
        ),
        unless=_anchored,
        fields=("sufferer.who",),
    ),
    Pattern(
        "people-in-general",
        "is people in general, not a specific group losing today",
        re.compile(
            r"^(?:people|folks|humans|individuals|anyone|everybody|everyone|consumers|users|professionals) "
            r"(?:who|that|with|in general)\b"
        ),
        fields=("sufferer.who",),
    ),
    Pattern(
        "generic-population",
        "is a whole population, not a specific group losing today",
        re.compile(rf"^(?:{HEDGE}\s+)?(?:every|all|any|most|each)\s+(?!\d)(?!of\b)(?!the\b)[\w'-]+"),
        unless=_anchored,
        fields=("sufferer.who",),
    ),
    Pattern(
        "bare-category",
        "is a whole category of people, not a specific group losing today",
        re.compile(
            rf"^(?:the (?:whole |entire )?)?(?:(?:small|large|big|busy|modern|typical|average|regular|ordinary|"
            rf"mid-?size[d]?|medium-sized|medium|many|most|all|today's|global|local|independent|online|digital|remote|"
            rf"hybrid|and)\s+)*(?:{POPULATIONS}|{INDUSTRIES})(?:\s+(?:industry|sector|space|market|world|vertical|"
            rf"businesses|companies))?\.?$"
        ),
        fields=("sufferer.who",),
    ),
    Pattern(
        "whole-industry",
        "is a whole industry, not a specific group losing today",
        re.compile(
            r"\bthe (?:whole|entire|wider|global|broader) (?:[\w'-]+ ){0,2}?(?:industry|sector|market|profession|"
            r"world|space|ecosystem|economy)\b|^the (?:industry|market|sector|profession)\b|\bup for grabs\b|"
            r"\b(?:segment|sector|market|industry|profession|category|vertical|population)s? (?:as a whole|at large)\b|"
            r"\b(?:chunk|share|slice|piece|part) of the (?:[\w-]+ )?market\b|\b(?:big and small|large and small|small and large|great and small|"
            r"of any size|of every size|any size|all sizes)\b"
        ),
    ),
    Pattern(
        "everywhere",
        "spans a whole market, not a specific group losing today",
        re.compile(
            rf"\b(?:everywhere|wherever|worldwide|world-wide|globally|across the (?:world|globe|country|industry|board|planet)|"
            rf"around the (?:world|globe)|of (?:all|every|any) (?:sizes?|kinds?|types?|shapes?|stripes|sectors|industries)|"
            rf"(?:in )?(?:every|any|all) (?:industry|industries|sector|sectors|country|countries|vertical|verticals|"
            rf"market|markets)|across (?:all |many |every )?(?:industries|sectors|verticals|markets|geographies)|"
            rf"(?:across|throughout|all over|around) {REGIONS}|in general|generally|broadly speaking|at large|nationwide|"
            rf"anywhere|\d{{1,3}}(?:,\d{{3}})+ of them|"
            rf"all over the (?:world|country|place)|with (?:more|fewer|less|over|under|at least) (?:than )?\d[\d,]* "
            rf"(?:employees|staff|people|seats|users|locations))\b"
        ),
        unless=_anchored,
    ),
    Pattern(
        "market-size",
        "is the size of a market, not who is losing today",
        re.compile(
            rf"\b(?:tam|sam|som|total addressable|addressable market|serviceable (?:available|obtainable)|"
            rf"market (?:size|share|opportunity|worth|valued|value|cap|sizing)|sizing model|the mid-market\b(?!\s+\w)|"
            rf"a (?:huge|massive|big|large|growing|untapped|underserved|lucrative|multi-billion|billion-dollar|"
            rf"[\w-]*-growing|booming|emerging|attractive|hot|expanding|sizeable|sizable) "
            rf"(?:[\w'-]+ )?(?:market|opportunity|segment|industry|niche)|emerging markets|cagr|underserved niche|beachhead|"
            rf"(?:segment|market|sector|industry|niche|category) (?:is |are )?(?:growing|worth|valued|expanding)|"
            rf"as a segment|annual spend|\byoy\b|year[- ](?:on|over)[- ]year|"
            rf"growing (?:at )?\d+(?:\.\d+)?% (?:a|per|each) year|billion[- ]dollar (?:market|industry|opportunity|space|sector)|"
            rf"multi[- ]billion)\b|{MONEY}\s+(?:[\w'-]+\s+){{0,3}}?(?:market|opportunity|industry|sector|segment|space|category|"
            rf"spend|tam|niche)\b"
        ),
    ),
    Pattern(
        "market-count",
        "counts a market, not a specific group losing today",
        re.compile(
            rf"\b{BIG_COUNT}\s+(?:of\s+)?(?:[\w'-]+\s+){{0,2}}?[\w'-]+s\s+(?:in|across|throughout|around|within)\s+"
            rf"(?:the\s+)?{REGIONS}\b|\b(?:millions|billions|hundreds of millions|tens of millions) of (?:[\w'-]+\s+)?"
            rf"{GENERIC_ROLES}\b"
        ),
    ),
    Pattern(
        "future-benefit",
        "is a benefit hoped for, not a loss today",
        re.compile(
            r"\b(?:stand to|set to|expected to|projected to|going to|poised to|likely to)\s+"
            r"(?:[\w'-]+\s+){0,2}?(?:save|gain|benefit|free up|reclaim|recover|get back|earn|boost|increase|improve|"
            r"cut|reduce|shave|win|unlock|enjoy|accelerate|see|deliver|generate|drive)\b"
            r"|\b(?:after|once|when|as soon as|post)[- ](?:the |our |it |we |they |this )?(?:product |tool |app |feature |"
            r"pilot |system |v\d |[\w-]+ integration )?(?:launch|launches|launched|lands|go-live|go live|goes live|rollout|"
            r"roll-out|rolls out|is rolled out|ships|shipped|deploy|deployment|is deployed|release|is released|is live|"
            r"adoption|adopt it|adopt|is available)\b"
            r"|\b(?:expect|expects|expected|hope|hopes|anticipate|anticipates|believe|think|estimate|reckon)s? "
            r"(?:[\w'-]+ ){0,3}?to (?:save|cut|reduce|free|gain|improve|speed|help|boost|increase|halve|shorten)\b"
            r"|\bif (?:we|they|you|it) (?:had|have|used|adopted|bought|got|deployed|rolled out) (?:an? |the |this )?"
            r"(?:ai|a\.i\.|automation|the tool|this|it|a tool|a bot|a copilot|an assistant)\b"
            r"|\b(?:after|once|when) (?:they|we|customers|users|clients|teams|people|staff) (?:onboard|adopt|start using|"
            r"switch|sign up|go live|launch|buy|subscribe|upgrade|roll it out)\b"
            r"|\b(?:potential|projected|expected|estimated|forecast|anticipated|possible|hypothetical|promised|future|"
            r"target(?:ed)?)\s+(?:annual\s+|yearly\s+|monthly\s+)?(?:savings?|gains?|benefits?|upside|roi|revenue|uplift|"
            r"time savings|efficiency gains?|productivity gains?)\b|\b(?:projected|forecasted|anticipated|hoped[- ]for)\b|\b(?:can|should|could|would|will)\s+(?:[\w'-]+\s+){0,2}?(?:reduce|cut|save|shave|"
            r"halve|free up|speed up|shorten|eliminate|remove|boost|increase|improve|gain|benefit)\b|\b(?:roi|return on investment|payback|upside|uplift|lift in|deflection|"
            r"efficiency gains?|productivity gains?|time[- ]to[- ]value)\b|\b(?:opportunity|potential|chance|possibility|"
            r"scope) to\b"
        ),
        unless_before=re.compile(r"\b(?:not|never|cannot|can't|won't|couldn't|wouldn't)\s+$"),
        unless=_counterfactual,
    ),
)
