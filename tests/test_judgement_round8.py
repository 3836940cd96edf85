"""Round 8 (held-out set K): each principle in words of our own, with both of its sides."""

from __future__ import annotations

import pytest

from playbook.analysis.judgement import judge

ROWS = [
    # Several jobs are jobs of different kinds on different things; one item's work is one job.
    ("scope.problem", "Proofread, price, print and post the parish newsletters", {"PB302"}),
    ("scope.problem", "Book the village hall's hirers and also write the annual grant report", {"PB302"}),
    # Participles after a comma, and the ones joined to them, say how the one job is done.
    (
        "scope.problem",
        "Subtitle each training video into Welsh, preserving speaker labels and respecting the line length",
        set(),
    ),
    # A phrase with "with" names what comes with the job's result, not another job.
    (
        "scope.problem",
        "Mark any invoice line that has no purchase order, with the order it probably belongs to",
        set(),
    ),
    ("scope.problem", "Negotiate the rates with the hauliers and then chase the unpaid invoices", {"PB302"}),
    # Writing or pre-filling the verdict (its outcomes or its rationale) says the result of the job.
    (
        "scope.problem",
        "Review each expense claim against the travel policy and pre-fill accept/query with the rule",
        set(),
    ),
    (
        "scope.problem",
        "Sort each insurance referral by urgency and write a short refer/decline justification",
        set(),
    ),
    ("scope.problem", "Review each expense claim and reimburse the staff member", {"PB302"}),
    # An opening "For <item>," says what the job is done for; the list after it is that item's parts.
    (
        "scope.problem",
        "For each planning application, list the conservation, parking or drainage policies it touches",
        set(),
    ),
    ("scope.problem", "Invoice capture, approval routing and supplier payments", {"PB302"}),
    # Single words listed before a two-word item modify its head: one item's places, not processes.
    ("scope.problem", "Gate changes for the inbound, outbound or diverted flights", set()),
    ("scope.problem", "The rostering, payroll and expense claims", {"PB302"}),
    # A loss said with "might", or under a supposed condition, is a guess about the future.
    ("sufferer.losing", "Tenants who may move out if repairs keep slipping", {"PB101", "PB103"}),
    ("sufferer.losing", "Would waste two hours a day if they ever had to do it by hand", {"PB101"}),
    ("sufferer.losing", "They will miss the 5pm cut-off on roughly 12 orders a week", set()),
    # People placed in a market, or across a named place with nothing they do between, are a population.
    ("sufferer.who", "Fleet managers in the logistics market", {"PB101"}),
    ("sufferer.who", "Surveyors across New Zealand", {"PB101"}),
    ("sufferer.who", "Our 12 fleet managers in the Nordic market", set()),
    ("sufferer.who", "Surveyors checking drainage plans across Greater Manchester", set()),
    # A population as the subject of the loss is a population; a profession is a group with a job.
    ("sufferer.losing", "Households overpay on water they never used", {"PB101", "PB103"}),
    ("sufferer.losing", "Surveyors lose an afternoon a week redrawing plans", set()),
    # A remark in brackets on a group at a named workplace is no guess about the sufferer.
    ("sufferer.who", "Pharmacists at the Bristol hub (those who would trial it) checking scripts", set()),
    ("sufferer.who", "Pharmacists who would trial it", {"PB101"}),
    # People counted whose time or pay is lost, and a rate with "once", are amounts.
    ("sufferer.losing", "Three clerks' overtime at every quarter end", set()),
    ("sufferer.losing", "A wrong pallet label about once in every 60 shipments", set()),
    ("sufferer.losing", "Errors at our three warehouses annoy the drivers", {"PB103"}),
    ("sufferer.losing", "Roughly R40,000 a month in late fees", set()),
    # A figure glanced at only for context is not the measure; a vendor's "internal" set is theirs.
    (
        "model.measured_on",
        "300 dispatch notes the supervisors had coded; the public leaderboard we looked at only for context",
        set(),
    ),
    ("model.measured_on", "The public leaderboard, which we use for context", {"PB201"}),
    ("model.measured_on", "The supplier quotes 97% on its internal test set", {"PB201"}),
    ("model.measured_on", "Our internal set of 400 closed tickets from March", set()),
]


@pytest.mark.parametrize("field, text, codes", ROWS)
def test_each_round8_principle_holds_both_ways(field, text, codes):
    assert {verdict.code for verdict in judge(field, text)} == codes
