"""Starting points: a new project (``playbook init``), a new brief (``playbook new``), and the
schema documents editors read. Nothing is overwritten, and nothing is left half-written.

The files come from ``starter/`` inside the package. A path part written ``dot-x`` there is
``.x`` in the project, so the hidden files ship in every wheel without packaging tricks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

from playbook import __version__
from playbook.cli.origin import Origin
from playbook.cli.starter import Initialised, placed, repository_root
from playbook.layout import BRIEFS, CONTENT
from playbook.load.config import SCHEMA as CONFIG_SCHEMA
from playbook.load.formats import BRIEF, PAGE
from playbook.load.model import SLUG_PATTERN
from playbook.site.views.api import slugify

SCHEMA_KINDS = {
    "brief": (BRIEF, "Opportunity brief front matter"),
    "page": (PAGE, "Playbook page front matter"),
    "config": (CONFIG_SCHEMA, "playbook.yaml"),
}
CONFIG_SCHEMA_FILE = "schemas/playbook.schema.json"  # named by the modeline in the starter playbook.yaml
# A title that YAML reads back as the same text when written bare; anything else is quoted.
PLAIN_TITLE = re.compile(r"[^\W_][^:#\n\"'\[\]{},]*(?<! )")


class ScaffoldError(Exception):
    """The project or brief cannot be created; the message says why and what to do."""


def schema_document(kind: str) -> dict:
    """Return the JSON Schema document of ``kind``: brief, page or config."""
    spec, title = SCHEMA_KINDS[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **spec.json_schema()}


def yaml_text(text: str) -> str:
    """Return ``text`` as a YAML scalar that reads back as exactly ``text``."""
    return text if PLAIN_TITLE.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def init_project(target: Path, *, today: date, origin: Origin) -> Initialised:
    """Add the starter project's missing files to ``target`` (a new folder, an empty one, or a
    repository that has files already) and say what was written and what was left alone.

    Nothing is overwritten. Inside a git repository whose root is above ``target``, the workflow,
    the pre-commit config and ``.vscode/`` go to the root, where GitHub, pre-commit and VS Code
    look, told the project's folder. The files are written beside their places first and linked
    in only when all of them are complete.
    """
    _check_target(target)
    repository = repository_root(target)
    sub = target.absolute().relative_to(repository).as_posix() if repository else "."
    title = _title_from_folder(target)
    files = dict(
        placed(path, _fill(text, title=title, today=today), target, repository, sub, origin)
        for path, text in _starter_files()
    )
    files[target / CONFIG_SCHEMA_FILE] = (
        json.dumps(schema_document("config"), indent=2, ensure_ascii=False) + "\n"
    )
    has_content = (target / BRIEFS).is_dir()  # a project already: its briefs, not the examples
    left_alone = sorted(
        p for p in files if p.exists() or p.is_symlink() or (has_content and _inside(p, target / CONTENT))
    )
    missing = {p: text for p, text in files.items() if p not in left_alone}
    _write_missing(target, missing)
    return Initialised(sorted(missing), left_alone, repository if sub != "." else None, origin)


def new_brief(root: Path, title: str, *, today: date, slug: str | None = None) -> Path:
    """Write a new brief titled ``title`` that asks every question, and return its path."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(
            'the title is empty; say the problem in a few words, like "Refund replies for the Berlin team"'
        )
    if slug is None:
        slug = slugify(title)
        if slugify(f"{title} y") == "y":  # nothing in the title survives as ASCII; slugify fell back to "x"
            raise ScaffoldError(
                f"cannot make a file name from {title!r}; give one with --slug, like --slug refund-replies"
            )
    elif not re.fullmatch(SLUG_PATTERN, slug):
        raise ScaffoldError(
            f"--slug {slug!r} is not a slug: use lowercase letters, "
            "digits and single hyphens, like refund-replies"
        )
    folder = root / BRIEFS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    text = _fill(_starter_text("brief.md"), title=title, today=today)
    _create_exclusively(path, text)
    return path


def _check_target(target: Path) -> None:
    if target.is_symlink() or target.is_file():
        raise ScaffoldError(f"{target} is a file; give a folder")
    if not target.exists() and not target.parent.is_dir():
        raise ScaffoldError(
            f"{target.parent}: no such folder; create it first, or give a folder inside an existing one"
        )


def _write_missing(target: Path, files: dict[Path, str]) -> None:
    """Write ``files`` into a hidden staging folder, then link each into its place (a link never
    replaces a file that appeared meanwhile); on any failure remove whatever was made, so every
    folder is as it was."""
    made: list[Path] = []  # files and folders created, to remove on failure (last first)

    def make_folder(folder: Path) -> None:
        if not folder.exists():
            make_folder(folder.parent)
            folder.mkdir()
            made.append(folder)

    make_folder(target)
    staging = target / f".playbook-init-{os.getpid()}"
    try:
        staging.mkdir()
        staged = {}
        for number, (path, text) in enumerate(files.items()):
            staged[path] = staging / str(number)
            with open(staged[path], "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        for path, source in staged.items():
            make_folder(path.parent)
            try:
                os.link(source, path)
            except FileExistsError:
                raise ScaffoldError(
                    f"{path} appeared while the project was being written; nothing was changed"
                )
            made.append(path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for path in reversed(made):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _create_exclusively(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all, and never over an existing file."""
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; choose another title, or give a file name with --slug")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.link(temporary, path)  # fails if the path appeared meanwhile: never overwrites
    except FileExistsError:
        raise ScaffoldError(
            f"{path} already exists; choose another title, or give a file name with --slug"
        ) from None
    finally:
        temporary.unlink(missing_ok=True)


def _starter_files() -> list[tuple[str, str]]:
    """Return (project path, text) for every file of the starter project."""
    root = resources.files("playbook") / "starter" / "project"
    found: list[tuple[str, str]] = []

    def walk(folder, prefix: str) -> None:
        for entry in folder.iterdir():
            name = "." + entry.name[len("dot-") :] if entry.name.startswith("dot-") else entry.name
            if entry.is_dir():
                walk(entry, f"{prefix}{name}/")
            elif not entry.name.endswith((".pyc", "~")):
                found.append((prefix + name, entry.read_text(encoding="utf-8")))

    walk(root, "")
    return sorted(found)


def _starter_text(name: str) -> str:
    return (resources.files("playbook") / "starter" / name).read_text(encoding="utf-8")


def _fill(text: str, *, title: str, today: date) -> str:
    return (
        text.replace("@TITLE_YAML@", yaml_text(title))
        .replace("@TITLE@", title)
        .replace("@TODAY@", today.isoformat())
        .replace("@VERSION@", __version__)
    )


def _title_from_folder(target: Path) -> str:
    words = re.sub(r"[-_.]+", " ", target.resolve().name).strip()
    return (words[:1].upper() + words[1:]) if words else "Our AI playbook"


def _inside(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder)
