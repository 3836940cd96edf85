"""Settings declared once, as mkdocs declares its config: each key is one field of a ``Struct``
whose declaration gives its schema (and so its validation, its messages and its JSON Schema), its
typed value, its default and its documentation. A section is a ``Struct`` of such fields."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Mapping

from msgspec import field
from msgspec.structs import fields, replace

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
    make = (lambda: frozen(default)) if isinstance(default, Mapping) else (lambda: default)
    return field(default_factory=Declared(make, metadata))


def section(kind: type, doc: str, *, key: str = ""):
    """Declare a mapping of keys, the fields of the ``Struct`` ``kind``; ``key`` names it in the
    YAML when that differs from the field."""
    return field(default_factory=Declared(kind, {"section": kind, "doc": doc, "key": key}))


class Declared:
    """A field's default factory that also carries what its declaration says (``metadata``): a
    ``Struct`` field keeps only its default, so the declaration travels with that."""

    __slots__ = ("make", "metadata")

    def __init__(self, make: Callable[[], Any], metadata: dict[str, Any]):
        self.make, self.metadata = make, metadata

    def __call__(self) -> Any:
        return self.make()


def _declared(kind: type) -> list[tuple[str, str, Declared]]:
    """Return each field of the section ``kind`` as its name, its key in the YAML and its declaration."""
    found = []
    for declared in fields(kind):
        made = declared.default_factory
        found.append((declared.name, made.metadata.get("key") or declared.name, made))
    return found


def record_of(kind: type, doc: str) -> Record:
    """Return the schema of the section ``kind``: what validates it and exports as JSON Schema."""
    specs: dict[str, Spec] = {}
    for _, key, declared in _declared(kind):
        if "section" in declared.metadata:
            specs[key] = record_of(declared.metadata["section"], declared.metadata["doc"])
        else:
            specs[key] = declared.metadata["spec"]
    return Record(doc, fields=specs, closed=True)


def value_of(kind: type, values: Mapping):
    """Return the section ``kind`` with the validated ``values``, defaults filling the gaps."""
    given: dict[str, Any] = {}
    for name, key, declared in _declared(kind):
        if "section" in declared.metadata:
            given[name] = value_of(declared.metadata["section"], values.get(key, {}))
        elif key in values:
            value = values[key]
            if declared.metadata["merge"]:
                value = frozen({**declared(), **value})
            convert = declared.metadata["convert"]
            given[name] = convert(value) if convert else value
    return kind(**given)
