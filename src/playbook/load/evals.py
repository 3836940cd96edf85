"""Reading a team's evaluation file (``model.eval``): the graded cases behind a brief's accuracy.

The file is read as a stream, so that a file of any size costs the memory of one case:

- JSON Lines (``.jsonl``), one case an object (promptfoo's ``-o results.jsonl`` and
  lm-evaluation-harness's ``samples_*.jsonl`` are recognised by their first row), and CSV
  (``.csv``) with a header, one case a row (``readers/rows.py``);
- one JSON document (``.json``): an Inspect AI log, promptfoo's ``results.json``, a DeepEval test
  run, an MLflow table or a list of cases, recognised by its content (``readers/documents.py``);
- Inspect AI's native ``.eval`` log, a zip (``readers/evallog.py``, ``readers/zipped.py``).

The brief's ``eval_field``, ``eval_pass``, ``eval_where`` and ``eval_slice`` say which field is
the verdict, what passes, which rows are cases and how the cases group (``readers/evaloptions.py``);
each tool's own conventions are in ``readers/tools.py`` and the counting in ``readers/tally.py``.

Every reader reads through ``load/bounded.py`` (and ``load/boundedjson.py``), so that no file costs
more than a constant memory or is read past its size limit; every problem becomes a diagnostic at
the file's own line where there is one; nothing raises.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import BinaryIO

from playbook.diagnostics import Diagnostic, Position
from playbook.layout import CONTENT
from playbook.load.bounded import CHUNK, MAX_FILE, Malformed, capped, open_bounded, size_text
from playbook.load.readers.counts import Evaluation, SliceCount
from playbook.load.readers.evaloptions import EvalOptions, eval_options
from playbook.load.readers.tools import PASS_FIELDS
from playbook.rules import diagnostic

__all__ = [
    "PASS_FIELDS",
    "EVAL_SUFFIXES",
    "EvalOptions",
    "Evaluation",
    "SliceCount",
    "eval_digest",
    "eval_file",
    "eval_options",
    "read_evaluation",
    "read_evaluation_from",
]

EVAL_SUFFIXES = (".jsonl", ".csv", ".json", ".eval")
# On disk: a text file is read whole, a .eval log only in its directory, header and summaries,
# so a log's transcripts may make it bigger (what it unpacks is bounded in readers/zipped.py).
MAX_LOG = 4 << 30


def size_limit(path: str) -> int:
    """Return the most bytes the evaluation file at ``path`` may hold on disk."""
    return MAX_LOG if path.endswith(".eval") else MAX_FILE


def eval_file(relative: str) -> str:
    """Return the project-relative path of ``model.eval``, which is written relative to content/."""
    return f"{CONTENT}/{relative}"


def eval_digest(root: Path, path: str) -> tuple[str | None, str]:
    """Return the SHA-1 of the file's bytes, read in chunks, or why it cannot be read."""
    stream, why = open_bounded(root, path, size_limit(path))
    if stream is None:
        return None, why
    hasher = hashlib.sha1()
    try:
        with stream:
            while chunk := stream.read(CHUNK):
                hasher.update(chunk)
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    return hasher.hexdigest(), ""


def read_evaluation(
    root: Path, path: str, options: EvalOptions | str = ""
) -> tuple[Evaluation | None, list[Diagnostic]]:
    """Return what the evaluation file at ``path`` says, read as ``options`` say (or a field's
    name), or the diagnostics that say why it cannot be used."""
    stream, why = open_bounded(root, path, size_limit(path))
    if stream is None:
        return None, [
            diagnostic(
                "PB008",
                path,
                Position(),
                f"the evaluation file {why}",
                "point model.eval at the graded cases",
            )
        ]
    with stream:  # its size on disk is within the limit: read it without counting
        return _read(stream, path, _options(options))


def read_evaluation_from(
    stream: BinaryIO, path: str, options: EvalOptions | str = ""
) -> tuple[Evaluation | None, list[Diagnostic]]:
    """Return what the evaluation read from ``stream`` says (``path`` names its format and its
    diagnostics): the file's content at an earlier commit, say; a stream longer than a file may
    be is refused where it passes the limit (a ``.eval`` log, which is read from its end, must be
    seekable)."""
    if path.endswith(".eval"):
        size = stream.seek(0, 2)
        if size > MAX_LOG:
            why = f"the file is {size_text(size)}, over the {size_text(MAX_LOG)} an evaluation log may be"
            return None, [diagnostic("PB008", path, Position(), why, "keep the log of one run")]
        return _read(stream, path, _options(options))
    return _read(capped(stream), path, _options(options))


def _options(options: EvalOptions | str) -> EvalOptions:
    return options if isinstance(options, EvalOptions) else EvalOptions(field=options)


def _read(stream: BinaryIO, path: str, options: EvalOptions) -> tuple[Evaluation | None, list[Diagnostic]]:
    # The readers (JSON, CSV, zip) are imported by the first file read: a playbook without
    # evaluation files never loads them.
    from playbook.load.readers.documents import read_json
    from playbook.load.readers.evallog import read_eval_log
    from playbook.load.readers.rows import read_csv, read_jsonl
    from playbook.load.readers.tally import Stop, Tally

    tally = Tally(path, options)
    try:
        if path.endswith(".eval"):
            read_eval_log(stream, tally)
        elif path.endswith(".csv"):
            read_csv(stream, tally)
        elif path.endswith(".json"):
            read_json(stream, tally)
        else:
            read_jsonl(stream, tally)
    except Stop:
        pass
    except (Malformed, OSError) as error:
        if not isinstance(error, Malformed):
            error = Malformed(
                1,
                1,
                f"cannot read the evaluation file: {error.strerror or error}",
                "check that it is readable",
            )
        with contextlib.suppress(Stop):
            tally.report(error)
    return tally.result()
