"""Finding and loading a project's source files: each brief and plain page under ``content/``,
read, split, parsed and validated into the model, or the diagnostics that say why not."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Callable, NamedTuple

from playbook.diagnostics import Diagnostic, Position
from playbook.layout import BRIEFS, CONTENT, IGNORED, RESERVED_PAGES
from playbook.load.formats import BRIEF, PAGE, brief_from_values, page_from_values, partial_brief
from playbook.load.model import SLUG_PATTERN, Brief, Page
from playbook.load.schema import Invalid, Reading, read_document
from playbook.load.source import read_source
from playbook.load.yamltree import Node, read_yaml
from playbook.rules import diagnostic


class Skipped(NamedTuple):
    """A Markdown file or folder under ``content/`` that is seen but not read: why, and the fix."""

    path: str
    why: str
    hint: str


class Listing(NamedTuple):
    """The project's source files, sorted: its briefs, its plain pages, and what was skipped."""

    briefs: list[str]
    pages: list[str]
    skipped: list[Skipped]


def find_sources(root: Path) -> Listing:
    """Return the project-relative paths of brief files and of plain page files, and each Markdown
    file or folder that is seen but not read."""
    briefs: list[str] = []
    pages: list[str] = []
    skipped: list[Skipped] = []
    if not (root / CONTENT).is_dir():
        return Listing(briefs, pages, skipped)
    real_root = root.resolve()
    pending = [CONTENT]  # folders to read, relative to the root, with forward slashes
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(root / folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            path = f"{folder}/{name}"
            markdown = name.endswith(".md") and not IGNORED.search(name)
            if entry.is_symlink() and not _inside(Path(entry.path), real_root):
                if markdown or entry.is_dir():
                    skipped.append(
                        Skipped(
                            path,
                            "is a symlink leading out of the project",
                            "copy what it links to into content/",
                        )
                    )
            elif entry.is_dir(follow_symlinks=False):  # as os.walk: a linked folder could loop
                pending.append(path)
            elif entry.is_dir():
                skipped.append(
                    Skipped(
                        path,
                        "is a symlink to a folder, which is not followed",
                        "move the folder into content/",
                    )
                )
            elif markdown and entry.is_file():
                (briefs if folder == BRIEFS else pages).append(path)
            elif markdown:  # a FIFO, a device, a link to nothing: never opened
                why = "is a symlink to nothing" if entry.is_symlink() else "is not a regular file"
                skipped.append(Skipped(path, why, "replace it with the Markdown file itself"))
    briefs.sort()
    pages.sort()
    return Listing(briefs, pages, skipped)


def _inside(path: Path, real_root: Path) -> bool:
    """Whether ``path`` stays inside the project once symlinks are followed."""
    if not path.is_symlink():
        return True
    try:
        return path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False


def load_brief(root: Path, path: str, data: bytes | None = None) -> tuple[Brief | None, list[Diagnostic]]:
    """Return the brief in ``path`` and the diagnostics that explain what is wrong with it: a brief
    with schema errors is read as far as it is valid (its ``broken`` fields named); None when
    nothing can be read (no front matter, broken YAML, a key given twice)."""
    source, problems = read_source(root, path, front_matter_required=True, data=data)
    if source is None:
        return None, problems
    tree, yaml_problems = read_yaml(source.front, source.front_line)
    diagnostics = [
        diagnostic(p.code, path, Position(p.line, p.column), p.message, p.hint) for p in yaml_problems
    ]
    if tree is None and any(p.code == "PB001" for p in yaml_problems):
        return None, diagnostics
    values, reading = read_document(BRIEF, tree, path)
    diagnostics += reading.diagnostics
    if _marked_draft(tree):
        diagnostics = [d.in_draft() for d in diagnostics]
    stem = PurePosixPath(path).stem
    if values is not None and "slug" not in values and not re.fullmatch(SLUG_PATTERN, stem):
        diagnostics.append(
            diagnostic(
                "PB002",
                path,
                Position(),
                f"file name {stem!r} is not a valid slug",
                "rename the file to lowercase words joined by hyphens, or set slug:",
            )
        )
        values = None
    if any(d.code == "PB004" for d in diagnostics):
        return None, diagnostics
    where = dict(path=path, stem=stem, body=source.body, body_line=source.body_line, spans=reading.spans)
    if values is None:
        # Read as far as it is valid, so the checks that do not depend on the broken fields run.
        usable = isinstance(reading.partial, dict) and re.fullmatch(SLUG_PATTERN, stem)
        return (partial_brief(reading.partial, reading.unfit, **where) if usable else None), diagnostics
    return brief_from_values(values, **where), diagnostics


def load_page(root: Path, path: str, data: bytes | None = None) -> tuple[Page | None, list[Diagnostic]]:
    """Return the plain page in ``path``; its front matter is optional, its title defaults to the
    file name."""
    source, problems = read_source(root, path, front_matter_required=False, data=data)
    if source is None:
        return None, problems
    stem = PurePosixPath(path).relative_to(CONTENT).with_suffix("").as_posix()
    values: dict | None = {"title": _title_from(source.body, stem), "draft": False}
    diagnostics: list[Diagnostic] = []
    where = Position()  # of the address: the slug's value when one is given, else the file
    if source.front is not None:
        tree, yaml_problems = read_yaml(source.front, source.front_line)
        diagnostics = [
            diagnostic(p.code, path, Position(p.line, p.column), p.message, p.hint) for p in yaml_problems
        ]
        if tree is None and diagnostics:
            return None, diagnostics
        values, reading = read_document(PAGE, tree, path)
        diagnostics += reading.diagnostics
        if _marked_draft(tree):
            diagnostics = [d.in_draft() for d in diagnostics]
        if "slug" in reading.spans:
            where = reading.span("slug").position
    if values is None:
        return None, diagnostics
    slug = values.get("slug") or stem
    if not all(re.fullmatch(SLUG_PATTERN, part) for part in slug.split("/")):
        return None, diagnostics + [
            diagnostic(
                "PB002",
                path,
                where,
                f"page address {slug!r} is not a valid slug",
                "rename the file to lowercase words joined by hyphens, or set slug:",
            )
        ]
    if slug.split("/")[0] in RESERVED_PAGES:
        return None, diagnostics + [
            diagnostic(
                "PB005",
                path,
                where,
                f"page address {slug!r} is taken by the site itself",
                "rename the file or set another slug:",
            )
        ]
    return page_from_values(
        {**values, "slug": slug}, path=path, stem=stem, body=source.body, body_line=source.body_line
    ), diagnostics


def _marked_draft(tree: Node | None) -> bool:
    """Whether the front matter says ``draft: true``, read on its own: a draft whose other
    fields have errors is still known to be one, so its findings are marked as a draft's."""
    node = tree.get("draft") if tree is not None and tree.kind == "mapping" else None
    if node is None:
        return False
    try:
        return BRIEF.fields["draft"].read(node, Reading(""), "draft") is True
    except Invalid:
        return False


def _title_from(body: str, stem: str) -> str:
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return stem.rsplit("/", 1)[-1].replace("-", " ").capitalize()


def drop_duplicate_slugs(briefs: list[Brief]) -> tuple[list[Brief], list[Diagnostic]]:
    """Return the briefs with the first of each slug kept, and a PB005 for each later one."""

    def taken(brief: Brief, first: Brief) -> Diagnostic:
        span = brief.span("slug")
        return diagnostic(
            "PB005",
            brief.path,
            span.position,
            f"slug {brief.slug!r} is already used by {first.path}",
            "give one of them another slug",
            span.length,
        )

    return _first_of_each(briefs, taken)


def drop_duplicate_pages(pages: list[Page]) -> tuple[list[Page], list[Diagnostic]]:
    """Return the pages with the first of each address kept, and a PB005 for each later one."""
    return _first_of_each(
        pages,
        lambda page, first: diagnostic(
            "PB005",
            page.path,
            Position(),
            f"page address {page.slug!r} is already used by {first.path}",
            "give one of them another slug:",
        ),
    )


def _first_of_each(items: list, taken: Callable) -> tuple[list, list[Diagnostic]]:
    """Keep the first item of each slug; ``taken(item, first)`` is the diagnostic for a later one."""
    first: dict[str, object] = {}
    kept: list = []
    problems: list[Diagnostic] = []
    for item in items:
        if item.slug in first:
            problems.append(taken(item, first[item.slug]))
        else:
            first[item.slug] = item
            kept.append(item)
    return kept, problems


LOADERS = {"brief": load_brief, "page": load_page}
