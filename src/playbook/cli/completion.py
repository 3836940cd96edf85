"""Shell completion for bash, zsh (with each command's and option's description) and fish,
generated from the argument parser itself by shtab, so it can never fall behind the commands and
options it completes."""

from __future__ import annotations

import argparse
import shlex
from typing import Sequence

import shtab

SHELLS = ("bash", "zsh", "fish")
FOLDERS = ("dir", "-o", "--output", "-C", "--dir")  # arguments that name a folder


def render_completion(parser: argparse.ArgumentParser, shell: str, rule_codes: Sequence[str]) -> str:
    """Return the ``shell`` script that completes ``parser``'s commands, options and values:
    choices, folders for a project or an output, and rule codes for ``--explain``."""
    for sub in _subcommands(parser).values():
        for action in sub._actions:
            names = action.option_strings or [action.dest]
            if any(name in FOLDERS for name in names):
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
            elif "--explain" in names:  # a word list, so completing never runs playbook
                action.complete = shtab.cmd("printf '%s\\n' " + shlex.join(rule_codes))  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)
