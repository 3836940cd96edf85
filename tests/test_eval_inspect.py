"""Inspect AI's native ``.eval`` log read as Inspect AI counts it, in bounded memory: the pinned
inspect-ai writes one for real in the test (Zstandard members), an older one wrote the committed
deflate log (tests/fixtures/evals/inspect/, see the README there); both read to the accuracy
Inspect AI reports and to the per-slice counts of its own sample summaries. A log that did not
finish, lists a sample twice, or is not the zip it says it is — a bomb, a damaged or cut archive,
an unknown packing — is a PB008, never a traceback or a gigabyte held."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from playbook.analysis.project import analyse_project
from playbook.cli.main import main
from playbook.load.evals import read_evaluation, read_evaluation_from
from playbook.load.readers import zipped
from playbook.load.readers.evaloptions import EvalOptions, parse_threshold, parse_where
from tests.support.briefs import brief
from tests.support.serving import watched_server

FIXTURES = Path(__file__).parent / "fixtures" / "evals" / "inspect"
DEFLATE = FIXTURES / "renewals-deflate.eval"
EPOCHS_DEFLATE = FIXTURES / "renewals-epochs-deflate.eval"


def options(field: str = "", passing: str = "", where: str = "", slice: str = "") -> EvalOptions:
    rule = parse_threshold(passing) if passing else None
    return EvalOptions(field, rule, parse_where(where)[0] if where else (), where, slice)


def read(path: Path, chosen: EvalOptions = EvalOptions()):
    return read_evaluation(path.parent, path.name, chosen)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    """The logs the pinned inspect-ai writes now: renewals (24 samples) and renewals_epochs."""
    pytest.importorskip("inspect_ai", reason="inspect-ai is in the test extras: pip install -e '.[test]'")
    out = tmp_path_factory.mktemp("inspect")
    done = subprocess.run(
        [sys.executable, str(FIXTURES / "make_inspect_eval.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "INSPECT_DISPLAY": "none"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [Path(line.removeprefix("file://")) for line in done.stdout.split()]


def inspects_own(path: Path, scorer: str, slice: str, passes=lambda value: value == "C") -> dict:
    """Return what Inspect AI's own API says of a log: the scorer's accuracy and, from its sample
    summaries, (passed, cases) per value of a metadata field."""
    from inspect_ai.log import read_eval_log, read_eval_log_sample_summaries

    header = read_eval_log(str(path), header_only=True)
    [score] = [s for s in header.results.scores if s.name == scorer]
    passed, cases = Counter(), Counter()
    for summary in read_eval_log_sample_summaries(str(path)):
        value = summary.metadata[slice]
        cases[value] += 1
        passed[value] += passes(summary.scores[scorer].value)
    metric = score.metrics.get("accuracy") or score.metrics["mean"]
    return {
        "accuracy": metric.value,
        "cases": header.results.completed_samples,
        "slices": {v: (passed[v], cases[v]) for v in cases},
    }


def test_the_pinned_inspect_writes_zstandard_and_it_reads_to_what_inspect_reports(written):
    renewals, epochs = written
    assert {info.compress_type for info in zipfile.ZipFile(renewals).infolist()} == {zipped.ZSTANDARD}
    own = inspects_own(renewals, "match", "doc_type")
    evaluation, problems = read(renewals, options(slice="metadata.doc_type"))
    assert problems == []
    assert (evaluation.kind, evaluation.field, evaluation.graded) == ("inspect", "match", own["cases"])
    assert evaluation.passed / evaluation.graded == pytest.approx(own["accuracy"])
    assert {s.value: (s.passed, s.graded) for s in evaluation.slices} == own["slices"]
    evaluation, _ = read(epochs)
    assert evaluation.graded == 12, "each epoch of a sample is a case, as Inspect AI's accuracy counts it"
    evaluation, _ = read(epochs, options(where="epoch == 1"))
    assert evaluation.graded == 6


def test_a_continuous_scorer_passes_by_eval_pass(written):
    renewals, _ = written
    own = inspects_own(renewals, "f1", "region", passes=lambda value: value >= 0.7)
    evaluation, problems = read(renewals, options(field="f1", passing=">= 0.7", slice="metadata.region"))
    assert problems == [] and {s.value: (s.passed, s.graded) for s in evaluation.slices} == own["slices"]
    evaluation, problems = read(renewals, options(field="f1"))
    assert evaluation is None and problems[0].message.endswith(
        "f1 is 0.67, a score rather than a pass or a fail"
    )
    assert problems[0].message.startswith("sample c06, epoch 1:")


def test_the_deflate_log_of_inspect_0_3_205_reads_to_its_own_results():
    with zipfile.ZipFile(DEFLATE) as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
        header = json.loads(archive.read("header.json"))
        summaries = json.loads(archive.read("summaries.json"))
    [match] = [s for s in header["results"]["scores"] if s["name"] == "match"]
    evaluation, problems = read(DEFLATE, options(slice="metadata.doc_type"))
    assert problems == [] and evaluation.graded == header["results"]["completed_samples"] == 24
    assert evaluation.passed / evaluation.graded == pytest.approx(match["metrics"]["accuracy"]["value"])
    by_type = Counter(s["metadata"]["doc_type"] for s in summaries if s["scores"]["match"]["value"] == "C")
    assert {s.value: s.passed for s in evaluation.slices} == dict(by_type)
    evaluation, _ = read(EPOCHS_DEFLATE, options(where="epoch == 2"))
    assert evaluation.graded == 6


def rewritten(source: Path, target: Path, change) -> Path:
    """Write ``target``, a copy of a deflate log with ``change(name, data)`` applied to each
    member (None leaves the member out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def test_a_log_without_summaries_is_read_from_its_samples(tmp_path):
    """Logs written before Inspect AI kept summaries.json hold the samples alone."""
    path = rewritten(
        DEFLATE, tmp_path / "old.eval", lambda name, data: None if name == "summaries.json" else data
    )
    evaluation, problems = read(path, options(slice="metadata.region"))
    expected, _ = read(DEFLATE, options(slice="metadata.region"))
    assert problems == [] and evaluation == expected.__class__(**{**_fields(expected), "path": "old.eval"})


def _fields(evaluation) -> dict:
    return {name: getattr(evaluation, name) for name in evaluation.__slots__}


def header_with(**changes):
    def change(name: str, data: bytes) -> bytes:
        if name != "header.json":
            return data
        header = json.loads(data)
        header.update(changes)
        return json.dumps(header).encode()

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda name, data: None if name == "header.json" else data, "the .eval log has no header.json"),
        (header_with(status="cancelled"), "the Inspect AI log's status is 'cancelled'"),
        (
            lambda name, data: (
                data.replace(b'"id":"c01"', b'"id":"c02"') * 1 if name != "summaries.json" else _twice(data)
            ),
            "the log lists 25 samples but completed 24",
        ),
    ],
)
def test_a_log_that_did_not_finish_or_lists_a_sample_twice_is_refused(tmp_path, change, message):
    path = rewritten(DEFLATE, tmp_path / "log.eval", change)
    evaluation, [problem] = read(path)
    assert evaluation is None and problem.code == "PB008" and problem.message.startswith(message), problem


def _twice(data: bytes) -> bytes:
    summaries = json.loads(data)
    return json.dumps(summaries + summaries[:1]).encode()


def test_a_zip_bomb_stops_at_the_budget(tmp_path, monkeypatch):
    """A member that unpacks past what one reading may unpack ends there, whatever it says."""
    monkeypatch.setattr(zipped, "MAX_UNPACKED", 1 << 20)
    bomb = b"[" + b" " * (8 << 20) + b"]"
    path = rewritten(
        DEFLATE, tmp_path / "bomb.eval", lambda name, data: bomb if name == "summaries.json" else data
    )
    assert path.stat().st_size < 200_000
    evaluation, [problem] = read(path)
    assert problem.message == "the archive's member summaries.json unpacks to over 1 MiB"


def test_a_zstandard_frame_asking_for_a_huge_window_is_refused(tmp_path):
    import zstandard

    params = zstandard.ZstdCompressionParameters.from_level(3, window_log=30)  # a 1 GiB window
    stream = zstandard.ZstdCompressor(compression_params=params).compressobj()  # of no known size
    packed = stream.compress(b"[" + b" " * 100 + b"]") + stream.flush()
    assert zstandard.get_frame_parameters(packed).window_size == 1 << 30
    path = tmp_path / "window.eval"
    path.write_bytes(
        _zip_of(
            {"header.json": (json.dumps({"status": "success"}).encode(), 0), "summaries.json": (packed, 93)}
        )
    )
    evaluation, [problem] = read(path)
    assert problem.message.startswith("the archive's member summaries.json cannot be unpacked")


def _zip_of(members: dict[str, tuple[bytes, int]], flags: int = 0, entries: int | None = None) -> bytes:
    """Return a zip archive of members stored as given (bytes already packed, method), by hand."""
    out, directory = io.BytesIO(), b""
    for name, (data, method) in members.items():
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                flags,
                method,
                0,
                0,
                0,
                len(data),
                len(data),
                len(encoded),
                0,
            )
        )
        out.write(encoded + data)
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            flags,
            method,
            0,
            0,
            0,
            len(data),
            len(data),
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    start = out.tell()
    out.write(directory)
    count = len(members) if entries is None else entries
    out.write(
        struct.pack(
            "<4sHHHHIIH",
            b"PK\x05\x06",
            0,
            0,
            min(count, 0xFFFF),
            min(count, 0xFFFF),
            len(directory),
            start,
            0,
        )
    )
    return out.getvalue()


HEADER = (json.dumps({"status": "success", "results": {"completed_samples": 1}}).encode(), 0)
SUMMARY = (json.dumps([{"id": 1, "epoch": 1, "scores": {"m": {"value": "C"}}}]).encode(), 0)


@pytest.mark.parametrize(
    "data, message",
    [
        (_zip_of({"header.json": HEADER, "summaries.json": SUMMARY}), None),
        (b"not a zip at all", "the .eval file is not a zip archive"),
        (
            _zip_of({"header.json": HEADER, "summaries.json": SUMMARY})[:-30],
            "the .eval file is not a zip archive",
        ),
        (
            _zip_of({"header.json": HEADER, "summaries.json": SUMMARY}, flags=1),
            "the archive's member header.json is encrypted",
        ),
        (
            _zip_of({"header.json": (HEADER[0], 12)}),
            "the archive's member header.json is packed with method 12",
        ),
        (
            _zip_of({"header.json": (b"\xff\xfe garbage", 8)}),
            "the archive's member header.json cannot be unpacked",
        ),
        (_zip_of({"header.json": HEADER}, entries=0xFFFF), "the archive's Zip64 record is missing"),
        (_zip_of({"header.json": HEADER}, entries=3), "the archive's directory is damaged"),
        (
            _zip_of({"header.json": HEADER, "summaries.json": SUMMARY})[:40],
            "the .eval file is not a zip archive",
        ),
    ],
)
def test_a_hostile_archive_is_a_pb008(tmp_path, data, message):
    path = tmp_path / "x.eval"
    path.write_bytes(data)
    evaluation, problems = read(path)
    if message is None:
        assert problems == [] and (evaluation.passed, evaluation.graded) == (1, 1), "the hand-made zip reads"
    else:
        assert evaluation is None and problems[0].message.startswith(message), problems


def test_too_many_members_are_refused_before_the_directory_is_walked(tmp_path, monkeypatch):
    monkeypatch.setattr(zipped, "MAX_MEMBERS", 1)
    path = tmp_path / "x.eval"
    path.write_bytes(_zip_of({"header.json": HEADER, "summaries.json": SUMMARY}))
    _, [problem] = read(path)
    assert problem.message == "the archive has 2 members, over 1"


def test_a_log_at_an_earlier_commit_reads_from_its_bytes():
    evaluation, problems = read_evaluation_from(io.BytesIO(DEFLATE.read_bytes()), "content/evals/x.eval")
    assert problems == [] and (evaluation.passed, evaluation.graded) == (14, 24)


def test_a_brief_measured_by_a_eval_log(make_project):
    text = brief(
        ("  accuracy: 0.93", "  eval: evals/renewals.eval\n  eval_slice: metadata.doc_type"),
        ("  samples: 500", None),
    )
    root = make_project({"b": text})
    (root / "content/evals").mkdir()
    (root / "content/evals/renewals.eval").write_bytes(DEFLATE.read_bytes())
    analysis = analyse_project(root, today=date(2026, 11, 25))
    m = analysis.metrics["b"]
    assert (m.model_accuracy, m.samples, m.eval) == (0.583, 24, "content/evals/renewals.eval")


def test_a_eval_log_is_an_input_of_cached_builds_and_of_serve(make_project, tmp_path):
    """The cache keys on the log's bytes and serve watches it, as it does a JSON Lines file."""
    text = brief(("  accuracy: 0.93", "  eval: evals/renewals.eval"), ("  samples: 500", None))
    root = make_project({"b": text})
    log = root / "content/evals/renewals.eval"
    log.parent.mkdir()
    log.write_bytes(DEFLATE.read_bytes())
    out = tmp_path / "site"

    def page() -> str:
        assert main(["build", str(root), "-o", str(out), "-q"]) == 0
        return (out / "briefs/b/index.html").read_text(encoding="utf-8")

    shows = lambda html, accuracy, cases: f"<b>{accuracy}</b>" in html and f"on {cases} cases," in html  # noqa: E731
    assert shows(page(), "0.58", 24) and shows(page(), "0.58", 24)
    log.write_bytes(EPOCHS_DEFLATE.read_bytes())
    assert shows(page(), "0.33", 12)
    log.write_bytes(DEFLATE.read_bytes())

    with watched_server(root) as base:
        url = f"{base}/briefs/b/"
        assert shows(urllib.request.urlopen(url, timeout=10).read().decode(), "0.58", 24)
        temporary = root / "content/evals/.renewals.eval.tmp"
        temporary.write_bytes(EPOCHS_DEFLATE.read_bytes())
        os.replace(temporary, log)
        deadline = time.monotonic() + 15
        while not shows(urllib.request.urlopen(url, timeout=10).read().decode(), "0.33", 12):
            assert time.monotonic() < deadline, "the page never followed the .eval log"
            time.sleep(0.1)


@pytest.mark.parametrize("status, message", [("started", "'started'"), ("error", "'error'")])
def test_an_unfinished_json_log_is_refused_too(tmp_path, status, message):
    log = json.loads((FIXTURES.parent / "inspect-renewal-dates.json").read_text(encoding="utf-8"))
    log["status"] = status
    (tmp_path / "log.json").write_text(json.dumps(log), encoding="utf-8")
    evaluation, [problem] = read_evaluation(tmp_path, "log.json")
    assert problem.message == f"the Inspect AI log's status is {message}: the evaluation did not finish"
