"""The rules as a registry: code, name, default severity, what each asks, why, and an example
that fires and one that passes — plain data, like markdown-it's presets, in one place that the
criteria page, ``check --explain``, the config's severities and the reference's table all read.

A rule is a :class:`Rule` (``rule``), declared in its family's table, in code order:
``structural`` (PB0), ``losses`` (PB1), ``accuracy`` (PB2), ``coverage`` (PB3), ``upkeep`` (PB4);
``registry`` puts them in one table by code.

The registry is the bottom floor: structural rules (PB001–PB006, PB008) are reported by the stage
that meets the problem — the reader, the schema, the link graph — through :func:`diagnostic`;
the criteria proper (PB007 and up) are checked by small functions in ``analysis/criteria.py``,
which import this package, never the other way round.
"""

from playbook.rules.registry import RULES, diagnostic
from playbook.rules.rule import Rule

__all__ = ["RULES", "Rule", "diagnostic"]
