"""Navigation over the project's outlines: where a link goes, who links to a brief, briefs by
title, and what renaming a slug changes. Places are 0-based lines and characters (code points);
the server converts them to the client's units."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from msgspec import Struct, field

from playbook.layout import BRIEFS
from playbook.load.formats import SLUG
from playbook.lsp.context import KEY, cursor_at
from playbook.lsp.outline import Outline, mention_at, scalar_span

MAX_SYMBOLS = 200  # workspace symbols answered at most: a list longer than a screen helps nobody


class Refusal(Exception):
    """A request that cannot be done as asked, with the reason to show the user."""


class Place(Struct, frozen=True):
    """A span of one line of a file; ``text`` is the line when it is not ASCII."""

    path: str
    line: int
    start: int
    end: int
    text: str | None = None


class Rename(Struct, frozen=True):
    """What renaming a slug changes: spans that become ``new``, and the file moved, if one is."""

    new: str
    edits: dict[str, list[Place]] = field(default_factory=dict)
    move: tuple[str, str] | None = None  # (old path, new path)


def briefs_named(outlines: Iterable[Outline], slug: str) -> list[Outline]:
    """Return the briefs whose slug is ``slug`` (more than one is a PB005)."""
    return [found for found in outlines if found.is_brief and found.slug == slug]


def title_place(found: Outline) -> Place:
    """Return where a brief starts for a reader: its ``title`` key, or its first line."""
    return Place(found.path, found.title_line, 0, len("title") if found.title else 0)


def definition(outlines: Iterable[Outline], here: Outline, line: int, character: int) -> Place | None:
    """Return where the link under the cursor goes: the brief it names, at its title."""
    mention = mention_at(here, line, character)
    if mention is None:
        return None
    named = briefs_named(outlines, mention.target)
    return title_place(named[0]) if named else None


def eval_path(lines: list[str], line: int, character: int) -> str | None:
    """Return the path written after ``model.eval:`` when the cursor is on it."""
    text = lines[line].rstrip("\r\n") if line < len(lines) else ""
    match = KEY.match(text)
    if (
        match is None
        or match.group("key") != "eval"
        or cursor_at(lines, line, len(text)).path != ("model", "eval")
    ):
        return None
    start, end = scalar_span(text, match.end())
    return text[start:end] if start < end and start <= character <= end else None


def subject(here: Outline, line: int, character: int) -> str | None:
    """Return the slug whose references are asked for: the link's under the cursor, else the
    brief's own (a plain page has no backlinks)."""
    mention = mention_at(here, line, character)
    if mention is not None:
        return mention.target
    return here.slug if here.is_brief else None


def references(outlines: Iterable[Outline], slug: str, declaration: bool) -> list[Place]:
    """Return every place that names ``slug`` (``related:`` and ``[[slug]]``), with the brief's
    title first when ``declaration`` is asked for."""
    outlines = list(outlines)
    found = [title_place(named) for named in briefs_named(outlines, slug)] if declaration else []
    for each in outlines:
        for mention in each.mentions:
            if mention.target == slug:
                found.append(Place(each.path, mention.line, mention.start, mention.end, mention.text))
    return found


def symbols(outlines: Iterable[Outline], query: str) -> list[Outline]:
    """Return the briefs whose title or slug holds ``query`` (case aside), then those that hold its
    letters in order, each group by title."""
    wanted = query.casefold().strip()
    scored = []
    for found in outlines:
        if not found.is_brief:
            continue
        name = f"{found.title} {found.slug}".casefold()
        if wanted in name:
            scored.append((0, found.title.casefold(), found))
        elif _in_order(wanted.replace(" ", ""), name):
            scored.append((1, found.title.casefold(), found))
    scored.sort(key=lambda item: item[:2])
    return [found for *_, found in scored[:MAX_SYMBOLS]]


def _in_order(letters: str, name: str) -> bool:
    """Whether ``name`` holds ``letters`` in order (in one pass: a pattern would backtrack)."""
    at = 0
    for letter in letters:
        at = name.find(letter, at) + 1
        if not at:
            return False
    return True


def rename_target(
    outlines: Iterable[Outline], here: Outline, line: int, character: int
) -> tuple[str, tuple[int, int, int]] | None:
    """Return the slug a rename at the cursor renames, with the span the editor shows: on a link,
    its slug; on the ``slug:`` or ``title:`` line of a brief, the brief's. Raises Refusal when the
    link names no brief."""
    mention = mention_at(here, line, character)
    if mention is not None:
        if not briefs_named(outlines, mention.target):
            raise Refusal(f"no brief is called '{mention.target}': fix the link rather than rename it")
        return mention.target, (mention.line, mention.start, mention.end)
    if not here.is_brief:
        return None
    if here.slug_span is not None and here.slug_span[0] == line:
        return here.slug, here.slug_span
    if here.title and here.title_line == line:
        return here.slug, (line, 0, len("title"))
    return None


def plan_rename(outlines: Iterable[Outline], old: str, new: str, exists: Callable[[str], bool]) -> Rename:
    """Return what renaming the brief ``old`` to ``new`` changes: every link to it, and its file
    (or its explicit ``slug:``, which is the slug then). Raises Refusal with the reason when
    ``new`` is not a slug or is taken; ``exists(path)`` says whether a project file is there."""
    outlines = list(outlines)
    named = briefs_named(outlines, old)
    if not named:
        raise Refusal(f"no brief is called '{old}'")
    if len(named) > 1:
        raise Refusal(
            f"{len(named)} briefs are called '{old}' ({', '.join(n.path for n in named)}): fix that first"
        )
    if new == old:
        raise Refusal(f"the brief is already called '{old}'")
    if not re.fullmatch(SLUG.pattern, new):
        raise Refusal(f"'{new}' is not a slug: use {SLUG.pattern_help}")
    taken = briefs_named(outlines, new)
    if taken:
        raise Refusal(f"'{new}' is taken: {taken[0].path} has that slug")
    [owner] = named
    plan = Rename(new)
    if owner.slug_span is not None:  # the slug is written in the brief: it changes, the file stays
        plan.edits.setdefault(owner.path, []).append(Place(owner.path, *owner.slug_span))
    else:
        moved = f"{BRIEFS}/{new}.md"
        if exists(moved):
            raise Refusal(f"'{new}' is taken: {moved} exists already")
        plan = Rename(new, plan.edits, (owner.path, moved))
    for place in references(outlines, old, declaration=False):
        plan.edits.setdefault(place.path, []).append(place)
    return plan
