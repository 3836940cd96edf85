"""The command line's parser: every command and option, with help, examples and did-you-means."""

from __future__ import annotations

import argparse
from typing import Callable

from playbook import __version__
from playbook.layout import BASE_URL
from playbook.suggest import did_you_mean

# The exit codes of every command: fine, errors in the content (or a failed build), bad usage.
OK, CONTENT_ERRORS, USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or an unusable project folder: exit code 2 (USAGE)."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, and suggests the command or option that was meant
    (``options``: every option of every command, shared by the parser and its subparsers)."""

    def __init__(self, *args, options: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options if options is not None else set()

    def error(self, message: str) -> None:  # type: ignore[override]
        if "required: command" in message:
            message = (
                "a command is needed\n"
                + self.format_usage().strip()
                + "\nrun 'playbook --help' for the commands"
            )
        if "invalid choice" in message and "argument command" in message:
            word = message.split("'")[1] if "'" in message else ""
            suggestion = did_you_mean(word, COMMANDS)
            message = f"unknown command {word!r}" + (f"; {suggestion}" if suggestion else "")
        if message.startswith("unrecognized arguments: "):
            word = message.split(": ", 1)[1].split()[0].split("=")[0]
            suggestion = did_you_mean(word, self.options) if word.startswith("-") else ""
            message += f"; {suggestion}" if suggestion else ""
        raise UsageError(f"{self.prog}: {message}")


COMMANDS = ("init", "new", "check", "rank", "build", "serve", "diff", "lsp", "schema", "completion")

# Makes one command's parser: its name, what it does, and examples.
Command = Callable[[str, str, str], Parser]


def _base_url(text: str) -> str:
    if not BASE_URL.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http(s) URL such as https://example.com/playbook/"
        )
    return text


def _revision(text: str) -> str:
    # git would read a ref or a date that begins with '-' as an option (--output=FILE writes a file).
    if text.startswith("-"):
        raise argparse.ArgumentTypeError(f"{text!r} begins with '-': a tag, a commit or a date never does")
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
    """Return the command line's parser; its ``options`` name every option, for did-you-mean."""
    options: set[str] = set()
    parser = Parser(
        prog="playbook",
        options=options,
        description="Lint, rank and publish opportunity briefs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='examples:\n  playbook init my-playbook\n  playbook new "Refund replies for the Berlin team"\n'
        "  playbook check\n  playbook check --explain PB202\n  playbook rank --format json\n"
        "  playbook build -o public\n  playbook schema > brief.schema.json\n\n"
        "'playbook COMMAND --help' shows a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"playbook {__version__}")
    _add_verbosity(parser, 0)
    commands = parser.add_subparsers(dest="command", metavar="command", required=True, parser_class=Parser)

    def command(name: str, help: str, examples: str) -> Parser:
        sub = commands.add_parser(
            name,
            help=help,
            description=help,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            options=options,
            epilog="examples:\n" + examples,
        )
        _add_verbosity(sub, argparse.SUPPRESS)  # so a -q given before the command is not reset after it
        return sub

    for add in (
        _add_init,
        _add_new,
        _add_check,
        _add_rank,
        _add_build,
        _add_serve,
        _add_diff,
        _add_lsp,
        _add_schema,
        _add_completion,
    ):
        add(command)
    options.update(
        o for p in [parser, *commands.choices.values()] for a in p._actions for o in a.option_strings
    )
    return parser


def _add_init(command: Command) -> None:
    """The ``init`` command and its arguments."""
    init = command(
        "init",
        "Create a new playbook project: settings, three example briefs, CI and editor setup.",
        "  playbook init my-playbook\n  mkdir team-playbook && cd team-playbook && git init && playbook init",
    )
    init.add_argument("dir", nargs="?", default=".", help="a new or empty folder (default: .)")


def _add_new(command: Command) -> None:
    """The ``new`` command and its arguments."""
    new = command(
        "new",
        "Write a new brief that asks every question, at content/briefs/SLUG.md.",
        '  playbook new "Refund replies for the Berlin team"\n  playbook new "Mahnwesen für '
        'Kleinbetriebe" my-playbook\n'
        "  $EDITOR \"$(playbook new -q 'Invoice coding')\"",
    )
    new.add_argument("title", help="the problem, in a few words; the file name is made from it")
    _add_dir(new)
    new.add_argument("--slug", help="the file name without .md, instead of one made from the title")


def _add_check(command: Command) -> None:
    """The ``check`` command and its arguments."""
    check = command(
        "check",
        "Check every brief against the criteria.",
        "  playbook check\n  playbook check my-playbook --strict\n  playbook check --format github\n"
        "  playbook check --format sarif > playbook.sarif   # for GitHub code scanning\n"
        "  playbook check --explain PB202\n  playbook check -q   # only what fails",
    )
    _add_dir(check)
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="output format (default: text); sarif is SARIF 2.1.0, for GitHub code scanning",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    check.add_argument(
        "--drafts",
        action="store_true",
        help="count the findings in briefs and pages marked draft: true (shown, marked, and not counted "
        "by default), as build --drafts does",
    )
    _add_color(check)
    _add_no_cache(check)
    check.add_argument(
        "--explain",
        nargs="?",
        const="",
        metavar="CODE",
        help="say what a rule (PB202 or model-gap) asks and why, with examples; alone, list every rule",
    )


def _add_rank(command: Command) -> None:
    """The ``rank`` command and its arguments."""
    rank = command(
        "rank",
        "Show the briefs ranked by tier, score, pain and title.",
        "  playbook rank\n  playbook rank --why\n  playbook rank --format json",
    )
    _add_dir(rank)
    rank.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    rank.add_argument("--why", action="store_true", help="explain each rank in one sentence")
    rank.add_argument(
        "--drafts",
        action="store_true",
        help="rank the briefs marked draft: true too, as build --drafts shows them",
    )
    _add_color(rank)


def _add_build(command: Command) -> None:
    """The ``build`` command and its arguments."""
    build = command(
        "build",
        "Build the playbook into a static site.",
        "  playbook build\n  playbook build my-playbook -o public --base-url https://example.com/playbook/",
    )
    _add_dir(build)
    build.add_argument("-o", "--output", help="the output folder (default: DIR/site)")
    build.add_argument(
        "--since",
        metavar="REF",
        default=None,
        type=_revision,
        help="show what changed since REF (a tag, a commit, or a date such as 90.days): a Changes page, "
        "movement markers, accuracy over time (default: history.since in playbook.yaml)",
    )
    build.add_argument(
        "--base-url",
        type=_base_url,
        default=None,
        help="where the site will be published (overrides base_url:); enables feed.xml and sitemap.xml",
    )
    build.add_argument(
        "--drafts",
        action="store_true",
        help="include briefs and pages marked draft: true; their errors then fail the build",
    )
    _add_no_cache(build)
    _add_color(build)


def _add_serve(command: Command) -> None:
    """The ``serve`` command and its arguments."""
    serve = command(
        "serve",
        "Build, then serve the site with live reload while you edit.",
        "  playbook serve\n  playbook serve my-playbook -p 0 --open\n  playbook serve --poll   # "
        "WSL, Docker, network drives\n"
        "  playbook serve --host 0.0.0.0   # a phone on the LAN, by IP address or this machine's name\n"
        "  playbook serve --host 0.0.0.0 --allow-host .app.github.dev   # Codespaces",
    )
    _add_dir(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument(
        "-p", "--port", type=_port, default=8000, help="port to listen on; 0 picks a free one (default: 8000)"
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="answer requests for this host name too (repeatable; .example.com allows its subdomains); "
        "this machine's names and IP addresses are always answered",
    )
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument(
        "--poll", action="store_true", help="poll for changes instead of using file-system events"
    )
    serve.add_argument(
        "--no-drafts",
        dest="drafts",
        action="store_false",
        help="preview as published: leave out briefs and pages marked draft: "
        "true (shown, marked, by default)",
    )
    _add_color(serve)


def _add_diff(command: Command) -> None:
    """The ``diff`` command and its arguments."""
    diff = command(
        "diff",
        "Show what changed since the last review, from the project's git history.",
        "  playbook diff                 # since the last tag, or the last 90 days\n"
        "  playbook diff v0.3            # since a tag or a commit\n"
        "  playbook diff --since 30.days --format json",
    )
    diff.add_argument(
        "ref",
        nargs="?",
        type=_revision,
        help="the commit or tag to compare with (default: the last tag, else --since 90.days)",
    )
    diff.add_argument(
        "--since",
        metavar="WHEN",
        type=_revision,
        help="compare with the project as it was then: 90.days, 2026-09-01 (git's date syntax)",
    )
    diff.add_argument(
        "-C", "--dir", default=None, help="the project folder (default: the one the current folder is in)"
    )
    diff.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    _add_color(diff)


def _add_lsp(command: Command) -> None:
    """The ``lsp`` command and its arguments."""
    command(
        "lsp",
        "Run the language server over stdio, for editors: check's diagnostics as you type, completion, "
        "hover, quick fixes, and navigation: go to definition, references, symbols, rename of a slug.",
        "  playbook lsp   # started by the editor, which speaks LSP on its stdin and stdout\n"
        "  pip install 'opportunity-playbook[lsp]'   # what it needs",
    )


def _add_schema(command: Command) -> None:
    """The ``schema`` command and its arguments."""
    schema = command(
        "schema",
        "Print the JSON Schema of brief front matter, for editors.",
        "  playbook schema > .vscode/brief.schema.json\n  playbook schema config",
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("brief", "page", "config"),
        default="brief",
        help="brief front matter (default), page front matter, or playbook.yaml",
    )


def _add_completion(command: Command) -> None:
    """The ``completion`` command and its arguments."""
    completion = command(
        "completion",
        "Print a shell completion script for bash, zsh or fish.",
        "  playbook completion bash > ~/.local/share/bash-completion/completions/playbook\n"
        "  playbook completion zsh > ~/.zfunc/_playbook   # with fpath+=~/.zfunc before compinit\n"
        "  playbook completion fish > ~/.config/fish/completions/playbook.fish",
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell to complete in")


def _add_dir(sub: Parser) -> None:
    sub.add_argument(
        "dir", nargs="?", default=None, help="the project folder (default: the one the current folder is in)"
    )


def _add_color(sub: Parser) -> None:
    sub.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (default: auto)",
    )


def _add_no_cache(sub: Parser) -> None:
    sub.add_argument("--no-cache", action="store_true", help="ignore and do not update .playbook-cache/")


def _add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        dest="verbosity",
        action="store_const",
        const=-1,
        default=default,
        help="print only what fails, or only what was asked for",
    )
    group.add_argument(
        "-v",
        "--verbose",
        dest="verbosity",
        action="store_const",
        const=1,
        default=default,
        help="print more: why each rule that fired matters, every warning of a build, each rank's reason",
    )
