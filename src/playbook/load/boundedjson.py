"""JSON from a file a pull request wrote, read in bounded memory: one row of JSON Lines
(:func:`json_row`), or a whole document streamed as ijson events (:class:`JsonEvents`) through a
guard that finds, in the bytes before the parser holds them, nesting deeper than
:data:`MAX_DEPTH`, a key over :data:`MAX_KEY` bytes, a string over :data:`MAX_STRING` bytes and
a number over :data:`MAX_DIGITS` digits — each a :class:`Malformed` at its line and column.
The layer below (``load/bounded.py``) bounds the file and its lines."""

from __future__ import annotations

import json
import re
from typing import BinaryIO, Iterator

from playbook.load.bounded import CHUNK, Malformed, size_text

MAX_DEPTH = 64  # nesting: Inspect AI's logs nest about 10 deep
MAX_STRING = 8 << 20  # bytes of one string in a streamed document: a 2-million-token context
MAX_DIGITS = 4300  # digits of a number: Python's own limit on reading an int (sys.get_int_max_str_digits)
MAX_KEY = 4 << 10  # bytes of a key: each level's prefix holds the keys above it

_LONG_NUMBER = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d{%d,}' % (MAX_DIGITS + 1))
DIGITS_HINT = "a graded case's numbers are counts and scores; write an identifier this long as a string"


def json_row(text: str, line: int) -> object:
    """Return the JSON value of one line (``line`` of its file), or raise Malformed where it is
    not JSON, nests deeper than :data:`MAX_DEPTH` or has a number over :data:`MAX_DIGITS` digits."""
    if text.count("[") + text.count("{") > MAX_DEPTH:  # else it cannot nest that deep
        _Guard(line, keys=False).scan(text.encode("utf-8"))  # a row's keys build no prefixes
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise Malformed(
            line, error.colno, f"the row is not JSON: {error.msg}", "write one JSON object a line"
        ) from None
    except ValueError:  # an int past Python's limit on digits: the only other error json.loads raises
        found = next((match for match in _LONG_NUMBER.finditer(text) if match[0][0] != '"'), None)
        raise Malformed(
            line,
            found.start() + 1 if found else 1,
            f"a number has more than {MAX_DIGITS:,} digits",
            DIGITS_HINT,
        ) from None
    except (
        RecursionError
    ):  # cannot happen below MAX_DEPTH; kept so that nothing raises whatever the guard misses
        raise Malformed(line, 1, f"the row nests deeper than {MAX_DEPTH} levels", DEPTH_HINT) from None


DEPTH_HINT = "a graded case is a flat record; nesting this deep is not an evaluation"
STRING_HINT = "keep the graded cases' texts out of the file, or shorten them"
KEY_HINT = "a key names a field; put long text in a value"


class JsonEvents:
    """The ijson events of the JSON document in a stream, as ijson's ``(prefix, event, value)``.
    Iterating raises Malformed where the document is not JSON, nests deeper than
    :data:`MAX_DEPTH`, has a key over :data:`MAX_KEY` bytes, a string over :data:`MAX_STRING`
    bytes or a number over :data:`MAX_DIGITS` digits — each found in the bytes before the
    parser holds them, so that a prefix, a value and the parser's own stack stay small. (An
    integer beyond 64 bits is yajl's "integer overflow": numbers are read as floats, for speed.)"""

    def __init__(self, stream: BinaryIO):
        self._guard = _Guard(1)
        self._source = _Guarded(stream, self._guard)

    @property
    def line(self) -> int:
        """Return the line the parser has reached (where the chunk it reads begins)."""
        return self._guard.chunk_line

    def __iter__(self) -> Iterator[tuple[str, str, object]]:
        import ijson  # only streamed documents need it

        try:
            yield from ijson.parse(self._source, buf_size=CHUNK, use_float=True)
        except ijson.JSONError as error:
            message = str(error).partition("\n")[0][:120]
            raise Malformed(
                self.line,
                1,
                f"the file is not valid JSON: {message}",
                "point model.eval at the file the tool wrote",
            ) from None


class _Guarded:
    """A stream whose bytes pass the guard on their way to the parser."""

    def __init__(self, stream: BinaryIO, guard: _Guard):
        self.stream, self.guard = stream, guard

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.guard.scan(chunk)
        return chunk


_ESCAPE = re.compile(rb"\\.", re.S)  # blanked first, so that every quote left delimits a string
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")  # every byte but the brackets, to delete
_NUMERALS = bytes(
    0x31 if chr(byte) in "-+0123456789.eE" else 0x30 for byte in range(256)
)  # a number's bytes to 1
_LONG_NUMBER_MARKS = b"1" * (MAX_DIGITS + 1)
_BRACKET = re.compile(rb"[\[\]{}]")
_NUMERAL_RUN = re.compile(rb"[-+0-9.eE]{%d,}" % (MAX_DIGITS + 1))


class _Guard:
    """Follows a JSON document's bytes chunk by chunk — which are in strings, how deep the
    brackets nest, how long a number or a key runs — with whole-chunk splits, counts and
    translations (C speed), walking a chunk's pieces one by one only where a limit may break."""

    def __init__(self, line: int, keys: bool = True):
        self.keys = keys  # whether keys are limited: a streamed document's prefixes hold them
        self.depth = 0
        self.string = -1  # bytes of the string open at the end of the last chunk; -1 outside one
        self.escaped = False  # the last chunk ended on a backslash inside a string
        self.number = 0  # bytes of the number running at the end of the last chunk
        self.long_closed: tuple | None = (
            None  # where a string over MAX_KEY closed the last chunk: a key if ':' follows
        )
        self.opened: tuple = (line, 0, b"", 0)  # where the open string began, for its message
        self.line = line  # at the start of the next chunk
        self.column = 0  # bytes of the line before the next chunk
        self.chunk_line = line  # at the start of the last chunk, where the parser is

    def scan(self, chunk: bytes) -> None:
        """Take the next chunk; raise Malformed where it breaks a limit."""
        self.chunk_line = self.line
        if not chunk:
            return
        plain = b"_" + chunk[1:] if self.escaped else chunk
        if b"\\" in plain:
            plain = _ESCAPE.sub(b"__", plain)
        parts = plain.split(b'"')  # strings and what lies between them, in turn
        first = 0 if self.string >= 0 else 1  # the index of the first string's part
        last = len(parts) - 1
        ends_in_string = last % 2 == first % 2
        if first == 0:
            self.string += len(parts[0])
            if self.string > MAX_STRING:
                raise Malformed(
                    *_position(*self.opened), f"a string is over {size_text(MAX_STRING)}", STRING_HINT
                )
            if last == 0:
                self.escaped = plain.endswith(b"\\")
                return self._advance(chunk)
        if self.keys:
            self._keys(chunk, parts, first)
        if ends_in_string:
            self.string = len(parts[last])
            self.opened = (self.line, self.column, chunk, len(plain) - len(parts[last]) - 1)
            self.escaped = plain.endswith(b"\\")
        else:
            self.string, self.escaped = -1, False
        structure = b"".join(parts[1 - first : last + (not ends_in_string) : 2])
        self._numbers(chunk, parts, first, structure, ends_in_string)
        self._brackets(chunk, parts, first, structure)
        self._advance(chunk)

    def _keys(self, chunk: bytes, parts: list[bytes], first: int) -> None:
        """A key of an object is a string followed by a colon; a long one would be in the path of
        everything under it, at every level."""
        if self.long_closed is not None and first == 1:
            if parts[0].lstrip()[:1] == b":":
                raise Malformed(*_position(*self.long_closed), f"a key is over {MAX_KEY:,} bytes", KEY_HINT)
            self.long_closed = None if parts[0].strip() or len(parts) > 1 else self.long_closed
        if max(map(len, parts)) <= MAX_KEY and not (first == 0 and self.string > MAX_KEY):
            return
        lengths = list(map(len, parts))
        for index in range(first, len(parts) - 1, 2):
            if (
                self.string if index == 0 else lengths[index]
            ) > MAX_KEY:  # the string closing here began in an earlier chunk
                after = parts[index + 1].lstrip()
                where = (
                    self.opened
                    if index == 0
                    else (self.line, self.column, chunk, sum(lengths[:index]) + index - 1)
                )
                if after[:1] == b":":
                    raise Malformed(*_position(*where), f"a key is over {MAX_KEY:,} bytes", KEY_HINT)
                if not after and index + 1 == len(parts) - 1:
                    self.long_closed = where

    def _numbers(
        self, chunk: bytes, parts: list[bytes], first: int, structure: bytes, ends_in_string: bool
    ) -> None:
        head = structure[: MAX_DIGITS + 1].translate(_NUMERALS) if self.number and first == 1 else b""
        lead = len(head) - len(head.lstrip(b"1"))
        if self.number + lead > MAX_DIGITS:
            self._fail(chunk, 0, f"a number has more than {MAX_DIGITS:,} digits", DIGITS_HINT)
        if len(structure) > MAX_DIGITS and _LONG_NUMBER_MARKS in structure.translate(_NUMERALS):
            found = (_NUMERAL_RUN.search(part) for part in parts[1 - first :: 2])
            at = next(
                (offset + match.start() for offset, match in zip(_offsets(parts, 1 - first), found) if match),
                0,
            )
            self._fail(chunk, at, f"a number has more than {MAX_DIGITS:,} digits", DIGITS_HINT)
        if ends_in_string:
            self.number = 0
        elif lead == len(structure):
            self.number += lead
        else:
            tail = structure[-MAX_DIGITS - 1 :].translate(_NUMERALS)
            self.number = len(tail) - len(tail.rstrip(b"1"))

    def _brackets(self, chunk: bytes, parts: list[bytes], first: int, structure: bytes) -> None:
        brackets = structure.translate(None, _BRACKETS)
        opens = brackets.count(b"[") + brackets.count(b"{")
        if self.depth + opens > MAX_DEPTH and not self._shallow(brackets):
            depth = self.depth
            for offset, part in zip(_offsets(parts, 1 - first), parts[1 - first :: 2]):
                for match in _BRACKET.finditer(part):
                    depth += 1 if match[0] in b"[{" else -1
                    if depth > MAX_DEPTH:
                        self._fail(
                            chunk,
                            offset + match.start(),
                            f"the JSON nests deeper than {MAX_DEPTH} levels",
                            DEPTH_HINT,
                        )
        self.depth += 2 * opens - len(brackets)

    def _shallow(self, brackets: bytes) -> bool:
        """Return whether the brackets surely stay within MAX_DEPTH: every round removes the
        innermost pairs of one kind, so the rounds that remove something are at least the height
        of the pairs closed here, and the openers left open add theirs."""
        rounds, room = 0, MAX_DEPTH - self.depth
        while rounds <= room:
            before = brackets
            for pair in (b"[]", b"{}"):
                fewer = brackets.replace(pair, b"")
                rounds += fewer != brackets
                brackets = fewer
            if brackets == before:
                return rounds + brackets.count(b"[") + brackets.count(b"{") <= room
        return False

    def _advance(self, chunk: bytes) -> None:
        newlines = chunk.count(b"\n")
        self.line += newlines
        self.column = len(chunk) - chunk.rfind(b"\n") - 1 if newlines else self.column + len(chunk)

    def _fail(self, chunk: bytes, at: int, message: str, hint: str) -> None:
        raise Malformed(*_position(self.line, self.column, chunk, at), message, hint)


def _offsets(parts: list[bytes], start: int) -> Iterator[int]:
    """Yield where every other part, from ``start``, begins in the chunk they were split from."""
    offset = sum(map(len, parts[:start])) + start
    for index in range(start, len(parts), 2):
        yield offset
        offset += len(parts[index]) + 1 + (len(parts[index + 1]) + 1 if index + 1 < len(parts) else 0)


def _position(line: int, column: int, chunk: bytes, at: int) -> tuple[int, int]:
    """Return the line and column of byte ``at`` of a chunk that began at ``line`` and ``column``."""
    before = chunk.rfind(b"\n", 0, at)
    return line + chunk.count(b"\n", 0, at), at - before if before >= 0 else column + at + 1
