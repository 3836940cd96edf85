"""Safe YAML reading (DESIGN §5, §8): positions, duplicate keys, hostile input, the author's own text."""

from __future__ import annotations

import time

import pytest

from playbook.load.yamltree import MAX_DEPTH, read_yaml

DOC = """\
title: Hello world
sufferer:
  who: "Dana"
  evidence:
    - one
    - two
tags: [a, bb]
"""


def problems_of(text: str, first_line: int = 1) -> list[tuple[str, int, int]]:
    root, problems = read_yaml(text, first_line)
    return [(p.code, p.line, p.column) for p in problems]


# --- Positions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("first_line", [1, 2, 40])
@pytest.mark.parametrize(
    "path, kind, line, column, value",
    [
        (("title",), "key", 1, 1, "title"),
        (("title",), "value", 1, 8, "Hello world"),
        (("sufferer",), "key", 2, 1, "sufferer"),
        (("sufferer",), "value", 3, 3, ""),  # a block mapping starts at its first key
        (("sufferer", "who"), "key", 3, 3, "who"),
        (("sufferer", "who"), "value", 3, 8, "Dana"),  # a quoted value starts at its quote
        (("sufferer", "evidence"), "value", 5, 5, ""),  # a block sequence starts at its first dash
        (("sufferer", "evidence", 0), "value", 5, 7, "one"),
        (("sufferer", "evidence", 1), "value", 6, 7, "two"),
        (("tags",), "value", 7, 7, ""),
        (("tags", 0), "value", 7, 8, "a"),
        (("tags", 1), "value", 7, 11, "bb"),
    ],
)
def test_keys_and_values_remember_their_file_position(first_line, path, kind, line, column, value):
    root, problems = read_yaml(DOC, first_line)
    assert problems == []
    node, key = root, None
    for step in path:
        if isinstance(step, int):
            node = node.items[step]
        else:
            key, node = next((k, v) for k, v in node.items if k.value == step)
    target = key if kind == "key" else node
    assert (target.line, target.column, target.value) == (first_line + line - 1, column, value)


@pytest.mark.parametrize(
    "text, length",
    [
        ("a: Hello world\n", 11),
        ('a: "quoted"\n', 8),  # the quotes are part of what the author wrote
        ("a: 'it''s'\n", 7),
        ("a: ~\n", 1),
    ],
)
def test_scalars_know_how_many_characters_they_span(text, length):
    root, _ = read_yaml(text)
    assert root.get("a").length == length


# --- Duplicate keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, first_line, line, column, key, first_on",
    [
        ("status: idea\nstatus: building\n", 1, 2, 1, "status", 1),
        ("status: idea\nstatus: building\n", 2, 3, 1, "status", 2),
        ("pain:\n  severity: 4\n  frequency: weekly\n  severity: 5\n", 2, 5, 3, "severity", 3),
        ("tags: [a]\nx: {k: 1, k: 2}\n", 1, 2, 11, "k", 2),
    ],
)
def test_duplicate_keys_are_pb004_at_the_second_key(text, first_line, line, column, key, first_on):
    root, problems = read_yaml(text, first_line)
    assert root is not None  # a duplicate is reported, and the rest is still read
    assert [(p.code, p.line, p.column) for p in problems] == [("PB004", line, column)]
    assert repr(key) in problems[0].message
    assert f"first on line {first_on}" in problems[0].message


def test_the_first_of_two_duplicate_keys_is_kept():
    root, _ = read_yaml("status: idea\npain:\n  severity: 4\n  severity: 5\nstatus: building\n")
    assert root.get("status").value == "idea"
    assert root.get("pain").get("severity").value == "4"
    assert [k.value for k, _ in root.items] == ["status", "pain"]


def test_every_duplicate_key_is_reported():
    assert problems_of("a: 1\nb:\n  c: 1\n  c: 2\na: 2\nb: 3\n") == [
        ("PB004", 4, 3),
        ("PB004", 5, 1),
        ("PB004", 6, 1),
    ]


# --- Hostile input -----------------------------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)
MAPPING_BOMB = "a: &a {x: 1, y: 1, z: 1, w: 1}\n" + "".join(
    f"{name}: &{name} {{{', '.join(f'k{i}: *{previous}' for i in range(10))}}}\n"
    for previous, name in zip("abcdefgh", "bcdefghi")
)


@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, MAPPING_BOMB])
def test_an_alias_bomb_is_refused_quickly(bomb):
    start = time.perf_counter()
    root, problems = read_yaml(bomb, 2)
    assert time.perf_counter() - start < 0.2
    assert root is None
    assert [p.code for p in problems] == ["PB001"]
    assert "alias bomb" in problems[0].message
    # it points at the alias that went over the limit
    assert bomb.split("\n")[problems[0].line - 2][problems[0].column - 1] == "*"


def test_a_few_aliases_are_fine():
    root, problems = read_yaml("base: &b [x, y]\ncopy: *b\n")
    assert problems == []
    assert [n.value for n in root.get("copy").items] == ["x", "y"]


def test_an_unknown_alias_is_pb001():
    assert problems_of("a: *nowhere\n", 2) == [("PB001", 2, 4)]


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("[" * (MAX_DEPTH + 6) + "]" * (MAX_DEPTH + 6), 1, MAX_DEPTH + 1),
        ("a: " + "{b: " * 30 + "1" + "}" * 30, 1, 4 + 4 * (MAX_DEPTH - 1)),
        ("".join("  " * i + "a:\n" for i in range(40)) + "  " * 40 + "x\n", MAX_DEPTH + 1, 2 * MAX_DEPTH + 1),
        ("".join("  " * i + "-\n" for i in range(40)) + "  " * 40 + "x\n", MAX_DEPTH + 1, 2 * MAX_DEPTH + 1),
    ],
)
def test_deep_nesting_is_refused_where_it_goes_too_deep(text, line, column):
    root, problems = read_yaml(text)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [("PB001", line, column)]
    assert f"more than {MAX_DEPTH} levels" in problems[0].message


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_absurd_nesting_is_refused_quickly(depth):
    start = time.perf_counter()
    root, problems = read_yaml("a: " + "[" * depth + "]" * depth)
    assert time.perf_counter() - start < 0.5
    assert root is None
    assert [(p.code, p.line) for p in problems] == [("PB001", 1)]
    assert "nest" in problems[0].message
    assert "nesting" in problems[0].hint


def test_nesting_up_to_the_limit_is_fine():
    root, problems = read_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert problems == []
    assert root.kind == "sequence"


@pytest.mark.parametrize(
    "text, line",
    [
        ("a: 1\n---\nb: 2\n", 2),
        ("a: 1\n--- b\n", 2),
        ("a: 1\n...\n---\nb: 2\n", 3),
    ],
)
def test_more_than_one_document_is_pb001(text, line):
    root, problems = read_yaml(text, 2)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [("PB001", line + 1, 1)]
    assert "more than one YAML document" in problems[0].message


@pytest.mark.parametrize(
    "text, column, tag",
    [
        (
            "x: !!python/object/apply:os.system [echo hi]\n",
            4,
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("x: !!python/object/new:os.system [echo hi]\n", 4, "tag:yaml.org,2002:python/object/new:os.system"),
        ("x: !!python/name:os.system\n", 4, "tag:yaml.org,2002:python/name:os.system"),
        ("x: !!python/object:os.Foo {a: 1}\n", 4, "tag:yaml.org,2002:python/object:os.Foo"),
        ("title: ok\nx: !!binary aGk=\n", 4, "tag:yaml.org,2002:binary"),
        ("x: !!set {a, b}\n", 4, "tag:yaml.org,2002:set"),
        ("x: !custom 1\n", 4, "!custom"),
        ("!!python/name:os.system : 1\n", 1, "tag:yaml.org,2002:python/name:os.system"),
    ],
)
def test_custom_tags_are_refused(text, column, tag):
    root, problems = read_yaml(text, 2)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("PB001", 1 + text.count("\n", 0, text.index("!")) + 1, column)
    ]
    assert tag in problems[0].message


def test_standard_tags_are_allowed_and_kept():
    root, problems = read_yaml("x: !!str 12\n")
    assert problems == []
    assert (root.get("x").value, root.get("x").tag) == ("12", "tag:yaml.org,2002:str")


def test_a_mapping_as_a_key_is_pb001():
    root, problems = read_yaml("? [a]\n: b\n", 2)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [("PB001", 2, 3)]


# --- Syntax errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("title: x\n\tsufferer: y\n", 3, 1),
        ("sufferer:\n\twho: y\n", 3, 1),
        ("a:\n  b: 1\n\t c: 2\n", 4, 1),
    ],
)
def test_tabs_get_a_hint_about_tabs(text, line, column):
    root, problems = read_yaml(text, 2)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [("PB001", line, column)]
    assert "tab" in problems[0].message
    assert problems[0].hint == "indent with spaces, not tabs"


@pytest.mark.parametrize(
    "text, line, column, message, hint",
    [
        ("title: a: b\n", 2, 9, "mapping values are not allowed", "quote a value that contains ': '"),
        (
            "title: @foo\n",
            2,
            8,
            "cannot start any token",
            "quote a value that starts with a special character",
        ),
        (
            "title: `foo`\n",
            2,
            8,
            "cannot start any token",
            "quote a value that starts with a special character",
        ),
        ("tags: [a, b\nx: 1\n", 3, 2, "did not find expected ',' or ']'", "indentation and quoting"),
        ("a:\n  b: 1\n c: 2\n", 4, 2, "did not find expected key", "indentation and quoting"),
        # An unclosed quote is reported where the quote opens, not where YAML gave up.
        ('a: "abc\nb: 1\n', 2, 4, "unexpected end of stream", "close the quote"),
    ],
)
def test_syntax_errors_point_at_yamls_own_line_and_column(text, line, column, message, hint):
    root, problems = read_yaml(text, 2)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [("PB001", line, column)]
    assert problems[0].message.startswith("invalid YAML: ")
    assert message in problems[0].message
    assert hint in problems[0].hint


def test_a_control_character_is_pb001_at_its_position():
    root, problems = read_yaml("title: ok\nowner: b\x07c\n", 2)
    assert root is None
    assert [(p.code, p.line, p.column) for p in problems] == [("PB001", 3, 9)]
    assert "control character" in problems[0].message
    assert "<unicode string>" not in problems[0].message  # PyYAML's internals are not the author's business


def test_duplicate_keys_before_a_syntax_error_are_still_reported():
    root, problems = read_yaml("a: 1\na: 2\nb: [\n")
    assert root is None
    assert [p.code for p in problems] == ["PB004", "PB001"]


# --- The author's text, not YAML 1.1's guesses ----------------------------------------------------


@pytest.mark.parametrize(
    "written, value, plain, is_null",
    [
        ("NO", "NO", True, False),
        ("no", "no", True, False),
        ("yes", "yes", True, False),
        ("off", "off", True, False),
        ("22:22", "22:22", True, False),
        ("1.10", "1.10", True, False),
        ("0o17", "0o17", True, False),
        ("017", "017", True, False),
        ("1e3", "1e3", True, False),
        (".inf", ".inf", True, False),
        ("2026-11-20", "2026-11-20", True, False),
        ("~", "~", True, True),
        ("null", "null", True, True),
        ("Null", "Null", True, True),
        ("NULL", "NULL", True, True),
        ("", "", True, True),
        ('"~"', "~", False, False),
        ("'null'", "null", False, False),
        ('""', "", False, False),
        ("!!str ~", "~", True, False),
    ],
)
def test_scalars_keep_the_authors_text(written, value, plain, is_null):
    root, problems = read_yaml(f"x: {written}\n")
    assert problems == []
    node = root.get("x")
    assert (node.kind, node.value, node.plain, node.is_null) == ("scalar", value, plain, is_null)


def test_containers_are_never_null():
    root, _ = read_yaml("a: []\nb: {}\n")
    assert (root.get("a").is_null, root.get("b").is_null) == (False, False)
    assert (root.get("a").kind, root.get("b").kind) == ("sequence", "mapping")


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_an_empty_document_has_no_root_and_no_problems(text):
    assert read_yaml(text) == (None, [])
