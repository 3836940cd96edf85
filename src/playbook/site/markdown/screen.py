"""Which documents the accelerator hands to the reference: the constructs where markdown-it-pyrs
and markdown-it-py with mdit-py-plugins were found to read Markdown differently (each found by
the byte-for-byte comparison in tests/test_markdown_engines.py), and the shapes on which
markdown-it-pyrs takes time that grows with the square of the input or overflows its stack
(tests/test_markdown_growth.py). A document with none of them is rendered by markdown-it-pyrs;
the screens are scans in time linear in the text, run before any parsing."""

from __future__ import annotations

import re

from playbook.analysis.links import WIKILINK
from playbook.lazyregex import regex

# Where the reference would read a wikilink differently from a text node of this tree.
UNSURE = regex(r"\\[\[\]|]")
# A table's delimiter row, written so that no two quantifiers can share a run of spaces: the
# obvious pattern took seconds on a line of 10,000 spaces.
TABLE_DELIMITER = regex(r" {0,3}\|?\s*:?-+:?(?:\s*\|\s*:?-+:?)*(?:\s*\|)?\s*$")
BLOCK_START = regex(r" {0,3}([-*+>#]|\d+[.)]|```|~~~|\[\^)| {4}")
BARE_ITEM = regex(
    r"^[ \t>]*(?:[-*+]|\d+[.)])(?:[ \t]+(?:[-*+]|\d+[.)]))*[ \t]*$|\[[ xX]\][ \t]*$", re.MULTILINE
)
FOOTNOTE_REFERENCE = regex(r"\[\^([^\]\n]*)\](?!:)")
FOOTNOTE_DEFINITION = regex(r" {0,3}\[\^[^\]\n]*\]:")
INLINE_SYNTAX = regex(r"[\\&*_`<>~!]")
DEFINITION_START = regex(r"^ {0,3}\[(?!\^)", re.MULTILINE)
# Where a container (quote, list item, indentation) holds a line, and how deep it may nest.
CONTAINERS = regex(r"^(?:[ \t>]|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)){25,}", re.MULTILINE)
# A line where markdown-it-pyrs' reference rule reads on to the end of the paragraph: it starts
# with "[" and has no "]" or a first "]" followed by ":".
DEFINITION_ATTEMPT = regex(
    r"^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*\[(?:[^\]\\\n]|\\.)*(?:\\?$|\]:)", re.MULTILINE
)
BLANK_LINE = regex(r"\n[ \t]*\n")
# An escaped "]" closes nothing, so escapes only make the count deeper (a "]" in code is counted as
# a closer: only a body built for it nests twenty brackets around code).
BRACKET = regex(r"\[|(?<!\\)\]")


MAX_FOOTNOTE_MARKS = 100  # a real body has a handful; "[^" * 500 takes markdown-it-pyrs seconds
# markdown-it-pyrs nests in its own stack, which a few ten thousand levels overflow (the process
# dies): deeper than this goes to the reference, which stops at twenty block levels.
MAX_NESTING = 50
# One paragraph's emphasis costs markdown-it-pyrs time in the square of its delimiters ("*a* " *
# 10,000 takes 0.5 s): a paragraph may hold this many "*", "_", "~" and "![", which also bounds
# how deep its inline markup nests.
MAX_INLINE_MARKS = 500
# Each reference definition makes markdown-it-pyrs read to the end of its paragraph (30,000 in a
# row took 40 s): a paragraph may hold this many.
MAX_DEFINITIONS = 50
# markdown-it-py gives up on brackets nested twenty deep (links, images, or brackets alone) and
# leaves the rest of the paragraph as text; markdown-it-pyrs reads on.
MAX_BRACKETS = 16


def handed_back(text: str, has_links: bool) -> bool:
    """Whether the reference must render ``text``."""
    if text.count("[^") > MAX_FOOTNOTE_MARKS:
        return True  # markdown-it-pyrs' footnote rule takes time that grows steeply with unclosed "[^"
    if too_costly(text):
        return True
    if "[^" in text and footnotes_unsure(text):
        return True  # the two footnote plugins differ on interruptions, continuations and nesting
    if "|" in text and table_ends_unsure(text):
        return True
    if BARE_ITEM.search(text):
        # An empty item or a bare task marker: the parsers differ on what it interrupts and what it is.
        return True
    if brackets_nest_deep(text):
        return True
    return has_links and bool(UNSURE.search(text) or has_definition(text) or links_unsure(text))


def too_costly(text: str) -> bool:
    """Whether markdown-it-pyrs would nest deeper than it safely can, or take time in the
    square of a paragraph: many emphases or reference definitions in one."""
    for found in CONTAINERS.finditer(text):
        prefix = found.group(0)
        if (
            len(prefix) - prefix.count(" ") / 2 + prefix.count("\t") > MAX_NESTING
        ):  # a level takes a marker or two columns
            return True
    if _inline_marks(text) > MAX_INLINE_MARKS and any(
        _inline_marks(part) > MAX_INLINE_MARKS for part in BLANK_LINE.split(text)
    ):
        return True
    return len(DEFINITION_ATTEMPT.findall(text)) > MAX_DEFINITIONS and any(
        len(DEFINITION_ATTEMPT.findall(part)) > MAX_DEFINITIONS for part in BLANK_LINE.split(text)
    )


def _inline_marks(text: str) -> int:
    return text.count("*") + text.count("_") + text.count("~") + text.count("![")


def has_definition(text: str) -> bool:
    """Whether a line starts what looks like a reference definition, ``[label]:`` (the label may
    run over lines). Found with one forward pass: a pattern that looks for the "]" from each "["
    took time in the square of the lines."""
    close = -1
    for start in DEFINITION_START.finditer(text):
        if close < start.end():
            close = text.find("]", start.end())
            if close < 0:
                return False
        if close > start.end() and text.startswith(":", close + 1):
            return True
    return False


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
            for row in range(
                number + 1, len(lines)
            ):  # by index: a slice per delimiter row took time in the square of the rows
                if not lines[row].strip():
                    break
                if BLOCK_START.match(lines[row]):
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
        if any("[^" in part for part in [line[found.end() :], *lines[number + 1 : end]]):
            return True
    return False


def links_unsure(text: str) -> bool:
    """Whether a ``[[…]]`` holds what the reference keeps as written but this parser reads as
    Markdown (an entity, an escape, emphasis, code, a tag), or is followed by "(", which makes
    it a link to this parser."""
    return any(
        INLINE_SYNTAX.search(match.group(0)) or text.startswith("(", match.end())
        for match in WIKILINK.finditer(text)
    )


def brackets_nest_deep(text: str) -> bool:
    """Whether a paragraph opens brackets nearly as deep as the reference reads them."""
    if text.count("[") < MAX_BRACKETS:
        return False
    for part in BLANK_LINE.split(text):
        if part.count("[") < MAX_BRACKETS:
            continue
        depth = 0
        for bracket in BRACKET.finditer(part):
            depth = depth + 1 if bracket.group(0) == "[" else max(depth - 1, 0)
            if depth >= MAX_BRACKETS:
                return True
    return False
