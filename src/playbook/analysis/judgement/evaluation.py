"""PB201 benchmark-not-workflow: the patterns of an accuracy measured somewhere other than on the
workflow's own data — a named public benchmark, a leaderboard, an exam, a model card, a
seller's or a paper's reported numbers, second-hand figures, public or someone else's data,
made-up data — and the exception that matters most: a measurement on the team's own data that
names a benchmark only to set it aside ("vendor claimed 98%; on 320 of our own invoices it got
83%")."""

from __future__ import annotations

import re

from playbook.analysis.judgement.amounts import NUMBER_WORDS
from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.patterns import Pattern, words_pattern
from playbook.analysis.judgement.text import Prose

BENCHMARK_NAMES = (
    "mmlu",
    "mmlu-pro",
    "hellaswag",
    "gsm8k",
    "gsm-8k",
    "humaneval",
    "human eval",
    "humaneval+",
    "mbpp",
    "swe-bench",
    "swebench",
    "swe bench",
    "big-bench",
    "bigbench",
    "big bench",
    "bbh",
    "arc-agi",
    "arc-challenge",
    "arc-easy",
    "truthfulqa",
    "lmsys",
    "chatbot arena",
    "lm arena",
    "lmarena",
    "superglue",
    "squad2",
    "squad 2.0",
    "winogrande",
    "mt-bench",
    "mt bench",
    "alpacaeval",
    "alpaca eval",
    "gpqa",
    "math-500",
    "aime",
    "medqa",
    "medmcqa",
    "pubmedqa",
    "usmle",
    "legalbench",
    "cuad",
    "finqa",
    "tatqa",
    "convfinqa",
    "docvqa",
    "funsd",
    "sroie",
    "rvl-cdip",
    "chartqa",
    "textvqa",
    "boolq",
    "piqa",
    "siqa",
    "openbookqa",
    "commonsenseqa",
    "naturalquestions",
    "natural questions",
    "triviaqa",
    "hotpotqa",
    "ms marco",
    "msmarco",
    "beir",
    "mteb",
    "conll",
    "conll-2003",
    "ontonotes",
    "xsum",
    "cnn/dailymail",
    "cnn/dm",
    "samsum",
    "flores",
    "open llm leaderboard",
    "livebench",
    "livecodebench",
    "codeforces",
    "ifeval",
    "bfcl",
    "tau-bench",
    "webarena",
    "osworld",
    "agentbench",
    "mmmu",
    "mathvista",
    "lambada",
    "imagenet",
    "librispeech",
    "common voice",
    "scienceqa",
    "banking77",
    "clinc150",
    "atis",
    "snips",
    "imdb",
    "sst-2",
    "yelp reviews",
    "amazon reviews dataset",
    "enron corpus",
    "enron email",
    "enron emails",
    "enron",
    "lexglue",
    "casehold",
    "contractnli",
    "billsum",
    "multinli",
    "mnli",
    "snli",
    "quac",
    "coqa",
    "wikitext",
    "mimic",
    "mimic-iii",
    "mimic-iv",
    "mimic-cxr",
    "chexpert",
    "mvtec",
    "mvtec ad",
    "multiwoz",
    "isic",
    "m4 competition",
    "m5 competition",
    "needle-in-a-haystack",
    "needle in a haystack",
    "longbench",
    "wikisql",
    "spider 2.0",
    "wmt",
    "edgar",
    "common crawl",
    "laion",
    "kitti",
    "cityscapes",
    "pascal voc",
    "voxceleb",
    "fleurs",
    "mle-bench",
)
# Names that are ordinary words too: they count only as written, capitalised.
CAPITAL_NAMES = re.compile(
    r"(?<![\w-])(?:Spider|BIRD|DROP|CORD|RACE|ARC|COCO|GLUE|SQuAD|PIQA|WMT\d*|M4|M5|RULER|GAIA|C4|HELM|ATIS|"
    r"SNIPS|UN|WHO|OECD|NOAA|NASA|SEC|FDA|CDC|ONS|Eurostat|Comtrade|PubMed|iNaturalist|GBIF|Jigsaw|"
    r"Civil Comments|Library of Congress|Wikidata|OpenStreetMap|Census Bureau|data\.gov|EDGAR|JAMIA|NEJM|"
    r"Lancet|BMJ|Nature|NeurIPS|ICML|ACL|EMNLP|CVPR|AAAI)(?![\w-])"
)
DATA = (
    r"(?:data ?sets?|data|benchmarks?|corpus|corpora|test ?sets?|eval(?:uation)?s?|leaderboards?|tasks?|challenges?|suites?|"
    r"splits?|scores?|numbers|results|figures|metrics|questions|exams?|samples?|databases?|archives?|collections?|"
    r"librar(?:y|ies)|repos?|repositor(?:y|ies)|dumps?|packs?|banks?|series|examples|fixtures|sets?|records|"
    r"descriptions|images)"
)
PUBLIC = (
    r"(?:academic|research|public(?:ly available)?|open[- ]source|open|standard|industry[- ]standard|industry|off[- ]the[- ]shelf|"
    r"generic|published|third[- ]party|common|popular|well[- ]known|canonical|reference|shared[- ]task|shared|competition|"
    r"kaggle|hugging ?face|huggingface|hf|github|benchmark|leaderboard|university|sota|state[- ]of[- ]the[- ]art|"
    r"general[- ]purpose|external|widely[- ]used|curated public|downloaded|default|built[- ]in|bundled|stock|"
    r"peer[- ]reviewed|government|crowd[- ]?sourced)"
)
OWN = re.compile(
    r"\b(?:our|our own|own|internal|in-house|inhouse|private|proprietary|the team's|the firm's|the company's|"
    r"company|customer|production|live|real|client|my)\s+(?:[\w'-]+\s+){0,2}$"
)
CONTRAST = re.compile(
    r"\b(?:not|never|no|rather than|instead of|unlike|without|versus|vs\.?|compared (?:to|with)|"
    r"as opposed to|beyond|beat|beats|beating|outperform(?:s|ed)?|above|not just|not only|skipping|skipped|"
    r"ignoring|ignored|instead of using|similar (?:in style )?to|like|in the style of|modell?ed on|"
    r"(?:same |the )?format as|formatted like|in the format of|styled (?:on|after))\s+(?:(?:on|a|an|the|any|its|their|some|just|only|using|from|what)\s+)*"
    r"(?:[\w'-]+\s+){0,2}$"
)
STYLE = re.compile(r"^(?:-style|-like| style| format|-format|-type| type| template|-for-|-based|-inspired)")
PROVIDERS = (
    r"(?:vendor|vendors|provider|providers|supplier|suppliers|openai|anthropic|google|deepmind|microsoft|aws|amazon|meta|"
    r"mistral|cohere|ibm|nvidia|the lab|the labs|ai lab|reseller|resellers|seller|sales rep|sales team|the model maker|"
    r"model makers?|model developer|model provider|the api provider|salesforce|oracle|sap|the platform|systems integrator|"
    r"integrator|account manager|sales ?(?:engineer|person|people|rep)|the maker|the manufacturer|the developer)"
)
CLAIMS = (
    r"(?:published|publishes|publish|reported|reports|claimed|claims|stated|states|advertised|advertises|marketing|launch|"
    r"headline|quoted|quotes|self-reported|official|sales|demo|demos|benchmark|numbers?|figures?|scores?|results?|"
    r"accuracy|evals?|evaluations?|deck|slides?|blog(?: post)?|paper|whitepaper|white paper|page|website|site|datasheet|"
    r"data sheet|brochure|case stud(?:y|ies)|study|studies|announcement|release notes|press release|model card|spec sheet|"
    r"pitch|webinar|presentation|leaderboard|test suite|own tests?|says|say|said|told us|promised|promises|shows|showed|"
    r"shared|lists|listed|guarantees?|sla|order form|docs|documentation|comparison)"
)
SECOND_HAND = (
    r"(?:pitch deck|slide \d+|sales deck|consultanc(?:y|ies)|consulting (?:firm|report|benchmark)|"
    r"(?:a|the) consultant'?s? (?:report|benchmark|test|study|deck|numbers|figures|slides)|analyst (?:report|firm|house|note)|gartner|forrester|idc|"
    r"g2|capterra|trustpilot|review site|software review|app (?:store|marketplace)|marketplace listing|"
    r"comparison (?:chart|table|site|video|page)|api (?:docs|documentation|reference)|documentation|docs page|"
    r"youtube|video|podcast|magazine|newspaper|news article|tweet|twitter|x post|linkedin post|reddit|"
    r"conference (?:talk|paper|poster)|keynote|meetup|webinar|order form|brochure|datasheet|case study|"
    r"reference customer|another (?:bank|firm|company|customer|hospital|school|insurer|retailer|client|trust|council|"
    r"agency|practice|team|country|state|region|market)|other (?:customers|companies|firms|hospitals|banks|schools)|"
    r"(?:a |the )?competitor'?s?|a friend|word of mouth|hearsay|head-to-head|star ratings?|the internet|online reviews?|"
    r"a different (?:state|country|region|company|market|industry)|someone else's|somebody else's|"
    r"(?:told|showed) us|the vendor's (?:study|trial|pilot|test)|readme|read-me|test fixtures|cookbook|"
    r"techcrunch|the verge|wired|forbes|press coverage|news (?:piece|story|coverage)|a (?:news |magazine |blog )?"
    r"(?:piece|write-up|writeup|article|post) (?:about|on)|board deck|forwarded|(?:another|other|a different|someone "
    r"else's|somebody else's) (?:[\w-]+ ){0,2}?(?:[\w-]+'s|trusts?|compan(?:y|ies)|firms?|customers?|clients?|"
    r"hospitals?|banks?|teams?|schools?|insurers?|retailers?|councils?|agenc(?:y|ies)|practices?|organi[sz]ations?|"
    r"countr(?:y|ies)|states?|regions?|markets?|depts?|departments?|sites?|stores?|users?|operators?|carriers?|"
    r"providers?|vendors?|labs?)|coverage|the (?:ft|wsj|economist|guardian|bbc|times)|ft (?:reported|article|piece)|"
    r"wsj|bloomberg|reuters|new york times|nyt|inman|axios|business insider|kaggle|uci (?:repository|ml)|openml|"
    r"zenodo|data\.gov|preloaded|pre-loaded|came (?:pre)?loaded|came with|comes with|shipped with|ships with|ship with|conference|trade show|expo|summit|presented at|"
    r"posted on|screenshots?|social media|on (?:x|twitter|linkedin|reddit|youtube|tiktok)|"
    r"(?:the )?(?:company|firm|place|employer) (?:he|she|they|i|we) (?:worked|used to work)|previous employer|"
    r"former employer|old job|last job|"
    r"bundled with|included with|trial account|(?:shared|lent|loaned|gave|sent|passed|forwarded|emailed)"
    r"(?: \w+)?(?: with)? us\b|from their own|their (?:own )?(?:reference|sample|demo|test|example) "
    r"[\w-]+|a demo (?:the vendor|they|the seller|the provider) ran|"
    r"(?:sister|neighbou?ring|peer|friendly|rival|competing) (?:[\w-]+ ){0,2}?(?:[\w-]+'s|utility|company|carrier|charity|"
    r"district|school|hospital|trust|firm|bank|insurer|agency|council|group|organi[sz]ation|team|practice|brand)'?s?|"
    r"(?:a|an|one) [\w-]+ (?:group|company|firm|agency|bank|hospital|school|council|charity) (?:we know|i know|"
    r"we spoke to|we talked to)|(?:says|said|claims|reports|states|told us|reckons) (?:it|that it|the model|they)|"
    r"(?:pilot|case) report (?:states|says|shows)|(?:prep|revision|study|practice) (?:book|guide|questions|tests?)|"
    r"sample (?:[\w-]+ )?(?:papers|files|data|documents|menus|emails|invoices|contracts|questions))"
)
EXAMS = (
    r"(?:(?:cpa|usmle|lsat|mcat|gmat|nclex|cfa|acca|cima|frcs|mrcp|plab|nbme|step 1|step 2)(?: [\w-]+){0,3}|"
    r"\d+(?:st|nd|rd|th) percentile|percentile|"
    r"(?:bar|cpa|usmle|lsat|mcat|gmat|gre|sat|nclex|board|licensing|licensure|certification|professional|medical|"
    r"entrance|national|standardi[sz]ed|school|university|driving|theory) exams?|exam (?:questions|scores|papers|sections?|"
    r"results)|-style questions|question banks?|past papers|textbooks?|practice (?:problems|questions|tests|exams|sets)|"
    r"mark schemes|sample questions|trivia|quiz ?bank|quiz questions|olympiad|puzzles?|riddles|iq test)"
)
# A measurement on the team's own data, as the text states it: "320 of our own invoices", "on
# 400 real chat transcripts", "we tested it ourselves".
OWN_MEASURE = re.compile(
    bounded(
        r"\b\d[\d,]*\s+(?:of\s+)?(?:our|our own|real|actual|live|production|internal|genuine|recent)\b|"
        r"\b(?:on|from|against|using|with|across|in)\s+(?:[\w'-]+\s+){0,2}?(?:our own|our|real|actual|live|"
        r"production|internal|genuine)\s+(?!(?:tenant|environment|system|instance|account|platform|sandbox|"
        r"office|stack|cloud|servers?|infrastructure|vpc|network|building|console|setup|workspace|org)\b)[\w-]+|"
        r"\bourselves\b|\bin-house\b|\b(?:design|pilot|launch|beta|development) (?:partner|customer|client|site|"
        r"practice|hospital|clinic|school|depot|store)s?\b|\bwe (?:measured|tested|scored|evaluated|ran|checked|"
        r"graded|benchmarked) (?:it |the model |them )?(?:on|against|with|across)\b"
    )
)
SETS_ASIDE = re.compile(
    r"\b(?:but|however|though|although|yet|instead|set aside|dropped|skipped|ignored|ignoring|whatever|"
    r"regardless|rather than|not|unlike|similar|in style|-style|versus|vs\.?|compared|beat|beats|while|"
    r"whereas|then|before|after|so|than|format as|same format|formatted like|looked|seemed|rosier|"
    r"only as|just as|as a|for comparison|as a baseline|at first|first|aside)\b|;"
)
NEGATED_OWN = re.compile(
    r"\b(?:not|never|no|rather than|instead of|without|unlike|though|although|until|before|once|"
    r"haven't|hasn't|hadn't|didn't|don't|doesn't|won't|yet to|not yet|plan to|planning to|will|going to|"
    r"hope to|want to|intend to|scheduled|planned|budget to|time to)\s+"
    r"(?:[\w']+\s+){0,7}$"
)  # within one clause: a dash or a comma ends it


def _method_not_result(prose: Prose, match: re.Match) -> bool:
    """Excuse "the approach from the paper, applied to 300 of our own logs": a method, not a result."""
    return bool(
        re.search(
            r"\b(?:approach|method|technique|prompt|recipe|idea|architecture|setup|pipeline|rubric)\s+"
            r"(?:\w+\s+){0,2}$",
            prose.lower[max(0, match.start() - 40) : match.start()],
        )
        or re.search(
            r"\b(?:approach|method|technique|prompt|recipe|idea|architecture|setup|pipeline|rubric) (?:from|in|of)\b",
            match.group(),
        )
    )


WEAK = frozenset({"vendor-claim", "second-hand", "playground", "model-card"})
NOT_MEASURED = frozenset({"impression", "playground", "generated-set"})  # how it was looked at, not where
# A counted sample of the team's own work: "500 of our own FNOL call notes", "Eighty reference packs
# from our own files", "200 real vendor contracts".
SAMPLE = re.compile(
    bounded(
        rf"\b(?:\d[\d,]*|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})\s+"
        r"(?:(?:real|actual|live|production|genuine)\s|(?:[\w'-]+\s+){0,3}?"
        r"(?:of|from|in|out of|pulled from|drawn from|taken from)\s+(?:our|real|actual|live|production)\s)"
    )
)


def measured_on_own(prose: Prose, found: list) -> bool:
    """Whether the text states a measurement on the team's own data that outweighs ``found``: a
    counted sample of its own work outweighs any other source it names (the accuracy was measured
    on the workflow's own data, whatever else was also looked at), though not an impression or
    made-up data, which measure nothing of it; any measurement on its own data outweighs what
    someone said (a vendor, a demo); public data or a benchmark is outweighed by an uncounted one
    only when the text sets it aside ("…; on our own invoices it got 83%")."""
    if not any(finding.pattern.name in NOT_MEASURED for finding in found) and any(
        not _negated(prose, match) for match in SAMPLE.finditer(prose.lower)
    ):
        return True
    for match in OWN_MEASURE.finditer(prose.lower):
        if not _negated(prose, match):
            return all(finding.pattern.name in WEAK for finding in found) or bool(
                SETS_ASIDE.search(prose.lower)
            )
    return False


def _negated(prose: Prose, match: re.Match) -> bool:
    return bool(NEGATED_OWN.search(prose.lower[max(0, match.start() - 40) : match.start()]))


def patterns(extra_names: tuple[str, ...] = ()) -> tuple[Pattern, ...]:
    """Return the PB201 patterns, with a team's own benchmark names among the public ones."""
    names = words_pattern(BENCHMARK_NAMES + extra_names)
    own_or_contrast = re.compile(CONTRAST.pattern + "|" + OWN.pattern)
    return (
        Pattern(
            "named-benchmark",
            "is a public benchmark, not the workflow's own data",
            re.compile(rf"(?<![\w-]){names}(?![\w])|(?<![\w-])wmt\d*(?![\w-])"),
            unless_before=CONTRAST,
            unless_after=STYLE,
            names=True,
        ),
        Pattern(
            "leaderboard",
            "is a leaderboard, not the workflow's own data",
            re.compile(
                r"\b(?:leaderboards?|leader board|arena (?:elo|ranking|rankings|score)|elo (?:score|rating|ranking)|"
                r"(?:llm|model|ai|open) rankings?|rankings? (?:on|of)|top (?:\w+ )?(?:on|in) the|"
                r"(?:quality|intelligence|capability|model) (?:index|indices|rankings?)|model rankings?|"
                r"(?:its|the model's) (?:place|rank|ranking|position) (?:on|in)|ranked (?:#|number |no\.? )?\d|"
                r"head-to-head votes|crowd[- ]?sourced (?:votes|rankings|ratings|comparisons)|model comparison (?:site|page)|"
                r"public (?:model )?comparison)\b"
            ),
            unless_before=own_or_contrast,
        ),
        Pattern(
            "exam",
            "is an exam or a puzzle set, not the workflow's own work",
            re.compile(rf"(?:\b|(?<=\w)){EXAMS}\b"),
            unless_before=own_or_contrast,
        ),
        Pattern(
            "model-card",
            "is what the model's makers report, not the workflow's own data",
            re.compile(
                r"\b(?:model|system|ai) cards?\b|\b(?:technical|tech) reports?\b|\bpress releases?\b|\blaunch (?:blog|post|"
                r"announcement|event|video|page)\b|\brelease (?:notes|table|blog|post)\b|\bthe (?:usual |standard )?"
                r"benchmarks\b|\ba benchmark (?:of|on|for|in)\b"
            ),
            unless_before=own_or_contrast,
        ),
        Pattern(
            "vendor-claim",
            "is the seller's own number, not a measurement on the workflow's data",
            re.compile(
                rf"\b{PROVIDERS}(?:'s|s'|’s)?\s+(?:[\w'-]+\s+){{0,3}}?{CLAIMS}\b|\b{CLAIMS}\s+(?:[\w'-]+\s+){{0,3}}?"
                rf"(?:from|by|of|on|in|at) (?:the |our |a |an |its )?(?:[\w'-]+ )?{PROVIDERS}\b|\baccording to (?:the )?"
                rf"{PROVIDERS}\b|\b(?:the )?{PROVIDERS}(?:'s|s')? (?:says|said|say|claims|quotes|reports|publishes|"
                rf"advertises|states|promises|told|shows|lists|calls|commissioned|designed|built|runs|chose|picked|"
                rf"homepage|cookbook|examples?|readme|figures?|tests?|testing|benchmarks?|own|\d[\d.]*%?)(?:\b|(?<=%))"
            ),
            unless_before=re.compile(CONTRAST.pattern + r"|\bour\s+(?:[\w'-]+\s+)?$"),
            unless=lambda prose, match: bool(re.search(r"\b(?:our|own)\b", match.group())),
        ),
        Pattern(
            "seller-said",
            "is what the seller's people said or showed, not a measurement on the workflow's data",
            re.compile(
                r"\b(?:account manager|account exec(?:utive)?|sales ?(?:engineer|rep|person|team|guy|lead)|solutions? "
                r"(?:engineer|architect|consultant)|pre-?sales|customer success manager)\b(?:[^.;]{0,40})\b(?:assured|"
                r"told|said|says|claims?|claimed|promised|showed|demoed|demonstrated|ran|mentioned|swears|quoted|"
                r"reckons|guaranteed)\b"
            ),
            unless_before=CONTRAST,
            names=True,
        ),
        Pattern(
            "impression",
            "is an impression from trying it, not a measurement on the workflow's data",
            re.compile(
                r"\b(?:gut feel(?:ing)?|vibes?|eyeball(?:ed|ing)?|playing (?:with|around with) it|played (?:with|around "
                r"with) it|seemed (?:good|fine|accurate|right|sensible)|looked (?:good|fine|sensible|right|accurate)|"
                r"(?:answers|results|output) looked|(?:pasted|copied|dropped|threw) (?:[\w'-]+ ){0,5}?into (?:the |a )?"
                r"(?:playground|chat|chatgpt|console|demo|window|tool)|"
                r"(?:live|sales|vendor'?s?|supplier'?s?|seller'?s?|product|recorded|scripted|canned|on-?site|"
                r"trade[- ]show) "
                r"demo(?:nstration)?s?|demo(?:nstration)? (?:the |a |an |their )?(?:vendor|supplier|seller|provider|rep|"
                r"sales team|account manager) (?:gave|ran|showed|did|put on)|(?:strong|good|great|first|positive|initial|"
                r"general|overall|favourable|favorable) impressions?|(?:was|were|looked|seemed) (?:\w+ )?impressive)\b"
            ),
            unless_before=CONTRAST,
        ),
        Pattern(
            "second-hand",
            "is a figure heard from someone else, not measured on the workflow's data",
            re.compile(rf"\b{SECOND_HAND}\b"),
            unless_before=own_or_contrast,
            names=True,
        ),
        Pattern(
            "paper",
            "is a result reported elsewhere, not a measurement on the workflow's data",
            re.compile(
                r"\b(?:the|a|an|their|its|per the)\s+(?:[\w-]+\s+){0,3}?(?:paper|preprint|arxiv|arxiv paper|study|"
                r"journal article|publication)\b(?!\s+(?:forms?|invoices?|records?|copies|files?|documents?|charts?|"
                r"logs?|trail|based|version|slips?|notes|applications?|claims?|prescriptions?))|\barxiv\b|\bpapers with code\b|\bpublished (?:results|"
                r"scores|numbers|figures|accuracy)\b|\b(?:results|scores|numbers|figures|accuracy) (?:reported|published|"
                r"quoted|claimed) (?:in|by|on)\b|\bstate[- ]of[- ]the[- ]art (?:results|scores|numbers|figures|accuracy)\b|"
                r"\bsota (?:results|scores|numbers)\b|\bpeer[- ]reviewed\b|\b(?:the )?reported (?:[\w-]+ ){0,3}?"
                r"(?:scores|accuracy|numbers|figures|results)\b"
            ),
            unless_before=CONTRAST,
            unless=_method_not_result,
        ),
        Pattern(
            "public-dataset",
            "is public data, not the workflow's own",
            re.compile(
                rf"\b{PUBLIC}\s+(?:[\w'-]+\s+){{0,2}}?{DATA}\b(?!\s+(?:requests?|comments?|consultations?|sector|"
                rf"notices?|tenders?|hearings?|enquiries|inquiries|submissions?))|\b{DATA}\s+(?:from|on|off|in) (?:kaggle|hugging ?face|"
                rf"huggingface|github|the internet|the web|a university|an? academic|arxiv|wikipedia|stack overflow|"
                rf"a (?:github )?repo)\b|\b(?:downloaded|scraped|found online|from the internet|from the web|wikipedia|"
                rf"stack overflow|github repo|data dump|open data|published online|publishes online|released by|"
                rf"someone published|posted online|freely available)\b"
            ),
            unless_before=own_or_contrast,
            unless=lambda prose, match: bool(
                re.search(r"\b(?:our|own|internal|in-house|real)\b", match.group())
            ),
        ),
        Pattern(
            "generated-set",
            "is made-up data, not the workflow's own",
            re.compile(
                r"\b(?:synthetic|made[- ]up|toy|fake|dummy|mock(?!\s+(?:exams?|tests?|interviews?|trials?|inspections?|"
                r"audits?|drills?|papers?))|invented|fabricated|ai[- ]generated|model[- ]generated|"
                r"llm[- ]generated|gpt[- ]generated|vendor[- ]generated)\s+(?:[\w'-]+\s+){0,2}?[\w-]+\b|"
                r"\b(?:mocked[- ]up|mocking up|made up|wrote from memory|written from memory|from memory|role-?played|"
                r"imagined|dreamt up|dreamed up|(?:made|written|designed) to look like|that look like|pretend|"
                r"gpt[- ]written|chatgpt[- ]written|written by (?:gpt|chatgpt|an llm|the model|ai)|to look like|"
                r"look like real|like real ones|wrote (?:myself|ourselves)|(?:i|we) (?:wrote|typed up|made up|drafted|"
                r"invented|created) (?:myself|ourselves)|(?:situations|scenarios|cases|examples) (?:i|we) (?:expect|"
                r"imagine|think|guess))\b|\b(?:that|which)?\s*(?:gpt[\w.-]*|claude|gemini|llama|mistral|chatgpt|"
                r"the model|the llm|an llm|ai|copilot) (?:itself )?(?:generated|wrote|produced|invented|made up|"
                r"drafted|created)\b(?<!what the model drafted)(?<!what the model wrote)(?<!what the model produced)|"
                r"\bdemo (?:set|data|dataset|examples?|questions?|prompts?|documents?|files?|cases?|deck|video|"
                r"account|invoices?|contracts?|tickets?)\b"
                r"(?!\s+(?:from|drawn from|taken from|based on|mirroring|built from|derived from|sampled from)\s+"
                r"(?:our|real|production|live))|\b(?:that |which )?the (?:model|llm|tool|vendor|ai) (?:itself )?"
                r"(?:generated|wrote|made up|produced|invented)\b|\bgenerated by (?:the model|gpt|chatgpt|the vendor|"
                r"an llm|the llm|the tool|ai)\b"
            ),
            unless_before=re.compile(CONTRAST.pattern + r"|\b(?:real|our own)\s+$"),
        ),
        Pattern(
            "playground",
            "is a few tries in a demo, not a measurement on the workflow's data",
            re.compile(
                r"\b(?:playground|sandbox|console|demo (?:account|environment|site|page)|chat (?:window|interface|ui)|"
                r"try-it page|free trial|chatgpt)\b(?=[^.;]{0,80}\b(?:tried|played|poked|a few|some|handful|couple|"
                r"dozen|typed|asked|quick|impressed)\b)|\b(?:tried|played|poked|typed|asked|quick tests?|"
                r"examples we tried|a few (?:prompts|examples|questions)|a handful of|a couple (?:of )?dozen|"
                r"(?:maybe|about|around) (?:ten|\d+) [\w-]+ questions)\b[^.;]{0,60}\b(?:playground|sandbox|console|"
                r"demo|chat (?:window|interface|ui)|chatgpt|free trial|prompts?)\b"
            ),
            unless_before=CONTRAST,
        ),
    )


NAMED_DATASET = re.compile(
    bounded(
        r"(?<![\w-])(?!(?:Our|My|The|This|These|A|An|Internal|In-house|Real|Last|Q\d)\b)[A-Z][\w-]*"
        r"(?:[ -](?!(?:our|own|internal|real|in-house)\b)[A-Za-z][\w-]*){0,3}"
        r"\s+(?:dataset|database|data set|corpus|benchmark|archive|challenge|test set|collection)\b"
    )
)


def _named_dataset(prose: Prose) -> re.Match | None:
    """A dataset named with capitals ("NEU surface defect database"), not a sentence's first word
    nor one of ours ("our internal HS-code benchmark")."""
    first_letter = len(prose.plain) - len(prose.plain.lstrip())
    for match in NAMED_DATASET.finditer(prose.plain):
        if re.search(
            r"\b(?:our|own|internal|in-house|inhouse|my)\s+(?:[\w-]+\s+)?$",
            prose.lower[max(0, match.start() - 30) : match.start()],
        ):
            continue
        first = match.group().split()[0]
        at_start = match.start() == first_letter or prose.plain[
            max(0, match.start() - 40) : match.start()
        ].rstrip().endswith((".", ";", ":", "!", "?"))
        if not at_start or first.isupper() or any(ch.isupper() for ch in first[1:]):
            return match
    return None


def judge_evaluation(prose: Prose, found: list, capital_pattern: Pattern) -> list:
    """Return the findings to report: none when the text measures on the team's own data and
    names the other figure only to set it aside."""
    from playbook.analysis.judgement.patterns import Finding

    if not found:
        match = CAPITAL_NAMES.search(prose.plain) or _named_dataset(prose)
        if (
            match
            and not CONTRAST.search(prose.lower[max(0, match.start() - 48) : match.start()])
            and not STYLE.search(prose.lower[match.end() : match.end() + 20])
        ):
            found = [Finding(capital_pattern, prose.quote(*match.span()))]
    if found and measured_on_own(prose, found):
        return []
    return found
