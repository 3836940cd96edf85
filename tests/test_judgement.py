"""The prose rules judged against the labelled corpus in tests/judgement/: per rule, recall of at
least 95% and false alarms on at most 1% of good text; and the corpus itself is well formed."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.judgement import figures
from playbook.analysis.judgement import FIELD_RULES, Vocabulary, judge
from tests.judgement.corpus import corpus

CASES = corpus()


def test_the_corpus_is_large_varied_and_balanced():
    assert len(CASES) >= 600
    assert {case.field for case in CASES} == set(FIELD_RULES)
    for code in ("PB101", "PB103", "PB201", "PB302"):
        judged = [case for case in CASES if case.file == f"{code.lower()}.txt"]  # the rule's own file
        violations = sum(code in case.expected for case in judged)
        assert 0.3 <= violations / len(judged) <= 0.7, code
    texts = Counter(case.text for case in CASES)
    assert [text for text, n in texts.items() if n > 1] == []
    for case in CASES:
        assert case.expected <= set(FIELD_RULES[case.field]), case.id


@pytest.mark.parametrize("code", ["PB101", "PB103", "PB201", "PB302"])
def test_recall_and_false_alarms_meet_the_targets(code):
    row = figures(CASES)[code]
    recall = row["caught"] / row["violations"]
    alarms = row["false_alarms"] / row["good"]
    misses = [
        f"{case.id} {case.text}"
        for case in CASES
        if code in case.expected and code not in {v.code for v in judge(case.field, case.text)}
    ]
    false = [
        f"{case.id} {case.text}"
        for case in CASES
        if code in FIELD_RULES[case.field]
        and code not in case.expected
        and code in {v.code for v in judge(case.field, case.text)}
    ]
    assert recall >= 0.95, misses
    assert alarms <= 0.01, false


def test_a_finding_quotes_the_words_that_fired_and_names_its_pattern():
    [verdict] = judge("sufferer.who", "Law firms exploring AI for contract onboarding")
    assert verdict.code == "PB101" and verdict.pattern == "intent-to-adopt"
    assert "'exploring AI'" in verdict.message and "would-be buyer" in verdict.message


@pytest.mark.parametrize(
    "field, text, vocabulary, before, after",
    [
        (
            "model.measured_on",
            "Scores on the AcmeBench suite",
            Vocabulary(benchmarks=("AcmeBench",)),
            False,
            True,
        ),
        (
            "scope.problem",
            "Roll out Atlas for the support desk",
            Vocabulary(broad_scope=("Atlas",)),
            False,
            True,
        ),
        (
            "sufferer.who",
            "Everyone Counts volunteers re-keying donor forms",
            Vocabulary(allow=("Everyone Counts",)),
            None,
            False,
        ),
    ],
)
def test_a_team_extends_and_narrows_the_vocabulary(field, text, vocabulary, before, after):
    code = FIELD_RULES[field][0]
    fired = {v.code for v in judge(field, text, vocabulary)}
    assert (code in fired) is after
    if before is not None:
        assert (code in {v.code for v in judge(field, text)}) is before


PROSE_RULES = {
    code: tuple(field for field, codes in FIELD_RULES.items() if code in codes)
    for code in ("PB101", "PB103", "PB201", "PB302")
}


def test_every_pattern_is_described_in_the_registry_and_fires_on_its_example():
    """The registry's list of patterns (what --explain and the criteria page show) is the list
    the judgement uses: every pattern named there fires on its example, and every name the
    rules give on the corpus is there."""
    from playbook.analysis.judgement import evaluation, scope, sufferer
    from playbook.rules import RULES

    described = {code: [name for name, _, _ in RULES[code].patterns] for code in PROSE_RULES}
    for code, names in described.items():
        assert RULES[code].judges and len(names) == len(set(names)), code
    implemented = {
        "PB101": {p.name for p in sufferer.PATTERNS},
        "PB201": {p.name for p in evaluation.patterns(("a team benchmark",))},
        "PB302": {p.name for p in scope.patterns(("a team word",))},
    }
    for code, names in implemented.items():
        assert names <= set(described[code]), (
            f"{code} patterns missing from the registry: {names - set(described[code])}"
        )
    fired = Counter((v.code, v.pattern) for case in corpus() for v in judge(case.field, case.text))
    for code, pattern in fired:
        assert pattern in described[code], f"{code} gives {pattern!r}, which the registry does not describe"
    for code, fields in PROSE_RULES.items():
        for name, fires_on, example in RULES[code].patterns:
            assert fires_on, (code, name)
            if not example:  # too-long and team-vocabulary depend on the text's length and the team's words
                assert name in {"too-long", "team-vocabulary"}
                continue
            got = {v.pattern for field in fields for v in judge(field, example) if v.code == code}
            assert name in got, f"{code} {name}: its example {example!r} gives {got}"
            assert fired[(code, name)] >= 1, f"{code} {name} is never exercised by the corpus"


def test_the_patterns_are_explained_in_the_terminal_and_on_the_site(run, make_project, tmp_path):
    from playbook.cli.main import main
    from playbook.rules import RULES
    from tests.support.briefs import brief

    out = tmp_path / "site"
    assert main(["build", str(make_project({"b": brief()})), "-o", str(out), "-q"]) == 0
    criteria = (out / "criteria/index.html").read_text(encoding="utf-8")
    for code in PROSE_RULES:
        code_, text, _ = run("check", "--explain", code)
        assert code_ == 0 and "How it reads the prose:" in text
        for name, _, example in RULES[code].patterns:
            assert f"\n    {name} " in text, (code, name)
            assert f"<code>{name}</code>" in criteria
        assert RULES[code].judges.replace("'", "&#39;") in criteria


# The essay's own examples, and each kind of miss the held-out sets found, fixed by its principle:
# each row is one principle, said in words the corpus does not hold.
PRINCIPLES = [
    # A public benchmark is a public benchmark whoever reports it.
    ("model.measured_on", "Our MMLU benchmark score", {"PB201"}),
    ("model.measured_on", "Our own HumanEval pass rate, 87%", {"PB201"}),
    # A counted sample of the team's own work is a measurement on it, whatever else is named.
    ("model.measured_on", "Its LegalBench score, plus 300 of our own tickets labelled by the agents", set()),
    ("model.measured_on", "Eighty reference packs from our own files, spring 2024", set()),
    # A plain occupation, even a qualified one, is people with a job; organisations as a category
    # are a market.
    ("sufferer.who", "Freelance bookkeepers serving restaurants", set()),
    ("sufferer.who", "Hotel night receptionists", set()),
    ("sufferer.who", "Funeral homes", {"PB101"}),
    ("sufferer.who", "Independent vet practices", {"PB101"}),
    # A hedged "every" is still everyone.
    ("sufferer.who", "More or less every dental clinic in Germany", {"PB101"}),
    ("sufferer.who", "Roughly every GP surgery in England", {"PB101"}),
    ("sufferer.who", "More or less every dispatcher on the night desk at our Daventry cross-dock", set()),
    # A passing remark that someone else might follow is not the sufferer; "they" is.
    (
        "sufferer.who",
        "Dispatchers at our Leeds depot who plan routes by hand; the Bristol team would follow later",
        set(),
    ),
    ("sufferer.who", "Claims handlers at a Leeds insurer; underwriting may want it next year", set()),
    ("sufferer.who", "Claims handlers at a Leeds insurer; they would use it daily", {"PB101"}),
    # A loss placed later is a guess; lost time said with what it would buy is a loss today.
    (
        "sufferer.losing",
        "Warehouses could lose key accounts eventually if picking errors continue",
        {"PB101", "PB103"},
    ),
    (
        "sufferer.losing",
        "Six hours each week that the two planners could be spending on supplier calls",
        set(),
    ),
    (
        "sufferer.losing",
        "The regional grocery market as a whole, which would benefit from better forecasts",
        {"PB101", "PB103"},
    ),
    # Staff counted in words with their time, and money over a period, are amounts.
    ("sufferer.losing", "Three people full time re-keying invoices", set()),
    ("sufferer.losing", "Two full-time clerks chasing purchase orders", set()),
    ("sufferer.losing", "Write-offs on expired stock, about £40k last season", set()),
    # A platform described by what it joins is broad.
    ("scope.problem", "One hub joining orders, returns and loyalty data across every channel", {"PB302"}),
    ("scope.problem", "A dashboard that brings together fleet and fuel data", {"PB302"}),
    ("scope.problem", "A tool that connects to the supplier portal and downloads invoices", set()),
    # One job with a cadence or a condition is one job.
    ("scope.problem", "Forecast each delivery's arrival, updated hourly", set()),
    ("scope.problem", "Re-rank the pick list for the next wave, refreshed every 15 minutes", set()),
    ("scope.problem", "Alert the planner before a shift would breach the rest rule", set()),
    ("scope.problem", "Warn the dispatcher before a driver would exceed their hours", set()),
    ("scope.problem", "Draft the reply, send it, and invoice the customer", {"PB302"}),
    ("scope.problem", "Read each supplier's delay email and propose a new delivery slot", set()),
    # Someone else's demo, and impressions of it, measure nothing of the workflow's own.
    ("model.measured_on", "A sales demo the vendor ran for our claims lead", {"PB201"}),
    ("model.measured_on", "Good impressions from the supplier's demonstration at the trade fair", {"PB201"}),
    # Weighing up a purchase is a would-be buyer.
    ("sufferer.who", "Regional banks evaluating their next fraud-screening purchase", {"PB101"}),
    (
        "sufferer.who",
        "Payroll clerks at a 300-bed hospital, and yes, HR has said it might want it too",
        set(),
    ),
    # A rate before the amount, and people with the days they lose, are amounts.
    ("sufferer.losing", "Each week, a day of rework on rejected drawings", set()),
    ("sufferer.losing", "Two planners sacrifice the entire Sunday evening to the rota", set()),
    # Sets C and D, each kind said in other words. Who ran a public benchmark is not where it was
    # measured; a test the team ran outweighs only what someone said.
    ("model.measured_on", "We put it through TruthfulQA in-house, 82%, so it should cope", {"PB201"}),
    ("model.measured_on", "We scored it on the public SQuAD set in-house; looked fine", {"PB201"}),
    ("model.measured_on", "The vendor quotes 97%, but we tested it ourselves and saw 81%", set()),
    # An impression is how it looked or felt, who was impressed, a casual try, a demo whoever ran it.
    ("model.measured_on", "Gave it a spin on some stock photos and it felt pretty solid", {"PB201"}),
    ("model.measured_on", "Everyone was blown away when we showed it at the all-hands", {"PB201"}),
    ("model.measured_on", "It came across as very accurate in the demo we did for the board", {"PB201"}),
    # A counted sample of the team's own work may say so by where it came from in the team's history
    # or by what it was scored against, not only by "our"; not when it is of the benchmark itself, nor
    # when an impression is what it rests on.
    (
        "model.measured_on",
        "MMLU as a sanity check first, then 300 denied claims from last year, scored against the "
        "adjusters' appeal decisions",
        set(),
    ),
    (
        "model.measured_on",
        "Model card numbers, then 150 claims from the 2024 book checked against the adjusters' decisions",
        set(),
    ),
    (
        "model.measured_on",
        "Its HellaSwag numbers seemed fine, but the real test was 250 of last month's disputes, scored "
        "against the agents' outcomes",
        set(),
    ),
    (
        "model.measured_on",
        "410 press releases from the council press office in 2024, against the stories we ran",
        set(),
    ),
    ("model.measured_on", "The accuracy quoted in the maker's press release", {"PB201"}),
    ("model.measured_on", "1,000 questions from the 2023 MedQA release", {"PB201"}),
    ("model.measured_on", "500 examples from a public 2024 contracts dataset", {"PB201"}),
    ("model.measured_on", "Tried it on the vendor's 50 sample contracts from 2023", {"PB201"}),
    ("model.measured_on", "250 of last month's disputes; the answers looked right to us", {"PB201"}),
    # A preposition starts no job; what to do when the job cannot be done is part of it; a participle
    # spelt as its verb with a time after it says when; what an activity yields is a noun ("audit
    # findings"); what is in brackets is an aside.
    ("scope.problem", "Draft the daily bed report from the ward census, after the 7am handover", set()),
    ("scope.problem", "Flag late shipments to the account manager, before the customer chases", set()),
    (
        "scope.problem",
        "Answer a tenant's repair query from the handbook, and book a visit if nothing applies",
        set(),
    ),
    ("scope.problem", "Classify each inbound email by intent and escalate to a supervisor if unsure", set()),
    (
        "scope.problem",
        "Code each expense line to the ledger, and ask the claimant if the receipt is missing",
        set(),
    ),
    ("scope.problem", "Transcribe each call and invoice the client if it is billable", {"PB302"}),
    ("scope.problem", "Summarise each complaint and refund the customer when it is upheld", {"PB302"}),
    (
        "scope.problem",
        "Summarise the night's incident log for the duty manager, run every morning at six",
        set(),
    ),
    ("scope.problem", "Draft the tenancy renewal letter, set the month before the lease expires", set()),
    ("scope.problem", "Roster the crews, plan every shift and invoice the clients", {"PB302"}),
    ("scope.problem", "Pre-fill the inspection form from the surveyor's photos and audit findings", set()),
    (
        "scope.problem",
        "Pick an outcome (repair / replace / refund) for each warranty claim from the engineer's report",
        set(),
    ),
    # A rate may follow what is counted, or be a day ("on a wet Sunday"); "w/" is a word; a share of a
    # period of their time is an amount.
    ("sufferer.losing", "twelve to fifteen walk-in enquiries each on a busy Friday", set()),
    ("sufferer.losing", "Thirty-odd calls each on a wet Sunday", set()),
    ("sufferer.losing", "About 200 lines of handwritten stock counts a night to key in", set()),
    ("sufferer.losing", "Every return comes back w/ 10-15 mins of relabelling", set()),
    ("sufferer.losing", "Two planners spend most of every Monday rebuilding the rota", set()),
    # A sufferer named or sized as a segment, or described by industry research, is a market; a count
    # in the thousands is a population; a word in capitals is a name, not a pronoun.
    ("sufferer.who", "Independent opticians in the Midlands, a niche we value at roughly £40m", {"PB101"}),
    ("sufferer.who", "Regional freight brokers, a vertical we size at $2bn", {"PB101"}),
    (
        "sufferer.losing",
        "Clinics in this niche typically lose 8% of bookings to no-shows, according to sector reports",
        {"PB101"},
    ),
    ("sufferer.who", "Planners on the fresh-produce segment desk at our Leeds depot", set()),
    ("sufferer.who", "All 4,500 staff across the council's directorates", {"PB101"}),
    ("sufferer.who", "Every one of our 12,000 store associates", {"PB101"}),
    ("sufferer.who", "All 2024 graduate trainees in our audit practice", set()),
    (
        "sufferer.who",
        "Night-shift pharmacists at our Hull hospital checking discharge scripts; IT will roll it out wider",
        set(),
    ),
    # Set E, the held-out set, after it was measured: a demo seen or praised, a good feeling and a few
    # tries are impressions; a percent sign set apart is a share; a list a preposition opens names
    # fields; a gap to close or an ill to end is a goal; how far a specific group's work reaches is
    # not a market.
    ("model.measured_on", "We were shown an impressive walkthrough by their solutions team", {"PB201"}),
    (
        "model.measured_on",
        "The planners tried it a couple of times and came away with a positive sense of it",
        {"PB201"},
    ),
    ("model.measured_on", "The analysts have a good feeling about it after a week of use", {"PB201"}),
    ("sufferer.losing", "About 30 % of tickets reopen within a week", set()),
    (
        "scope.problem",
        "Create a job card from each fault report with asset tag, location and priority",
        set(),
    ),
    # Set J changed this row's reading: reading one report, making its job card and emailing it on is one
    # item's work however many verbs it takes (see the set J rows below); it was several jobs before.
    ("scope.problem", "Read the fault report with OCR, issue a job card and email the engineer", set()),
    ("scope.problem", "Close the attainment gap for looked-after children", {"PB302"}),
    ("scope.problem", "Tackle loneliness among older tenants", {"PB302"}),
    ("scope.problem", "Close each resolved ticket with a summary note", set()),
    (
        "sufferer.who",
        "Claims handlers at a Leeds insurer who chase repair quotes from garages across the UK",
        set(),
    ),
    ("sufferer.who", "Independent garages across the UK who chase repair quotes", {"PB101"}),
    # Set F, measured once before any change: a population placed by a place is a market whatever
    # the place's name, a named organisation is an anchor; a modal in a relative clause on people
    # is a guess about them, on a thing acted on it is part of the loss; what is lost, then who
    # would have spent it (a noun phrase of a few words), then the modal is a loss today; a word
    # that makes a guess of whatever it qualifies ("prospective", "would-be") needs no list of
    # people after it; a search that is part of the work said before it is not a purchase.
    ("sufferer.who", "Every veterinary practice in Flanders", {"PB101"}),
    ("sufferer.who", "Dental labs throughout Andalucia that have no in-house scanner", {"PB101"}),
    ("sufferer.who", "All craft breweries in Ontario", {"PB101"}),
    (
        "sufferer.losing",
        "Hauliers in the north that may switch carriers lose about 30 loads a month",
        {"PB101"},
    ),
    ("sufferer.losing", "Clinics that would adopt a scheduler lose 12% of slots to no-shows", {"PB101"}),
    (
        "sufferer.losing",
        "An hour a shift the two night porters could use for patient transfers goes on paperwork",
        set(),
    ),
    ("sufferer.losing", "Prospective lodgers drop out of 1 in 5 referencing checks", {"PB101"}),
    ("sufferer.who", "Would-be franchisees weighing up a second outlet", {"PB101"}),
    (
        "sufferer.losing",
        "They screen about 500 new ads a day looking for banned products, some 3 hours of each shift",
        set(),
    ),
    # A set a test ran on, named by a name alone, is a published set whoever ran it, where a name
    # before a noun says where the team's own work came from; what people think, feel or say of
    # it, and how their feedback has been, are impressions.
    (
        "model.measured_on",
        "Our own engineers ran it on OpenFloorplans-2 and it found every door",
        {"PB201"},
    ),
    ("model.measured_on", "0.62 F1 on CropDisease, as we measured it", {"PB201"}),
    (
        "model.measured_on",
        "The reception staff used it for a fortnight and reckon it gets most names right",
        {"PB201"},
    ),
    ("model.measured_on", "Feedback from the desk has been positive", {"PB201"}),
    ("model.measured_on", "The dispatchers believe its routes are mostly sensible", {"PB201"}),
    # A goal said as a noun is a goal; the whole of running something is a suite of jobs; "the
    # lot" is everything only where it stands alone; a clause of time or condition that opens the
    # problem says when its one job is done.
    ("scope.problem", "Lead the modernisation of the council's library services", {"PB302"}),
    ("scope.problem", "Revamp of customer onboarding", {"PB302"}),
    ("scope.problem", "Take over the complete claims handling of the motor book", {"PB302"}),
    ("scope.problem", "Check each batch's certificate before the lot ships to the customer", set()),
    ("scope.problem", "Print the lot number on every pallet label", set()),
    (
        "scope.problem",
        "Once a delivery is refused at the dock, draft the return note with the SKU, the quantity and the "
        "reason",
        set(),
    ),
    (
        "scope.problem",
        "If a passenger misses a connection, rebook them on the next flight that has seats and is on time",
        set(),
    ),
    # Set G, the held-out set, after it was measured: a span from the bottom of a workplace to its
    # head is everybody there; a category of organisations named by what it wants is a market; a
    # discipline named "-Ops", or a function that runs itself, is a whole function; "end to end"
    # across a preposition says how completely one job is done; a modal in a relative clause on the
    # items says what they would do, not another job; a schedule that opens the problem says when.
    ("sufferer.who", "The whole plant, from the line operators to the plant manager", {"PB101"}),
    ("sufferer.who", "Staff at our Hull yard, from the MD down to the apprentices", {"PB101"}),
    ("sufferer.who", "The whole practice (from the receptionists to the partners)", {"PB101"}),
    ("sufferer.who", "Everybody at the Kendal mill, from the weavers right up to the owners", {"PB101"}),
    ("sufferer.who", "Mid-size law firms wanting to speed up contract review", {"PB101"}),
    ("sufferer.who", "Dental clinics that want fewer no-shows", {"PB101"}),
    ("sufferer.who", "Independent hotels in Cornwall hoping to fill more rooms midweek", {"PB101"}),
    ("scope.problem", "End-to-end FinOps for the cloud estate", {"PB302"}),
    ("scope.problem", "Self-healing infrastructure across our data centres", {"PB302"}),
    ("scope.problem", "Complete SecOps - autonomous threat response", {"PB302"}),
    ("scope.problem", "Cancel each duplicate direct debit end to end without an agent stepping in", set()),
    ("scope.problem", "Answer each parking-permit query end to end without the service desk", set()),
    (
        "scope.problem",
        "Tag each returned parcel with its fault code, noting those which could miss the refund window",
        set(),
    ),
    ("scope.problem", "Rank each morning's pick waves, marking any that would overrun the cut-off", set()),
    (
        "scope.problem",
        "Every Friday by noon, list the rooms booked on Airbnb or Vrbo but not in our channel manager",
        set(),
    ),
    ("scope.problem", "Nightly, flag standing orders that are due this week or overdue or paused", set()),
    ("sufferer.who", "The entire workforce, shop floor to boardroom", {"PB101"}),
    ("sufferer.who", "Staff at every level of the trust", {"PB101"}),
    ("sufferer.who", "Fashion brands interested in lower return rates", {"PB101"}),
    ("scope.problem", "Classify each chargeback, noting which ones will miss the deadline", set()),
    # A product's rollout named as the problem is a project, not a problem.
    ("scope.problem", "Salesforce Einstein rollout for the sales org", {"PB302"}),
    ("scope.problem", "Implementation of Dynamics 365 across finance", {"PB302"}),
    # Set I, the held-out set, after it was measured: one job with its output or its steps is one
    # job (a decision's options, a verdict offered for a person to confirm, a remark after a
    # semicolon, a plural after a plural, the steps after a colon of a job that makes one thing); a
    # system of record to build is a product; a population placed in a country, a region or a sector,
    # a loss spread across a kind of organisation or a whole chain, and "nationally" are a market's; a
    # hedged modal before a loss is a guess; a guess in brackets, or a remark after a comma on a few
    # people at a named workplace, is no guess about the sufferer; a hyphenated exam is an exam, a
    # benchmark of a kind of task someone else's test, and a demo liked an impression.
    ("scope.problem", "Review each leave request against the rota and recommend approve or decline", set()),
    ("scope.problem", "Decide whether to renew, renegotiate or cancel each expiring software licence", set()),
    ("scope.problem", "Check each timesheet and propose corrections for the manager to confirm", set()),
    ("scope.problem", "Screen each CV against the job spec and suggest invite, hold or reject", set()),
    (
        "scope.problem",
        "Read each scanned delivery note and key the quantities into the stock sheet; unreadable lines go to "
        "the supervisor",
        set(),
    ),
    ("scope.problem", "Flag duplicate invoices or payments before the run goes out", set()),
    (
        "scope.problem",
        "Prepare the audit file for each grant: gather the receipts, match them to the ledger, write the "
        "cover note",
        set(),
    ),
    ("scope.problem", "Set up an ERP for the whole group", {"PB302"}),
    ("scope.problem", "Implement a new HR information system", {"PB302"}),
    ("sufferer.who", "Independent bookshops in Ireland that use our stock app", {"PB101"}),
    ("sufferer.who", "Freight forwarders in the logistics sector", {"PB101"}),
    ("sufferer.who", "Parish councils nationally", {"PB101"}),
    ("sufferer.losing", "Roughly 5% of turnover lost to bad debt across small retailers", {"PB101"}),
    (
        "sufferer.losing",
        "Missed deliveries and short shipments right across the value chain",
        {"PB101", "PB103"},
    ),
    ("sufferer.losing", "They would probably miss the filing deadline", {"PB101", "PB103"}),
    ("sufferer.who", "The three fitters in our Leeds depot (might rise to five next year)", set()),
    ("sufferer.who", "The eight payroll clerks at Hallam Foods, who would pilot the tool", set()),
    ("model.measured_on", "It aced a medical-licensing exam style benchmark", {"PB201"}),
    ("model.measured_on", "Did well on a standard invoice-extraction benchmark", {"PB201"}),
    ("model.measured_on", "The underwriters loved the demo", {"PB201"}),
    # Set H's errors, left untuned on for this round: a sufferer named as a market is a market however
    # it is counted; society with an article is an organisation; what happens to any one item is how
    # the work goes today, not a launch; modifiers joined by "or" describe what a count counts.
    ("sufferer.who", "The Dutch pet insurance market, some 30 insurers", {"PB101"}),
    ("sufferer.who", "Volunteers at the society's Bristol branch", set()),
    ("sufferer.losing", "About 3 hours a week re-booking, when a slot is cancelled by the haulier", set()),
    ("sufferer.losing", "About 12 damaged or missing parcels a day, each one refunded", set()),
    # Set J, held out, after it was measured. One job is work on one kind of item that yields that
    # item's output, however many verbs it takes: saying the result (tell, note, a message to someone),
    # a prefixed verb's stem, a "given X," opener; running the whole of anything, bringing the whole
    # organisation to a state, and a product spanning a list of areas are broad.
    (
        "scope.problem",
        "Check each expense claim against the policy and tell the claimant which receipts are missing",
        set(),
    ),
    (
        "scope.problem",
        "Compare each delivery note with the purchase order and note any short shipments",
        set(),
    ),
    ("scope.problem", "Spot stalled purchase orders and write a reminder to the buyer", set()),
    ("scope.problem", "Grade each essay against the rubric and give the student feedback", set()),
    ("scope.problem", "Triage each ticket and give the customer a refund", {"PB302"}),
    ("scope.problem", "Pre-screen each loan application against the lending policy", set()),
    (
        "scope.problem",
        "Given a claim number, return the policy, the excess and the last three payments",
        set(),
    ),
    ("scope.problem", "Score each supplier bid and also draft the award letters", {"PB302"}),
    ("scope.problem", "Classify each ticket and book the engineer", {"PB302"}),
    ("scope.problem", "Run the whole renewals cycle for the brokerage", {"PB302"}),
    ("scope.problem", "Handle the full processing of each invoice", set()),
    ("scope.problem", "Keep the practice compliant with GDPR and the CQC rules", {"PB302"}),
    ("scope.problem", "Keep us posted on late deliveries", set()),
    (
        "scope.problem",
        "Build a scheduling app spanning rotas, leave requests, timesheets and training",
        {"PB302"},
    ),
    # A profession by its bare name, a kind of customer, staff at a kind of organisation and a kind of
    # organisation by what it does are populations; ours, counted, named or in a workplace they are a
    # group; one team at our own or a named place stays a sufferer with a remark after a comma;
    # decision makers in a workplace decide cases; a modal whose clause says what is missed today is a
    # loss today.
    ("sufferer.who", "Paralegals", {"PB101"}),
    ("sufferer.who", "Night-shift paralegals", set()),
    ("sufferer.who", "Hotel guests who book through aggregators", {"PB101"}),
    ("sufferer.who", "Guests at the Harbour Hotel in Whitby who book through aggregators", set()),
    ("sufferer.who", "Finance teams at mid-size manufacturers preparing for an audit", {"PB101"}),
    ("sufferer.who", "Finance teams at our two plants preparing for the audit", set()),
    ("sufferer.who", "In-house counsel at mid-size logistics firms", set()),
    ("sufferer.who", "Regional airlines bidding for PSO routes", {"PB101"}),
    ("sufferer.who", "Officers at an exam board who answer appeals from colleges", set()),
    ("sufferer.who", "The bookings desk at our Harrogate hotel, who would be the first to use it", set()),
    ("sufferer.who", "Hotel bookings staff, who would be the first to use it", {"PB101"}),
    ("sufferer.who", "Decision makers in the Sheffield pensions centre who assess transfer requests", set()),
    ("sufferer.who", "Software decision makers at mid-size firms", {"PB101"}),
    (
        "sufferer.losing",
        "The ward could be discharging 4 more patients a day that it loses today to paperwork",
        set(),
    ),
    ("sufferer.losing", "The ward could discharge 4 more patients a day one day", {"PB101"}),
    ("sufferer.losing", "Restaurants everywhere struggle with VAT returns", {"PB101", "PB103"}),
    # A forecast of how the model would do, and a demo wherever it was shown, are impressions.
    ("model.measured_on", "Its makers say it should cope fine with scanned invoices", {"PB201"}),
    ("model.measured_on", "It is strong at summarising contracts in general", {"PB201"}),
    ("model.measured_on", "After the demonstration at our sales kick-off", {"PB201"}),
    ("model.measured_on", "Two weeks of our own tickets; it did well on 91% of them", set()),
]


@pytest.mark.parametrize("field, text, codes", PRINCIPLES)
def test_each_principle_holds_in_words_the_corpus_does_not_hold(field, text, codes):
    assert {verdict.code for verdict in judge(field, text)} == codes


# The other side of each principle of set F, which held before and must hold still: a named
# organisation anchors a population, a thing acted on is part of the loss, the people a sufferer
# works on are not the sufferer, a tool looked for is a purchase; a name before a noun is where the
# team's own work came from, and an opinion beside a measured agreement on its own work is fine;
# "the lot" alone is everything, a condition does not join jobs into one, the whole of one item's
# handling is one job, and a goal noun that names a thing is no goal.
GUARDS = [
    ("sufferer.who", "Every porter in St Luke's Hospital", set()),
    ("sufferer.who", "All the auditors in Grant Hollis LLP's Bristol office", set()),
    (
        "sufferer.losing",
        "Around 40 invoices a week that could be matched automatically wait for a clerk",
        set(),
    ),
    ("sufferer.who", "Letting agents who re-key prospective tenants' referencing forms", set()),
    ("sufferer.losing", "Buyers spend 2 hours a week looking for new software", {"PB101"}),
    ("model.measured_on", "220 Zendesk tickets from March, scored against the agents' replies", set()),
    (
        "model.measured_on",
        "350 of our own support chats, run on Azure with the agents' tags as reference",
        set(),
    ),
    ("model.measured_on", "Tested on the Hull depot's 600 returns against the graders' calls", set()),
    (
        "model.measured_on",
        "400 of last quarter's referrals, where the triage nurses think the model agreed with them 91% of "
        "the time",
        set(),
    ),
    ("scope.problem", "Give the finance team an AI that does the lot", {"PB302"}),
    ("scope.problem", "When a claim arrives, triage it, pay it and audit it", {"PB302"}),
    ("scope.problem", "The full handling of each warranty claim", set()),
    ("scope.problem", "Flag each transformation order whose serial number is missing", set()),
    # Set G's: a span of one role's ranks, or a span the work moves along, is no everybody; people
    # looking for something at work, or organisations counted or in a named group, are no market;
    # a function or a business run end to end is whole; a product's modal clause holds its jobs;
    # a schedule does not make a list of processes one job.
    ("sufferer.who", "Everyone on the night shift at the Leeds depot", set()),
    ("sufferer.who", "Coordinators who route calls from the front desk to the duty manager", set()),
    ("sufferer.who", "Pickers at our Leeds depot, from new starters to team leads", set()),
    ("sufferer.who", "Warehouse pickers looking for the right bin", set()),
    ("sufferer.who", "Claims handlers at our Leeds office looking to clear the backlog", set()),
    ("sufferer.who", "Our three clinics in Leeds that want fewer no-shows", set()),
    ("sufferer.who", "The two surgeries in the Castle Health group that want fewer no-shows", set()),
    ("scope.problem", "Refund damaged-parcel claims end to end without a handler involved", set()),
    ("scope.problem", "Automate accounts payable end to end", {"PB302"}),
    ("scope.problem", "Run our Shopify store end to end", {"PB302"}),
    ("scope.problem", "A tool that will triage, answer and bill every ticket", {"PB302"}),
    ("scope.problem", "Build an agent that can answer questions and book rooms", {"PB302"}),
    ("scope.problem", "Every morning, invoice capture, approval routing and payment runs", {"PB302"}),
    (
        "scope.problem",
        "Twice a week, pull overdue invoices, chase the clients and update the forecast",
        {"PB302"},
    ),
    ("sufferer.who", "Nurses at every level of seniority on ward 7", set()),
    ("sufferer.who", "Planners at our Leeds depot, reporting to the operations director", set()),
    ("scope.problem", "Predict which deployments of the billing service will fail", set()),
    ("scope.problem", "Draft the rollout note for each pharmacy's new opening hours", set()),
    # Set I's: options joined by "and", a verdict that leads, a clause after a semicolon that starts
    # with a verb, a job that runs something or steps of other work after a colon are several jobs; a
    # system named is no system built; people owned, a few counted, a workplace in a place, our things
    # in a place, a loss said to be ours or the reach of the work are no market; a plain modal of loss
    # is a loss today; a guess after a comma on people not anchored, or with no comma, is a guess; a
    # benchmark the team built from its own work is its own.
    ("scope.problem", "Suggest a reply and refund the customer", {"PB302"}),
    ("scope.problem", "Triage each ticket; answer the simple ones and bill the customer", {"PB302"}),
    (
        "scope.problem",
        "Run the front desk: answer calls, book appointments and chase unpaid invoices",
        {"PB302"},
    ),
    (
        "scope.problem",
        "Prepare the month-end pack: reconcile the accounts, pay the suppliers and forecast cash",
        {"PB302"},
    ),
    ("scope.problem", "Log each call in the CRM", set()),
    ("sufferer.who", "Our two paralegals in the UK, who might use it later", set()),
    ("sufferer.who", "Five GP practices in Wales", set()),
    ("sufferer.who", "Analysts in the public sector pensions team at Surrey County Council", set()),
    ("sufferer.who", "Account managers in our London office serving retailers across the UK", set()),
    ("sufferer.who", "Installers for our heat pumps in Ireland", set()),
    ("sufferer.losing", "We lose 3% of orders across suppliers, about 40 a week", set()),
    ("sufferer.losing", "Planners lose 6 hours a week chasing confirmations across carriers", set()),
    ("sufferer.losing", "They will miss the filing deadline each quarter", {"PB103"}),
    ("sufferer.who", "Nurses, who would love a scribe", {"PB101"}),
    ("sufferer.who", "Society at large", {"PB101"}),
    ("sufferer.losing", "Hours saved once the tool is released to all staff", {"PB101", "PB103"}),
    ("sufferer.who", "Market research analysts at Kantar's London office", set()),
    ("sufferer.who", "Six nurses who would use the app", {"PB101"}),
    (
        "model.measured_on",
        "The benchmark our team assembled from 300 real tickets, scored against the agents' tags",
        set(),
    ),
]


@pytest.mark.parametrize("field, text, codes", GUARDS)
def test_each_principle_keeps_its_other_side(field, text, codes):
    assert {verdict.code for verdict in judge(field, text)} == codes
