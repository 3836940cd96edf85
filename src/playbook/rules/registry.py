"""The registry: every rule by its code, from the families in order, and :func:`diagnostic`, which
makes a rule's diagnostic with its default severity."""

from __future__ import annotations

from playbook.diagnostics import Diagnostic, Position
from playbook.rules import accuracy, coverage, losses, structural, upkeep
from playbook.rules.rule import Rule

# The families in code order; within one, the order a rule is declared in. The criteria page,
# the reference and the order checks run in all follow it.
FAMILIES = (structural, losses, accuracy, coverage, upkeep)
RULES: dict[str, Rule] = {rule.code: rule for family in FAMILIES for rule in family.DECLARED}


def diagnostic(
    code: str, path: str, where: Position, message: str, hint: str = "", length: int = 1
) -> Diagnostic:
    """Return a diagnostic of rule ``code`` at ``where`` with the rule's default severity."""
    rule = RULES[code]
    return Diagnostic(
        path, where.line, where.column, rule.severity, code, rule.name, message, hint, max(1, length)
    )
