"""One rule of the registry, as plain data."""

from __future__ import annotations

from msgspec import Struct

from playbook.diagnostics import Severity


class Rule(Struct, frozen=True):
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
