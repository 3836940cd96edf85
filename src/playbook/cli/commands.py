"""The commands that analyse and print: check, rank, init, new, schema, completion."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
from pathlib import Path
from typing import IO

from playbook.analysis.project import build_date
from playbook.cli.analysing import analyse, note_no_briefs, project_root
from playbook.cli.explanations import find_rule, format_reasons, format_rule, format_rule_list
from playbook.cli.parser import CONTENT_ERRORS, OK, USAGE, UsageError, build_parser
from playbook.cli.report import (
    Style,
    colour_wanted,
    format_failing,
    format_github,
    format_json,
    format_ranking,
    format_text,
)
from playbook.cli.scaffold import ScaffoldError, init_project, new_brief, schema_document
from playbook.diagnostics import failing
from playbook.rules import RULES


def run_check(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    if args.explain is not None:
        return run_explain(args.explain, stdout)
    analysis = analyse(args.dir, stderr, cached=not args.no_cache)
    note_no_briefs(analysis, stderr)
    diagnostics = list(analysis.diagnostics)
    drafts = args.drafts
    failing_ones = failing(diagnostics, strict=args.strict, drafts=drafts)
    if args.format == "json":
        print(format_json(analysis, diagnostics, drafts), file=stdout)
    elif args.format == "sarif":
        from playbook.cli.sarif import format_sarif

        print(format_sarif(analysis.root, diagnostics), file=stdout)
    elif args.format == "github":
        if diagnostics:
            print(format_github(diagnostics, drafts), file=stdout)
    elif args.verbosity < 0:  # only what fails the run, and nothing at all when it passes
        style = Style(colour_wanted(stdout, args.color))
        quiet = format_failing(analysis, diagnostics, style, args.strict, drafts)
        if quiet:
            print(quiet, file=stdout)
    else:
        print(
            format_text(analysis, diagnostics, Style(colour_wanted(stdout, args.color)), drafts), file=stdout
        )
        if args.verbosity > 0 and diagnostics:
            print("\n" + format_reasons(dict.fromkeys(d.code for d in diagnostics)), file=stdout)
    return CONTENT_ERRORS if failing_ones else OK


def run_explain(query: str, stdout: IO) -> int:
    """Print one rule explained (by code or name), or every rule in a line each when ``query`` is empty."""
    if not query:
        print(format_rule_list(), file=stdout)
        return OK
    rule, suggestion = find_rule(query)
    if rule is None:
        raise UsageError(
            f"playbook: no rule {query!r}; "
            + (f"{suggestion} " if suggestion else "")
            + "'playbook check --explain' lists every rule"
        )
    print(format_rule(rule), file=stdout)
    return OK


def run_init(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    from playbook.cli.origin import playbook_origin

    target = Path(args.dir)
    try:
        done = init_project(target, today=build_date(), origin=playbook_origin())
    except ScaffoldError as error:
        raise UsageError(f"playbook: {error}") from None
    except OSError as error:
        raise UsageError(f"playbook: cannot write {target}: {error.strerror or error}") from None
    if done.origin.why:
        print(
            f"playbook: note: {done.origin.why}; the workflow and the pre-commit hook say so and fail "
            "until PLAYBOOK in .github/workflows/playbook.yml names the playbook to install",
            file=stderr,
        )
    if args.verbosity < 0:
        return OK
    shown = [os.path.relpath(path, target) for path in done.written]
    print(f"Created a playbook in {target}:" if done.written else f"Nothing to add in {target}.", file=stdout)
    print(*(f"  {path}" for path in shown), sep="\n", file=stdout) if shown else None
    if done.repository is not None:
        print(
            f"(.github/, .vscode/ and .pre-commit-config.yaml at the repository's root, {done.repository},"
            " where GitHub, VS Code and pre-commit read them)",
            file=stdout,
        )
    if done.left_alone:
        print("Left alone, as they were already there:", file=stdout)
        print(*(f"  {os.path.relpath(path, target)}" for path in done.left_alone), sep="\n", file=stdout)
    print("", "Next:", sep="\n", file=stdout)
    if target != Path("."):
        print(f"  cd {shlex.quote(str(target))}", file=stdout)
    print(
        "  playbook check                     # two examples are flagged on "
        "purpose; their text says why\n"
        '  playbook new "Your first problem"  # a brief that asks every question\n'
        "  playbook serve                     # preview at http://127.0.0.1:8000/ while you write\n"
        "README.md there says how to publish on GitHub Pages.",
        file=stdout,
    )
    return OK


def run_new(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    root = project_root(args.dir)
    try:
        path = new_brief(root, args.title, today=build_date(), slug=args.slug)
    except ScaffoldError as error:
        raise UsageError(f"playbook: {error}") from None
    except OSError as error:
        raise UsageError(f"playbook: cannot write the brief: {error.strerror or error}") from None
    print(path, file=stdout)
    if args.verbosity >= 0:
        print(
            "Answer the questions under each field; 'playbook check' lists what is still missing.",
            file=stderr,
        )
    return OK


def run_rank(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    analysis = analyse(args.dir, stderr)
    note_no_briefs(analysis, stderr)
    # Ranked as the site shows it: drafts only when they are built.
    ranking = analysis.ranking if args.drafts else analysis.published_ranking
    why = args.why or args.verbosity > 0
    if args.format == "json":
        print(
            json.dumps(
                {
                    "ranking": [
                        {
                            "rank": e.rank,
                            "slug": e.brief.slug,
                            "title": e.brief.title,
                            "status": e.brief.status,
                            "tier": e.metrics.tier,
                            "score": e.metrics.score,
                            "pain": e.metrics.pain,
                            "completeness": e.metrics.completeness,
                            "required_accuracy": e.metrics.required_accuracy,
                            "model_accuracy": e.metrics.model_accuracy,
                            "fit": e.metrics.fit,
                            **e.metrics.measured(),
                        }
                        for e in ranking.ranked
                    ],
                    "unranked": [
                        {"slug": b.slug, "title": b.title, "status": b.status} for b in ranking.unranked
                    ],
                },
                indent=2,
                ensure_ascii=False,
            ),
            file=stdout,
        )
    else:
        width = shutil.get_terminal_size().columns if hasattr(stdout, "isatty") and stdout.isatty() else 0
        print(
            format_ranking(analysis, ranking, Style(colour_wanted(stdout, args.color)), why=why, width=width),
            file=stdout,
        )
    errors = len(failing(analysis.diagnostics, drafts=args.drafts))
    if errors:
        print(
            f"playbook: the content has {errors} error{'s' if errors != 1 else ''}; "
            "briefs with errors may be missing above; run 'playbook check' for details",
            file=stderr,
        )
        return CONTENT_ERRORS
    return OK


def run_schema(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    print(json.dumps(schema_document(args.kind), indent=2, ensure_ascii=False), file=stdout)
    return OK


def run_diff(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    """Print what changed since a commit, a tag or a date, from the project's git history."""
    from playbook.analysis.history import HistoryError, project_history
    from playbook.cli.diff import changes_json, format_changes

    if args.ref is not None and args.since is not None:
        raise UsageError("playbook diff: give a REF or --since, not both")
    analysis = analyse(args.dir, stderr)
    try:
        history = project_history(project_root(args.dir), analysis, args.ref, args.since)
    except HistoryError as error:
        raise UsageError(f"playbook diff: {error}") from None
    if history.head is None:
        for note in history.notes:
            print(f"playbook diff: {note}", file=stderr)
        return USAGE
    if args.format == "json":
        print(json.dumps(changes_json(history), indent=2, ensure_ascii=False), file=stdout)
    else:
        print(format_changes(history, Style(colour_wanted(stdout, args.color))), file=stdout)
    return OK


def run_lsp(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    """Serve the Language Server Protocol over stdio; it needs the ``lsp`` extra (pygls)."""
    try:
        from playbook.lsp.handlers import run
    except ImportError as error:
        raise UsageError(
            f"playbook lsp needs the lsp extra ({error.name} is not installed): "
            "pip install 'opportunity-playbook[lsp]'"
        ) from None
    run()
    return OK


def run_completion(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    from playbook.cli.completion import render_completion

    print(render_completion(build_parser(), args.shell, sorted(RULES)), end="", file=stdout)
    return OK
