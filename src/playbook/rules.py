"""The rules as a registry: code, name, default severity, what each asks, why, and an example
that fires and one that passes — plain data, like markdown-it's presets, in one place that the
criteria page, ``check --explain``, the config's severities and the README's table all read.

The registry is the bottom floor: structural rules (PB001–PB006, PB008) are reported by the stage
that meets the problem — the reader, the schema, the link graph — through :func:`diagnostic`;
the criteria proper (PB007 and up) are checked by small functions in ``analysis/criteria.py``,
which import this module, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.diagnostics import Diagnostic, Position, Severity


@dataclass(frozen=True)
class Rule:
    """One criterion: what it is called, how bad it is by default, why it matters, how to pass it."""

    code: str
    name: str
    severity: Severity
    summary: str
    reason: str
    fails: str = ""
    passes: str = ""
    fatal: bool = False  # a brief that fails it cannot be analysed further, so it cannot be lowered
    judges: str = ""  # for a prose rule: in a sentence, what its patterns look for
    patterns: tuple[
        tuple[str, str, str], ...
    ] = ()  # for a prose rule: each named pattern, what it fires on, an example

    @property
    def acceptable(self) -> bool:
        """Whether a brief may accept this rule's findings with a reason (``accept:``): not a
        structural rule, whose finding means the brief cannot be read as written, and not the
        rule about acceptances themselves."""
        return self.code >= "PB100" and self.code != "PB402"


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    RULES[rule.code] = rule
    return rule


def diagnostic(
    code: str, path: str, where: Position, message: str, hint: str = "", length: int = 1
) -> Diagnostic:
    """Return a diagnostic of rule ``code`` at ``where`` with the rule's default severity."""
    rule = RULES[code]
    return Diagnostic(
        path, where.line, where.column, rule.severity, code, rule.name, message, hint, max(1, length)
    )


# --- Structural rules, reported by the stages that meet them ------------------------------------

register(
    Rule(
        "PB001",
        "front-matter",
        Severity.ERROR,
        "The file has readable YAML front matter that is a mapping.",
        "A brief is data before it is prose: without front matter that parses, nothing in it can be "
        "checked, derived or ranked. The file must be UTF-8, start with a line '---', and close the "
        "front matter with another '---' line.",
        fails="title: No opening line\n---\nBody",
        passes="---\ntitle: An opening line\n---\nBody",
        fatal=True,
    )
)
register(
    Rule(
        "PB002",
        "schema",
        Severity.ERROR,
        "Every required field is present, with the right type, in range, with an allowed value.",
        "The criteria need their answers. A brief that does not say who is losing, what an error "
        "costs or how accurate the model is today cannot be judged, only hoped about.",
        fails="pain:\n  severity: 7",
        passes="pain:\n  severity: 4\n  frequency: weekly",
        fatal=True,
    )
)
register(
    Rule(
        "PB003",
        "unknown-field",
        Severity.WARNING,
        "Every key is one the schema knows.",
        "An unknown key is usually a typo of a known one, and a typo silently drops an answer: "
        "'catchabilty: hard' leaves the workflow's real difficulty out of the threshold.",
        fails="good_enough:\n  catchabilty: hard",
        passes="good_enough:\n  catchability: hard",
    )
)
register(
    Rule(
        "PB004",
        "duplicate-key",
        Severity.ERROR,
        "No key is given twice in one mapping.",
        "YAML quietly keeps the last of two equal keys, so one of two answers is lost without a word. "
        "The brief must say one thing.",
        fails="status: idea\nstatus: building",
        passes="status: building",
    )
)
register(
    Rule(
        "PB005",
        "duplicate-slug",
        Severity.ERROR,
        "Every brief has its own slug.",
        "The slug is the brief's address and the name other briefs link by; two briefs under one "
        "name would overwrite each other's page and make every link to them ambiguous.",
        fails="two files both saying slug: contract-review",
        passes="slug: contract-review-emea",
        fatal=True,
    )
)
register(
    Rule(
        "PB006",
        "broken-link",
        Severity.ERROR,
        "Every related slug and every [[slug]] in the body names a brief.",
        "Problems rarely stand alone; the links between briefs are how a team sees which sufferer "
        "or workflow keeps coming back. A link to nothing breaks that map.",
        fails="related: [vendor-risk]",
        passes="related: [vendor-risk-triage]",
    )
)

register(
    Rule(
        "PB008",
        "eval-file",
        Severity.ERROR,
        "The evaluation file a brief names can be read, and grades every case it scores pass or fail.",
        "When the accuracy comes from the team's own evaluation (model.eval), the file is the evidence: "
        "a missing file, a row that is not JSON or CSV, or a score that is neither a pass nor a fail "
        "would make the accuracy and its interval fiction.",
        fails='eval: evals/renewals.jsonl, whose row 12 says {"correct": "maybe"}',
        passes='eval: evals/renewals.jsonl, every row with "correct": true or false',
        fatal=True,
    )
)

# --- The criteria, checked in analysis/criteria.py ----------------------------------------------

register(
    Rule(
        "PB007",
        "steps-mismatch",
        Severity.ERROR,
        "Covered steps are workflow steps, and completeness given both ways agrees.",
        "Completeness is the share of the workflow the product covers end to end. A covered step that "
        "is not in the workflow, or a completeness that contradicts the steps, makes that share fiction.",
        fails="workflow_steps: [upload, extract]\ncovered_steps: [upload, review]",
        passes="workflow_steps: [upload, extract, review]\ncovered_steps: [upload, extract]",
    )
)

register(
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
                "a modal guess about the future, except a present loss said with a modal (time they could spend on "
                "patients); a loss placed later (down the line) is a guess, and a remark after the sufferer about someone else "
                "(; finance may use it later) is not read as the sufferer",
                "Adjusters who would likely use it",
            ),
            (
                "would-be-use",
                "use that waits on a decision or a launch",
                "Insurers, once they trust LLMs enough",
            ),
            (
                "would-be-user",
                "people named as prospective or target users",
                "Prospective customers in the mid-market",
            ),
            (
                "pipeline",
                "a sales pipeline: a waitlist, demo requests, leads, buyers of software",
                "CIOs who attended our webinar on AI agents",
            ),
            ("early-adopter", "an appetite for technology", "Tech-savvy estate agents in Leeds"),
            (
                "intent-to-adopt",
                "exploring, evaluating, piloting or shopping for a tool",
                "People teams considering an AI onboarding buddy",
            ),
            (
                "eager-to-try",
                "being keen to try, buy or modernise",
                "Hotels looking to modernise their guest messaging",
            ),
            ("appetite", "a budget, roadmap or mandate for AI", "Hospitals with AI budgets"),
            ("everyone", "everyone or anyone", "Anybody running a help desk"),
            ("people-in-general", "people in general", "People who hate paperwork"),
            (
                "generic-population",
                "a whole population, however hedged (more or less every), or counted in the thousands "
                "(all 23,000 employees of the group)",
                "More or less every Shopify merchant out there",
            ),
            (
                "bare-category",
                "a bare category of organisations (a market) or a whole population; an occupation, even unqualified, "
                "is people with a job",
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
                "a market that spans everywhere, not how far a specific group's work reaches",
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
                "who or losing over 1,000 characters: more than one group or one loss; only the first 1,000 are read",
                "",
            ),
        ),
    )
)

register(
    Rule(
        "PB102",
        "no-evidence",
        Severity.WARNING,
        "The sufferer's loss is backed by evidence.",
        "Interviews, tickets, spend and hours are what separate a real loss from a plausible story. "
        "Without evidence, the pain score is an opinion.",
        fails="evidence: []",
        passes="evidence:\n  - 12 interviews; 9 named it a top-3 pain",
    )
)

register(
    Rule(
        "PB103",
        "unquantified-loss",
        Severity.INFO,
        "The loss has a number: hours, money, a count or a share.",
        "A number makes the loss comparable across briefs and checkable later: '6 hours a week' can be "
        "measured again after launch, 'a lot of time' cannot.",
        fails="losing: Time re-reading contracts",
        passes="losing: 6 hours a week re-reading contracts",
        judges="losing needs an amount: a number (digits, number words, a range, a fraction, a share or money) "
        "with a unit of loss, not an identifier, a date or a word that merely contains a number word; people's "
        "time (three people full time, most of each week) and money over a period (about £180k last season) are "
        "amounts, and a rate may follow what is counted (60 pages of reports a day, calls on an autumn Saturday).",
        patterns=(
            ("no-number", "no amount at all", "Escalations pile up overnight"),
            (
                "not-an-amount",
                "only numbers that name, date or count something other than the loss",
                "The 990 filing season burns out our finance lead",
            ),
        ),
    )
)

register(
    Rule(
        "PB201",
        "benchmark-not-workflow",
        Severity.WARNING,
        "Model accuracy is measured on the workflow's own data.",
        "Good enough is set by the workflow, not by a benchmark. A leaderboard score says little about "
        "your documents, your users and your edge cases; measure on a sample of the real work.",
        fails="measured_on: MMLU and the public leaderboard",
        passes="measured_on: 200 real vendor contracts, hand-labelled",
        judges="measured_on is read for public benchmarks, leaderboards, vendors' and makers' figures and impressions, "
        "unless it also names a sample of the workflow's own work (500 of our own call notes; a count from a period "
        "of the team's history or scored against its own decisions: 1,000 closed alerts from H2, with the analysts' "
        "narratives as reference), which an impression or made-up data is not unless it is set aside first; who "
        "ran a public benchmark does not make it the team's own (we ran MedQA ourselves).",
        patterns=(
            (
                "named-benchmark",
                "a public benchmark by name, whoever ran it, or one your team lists in criteria.benchmarks",
                "Our HumanEval pass@1 of 87%",
            ),
            (
                "leaderboard",
                "a leaderboard, an arena or an index of models",
                "Its ranking on a popular coding leaderboard",
            ),
            (
                "exam",
                "an exam, a quiz or trivia questions, one or many (a practice exam)",
                "The reported CPA exam section scores",
            ),
            (
                "model-card",
                "what the model's makers report: a model card, a system card, a technical report",
                "The number printed on its Hugging Face model card",
            ),
            (
                "vendor-claim",
                "the seller's own number: a whitepaper, a sales deck, a trust centre",
                "The vendor's whitepaper on meter-reading accuracy",
            ),
            (
                "seller-said",
                "what the seller's people said or showed",
                "Our account manager assured us it is very accurate on service reports like ours",
            ),
            (
                "impression",
                "an impression from trying it or from a demo, whoever ran it: how it looked or felt, who was "
                "impressed, a good feeling after a few tries, a demo seen",
                "tried it on a handful of CVs and it looked right",
            ),
            (
                "second-hand",
                "a figure from someone else: documentation, reviews, a public set someone shared",
                "The accuracy table in the API documentation",
            ),
            (
                "paper",
                "a result reported elsewhere: a paper, a preprint, an article",
                "The authors' reported numbers in their arXiv preprint",
            ),
            (
                "public-dataset",
                "public data, not the workflow's own",
                "A public dataset that looks a lot like our claims",
            ),
            (
                "generated-set",
                "made-up data: synthetic, generated, fake",
                "Synthetic articles we generated with planted spelling errors",
            ),
            (
                "playground",
                "a few tries in a playground or a chat window",
                "examples we tried in the tool's online playground",
            ),
            ("too-long", "over 1,000 characters: more than one sample; only the first 1,000 are read", ""),
        ),
    )
)

register(
    Rule(
        "PB202",
        "model-gap",
        Severity.WARNING,
        "Today's model is accurate enough for this workflow.",
        "A plan that only works once the model improves is the model-gap trap. Either change the "
        "workflow until today's model is good enough (the levers), or pick a problem where it already is.",
        fails="error_cost: high, catchability: hard, emotional_state: stressed, accuracy: 0.85 (needs 0.97)",
        passes="error_cost: low, catchability: easy, emotional_state: calm, accuracy: 0.85 (needs 0.65)",
    )
)

register(
    Rule(
        "PB203",
        "unproven-fit",
        Severity.WARNING,
        "The measured accuracy is shown to meet the need, not only estimated to.",
        "An accuracy measured on a few cases is a wide range, not a number: 0.88 on 40 cases is anywhere "
        "from 0.74 to 0.95 at 95%. When the low end of that range is below what the workflow needs, the "
        "brief is ready on paper but not shown to be; a larger sample settles it.",
        fails="accuracy: 0.88, samples: 40, needs 0.85 (95%: 0.74–0.95)",
        passes="accuracy: 0.88, samples: 1200, needs 0.85 (95%: 0.86–0.90)",
    )
)
register(
    Rule(
        "PB204",
        "unsized-measurement",
        Severity.INFO,
        "The accuracy says how many cases it was measured on.",
        "0.88 on 25 cases and 0.88 on 2,000 cases are different claims. Without the sample size nobody "
        "can tell whether the model is shown to be good enough or only looked good on a handful of cases.",
        fails="model:\n  accuracy: 0.88",
        passes="model:\n  accuracy: 0.88\n  samples: 400",
    )
)

register(
    Rule(
        "PB301",
        "partial-solution",
        Severity.WARNING,
        "The product covers most of the workflow.",
        "A complete solution to a small problem beats a partial solution to a big one: users still do "
        "the uncovered steps by hand, so half a workflow saves far less than half the pain.",
        fails="workflow_steps: [a, b, c, d, e]\ncovered_steps: [a, b]",
        passes="workflow_steps: [a, b, c]\ncovered_steps: [a, b, c]",
    )
)

register(
    Rule(
        "PB302",
        "broad-problem",
        Severity.INFO,
        "The problem is small and specific.",
        "Pick the smallest, most specific problem you can solve completely. A problem that takes a "
        "paragraph, or bundles several, is a roadmap rather than a problem.",
        fails="problem: Automate contract review; also redlining; plus negotiation",
        passes="problem: Extract the renewal date and notice period from vendor contracts",
        judges="problem is read for several jobs, a whole function, a product or a goal instead of one job; "
        "one job with several fields ('extract the date, the amount and the payee'), a cadence ('updated hourly') "
        "or a condition ('before a shift would breach the rest rule'), or what to do when it cannot be done "
        "('route to a human if nothing matches'), is one problem.",
        patterns=(
            (
                "too-long",
                "more words than criteria.broad_words (25 unless set), or over 1,000 characters",
                "",
            ),
            (
                "several-jobs",
                "several jobs of different kinds",
                "Translate, review, typeset and invoice client documents",
            ),
            (
                "process-list",
                "a list of processes with no one job",
                "Benefits eligibility, appeals and fraud checks",
            ),
            ("domain-not-job", "a domain or an outcome with no job in it", "Pharmacovigilance"),
            (
                "product-not-problem",
                "a product to build: a copilot, an assistant, a platform",
                "A copilot for commercial underwriters",
            ),
            (
                "suite",
                "a suite, a lifecycle, or a platform that joins several sources",
                "A hub that unifies POS and warehouse data",
            ),
            ("whole-function", "a whole function or department", "Replace the IT helpdesk"),
            (
                "transformation-goal",
                "a goal to reach rather than a problem to solve, a gap to close or an ill to end among them",
                "Modernise citizen services",
            ),
            (
                "everyone-served",
                "work for every team, every file or all the paperwork",
                "Handle all correspondence received by the ministry",
            ),
            (
                "whole-job-of-people",
                "whole roles or a whole business run end to end",
                "Run our Shopify store end to end",
            ),
            ("market-product", "a product for a market segment", "Audit automation for mid-tier firms"),
            (
                "anything-for-anyone",
                "answers about anything, for anyone",
                "Let anyone in the group ask anything about our data",
            ),
            (
                "burden",
                "a burden to lift or efficiencies to drive",
                "Take the admin burden off our clinicians",
            ),
            ("team-vocabulary", "a word your team lists for broad scope in criteria.broad_scope", ""),
        ),
    )
)

register(
    Rule(
        "PB303",
        "long-workflow",
        Severity.INFO,
        "The workflow has few steps.",
        "Every step is a place to fall short of complete. A long workflow usually hides several "
        "problems; the smallest one worth solving is inside it.",
        fails="workflow_steps: [a, b, c, d, e, f, g, h]",
        passes="workflow_steps: [upload, extract, verify, export]",
    )
)

register(
    Rule(
        "PB401",
        "stale",
        Severity.INFO,
        "The brief was updated recently.",
        "Pain moves and models improve. A brief nobody has touched in half a year may rank a problem "
        "that is solved, or miss that today's model has become good enough.",
        fails="updated: 2025-01-10 (over 180 days ago)",
        passes="updated: 2026-11-20",
    )
)
register(
    Rule(
        "PB402",
        "stale-acceptance",
        Severity.WARNING,
        "Every accepted finding still fires.",
        "An acceptance is a decision about a finding, with its reason. Once the finding is gone, the "
        "acceptance only hides the next one of that rule, which nobody has decided about: remove it.",
        fails='accept: {PB202: "reviewed by hand"} on a brief whose model is good enough',
        passes='accept: {PB202: "a person reviews every answer during the pilot"} while PB202 fires',
    )
)
