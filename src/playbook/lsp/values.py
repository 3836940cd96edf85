"""What each value of a choice means, for completion: a brief's status, frequency, error cost,
catchability and emotional state, and the settings' choices, each with what it does to the
numbers under the project's own ranking tables (``playbook.yaml``'s ``ranking:``)."""

from __future__ import annotations

from playbook.load.config import RankingConfig

MEANINGS: dict[str, dict[str, str]] = {
    "status": {
        "idea": "Noticed, not yet looked into.",
        "exploring": "Being looked into: interviews, numbers, a first evaluation.",
        "validated": "The loss and the fit are confirmed with evidence.",
        "building": "The team is building it.",
        "shipped": "Shipped: listed under its status.",
        "parked": "Set aside for now: listed under its status.",
        "killed": "Dropped: listed under its status, with why in the body.",
    },
    "frequency": {
        "daily": "The loss happens every working day.",
        "weekly": "The loss happens about once a week.",
        "monthly": "The loss happens about once a month.",
        "quarterly": "The loss happens a few times a year, at quarter ends or audits.",
        "rarely": "The loss happens once in a while, without a rhythm.",
    },
    "error_cost": {
        "low": "An error is cheap: a redo, a small annoyance.",
        "medium": "An error costs time or some money to put right.",
        "high": "An error costs real money, a customer or a legal exposure.",
        "critical": "An error cannot be undone or harms someone: safety, health, large losses.",
    },
    "catchability": {
        "easy": "An error shows at a glance, e.g. with the source next to each answer.",
        "moderate": "An ordinary review catches an error.",
        "hard": "An error looks right and slips through; it is found late, if ever.",
    },
    "emotional_state": {
        "calm": "The user has time to look at the answer.",
        "rushed": "The user is short of time and checks less.",
        "stressed": "The user is under strain: errors are missed and hurt more.",
        "high-stakes": "A decision with much at stake rides on the answer.",
    },
    "fit_on": {
        "estimate": "Rank on the measured accuracy itself.",
        "lower_bound": "Rank on the low end of its confidence interval: the cautious view, in which "
        "an accuracy measured on few cases counts for less.",
    },
    "severity": {
        "error": "Shown, and fails check and build.",
        "warning": "Shown; fails only check --strict.",
        "info": "Shown as a note; never fails.",
        "off": "Not reported at all.",
    },
}
RANKED = ("idea", "exploring", "validated", "building")


def explain_value(
    field: str, value: str, weights: dict[str, dict[str, float]]
) -> tuple[str | None, str | None]:
    """Return what completion shows of ``value`` of ``field`` (a key's name; ``severity`` for a
    rule's level): a short detail with its effect on the numbers, and the value's meaning."""
    meaning = MEANINGS.get(field, {}).get(value)
    table = weights.get(field) or dict(getattr(RankingConfig(), field, {}) or {})
    weight = table.get(value)
    if field == "status":
        detail = "ranked" if value in RANKED else "listed, not ranked"
    elif weight is None:
        detail = None
    elif field == "error_cost":
        detail = f"required accuracy from {weight:.2f}"
        meaning = f"{meaning}\n\nThe required accuracy starts at **{weight:.2f}**; catchability and "
        meaning += "emotional_state add to it."
    elif field == "frequency":
        detail = f"pain weight {weight:.2f}"
        meaning = f"{meaning}\n\nPain = 20 × severity × **{weight:.2f}** (a severity of 4 scores "
        meaning += f"{20 * 4 * weight:.0f} of 100)."
    else:
        detail = f"required accuracy {weight:+.2f}"
        meaning = f"{meaning}\n\nAdds **{weight:+.2f}** to the required accuracy."
    return detail, meaning
