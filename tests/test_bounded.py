"""Evaluation files a pull request wrote cannot crash a check or exhaust its memory
(``load/bounded.py``, ``load/boundedjson.py``): each hostile shape is a PB008 at the file's own
line, a file too big is refused by its size before a byte of it is read, and what reading a file
costs in memory is bounded by a constant, whatever the file's size."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import ijson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.load.bounded import MAX_FILE, Malformed, size_text
from playbook.load.boundedjson import MAX_DEPTH, MAX_KEY, MAX_STRING, JsonEvents, _Guard, json_row
from playbook.load.evals import MAX_LOG
from tests.support.briefs import brief

SPARSE = 3 << 30  # a 3 GiB file of no bytes on disk

# Runs `playbook check` on a project in a fresh Python under an address-space limit, so that a
# reader asking for gigabytes fails there rather than on the machine, and reports its peak
# memory and the bytes it read.
RUNNER = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), resource.RLIM_INFINITY))
from playbook.cli.main import main
code = main(["check", sys.argv[1], "--format", "json", "--no-cache"])
io = dict(line.split(": ") for line in open("/proc/self/io").read().splitlines())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"code": code, "peak_kib": peak, "read": int(io["rchar"])}), file=sys.stderr)
"""
ADDRESS_SPACE = 2 << 30


def checked(root: Path) -> tuple[dict, dict]:
    """Return ``check --format json``'s report on ``root`` and what the run cost."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(root), str(ADDRESS_SPACE)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr[-3000:]
    return json.loads(done.stdout), json.loads(done.stderr.strip().splitlines()[-1])


def rows(*grades) -> bytes:
    return "".join(
        json.dumps({"id": index, "correct": grade}) + "\n" for index, grade in enumerate(grades)
    ).encode()


def inspect_head(samples: str) -> bytes:
    return (
        b'{"version": 2, "eval": {"task": "t"}, "results": {"scores": [{"name": "m"}]},\n "samples": '
        + samples.encode()
    )


def project_with(make_project, name: str, data: bytes | int) -> Path:
    """Return a project whose brief ``b`` reads ``content/evals/NAME``: ``data``, or a sparse file of that "
    "many bytes."""
    text = brief(("  accuracy: 0.93", f"  eval: evals/{name}"), ("  samples: 500", None))
    root = make_project({"b": text, "other": brief()})
    target = root / "content/evals" / name
    target.parent.mkdir(parents=True)
    if isinstance(data, int):
        with open(target, "wb") as out:
            out.truncate(data)
    else:
        target.write_bytes(data)
    return root


DIGITS = "7" * 5000
# name: (file, its bytes, (line, column) of the finding, its message)
HOSTILE = {
    "a JSON Lines row nested 100,000 deep": (
        "cases.jsonl",
        rows(True) + b'{"correct": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
        (2, 13 + MAX_DEPTH - 1),
        f"the JSON nests deeper than {MAX_DEPTH} levels",
    ),
    "a 5,000-digit integer in a JSON Lines row": (
        "cases.jsonl",
        rows(True, False) + f'{{"id": {DIGITS}, "correct": true}}\n'.encode(),
        (3, 8),
        "a number has more than 4,300 digits",
    ),
    "an Inspect log of 400 kB of nested brackets": (
        "log.json",
        inspect_head("[" * 400_000),
        (2, 13 + MAX_DEPTH - 1),
        f"the JSON nests deeper than {MAX_DEPTH} levels",
    ),
    "a 5,000-digit integer in an Inspect log": (
        "log.json",
        inspect_head(f'[{{"id": 1, "scores": {{"m": {{"value": {DIGITS}}}}}}}]}}'),
        (2, 50),
        "a number has more than 4,300 digits",
    ),
    "a string of 9 MiB in an Inspect log": (
        "log.json",
        inspect_head('[{"id": "' + "x" * (9 << 20) + '"}]}'),
        (2, 21),
        f"a string is over {MAX_STRING >> 20} MiB",
    ),
    "a string of escaped quotes in an Inspect log": (
        "log.json",
        inspect_head('[{"id": "' + '\\"' * (5 << 20) + '"}]}'),
        (2, 21),
        f"a string is over {MAX_STRING >> 20} MiB",
    ),
    "a key of 5 kB in an Inspect log": (
        "log.json",
        inspect_head('[{"' + "k" * 5000 + '": 1}]}'),
        (2, 15),
        f"a key is over {MAX_KEY:,} bytes",
    ),
    "a CSV line over a MiB": (
        "cases.csv",
        b"id,correct\n1,true\n2," + b"x" * (1 << 20) + b"\n3,false\n",
        (3, 1),
        "the row is over 1,048,576 bytes",
    ),
    "a CSV field over 128 KiB across lines": (
        "cases.csv",
        b'id,correct\n1,"' + b"x\n" * 70_000 + b'"\n',
        (65_538, 1),
        "the CSV file cannot be read: field larger than field limit",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_evaluation_file_is_a_pb008_at_its_own_line(make_project, name):
    file, data, (line, column), message = HOSTILE[name]
    root = project_with(make_project, file, data)
    report, cost = checked(root)
    assert cost["code"] == 1
    found = [d for d in report["diagnostics"] if d["path"] == f"content/evals/{file}"]
    assert [(d["code"], d["line"], d["column"]) for d in found[:1]] == [("PB008", line, column)], found
    assert found[0]["message"].startswith(message), found[0]
    on_brief = [d["code"] for d in report["diagnostics"] if d["path"] == "content/briefs/b.md"]
    assert on_brief == ["PB008"], "the brief says its evaluation cannot be used"


@pytest.mark.parametrize(
    "file, size, limit",
    [
        ("cases.jsonl", SPARSE, MAX_FILE),
        ("cases.csv", SPARSE, MAX_FILE),
        ("log.json", SPARSE, MAX_FILE),
        ("log.eval", MAX_LOG + SPARSE, MAX_LOG),  # a zip is read from its end: its transcripts may be big
    ],
)
def test_a_file_too_big_to_be_an_evaluation_is_refused_before_it_is_read(make_project, file, size, limit):
    root = project_with(make_project, file, size)
    report, cost = checked(root)
    [finding] = [d for d in report["diagnostics"] if d["code"] == "PB008"]
    assert finding["path"] == "content/briefs/b.md"
    assert finding["message"] == (
        f"model.eval: content/evals/{file} is {size_text(size)}, "
        f"over the {size_text(limit)} an evaluation file may be"
    )
    assert cost["read"] < 20 << 20, (
        "not a byte of the file was read (the run reads only its own code and the project)"
    )


def peak_reading(path: Path) -> int:
    """Return the peak resident memory, in KiB, of a fresh Python reading the evaluation file ``path``."""
    code = (
        "import resource, sys; from pathlib import Path;"
        f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, resource.RLIM_INFINITY));"
        "from playbook.load.evals import read_evaluation; e, p = read_evaluation(Path(sys.argv[1]), "
        "sys.argv[2]);assert e is not None or (p and p[0].code == 'PB008'), "
        "p;print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path.parent), path.name], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout)


def fill(path: Path, head: bytes, unit: bytes, size: int, tail: bytes = b"") -> Path:
    """Write ``head``, then ``unit`` repeated to about ``size`` bytes, then ``tail``."""
    block = unit * ((1 << 20) // len(unit))
    with open(path, "wb") as out:
        out.write(head)
        for _ in range(size // len(block)):
            out.write(block)
        out.write(tail)
    return path


# name: (head, unit repeated, tail); each written at 10 MB and at 100 MB
SHAPES = {
    "a CSV of one line": (b"id,correct\n1,", b"x", b""),
    "a JSON Lines row of one line": (b'{"correct": "', b"x", b'"}'),
    "an Inspect log of nested brackets": (inspect_head(""), b"[", b""),
    "an Inspect log of one long string": (inspect_head('[{"id": "'), b"x", b'"}]}'),
    "an Inspect log of escaped quotes": (inspect_head('[{"id": "'), b'\\"', b'"}]}'),
    "an Inspect log of one long number": (inspect_head('[{"id": '), b"7", b"}]}"),
    "an Inspect log of many short rows": (
        inspect_head("["),
        b'{"id": 1, "scores": {"m": {"value": "C"}}},',
        b'{"id": 2}]}',
    ),
}
BUDGET = (
    48 << 10
)  # KiB over reading a small valid file: a chunk, a row, a string at the limits, and their copies


@pytest.mark.parametrize("shape", SHAPES)
def test_reading_costs_bounded_memory_whatever_the_file(tmp_path, shape):
    head, unit, tail = SHAPES[shape]
    kind = ".csv" if "CSV" in shape else ".jsonl" if "Lines" in shape else ".json"
    small = tmp_path / f"small{kind}"
    small.write_bytes(
        rows(True, False)
        if kind == ".jsonl"
        else b"id,correct\n1,true\n"
        if kind == ".csv"
        else inspect_head('[{"id": 1, "scores": {"m": {"value": "C"}}}]}')
    )
    baseline = peak_reading(small)
    for size in (10 << 20, 100 << 20):
        path = fill(tmp_path / f"hostile-{size}{kind}", head, unit, size, tail)
        assert peak_reading(path) - baseline < BUDGET, f"{shape} of {size >> 20} MB"
        path.unlink()


# --- The guard itself: exact on any JSON, whatever the chunks it comes in -----------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63) + 1, 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from('ab"\\[]{}:,\n\té€\x00'), max_size=30),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(alphabet=st.sampled_from('k"\\[]{}'), max_size=8), inner, max_size=5)
    ),
    max_leaves=40,
)


def events_in_chunks(data: bytes, size: int) -> list:
    class Trickle(
        io.BytesIO
    ):  # hands the parser ``size`` bytes at a time, splitting escapes and strings anywhere
        def read(self, n: int = -1) -> bytes:
            return super().read(min(n, size) if n >= 0 else size)

    return list(JsonEvents(Trickle(data)))


@settings(max_examples=int(os.environ.get("PLAYBOOK_EXAMPLES", 200)), deadline=None)
@given(json_values, st.integers(1, 40), st.sampled_from([None, 1, 2]))
def test_the_guard_passes_every_json_document_as_ijson_reads_it(value, size, indent):
    data = json.dumps(value, indent=indent, ensure_ascii=False).encode()
    assert events_in_chunks(data, size) == list(ijson.parse(io.BytesIO(data), use_float=True))


@settings(max_examples=int(os.environ.get("PLAYBOOK_EXAMPLES", 200)), deadline=None)
@given(json_values, st.integers(1, 40), st.integers(0, 3))
def test_the_guard_stops_at_the_first_bracket_too_deep(value, size, lines):
    prefix = b"\n" * lines + b'{"a": "[[\\"", "b": ' * 2
    data = prefix + b"[" * (MAX_DEPTH - 2) + json.dumps(value).encode() + b"]" * (MAX_DEPTH - 2) + b"}}"
    if not isinstance(value, (list, dict)):
        events_in_chunks(data, size)  # 64 levels: allowed
        return
    with pytest.raises(Malformed) as raised:
        events_in_chunks(data, size)
    assert (raised.value.line, raised.value.column) == (lines + 1, len(prefix) - lines + MAX_DEPTH - 2 + 1)


def test_a_row_with_many_brackets_but_shallow_is_read():
    row = json.dumps(
        {"correct": True, "messages": [{"role": "user", "content": [1, [2]]}] * 500, "k" * 5000: 1}
    )
    assert json_row(row, 1)["correct"] is True, (
        "nor is a long key refused in a row: only a streamed document's keys make prefixes"
    )


def test_a_string_at_the_limit_passes_and_one_byte_more_does_not():
    guard = _Guard(1)
    for chunk in (b'["', b"x" * (MAX_STRING - 1), b'x"]'):
        guard.scan(chunk)
    with pytest.raises(Malformed):
        over = _Guard(1)
        for chunk in (b'["', b"x" * MAX_STRING, b'x"]'):
            over.scan(chunk)
