"""The model's values (``load/model.py``): frozen, and a brief is what it says, not where it says it."""

from __future__ import annotations

import pickle

import pytest
from msgspec.structs import replace

from playbook.analysis.project import analyse_project
from playbook.load.model import Brief, Spans
from tests.support.briefs import brief


def _loaded(make_project) -> Brief:
    root = make_project({"a": brief()})
    return analyse_project(root).briefs[0]


def test_a_brief_whose_lines_moved_is_the_same_brief(make_project):
    """The dataclass left its spans out of ``==``, ``hash`` and ``repr``; the Struct says so itself.
    A page's fingerprint is the ``repr`` of what it shows, so spans there would rebuild every page."""
    loaded = _loaded(make_project)
    moved = replace(loaded, spans=Spans({"title": (40, 1, 5)}))
    assert moved.span("title") != loaded.span("title")
    assert moved == loaded and hash(moved) == hash(loaded) and repr(moved) == repr(loaded)
    assert "Spans" not in repr(loaded) and loaded.slug in repr(loaded)
    assert replace(loaded, title="Another") != loaded
    assert loaded != (loaded.slug,)  # another type is never equal, however its fields fall


def test_a_brief_is_frozen_and_pickles_as_itself(make_project):
    loaded = _loaded(make_project)
    with pytest.raises(AttributeError):
        loaded.title = "changed"  # type: ignore[misc]
    back = pickle.loads(pickle.dumps(loaded))
    assert back == loaded and back.spans.as_plain() == loaded.spans.as_plain()
