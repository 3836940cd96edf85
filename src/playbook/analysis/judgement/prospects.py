"""How a sufferer to come is spoken of, the pieces of PB101's patterns (``sufferer.py``): taking
it up once it is live, a buyer weighing up a purchase, a sales pipeline, an appetite or a budget
for technology, everyone, a market by its size or its reach, a benefit hoped for."""

from __future__ import annotations

from playbook.analysis.judgement.words import MONEY, one_of

# The pieces of the patterns, each a way of speaking of a sufferer to come.
ON_THE_WAY_TO = one_of("ends? up, end(?:ing)? up, likely to, going to, set to, poised to, keen to, about to")
TAKING_IT_UP = one_of(
    """use, using, adopt, adopting, buy, buying, licen[cs]ing, licen[cs]e, subscribe, subscribing, switch,
    switching, pay, paying, sign up, signing up, trial, trialling, try, trying, pilot, piloting, test,
    testing, roll out"""
)
ONCE_THEY = r"\bonce (?:they|we|it|he|she|the \w+|\w+s) " + one_of(
    """trust, adopt, buy, have, get, switch, try, see, sign, start, roll out, deploy, integrate, embed,
    license, licence, signs? off, approves?, agrees?, buys? in, gets? budget, says? yes"""
)
ONCE_IT_IS_LIVE = (
    # A launch happens to the product, once; what happens to any one item ("when a box is released to
    # the wrong haulier") is how the work goes today.
    r"\b(?:once|when|after|as soon as) (?!(?:an?|any|each|every|one)\s)(?:[\w'-]+\s+){0,3}?"
    r"(?:is|are|gets?|has been|have been) "
    + one_of(
        """embedded, adopted, deployed, rolled out, live, launched, in place, available, integrated,
        released, switched on, turned on"""
    )
)
WOULD_BE = one_of(
    """potential, prospective, future, possible, hypothetical, would-be, intended, eventual, likely,
    interested, target, ideal, expected, anticipated, early"""
)
# Words that make a guess of whatever they qualify, people or gains ("prospective renters",
# "would-be franchisees", "eventual savings"), where "potential" or "future" may qualify a thing
# of today ("potential duplicates") and are a guess only of people.
TO_COME_OF_ANYTHING = one_of("prospective, would-be, eventual, hypothetical")
# Whoever those qualify is a person when "who" follows: "potential applicants who give up halfway".
TO_COME_OF_PEOPLE = one_of("potential, possible, future, target, intended")
# A sales pipeline: people who signed up, came by, or are targeted, but lose nothing yet.
SIGNED_UP = (
    r"wait-?list(?:ed)?|waiting list|sign-?ups|beta (?:testers|users|list|sign-?ups)|trial users|"
    r"free-trial users|demo requests?|inbound interest|webinar (?:attendees|sign-?ups|registrants)"
)
CAME_BY = (
    r"attended (?:our|the) (?:webinar|demo|event|talk|roundtable|meetup)|"
    r"(?:stopped|came) by (?:our|the) (?:stand|booth|stall)|"
    r"visited (?:our|the) (?:stand|booth|stall|website|landing page)|booth visitors|newsletter subscribers|"
    r"mailing list"
)
TARGETED = (
    r"icp|ideal customer profile|target (?:persona|segment|market|audience)|"
    r"our next (?:\d[\d,]*|few|wave|cohort|batch|hundred|thousand)|landing page|lookalike audience|"
    r"prospect list|sales pipeline"
)
MASSES = (
    r"(?:millions|billions|thousands|tens of thousands|hundreds of thousands|hundreds of millions) of "
    r"(?:[\w'-]+\s+)?[\w'-]+s\b"
)
IN_THE_FUNNEL = (
    r"(?:in|from|through) (?:our|the) (?:sales )?(?:pipeline|funnel)|"
    r"signed (?:an? )?(?:lois?|letters? of intent|mous?|nda to (?:trial|pilot))|"
    r"to (?:trial|pilot|try out|test-drive|beta[- ]test)|"
    r"(?:asked for|requested|booked|signed up for) (?:an? )?"
    r"(?:demo|trial|quote|pricing|proposal|sales call|discovery call)|"
    r"newsletter list|clicked (?:the |our )?(?:demo|link|ad|email)|demo link|opened our (?:email|newsletter)|"
    r"(?:the|our) next \d[\d,]*"
)
AS_BUYERS = (
    r"as (?:buyers|customers|clients|a market|a segment|prospects|targets)|procurement cycles?|"
    r"sales cycles?|sticky|picture (?:a|an)|imagine (?:a|an)|who (?:this|it) is for"
)
TO_COME = (
    r"^tomorrow's|the next generation of|next-gen|up-and-coming|new entrants|now entering|"
    r"digital[- ]native|next (?:year|quarter|season)|in the (?:near )?future|"
    r"next (?:wave|cohort|batch|round|generation) of|"
    r"our (?:next|future|first) (?:[\w-]+ )?(?:customers|clients|users|buyers|accounts)"
)
TECH_BUYERS = (
    r"(?:ed|mar|legal|health|fin|hr |prop|insur)?tech (?:buyers|purchasers|shoppers)|"
    r"(?:software|saas|tool|technology|ai|it) "
    r"(?:buyers|purchasers|shoppers|decision[- ]makers|budget[- ]holders)|"
    r"economic buyers|budget[- ]holders|decision[- ]makers"
)
EARLY_ADOPTERS = one_of(
    """early adopters?, innovators, first movers, forward[- ]thinking, ai[- ]curious, tech[- ]savvy,
    digitally mature, ai[- ]ready, ai[- ]first, ai[- ]native, innovation[- ]minded, future[- ]ready,
    tech[- ]forward"""
)
# Weighing up a purchase: "exploring AI", "shopping around for a tool", "kicking the tyres on".
WEIGHING_UP = one_of(
    """exploring, explore, evaluating, evaluate, considering, consider, piloting, trialling, trialing,
    trying out, researching, shopping (?:around )?for, looking (?:at|for|into|to), look for,
    thinking (?:about|of), interested in, interest in, curious about, keen (?:on|to), eager to, open to,
    planning to, plan to, hoping to, hope to, want(?:ing)? to, wish(?:ing)? to, aiming to, ready to,
    in the market for, on the lookout for, asking (?:about|for), excited about, excitement about,
    enthusiasm for, demand for, appetite for, buzz around, investigating, scoping, assessing, weighing,
    seeking, seek, searching(?: for)?, search(?: for)?, budgeting for, dreaming of, toying with,
    experimenting with, playing with, comparing, shortlisting, selecting, choosing, procuring, sourcing,
    tendering for, demoing, kicking the tyres on, kicking the tires on, asked for, would like, eyeing,
    eying, mulling, contemplating, pondering, keeping an eye on, watching, circling"""
)
EAGER = one_of(
    """eager, keen, excited, itching, dying, desperate, raring, happy, ready, willing, can't wait,
    cannot wait, looking, planning, hoping, aiming, wanting, want, wish, plan, seeking, intend,
    intending, about"""
)
TO_CHANGE = one_of(
    """try, test, use, adopt, pilot, buy, get, start, switch, roll out, modernise, modernize, automate,
    digitise, digitize, upgrade, innovate, transform, experiment, explore, invest, replace, switch, move,
    migrate, overhaul, revamp, reinvent, rethink, reimagine"""
)
PLANS = one_of(
    """budgets?, roadmaps?, journey, strategy, initiatives?, pilots?, ambitions?, plans?, transformation,
    mandate, appetite, hype, readiness, maturity, agenda, wishlist, wish list"""
)
MONEY_SET_ASIDE = one_of(
    r"""appetite, budgets?, rfps?, rfis?, tenders?, mandate, enthusiasm, earmarked \w+, allocated \w+,
    set aside \w+, approved, funding, money, roadmap, on their roadmap, on the roadmap, planning, plan,
    plans"""
)
AI_SPEND = one_of(
    r"""ai, a\.i\., gen[- ]?ai, generative ai, llms?, copilots?, chat ?bots?, automation, machine learning,
    agents?, ai [\w-]+, [\w-]*moderni[sz]ation spend, [\w-]+ spend"""
)
# Society with an article is an organisation ("editors at a society journal"); bare, it is everyone.
EVERYONE = one_of(
    r"""every(?:one|body), any(?:one|body), whoever, all of us, the (?:general )?public,
    (?<!\ba )(?<!\bthe )(?<!\bour )society, humanity, mankind, the whole world, all humans,
    basically everybody, the masses"""
)
# A span from the bottom of a workplace to its head is everybody there, wherever it is: "…, from the
# operators to the site director", "…, from interns up to the CEO", "from the shop floor to the board".
HEADS = one_of(
    r"""ceo, cfo, coo, cto, md, managing director, [\w-]+ director, directors?, board, boardroom, c-suite,
    c-level, executives?, exec team, leadership(?: team)?, senior leadership, senior management, top,
    partners, owners?, founders?, principal, head ?teacher, headmaster, chief [\w-]+, chair, president,
    vice presidents?, general manager, site manager, plant manager, store manager, branch manager"""
)
BOTTOM = one_of(
    """bottom, shop floor, front line, frontline, juniors, apprentices, interns, trainees, cleaners, porters,
    newest starters?, most junior [\\w-]+"""
)
DOWN_FROM_THE_TOP = (
    rf"from\s+(?:the\s+|our\s+)?{HEADS}\s+(?:(?:all the way|right|straight)\s+)?"
    rf"(?:down\s+to\b|to\s+(?:the\s+)?{BOTTOM}\b)"
)
# Every level of a workplace is everybody there: "staff at every level of the trust", "top to bottom".
EVERY_LEVEL = (
    r"(?:at|of|across|on) (?:every|all|each) (?:levels?|grades?|ranks?|tiers?)"
    r"(?=\s*$|\s*[,.;)]|\s+(?:of|in|across|at)\s+(?:the|our|a|an|this|that)\b)|(?:from )?top to bottom\b"
)
UP_TO_THE_TOP = (
    r"(?:(?:all the way|right)\s+)?"
    rf"(?:from\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?[\w'-]+|(?:the\s+)?{BOTTOM})\s+"
    r"(?:(?:all the way|right|straight)\s+)?(?:up\s+|through\s+)?to\s+(?:the\s+|our\s+)?"
    rf"(?:[\w'-]+\s+){{0,2}}?{HEADS}\b"
)
RANK_SPAN = (
    rf"(?:(?:[,;(\u2013\u2014]|\s-)\s*|\b{EVERYONE}\s+(?:[\w'-]+\s+){{0,4}}?|\b(?={DOWN_FROM_THE_TOP}|{EVERY_LEVEL}))"
    rf"(?P<span>(?:(?:all the way|right)\s+)?{DOWN_FROM_THE_TOP}|{UP_TO_THE_TOP}|{EVERY_LEVEL})"
)
# What a category of organisations wants makes it a market to sell to, not a group losing today:
# "online fashion retailers looking to cut their return rates", "clinics that want fewer no-shows".
WANTING = (
    r"(?:\s+(?:in|across|throughout|around)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?[\w'-]+)?\s*,?\s+"
    r"(?:(?:who|that|which)\s+(?:are\s+|would\s+|all\s+)?(?:\w+ly\s+)?"
    r"(?:wants?|wish(?:es)?|hopes?|aims?|seeks?|needs? to|would like|'d like|looking|look to|keen|eager|"
    r"hoping|aiming|trying|striving|desperate|itching)|"
    r"(?:looking|wanting|wishing|hoping|aiming|seeking|keen|eager|striving|trying|desperate|itching|"
    r"eyeing|in search of|on the hunt for|interested in|after)\b)"
)
# Words that make "every X" approximate, which is still everyone: "more or less every dental clinic".
HEDGE = one_of(
    """basically, virtually, nearly, almost, pretty much, pretty well, practically, literally, just about,
    more or less, roughly, approximately, about, around, close to, effectively, essentially, near enough,
    by and large, broadly, all but, well-nigh, largely, mostly, for the most part"""
)
SIZES = one_of(
    """small, large, big, busy, modern, typical, average, regular, ordinary, mid-?size[d]?, medium-sized,
    medium, many, most, all, today's, global, local, independent, online, digital, remote, hybrid, and"""
)
# A segment of a market, the sufferer named as one or sized as one: "…, a segment we estimate at
# £180m", "centres in this segment", and what is typical of it by industry research.
SEGMENT = "(?:segment|vertical|niche)"
A_SEGMENT = (
    rf"(?:,|;|\s-|—|\()\s*(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?(?:{SEGMENT}|market)\b|"
    rf"\b(?:this|that|each|whole|entire) (?:[\w-]+ )?{SEGMENT}s?\b|"
    rf"\b(?:{SEGMENT}|market|sector)s?\b[^.;]{{0,20}}?\b(?:we |they |analysts )?"
    r"(?:estimate[ds]?|value[ds]?|valued|size[ds]?|sized|put|reckon(?:ed)?)\s+(?:it\s+|them\s+)?at\b"
)
INDUSTRY_RESEARCH = (
    r"\b(?:according to|per|from|based on|citing) (?:the |an? |recent |published )?"
    r"(?:industry|market|sector|analyst|trade[- ]body|trade association)s? "
    r"(?:surveys?|reports?|research|data|studies|figures|estimates|benchmarks?|averages?)\b|"
    r"\bindustry (?:surveys?|averages?|estimates|figures|research|studies) "
    r"(?:show|suggest|say|put|estimate)\b"
)
WHOLE_INDUSTRY = (
    r"\bthe (?:whole|entire|wider|global|broader) (?:[\w'-]+ ){0,2}?"
    r"(?:industry|sector|market|profession|world|space|ecosystem|economy)\b|"
    r"^the (?:industry|market|sector|profession)\b|\bup for grabs\b|"
    # A sufferer named as a market, however it is then counted: "The Dutch pet insurance market, some 30
    # insurers".
    r"^(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,4}?(?:market|industry|sector)(?=\s*(?:$|[,;:(]|\s[-\u2013\u2014]))|"
    r"\b(?:segment|sector|market|industry|profession|category|vertical|population)s? "
    r"(?:as a whole|at large)\b|"
    r"\b(?:chunk|share|slice|piece|part) of the (?:[\w-]+ )?market\b|"
    r"\b(?:big and small|large and small|small and large|great and small|of any size|of every size|any size|"
    r"all sizes)\b"
)
ACROSS_THE_BOARD = (
    r"everywhere|wherever|worldwide|world-wide|globally|"
    r"across the (?:world|globe|country|industry|board|planet)|around the (?:world|globe)|"
    r"of (?:all|every|any) (?:sizes?|kinds?|types?|shapes?|stripes|sectors|industries)|"
    r"(?:in )?(?:every|any|all) "
    r"(?:industry|industries|sector|sectors|country|countries|vertical|verticals|market|markets)|"
    r"across (?:all |many |every )?(?:industries|sectors|verticals|markets|geographies)"
)
IN_GENERAL = (
    r"in general|generally|broadly speaking|at large|nationwide|nation-wide|nationally|countrywide|"
    r"country-wide|internationally|up and down the country|anywhere|\d{1,3}(?:,\d{3})+ of them|"
    r"all over the (?:world|country|place)|"
    r"with (?:more|fewer|less|over|under|at least) (?:than )?\d[\d,]* "
    r"(?:employees|staff|people|seats|users|locations)"
)
MARKET_TALK = (
    r"tam|sam|som|total addressable|addressable market|serviceable (?:available|obtainable)|"
    r"market (?:size|share|opportunity|worth|valued|value|cap|sizing)|sizing model|the mid-market\b(?!\s+\w)|"
    r"a (?:huge|massive|big|large|growing|untapped|underserved|lucrative|multi-billion|billion-dollar|"
    r"[\w-]*-growing|booming|emerging|attractive|hot|expanding|sizeable|sizable) "
    r"(?:[\w'-]+ )?(?:market|opportunity|segment|industry|niche)|"
    r"emerging markets|cagr|underserved niche|beachhead|"
    r"(?:segment|market|sector|industry|niche|category) (?:is |are )?(?:growing|worth|valued|expanding)|"
    r"as a segment|annual spend|\byoy\b|year[- ](?:on|over)[- ]year|"
    r"growing (?:at )?\d+(?:\.\d+)?% (?:a|per|each) year|"
    r"billion[- ]dollar (?:market|industry|opportunity|space|sector)|multi[- ]billion"
)
MARKET_MONEY = (
    rf"{MONEY}\s+(?:[\w'-]+\s+){{0,3}}?"
    r"(?:market|opportunity|industry|sector|segment|space|category|spend|tam|niche)\b"
)
SAVED_LATER = one_of(
    """save, gain, benefit, free up, reclaim, recover, get back, earn, boost, increase, improve, cut,
    reduce, shave, win, unlock, enjoy, accelerate, see, deliver, generate, drive"""
)
AFTER_LAUNCH = (
    r"\b(?:after|once|when|as soon as|post)[- ](?:the |our |it |we |they |this )?"
    r"(?:product |tool |app |feature |pilot |system |v\d |[\w-]+ integration )?"
    + one_of(
        """launch, launches, launched, lands, go-live, go live, goes live, rollout, roll-out, rolls out,
        is rolled out, ships, shipped, deploy, deployment, is deployed, release, is released, is live,
        adoption, adopt it, adopt, is available"""
    )
    + r"\b"
)
EXPECTED_TO_SAVE = (
    r"\b(?:expect|expects|expected|hope|hopes|anticipate|anticipates|believe|think|estimate|reckon)s? "
    r"(?:[\w'-]+ ){0,3}?to (?:save|cut|reduce|free|gain|improve|speed|help|boost|increase|halve|shorten)\b"
)
IF_THEY_HAD_IT = (
    r"\bif (?:we|they|you|it) (?:had|have|used|adopted|bought|got|deployed|rolled out) (?:an? |the |this )?"
    r"(?:ai|a\.i\.|automation|the tool|this|it|a tool|a bot|a copilot|an assistant)\b"
)
ONCE_THEY_ADOPT = (
    r"\b(?:after|once|when) (?:they|we|customers|users|clients|teams|people|staff) "
    r"(?:onboard|adopt|start using|switch|sign up|go live|launch|buy|subscribe|upgrade|roll it out)\b"
)
PROJECTED_GAINS = (
    r"\b(?:potential|projected|expected|estimated|forecast|anticipated|possible|hypothetical|promised|future|"
    r"target(?:ed)?)\s+(?:annual\s+|yearly\s+|monthly\s+)?"
    r"(?:savings?|gains?|benefits?|upside|roi|revenue|uplift|time savings|efficiency gains?|"
    r"productivity gains?)\b|\b(?:projected|forecasted|anticipated|hoped[- ]for)\b"
)
COULD_CUT = (
    r"\b(?:can|should|could|would|will)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:reduce|cut|save|shave|halve|free up|speed up|shorten|eliminate|remove|boost|increase|improve|gain|"
    r"benefit)\b"
)
RETURNS = (
    r"\b(?:roi|return on investment|payback|upside|uplift|lift in|deflection|efficiency gains?|"
    r"productivity gains?|time[- ]to[- ]value)\b|\b(?:opportunity|potential|chance|possibility|scope) to\b"
)
# A loss or a population spread across a kind of organisation, or a whole chain or sector, is a
# market's: "lost across English highway authorities", "late payment right across the supply chain";
# where the organisations are counted, owned or someone's ("across our three depots", "across the
# group's hotels") they are a group.
MARKET_ORGANISATIONS = one_of(
    """authorities, councils, municipalities, insurers, banks, lenders, carriers, retailers, merchants, firms,
    companies, businesses, practices, hospitals, clinics, schools, universities, colleges, manufacturers,
    suppliers, distributors, wholesalers, contractors, smes, smbs, utilities, providers, pharmacies,
    charities, landlords, farms, hotels, restaurants, agencies, trusts, operators, brands, startups"""
)
NOT_THEIRS = r"(?!(?:our|my|its|their|both|several|each|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
ACROSS_A_KIND = (
    rf"(?:across|throughout)\s+(?:the\s+)?(?:{NOT_THEIRS}[a-z][a-z-]*\s+){{0,3}}?"
    rf"(?:{MARKET_ORGANISATIONS}|(?:supply|value) chains?|sector|industry|economy|profession)"
)
# A population placed in a country, a region or a sector is a market, whatever else it says of them:
# "SME merchants in Europe using our card acquiring product", "SME contractors in the UK construction
# sector"; a workplace there ("our claims team in the UK office") is where a group works.
SECTOR = r"(?:[\w'-]+\s+){0,3}?(?:sector|industry|trade|profession|economy)"
