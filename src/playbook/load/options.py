"""Settings declared once, as mkdocs declares its config: each key is one dataclass field whose
declaration gives its schema (and so its validation, its messages and its JSON Schema), its
typed value, its default and its documentation. A section is a dataclass of such fields."""

from __future__ import annotations

import dataclasses
from dataclasses import field, fields, replace
from types import MappingProxyType
from typing import Any, Callable, Mapping

from playbook.load.schema import Record, Spec


def frozen(mapping: Mapping) -> Mapping:
    """Return a read-only copy of ``mapping``, so a setting cannot be changed after it is read."""
    return MappingProxyType(dict(mapping))


def option(
    spec: Spec, default: Any, doc: str, *, merge: bool = False, convert: Callable[[Any], Any] | None = None
):
    """Declare one key: read by ``spec``, ``default`` when absent, documented by ``doc``.

    ``merge``: a table given in part keeps the defaults of the keys it leaves out.
    ``convert``: turns the value read into the typed value (a severity name into a Severity).
    """
    metadata = {"spec": replace(spec, description=doc), "merge": merge, "convert": convert}
    if isinstance(default, Mapping):
        return field(default_factory=lambda: frozen(default), metadata=metadata)
    return field(default=default, metadata=metadata)


def section(kind: type, doc: str, *, key: str = ""):
    """Declare a mapping of keys, the fields of the dataclass ``kind``; ``key`` names it in the
    YAML when that differs from the field."""
    return field(default_factory=kind, metadata={"section": kind, "doc": doc, "key": key})


def _key(declared: dataclasses.Field) -> str:
    return declared.metadata.get("key") or declared.name


def record_of(kind: type, doc: str) -> Record:
    """Return the schema of the section ``kind``: what validates it and exports as JSON Schema."""
    specs: dict[str, Spec] = {}
    for declared in fields(kind):
        if "section" in declared.metadata:
            specs[_key(declared)] = record_of(declared.metadata["section"], declared.metadata["doc"])
        else:
            specs[_key(declared)] = declared.metadata["spec"]
    return Record(doc, fields=specs, closed=True)


def value_of(kind: type, values: Mapping):
    """Return the section ``kind`` with the validated ``values``, defaults filling the gaps."""
    given: dict[str, Any] = {}
    for declared in fields(kind):
        key = _key(declared)
        if "section" in declared.metadata:
            given[declared.name] = value_of(declared.metadata["section"], values.get(key, {}))
        elif key in values:
            value = values[key]
            if declared.metadata["merge"]:
                value = frozen({**declared.default_factory(), **value})  # type: ignore[misc]
            convert = declared.metadata["convert"]
            given[declared.name] = convert(value) if convert else value
    return kind(**given)
