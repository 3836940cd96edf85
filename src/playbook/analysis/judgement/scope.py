"""PB302 broad-problem: whether ``scope.problem`` is one small job.

A bundle is several jobs — several kinds of work, each a verb starting its own clause, or a list
of processes ("invoice capture, approval routing, payment runs") — not several nouns under one
job: "extract the date, the amount and the payee" is one job, "triage, answer and bill every
ticket" is three. Getting the input and handing the result on ("find and group", "draft the reply
and send it") are part of the job they serve. Broad scope is a product instead of a job ("a
copilot for underwriters"), a whole function ("run our bid process"), everything or everyone
("every document that passes through the firm"), or a goal ("streamline the month-end close")."""

from __future__ import annotations

import re

from playbook.analysis.judgement.jobs import bundled_jobs, domain, listed_processes
from playbook.analysis.judgement.patterns import Pattern, find, words_pattern
from playbook.analysis.judgement.text import Prose

FUNCTIONS = (
    "hr",
    "human resources",
    "people ops",
    "finance",
    "accounting",
    "accounts payable",
    "accounts receivable",
    "payroll",
    "legal",
    "sales",
    "marketing",
    "support",
    "customer support",
    "customer service",
    "customer success",
    "customer care",
    "operations",
    "ops",
    "procurement",
    "purchasing",
    "compliance",
    "it",
    "engineering",
    "recruiting",
    "recruitment",
    "hiring",
    "onboarding",
    "the back office",
    "back office",
    "back-office",
    "admin",
    "administration",
    "logistics",
    "supply chain",
    "the supply chain",
    "healthcare",
    "patient care",
    "billing",
    "claims",
    "underwriting",
    "conveyancing",
    "bookkeeping",
    "tax",
    "treasury",
    "facilities",
    "security",
    "risk",
    "the front desk",
    "reception",
    "fleet management",
    "maintenance",
    "the help desk",
    "helpdesk",
    "help desk",
    "service desk",
    "the call centre",
    "the call center",
    "contact centre",
    "contact center",
    "social media",
    "content",
    "communications",
    "comms",
    "pr",
    "fundraising",
    "admissions",
    "teaching",
    "research",
    "product",
    "devops",
    "qa",
    "infrastructure",
    "everything",
    "paperwork",
    "document processing",
    "knowledge management",
    "the business",
    "the company",
    "the organisation",
    "the organization",
    "the firm",
    "the practice",
    "the clinic",
    "the hospital",
    "the school",
    "the store",
    "the shop",
    "the restaurant",
    "the hotel",
    "the warehouse",
    "the office",
    "the department",
    "the team",
    "case management",
    "asset management",
    "property management",
    "project management",
    "talent",
    "talent acquisition",
    "people management",
    "estimating",
    "the lab",
    "pharmacy",
    "dispatch",
    "the newsroom",
    "client services",
    "member services",
    "the tenant journey",
    "the customer journey",
    "patient intake",
    "vendor management",
    "contract management",
    "regulatory affairs",
    "grid operations",
    "hotel operations",
    "site operations",
    "clinical operations",
    "the month-end close",
    "month-end",
    "the close",
    "source-to-pay",
    "procure-to-pay",
    "order-to-cash",
    "record-to-report",
    "hire-to-retire",
    "quote-to-cash",
    "on-call",
    "the books",
    "the store",
    "our store",
    "the shop",
    "the league",
    "the fleet",
    "the portfolio",
    "incident response",
)
PEOPLE_SCOPE = (
    r"(?:teams?|departments?|functions?|divisions?|business units?|offices|employees?|staff|people|users?|"
    r"colleagues|workers|sites|branches|regions|countries|stores|schools|clinics|the company|the organi[sz]ation|"
    r"the business|the group|the firm|the trust|the council|the agency|everyone|channels?|brands?|company|"
    r"organi[sz]ation|business|group|firm|trust|council|agency|school|hospital|fleet|estate|portfolio|network)"
)
PRODUCT = (
    r"(?:assistant|copilot|co-pilot|agent|bot|chatbot|platform|operating system|os|tool|toolkit|app|solution|suite|hub|"
    r"portal|manager|caseworker|concierge|companion|advis[oe]r|coach|analyst|colleague|employee|worker|team-?mate|brain|"
    r"engine|layer|workbench|command cent(?:re|er)|control tower|cockpit|super-?app|receptionist|secretary|clerk|"
    r"paralegal|accountant|lawyer|recruiter|nurse|doctor|tutor|teacher|marketer|sdr|sre|engineer|buddy|genie|oracle)"
)
# What a platform does to many sources at once: "a hub that unifies POS, e-commerce and warehouse data".
UNIFIES = (
    r"(?:unif(?:y|ies|ying)|join(?:s|ing)?|combin(?:e|es|ing)|consolidat(?:e|es|ing)|aggregat(?:e|es|ing)|"
    r"integrat(?:e|es|ing)|centrali[sz](?:e|es|ing)|connect(?:s|ing)?|link(?:s|ing)?|brings? together|bringing together|"
    r"pulls? together|pulling together|ties together|tying together|stitch(?:es|ing)? together)"
)
GENERIC_OBJECT = (
    r"(?:documents?|files?|pdfs?|emails?|messages?|requests?|content|texts?|records?|questions?|queries|tasks?|"
    r"data|paperwork|correspondence|information|anything|everything|work|interactions?|conversations?|"
    r"communications?|submissions?|attachments?|images?|photos?|calls?)"
)


def patterns(extra_broad: tuple[str, ...] = ()) -> tuple[Pattern, ...]:
    """Return the PB302 patterns of broad scope, with a team's own words for it."""
    functions = words_pattern(FUNCTIONS)
    extra = words_pattern(extra_broad)
    return (
        Pattern(
            "product-not-problem",
            "names a product to build, not a problem to solve",
            re.compile(
                rf"^(?:an?|one|the|our|a single)?\s*(?:[\w'-]+\s+){{0,3}}?{PRODUCT}s?\b(?!\s+(?:that|which|to|who)\s+"
                rf"(?!(?:does|do|handles?|manages?|runs?|covers?|helps?|supports?|takes? care)\b)[a-z])"
                rf"(?=\s+(?:for|in|to|that|which|who|across|covering|with|of|on|over|above|so)\b|\s*[,.;]?\s*$)|\b{PRODUCT}\s+"
                rf"(?:that|which|who)\s+(?:does|do|handles?|manages?|runs?|covers?|takes? care of|helps? with)\s+"
                rf"(?:everything|anything|all)\b|\bin a box\b"
            ),
        ),
        Pattern(
            "suite",
            "is a suite of jobs, not one problem",
            re.compile(
                rf"\b(?:{PRODUCT}|dashboard|view|data (?:layer|platform|lake|warehouse))s?\s+(?:(?:that|which)\s+)?"
                rf"{UNIFIES}\s+(?!(?:to|with|up)\b)(?:[\w'/&.-]+\s+){{0,3}}?[\w'/&.-]+"
                rf"(?:\s*,|\s+and\b|\s+&|\s+with\b)|"
                r"\b(?:a |an |the |one )?(?:complete|full|entire|whole|all[- ]in[- ]one|one[- ]stop|end[- ]to[- ]end|e2e|"
                r"unified|integrated|comprehensive|holistic|single)\s+(?:[\w'-]+\s+){0,2}?(?:suite|platform|solution|"
                r"system|assistant|copilot|co-pilot|workbench|hub|toolkit|tool ?kit|stack|service|experience|automation|"
                r"overhaul|transformation|lifecycle|life cycle|journey|function|department|back office|"
                r"operating system|os|agent|portal|app|workflow|pipeline|process|enablement|visibility|tracking|"
                r"coverage)\b|\b(?:suite|platform) "
                r"(?:of|for)\b|\bthe lot\b|\bevery (?:step|stage|part|aspect|piece|phase|bit) of\b|"
                r"\bfrom (?:[\w'-]+ ){1,4}?(?:right )?(?:through|all the way) to\b|\bfrom (?:[\w'-]+ ){0,3}?(?:[\w-]+ing|review|intake|capture|receipt|"
                r"application|enquiry|inquiry|quote|order|lead|request|referral|first contact|sourcing|listing) (?:right )?"
                r"(?:through |all the way )?to (?:[\w'-]+ ){0,3}?(?:[\w-]+ing|close|payment|delivery|completion|signing|"
                r"offer|decision|invoice|report|filing|settlement|resolution|hire|discharge|cash|renewal|sale)\b"
            ),
        ),
        Pattern(
            "whole-function",
            "is a whole function, not one job in it",
            re.compile(
                rf"\b(?:automate|digiti[sz]e|transform|improve|streamline|optimi[sz]e|modernise|modernize|revolutioni[sz]e|"
                rf"reinvent|reimagine|overhaul|revamp|manage|handle|run|take over|take care of|look after|support|"
                rf"help with|power|fix|own|replace|cover|do|ai for|ai in|ai across|an? (?:ai |smart |intelligent |virtual )?"
                rf"(?:assistant|copilot|co-pilot|agent|bot|chatbot|platform|tool|system|solution|helper|companion|"
                rf"brain)s? for)\s+(?:the |our |all |all of |all of the |every |any |the whole |the entire |all our |"
                rf"an? |the [\w-]+'s |our [\w-]+'s )?(?:[\w'-]+ )?{functions}(?:\s+(?:team|teams|department|departments|"
                rf"staff|people|reps|function|functions|org|processes|process|work|tasks|operations|workflows?|"
                rf"conversation|desk|programme|program|pipeline))?\s*(?:$|[,.;!]|\b(?:with|using|through|end|for|by|"
                rf"at|of)\b)|\b(?:run|own|replace|manage|handle|look after|take over|take care of|oversee)\s+(?:the |our |"
                rf"all |the whole |the entire |[\w-]+'s )?(?:[\w'-]+\s+){{0,2}}?(?:function|department|process|"
                rf"processes|operations|desk|conversation|relationships?|programme|program|pipeline|lifecycle|"
                rf"journey|experience|office|admissions|inbox|workload)\b|^everything\b|\beverything (?:our |the |that |"
                rf"[\w-]+ )?(?:[\w-]+ )?(?:does|do|handles|needs|touches|processes|produces|sends|receives|makes)\b|"
                rf"\b(?:desk|function|department|operations|office|team|process(?:es)?|back office|unit) (?:automation|"
                rf"transformation|optimi[sz]ation|management|digiti[sz]ation|enablement)\b|^(?:[\w'-]+\s+){{0,3}}?(?:{functions})\s+"
                rf"(?:automation|management|operations|enablement|transformation|optimi[sz]ation|intelligence)\b|"
                rf"(?:ai|gpt|llm|gen ?ai)[- ](?:driven|powered|led|based|first|native)\s+(?:[\w'-]+\s+){{0,2}}?"
                rf"(?:operations|management|[\w-]+ing|services?)\b|\b(?:powered by|run by|leveraging|driven by) "
                rf"(?:ai|gpt|llms?|gen ?ai|generative ai|agents|automation)\s*(?:$|[,.;])"
            ),
        ),
        Pattern(
            "transformation-goal",
            "is a goal, not a problem to solve completely",
            re.compile(
                r"\b(?:improve|transform|streamline|optimi[sz]e|modernise|modernize|revolutioni[sz]e|reimagine|reinvent|"
                r"supercharge|turbocharge|enhance|boost|upgrade|overhaul|revamp|future-proof|accelerate|empower|reduce "
                r"friction|make (?:\w+ )?(?:better|smarter|faster|easier|more efficient))\b(?:\s+[\w'-]+){0,5}?\s+"
                r"(?:with|using|through|via|by (?:using|leveraging|adopting)|powered by) (?:ai|a\.i\.|gen ?ai|generative ai|"
                r"llms?|automation|machine learning|ml|technology|copilots?|agents|chatgpt|data)\b|"
                r"\b(?:leverage|harness|apply|bring|introduce|roll out|deploy|adopt|embed|infuse|use) (?:ai|gen ?ai|"
                r"generative ai|llms?|machine learning|automation|copilots?|chatgpt|agents) (?:across|in|into|for|"
                r"throughout|to) |\b(?:ai|digital)[- ](?:transformation|strategy|roadmap|enablement|first)\b|"
                r"\b(?:reduce friction|delight (?:our )?customers|drive efficiency|unlock (?:value|productivity)|"
                r"be more efficient|work smarter|do more with less|end-to-end efficiency)\b|"
                r"^(?:\w+ly\s+)?(?:streamline|elevate|optimi[sz]e|accelerate|moderni[sz]e|improve|enhance|transform|boost|"
                r"revolutioni[sz]e|reinvent|reimagine|supercharge|upgrade|simplify|speed up|scale|grow|empower|"
                r"get more out of|reduce friction in|raise|lift|strengthen|rethink|declutter|de-risk|derisk)\b|"
                r"\bmake (?:[\w'-]+ ){0,4}?(?:smarter|better|easier|smoother|faster|simpler|quicker|leaner|cheaper|"
                r"more [\w-]+|less [\w-]+|painless|effortless|seamless|frictionless|intelligent|smart|efficient|"
                r"modern|data-driven|autonomous|ai-powered|ai-driven|agile|lean|paperless|touchless|future-proof)\b|"
                r"^(?:automate|digiti[sz]e|transform|modernise|modernize|fix|improve|streamline|optimi[sz]e|"
                r"revolutioni[sz]e|reinvent|handle|manage|own|run|do)\s+(?:the |our |all )?[\w-]+\.?$|"
                r"\beverywhere\b|"
                r"\bhelp (?:[\w'-]+ ){0,3}?(?:work|run|operate|perform|do|serve|grow|scale) (?:more|better|faster|smarter|"
                r"efficiently|effectively)\b|\bget more (?:value )?(?:out of|from)\b|"
                r"\b(?:understand|know|serve|engage|support|reach) (?:our |the )?[\w-]+ better\b|"
                r"^(?:explore|investigate|assess|evaluate|identify|find|map|discover)\s+(?:and [\w-]+ )?(?:[\w-]+ ){0,2}?"
                r"(?:opportunities|options|ways|use cases|possibilities|potential|quick wins|initiatives)\b|"
                r"^(?:increase|reduce|cut|lower|raise|grow|drive|improve|maximi[sz]e|minimi[sz]e|halve|double|lift)\s+"
                r"(?:the |our |overall |total )?(?:[\w-]+ )?(?:csat|nps|churn|revenue|costs?|errors?|efficiency|productivity|"
                r"satisfaction|engagement|retention|conversion|margins?|turnover|headcount|spend|waste|downtime|risk|"
                r"throughput|quality|sales|growth|profit|profits|utili[sz]ation|adoption|backlogs?|wait(?:ing)? times?|"
                r"queues?|delays|friction|no-shows|complaints|turnaround)\b(?!\s+(?:of|on|in|from) "
                r"(?:each|every|the) )|^(?:better|faster|cheaper|smarter|simpler|easier),? (?:[\w-]+,? )+"
            ),
        ),
        Pattern(
            "everyone-served",
            "serves everyone, not one group with one job",
            re.compile(
                rf"\b(?:for|across|throughout|to|serving|covering|of|by|on) (?:all|every|any|the whole|the entire|"
                rf"all of|all our|all of our|\d[\d,]* )\s*(?:[\w'-]+\s+){{0,2}}?{PEOPLE_SCOPE}\b(?!'s)|"
                rf"\b(?:company|organi[sz]ation|enterprise|business|firm|group|trust|council)[- ]wide (?:assistant|"
                rf"copilot|knowledge|search|chatbot|bot|platform|tool|solution|automation)\b|"
                rf"\banything (?:our|an?|any) (?:\w+ )?(?:staff|employee|team|customer|user|colleague)s?\b|"
                rf"\b(?:any|every|all) (?:question|task|request|query|queries|workflow|process|job|problem|issue)s? "
                rf"(?:that )?(?:any|our|an?|every|the) (?:\w+ )?(?:employee|staff|team|department|customer|user|"
                rf"colleague|member|person|one)s?\b|\bwhatever\b|\b(?:cover|handle|answer|process|summari[sz]e|"
                rf"translate|extract|classify|read) (?:all|every|any) (?:(?:incoming|new|the|of the|our) )?{GENERIC_OBJECT}\b"
                rf"(?!\s+(?:in|from|on) (?:the |our |each )?(?:[\w'-]+ ){{0,3}}?(?:inbox|queue|folder|channel|feed|"
                rf"mailbox|portal|form|tray|ledger))|\b{GENERIC_OBJECT} (?:that )?(?:passes|pass|comes|come|goes|go|"
                rf"flows?) (?:through|into|across)\b|\b(?:each|every|all) (?:[\w'-]+'s? )?(?:department|team|"
                rf"division|office|site)'?s? (?:[\w-]+ ){{0,2}}?(?:drive|drives|files|documents|folders|inbox|data)\b"
            ),
        ),
        Pattern(
            "whole-job-of-people",
            "replaces whole roles or runs a whole business, not one job",
            re.compile(
                r"\breplace (?:the |our |all |human |the human )?(?:[\w-]+ ){0,2}?(?:reporters|staff|team|workers|people|"
                r"agents|employees|humans|clerks|nurses|lawyers|accountants|analysts|receptionists|function|"
                r"department|recruiters|translators|writers|developers|engineers)\b|\b(?:run|operate|manage) (?:our |the |a )?"
                r"(?:[\w-]+ ){0,2}?(?:store|shop|business|company|practice|firm|restaurant|clinic|league|vault|fleet|"
                r"portfolio|hotel|warehouse|site)\b(?:\s+end[- ]to[- ]end)?|\bend to end\s*$|^all of\b|"
                r"\b(?:close|do|keep|run) the (?:books|accounts|payroll)\b|\bhelp (?:[\w'-]+ ){1,2}with (?:their |the |all )?"
                r"(?:admin|paperwork|backlog|operations|work|workload|everything)\b|\bevery [\w-]+ in every [\w-]+\b|"
                r"\b(?:in|across) (?:every|all) subjects?\b|\bacross the (?:group|company|business|organi[sz]ation|"
                r"enterprise|firm|trust|estate|fleet|network|portfolio)\b|\bfrom (?:[\w'-]+ )?(?:offer|application|signup|"
                r"sign-up|enquiry|inquiry|lead|quote|order|referral|admission|intake|booking|hire|arrival|request|claim|"
                r"incident|idea|listing|first contact|signed offer) (?:right )?(?:through |all the way )?to (?:the |a |an |"
                r"first |final )?(?:[\w-]+ )?(?:payslip|payment|close|completion|invoice|delivery|discharge|renewal|offer|"
                r"contract|hire|onboarding|launch|sale|settlement|resolution|publication|report|cash|day one)\b"
            ),
        ),
        Pattern(
            "market-product",
            "is a product for a market, not one team's problem",
            re.compile(
                r"\b(?:automation|platform|solution|software|tooling|ai|copilot|assistant|system|app|saas|tool)\s+for\s+"
                r"(?:[\w'-]+\s+){0,2}?(?:firms|companies|businesses|teams|smbs|smes|organi[sz]ations|enterprises|"
                r"practices|agencies|clinics|hospitals|schools|retailers|brands|startups|merchants|professionals|"
                r"freelancers|landlords|charities|councils)\b"
            ),
        ),
        Pattern(
            "anything-for-anyone",
            "is anything for anyone, not one job",
            re.compile(
                r"\b(?:let|help|allow|enable)\s+(?:anyone|everyone|anybody|everybody|(?:any|every|all) (?:employee|member|"
                r"user|colleague|customer|staff|department|team)s?)\b|\b(?:ask|answer|find|do|handle|search)\s+anything\b|"
                r"\banything (?:about|related to|to do with)\b|\babout anything\b|\bany (?:course|subject|topic|product|"
                r"policy|module|department|team|language|country|system|app|tool)s? (?:we|our|they|you)\b|"
                r"\bevery (?:department|team|employee|office|site|branch|user)s? (?:can|could|will)\b"
            ),
        ),
        Pattern(
            "burden",
            "is a burden to lift, not one job in it",
            re.compile(
                r"\b(?:take|remove|reduce|cut|eliminate|lift|lighten|ease|kill|offload|shrink)\s+(?:the |our |all |some "
                r"of the |much of the )?(?:admin|administrative|paperwork|manual|busy ?work|drudgery|toil|grunt work|"
                r"back-office)(?:\s+(?:burden|load|overhead|work|tasks))?\b|^(?:drive|unlock|realise|realize|capture|"
                r"deliver)\s+(?:[\w'-]+\s+)?(?:efficienc(?:y|ies)|value|savings|productivity|synergies|gains|"
                r"growth|impact|roi)\b|\bput (?:ai|gen ?ai|llms?|automation|machine learning) (?:at the heart|"
                r"at the centre|at the center|at the core|into every)\b|\bhow we (?:work|operate|look after|run|do)\b"
            ),
        ),
        Pattern(
            "team-vocabulary",
            "is a word your team uses for broad scope (criteria.broad_scope)",
            re.compile(rf"(?<![\w-]){extra}(?![\w-])"),
            names=True,
        ),
    )


def judge_scope(
    prose: Prose, broad: tuple[Pattern, ...], allowed: re.Pattern | None, limit: int
) -> tuple[str, str]:
    """Return ``(pattern name, message)`` when the problem is broad, else ``("", "")``."""
    count = len(prose.text.split())
    if count > limit:
        return "too-long", f"problem is {count} words long (over {limit}) (too-long)"
    if not (allowed is not None and allowed.search(prose.lower)):
        bundled = bundled_jobs(prose)
        if bundled:
            return (
                "several-jobs",
                f"problem bundles several jobs ({bundled!r}): one brief per job (several-jobs)",
            )
        listed = listed_processes(prose)
        if listed:
            return (
                "process-list",
                f"problem lists several processes ({listed!r}): one brief per job (process-list)",
            )
        found_domain = domain(prose)
        if found_domain:
            return (
                "domain-not-job",
                f"problem {found_domain!r} is a whole domain, not a job in it (domain-not-job)",
            )
    for finding in find(broad, prose, allowed):
        return finding.pattern.name, f"problem {finding.message()}"
    return "", ""
