"""The command line: parse arguments, run a phase, print, and pick the exit code. Nothing else prints."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import sys
import threading
import time
from pathlib import Path
from typing import IO, Sequence

from playbook import __version__
from playbook.config import BASE_URL, ConfigError, load_config
from playbook.diagnostics import Diagnostic, Severity
from playbook.output import OutputError, check_output
from playbook.project import Analysis, BuildDateError, analyse_project, build_date
from playbook.ranking import explain_unranked
from playbook.render import BuildError, build_site
from playbook.report import Style, colour_wanted, format_diagnostics, format_github, format_json, format_text, summary_line
from playbook.explanations import find_rule, format_reasons, format_rule, format_rule_list
from playbook.rules import RULES
from playbook.scaffold import ScaffoldError, init_project, new_brief, schema_document
from playbook.suggest import did_you_mean

OK, CONTENT_ERRORS, USAGE = 0, 1, 2


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


class UsageError(Exception):
    """Bad arguments or an unusable project folder: exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, and suggests the command that was meant."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if "required: command" in message:
            message = "a command is needed\n" + self.format_usage().strip() + "\nrun 'playbook --help' for the commands"
        if "invalid choice" in message and "argument command" in message:
            word = message.split("'")[1] if "'" in message else ""
            suggestion = did_you_mean(word, COMMANDS)
            message = f"unknown command {word!r}" + (f"; {suggestion}" if suggestion else "")
        if message.startswith("unrecognized arguments: "):
            word = message.split(": ", 1)[1].split()[0].split("=")[0]
            suggestion = did_you_mean(word, OPTIONS) if word.startswith("-") else ""
            message += f"; {suggestion}" if suggestion else ""
        raise UsageError(f"{self.prog}: {message}")


COMMANDS = ("init", "new", "check", "rank", "build", "serve", "schema", "completion")
OPTIONS: set[str] = set()  # every option of every command, for did-you-mean; filled by build_parser


def _base_url(text: str) -> str:
    if not BASE_URL.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL such as https://example.com/playbook/")
    return text


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


def build_parser() -> Parser:
    parser = Parser(prog="playbook", description="Lint, rank and publish opportunity briefs.",
                    formatter_class=argparse.RawDescriptionHelpFormatter,
                    epilog="examples:\n  playbook init my-playbook\n  playbook new \"Refund replies for the Berlin team\"\n"
                           "  playbook check\n  playbook check --explain PB202\n  playbook rank --format json\n"
                           "  playbook build -o public\n  playbook schema > brief.schema.json\n\n"
                           "'playbook COMMAND --help' shows a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"playbook {__version__}")
    _add_verbosity(parser, 0)
    commands = parser.add_subparsers(dest="command", metavar="command", required=True, parser_class=Parser)

    def command(name: str, help: str, examples: str) -> Parser:
        sub = commands.add_parser(name, help=help, description=help, formatter_class=argparse.RawDescriptionHelpFormatter,
                                  epilog="examples:\n" + examples)
        _add_verbosity(sub, argparse.SUPPRESS)  # so a -q given before the command is not reset after it
        return sub

    init = command("init", "Create a new playbook project: settings, three example briefs, CI and editor setup.",
                   "  playbook init my-playbook\n  mkdir team-playbook && cd team-playbook && git init && playbook init")
    init.add_argument("dir", nargs="?", default=".", help="a new or empty folder (default: .)")

    new = command("new", "Write a new brief that asks every question, at content/briefs/SLUG.md.",
                  "  playbook new \"Refund replies for the Berlin team\"\n  playbook new \"Mahnwesen für Kleinbetriebe\" my-playbook\n"
                  "  $EDITOR \"$(playbook new -q 'Invoice coding')\"")
    new.add_argument("title", help="the problem, in a few words; the file name is made from it")
    new.add_argument("dir", nargs="?", default=".", help="the project folder (default: .)")
    new.add_argument("--slug", help="the file name without .md, instead of one made from the title")

    check = command("check", "Check every brief against the criteria.",
                    "  playbook check\n  playbook check my-playbook --strict\n  playbook check --format github\n"
                    "  playbook check --explain PB202\n  playbook check -q   # only what fails")
    check.add_argument("dir", nargs="?", default=".", help="the project folder (default: .)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format (default: text)")
    check.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto)")
    check.add_argument("--no-cache", action="store_true", help="ignore and do not update .playbook-cache/")
    check.add_argument("--explain", nargs="?", const="", metavar="CODE",
                       help="say what a rule (PB202 or model-gap) asks and why, with examples; alone, list every rule")

    rank = command("rank", "Show the briefs ranked by tier, score, pain and title.",
                   "  playbook rank\n  playbook rank --why\n  playbook rank --format json")
    rank.add_argument("dir", nargs="?", default=".", help="the project folder (default: .)")
    rank.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    rank.add_argument("--why", action="store_true", help="explain each rank in one sentence")
    rank.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto)")

    build = command("build", "Build the playbook into a static site.",
                    "  playbook build\n  playbook build my-playbook -o public --base-url https://example.com/playbook/")
    build.add_argument("dir", nargs="?", default=".", help="the project folder (default: .)")
    build.add_argument("-o", "--output", help="the output folder (default: DIR/site)")
    build.add_argument("--base-url", type=_base_url, default=None,
                       help="where the site will be published (overrides base_url:); enables feed.xml and sitemap.xml")
    build.add_argument("--drafts", action="store_true", help="include briefs and pages marked draft: true")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not update .playbook-cache/")
    build.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto)")

    serve = command("serve", "Build, then serve the site with live reload while you edit.",
                    "  playbook serve\n  playbook serve my-playbook --port 0 --open\n  playbook serve --poll   # WSL, Docker, network drives")
    serve.add_argument("dir", nargs="?", default=".", help="the project folder (default: .)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument("--poll", action="store_true", help="poll for changes instead of using file-system events")
    serve.add_argument("--no-drafts", dest="drafts", action="store_false",
                       help="preview as published: leave out briefs and pages marked draft: true (shown, marked, by default)")
    serve.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto)")

    schema = command("schema", "Print the JSON Schema of brief front matter, for editors.",
                     "  playbook schema > .vscode/brief.schema.json\n  playbook schema config")
    schema.add_argument("kind", nargs="?", choices=("brief", "page", "config"), default="brief",
                        help="brief front matter (default), page front matter, or playbook.yaml")
    completion = command("completion", "Print a shell completion script for bash or zsh.",
                         "  playbook completion bash > ~/.local/share/bash-completion/completions/playbook\n"
                         "  source <(playbook completion zsh)   # in ~/.zshrc")
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell to complete in")
    OPTIONS.update(o for p in [parser, *commands.choices.values()] for a in p._actions for o in a.option_strings)
    return parser


def _add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=default,
                       help="print only what fails, or only what was asked for")
    group.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1, default=default,
                       help="print more: why each rule that fired matters, every warning of a build, each rank's reason")


def main(argv: Sequence[str] | None = None, stdout: IO | None = None, stderr: IO | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = None
    try:
        with contextlib.redirect_stdout(stdout):  # --help and --version print through sys.stdout
            args = build_parser().parse_args(argv)
        with _sigterm_as_interrupt():
            return RUNNERS[args.command](args, stdout, stderr)
    except UsageError as error:
        print(error, file=stderr)
        return USAGE
    except ConfigError as error:
        root = Path(getattr(args, "dir", "."))  # config errors come only after the arguments parsed
        print(format_diagnostics(root, error.diagnostics, Style(colour_wanted(stderr))), end="", file=stderr)
        print(f"playbook: the configuration is invalid ({len(error.diagnostics)} problem{'s' if len(error.diagnostics) != 1 else ''})", file=stderr)
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


def _analyse(directory: str, stderr: IO, *, cached: bool = False) -> Analysis:
    analysis = analyse_project(_project_root(directory), persistent=cached, jobs=os.cpu_count() or 1)
    _note_cache_problem(analysis.cache_problem, stderr)
    return analysis


def _note_cache_problem(problem: str, stderr: IO) -> None:
    if problem:
        print(f"playbook: warning: {problem}, so the cache was neither read nor written; delete it "
              "(it is always safe to) and the next run makes a new one", file=stderr)


def _project_root(directory: str) -> Path:
    """Return the project folder, or raise UsageError when it is not one."""
    root = Path(directory)
    if not root.exists():
        raise UsageError(f"playbook: {directory}: no such folder")
    if not root.is_dir():
        raise UsageError(f"playbook: {directory}: not a folder")
    if not (root / "content").is_dir() and not (root / "playbook.yaml").is_file():
        raise UsageError(f"playbook: {directory}: not a playbook project (no content/ folder or playbook.yaml); "
                         "'playbook init DIR' starts one")
    return root


def _note_no_briefs(analysis: Analysis, stderr: IO) -> None:
    """Say where briefs go when there are none, so "0 briefs checked" never passes unexplained."""
    if analysis.brief_files:
        return
    folder = analysis.root / "content" / "briefs"
    why = "content/briefs/ holds no .md files" if folder.is_dir() else "there is no content/briefs/ folder"
    print(f"playbook: no briefs: {why}; write one brief per problem as content/briefs/<slug>.md "
          "(see the README's 'Start a playbook')", file=stderr)


def _fails(diagnostics: Sequence[Diagnostic], strict: bool) -> bool:
    worst = max((d.severity for d in diagnostics), default=None)
    return worst is not None and (worst == Severity.ERROR or (strict and worst == Severity.WARNING))


def run_check(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    if args.explain is not None:
        return run_explain(args.explain, stdout)
    analysis = _analyse(args.dir, stderr, cached=not args.no_cache)
    _note_no_briefs(analysis, stderr)
    diagnostics = list(analysis.diagnostics)
    failed = _fails(diagnostics, args.strict)
    if args.format == "json":
        print(format_json(analysis, diagnostics), file=stdout)
    elif args.format == "github":
        if diagnostics:
            print(format_github(diagnostics), file=stdout)
    elif args.verbosity < 0:  # only what fails the run, and nothing at all when it passes
        style = Style(colour_wanted(stdout, args.color))
        failing = [d for d in diagnostics if d.severity == Severity.ERROR or (args.strict and d.severity == Severity.WARNING)]
        if failing:
            print(format_diagnostics(analysis.root, failing, style) + summary_line(analysis, diagnostics, style), file=stdout)
    else:
        print(format_text(analysis, diagnostics, Style(colour_wanted(stdout, args.color))), file=stdout)
        if args.verbosity > 0 and diagnostics:
            print("\n" + format_reasons(dict.fromkeys(d.code for d in diagnostics)), file=stdout)
    return CONTENT_ERRORS if failed else OK


def run_explain(query: str, stdout: IO) -> int:
    """Print one rule explained (by code or name), or every rule in a line each when ``query`` is empty."""
    if not query:
        print(format_rule_list(), file=stdout)
        return OK
    rule, suggestion = find_rule(query)
    if rule is None:
        raise UsageError(f"playbook: no rule {query!r}; " + (f"{suggestion} " if suggestion else "")
                         + "'playbook check --explain' lists every rule")
    print(format_rule(rule), file=stdout)
    return OK


def run_init(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    target = Path(args.dir)
    try:
        written = init_project(target, today=build_date())
    except ScaffoldError as error:
        raise UsageError(f"playbook: {error}") from None
    except OSError as error:
        raise UsageError(f"playbook: cannot write {target}: {error.strerror or error}") from None
    if args.verbosity >= 0:
        print(f"Created a playbook in {target}:", *(f"  {path}" for path in written), "", "Next:", sep="\n", file=stdout)
        if target != Path("."):
            print(f"  cd {shlex.quote(str(target))}", file=stdout)
        print("  playbook check                     # two examples are flagged on purpose; their text says why\n"
              "  playbook new \"Your first problem\"  # a brief that asks every question\n"
              "  playbook serve                     # preview at http://127.0.0.1:8000/ while you write\n"
              "README.md there says how to publish on GitHub Pages.", file=stdout)
    return OK


def run_new(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    root = _project_root(args.dir)
    try:
        path = new_brief(root, args.title, today=build_date(), slug=args.slug)
    except ScaffoldError as error:
        raise UsageError(f"playbook: {error}") from None
    except OSError as error:
        raise UsageError(f"playbook: cannot write the brief: {error.strerror or error}") from None
    print(path, file=stdout)
    if args.verbosity >= 0:
        print("Answer the questions under each field; 'playbook check' lists what is still missing.", file=stderr)
    return OK


def run_rank(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    analysis = _analyse(args.dir, stderr)
    _note_no_briefs(analysis, stderr)
    ranking = analysis.ranking
    why = args.why or args.verbosity > 0
    if args.format == "json":
        print(json.dumps({
            "ranking": [{
                "rank": e.rank, "slug": e.brief.slug, "title": e.brief.title, "status": e.brief.status,
                "tier": e.metrics.tier, "score": e.metrics.score, "pain": e.metrics.pain,
                "completeness": e.metrics.completeness, "required_accuracy": e.metrics.required_accuracy,
                "model_accuracy": e.metrics.model_accuracy, "fit": e.metrics.fit,
            } for e in ranking.ranked],
            "unranked": [{"slug": b.slug, "title": b.title, "status": b.status} for b in ranking.unranked],
        }, indent=2, ensure_ascii=False), file=stdout)
    else:
        width = shutil.get_terminal_size().columns if hasattr(stdout, "isatty") and stdout.isatty() else 0
        print(format_ranking(analysis, Style(colour_wanted(stdout, args.color)), why=why, width=width), file=stdout)
    errors = sum(d.severity == Severity.ERROR for d in analysis.diagnostics)
    if errors:
        print(f"playbook: the content has {errors} error{'s' if errors != 1 else ''}; "
              "briefs with errors may be missing above; run 'playbook check' for details", file=stderr)
        return CONTENT_ERRORS
    return OK


def format_ranking(analysis: Analysis, style: Style, *, why: bool, width: int = 0) -> str:
    """Return the ranking as an aligned table, tiers separated, unranked briefs after; titles fit ``width`` if given."""
    width = width or 10_000
    header = f"{'#':>3}  {'score':>5}  {'pain':>4}  {'compl':>5}  {'needs':>5}  {'model':>5}  {'fit':>6}  {'status':<9}  brief"
    fixed = len(header) - len("brief")
    lines = [style(analysis.config.title, "1"), ""]
    tier = None
    for e in analysis.ranking.ranked:
        m = e.metrics
        if m.tier != tier:
            tier = m.tier
            label = "Ready: today's model is good enough" if tier == "ready" else "Model gap: waiting on a better model"
            lines += ([""] if len(lines) > 2 else []) + [style(label, "1;32" if tier == "ready" else "1;33"), style(header, "2")]
        title = _clip(e.brief.title, max(20, width - fixed))
        fit = style(f"{m.fit:+.2f}", "32" if m.fit >= 0 else "33")
        lines.append(f"{e.rank:>3}  {m.score:>5.1f}  {m.pain:>4g}  {m.completeness:>5.2f}  {m.required_accuracy:>5.2f}  "
                     f"{m.model_accuracy:>5.2f}  {fit}  {e.brief.status:<9}  {title}")
        if why:
            lines.append(style(f"{'':>5}{e.why}", "2"))
    if not analysis.ranking.ranked:
        lines.append("No ranked briefs yet.")
    if analysis.ranking.unranked:
        lines += ["", style("Not ranked", "1")]
        for brief in analysis.ranking.unranked:
            lines.append(f"{'':>5}{brief.status:<9}  {_clip(brief.title, max(20, width - 16))}")
            if why:
                lines.append(style(f"{'':>5}{explain_unranked(brief)}", "2"))
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_schema(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    print(json.dumps(schema_document(args.kind), indent=2, ensure_ascii=False), file=stdout)
    return OK


def run_completion(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    from playbook.completion import render_bash

    prelude = "autoload -U +X bashcompinit && bashcompinit\n" if args.shell == "zsh" else ""
    print(prelude + render_bash(build_parser(), values={"--explain": list(RULES)}), end="", file=stdout)
    return OK


def run_build(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    started = time.perf_counter()
    root = Path(args.dir)
    output = Path(args.output) if args.output else root / "site"
    if root.is_dir():
        try:  # refuse a dangerous output before anything at all is read or written
            target = check_output(output, root)
        except OutputError as error:
            raise UsageError(f"playbook: {error}") from None
    analysis = _analyse(args.dir, stderr, cached=not args.no_cache)
    _note_no_briefs(analysis, stderr)
    errors = [d for d in analysis.diagnostics if d.severity == Severity.ERROR]
    if errors:
        print(format_text(analysis, list(analysis.diagnostics), Style(colour_wanted(stderr, args.color))), file=stderr)
        print(f"playbook: build failed: the content has {len(errors)} error{'s' if len(errors) != 1 else ''}; "
              f"{output} was left as it was", file=stderr)
        return CONTENT_ERRORS
    if args.verbosity > 0 and analysis.diagnostics:
        print(format_text(analysis, list(analysis.diagnostics), Style(colour_wanted(stderr, args.color))), file=stderr)
    bar = ProgressBar(stderr, started)
    try:
        result = build_site(analysis, target, base_url=args.base_url, include_drafts=args.drafts,
                            jobs=os.cpu_count() or 1, progress=bar.update, persistent=not args.no_cache)
    except BuildError as error:
        bar.clear()
        print(f"playbook: build failed: {error}; {output} was left as it was", file=stderr)
        return CONTENT_ERRORS
    except OSError as error:  # a full disk, a permission, a file gone: the writer kept the old site
        bar.clear()
        print(f"playbook: build failed: {_os_error(error)}; {output} was left as it was", file=stderr)
        return CONTENT_ERRORS
    bar.clear()
    if result.cache_problem != analysis.cache_problem:
        _note_cache_problem(result.cache_problem, stderr)
    warnings = sum(d.severity == Severity.WARNING for d in analysis.diagnostics)
    seconds = time.perf_counter() - started
    written = result.pages - result.unchanged
    if args.verbosity >= 0:
        print(f"Built {_count(result.briefs, 'brief')} into {output}: {_count(result.pages, 'page')} "
              f"({written:,} written, {result.unchanged:,} unchanged), {_count(warnings, 'warning')}, in {seconds:.2f} s", file=stdout)
    return OK


def _os_error(error: OSError) -> str:
    """Return an OSError as one line: what failed, on which file."""
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


class ProgressBar:
    """A one-line progress bar on a terminal, shown only once a build has taken over a second."""

    def __init__(self, stream: IO, started: float):
        self.stream = stream
        self.started = started
        self.enabled = hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"
        self.shown = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled or time.perf_counter() - self.started < 1.0:
            return
        width = 30
        filled = width * done // max(total, 1)
        self.stream.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} pages")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False


def run_serve(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    from playbook.serve import RebuildReport, serve_site

    root = _project_root(args.dir)
    load_config(root)  # a bad config is a usage error before anything listens; the first build analyses
    build_date()  # so is a bad SOURCE_DATE_EPOCH
    style = Style(colour_wanted(stdout, args.color))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(style(f"warning: serving on {args.host}: anyone who can reach this address can read the playbook", "1;33"), file=stderr)

    def log_rebuild(report: RebuildReport) -> None:
        stamp = time.strftime("%H:%M:%S")
        if report.errors:
            print(format_diagnostics(root, report.errors, style), end="", file=stdout)
            count = len(report.errors)
            print(f"[{stamp}] {style(f'{count} error' + ('s' if count != 1 else ''), '1;31')} in {report.milliseconds} ms; "
                  "serving the last good build", file=stdout, flush=True)
        elif args.verbosity >= 0:
            print(f"[{stamp}] {style('built', '1;32')} in {report.milliseconds} ms: {report.pages} pages, "
                  f"{report.reloaded} file{'s' if report.reloaded != 1 else ''} read", file=stdout, flush=True)

    def ready(url: str) -> None:
        print(f"Serving {root.resolve()} at {style(url, '1;4')} — Ctrl-C to stop", file=stdout, flush=True)
        if args.open:
            import webbrowser
            webbrowser.open(url)

    try:
        serve_site(root, host=args.host, port=args.port, include_drafts=args.drafts, poll=args.poll,
                   log_rebuild=log_rebuild, ready=ready)
    except OSError as error:
        raise UsageError(f"playbook: cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    except KeyboardInterrupt:
        print("Stopped.", file=stdout)
    return OK


RUNNERS = {"init": run_init, "new": run_new, "check": run_check, "rank": run_rank, "build": run_build, "serve": run_serve, "schema": run_schema, "completion": run_completion}
