"""No evaluation file, however damaged, makes a reader raise: the files the tools wrote, cut,
with bytes changed, inserted or removed anywhere, read with any options, give an evaluation or
PB008 findings inside the file — never a traceback (hypothesis; ``PLAYBOOK_EXAMPLES=2000``
searches harder)."""

from __future__ import annotations

import io
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.load.evals import read_evaluation_from
from playbook.load.readers.evaloptions import EvalOptions, parse_threshold, parse_where

FIXTURES = Path(__file__).parent / "fixtures" / "evals"
FILES = [
    "promptfoo/results.json",
    "promptfoo/results.jsonl",
    "inspect/renewals-deflate.eval",
    "inspect/renewals-epochs-deflate.eval",
    "inspect-renewal-dates.json",
    "lm-eval/samples_renewals_mc_2026-12-07T13-39-42.930968.jsonl",
    "deepeval/test-run/latest_test_run.json",
    "ragas/ragas-results.csv",
    "mlflow/eval_results_table.json",
    "long/renewals-scores-long.jsonl",
]
DATA = {name: (FIXTURES / name).read_bytes() for name in FILES}
EXAMPLES = int(os.environ.get("PLAYBOOK_EXAMPLES", 150))

damage = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "cut"]),
        st.floats(0, 1),
        st.binary(min_size=1, max_size=8)
        | st.sampled_from([b'"', b"{", b"]", b",", b"\n", b"PK\x05\x06", b"\x00" * 4]),
    ),
    max_size=4,
)
options = st.builds(
    lambda field, passing, where, slice: EvalOptions(
        field, parse_threshold(passing) if passing else None, parse_where(where)[0], where, slice
    ),
    st.sampled_from(
        ["", "success", "score", "match", "f1", "acc", "metadata", "Exact Date", "exact_match/v1/score"]
    ),
    st.sampled_from(["", ">= 0.5", "< 0.2"]),
    st.sampled_from(["", "metric == exact_date", "epoch == 1", "promptIdx != 3 and filter == none"]),
    st.sampled_from(["", "doc_type", "metadata.doc_type", "vars", "id"]),
)


def damaged(data: bytes, changes) -> bytes:
    for kind, where, chunk in changes:
        at = int(where * len(data))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ chunk[0]]) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(chunk) :]
        else:
            data = data[:at]
    return data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), changes=damage, chosen=options)
def test_a_damaged_evaluation_file_never_raises(name, changes, chosen):
    data = damaged(DATA[name], changes)
    evaluation, problems = read_evaluation_from(io.BytesIO(data), name, chosen)
    assert (evaluation is None) == bool(problems)
    for problem in problems:
        assert problem.code == "PB008" and problem.line >= 1 and problem.column >= 1, problem
        assert problem.line <= data.count(b"\n") + 1 or name.endswith(".eval"), problem
    if evaluation is not None:
        assert 0 <= evaluation.passed <= evaluation.graded
        if evaluation.slice_field:
            assert sum(s.graded for s in evaluation.slices) == evaluation.graded - evaluation.unsliced
