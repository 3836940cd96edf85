"""Which documents the accelerator hands to the reference: the constructs where markdown-it-pyrs
and markdown-it-py with mdit-py-plugins were found to read Markdown differently (each found by
the byte-for-byte comparison in tests/test_markdown_engines.py). A document with none of them is
rendered by markdown-it-pyrs; the screens are cheap line scans, run before any parsing."""

from __future__ import annotations

import re

from playbook.analysis.links import WIKILINK

# Where the reference would read a wikilink differently from a text node of this tree.
UNSURE = re.compile(r"\\[\[\]|]")
TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
BLOCK_START = re.compile(r" {0,3}([-*+>#]|\d+[.)]|```|~~~|\[\^)| {4}")
BARE_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])(?:[ \t]+(?:[-*+]|\d+[.)]))*[ \t]*$|\[[ xX]\][ \t]*$", re.MULTILINE)
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\n]*)\](?!:)")
FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^[^\]\n]*\]:")
INLINE_SYNTAX = re.compile(r"[\\&*_`<>~!]")
DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:", re.MULTILINE)


MAX_FOOTNOTE_MARKS = 100  # a real body has a handful; "[^" * 500 takes markdown-it-pyrs seconds


def handed_back(text: str, has_links: bool) -> bool:
    """Whether the reference must render ``text``."""
    if text.count("[^") > MAX_FOOTNOTE_MARKS:
        return True  # markdown-it-pyrs' footnote rule takes time that grows steeply with unclosed "[^"
    if "[^" in text and footnotes_unsure(text):
        return True  # the two footnote plugins differ on interruptions, continuations and nesting
    if "|" in text and table_ends_unsure(text):
        return True
    if BARE_ITEM.search(text):
        return True  # an empty item or a bare task marker: the parsers differ on what it interrupts and what it is
    return has_links and bool(UNSURE.search(text) or DEFINITION.search(text) or inline_syntax_in_links(text))


def table_ends_unsure(text: str) -> bool:
    """Whether a line inside a table's body starts another block: the two parsers end a table
    at different places there."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if TABLE_DELIMITER.match(line):
            if "|" not in line and number and "|" in lines[number - 1]:
                return True  # a table of one column to the reference, a setext heading to pyrs
            if number >= 2 and lines[number - 2].strip():
                return True  # a table right under text: the parsers disagree on what it interrupts
            for row in lines[number + 1:]:
                if not row.strip():
                    break
                if BLOCK_START.match(row):
                    return True
    return False


def footnotes_unsure(text: str) -> bool:
    """Whether a footnote definition is other than the plain shape both parsers read alike:
    after a blank line or another definition, continued only by lines indented four spaces, and
    followed by a blank line, another definition or the end, with no footnote reference in it."""
    references = FOOTNOTE_REFERENCE.findall(text)
    if len(references) != len(set(references)):
        return True  # a note referenced twice: the two plugins number the second reference apart
    lines = text.split("\n")
    for number, line in enumerate(lines):
        found = FOOTNOTE_DEFINITION.match(line)
        if not found:
            continue
        before = lines[number - 1] if number else ""
        if before.strip() and not FOOTNOTE_DEFINITION.match(before):
            return True
        end = number + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        after = lines[end] if end < len(lines) else ""
        if after.strip() and not FOOTNOTE_DEFINITION.match(after):
            return True
        if any("[^" in part for part in [line[found.end():], *lines[number + 1:end]]):
            return True
    return False


def inline_syntax_in_links(text: str) -> bool:
    """Whether a ``[[…]]`` holds what the reference keeps as written but this parser reads as
    Markdown: an entity, an escape, emphasis, code, a tag."""
    return any(INLINE_SYNTAX.search(match.group(0)) for match in WIKILINK.finditer(text))
