"""The rules about the scope (PB301–PB303): one problem, solved end to end, in a workflow of few
steps."""

from __future__ import annotations

from playbook.diagnostics import Severity
from playbook.rules.rule import Rule

DECLARED = (
    Rule(
        "PB301",
        "partial-solution",
        Severity.WARNING,
        "The product covers most of the workflow.",
        "A complete solution to a small problem beats a partial solution to a big one: users still do "
        "the uncovered steps by hand, so half a workflow saves far less than half the pain.",
        fails="workflow_steps: [a, b, c, d, e]\ncovered_steps: [a, b]",
        passes="workflow_steps: [a, b, c]\ncovered_steps: [a, b, c]",
    ),
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
        "one job with several fields ('extract the date, the amount and the payee'), "
        "a cadence ('updated hourly') "
        "or a condition ('before a shift would breach the rest rule'), or what to do when it cannot be done "
        "('route to a human if nothing matches'), or how completely it is done ('end to end without an "
        "agent touching them'), or what the items it flags would do ('…, flagging any that will breach the "
        "deadline'), is one problem, and so is one job after a clause or a schedule that says when it is "
        "done ('when a sick call comes in, rank the reserve pilots…', 'each night before 2am, list…').",
        patterns=(
            (
                "too-long",
                "more words than criteria.broad_words (25 unless set), or over 1,000 characters",
                "",
            ),
            (
                "several-jobs",
                "several jobs of different kinds; one item's work is one job however many verbs it takes: "
                "a decision's options, a verdict offered for a person to confirm, saying the result (tell "
                "the requester what's missing, draft a nudge to the owner), and the steps after a colon of "
                "a job that makes one thing",
                "Translate, review, typeset and invoice client documents",
            ),
            (
                "process-list",
                "a list of processes with no one job; a clause of time or condition, or a schedule, that "
                "opens the problem is not one of them",
                "Benefits eligibility, appeals and fraud checks",
            ),
            ("domain-not-job", "a domain or an outcome with no job in it", "Pharmacovigilance"),
            (
                "product-not-problem",
                "a product to build: a copilot, an assistant, a platform, a system of record (a LIMS), or a "
                "product's rollout (Salesforce Einstein rollout for the sales org)",
                "A copilot for commercial underwriters",
            ),
            (
                "suite",
                "a suite, a lifecycle, a platform that joins several sources or spans a list of areas, "
                "the whole of running "
                "something (the full inventory management of the pharmacy, full AIOps; not the full "
                "processing of each invoice), or the lot, standing alone (not the lot that moves to the next "
                "step); end to end across a preposition is how completely one job is done",
                "A hub that unifies POS and warehouse data",
            ),
            (
                "whole-function",
                "a whole function or department, the whole of whatever is run (own the entire month-end "
                "close), or one that runs itself (self-healing network operations)",
                "Replace the IT helpdesk",
            ),
            (
                "transformation-goal",
                "a goal to reach rather than a problem to solve, a gap to close or an ill to end among them, "
                "said as a verb or as a noun (drive the regional transformation of finance), or a state "
                "for the whole organisation (make us audit-ready)",
                "Modernise citizen services",
            ),
            (
                "everyone-served",
                "work for every team, every file or all the paperwork",
                "Handle all correspondence received by the ministry",
            ),
            (
                "whole-job-of-people",
                "whole roles or a whole business run end to end; not items of one kind, or one item, "
                "handled end to end",
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
    ),
    Rule(
        "PB303",
        "long-workflow",
        Severity.INFO,
        "The workflow has few steps.",
        "Every step is a place to fall short of complete. A long workflow usually hides several "
        "problems; the smallest one worth solving is inside it.",
        fails="workflow_steps: [a, b, c, d, e, f, g, h]",
        passes="workflow_steps: [upload, extract, verify, export]",
    ),
)
