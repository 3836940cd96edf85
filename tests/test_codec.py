"""The cache's plain form (``load/codec.py``): every value a cache holds comes back from
MessagePack equal and of the same types, and a type with no plain form is refused, not guessed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import NamedTuple

import msgpack
import pytest

from playbook.analysis.project import analyse_project
from playbook.analysis.reuse import Derived
from playbook.load.cache import Loaded, SourceCache
from playbook.load.codec import codec
from tests.support.briefs import brief

REPOSITORY = Path(__file__).resolve().parent.parent


def shape(value: object) -> object:
    """Return the types of ``value`` all the way down, with its values: equal shapes are the same value."""
    if isinstance(value, (list, tuple)):
        return type(value), [shape(item) for item in value]
    if isinstance(value, dict):
        return type(value), {key: shape(item) for key, item in value.items()}
    if hasattr(value, "__struct_fields__"):
        return type(value), {name: shape(getattr(value, name)) for name in value.__struct_fields__}
    if hasattr(value, "as_plain"):
        return type(value), value.as_plain()
    return type(value), value


def through_the_cache(kind: object, value: object) -> object:
    encode, decode = codec(kind)
    return decode(msgpack.unpackb(msgpack.packb(encode(value)), use_list=False, raw=False))


def test_every_value_a_cache_holds_comes_back_the_same(make_project):
    root = make_project(
        {
            "gap": brief(("  accuracy: 0.93", "  accuracy: 0.5")),
            "broken": brief(("  severity: 4", "  severity: 9")),
            "measured": brief(("  accuracy: 0.93", "  eval: evals/cases.jsonl"), ("  samples: 500", None)),
            "unusable": brief(("  accuracy: 0.93", "  eval: evals/bad.jsonl"), ("  samples: 500", None)),
        },
        pages={"about": "# About\n\nSee [[gap]]."},
    )
    (root / "content/evals").mkdir()
    (root / "content/evals/cases.jsonl").write_text(
        '{"correct": true}\n{"correct": false}\n{"correct": null}\n'
    )
    (root / "content/evals/bad.jsonl").write_text('{"correct": true}\n{"correct": "maybe"}\n')
    for path in (REPOSITORY / "content" / "briefs").glob("*.md"):  # the example playbook's briefs, too
        shutil.copy(path, root / "content/briefs" / path.name)
    analyse_project(root, persistent=True)
    store = SourceCache(root, Derived)
    assert len(store.entries) > 5 and store.derived
    kinds = {"sources": dict[str, tuple[str, Loaded]], "derived": dict[str, tuple[str, str, Derived]]}
    for name, stored in (("sources", store.entries), ("derived", store.derived)):
        assert shape(through_the_cache(kinds[name], stored)) == shape(stored)
    loaded = [result for _, (_, result) in store.entries.items()]
    assert {type(value).__name__ for value, _ in loaded} >= {"Brief", "Page", "Evaluation", "NoneType"}, (
        "every kind of result was tried"
    )
    assert any(levers is not None for _, _, (_, levers, _) in store.derived.values())


class Dated(NamedTuple):
    day: date
    note: str | None
    seen: tuple[date, ...]


def test_a_named_tuple_comes_back_as_itself_with_its_fields_decoded():
    value = Dated(date(2026, 11, 20), None, (date(2026, 1, 1),))
    back = through_the_cache(Dated, value)
    assert type(back) is Dated and back == value and type(back.seen[0]) is date


@pytest.mark.parametrize("kind", [object, set[str], dict[int, str], "Brief"])
def test_a_type_with_no_plain_form_is_refused(kind):
    with pytest.raises(TypeError):
        codec(kind)
