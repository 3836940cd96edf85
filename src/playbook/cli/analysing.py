"""Opening the project a command names and analysing it, with what the command line says on the
way: a folder that is not a project, a cache that was not used, a project without briefs. The
commands that analyse (``commands``) and the ones that render (``building``) share it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from playbook.analysis.project import Analysis, analyse_project
from playbook.cli.parser import UsageError
from playbook.layout import BRIEFS, find_project, is_project


def analyse(directory: str, stderr: IO, *, cached: bool = False) -> Analysis:
    """Return the analysis of the project in ``directory``, on every core, saying why its cache
    was not used (``cached``: use and update ``.playbook-cache/``)."""
    analysis = analyse_project(project_root(directory), persistent=cached, jobs=os.cpu_count() or 1)
    note_cache_problem(analysis.cache_problem, stderr)
    return analysis


def note_cache_problem(problem: str, stderr: IO) -> None:
    """Warn that ``.playbook-cache/`` was not used, and why (nothing when it was)."""
    if problem:
        print(f"playbook: warning: {problem}", file=stderr)


def project_root(directory: str) -> Path:
    """Return the project folder, or raise UsageError when it is not one."""
    root = Path(directory)
    if not root.exists():
        raise UsageError(f"playbook: {directory}: no such folder")
    if not root.is_dir():
        raise UsageError(f"playbook: {directory}: not a folder")
    if not is_project(root):
        raise UsageError(
            f"playbook: {directory}: not a playbook project (no content/ folder or playbook.yaml); "
            "'playbook init DIR' starts one"
        )
    return root


def locate_project(directory: str | None, stderr: IO, quiet: bool = False) -> str:
    """Return the project folder a command works on: ``directory`` when given, else the project
    the current folder is in, said on ``stderr`` when that is not the current folder itself."""
    if directory is not None:
        return directory
    here = Path.cwd()
    found = find_project(here, _home())
    if found is None:
        raise UsageError(
            f"playbook: {here}: not a playbook project, nor inside one (no playbook.yaml or "
            f"{BRIEFS}/ here or in a parent folder); 'playbook init DIR' starts one"
        )
    if found != here and not quiet:
        print(f"playbook: using the project in {found}", file=stderr)
    return "." if found == here else str(found)


def _home() -> Path | None:
    try:
        return Path.home()
    except RuntimeError:  # no HOME and no password entry: walk to the root
        return None


def note_no_briefs(analysis: Analysis, stderr: IO) -> None:
    """Say where briefs go when there are none, so "0 briefs checked" never passes unexplained."""
    if analysis.brief_files:
        return
    folder = analysis.root / BRIEFS
    why = f"{BRIEFS}/ holds no .md files" if folder.is_dir() else f"there is no {BRIEFS}/ folder"
    print(
        f"playbook: no briefs: {why}; write one brief per problem as content/briefs/<slug>.md "
        '(playbook new "<the problem>" writes one; see Getting started in the documentation)',
        file=stderr,
    )
