"""Where an accuracy can come from other than the workflow's own work, the vocabulary of PB201's
patterns (``evaluation.py``): public benchmarks by name, public data, the seller and what the
seller says, figures heard second-hand, and exams."""

from __future__ import annotations

from playbook.analysis.judgement.words import either, one_of, phrases
from playbook.lazyregex import regex

BENCHMARK_NAMES = phrases(
    """mmlu, mmlu-pro, hellaswag, gsm8k, gsm-8k, humaneval, human eval, humaneval+, mbpp, swe-bench,
    swebench, swe bench, big-bench, bigbench, big bench, bbh, arc-agi, arc-challenge, arc-easy,
    truthfulqa, lmsys, chatbot arena, lm arena, lmarena, superglue, squad2, squad 2.0, winogrande,
    mt-bench, mt bench, alpacaeval, alpaca eval, gpqa, math-500, aime, medqa, medmcqa, pubmedqa, usmle,
    legalbench, cuad, finqa, tatqa, convfinqa, docvqa, funsd, sroie, rvl-cdip, chartqa, textvqa, boolq,
    piqa, siqa, openbookqa, commonsenseqa, naturalquestions, natural questions, triviaqa, hotpotqa,
    ms marco, msmarco, beir, mteb, conll, conll-2003, ontonotes, xsum, cnn/dailymail, cnn/dm, samsum,
    flores, open llm leaderboard, livebench, livecodebench, codeforces, ifeval, bfcl, tau-bench,
    webarena, osworld, agentbench, mmmu, mathvista, lambada, imagenet, librispeech, common voice,
    scienceqa, banking77, clinc150, atis, snips, imdb, sst-2, yelp reviews, amazon reviews dataset,
    enron corpus, enron email, enron emails, enron, lexglue, casehold, contractnli, billsum, multinli,
    mnli, snli, quac, coqa, wikitext, mimic, mimic-iii, mimic-iv, mimic-cxr, chexpert, mvtec, mvtec ad,
    multiwoz, isic, m4 competition, m5 competition, needle-in-a-haystack, needle in a haystack,
    longbench, wikisql, spider 2.0, wmt, edgar, common crawl, laion, kitti, cityscapes, pascal voc,
    voxceleb, fleurs, mle-bench"""
)
# Names that are ordinary words too: they count only as written, capitalised.
CAPITAL_NAMES = regex(
    r"(?<![\w-])"
    + one_of(
        r"""Spider, BIRD, DROP, CORD, RACE, ARC, COCO, GLUE, SQuAD, PIQA, WMT\d*, M4, M5, RULER, GAIA, C4,
        HELM, ATIS, SNIPS, UN, WHO, OECD, NOAA, NASA, SEC, FDA, CDC, ONS, Eurostat, Comtrade, PubMed,
        iNaturalist, GBIF, Jigsaw, Civil Comments, Library of Congress, Wikidata, OpenStreetMap,
        Census Bureau, data\.gov, EDGAR, JAMIA, NEJM, Lancet, BMJ, Nature, NeurIPS, ICML, ACL, EMNLP,
        CVPR, AAAI"""
    )
    + r"(?![\w-])"
)
DATA = one_of(
    """data ?sets?, data, benchmarks?, corpus, corpora, test ?sets?, eval(?:uation)?s?, leaderboards?,
    tasks?, challenges?, suites?, splits?, scores?, numbers, results, figures, metrics, questions,
    exams?, samples?, databases?, archives?, collections?, librar(?:y|ies), repos?,
    repositor(?:y|ies), dumps?, packs?, banks?, series, examples, fixtures, sets?, records,
    descriptions, images"""
)
PUBLIC = one_of(
    """academic, research, public(?:ly available)?, open[- ]source, open, standard, industry[- ]standard,
    industry, off[- ]the[- ]shelf, generic, published, third[- ]party, common, popular, well[- ]known,
    canonical, reference, shared[- ]task, shared, competition, kaggle, hugging ?face, huggingface, hf,
    github, benchmark, leaderboard, university, sota, state[- ]of[- ]the[- ]art, general[- ]purpose,
    external, widely[- ]used, curated public, downloaded, default, built[- ]in, bundled, stock,
    peer[- ]reviewed, government, crowd[- ]?sourced"""
)
# The seller and the model's makers, and what they put out.
PROVIDERS = one_of(
    """vendor, vendors, provider, providers, supplier, suppliers, openai, anthropic, google, deepmind,
    microsoft, aws, amazon, meta, mistral, cohere, ibm, nvidia, the lab, the labs, ai lab, reseller,
    resellers, seller, sales rep, sales team, the model maker, model makers?, model developer,
    model provider, the api provider, salesforce, oracle, sap, the platform, systems integrator,
    integrator, account manager, sales ?(?:engineer|person|people|rep), the maker, the manufacturer,
    the developer"""
)
CLAIMS = one_of(
    """published, publishes, publish, reported, reports, claimed, claims, stated, states, advertised,
    advertises, marketing, launch, headline, quoted, quotes, self-reported, official, sales, demo, demos,
    benchmark, numbers?, figures?, scores?, results?, accuracy, evals?, evaluations?, deck, slides?,
    blog(?: post)?, paper, whitepaper, white paper, page, website, site, datasheet, data sheet, brochure,
    case stud(?:y|ies), study, studies, announcement, release notes, press release, model card,
    spec sheet, pitch, webinar, presentation, leaderboard, test suite, own tests?, says, say, said,
    told us, promised, promises, shows, showed, shared, lists, listed, guarantees?, sla, order form, docs,
    documentation, comparison"""
)
# Figures heard from someone else: consultants and analysts, reviews, the press, other
# organisations, what came with the product, and study material.
CONSULTANTS = (
    r"pitch deck|slide \d+|sales deck|consultanc(?:y|ies)|consulting (?:firm|report|benchmark)|"
    r"(?:a|the) consultant'?s? (?:report|benchmark|test|study|deck|numbers|figures|slides)|"
    r"analyst (?:report|firm|house|note)|gartner|forrester|idc|"
    r"g2|capterra|trustpilot|review site|software review|app (?:store|marketplace)|marketplace listing|"
    r"comparison (?:chart|table|site|video|page)|api (?:docs|documentation|reference)|documentation|"
    r"docs page|"
    r"youtube|video|podcast|magazine|newspaper|news article|tweet|twitter|x post|linkedin post|reddit|"
    r"conference (?:talk|paper|poster)|keynote|meetup|webinar|order form|brochure|datasheet|case study|"
    r"reference customer"
)
OTHER_PLACES = (
    r"another (?:bank|firm|company|customer|hospital|school|insurer|retailer|client|trust|council|"
    r"agency|practice|team|country|state|region|market)|other (?:customers|companies|firms|hospitals|banks|"
    r"schools)|"
    r"(?:a |the )?competitor'?s?|a friend|word of mouth|hearsay|head-to-head|star ratings?|the internet|"
    r"online reviews?|a different (?:state|country|region|company|market|industry)|someone else's|"
    r"somebody else's|"
    r"(?:told|showed) us|the vendor's (?:study|trial|pilot|test)|readme|read-me|test fixtures|cookbook"
)
PRESS = (
    r"techcrunch|the verge|wired|forbes|press coverage|news (?:piece|story|coverage)|a (?:news |magazine |"
    r"blog )?"
    r"(?:piece|write-up|writeup|article|post) (?:about|on)|board deck|forwarded"
)
SOMEONE_ELSES = (
    r"(?:another|other|a different|someone else's|somebody else's) (?:[\w-]+ ){0,2}?"
    r"(?:[\w-]+'s|trusts?|compan(?:y|ies)|firms?|customers?|clients?|"
    r"hospitals?|banks?|teams?|schools?|insurers?|retailers?|councils?|agenc(?:y|ies)|practices?|"
    r"organi[sz]ations?|"
    r"countr(?:y|ies)|states?|regions?|markets?|depts?|departments?|sites?|stores?|users?|operators?|"
    r"carriers?|"
    r"providers?|vendors?|labs?)"
)
NEWS = (
    r"coverage|the (?:ft|wsj|economist|guardian|bbc|times)|ft (?:reported|article|piece)|"
    r"wsj|bloomberg|reuters|new york times|nyt|inman|axios|business insider|kaggle|uci (?:repository|ml)|"
    r"openml|"
    r"zenodo|data\.gov"
)
CAME_WITH = (
    r"preloaded|pre-loaded|came (?:pre)?loaded|came with|comes with|shipped with|ships with|ship with|"
    r"conference|trade show|expo|summit|presented at|"
    # Screenshots someone else posted are hearsay; ones our people captured are our own work.
    r"posted on|screenshots? (?:(?:that\s+)?(?:people|someone|users|they|he|she)\b|posted|shared|online|"
    r"from (?!our)|on\b)|(?:their|someone's|people's|vendor's) screenshots?|social media|"
    r"on (?:x|twitter|linkedin|reddit|youtube|tiktok)|"
    r"(?:the )?(?:company|firm|place|employer) (?:he|she|they|i|we) (?:worked|used to work)|"
    r"previous employer|"
    r"former employer|old job|last job|"
    r"bundled with|included with|trial account|(?:shared|lent|loaned|gave|sent|passed|forwarded|emailed)"
    r"(?: \w+)?(?: with)? us\b|from their own|their (?:own )?(?:reference|sample|demo|test|example) "
    r"[\w-]+|a demo (?:the vendor|they|the seller|the provider) ran"
)
NEIGHBOURS = (
    r"(?:sister|neighbou?ring|peer|friendly|rival|competing) (?:[\w-]+ ){0,2}?"
    r"(?:[\w-]+'s|utility|company|carrier|charity|"
    r"district|school|hospital|trust|firm|bank|insurer|agency|council|group|organi[sz]ation|team|practice|"
    r"brand)'?s?|"
    r"(?:a|an|one) [\w-]+ (?:group|company|firm|agency|bank|hospital|school|council|charity) (?:we know|"
    r"i know|"
    r"we spoke to|we talked to)|(?:says|said|claims|reports|states|told us|reckons) (?:it|that it|the model|"
    r"they)|"
    r"(?:pilot|case) report (?:states|says|shows)"
)
# A regulator's or a maker's worked samples in its published guidance are its own, not the team's:
# "the specimen returns in the tax office's filing guide".
GUIDANCE = (
    "(?:guidance|guide|guidelines|manual|handbook|documentation|docs|specification|spec|rulebook|notes)"
)
STUDY_MATERIAL = (
    r"(?:sample|specimen|example|worked) (?:[\w-]+ ){0,2}?[\w-]+s (?:in|from|published in|of) "
    rf"(?:the |a |an |its |their )?(?:[\w'-]+ ){{0,3}}?{GUIDANCE}|"
    r"(?:prep|revision|study|practice) (?:book|guide|questions|tests?)|"
    r"sample (?:[\w-]+ )?(?:papers|files|data|documents|menus|emails|invoices|contracts|questions)"
)
SECOND_HAND = either(
    CONSULTANTS, OTHER_PLACES, PRESS, SOMEONE_ELSES, NEWS, CAME_WITH, NEIGHBOURS, STUDY_MATERIAL
)
# Exams, quizzes and puzzles: what a person is tested on, not the workflow's own work.
EXAM_NAMES = "cpa|usmle|lsat|mcat|gmat|nclex|cfa|acca|cima|frcs|mrcp|plab|nbme|step 1|step 2"
EXAM_KINDS = one_of(
    """bar, cpa, usmle, lsat, mcat, gmat, gre, sat, nclex, board, licensing, licensure, certification,
    professional, medical, entrance, national, standardi[sz]ed, school, university, driving, theory"""
)
EXAMS = either(
    rf"(?:{EXAM_NAMES})(?: [\w-]+){{0,3}}",
    r"\d+(?:st|nd|rd|th) percentile",
    "percentile",
    rf"{EXAM_KINDS}[- ]exams?",  # "a bar-exam style benchmark": an exam hyphenated is an exam
    r"exam (?:questions|scores|papers|sections?|results)",
    *phrases("-style questions, question banks?, past papers, textbooks?"),
    # One exam or many: "a practice exam", "mock tests", "the certification exam".
    "practice (?:problems?|questions?|tests?|exams?|sets?|papers?)",
    "(?:mock|certification|cert|qualifying) (?:exams?|tests?|papers?|questions)",
    *phrases(
        "mark schemes, sample questions, trivia, quiz ?bank, quiz questions, olympiad, puzzles?, riddles"
    ),
    "iq test",
)

# Rankings of models against each other.
RANKINGS = either(
    r"leaderboards?|leader board|arena (?:elo|ranking|rankings|score)|elo (?:score|rating|ranking)",
    r"(?:llm|model|ai|open) rankings?|rankings? (?:on|of)|top (?:\w+ )?(?:on|in) the",
    r"(?:quality|intelligence|capability|model) (?:index|indices|rankings?)|model rankings?",
    r"(?:its|the model's) (?:place|rank|ranking|position) (?:on|in)|ranked (?:#|number |no\.? )?\d",
    r"head-to-head votes|crowd[- ]?sourced (?:votes|rankings|ratings|comparisons)",
    r"model comparison (?:site|page)|public (?:model )?comparison",
)
# What the model's makers put out.
MAKERS_REPORTS = "|".join(
    (
        r"\b(?:model|system|ai) cards?\b",
        r"\b(?:technical|tech) reports?\b",
        r"\bpress releases?\b",
        r"\blaunch (?:blog|post|announcement|event|video|page)\b",
        r"\brelease (?:notes|table|blog|post)\b",
        r"\bthe (?:usual |standard )?benchmarks\b",
        r"\ba benchmark (?:of|on|for|in)\b",
    )
)
PROVIDER_SAYS = one_of(
    r"""says, said, say, claims, quotes, reports, publishes, advertises, states, promises, told, shows,
    lists, calls, commissioned, designed, built, runs, chose, picked, homepage, cookbook, examples?,
    readme, figures?, tests?, testing, benchmarks?, own, \d[\d.]*%?"""
)
SELLERS_PEOPLE = one_of(
    """account manager, account exec(?:utive)?, sales ?(?:engineer|rep|person|team|guy|lead),
    solutions? (?:engineer|architect|consultant), pre-?sales, customer success manager"""
)
SAID = one_of(
    """assured, told, said, says, claims?, claimed, promised, showed, demoed, demonstrated, ran, mentioned,
    swears, quoted, reckons, guaranteed"""
)
# An impression from trying it, or from watching a demo, whoever ran it: how it looked or felt, that
# people were impressed, a casual try.
LOOKED = one_of(
    """looked, looks, look, seemed, seems, seem, felt, feels, sounded, sounds, came across as,
    comes across as, appeared, appears"""
)
SO = r"(?:(?:really|very|pretty|quite|super|mostly|genuinely|fairly|totally|so|all|more or less)\s+)?"
GOOD = one_of(
    """good enough, good, great, fine, ok, okay, solid, decent, promising, impressive, strong, accurate,
    right, sensible, sound, reasonable, excellent, brilliant, amazing, perfect, convincing, plausible,
    reliable, correct, spot[- ]on, bang on, on point, on the money, about right, smart, sharp, fantastic,
    superb, terrific, useful, usable, legit"""
)
IMPRESSED = one_of(
    """impressed, blown away, wowed, won over, amazed, sold on it, happy with it, pleased with it,
    liked it, loved it"""
)
TRIED_IT_OUT = either(
    r"tried it (?:out )?(?:a few|a couple of|several|some|a handful of|once or twice|two or three) times",
    r"(?:had|have|has|got|get|left with|came away with|come away with) a (?:\w+ )?"
    r"(?:good|positive|great|strong|warm|decent|reassuring) (?:feeling|sense|vibe)",
    r"(?:had|have|having|gave it|give it|giving it|took it for) a (?:quick )?"
    r"(?:play|go|spin|whirl|tinker|fiddle|poke|try|test drive)",
    r"(?:tinker|fiddl|mess|mucked?|play)(?:ed|ing|s)? (?:about |around )?with it",
    r"kick(?:ed|ing|s)? the (?:tyres|tires)",
    r"test[- ]dr(?:ove|iven|ive)",
)
# What people think or say of it is an impression too, however they put it: "they feel it is correct
# most of the time", "the nurses say it's usually right", "the team's feedback has been positive".
OPINION = one_of(
    """feel, feels, felt, think, thinks, thought, believe, believes, believed, reckon, reckons, reckoned,
    consider, considers, considered, say, says, said, tell us, told us, are confident, is confident,
    were confident"""
)
THEIR_VIEW = either(
    rf"{OPINION} (?:that )?(?:it|its [\w-]+|the (?:model|tool|output|outputs|answers?|results?|drafts?|"
    rf"suggestions?))(?:'s|\s+(?:is|was|are|were|gets?|got|seems?))?\s+(?:[\w-]+\s+){{0,2}}?{GOOD}",
    r"(?:feedback|reactions?|reception|sentiment|comments) (?:[\w'-]+ ){0,3}?(?:is|are|was|were|has been|"
    r"have been) (?:\w+ )?(?:positive|good|great|glowing|encouraging|enthusiastic|warm)",
    r"(?:positive|good|great|glowing|encouraging|enthusiastic|warm) (?:feedback|reactions?|reception)",
)
DEMO = "(?:demo|demonstration|walkthrough|showcase)s?"
A_DEMO = either(
    # A demo seen, or liked or praised, whoever ran it: "our field engineers liked the demo a lot".
    r"(?:saw|seen|watched|attended|sat through|got|given|shown|liked|loved|enjoyed|praised|rated|raved about|"
    r"applauded) (?:a |an |the |their |its |our )?(?:[\w-]+ ){0,3}?" + DEMO,
    r"(?:convincing|compelling|impressive|slick|great|good|strong|polished|flawless|amazing|nice) "
    r"(?:[\w-]+ )?" + DEMO,
    r"(?:the|a|our|their) demo (?:we|they|i|he|she|you) (?:ran|gave|did|watched|saw|put on|held|showed)",
    # Whatever the demo was and wherever it was shown: "based on a pilot demo at the board meeting".
    r"(?:in|at|during|from|on|after|of) (?:the|a|an|our|their) (?:[\w-]+ ){0,2}?demo(?:nstration)?"
    r"(?!\s+(?:set|data|dataset|examples?|questions?|prompts?|documents?|files?|cases?|requests?|tenant)\b)",
    r"(?:showed|demoed|presented|pitched) it (?:at|to|in|during)",
)
# A forecast of how it would do is a guess, however sure: "it should cope fine with our invoices", "it
# would probably do well on our CVs", "it's good at reading contracts in general".
WOULD_DO_WELL = either(
    r"(?:would|should|will|ought to|might|could|'d|'ll)(?:n't)? (?:\w+ly |probably |likely |surely )?"
    r"(?:do|work|perform|cope|handle (?:it|them|ours)|manage) (?:[\w-]+ )?(?:well|fine|ok|okay|great|nicely)",
    r"(?:is|'s|are|was) (?:\w+ )?(?:good|great|strong|decent) at (?:[\w-]+ ){1,4}?in general",
)
IMPRESSIONS = "|".join(
    (
        r"gut feel(?:ing)?|vibes?|eyeball(?:ed|ing)?|playing (?:with|around with) it|"
        r"played (?:with|around with) it",
        rf"{LOOKED} {SO}{GOOD}|(?:answers|results|output) looked",
        r"(?:pasted|copied|dropped|threw) (?:[\w'-]+ ){0,5}?into (?:the |a )?"
        r"(?:playground|chat|chatgpt|console|demo|window|tool)",
        r"(?:live|sales|vendor'?s?|supplier'?s?|seller'?s?|product|recorded|scripted|canned|on-?site|"
        r"trade[- ]show) demo(?:nstration)?s?",
        r"demo(?:nstration)? (?:the |a |an |their )?"
        r"(?:vendor|supplier|seller|provider|rep|sales team|account manager) (?:gave|ran|showed|did|put on)",
        r"(?:strong|good|great|first|positive|initial|general|overall|favourable|favorable) impressions?",
        r"(?:was|were|looked|seemed) (?:\w+ )?impressive",
        rf"(?:was|were|got|left|came away|is|are|am|everyone|everybody) (?:\w+ )?{IMPRESSED}",
        TRIED_IT_OUT,
        A_DEMO,
        THEIR_VIEW,
        WOULD_DO_WELL,
    )
)
# A result published elsewhere: a paper, a preprint, published scores.
NOT_A_PAPER = one_of(
    """forms?, invoices?, records?, copies, files?, documents?, charts?, logs?, trail, based, version,
    slips?, notes, applications?, claims?, prescriptions?"""
)  # "the paper forms", "the study notes": paper the workflow is on
RESULTS = "(?:results|scores|numbers|figures|accuracy)"
PUBLISHED = "|".join(
    (
        r"\b(?:the|a|an|their|its|per the)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:paper|preprint|arxiv|arxiv paper|study|journal article|publication)\b"
        rf"(?!\s+{NOT_A_PAPER})",
        r"\barxiv\b",
        r"\bpapers with code\b",
        rf"\bpublished {RESULTS}\b",
        rf"\b{RESULTS} (?:reported|published|quoted|claimed) (?:in|by|on)\b",
        rf"\bstate[- ]of[- ]the[- ]art {RESULTS}\b",
        r"\bsota (?:results|scores|numbers)\b",
        r"\bpeer[- ]reviewed\b",
        r"\b(?:the )?reported (?:[\w-]+ ){0,3}?(?:scores|accuracy|numbers|figures|results)\b",
    )
)
PUBLIC_NOT_DATA = one_of(
    """requests?, comments?, consultations?, sector, notices?, tenders?, hearings?, enquiries, inquiries,
    submissions?"""
)  # "public comments", "public sector": the public as the workflow's own correspondents
PUBLIC_PLACES = one_of(
    """kaggle, hugging ?face, huggingface, github, the internet, the web, a university, an? academic,
    arxiv, wikipedia, stack overflow, a (?:github )?repo"""
)
FROM_THE_WEB = one_of(
    """downloaded, scraped, found online, from the internet, from the web, wikipedia, stack overflow,
    github repo, data dump, open data, published online, publishes online, released by,
    someone published, posted online, freely available"""
)
# Made-up data: synthetic, written to look real, or generated by the model itself.
NOT_A_MOCK = one_of("exams?, tests?, interviews?, trials?, inspections?, audits?, drills?, papers?")
MADE_UP_WORDS = one_of(
    rf"""synthetic, made[- ]up, toy, fake, dummy, mock(?!\s+{NOT_A_MOCK}), invented, fabricated,
    ai[- ]generated, model[- ]generated, llm[- ]generated, gpt[- ]generated, vendor[- ]generated"""
)
MADE_UP_BY_US = one_of(
    """mocked[- ]up, mocking up, made up, wrote from memory, written from memory, from memory, role-?played,
    imagined, dreamt up, dreamed up, (?:made|written|designed) to look like, that look like, pretend,
    gpt[- ]written, chatgpt[- ]written, written by (?:gpt|chatgpt|an llm|the model|ai), to look like,
    look like real, like real ones, wrote (?:myself|ourselves),
    (?:i|we) (?:wrote|typed up|made up|drafted|invented|created) (?:myself|ourselves),
    (?:situations|scenarios|cases|examples) (?:i|we) (?:expect|imagine|think|guess)"""
)
THE_MODEL_MADE = (
    r"\b(?:that|which)?\s*(?:gpt[\w.-]*|claude|gemini|llama|mistral|chatgpt|"
    r"the model|the llm|an llm|ai|copilot) (?:itself )?(?:generated|wrote|produced|invented|made up|"
    r"drafted|created)\b(?<!what the model drafted)(?<!what the model wrote)(?<!what the model produced)"
)
DEMO_DATA = (
    r"\bdemo (?:set|data|dataset|examples?|questions?|prompts?|documents?|files?|cases?|deck|video|"
    r"account|invoices?|contracts?|tickets?)\b"
    r"(?!\s+(?:from|drawn from|taken from|based on|mirroring|built from|derived from|sampled from)\s+"
    r"(?:our|real|production|live))"
)
MADE_UP = "|".join(
    (
        rf"\b{MADE_UP_WORDS}\s+(?:[\w'-]+\s+){{0,2}}?[\w-]+\b",
        rf"\b{MADE_UP_BY_US}\b",
        THE_MODEL_MADE,
        DEMO_DATA,
        r"\b(?:that |which )?the (?:model|llm|tool|vendor|ai) (?:itself )?"
        r"(?:generated|wrote|made up|produced|invented)\b",
        r"\bgenerated by (?:the model|gpt|chatgpt|the vendor|an llm|the llm|the tool|ai)\b",
    )
)
# A few tries in a playground or a chat window.
PLAYGROUNDS = one_of(
    """playground, sandbox, console, demo (?:account|environment|site|page), chat (?:window|interface|ui),
    try-it page, free trial, chatgpt"""
)
A_FEW_TRIES = one_of(
    "tried, played, poked, a few, some, handful, couple, dozen, typed, asked, quick, impressed"
)
TRIED = one_of(
    r"""tried, played, poked, typed, asked, quick tests?, examples we tried,
        a few (?:prompts|examples|questions),
    a handful of, a couple (?:of )?dozen, (?:maybe|about|around) (?:ten|\d+) [\w-]+ questions"""
)
TRIED_IN = one_of(
    "playground, sandbox, console, demo, chat (?:window|interface|ui), chatgpt, free trial, prompts?"
)
