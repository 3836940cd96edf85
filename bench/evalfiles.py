"""Evaluation files of any size, written as a stream in each tool's shape, to measure what reading
them costs (``bench/eval_memory.py``, ``tests/test_eval_memory.py``).

    write(kind, path, size) -> EvalOptions

writes about ``size`` bytes of the kind (on disk; for ``inspect-eval`` and the bomb, what
summaries.json unpacks to; for ``inspect-eval-transcripts``, samples' transcripts on disk beside
small summaries), and returns the options a brief would read it with (``KINDS``). Each case
carries a few hundred bytes of text, as the model's output, prompt or transcript does in the
tools' own files."""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path
from typing import Callable, Iterator

from playbook.load.readers.evaloptions import EvalOptions, parse_threshold, parse_where

PAD = "The renewal date is in clause 14.2, read with the notice period of clause 3. " * 6  # ~480 bytes


def _case(index: int) -> tuple[bool, str]:
    return index % 7 != 0, ("nda", "msa", "dpa")[index % 3]


def _rows(make: Callable[[int], str], size: int, separator: str = "\n") -> Iterator[str]:
    written, index = 0, 0
    while written < size:
        text = make(index) + separator
        written += len(text)
        index += 1
        yield text


def _jsonl(index: int) -> str:
    passed, kind = _case(index)
    return json.dumps({"id": index, "output": PAD, "doc_type": kind, "correct": passed})


def _promptfoo(index: int) -> str:
    passed, kind = _case(index)
    row = {
        "gradingResult": {"pass": passed, "score": float(passed), "reason": PAD[:80]},
        "promptIdx": 0,
        "provider": {"id": "echo", "label": ""},
        "response": {"output": PAD},
        "score": float(passed),
        "success": passed,
        "testCase": {"vars": {"doc_type": kind}, "metadata": {"doc_type": kind}},
        "testIdx": index,
        "vars": {"doc_type": kind},
        "failureReason": 0 if passed else 1,
    }
    return json.dumps(row, indent=2)


def _lm_eval(index: int) -> str:
    passed, kind = _case(index)
    row = {
        "doc_id": index,
        "doc": {"id": f"r{index}", "doc_type": kind},
        "target": "0",
        "arguments": {"gen_args_0": {"arg_0": PAD, "arg_1": " 2025-03-01"}},
        "resps": [[["-0.5", "True"]]],
        "filter": "none",
        "metrics": ["acc"],
        "acc": float(passed),
    }
    return json.dumps(row)


def _inspect_sample(index: int) -> str:
    passed, kind = _case(index)
    sample = {
        "id": f"s{index}",
        "epoch": 1,
        "input": PAD,
        "messages": [{"role": "user", "content": PAD}, {"role": "assistant", "content": PAD}],
        "scores": {"match": {"value": "C" if passed else "I"}},
        "metadata": {"doc_type": kind},
    }
    return json.dumps(sample)


def _deepeval(index: int) -> str:
    passed, kind = _case(index)
    metric = {"name": "Exact Date", "threshold": 1.0, "success": passed, "score": float(passed)}
    case = {
        "name": f"c{index}",
        "input": PAD,
        "actualOutput": PAD,
        "success": passed,
        "metricsData": [metric],
    }
    return json.dumps({**case, "metadata": {"doc_type": kind}})


def _mlflow(index: int) -> str:
    passed, kind = _case(index)
    return json.dumps([PAD, kind, PAD, int(passed)])


def _document(path: Path, head: str, make: Callable[[int], str], size: int, tail: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        first = True
        for row in _rows(make, size, ""):
            out.write(row if first else "," + row)
            first = False
        out.write(tail)


_BY_TYPE = EvalOptions(slice="doc_type")
_METADATA = EvalOptions(slice="metadata.doc_type")
_EPOCH_ONE = EvalOptions(
    slice="metadata.doc_type", where=parse_where("epoch == 1")[0], where_text="epoch == 1"
)
# kind: (suffix, the options a brief reads it with: a slice by document type, each tool's verdict)
KINDS = {
    "jsonl": (".jsonl", _BY_TYPE),
    "csv": (".csv", EvalOptions(field="score", passing=parse_threshold(">= 0.7"), slice="doc_type")),
    "promptfoo-json": (".json", EvalOptions(slice="vars.doc_type")),
    "lm-eval-jsonl": (".jsonl", EvalOptions(slice="doc.doc_type")),
    "inspect-json": (".json", _METADATA),
    "deepeval-json": (".json", _METADATA),
    "mlflow-json": (".json", EvalOptions(field="exact_match/v1/score", slice="doc_type")),
    "inspect-eval": (".eval", _EPOCH_ONE),
    "inspect-eval-transcripts": (".eval", _EPOCH_ONE),
    "inspect-eval-bomb": (".eval", _METADATA),
}


def write(kind: str, path: Path, size: int) -> EvalOptions:
    """Write about ``size`` bytes of an evaluation file of ``kind`` at ``path``; return the options
    that read it."""
    if kind in ("jsonl", "lm-eval-jsonl"):
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(_rows(_jsonl if kind == "jsonl" else _lm_eval, size))
    elif kind == "csv":
        with open(path, "w", encoding="utf-8") as out:
            out.write("id,output,doc_type,score\n")
            out.writelines(_rows(lambda i: f'{i},"{PAD}",{_case(i)[1]},{0.9 if _case(i)[0] else 0.4}', size))
    elif kind == "promptfoo-json":
        head = (
            '{\n  "evalId": "eval-bench",\n  "results": {\n'
            '    "version": 3,\n    "prompts": [],\n    "results": ['
        )
        _document(path, head, _promptfoo, size, '],\n    "stats": {}\n  },\n  "config": {}\n}\n')
    elif kind == "inspect-json":
        head = (
            '{"version": 2, "status": "success", "eval": {"task": "t"}, '
            '"results": {"scores": [{"name": "match"}]}, "samples": ['
        )
        _document(path, head, _inspect_sample, size, "]}")
    elif kind == "deepeval-json":
        _document(path, '{"testCases": [', _deepeval, size, '], "testPassed": 0, "testFailed": 0}')
    elif kind == "mlflow-json":
        columns = '{"columns": ["inputs", "doc_type", "outputs", "exact_match/v1/score"], "data": ['
        _document(path, columns, _mlflow, size, "]}")
    elif kind == "inspect-eval":
        _eval_log(path, size, transcripts=0)
    elif kind == "inspect-eval-transcripts":
        _eval_log(path, 1 << 20, transcripts=size)
    else:
        _eval_log(path, size, transcripts=0, bomb=True)
    return KINDS[kind][1]


def _eval_log(path: Path, summaries: int, transcripts: int, bomb: bool = False) -> None:
    """An Inspect AI .eval log, its members packed with Zstandard as Inspect AI packs them:
    ``summaries`` bytes of summaries.json, and samples whose transcripts (random, so that they
    do not pack smaller) take ``transcripts`` bytes on disk. A ``bomb`` is summaries.json of
    spaces: ``summaries`` bytes unpacked from a few kB."""
    cases = 0
    with _ZipWriter(path) as archive:
        if transcripts:
            index = 0
            while archive.out.tell() < transcripts:
                event = {"event": "model", "output": os.urandom(1 << 19).hex()}
                sample = _inspect_sample(index)[:-1] + ', "events": [' + json.dumps(event) + "]}"
                archive.member(f"samples/s{index}_epoch_1.json", iter([sample.encode()]))
                index += 1
        if bomb:
            chunks = iter([b"["] + [b" " * (1 << 20)] * (summaries >> 20) + [b"]"])
            archive.member("summaries.json", chunks)
        else:
            counted = [0]

            def listed() -> Iterator[str]:
                for row in _rows(_inspect_sample, summaries, ""):
                    counted[0] += 1
                    yield ("[" if counted[0] == 1 else ",") + row

            archive.member("summaries.json", listed(), tail=b"]")
            cases = counted[0]
        header = {"status": "success", "results": {"scores": [{"name": "match"}], "completed_samples": cases}}
        archive.member("header.json", iter([json.dumps(header).encode()]))


class _ZipWriter:
    """A Zip64 archive of Zstandard members (method 93), streamed: sizes go in a data descriptor
    and the central directory, as zipfile writes a member of unknown size."""

    def __init__(self, path: Path):
        self.out = open(path, "wb")
        self.directory = b""
        self.count = 0

    def __enter__(self) -> _ZipWriter:
        return self

    def member(self, name: str, chunks: Iterator, tail: bytes = b"") -> None:
        import zstandard

        offset, encoded = self.out.tell(), name.encode()
        self.out.write(
            struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 63, 8, 93, 0, 0, 0, 0, 0, len(encoded), 0) + encoded
        )
        compressor = zstandard.ZstdCompressor(level=3).compressobj()
        crc = size = packed = 0
        for chunk in chunks:
            data = chunk.encode() if isinstance(chunk, str) else chunk
            crc, size = zlib.crc32(data, crc), size + len(data)
            piece = compressor.compress(data)
            packed += len(piece)
            self.out.write(piece)
        for data in (tail,):
            crc, size = zlib.crc32(data, crc), size + len(data)
            piece = compressor.compress(data) + compressor.flush()
            packed += len(piece)
            self.out.write(piece)
        self.out.write(struct.pack("<4sIQQ", b"PK\x07\x08", crc, packed, size))
        extra = struct.pack("<HHQQQ", 1, 24, size, packed, offset)
        self.directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 63, 63, 8, 93, 0, 0, crc,
            0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(extra), 0, 0, 0, 0, 0xFFFFFFFF,
        ) + encoded + extra  # fmt: skip
        self.count += 1

    def __exit__(self, *exc) -> None:
        start = self.out.tell()
        self.out.write(self.directory)
        end = self.out.tell()
        size = end - start
        self.out.write(
            struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 63, 63, 0, 0, self.count, self.count, size, start)
        )
        self.out.write(struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1))
        self.out.write(
            struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
        )
        self.out.close()
