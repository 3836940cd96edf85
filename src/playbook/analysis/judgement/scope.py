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

from playbook.analysis.judgement.breadth import (
    A_NEW_SYSTEM,
    A_WHOLE,
    AI_RUN,
    ANYONE_ASKS,
    ANYTHING_FOR_ANYONE,
    APPLY_AI,
    BETTER,
    BURDEN,
    COMPANY_WIDE,
    END_TO_END,
    EVERY_DOCUMENT,
    EVERYTHING_IT_DOES,
    EVERYWHERE_IN_IT,
    FIND_OPPORTUNITIES,
    FIX_THE_THING,
    FOR_ALL,
    FROM_STAGE_TO_STAGE,
    FUNCTION_CHANGE,
    FUNCTION_END,
    FUNCTION_PARTS,
    FUNCTIONS,
    GOAL_AS_A_NOUN,
    GOAL_VERBS,
    IMPROVE,
    ITEMS_BEFORE,
    MARKETS,
    MOVE_A_METRIC,
    ORGANISATION_STATE,
    PEOPLE_SCOPE,
    PRODUCT_AS_PROBLEM,
    PRODUCT_DOES_IT_ALL,
    PRODUCT_ROLLOUT,
    PRODUCT_SPANS_AREAS,
    RUN_A_BUSINESS,
    RUN_ALL_OF_IT,
    RUN_IT_ALL,
    RUN_THE_WHOLE,
    SLOGANS,
    SOCIAL_GOAL,
    SOFTWARE,
    TECHNOLOGY,
    THE_WHOLE_OF,
    UNIFYING_PRODUCT,
    UNIT_CHANGE,
    WITH,
    WORK_BETTER,
)
from playbook.analysis.judgement.jobs import bundled_jobs, domain
from playbook.analysis.judgement.patterns import Pattern, find, words_pattern
from playbook.analysis.judgement.processes import listed_processes
from playbook.analysis.judgement.text import Prose
from playbook.lazyregex import Regex, regex

# "The lot" is everything only where it stands alone ("…, the lot", "do the lot for every client"),
# not where it is a lot of goods, before a verb or a noun ("before the lot moves to mould", "the
# lot number").
ITEMS_END_TO_END = regex(ITEMS_BEFORE)
THE_LOT = r"\bthe lot\b(?=\s*(?:$|[,.;:!)]|(?:and|or|for|from|in|across|of|at|with|too)\b))"


def patterns(extra_broad: tuple[str, ...] = ()) -> tuple[Pattern, ...]:
    """Return the PB302 patterns of broad scope, with a team's own words for it."""
    functions = words_pattern(FUNCTIONS)
    extra = words_pattern(extra_broad)
    return (
        Pattern(
            "product-not-problem",
            "names a product to build, not a problem to solve",
            regex(
                "|".join(
                    (PRODUCT_AS_PROBLEM, PRODUCT_DOES_IT_ALL, PRODUCT_ROLLOUT, A_NEW_SYSTEM, r"\bin a box\b")
                )
            ),
        ),
        Pattern(
            "suite",
            "is a suite of jobs, not one problem",
            regex(
                "|".join(
                    (
                        UNIFYING_PRODUCT,
                        A_WHOLE,
                        PRODUCT_SPANS_AREAS,
                        r"\b(?:suite|platform) (?:of|for)\b",
                        THE_LOT,
                        r"\bevery (?:step|stage|part|aspect|piece|phase|bit) of\b",
                        FROM_STAGE_TO_STAGE,
                    )
                )
            ),
        ),
        Pattern(
            "whole-function",
            "is a whole function, not one job in it",
            regex(
                rf"\b{RUN_IT_ALL}\s+{THE_WHOLE_OF}(?:[\w'-]+ )?{functions}"
                rf"(?:\s+{FUNCTION_PARTS})?{FUNCTION_END}|"
                + "|".join((RUN_THE_WHOLE, RUN_ALL_OF_IT, EVERYTHING_IT_DOES, UNIT_CHANGE))
                + rf"|^(?:[\w'-]+\s+){{0,3}}?(?:{functions})\s+{FUNCTION_CHANGE}\b|"
                + AI_RUN
            ),
        ),
        Pattern(
            "transformation-goal",
            "is a goal, not a problem to solve completely",
            regex(
                rf"\b{IMPROVE}\b(?:\s+[\w'-]+){{0,5}}?\s+{WITH} {TECHNOLOGY}\b|"
                + "|".join((APPLY_AI, SLOGANS, ORGANISATION_STATE))
                + rf"|^(?:\w+ly\s+)?{GOAL_VERBS}\b|\bmake (?:[\w'-]+ ){{0,4}}?{BETTER}\b|"
                + rf"^{FIX_THE_THING}\s+(?:the |our |all )?[\w-]+\.?$|\beverywhere\b|"
                + "|".join((WORK_BETTER, FIND_OPPORTUNITIES, MOVE_A_METRIC, SOCIAL_GOAL, GOAL_AS_A_NOUN))
                + r"|^(?:better|faster|cheaper|smarter|simpler|easier),? (?:[\w-]+,? )+"
            ),
        ),
        Pattern(
            "everyone-served",
            "serves everyone, not one group with one job",
            regex(
                rf"\b(?:for|across|throughout|to|serving|covering|of|by|"
                rf"on) {FOR_ALL}\s*(?:[\w'-]+\s+){{0,2}}?"
                rf"{PEOPLE_SCOPE}\b(?!'s)|" + "|".join((COMPANY_WIDE, ANYONE_ASKS, EVERY_DOCUMENT))
            ),
        ),
        Pattern(
            "whole-job-of-people",
            "replaces whole roles or runs a whole business, not one job",
            regex("|".join((RUN_A_BUSINESS, EVERYWHERE_IN_IT, END_TO_END))),
            unless=_items_end_to_end,
        ),
        Pattern(
            "market-product",
            "is a product for a market, not one team's problem",
            regex(rf"\b{SOFTWARE}\s+for\s+(?:[\w'-]+\s+){{0,2}}?{MARKETS}\b"),
        ),
        Pattern(
            "anything-for-anyone",
            "is anything for anyone, not one job",
            regex(ANYTHING_FOR_ANYONE),
        ),
        Pattern(
            "burden",
            "is a burden to lift, not one job in it",
            regex(BURDEN),
        ),
        Pattern(
            "team-vocabulary",
            "is a word your team uses for broad scope (criteria.broad_scope)",
            regex(rf"(?<![\w-]){extra}(?![\w-])"),
            names=True,
        ),
    )


def _items_end_to_end(prose: Prose, match: re.Match) -> bool:
    """Excuse "end to end" said of items of one kind or of one item: one job done completely."""
    return match.group().startswith("end to end") and bool(
        ITEMS_END_TO_END.search(prose.lower[max(0, match.start() - 60) : match.start()])
    )


def judge_scope(
    prose: Prose, broad: tuple[Pattern, ...], allowed: Regex | None, limit: int
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
