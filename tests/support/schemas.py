"""The JSON Schemas ``playbook schema`` writes, read as the validators people use read them
(check-jsonschema's own YAML loader), beside ``check``'s own verdict on the same brief."""

from __future__ import annotations

from pathlib import Path

import jsonschema
from check_jsonschema.parsers.yaml import construct_yaml_implementation

from playbook.cli.scaffold import schema_document
from playbook.diagnostics import Severity
from playbook.load.content import load_brief

YAML = construct_yaml_implementation()


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = schema_document(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


BRIEF_SCHEMA = validator("brief")


def verdicts(text: str, tmp: Path) -> tuple[bool, bool, list]:
    """Return (schema says valid, check says valid, check's errors) for a brief's ``text``."""
    try:
        data = YAML.load(text.split("---\n")[1])
        schema_valid = not list(BRIEF_SCHEMA.iter_errors(data))
    except Exception:  # the validator cannot even read it
        schema_valid = False
    _, found = load_brief(tmp, "content/briefs/probe.md", text.encode("utf-8"))
    errors = [d for d in found if d.severity == Severity.ERROR]
    return schema_valid, not errors, errors
