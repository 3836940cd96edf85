"""Reading a file a pull request wrote — an evaluation file — in memory and time bounded by
constants, whatever its bytes. Every evaluation reader reads through this layer:

- :func:`open_bounded` refuses a file over :data:`MAX_FILE` on disk before a byte is read (and
  anything that is not a regular file inside the project);
- :func:`capped` stops any stream, a git blob's included, after :data:`MAX_FILE` bytes;
- :func:`lines` gives lines of at most :data:`MAX_ROW` bytes as text, for JSON Lines and CSV;
- ``load/boundedjson.py`` reads JSON on top of them: one row (:func:`json_row`), or a whole
  document streamed as ijson events (:class:`JsonEvents`), with its nesting, keys, strings and
  numbers bounded before the parser holds them.

A file that breaks a limit is a :class:`Malformed` at its own line and column, never a traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO, Iterator

# Bytes on disk of a file read whole: lm-eval's samples of an MMLU-sized run, an Inspect AI JSON log
# with its transcripts. Reading is linear, in constant memory, and only when the bytes change: about
# 13 s of CPU a GB of JSON Lines, 16 to 30 s a GB of a JSON document (bench/eval_memory.py).
MAX_FILE = 1 << 30
MAX_ROW = 1 << 20  # bytes of one line of JSON Lines or CSV
CHUNK = 64 << 10  # bytes read at a time, past a row's limit and by the JSON parser


class Malformed(Exception):
    """A file that breaks a limit or is not what its format says, at its line and column."""

    def __init__(self, line: int, column: int, message: str, hint: str):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, max(1, column), message, hint


def size_text(size: int) -> str:
    """Return a byte count as people read it: 3 GiB, 256 MiB."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


TOO_BIG = f"over the {size_text(MAX_FILE)} an evaluation file may be"


def too_big(limit: int) -> str:
    """Return the end of the message that refuses a file over ``limit`` bytes."""
    return f"over the {size_text(limit)} an evaluation file may be"


TOO_BIG_HINT = "export the graded cases alone, one JSON object a line"


def open_bounded(root: Path, path: str, limit: int = MAX_FILE) -> tuple[BinaryIO | None, str]:
    """Return ``path`` opened for reading, or why it cannot be: it is missing, leads out of the
    project through a symlink, is not a regular file (a FIFO would block the build), or is over
    ``limit`` bytes on disk — refused by its size, before a byte is read."""
    try:
        real = (root / path).resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            return None, "leads out of the project through a symlink"
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, "does not exist"
    except (OSError, RuntimeError) as error:
        return None, f"cannot be read: {getattr(error, 'strerror', None) or error}"
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
        os.close(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None, "is not a regular file"
        return None, f"is {size_text(status.st_size)}, {too_big(limit)}"
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb"), ""


class _Capped:
    """A stream that ends in Malformed once more than ``limit`` bytes were read from it."""

    def __init__(self, stream: BinaryIO, limit: int):
        self.stream, self.left = stream, limit

    def _count(self, data: bytes) -> bytes:
        self.left -= len(data)
        if self.left < 0:
            raise Malformed(1, 1, f"the file is {TOO_BIG}", TOO_BIG_HINT)
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self.stream.read(min(size, self.left + 1) if size >= 0 else self.left + 1))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self.stream.readline(min(size, self.left + 1) if size >= 0 else self.left + 1))


def capped(stream: BinaryIO, limit: int = MAX_FILE) -> BinaryIO:
    """Return ``stream`` read at most to ``limit`` bytes: a longer one raises Malformed."""
    return _Capped(stream, limit)  # type: ignore[return-value]


def lines(stream: BinaryIO) -> Iterator[tuple[int, str | Malformed]]:
    """Yield each line of ``stream`` with its number: its text (line end kept), or the Malformed
    that says why it cannot be read — over :data:`MAX_ROW` bytes (the rest of it is skipped
    without being kept) or not UTF-8."""
    number = 0
    while raw := stream.readline(MAX_ROW + 1):
        number += 1
        if len(raw) > MAX_ROW and not raw.endswith(b"\n"):
            while (rest := stream.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield (
                number,
                Malformed(
                    number, 1, f"the row is over {MAX_ROW:,} bytes", "a graded case is a row, not a document"
                ),
            )
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield (
                number,
                Malformed(
                    number,
                    error.start + 1,
                    f"the row is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                    "save the file as UTF-8",
                ),
            )
