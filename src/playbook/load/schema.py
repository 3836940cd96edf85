"""A small declarative schema: it reads a YAML node tree into plain values with positions,
reports every problem at once, and exports itself as JSON Schema.

The brief format and ``playbook.yaml`` are both declared with it (see ``formats.py`` and
``config.py``), so the validator, the error messages and the editor schema can never disagree.
"""

from __future__ import annotations

from msgspec import field

from playbook.diagnostics import Position, quote
from playbook.load.scalars import Boolean, Choice, Day, Number, Text
from playbook.load.spec import Invalid, Reading, Spec
from playbook.load.yamltree import Node
from playbook.rules import diagnostic
from playbook.suggest import closest, did_you_mean

__all__ = [
    "Boolean",
    "Choice",
    "Day",
    "Invalid",
    "Number",
    "Reading",
    "Record",
    "Spec",
    "Table",
    "Text",
    "TextList",
    "read_document",
]


class TextList(Spec):
    """A list of items of one kind, at most ``max_items`` of them."""

    item: Spec = field(default_factory=Text)
    max_items: int | None = None

    def expected(self) -> str:
        return f"a list of {self.item.expected()}"

    def hint(self) -> str:
        return "write a list like [a, b] or one '- item' per line"

    def read(self, node, reading, key):
        if node.kind != "sequence":
            reading.problem(
                "PB002", node, f"{key}: expected {self.expected()}, got {_describe(node)}", self.hint()
            )
            raise Invalid
        if self.max_items is not None and len(node.items) > self.max_items:
            reading.problem(
                "PB002",
                node,
                f"{key}: at most {self.max_items} entries, got {len(node.items)}",
                "keep the few that matter",
            )
            raise Invalid
        values = []
        failed = False
        for index, child in enumerate(node.items):
            reading.remember(f"{key}.{index}", child)
            try:
                values.append(self.item.read(child, reading, f"{key}[{index}]"))
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        return tuple(values)

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return self._with_description(schema)


class Record(Spec):
    """A mapping with known fields; unknown keys are PB003 findings with a did-you-mean (a warning
    in a brief, an error in ``playbook.yaml``). ``closed``: the JSON Schema refuses unknown keys too
    — the config's, where PB003 is an error; a brief's unknown key is only a warning, so its
    schema lets it through and the editor's warning comes from ``playbook lsp``."""

    fields: dict[str, Spec] = field(default_factory=dict)
    closed: bool = False
    one_of: tuple[tuple[str, ...], ...] = ()  # alternative sets of required fields
    apart: tuple[tuple[str, str], ...] = ()  # pairs of fields never given together
    needs: tuple[tuple[str, str], ...] = ()  # (a, b): a is given only with b

    def expected(self) -> str:
        return "a mapping of fields"

    def read(self, node, reading, key):
        prefix = f"{key}." if key else ""
        if node.kind != "mapping":
            where = f"{key}: " if key else ""
            reading.problem(
                "PB002" if key else "PB001",
                node,
                f"{where}expected {self.expected()}, got {_describe(node)}",
                "write 'name: value' pairs",
            )
            raise Invalid
        values, failed, unknown = self._read_fields(node, reading, key, prefix)
        missing = [name for name, spec in self.fields.items() if spec.required and name not in values]
        misspelt = self._misspelt(unknown, missing, reading, key, prefix)
        for name in missing:
            failed = True
            if name in misspelt:
                continue
            # Point at the key if it was written with no value, else at the mapping's own key.
            self._missing(
                reading.keys.get(prefix + name) or reading.keys.get(key, node),
                reading,
                prefix + name,
                self.fields[name],
            )
        together = self._read_together(values, node, reading, key, prefix)
        for name, spec in self.fields.items():
            if name not in values and spec.default is not None:
                values[name] = spec.default
        if not together or failed:
            raise Invalid(values)  # with Invalid for each field that failed, a mapping's own partial
        return values

    def _read_fields(
        self, node, reading: Reading, key: str, prefix: str
    ) -> tuple[dict[str, object], bool, list[Node]]:
        """Return the value of each known field that was given (Invalid for one that failed),
        whether any failed, and the key of each unknown field."""
        values: dict[str, object] = {}
        failed = False
        unknown: list[Node] = []
        for key_node, value_node in node.items:
            name = key_node.value
            spec = self.fields.get(name)
            if spec is None:
                unknown.append(key_node)
                continue
            reading.keys[prefix + name] = key_node
            # Point at the value when it sits on the key's line, else at the key (a block below it,
            # or nothing).
            reading.remember(
                prefix + name,
                value_node if value_node.line == key_node.line and not value_node.is_null else key_node,
            )
            if value_node.is_null:
                continue  # an empty value counts as absent, and is reported as missing if required
            try:
                values[name] = spec.read(value_node, reading, prefix + name)
            except Invalid as error:
                failed = True
                values[name] = Invalid(error.partial) if error.partial is not None else Invalid
        return values, failed, unknown

    def _misspelt(
        self, unknown: list[Node], missing: list[str], reading: Reading, key: str, prefix: str
    ) -> set[str]:
        """Report each unknown key, and return the required fields it misspells: a misspelt
        required field is one finding, the missing field's error, at the misspelt key and with
        the fix (not a PB002 for the field and a PB003 for the key)."""
        misspelt: set[str] = set()
        for key_node in unknown:
            name = key_node.value
            # Only a field not written at all: renaming the key must not make a second one.
            meant = closest(
                name, [f for f in missing if f not in misspelt and prefix + f not in reading.keys]
            )
            if meant is not None:
                misspelt.add(meant)
                reading.problem(
                    "PB002",
                    key_node,
                    f"missing required field {prefix + meant}: its key is spelt {quote(name)}",
                    f"did you mean {meant!r}?",
                    fix=meant,
                )
                continue
            where = f" in {key}" if key else ""
            suggestion = closest(name, self.fields)
            reading.problem(
                "PB003",
                key_node,
                f"unknown field {quote(name)}{where}",
                f"did you mean {suggestion!r}?" if suggestion else f"known fields: {', '.join(self.fields)}",
                fix=suggestion if suggestion and prefix + suggestion not in reading.keys else "",
            )
        return misspelt

    def _read_together(
        self, values: dict[str, object], node, reading: Reading, key: str, prefix: str
    ) -> bool:
        """Return whether the fields given fit together: no pair given that is ``apart``, none
        given without the one it ``needs``, and one group of ``one_of`` given whole."""
        fits = True
        clash = False
        for first, second in self.apart:
            if first in values and second in values:
                fits, clash = False, True
                reading.unfit.update((prefix + first, prefix + second))
                reading.problem(
                    "PB002",
                    reading.keys[prefix + second],
                    f"{prefix + second}: give {first} or {second}, not both",
                    f"{second} gives what {first} says; remove one",
                )
        for field_name, needed in self.needs:
            if field_name in values and needed not in values:
                fits = False
                reading.unfit.add(prefix + field_name)
                reading.problem(
                    "PB002",
                    reading.keys[prefix + field_name],
                    f"{prefix + field_name} is given without {prefix + needed}",
                    f"add {needed}, or remove {field_name}",
                )
        if self.one_of and not clash and not any(all(n in values for n in group) for group in self.one_of):
            fits = False
            reading.unfit.update(prefix + name for group in self.one_of for name in group)
            options = " or ".join(" and ".join(prefix + n for n in group) for group in self.one_of)
            reading.problem(
                "PB002", reading.keys.get(key, node), f"{key or 'front matter'}: give {options}", ""
            )
        return fits

    @staticmethod
    def _missing(node: Node, reading: Reading, key: str, spec: Spec) -> None:
        hint = f"add {key.rsplit('.', 1)[-1]}: {spec.expected()}"
        if spec.description:
            hint += f" — {spec.description}"
        reading.problem("PB002", node, f"missing required field {key}", hint)

    def json_schema(self):
        schema: dict = {
            "type": "object",
            # An empty value counts as absent (``owner:``), so an optional field may be null.
            "properties": {
                name: spec.json_schema() if spec.required else _nullable(spec.json_schema())
                for name, spec in self.fields.items()
            },
        }
        if self.closed:
            schema["additionalProperties"] = False
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        if self.one_of:
            schema["anyOf"] = [_given(group) for group in self.one_of]
        rules = [{"not": _given(pair)} for pair in self.apart]
        rules += [{"if": _given((name,)), "then": _given((needed,))} for name, needed in self.needs]
        if rules:
            schema["allOf"] = rules
        return self._with_description(schema)


class Table(Spec):
    """A mapping from keys of one kind (checked by ``keys``) to values of one spec. A key in
    ``refused`` is known but not allowed here: it is refused saying ``refused_why``, not with a
    did-you-mean."""

    keys: tuple[str, ...] = ()
    value: Spec = field(default_factory=Text)
    refused: tuple[str, ...] = ()
    refused_why: str = "is not allowed here"

    def expected(self) -> str:
        return "a mapping"

    def read(self, node, reading, key):
        if node.kind != "mapping":
            reading.problem(
                "PB002",
                node,
                f"{key}: expected a mapping, got {_describe(node)}",
                "write 'name: value' pairs",
            )
            raise Invalid
        values = {}
        failed = False
        for key_node, value_node in node.items:
            name = key_node.value.strip()
            if name in self.refused:
                reading.problem(
                    "PB002",
                    key_node,
                    f"{key}: {name} {self.refused_why}",
                    f"{key} takes {', '.join(self.keys)}",
                )
                failed = True
                continue
            if self.keys and name not in self.keys:
                reading.problem(
                    "PB002",
                    key_node,
                    f"{key}: unknown key {quote(name)}",
                    did_you_mean(name, self.keys) or f"{key} takes {', '.join(self.keys)}",
                )
                failed = True
                continue
            reading.remember(f"{key}.{name}", key_node)
            try:
                values[name] = self.value.read(value_node, reading, f"{key}.{name}")
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        return values

    def json_schema(self):
        schema: dict = {"type": "object", "additionalProperties": self.value.json_schema()}
        if self.keys:
            schema["propertyNames"] = {"enum": list(self.keys)}
        return self._with_description(schema)


def _given(names) -> dict:
    """Return the schema of a mapping that gives every field of ``names``: present, and not null
    (an empty value counts as absent)."""
    return {"required": list(names), "properties": {name: {"not": {"type": "null"}} for name in names}}


def _nullable(schema: dict) -> dict:
    """Return ``schema`` that also takes null."""
    kinds = schema.get("type")
    if isinstance(kinds, str) and "enum" not in schema:
        return {**schema, "type": [kinds, "null"]}
    if isinstance(kinds, list) and "enum" not in schema:
        return {**schema, "type": [*kinds, "null"]}
    description = {"description": schema["description"]} if "description" in schema else {}
    return {
        "anyOf": [{k: v for k, v in schema.items() if k != "description"}, {"type": "null"}],
        **description,
    }


def _describe(node: Node) -> str:
    if node.kind == "scalar":
        return quote(node.value.strip()) if node.value.strip() else "nothing"
    return f"a {node.kind}"


def read_document(spec: Record, root: Node | None, path: str) -> tuple[dict | None, Reading]:
    """Return the values of ``root`` read through ``spec`` (None if any error), and the reading."""
    reading = Reading(path)
    if root is None or root.is_null:
        reading.diagnostics.append(
            diagnostic(
                "PB001", path, Position(), "front matter is empty", "add the fields between the '---' lines"
            )
        )
        return None, reading
    try:
        values = spec.read(root, reading, "")
    except Invalid as error:
        reading.partial = error.partial
        return None, reading
    return values, reading
