"""Round 9 (held-out set L): each family of error in words of our own, with both of its sides."""

from __future__ import annotations

import pytest

from playbook.analysis.judgement import judge

ROWS = [
    # A guessing relative clause after a comma remarks on ANY group already made specific: ours, at a
    # named or a particular workplace, counted (FTE too), or one team; after people not yet specific
    # it is the guess.
    ("sufferer.who", "Sous-chefs in our Cardiff kitchen, who might trial a prep planner first", set()),
    ("sufferer.who", "Stock clerks at the returns depot, who'd pilot whatever we make", set()),
    ("sufferer.who", "The lettings desk (2 FTE) at Marlowe Estates, who will be the first users", set()),
    ("sufferer.who", "Sous-chefs, who might trial a prep planner", {"PB101"}),
    ("sufferer.who", "Sous-chefs who might trial a prep planner", {"PB101"}),
    # A clause that does not guess is still judged: buyers weighing vendors are buyers.
    ("sufferer.who", "Marlowe Estates' lettings leads, who are evaluating four AI vendors", {"PB101"}),
    # "will" before a plural noun is the noun, no modal.
    ("sufferer.who", "The probate clerk at our Exeter office who files grants and will copies", set()),
    # A modal whose clause says where the time goes today is a loss today, and its number the amount.
    (
        "sufferer.losing",
        "Our site managers could be walking the floor for the 5 hours a week they currently spend on permits",
        set(),
    ),
    ("sufferer.losing", "Our site managers could be walking the floor more", {"PB101", "PB103"}),
    # One item's work that ends by handing its result to a person to confirm is one job.
    (
        "scope.problem",
        "Read each lease renewal, match it to the rent roll and prepare the letter for an agent to approve",
        set(),
    ),
    ("scope.problem", "Read each tenancy renewal and also prepare the annual rent review", {"PB302"}),
    ("scope.problem", "Match each refund to its order and chase the courier for approval", {"PB302"}),
    # What is extracted, up to where it comes from or goes, is a list of the item's fields.
    ("scope.problem", "Pull gross pay, pay date and tax code out of each payslip into the ledger", set()),
    # Stating the result says it: a step of the job, not another job.
    ("scope.problem", "Compare each meter reading with last year's and state the difference", set()),
    ("scope.problem", "Compare each meter reading with last year's and bill the customer", {"PB302"}),
    # The public, people at large, a kind of customer as the loss's subject, and a profession losing
    # only a generic good are populations; a profession losing what its work needs is a group.
    ("sufferer.who", "The festival-going public", {"PB101"}),
    ("sufferer.who", "The public health team at Kirklees Council", set()),
    ("sufferer.who", "Older people who don't yet have a smart meter", {"PB101"}),
    ("sufferer.losing", "Late reminders mean people's parking permits lapse", {"PB101", "PB103"}),
    ("sufferer.losing", "Second-hand bike buyers waste hours on stale adverts", {"PB101", "PB103"}),
    ("sufferer.losing", "Architects lose focus to constant email", {"PB101", "PB103"}),
    ("sufferer.losing", "Architects lose 4 hours a week redrawing details", set()),
    # Where a specific group's items come from is no sales pipeline; a pipeline named as the sufferer is.
    ("sufferer.who", "The membership desk (4 FTE) at Rowan Trust checking forms from gala sign-ups", set()),
    ("sufferer.who", "Webinar sign-ups from our spring campaign", {"PB101"}),
    # Samples printed in a regulator's or maker's guide are theirs; screenshots our people took are ours.
    ("model.measured_on", "Checked on the specimen returns in the VAT filing manual", {"PB201"}),
    ("model.measured_on", "On 250 fare screenshots our pricing team saved in May, marked ok / wrong", set()),
    ("model.measured_on", "Screenshots that users shared of it reading receipts", {"PB201"}),
]


@pytest.mark.parametrize("field, text, codes", ROWS)
def test_each_round9_principle_holds_both_ways(field, text, codes):
    assert {verdict.code for verdict in judge(field, text)} == codes
