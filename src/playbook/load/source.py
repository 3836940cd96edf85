"""Reading source files: bytes to text, and text to front matter and body.

Every way a file can be unreadable — too big, binary, UTF-16, not UTF-8, invisible control
characters, empty, no front matter, unclosed front matter — becomes one PB001 diagnostic pointing
at the place, never an exception.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from msgspec import Struct

from playbook.diagnostics import Diagnostic, Position
from playbook.lazyregex import regex
from playbook.rules import diagnostic

MAX_FILE_BYTES = 1024 * 1024
FENCE = regex(r"(?:---|\.\.\.)[ \t]*")
OPENING = regex(r"---[ \t]*")
# Invisible characters no text needs: C0 controls but tab and line feed, DEL, C1 controls (NEL
# and the Windows-1252 quotes read as Latin-1 among them), Unicode's line and paragraph
# separators, and noncharacters. They break HTML and XML, drive terminals, and YAML reads NEL and
# the separators as line breaks where every other tool does not, so positions would drift.
CONTROL = regex(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff]")


class SourceFile(Struct, frozen=True):
    """A text file split into its front matter (YAML text) and its Markdown body."""

    path: str  # relative to the project, with forward slashes
    front: str | None  # None when the file has no front matter
    front_line: int  # the file line the YAML starts on
    body: str
    body_line: int  # the file line the body starts on


def read_bytes(root: Path, path: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Return the bytes of ``root/path``, or why they cannot be read (too big, unreadable)."""
    try:
        size = os.stat(root / path).st_size
        if size > MAX_FILE_BYTES:
            return None, [
                _unreadable(
                    path,
                    Position(),
                    f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                    "split it; a brief is a page, not a book",
                )
            ]
        return (root / path).read_bytes(), []
    except OSError as error:
        return None, [
            _unreadable(
                path,
                Position(),
                f"cannot read the file: {error.strerror or error}",
                "check that it exists and is readable",
            )
        ]


def read_source(
    root: Path, path: str, *, front_matter_required: bool, data: bytes | None = None
) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Return the file at ``root/path`` (or its ``data``, already read) split into front matter
    and body, or the reason it cannot be read."""
    if data is None:
        data, problems = read_bytes(root, path)
        if data is None:
            return None, problems
    if len(data) > MAX_FILE_BYTES:
        return None, [
            _unreadable(
                path,
                Position(),
                f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}",
                "split it; a brief is a page, not a book",
            )
        ]
    text, problem = decode_text(data)
    if problem is not None:
        where, message, hint = problem
        return None, [_unreadable(path, where, message, hint)]
    return split_front_matter(path, text, front_matter_required=front_matter_required)


def decode_text(data: bytes) -> tuple[str, tuple[Position, str, str] | None]:
    """Return the UTF-8 text of ``data`` with line ends normalised to LF, or why it is not text."""
    if data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ) and not data.startswith(codecs.BOM_UTF8):
        return "", (Position(), "file is UTF-16 or UTF-32, not UTF-8", "save it as UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        return "", (
            _position_of(data, offset),
            "file is binary (it contains NUL bytes)",
            "briefs are UTF-8 Markdown text",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return "", (
            _position_of(data, error.start),
            f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            "save it as UTF-8",
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control is not None:
        offset = control.start()
        line_start = text.rfind("\n", 0, offset) + 1
        where = Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)
        return "", (
            where,
            f"file contains the invisible control character U+{ord(control.group()):04X}",
            "delete it; re-save the file as UTF-8 text if it came from another program",
        )
    return text, None


def split_front_matter(
    path: str, text: str, *, front_matter_required: bool
) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Return ``text`` split at its ``---`` fences; a missing fence is a PB001 when required."""
    if not text.strip():
        if front_matter_required:
            return None, [
                _unreadable(
                    path, Position(), "file is empty", "start with '---', the brief's fields, and '---'"
                )
            ]
        return SourceFile(path, None, 1, "", 1), []
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if not OPENING.fullmatch(first):
        if front_matter_required:
            return None, [
                _unreadable(
                    path,
                    Position(),
                    "no front matter: the file must start with a '---' line",
                    "add '---', the brief's fields, and '---' at the top",
                )
            ]
        return SourceFile(path, None, 1, text, 1), []
    start = first_end + 1
    line = 2
    position = start
    while position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end < 0 else text[position:end]
        if FENCE.fullmatch(current):
            body = "" if end < 0 else text[end + 1 :]
            return SourceFile(path, text[start:position], 2, body, line + 1), []
        if end < 0:
            break
        position = end + 1
        line += 1
    return None, [
        _unreadable(path, Position(), "front matter is never closed", "add a '---' line after the last field")
    ]


def _position_of(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(line, column)


def _unreadable(path: str, where: Position, message: str, hint: str) -> Diagnostic:
    return diagnostic("PB001", path, where, message, hint)
