"""``model.eval_slice``: the reader's counts per slice (``SliceCount``), which the slice analysis
builds on — what counts in a slice and what does not, the limits that keep a slice a part of the
workflow rather than a case, and the counts kept by the cache as plain data, per brief options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.analysis.measurement import measure_briefs
from playbook.load import evals
from playbook.load.cache import SourceCache
from playbook.load.codec import codec
from playbook.load.content import load_brief
from playbook.load.evals import Evaluation, SliceCount, read_evaluation
from playbook.load.readers.evaloptions import EvalOptions
from playbook.load.readers.tally import MAX_SLICE_TEXT, MAX_SLICES
from tests.support.briefs import brief


def write(tmp_path: Path, rows: list[dict], name: str = "cases.jsonl") -> str:
    (tmp_path / name).write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return name


def test_each_case_counts_in_its_slice_and_the_rest_is_said(tmp_path):
    rows = [
        {"correct": True, "doc_type": "nda"},
        {"correct": True, "doc_type": "nda"},
        {"correct": False, "doc_type": "msa"},
        {"correct": None, "doc_type": "msa"},  # not graded: in the slice's ungraded
        {"correct": True},  # no slice value: in the overall counts, in no slice
        {"correct": False, "doc_type": ""},
        {"correct": True, "doc_type": None},
    ]
    evaluation, problems = read_evaluation(tmp_path, write(tmp_path, rows), EvalOptions(slice="doc_type"))
    assert problems == []
    assert (evaluation.passed, evaluation.graded, evaluation.ungraded) == (4, 6, 1)
    assert evaluation.slice_field == "doc_type" and evaluation.unsliced == 3
    assert evaluation.slices == (SliceCount("msa", 0, 1, 1), SliceCount("nda", 2, 2, 0))
    assert sum(s.graded for s in evaluation.slices) == evaluation.graded - evaluation.unsliced


def test_a_slice_value_is_its_text(tmp_path):
    rows = [{"correct": True, "tier": value} for value in (1, 1.0, 2.5, True, " gold ")]
    evaluation, _ = read_evaluation(tmp_path, write(tmp_path, rows), EvalOptions(slice="tier"))
    assert [(s.value, s.graded) for s in evaluation.slices] == [
        ("1", 2),
        ("2.5", 1),
        ("gold", 1),
        ("true", 1),
    ]


def test_no_slice_without_eval_slice(tmp_path):
    evaluation, _ = read_evaluation(tmp_path, write(tmp_path, [{"correct": True, "doc_type": "nda"}]))
    assert (evaluation.slice_field, evaluation.slices, evaluation.unsliced) == ("", (), 0)


@pytest.mark.parametrize(
    "field, rows, line, message, hint",
    [
        (
            "id",
            [{"correct": True, "id": index} for index in range(MAX_SLICES + 5)],
            MAX_SLICES + 1,  # the row of the value one too many
            f"id has over {MAX_SLICES} values: a slice is a part of the workflow that many cases share",
            "name a field such as a document type",
        ),
        (
            "doc",
            [{"correct": True, "doc": "x" * (MAX_SLICE_TEXT + 1)}],
            1,
            "doc is 'xxx",
            "name a field such as",
        ),
        (
            "doc",
            [{"correct": True, "doc": {"type": "nda"}}],
            1,
            "doc is a mapping, not a slice's value",
            "doc.value",
        ),
        (
            "doc_typ",
            [{"correct": True, "doc_type": "nda"}],
            1,
            "no case has the field 'doc_typ' that model.eval_slice names",
            "did you mean 'doc_type'?",
        ),
    ],
)
def test_a_field_that_is_no_slice_is_a_pb008(tmp_path, field, rows, line, message, hint):
    evaluation, problems = read_evaluation(tmp_path, write(tmp_path, rows), EvalOptions(slice=field))
    assert evaluation is None and problems[0].message.startswith(message) and hint in problems[0].hint, (
        problems
    )
    assert problems[0].line == line


def test_the_counts_are_plain_data_for_the_cache():
    evaluation = Evaluation(
        "content/evals/x.jsonl", 3, 4, "correct", 1, "jsonl", "doc_type", (SliceCount("nda", 3, 4, 1),), 0
    )
    to_plain, from_plain = codec(Evaluation)
    plain = to_plain(evaluation)
    assert json.loads(json.dumps(plain)) == plain and from_plain(plain) == evaluation


def test_each_brief_gets_the_slices_its_own_options_ask_for_and_the_cache_keeps_them(
    make_project, monkeypatch
):
    rows = "".join(
        json.dumps(
            {
                "correct": index % 3 != 0,
                "doc_type": ["nda", "msa"][index % 2],
                "region": ["eu", "us"][index // 10],
            }
        )
        + "\n"
        for index in range(20)
    )
    briefs = {
        slug: brief(
            ("  accuracy: 0.93", f"  eval: evals/cases.jsonl\n  eval_slice: {field}"),
            ("  samples: 500", None),
        )
        for slug, field in (("by-type", "doc_type"), ("by-region", "region"))
    }
    root = make_project(briefs)
    (root / "content/evals").mkdir()
    (root / "content/evals/cases.jsonl").write_text(rows, encoding="utf-8")
    loaded = [load_brief(root, f"content/briefs/{slug}.md")[0] for slug in briefs]

    def measured() -> dict[str, tuple[str, ...]]:
        store = SourceCache(root, str)
        _, found, problems = measure_briefs(root, loaded, None, store)
        store.save()
        assert problems == []
        return {path.rsplit("/", 1)[1]: tuple(s.value for s in e.slices) for path, (e, _) in found.items()}

    assert measured() == {"by-type.md": ("msa", "nda"), "by-region.md": ("eu", "us")}
    monkeypatch.setattr(
        evals, "_read", lambda *args: pytest.fail("read again: the cache did not keep the counts")
    )
    assert measured() == {"by-type.md": ("msa", "nda"), "by-region.md": ("eu", "us")}
