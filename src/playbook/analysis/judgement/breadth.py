"""What broad scope is said with, the pieces of PB302's patterns (``scope.py``): whole functions
and the places they are done in, products, what a platform unifies, goals, everyone served,
whole roles replaced, and burdens to lift."""

from __future__ import annotations

from playbook.analysis.judgement.words import either, one_of, phrases

# Whole functions, processes and places: "run payroll", "automate the back office".
FUNCTIONS = phrases(
    """hr, human resources, people ops, finance, accounting, accounts payable, accounts receivable, payroll,
    legal, sales, marketing, support, customer support, customer service, customer success, customer care,
    operations, ops, procurement, purchasing, compliance, it, engineering, recruiting, recruitment, hiring,
    onboarding, the back office, back office, back-office, admin, administration, logistics, supply chain,
    the supply chain, healthcare, patient care, billing, claims, underwriting, conveyancing, bookkeeping,
    tax, treasury, facilities, security, risk, the front desk, reception, fleet management, maintenance,
    the help desk, helpdesk, help desk, service desk, the call centre, the call center, contact centre,
    contact center, social media, content, communications, comms, pr, fundraising, admissions, teaching,
    research, product, devops, qa, infrastructure, everything, paperwork, document processing,
    knowledge management, the business, the company, the organisation, the organization, the firm,
    the practice, the clinic, the hospital, the school, the store, the shop, the restaurant, the hotel,
    the warehouse, the office, the department, the team, case management, asset management,
    property management, project management, talent, talent acquisition, people management, estimating,
    the lab, pharmacy, dispatch, the newsroom, client services, member services, the tenant journey,
    the customer journey, patient intake, vendor management, contract management, regulatory affairs,
    grid operations, hotel operations, site operations, clinical operations, the month-end close,
    month-end, the close, source-to-pay, procure-to-pay, order-to-cash, record-to-report, hire-to-retire,
    quote-to-cash, on-call, the books, the store, our store, the shop, the league, the fleet,
    the portfolio, incident response"""
)
PEOPLE_SCOPE = one_of(
    """teams?, departments?, functions?, divisions?, business units?, offices, employees?, staff, people,
    users?, colleagues, workers, sites, branches, regions, countries, stores, schools, clinics,
    the company, the organi[sz]ation, the business, the group, the firm, the trust, the council,
    the agency, everyone, channels?, brands?, company, organi[sz]ation, business, group, firm, trust,
    council, agency, school, hospital, fleet, estate, portfolio, network"""
)
# A product to build in place of a job: "a copilot for underwriters", "an AI receptionist".
PRODUCT = one_of(
    """assistant, copilot, co-pilot, agent, bot, chatbot, platform, operating system, os, tool, toolkit,
    app, solution, suite, hub, portal, manager, caseworker, concierge, companion, advis[oe]r, coach,
    analyst, colleague, employee, worker, team-?mate, brain, engine, layer, workbench,
    command cent(?:re|er), control tower, cockpit, super-?app, receptionist, secretary, clerk, paralegal,
    accountant, lawyer, recruiter, nurse, doctor, tutor, teacher, marketer, sdr, sre, engineer, buddy,
    genie, oracle"""
)
# What a platform does to many sources at once: "a hub that unifies POS, e-commerce and warehouse data".
UNIFIES = one_of(
    """unif(?:y|ies|ying), join(?:s|ing)?, combin(?:e|es|ing), consolidat(?:e|es|ing),
    aggregat(?:e|es|ing), integrat(?:e|es|ing), centrali[sz](?:e|es|ing), connect(?:s|ing)?,
    link(?:s|ing)?, brings? together, bringing together, pulls? together, pulling together,
    ties together, tying together, stitch(?:es|ing)? together"""
)
GENERIC_OBJECT = one_of(
    """documents?, files?, pdfs?, emails?, messages?, requests?, content, texts?, records?, questions?,
    queries, tasks?, data, paperwork, correspondence, information, anything, everything, work,
    interactions?, conversations?, communications?, submissions?, attachments?, images?, photos?, calls?"""
)

# product-not-problem: a product named as the problem, or one that does everything.
DOES_IT_ALL = one_of("does, do, handles?, manages?, runs?, covers?, takes? care of, helps? with")
PRODUCT_AS_PROBLEM = (
    rf"^(?:an?|one|the|our|a single)?\s*(?:[\w'-]+\s+){{0,3}}?{PRODUCT}s?\b"
    r"(?!\s+(?:that|which|to|who)\s+(?!(?:does|do|handles?|manages?|runs?|covers?|helps?|supports?|"
    r"takes? care)\b)"
    r"[a-z])(?=\s+(?:for|in|to|that|which|who|across|covering|with|of|on|over|above|so)\b|\s*[,.;]?\s*$)"
)
# A product's rollout named as the problem is a project, not a problem: "Salesforce Einstein rollout
# for the sales org", "implementation of Dynamics 365 across finance".
PRODUCT_ROLLOUT = (
    r"^(?:an?\s+|the\s+|our\s+)?(?:[\w'-]+\s+){0,3}?(?:roll-?out|implementation|deployment)\s+"
    r"(?:of|to|for|across|in|at)\b"
)
# A system of record runs a whole function ("a LIMS", "an ERP", "a case management system"): to
# build, buy or bring one in is to make the product the function runs on, not one job in it.
SYSTEM_OF_RECORD = one_of(
    r"""lims, erp, crm, ehr, emr, epr, hris, hrms, hcm, wms, tms, mes, cms, dms, pms, ats, qms, eqms, cmms,
    cafm, eam, itsm, lms, mis, [\w-]+ management system, [\w-]+ information system, system of record,
    records system, intranet"""
)
BRING_IN = one_of(
    """build, create, develop, implement, deploy, buy, procure, set up, stand up, introduce, roll out,
    design, replace, migrate to, move to, switch to, choose, select"""
)
A_NEW_SYSTEM = (
    rf"^(?:\w+ly\s+)?{BRING_IN}\s+(?:an?|one|our|the|a single)\s+(?:[\w'-]+\s+){{0,2}}?"
    rf"{SYSTEM_OF_RECORD}s?\b"
)
# A product that spans a list of areas is several jobs in one box: "a platform covering intake,
# billing and reporting", "an app spanning rotas, leave, pay and training".
SPANNING = one_of("covering, covers, cover, spanning, spans, span, across, encompassing, encompasses")
AREA = r"(?:[\w'/&-]+\s+){0,3}?[\w'/&-]+"
PRODUCT_SPANS_AREAS = (
    rf"\b{PRODUCT}s?\s+(?:(?:that|which)\s+)?{SPANNING}\s+{AREA}(?:\s*,\s*{AREA}){{1,6}}?\s*,?\s*"
    r"(?:and|&|plus)\s+"
)
PRODUCT_DOES_IT_ALL = rf"\b{PRODUCT}\s+(?:that|which|who)\s+{DOES_IT_ALL}\s+(?:everything|anything|all)\b"
# suite: a platform that unifies many sources, an end-to-end whole, or a span from one stage to another.
UNIFYING_PRODUCT = (
    rf"\b(?:{PRODUCT}|dashboard|view|data (?:layer|platform|lake|warehouse))s?\s+(?:(?:that|which)\s+)?"
    rf"{UNIFIES}\s+(?!(?:to|with|up)\b)(?:[\w'/&.-]+\s+){{0,3}}?[\w'/&.-]+(?:\s*,|\s+and\b|\s+&|\s+with\b)"
)
WHOLE = one_of(
    """complete, full, entire, whole, all[- ]in[- ]one, one[- ]stop, end[- ]to[- ]end, e2e, unified,
    integrated, comprehensive, holistic, single"""
)
WHOLES = one_of(
    """suite, platform, solution, system, assistant, copilot, co-pilot, workbench, hub, toolkit, tool ?kit,
    stack, service, experience, automation, overhaul, transformation, lifecycle, life cycle, journey,
    function, department, back office, operating system, os, agent, portal, app, workflow, pipeline,
    process, enablement, visibility, tracking, coverage"""
)
# The whole of running something, however it is named: "the full inventory management of the
# pharmacy", "the entire claims handling", "the complete stock administration"; not the whole of
# one item's handling, which is one job ("the full processing of each invoice").
RUNNING = one_of(
    """management, handling, running, processing, maintenance, administration, coordination, operations?,
    control, oversight, [\\w-]*ops"""
)  # a discipline named "-Ops" is the running of its field: "full AIOps", "complete MLOps"
# The words between a whole-word and what it qualifies are that thing's own modifiers: across a
# preposition or an article, "end to end" says how completely a job is done ("resolve each ticket
# end to end without an agent touching it"), not what is whole.
MODIFIER = r"(?:(?!(?:without|with|no|not|an?|the|by|for|to|of|in|on|from|via|and|or)\b)[\w'-]+\s+)"
A_WHOLE = (
    rf"\b(?:a |an |the |one )?{WHOLE}\s+{MODIFIER}{{0,2}}?{WHOLES}\b|"
    rf"\b(?:the |our |its |their )?{WHOLE}\s+{MODIFIER}{{0,2}}?{RUNNING}"
    r"(?!\s+(?:of|for|on)\s+(?:each|a|an|one|this|that)\b)"
    r"(?=\s*(?:$|[,.;:]|\s[-\u2013\u2014]|(?:of|for|in|at|across|with|and|to|from)\b))"
)
STAGE_FROM = one_of(
    """[\\w-]+ing, review, intake, capture, receipt, application, enquiry, inquiry, quote, order, lead,
        request,
    referral, first contact, sourcing, listing"""
)
STAGE_TO = one_of(
    """[\\w-]+ing, close, payment, delivery, completion, signing, offer, decision, invoice, report, filing,
    settlement, resolution, hire, discharge, cash, renewal, sale"""
)
FROM_STAGE_TO_STAGE = (
    r"\bfrom (?:[\w'-]+ ){1,4}?(?:right )?(?:through|all the way) to\b|"
    rf"\bfrom (?:[\w'-]+ ){{0,3}}?{STAGE_FROM} (?:right )?(?:through |all the way )?to "
    rf"(?:[\w'-]+ ){{0,3}}?{STAGE_TO}\b"
)
# whole-function: a verb of running or improving over a whole function.
RUN_IT_ALL = either(
    *phrases(
        """automate, digiti[sz]e, transform, improve, streamline, optimi[sz]e, modernise, modernize,
        revolutioni[sz]e, reinvent, reimagine, overhaul, revamp, manage, handle, run, take over,
        take care of, look after, support, help with, power, fix, own, replace, cover, do, ai for, ai in,
        ai across"""
    ),
    "an? (?:ai |smart |intelligent |virtual )?"
    + one_of(
        """assistant, copilot, co-pilot, agent, bot, chatbot, platform, tool, system, solution, helper,
        companion, brain"""
    )
    + "s? for",
)
THE_WHOLE_OF = (
    r"(?:the |our |all |all of |all of the |every |any |the whole |the entire |all our |an? |"
    r"the [\w-]+'s |our [\w-]+'s )?"
)
FUNCTION_PARTS = one_of(
    """team, teams, department, departments, staff, people, reps, function, functions, org, processes,
    process, work, tasks, operations, workflows?, conversation, desk, programme, program, pipeline"""
)
FUNCTION_END = r"\s*(?:$|[,.;!]|\b(?:with|using|through|end|for|by|at|of)\b)"
WHOLE_OF_IT = one_of(
    """function, department, process, processes, operations, desk, conversation, relationships?,
    programme, program, pipeline, lifecycle, journey, experience, office, admissions, inbox, workload"""
)
RUN_THE_WHOLE = (
    r"\b(?:run|own|replace|manage|handle|look after|take over|take care of|oversee)\s+"
    r"(?:the |our |all |the whole |the entire |[\w-]+'s )?(?:[\w'-]+\s+){0,2}?" + WHOLE_OF_IT + r"\b"
)
# The whole of whatever a verb of running takes on is a function, however it is named: "own the
# entire month-end close", "handle the whole renewals cycle"; the whole of one item is one job.
RUN_ALL_OF_IT = (
    r"\b(?:run|own|manage|handle|look after|take over|take care of|oversee)\s+"
    r"(?:the|our|its|their) (?:whole|entire|full|complete)\s+"
    r"(?!(?:[\w'-]+\s+){0,3}?(?:of|for|on)\s+(?:each|every|a|an|one|this|that)\b)"
    r"(?:[\w'-]+\s+){0,3}?[\w'-]+\s*(?:$|[,.;]|(?:for|at|in|across|within)\s)"
)
EVERYTHING_IT_DOES = (
    r"^everything\b|\beverything (?:our |the |that |[\w-]+ )?(?:[\w-]+ )?"
    r"(?:does|do|handles|needs|touches|processes|produces|sends|receives|makes)\b"
)
UNIT_CHANGE = (
    r"\b(?:desk|function|department|operations|office|team|process(?:es)?|back office|unit) "
    r"(?:automation|transformation|optimi[sz]ation|management|digiti[sz]ation|enablement)\b"
)
FUNCTION_CHANGE = (
    "(?:automation|management|operations|enablement|transformation|optimi[sz]ation|intelligence)"
)
AI_RUN = (
    r"(?:ai|gpt|llm|gen ?ai)[- ](?:driven|powered|led|based|first|native)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:operations|management|[\w-]+ing|services?)\b|"
    # A function that runs itself is a whole function handed over: "self-healing network operations".
    r"\b(?:self[- ](?:healing|driving|running|managing|operating|optimi[sz]ing|governing|repairing)|"
    r"autonomous|lights[- ]out)\s+(?:[\w'-]+\s+){0,2}?(?:operations|ops|management|infrastructure|"
    r"networks?|it|estate|[\w-]*ops)\b|"
    r"\b(?:powered by|run by|leveraging|driven by) "
    r"(?:ai|gpt|llms?|gen ?ai|generative ai|agents|automation)\s*(?:$|[,.;])"
)
# transformation-goal: a goal to reach, with technology or without, in place of a job.
IMPROVE = one_of(
    """improve, transform, streamline, optimi[sz]e, modernise, modernize, revolutioni[sz]e, reimagine,
    reinvent, supercharge, turbocharge, enhance, boost, upgrade, overhaul, revamp, future-proof, accelerate,
    empower, reduce friction, make (?:\\w+ )?(?:better|smarter|faster|easier|more efficient)"""
)
WITH = one_of("with, using, through, via, by (?:using|leveraging|adopting), powered by")
TECHNOLOGY = one_of(
    r"""ai, a\.i\., gen ?ai, generative ai, llms?, automation, machine learning, ml, technology, copilots?,
    agents, chatgpt, data"""
)
APPLY_AI = (
    r"\b(?:leverage|harness|apply|bring|introduce|roll out|deploy|adopt|embed|infuse|use) "
    r"(?:ai|gen ?ai|generative ai|llms?|machine learning|automation|copilots?|chatgpt|agents) "
    r"(?:across|in|into|for|throughout|to) "
)
# A state the whole organisation is to reach is a goal: "make us audit-ready", "keep the firm
# compliant with every regime it answers to"; a state of one item is a job's output.
WHOLE_ORGANISATION = one_of(
    """us, ourselves, the (?:company|business|firm|organi[sz]ation|group|practice|trust|council|bank),
    our (?:company|business|firm|organi[sz]ation|group|practice|estate|operations)"""
)
ORGANISATION_STATE = (
    rf"^(?:\w+ly\s+)?(?:make|keep|get|render)\s+{WHOLE_ORGANISATION}\s+(?:\w+ly\s+)?"
    r"(?!(?:a|an|the|some|any|to|into|from|with|for|on|off|in|out|through|up|back|posted|informed|updated|"
    r"aware|notified|in the loop)\b)[\w-]+"
)
SLOGANS = (
    r"\b(?:ai|digital)[- ](?:transformation|strategy|roadmap|enablement|first)\b|"
    r"\b(?:reduce friction|delight (?:our )?customers|drive efficiency|unlock (?:value|productivity)|"
    r"be more efficient|work smarter|do more with less|end-to-end efficiency)\b"
)
GOAL_VERBS = one_of(
    """streamline, elevate, optimi[sz]e, accelerate, moderni[sz]e, improve, enhance, transform, boost,
    revolutioni[sz]e, reinvent, reimagine, supercharge, upgrade, simplify, speed up, scale, grow, empower,
    get more out of, reduce friction in, raise, lift, strengthen, rethink, declutter, de-risk, derisk"""
)
# A goal said as a noun is a goal still, whether it opens the problem or is what the problem drives:
# "drive the regional transformation of finance", "lead the modernisation of library services".
GOAL_NOUNS = one_of(
    """transformation, moderni[sz]ation, optimi[sz]ation, streamlining, improvement, enhancement, reinvention,
    reimagining, revolution, overhaul, revamp, simplification, digitali[sz]ation, rationali[sz]ation,
    acceleration"""
)
PURSUE = one_of(
    """drive, lead, deliver, support, own, run, manage, enable, power, spearhead, champion, kick off,
    kickstart, start, launch, complete, achieve, implement, execute, undertake, pursue, oversee, coordinate,
    accelerate, plan, roll out, help with, help, progress, advance, facilitate, reali[sz]e, push"""
)
GOAL_AS_A_NOUN = (
    rf"^(?:(?:\w+ly\s+)?{PURSUE}\s+(?:the|a|an|our|its|their)?\s*(?:[\w'-]+\s+){{0,3}}?|"
    r"(?:the\s+|an?\s+|our\s+)?(?:(?:[\w-]+(?:al|ic|ive|wide)|full|complete|whole|total|major)\s+)?)"
    rf"{GOAL_NOUNS}(?:\s+(?:of|in|across|for|programme|program|project)\b|\s*$)"
)
BETTER = one_of(
    r"""smarter, better, easier, smoother, faster, simpler, quicker, leaner, cheaper, more [\w-]+,
    less [\w-]+, painless, effortless, seamless, frictionless, intelligent, smart, efficient, modern,
    data-driven, autonomous, ai-powered, ai-driven, agile, lean, paperless, touchless, future-proof"""
)
FIX_THE_THING = one_of(
    """automate, digiti[sz]e, transform, modernise, modernize, fix, improve, streamline, optimi[sz]e,
    revolutioni[sz]e, reinvent, handle, manage, own, run, do"""
)
WORK_BETTER = (
    r"\bhelp (?:[\w'-]+ ){0,3}?(?:work|run|operate|perform|do|serve|grow|scale) "
    r"(?:more|better|faster|smarter|efficiently|effectively)\b|\bget more (?:value )?(?:out of|from)\b|"
    r"\b(?:understand|know|serve|engage|support|reach) (?:our |the )?[\w-]+ better\b"
)
FIND_OPPORTUNITIES = (
    r"^(?:explore|investigate|assess|evaluate|identify|find|map|discover)\s+(?:and [\w-]+ )?(?:[\w-]+ ){0,2}?"
    r"(?:opportunities|options|ways|use cases|possibilities|potential|quick wins|initiatives)\b"
)
MOVE = one_of(
    """increase, reduce, cut, lower, raise, grow, drive, improve, maximi[sz]e, minimi[sz]e, halve, double,
    lift"""
)
METRIC = one_of(
    """csat, nps, churn, revenue, costs?, errors?, efficiency, productivity, satisfaction, engagement,
    retention, conversion, margins?, turnover, headcount, spend, waste, downtime, risk, throughput, quality,
    sales, growth, profit, profits, utili[sz]ation, adoption, backlogs?, wait(?:ing)? times?, queues?,
    delays, friction, no-shows, complaints, turnaround"""
)
MOVE_A_METRIC = (
    rf"^{MOVE}\s+(?:the |our |overall |total )?(?:[\w-]+ )?{METRIC}\b"
    r"(?!\s+(?:of|on|in|from) (?:each|every|the) )"
)
# A gap to close or an ill of society to end is a goal: "bridge the digital divide", "tackle loneliness".
ILLS = one_of(
    r"""poverty, homelessness, loneliness, isolation, inequalit(?:y|ies), illiteracy, unemployment, exclusion,
    deprivation, hunger, food insecurity, obesity, crime, (?:[\w-]+ )?(?:crisis|shortage|epidemic)"""
)
SOCIAL_GOAL = (
    r"^(?:\w+ly\s+)?(?:bridge|close|narrow|shrink|level) the (?:[\w-]+ ){0,3}?(?:gap|divide)\b|"
    rf"^(?:\w+ly\s+)?(?:tackle|address|end|eliminate|combat|fight|beat|solve|reduce|prevent|stop) "
    rf"(?:the )?(?:[\w-]+ ){{0,2}}?{ILLS}\b"
)
# everyone-served: for all teams, company-wide, anything anyone asks, every document that passes.
FOR_ALL = r"(?:all|every|any|the whole|the entire|all of|all our|all of our|\d[\d,]* )"
COMPANY_WIDE = (
    r"\b(?:company|organi[sz]ation|enterprise|business|firm|group|trust|council)[- ]wide "
    r"(?:assistant|copilot|knowledge|search|chatbot|bot|platform|tool|solution|automation)\b"
)
ANYONE_ASKS = (
    r"\banything (?:our|an?|any) (?:\w+ )?(?:staff|employee|team|customer|user|colleague)s?\b|"
    r"\b(?:any|every|all) (?:question|task|request|query|queries|workflow|process|job|problem|issue)s? "
    r"(?:that )?(?:any|our|an?|every|the) (?:\w+ )?"
    r"(?:employee|staff|team|department|customer|user|colleague|member|person|one)s?\b|\bwhatever\b"
)
ONE_SOURCE = one_of("inbox, queue, folder, channel, feed, mailbox, portal, form, tray, ledger")
EVERY_DOCUMENT = (
    r"\b(?:cover|handle|answer|process|summari[sz]e|translate|extract|classify|read) (?:all|every|any) "
    rf"(?:(?:incoming|new|the|of the|our) )?{GENERIC_OBJECT}\b"
    rf"(?!\s+(?:in|from|on) (?:the |our |each )?(?:[\w'-]+ ){{0,3}}?{ONE_SOURCE})|"
    rf"\b{GENERIC_OBJECT} (?:that )?(?:passes|pass|comes|come|goes|go|flows?) (?:through|into|across)\b|"
    r"\b(?:each|every|all) (?:[\w'-]+'s? )?(?:department|team|division|office|site)'?s? (?:[\w-]+ ){0,2}?"
    r"(?:drive|drives|files|documents|folders|inbox|data)\b"
)
# whole-job-of-people: replace people, run a business, from one end of a process to the other.
ROLES = one_of(
    """reporters, staff, team, workers, people, agents, employees, humans, clerks, nurses, lawyers,
    accountants, analysts, receptionists, function, department, recruiters, translators, writers,
    developers, engineers"""
)
# Items of one kind, or one item, handled end to end are one job done completely ("resolve
# password-reset tickets end to end", "close each refund request end to end"), where a function or a
# business run end to end is a whole one ("automate accounts payable end to end").
ITEMS_BEFORE = (
    r"(?:\b(?:each|every|one|a|an|the)\s+(?:[\w'-]+\s+){0,3}?[\w'-]*[^\Ws]|"
    r"(?<![\w'-])(?!(?:[\w-]*ops|operations|services|claims|sales|logistics|accounts|analytics|payments|"
    r"relations|affairs|resources|communications|comms)\s)[\w'-]+s)\s+$"
)
BUSINESSES = one_of(
    """store, shop, business, company, practice, firm, restaurant, clinic, league, vault, fleet, portfolio,
    hotel, warehouse, site"""
)
RUN_A_BUSINESS = (
    rf"\breplace (?:the |our |all |human |the human )?(?:[\w-]+ ){{0,2}}?{ROLES}\b|"
    rf"\b(?:run|operate|manage) (?:our |the |a )?(?:[\w-]+ ){{0,2}}?{BUSINESSES}\b(?:\s+end[- ]to[- ]end)?|"
    r"\bend to end\s*$|^all of\b|\b(?:close|do|keep|run) the (?:books|accounts|payroll)\b|"
    r"\bhelp (?:[\w'-]+ ){1,2}with (?:their |the |all )?"
    r"(?:admin|paperwork|backlog|operations|work|workload|everything)\b"
)
EVERYWHERE_IN_IT = (
    r"\bevery [\w-]+ in every [\w-]+\b|\b(?:in|across) (?:every|all) subjects?\b|"
    r"\bacross the (?:group|company|business|organi[sz]ation|enterprise|firm|trust|estate|fleet|network|"
    r"portfolio)\b"
)
START_OF_A_PROCESS = one_of(
    """offer, application, signup, sign-up, enquiry, inquiry, lead, quote, order, referral, admission,
    intake, booking, hire, arrival, request, claim, incident, idea, listing, first contact, signed offer"""
)
END_OF_A_PROCESS = one_of(
    """payslip, payment, close, completion, invoice, delivery, discharge, renewal, offer, contract, hire,
    onboarding, launch, sale, settlement, resolution, publication, report, cash, day one"""
)
END_TO_END = (
    rf"\bfrom (?:[\w'-]+ )?{START_OF_A_PROCESS} (?:right )?(?:through |all the way )?to "
    rf"(?:the |a |an |first |final )?(?:[\w-]+ )?{END_OF_A_PROCESS}\b"
)
# market-product: software for a kind of organisation.
MARKETS = one_of(
    """firms, companies, businesses, teams, smbs, smes, organi[sz]ations, enterprises, practices, agencies,
    clinics, hospitals, schools, retailers, brands, startups, merchants, professionals, freelancers,
    landlords, charities, councils"""
)
SOFTWARE = "(?:automation|platform|solution|software|tooling|ai|copilot|assistant|system|app|saas|tool)"
# anything-for-anyone and burden.
ANYTHING_FOR_ANYONE = (
    r"\b(?:let|help|allow|enable)\s+(?:anyone|everyone|anybody|everybody|"
    r"(?:any|every|all) (?:employee|member|user|colleague|customer|staff|department|team)s?)\b|"
    r"\b(?:ask|answer|find|do|handle|search)\s+anything\b|\banything (?:about|related to|to do with)\b|"
    r"\babout anything\b|"
    r"\bany (?:course|subject|topic|product|policy|module|department|team|language|country|system|app|"
    r"tool)s? "
    r"(?:we|our|they|you)\b|\bevery (?:department|team|employee|office|site|branch|user)s? (?:can|could|"
    r"will)\b"
)
DRUDGERY = one_of(
    "admin, administrative, paperwork, manual, busy ?work, drudgery, toil, grunt work, back-office"
)
BURDEN = (
    r"\b(?:take|remove|reduce|cut|eliminate|lift|lighten|ease|kill|offload|shrink)\s+"
    rf"(?:the |our |all |some of the |much of the )?{DRUDGERY}(?:\s+(?:burden|load|overhead|work|tasks))?\b|"
    r"^(?:drive|unlock|realise|realize|capture|deliver)\s+(?:[\w'-]+\s+)?"
    r"(?:efficienc(?:y|ies)|value|savings|productivity|synergies|gains|growth|impact|roi)\b|"
    r"\bput (?:ai|gen ?ai|llms?|automation|machine learning) "
    r"(?:at the heart|at the centre|at the center|at the core|into every)\b|"
    r"\bhow we (?:work|operate|look after|run|do)\b"
)
