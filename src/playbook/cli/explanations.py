"""The criteria explained in the terminal: one rule with its examples (``check --explain``), every
rule in a line, and why the rules that fired matter (``check --verbose``). The words come from the
rule registry, the same text the site's criteria page shows."""

from __future__ import annotations

import textwrap
from typing import Sequence

from playbook.rules import RULES, Rule
from playbook.suggest import did_you_mean


def find_rule(query: str) -> tuple[Rule | None, str]:
    """Return the rule named by ``query`` (a code in any case, or a name), or None and a did-you-mean."""
    by_name = {rule.name: rule for rule in RULES.values()}
    code, name = query.strip().upper(), query.strip().lower()
    rule = RULES.get(code) or by_name.get(name)
    return rule, "" if rule else (did_you_mean(code, RULES) or did_you_mean(name, by_name))


def format_rule_list() -> str:
    """Return every rule in a line: code, name, default severity, what it asks."""
    lines = [
        f"{rule.code}  {rule.name:<22}  {rule.severity.label:<7}  {rule.summary}"
        for rule in sorted(RULES.values(), key=lambda rule: rule.code)  # in code order, not registration
    ]
    return "\n".join(
        lines
        + [
            "",
            "'playbook check --explain CODE' explains one rule, "
            "with an example that fires and one that passes.",
        ]
    )


def format_rule(rule: Rule) -> str:
    """Return a rule explained: name, default severity, what it asks, why, an example that fires
    and one that passes."""
    lines = [
        f"{rule.code} {rule.name} ({rule.severity.label} by default)",
        rule.summary,
        "",
        *_wrap(rule.reason, ""),
    ]
    if rule.judges:
        lines += [
            "",
            *_wrap("How it reads the prose: " + rule.judges, ""),
            "",
            "Its patterns (each finding names the one that fired):",
        ]
        width = max(len(name) for name, *_ in rule.patterns)
        for name, fires_on, example in rule.patterns:
            text = f"{fires_on}: '{example}'" if example else fires_on
            lines += textwrap.wrap(
                text, width=96, initial_indent=f"    {name:<{width}}  ", subsequent_indent=" " * (width + 6)
            )
        lines += [
            "",
            *_wrap(
                "A phrase your team trusts never fires once it is listed in playbook.yaml under "
                "criteria: allow: [...]; team words go under criteria: benchmarks and broad_scope.",
                "",
            ),
        ]
    for label, example in (("Fires on:", rule.fails), ("Passes:", rule.passes)):
        if example:
            lines += ["", label, *("    " + line for line in example.splitlines())]
    lines.append("")
    if rule.fatal:
        lines.append("It cannot be lowered or turned off: a brief that fails it cannot be checked at all.")
    else:
        lines.append(
            f"Change its severity in playbook.yaml with  rules: {{{rule.code}: "
            "error}  (error, warning, info or off)."
        )
    if rule.acceptable:
        lines.append(
            f'A brief can accept its finding with the reason:  accept: {{{rule.code}: "why, and until when"}}'
        )
    return "\n".join(lines)


def format_reasons(codes: Sequence[str]) -> str:
    """Return why each rule in ``codes`` matters, in a paragraph each, for ``check --verbose``."""
    lines = ["Why these rules matter ('playbook check --explain CODE' gives examples):"]
    for code in codes:
        rule = RULES[code]
        lines += ["", f"{rule.code} {rule.name}: {rule.summary}", *_wrap(rule.reason, "  ")]
    return "\n".join(lines)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=96, initial_indent=indent, subsequent_indent=indent)
