"""Inspect AI's native ``.eval`` log, a zip of JSON members (``zipped.py`` reads the zip):

- ``header.json``, written last, says the run's status, its scorers and how many samples it
  completed; a log without one did not finish (or is still running) and is refused, as is one
  whose status is not ``success``;
- ``summaries.json`` lists one summary a sample and epoch, with its scores and metadata but not
  its transcript: the cases are read from it, scored as the JSON log's samples are (the scorer the
  brief names, or the one the log lists first);
- a log with no ``summaries.json`` (written before Inspect AI kept one) is read from its
  ``samples/<id>_epoch_<n>.json`` members, one at a time.

Inspect AI writes each summary once (a sample run again replaces its summary); a log that lists
more cases than the samples it completed is refused rather than counted twice, so that reading
it keeps no memory per sample.
"""

from __future__ import annotations

from typing import BinaryIO

from playbook.load.readers.documents import Picker
from playbook.load.readers.tally import Tally
from playbook.load.readers.tools import Inspect
from playbook.load.readers.zipped import Archive

HEADER, SUMMARIES = "header.json", "summaries.json"
FINISHED = "point model.eval at the log of a finished run"


def read_eval_log(stream: BinaryIO, tally: Tally) -> None:
    """Count the samples of an Inspect AI ``.eval`` log in ``stream`` (seekable)."""
    archive = Archive(stream)
    found = archive.find({HEADER, SUMMARIES})
    tally.tool = Inspect()
    if HEADER not in found:
        tally.fail(
            1,
            1,
            "the .eval log has no header.json: the evaluation did not finish, or is still running",
            FINISHED,
        )
        return
    header = Picker(tally, {})
    header.read(archive.open(found[HEADER]))
    if header.status != "success":
        tally.fail(
            1, 1, f"the Inspect AI log's status is {header.status!r}: the evaluation did not finish", FINISHED
        )
        return
    tool = Inspect(header.scorer)
    tally.tool = tool
    if SUMMARIES in found:
        Picker(tally, {"item": lambda: tool}, lines=False).read(archive.open(found[SUMMARIES]))
    else:
        for member in archive.members():
            if member.name.startswith("samples/") and member.name.endswith(".json"):
                Picker(tally, {"": lambda: tool}, lines=False).read(archive.open(member))
    listed = tally.graded + tally.ungraded + tally.skipped
    if header.completed is not None and listed > header.completed:
        tally.fail(
            1,
            1,
            f"the log lists {listed:,} samples but completed {header.completed:g}: "
            "a sample run again is listed twice",
            "convert it with 'inspect log convert', which keeps the last run of each, and point model.eval "
            "at that",
        )
