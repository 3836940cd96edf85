"""Reading source files (DESIGN §8): bytes to text, text to front matter and body, PB001 for the rest."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from playbook.diagnostics import Position, Severity
from playbook.load.source import MAX_FILE_BYTES, decode_text, read_source, split_front_matter

BOM8 = b"\xef\xbb\xbf"


def read(tmp_path: Path, data: bytes, *, required: bool = True):
    (tmp_path / "b.md").write_bytes(data)
    return read_source(tmp_path, "b.md", front_matter_required=required)


# --- Files that read: (front, front_line, body, body_line) ---------------------------------------


@pytest.mark.parametrize(
    "data, front, body, body_line",
    [
        (b"---\ntitle: x\n---\nbody\n", "title: x\n", "body\n", 4),
        (BOM8 + b"---\ntitle: x\n---\nbody\n", "title: x\n", "body\n", 4),
        (
            b"---\r\ntitle: x\r\nowner: y\r\n---\r\nbody\r\nmore\r\n",
            "title: x\nowner: y\n",
            "body\nmore\n",
            5,
        ),
        (BOM8 + b"---\r\ntitle: x\r\n---\r\nbody\r\n", "title: x\n", "body\n", 4),
        (b"---\rtitle: x\rowner: y\r---\rbody\rmore\r", "title: x\nowner: y\n", "body\nmore\n", 5),
        (b"--- \t\ntitle: x\n---   \nbody\n", "title: x\n", "body\n", 4),
        (b"---\ntitle: x\n...\nbody\n", "title: x\n", "body\n", 4),
        (b"---\ntitle: x\n... \t\nbody\n", "title: x\n", "body\n", 4),
        (b"---\n---\nbody\n", "", "body\n", 3),
        (b"---\ntitle: x\n---", "title: x\n", "", 4),
        (b"---\ntitle: x\n---\n", "title: x\n", "", 4),
        (b"---\na: 1\nb: 2\n\nc: 3\n---\n\n# Heading\n", "a: 1\nb: 2\n\nc: 3\n", "\n# Heading\n", 7),
        (b"---\ntitle: x\n---\nbody\n---\nmore\n", "title: x\n", "body\n---\nmore\n", 4),
        ("---\ntitle: Café ☕\n---\nNaïve body\n".encode(), "title: Café ☕\n", "Naïve body\n", 4),
    ],
)
def test_front_matter_and_body_are_split(tmp_path, data, front, body, body_line):
    source, diagnostics = read(tmp_path, data)
    assert diagnostics == []
    assert (source.path, source.front, source.front_line, source.body, source.body_line) == (
        "b.md",
        front,
        2,
        body,
        body_line,
    )


def test_body_line_points_at_the_first_body_line_in_the_file(tmp_path):
    data = b"---\r\ntitle: x\r\nowner: y\r\ntags: [a]\r\n---\r\nfirst body line\r\nsecond\r\n"
    source, _ = read(tmp_path, data)
    file_lines = data.decode().split("\r\n")
    assert file_lines[source.body_line - 1] == "first body line"
    assert file_lines[source.front_line - 1] == "title: x"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\r\n\r\n", BOM8])
def test_an_empty_file_is_pb001_when_front_matter_is_required(tmp_path, data):
    source, diagnostics = read(tmp_path, data)
    assert source is None
    assert [(d.code, d.line, d.column, d.severity) for d in diagnostics] == [("PB001", 1, 1, Severity.ERROR)]
    assert "empty" in diagnostics[0].message
    assert "---" in diagnostics[0].hint


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", BOM8])
def test_an_empty_file_is_fine_when_front_matter_is_optional(tmp_path, data):
    source, diagnostics = read(tmp_path, data, required=False)
    assert diagnostics == []
    assert (source.front, source.body, source.body_line) == (None, "", 1)


@pytest.mark.parametrize(
    "data",
    [
        b"title: x\n---\nbody\n",
        b"# Just Markdown\n",
        b"\n---\ntitle: x\n---\n",  # the fence must be the very first line
        b"----\ntitle: x\n----\n",
        b"--- title: x\n---\n",
        b"...\ntitle: x\n...\n",  # '...' closes front matter but never opens it
    ],
)
def test_no_front_matter_is_pb001_when_required(tmp_path, data):
    source, diagnostics = read(tmp_path, data)
    assert source is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("PB001", 1, 1)]
    assert "no front matter" in diagnostics[0].message


def test_no_front_matter_is_all_body_when_optional(tmp_path):
    source, diagnostics = read(tmp_path, b"# About\r\n\r\nText.\r\n", required=False)
    assert diagnostics == []
    assert (source.front, source.front_line, source.body, source.body_line) == (
        None,
        1,
        "# About\n\nText.\n",
        1,
    )


@pytest.mark.parametrize("required", [True, False])
@pytest.mark.parametrize(
    "data", [b"---\ntitle: x\nbody\n", b"---\n", b"---\ntitle: x\n----\n", b"---\r\ntitle: x\r\n"]
)
def test_unclosed_front_matter_is_pb001(tmp_path, data, required):
    source, diagnostics = read(tmp_path, data, required=required)
    assert source is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("PB001", 1, 1)]
    assert "never closed" in diagnostics[0].message


# --- Files that are not UTF-8 text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "\ufeff---\ntitle: x\n---\n".encode("utf-16-le"),
        "\ufeff---\ntitle: x\n---\n".encode("utf-16-be"),
        "---\ntitle: x\n---\n".encode("utf-16"),
        "---\ntitle: x\n---\n".encode("utf-32"),
    ],
)
def test_utf16_and_utf32_are_pb001(tmp_path, data):
    source, diagnostics = read(tmp_path, data)
    assert source is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("PB001", 1, 1)]
    assert "UTF-16" in diagnostics[0].message
    assert "UTF-8" in diagnostics[0].hint


@pytest.mark.parametrize(
    "data, line, column",
    [
        (b"---\ntitle: a\x00b\n---\n", 2, 9),
        (b"\x00\x01\x02\x03", 1, 1),
        (b"---\r\ntitle: x\r\n---\r\n\x89PNG\x00", 4, 5),
        ("---\ntitle: é\x00\n---\n".encode(), 2, 9),  # columns count characters, not bytes
    ],
)
def test_nul_bytes_make_a_binary_file(tmp_path, data, line, column):
    source, diagnostics = read(tmp_path, data)
    assert source is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("PB001", line, column)]
    assert "binary" in diagnostics[0].message


@pytest.mark.parametrize(
    "data, line, column, byte",
    [
        (b"---\ntitle: caf\xe9\n---\n", 2, 11, "0xe9"),
        ("---\ntitle: ét".encode() + b"\xe9\n---\n", 2, 10, "0xe9"),  # 'ét' is 3 bytes but 2 columns
        (b"---\r\ntitle: x\r\nowner: \xff\xfe\r\n---\r\n", 3, 8, "0xff"),
        (b"\xc0\xaf---\n", 1, 1, "0xc0"),  # an overlong encoding
        (BOM8 + b"\xff---\n", 1, 1, "0xff"),
        (b"---\ntitle: \xe2\x82", 2, 8, "0xe2"),  # truncated at the end of the file
        (b"---\ntitle: x\n---\nbody \xed\xa0\x80\n", 4, 6, "0xed"),  # an encoded surrogate
    ],
)
def test_invalid_utf8_points_at_the_bad_byte(tmp_path, data, line, column, byte):
    source, diagnostics = read(tmp_path, data)
    assert source is None
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("PB001", line, column)]
    assert "not valid UTF-8" in diagnostics[0].message
    assert byte in diagnostics[0].message


def test_decode_text_normalises_line_ends_and_drops_the_bom():
    assert decode_text(BOM8 + b"a\r\nb\rc\n\r\nd") == ("a\nb\nc\n\nd", None)


def test_decode_text_reports_the_position_of_a_bad_byte():
    text, problem = decode_text(b"ok\nstill ok\nbad: \x80")
    assert text == ""
    assert problem[0] == Position(3, 6)


def test_split_front_matter_works_on_text():
    source, diagnostics = split_front_matter("x.md", "---\na: 1\n---\nbody", front_matter_required=True)
    assert diagnostics == []
    assert (source.path, source.front, source.front_line, source.body, source.body_line) == (
        "x.md",
        "a: 1\n",
        2,
        "body",
        4,
    )


# --- Files that cannot be read at all ---------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    target = tmp_path / "b.md"
    with target.open("wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
        handle.truncate(MAX_FILE_BYTES * 64)  # sparse: 64 MiB that reading would have to spend
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("an oversized file was read"))
    start = time.perf_counter()
    source, diagnostics = read_source(tmp_path, "b.md", front_matter_required=True)
    assert time.perf_counter() - start < 0.1
    assert source is None
    assert [(d.code, d.line, d.column, d.severity) for d in diagnostics] == [("PB001", 1, 1, Severity.ERROR)]
    assert f"{MAX_FILE_BYTES * 64:,} bytes" in diagnostics[0].message
    assert f"limit is {MAX_FILE_BYTES:,}" in diagnostics[0].message


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    head = b"---\ntitle: x\n---\n"
    source, diagnostics = read(tmp_path, head + b"a" * (MAX_FILE_BYTES - len(head)))
    assert diagnostics == []
    assert (source.front, len(source.body)) == ("title: x\n", MAX_FILE_BYTES - len(head))


def test_a_missing_file_is_pb001_not_an_exception(tmp_path):
    source, diagnostics = read_source(tmp_path, "nope.md", front_matter_required=True)
    assert source is None
    assert [(d.code, d.path, d.line, d.column) for d in diagnostics] == [("PB001", "nope.md", 1, 1)]
    assert "cannot read" in diagnostics[0].message


def test_a_folder_named_like_a_file_is_pb001_not_an_exception(tmp_path):
    (tmp_path / "dir.md").mkdir()
    source, diagnostics = read_source(tmp_path, "dir.md", front_matter_required=True)
    assert source is None
    assert [d.code for d in diagnostics] == ["PB001"]
