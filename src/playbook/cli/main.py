"""The command line: parse arguments, run a command, print, and pick the exit code. Nothing
else prints: the stages below return values and diagnostics."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
import threading
from pathlib import Path
from typing import IO, Sequence

from playbook.cli.parser import COMMANDS, OK, USAGE, UsageError, build_parser
from playbook.diagnostics import BuildDateError, ConfigError

__all__ = ["COMMANDS", "build_parser", "main"]
# Each command's module is imported when it runs: `playbook --version` and `check` never load
# the site, serve or language-server stacks.
RUNNERS = {
    "init": "commands",
    "new": "commands",
    "check": "commands",
    "rank": "commands",
    "diff": "commands",
    "build": "building",
    "serve": "building",
    "lsp": "commands",
    "schema": "commands",
    "completion": "commands",
}


# The commands that, run as a process of their own, do without the cyclic collector until they
# render: a build imports and analyses millions of small objects that live until it ends, and
# collecting among them found nothing (about 60 collections at 30 briefs, a twentieth of its
# time); site/build.py freezes them out of its reach and collects each chunk of pages' own
# cycles. Not serve or lsp, which run for hours, nor main() called in another process (tests).
ONE_SHOT = frozenset({"build"})


def _runner(command: str):
    return getattr(importlib.import_module(f"playbook.cli.{RUNNERS[command]}"), f"run_{command}")


class Terminated(KeyboardInterrupt):
    """SIGTERM (what `timeout`, a cancelled CI job and `docker stop` send), taken like Ctrl-C so
    that a build cleans up after itself rather than dying with its staging folder."""


def _terminate(signum, frame) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None, stdout: IO | None = None, stderr: IO | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = None
    try:
        with contextlib.redirect_stdout(stdout):  # --help and --version print through sys.stdout
            args = build_parser().parse_args(argv)
        # A command that is the process's whole life: its collector stays off, and build freezes
        # what it has read before rendering (cli/building.py reads this; tests calling main() do not).
        args.one_shot = argv is None and args.command in ONE_SHOT
        if args.one_shot:
            gc.disable()
        if args.command != "init" and hasattr(args, "dir"):  # init's DIR is a new folder, not a project
            from playbook.cli.analysing import locate_project

            args.dir = locate_project(args.dir, stderr, quiet=args.verbosity < 0)
        with _sigterm_as_interrupt():
            return _runner(args.command)(args, stdout, stderr)
    except UsageError as error:
        print(error, file=stderr)
        return USAGE
    except ConfigError as error:
        from playbook.cli.report import Style, colour_wanted, format_diagnostics

        root = Path(getattr(args, "dir", None) or ".")  # config errors come only after the arguments parsed
        print(format_diagnostics(root, error.diagnostics, Style(colour_wanted(stderr))), end="", file=stderr)
        print(
            f"playbook: the configuration is invalid ({len(error.diagnostics)} "
            f"problem{'s' if len(error.diagnostics) != 1 else ''})",
            file=stderr,
        )
        return USAGE
    except BuildDateError as error:
        print(f"playbook: {error}", file=stderr)
        return USAGE
    except Terminated:
        print("playbook: terminated", file=stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("playbook: interrupted", file=stderr)
        return 130
    except BrokenPipeError:  # `playbook rank | head`: the reader has all it wanted
        try:
            sys.stdout = open(os.devnull, "w")  # keep the interpreter from complaining at exit
        except OSError:
            pass
        return OK
    except SystemExit as exit_:  # --help and --version
        return int(exit_.code or 0)
