"""A zip archive a pull request wrote — an Inspect AI ``.eval`` log — read in bounded memory.

Python's ``zipfile`` holds an object per member of the central directory and, before Python
3.14, cannot unpack Zstandard, which Inspect AI uses since 0.3.206. Here the directory is walked
an entry at a time (nothing of it is kept but the entries asked for), and a member is streamed
through its decompressor — stored, deflate (zlib) or Zstandard (the ``zstandard`` package) — with
every byte it unpacks counted: a member that unpacks to more than :data:`MAX_UNPACKED`, a zip
bomb, ends in a Malformed, as does anything that is not a well-formed archive.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO, Iterator

from msgspec import Struct

from playbook.load.bounded import CHUNK, MAX_FILE, Malformed, size_text

MAX_UNPACKED = MAX_FILE  # bytes one member may unpack to: what a text evaluation file may be
MAX_MEMBERS = 1_000_000  # entries of the central directory: 100,000 samples of 10 epochs
MAX_WINDOW = 1 << 27  # a Zstandard frame's window, zstd's own default limit for decoding
STORED, DEFLATED, ZSTANDARD = 0, 8, 93
_END = struct.Struct("<4sHHHHIIH")  # end of central directory
_LOCATOR = struct.Struct("<4sIQI")  # where the Zip64 end record is
_END64 = struct.Struct("<4sQHHIIQQQQ")
_ENTRY = struct.Struct("<4sHHHHHHIIIHHHHHII")  # a central directory entry
_LOCAL = struct.Struct("<4sHHHHHIIIHH")  # a member's local header
HINT = "point model.eval at the .eval log Inspect AI wrote"


class Member(Struct, frozen=True):
    """One entry of the central directory."""

    name: str
    method: int
    flags: int
    packed: int  # bytes stored
    offset: int  # of its local header


class Archive:
    """A zip archive in a seekable stream, its central directory found from its end."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.size = stream.seek(0, 2)
        self.directory, self.directory_size, self.entries = self._locate()

    def _locate(self) -> tuple[int, int, int]:
        tail_size = min(self.size, _END.size + 0xFFFF)
        self.stream.seek(self.size - tail_size)
        tail = self.stream.read(tail_size)
        at = last = tail.rfind(b"PK\x05\x06", 0, len(tail) - _END.size + 4)
        while at >= 0 and at + _END.size + _END.unpack_from(tail, at)[7] != len(tail):
            at = tail.rfind(b"PK\x05\x06", 0, at)  # the signature's bytes inside a comment
        at = at if at >= 0 else last  # a comment cut short, or bytes after it: as zipfile reads it
        if at < 0:
            raise Malformed(1, 1, "the .eval file is not a zip archive, as Inspect AI's logs are", HINT)
        _, _, _, _, entries, size, offset, _ = _END.unpack_from(tail, at)
        end = self.size - tail_size + at
        if entries == 0xFFFF or 0xFFFFFFFF in (size, offset):
            entries, size, offset = self._zip64(end)
        if entries > MAX_MEMBERS:
            raise Malformed(1, 1, f"the archive has {entries:,} members, over {MAX_MEMBERS:,}", HINT)
        if offset + size > end:
            raise Malformed(1, 1, "the archive's directory lies past its end: the file is cut short", HINT)
        return offset, size, entries

    def _zip64(self, end: int) -> tuple[int, int, int]:
        if end < _LOCATOR.size:
            raise Malformed(1, 1, "the archive's Zip64 record is missing", HINT)
        self.stream.seek(end - _LOCATOR.size)
        signature, _, where, _ = _LOCATOR.unpack(self.stream.read(_LOCATOR.size))
        if signature != b"PK\x06\x07" or where + _END64.size > end:
            raise Malformed(1, 1, "the archive's Zip64 record is missing", HINT)
        self.stream.seek(where)
        record = _END64.unpack(self.stream.read(_END64.size))
        if record[0] != b"PK\x06\x06":
            raise Malformed(1, 1, "the archive's Zip64 record is damaged", HINT)
        return record[7], record[8], record[9]

    def members(self) -> Iterator[Member]:
        """Yield every entry of the central directory, in its order (a name may come twice: the
        last one is the member, as Inspect AI and zipfile read it)."""
        position, left = self.directory, self.directory_size
        for _ in range(self.entries):
            self.stream.seek(position)
            fixed = self.stream.read(_ENTRY.size)
            if len(fixed) < _ENTRY.size or not fixed.startswith(b"PK\x01\x02") or left < _ENTRY.size:
                raise Malformed(1, 1, "the archive's directory is damaged", HINT)
            entry = _ENTRY.unpack(fixed)
            flags, method, packed, unpacked = entry[3], entry[4], entry[8], entry[9]
            name_size, extra_size, comment_size, offset = entry[10], entry[11], entry[12], entry[16]
            variable = self.stream.read(name_size + extra_size)
            name = variable[:name_size].decode("utf-8" if flags & 0x800 else "cp437", "replace")
            if 0xFFFFFFFF in (packed, unpacked, offset):
                packed, offset = _zip64_sizes(variable[name_size:], packed, unpacked, offset)
            step = _ENTRY.size + name_size + extra_size + comment_size
            position, left = position + step, left - step
            yield Member(name, method, flags, packed, offset)

    def find(self, names: set[str]) -> dict[str, Member]:
        """Return the member of each of ``names`` the archive has (the last entry of a name)."""
        found: dict[str, Member] = {}
        for member in self.members():
            if member.name in names:
                found[member.name] = member
        return found

    def open(self, member: Member, budget: int | None = None) -> BinaryIO:
        """Return a stream of the member's unpacked bytes; reading more than ``budget`` of them
        (MAX_UNPACKED unless given), or anything the archive does not hold as it says, raises
        Malformed."""
        self.stream.seek(member.offset)
        local = self.stream.read(_LOCAL.size)
        if len(local) < _LOCAL.size or not local.startswith(b"PK\x03\x04"):
            raise Malformed(1, 1, f"the archive's member {member.name} is damaged", HINT)
        *_, name_size, extra_size = _LOCAL.unpack(local)
        start = member.offset + _LOCAL.size + name_size + extra_size
        if start + member.packed > self.size:
            raise Malformed(1, 1, f"the archive's member {member.name} is cut short", HINT)
        if member.flags & 0x1:
            raise Malformed(1, 1, f"the archive's member {member.name} is encrypted", HINT)
        raw = _Window(self.stream, start, member.packed)
        if member.method == STORED:
            unpacked: object = raw
        elif member.method == DEFLATED:
            unpacked = _Inflate(raw, member.name)
        elif member.method == ZSTANDARD:
            unpacked = _zstandard(raw, member.name)
        else:
            message = f"the archive's member {member.name} is packed with method {member.method}"
            raise Malformed(1, 1, message, "Inspect AI packs its logs with deflate or Zstandard")
        return _Counted(unpacked, member.name, budget or MAX_UNPACKED)  # type: ignore[return-value]


def _zip64_sizes(extra: bytes, packed: int, unpacked: int, offset: int) -> tuple[int, int]:
    """Return the real stored size and offset from a Zip64 extra field (id 1: the sizes and
    offset that did not fit, in this order)."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        if kind == 1:
            values = list(struct.unpack_from(f"<{min(size, 24) // 8}Q", extra, at + 4))
            if unpacked == 0xFFFFFFFF and values:
                values.pop(0)
            if packed == 0xFFFFFFFF and values:
                packed = values.pop(0)
            if offset == 0xFFFFFFFF and values:
                offset = values.pop(0)
            break
        at += 4 + size
    return packed, offset


class _Window:
    """``size`` bytes of a stream from ``start``, read where they are whatever else moved the stream."""

    def __init__(self, stream: BinaryIO, start: int, size: int):
        self.stream, self.position, self.left = stream, start, size

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        self.stream.seek(self.position)
        data = self.stream.read(size)
        self.position += len(data)
        self.left -= len(data)
        return data


class _Inflate:
    """The bytes a raw deflate stream unpacks to, at most ``size`` a read whatever the ratio."""

    def __init__(self, raw: _Window, name: str):
        self.raw, self.name, self.inflater = raw, name, zlib.decompressobj(-15)

    def read(self, size: int = -1) -> bytes:
        size = CHUNK if size < 0 else size
        while size and not self.inflater.eof:  # read(0) is how ijson asks for the stream's type
            data = self.inflater.unconsumed_tail or self.raw.read(CHUNK)
            if not data:
                return b""
            try:
                out = self.inflater.decompress(data, size)
            except zlib.error as error:
                raise Malformed(
                    1, 1, f"the archive's member {self.name} cannot be unpacked: {error}", HINT
                ) from None
            if out:
                return out
        return b""


def _zstandard(raw: _Window, name: str):
    try:
        import zstandard  # only a .eval log needs it
    except ImportError:  # pragma: no cover - a dependency of the package
        raise Malformed(
            1, 1, "reading a Zstandard .eval log needs the zstandard package", "pip install zstandard"
        ) from None
    decompressor = zstandard.ZstdDecompressor(max_window_size=MAX_WINDOW)
    return _Zstd(
        decompressor.stream_reader(raw, read_size=CHUNK, read_across_frames=True), name, zstandard.ZstdError
    )


class _Zstd:
    def __init__(self, reader, name: str, error: type):
        self.reader, self.name, self.error = reader, name, error

    def read(self, size: int = -1) -> bytes:
        try:
            return self.reader.read(CHUNK if size < 0 else size)
        except self.error as error:
            raise Malformed(
                1, 1, f"the archive's member {self.name} cannot be unpacked: {error}", HINT
            ) from None


class _Counted:
    """A member's unpacked bytes, ending in Malformed past ``budget``."""

    def __init__(self, stream, name: str, budget: int):
        self.stream, self.name, self.left, self.budget = stream, name, budget, budget

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(CHUNK if size < 0 else size)
        self.left -= len(data)
        if self.left < 0:
            message = f"the archive's member {self.name} unpacks to over {size_text(self.budget)}"
            raise Malformed(
                1, 1, message, "an evaluation this large is read from its summaries.json; keep it"
            )
        return data
