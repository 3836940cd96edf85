"""Where ``playbook init`` puts each starter file, and what it says in it there.

A project is often a folder of a bigger repository (``docs/playbook``). GitHub reads workflows only
from the repository's ``.github/workflows/``, pre-commit reads ``.pre-commit-config.yaml`` only at
the root and VS Code reads ``.vscode/`` only in the folder it opened, so those files go to the
repository's root and are told the project's folder. The CI install and the pre-commit hook's
come from how the running playbook was installed (``origin.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from msgspec import Struct

from playbook.cli.origin import INSTEAD, Origin

AT_ROOT = (".github/", ".vscode/", ".pre-commit-config.yaml")  # read only at a repository's root


class Initialised(Struct, frozen=True):
    """What ``init`` did: the files it wrote, the ones it left alone because they were there,
    the repository root it wrote some of them to (None: all are in the project) and the
    install it wrote into the workflow."""

    written: list[Path]
    left_alone: list[Path]
    repository: Path | None
    origin: Origin


def repository_root(target: Path) -> Path | None:
    """Return the git repository ``target`` is (or will be) in: the nearest folder at or above it
    with a ``.git`` (a folder, or a file in a worktree or submodule); None outside git."""
    start = target.absolute()
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def placed(path: str, text: str, target: Path, repository: Path | None, sub: str, origin: Origin):
    """Return ``(where, text)`` for the starter file ``path``: in the project, or at the
    repository's root when it is read only there and the project is the folder ``sub`` of it."""
    at_root = repository is not None and sub != "." and path.startswith(AT_ROOT)
    if path == ".github/workflows/playbook.yml":
        text = _workflow(text, sub if at_root else ".", origin)
    elif path == ".pre-commit-config.yaml":
        text = _pre_commit(text, sub if at_root else ".", origin)
    elif at_root and path in (".vscode/settings.json", ".vscode/tasks.json"):
        text = _vscode(path, text, sub)
    return ((repository if at_root else target) / path), text


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _workflow(text: str, sub: str, origin: Origin) -> str:
    note = (
        "".join(f"  # {line}\n" for line in _wrap(f"It is empty because {origin.why}: set it to {INSTEAD}."))
        if origin.why
        else ""
    )
    folder = f"{_yaml(sub)}  # the playbook's folder in this repository"
    defaults = f"\ndefaults:\n  run:\n    working-directory: {folder}\n" if sub != "." else ""
    return (
        text.replace("@PLAYBOOK_NOTE@", note)
        .replace("@PLAYBOOK@", _yaml(origin.requirement))
        .replace("@RUN_DEFAULTS@", defaults)
        .replace("@SITE@", "site" if sub == "." else _yaml(f"{sub}/site"))
    )


def _pre_commit(text: str, sub: str, origin: Origin) -> str:
    folder = "" if sub == "." else f" {sub}"
    if origin.requirement:
        hook = (
            f"        entry: playbook check --no-cache -q{folder}\n        language: python\n"
            f"        additional_dependencies: [{_yaml(origin.requirement)}]"
        )
    else:  # a hook that fails with the instruction, rather than one that installs another playbook
        why = _yaml(
            f"{origin.why}: in .pre-commit-config.yaml, make this hook language: python with "
            f"additional_dependencies: [{INSTEAD}]"
        )
        hook = f"        entry: {why}\n        language: fail"
    prefix = "" if sub == "." else re.escape(sub) + "/"
    return text.replace("@HOOK@", hook).replace("@PREFIX@", prefix)


def _vscode(path: str, text: str, sub: str) -> str:
    """Return a VS Code file opened at the repository's root, told the project is in ``sub``."""
    data = json.loads(text)
    if path.endswith("settings.json"):
        data["yaml.schemas"] = {f"{sub}/{k}": f"{sub}/{v}" for k, v in data["yaml.schemas"].items()}
    else:
        for task in data["tasks"]:
            task["options"] = {"cwd": f"${{workspaceFolder}}/{sub}"}
            matcher = task.get("problemMatcher")
            if isinstance(matcher, dict):
                matcher["fileLocation"] = ["relative", f"${{workspaceFolder}}/{sub}"]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _wrap(text: str, width: int = 94) -> list[str]:
    lines = [""]
    for word in text.split():
        lines[-1:] = (
            [f"{lines[-1]} {word}".strip()] if len(lines[-1]) + len(word) < width else [lines[-1], word]
        )
    return lines
