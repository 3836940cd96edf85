"""``check --format sarif``: the findings as SARIF 2.1.0, the format GitHub code scanning (and
every other code-scanning dashboard) reads, as ruff and eslint write it.

Every rule is described once in the tool's driver, from the registry; each finding points at its
rule, its file and its line and column. File paths are relative to the repository's root when the
project is inside git (code scanning resolves them from there), else to the project. An accepted
finding is reported as suppressed, with its reason, so a dashboard shows it closed.
"""

from __future__ import annotations

import json
from pathlib import Path

from playbook import __version__
from playbook.cli.starter import repository_root
from playbook.diagnostics import Diagnostic, Severity
from playbook.layout import CONFIG_FILE
from playbook.rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.ACCEPTED: "note",
}


def format_sarif(root: Path, diagnostics: list[Diagnostic]) -> str:
    """Return ``diagnostics`` of the project at ``root`` as a SARIF 2.1.0 log with one run."""
    codes = sorted(RULES)
    repository = repository_root(root)
    base = root.absolute().relative_to(repository).as_posix() + "/" if repository else ""
    rules = [
        {
            "id": code,
            "name": _pascal(RULES[code].name),
            "shortDescription": {"text": RULES[code].summary},
            "fullDescription": {"text": RULES[code].reason},
            "help": {"text": f"{RULES[code].summary} {RULES[code].reason} playbook check --explain {code}"},
            "defaultConfiguration": {"level": LEVELS[RULES[code].severity]},
        }
        for code in codes
    ]
    results = [_result(d, codes, "" if base == "./" else base) for d in diagnostics]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "playbook",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def _result(d: Diagnostic, codes: list[str], base: str) -> dict:
    """Return one finding as a SARIF result; a finding about the project as a whole points at
    ``playbook.yaml``, since code scanning needs a place for every result."""
    result = {
        "ruleId": d.code,
        "level": LEVELS[d.severity],
        "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": base + (d.path or CONFIG_FILE)},
                    "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
                }
            }
        ],
    }
    if d.code in RULES:
        result["ruleIndex"] = codes.index(d.code)
    if d.severity == Severity.ACCEPTED:
        result["suppressions"] = [{"kind": "inSource", "justification": d.reason or "accepted"}]
    return result


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))
