"""The commands that render: build (with its progress bar) and serve."""

from __future__ import annotations

import argparse
import errno
import os
import time
from pathlib import Path
from typing import IO

from playbook.analysis.project import Analysis, build_date
from playbook.cli.analysing import analyse, note_cache_problem, note_no_briefs, project_root
from playbook.cli.parser import CONTENT_ERRORS, OK, UsageError
from playbook.cli.report import Style, colour_wanted, format_diagnostics, format_failing, format_text
from playbook.diagnostics import Summary, failing
from playbook.layout import SITE
from playbook.load.config import load_config
from playbook.site.build import BuildResult, build_site
from playbook.site.output.writer import OutputError, check_output
from playbook.site.render.page import BuildError


def run_build(args: argparse.Namespace, stdout: IO, stderr: IO) -> int:
    started = time.perf_counter()
    root = Path(args.dir)
    output = Path(args.output) if args.output else root / SITE
    if root.is_dir():
        try:  # refuse a dangerous output before anything at all is read or written
            target = check_output(output, root)
        except OutputError as error:
            raise UsageError(f"playbook: {error}") from None
    analysis = analyse(args.dir, stderr, cached=not args.no_cache)
    note_no_briefs(analysis, stderr)
    style = Style(colour_wanted(stderr, args.color))
    errors = failing(analysis.diagnostics, drafts=args.drafts)
    if errors:  # under -q, only what fails, as check -q prints it
        if args.verbosity < 0:
            report = format_failing(analysis, list(analysis.diagnostics), style, drafts=args.drafts)
        else:
            report = format_text(analysis, list(analysis.diagnostics), style, args.drafts)
        print(report, file=stderr)
        print(
            f"playbook: build failed: the content has {len(errors)} error{'s' if len(errors) != 1 else ''}; "
            f"{output} was left as it was",
            file=stderr,
        )
        return CONTENT_ERRORS
    since = args.since or analysis.config.history.since
    if since:  # asked for on the command line, what the history cannot tell is said there too
        analysis = _with_history(
            analysis, Path(args.dir), since, stderr, verbose=bool(args.since) or args.verbosity > 0
        )
    if args.verbosity > 0 and analysis.diagnostics:
        print(format_text(analysis, list(analysis.diagnostics), style, args.drafts), file=stderr)
    bar = ProgressBar(stderr, started, quiet=args.verbosity < 0)
    bar.analysed(len(analysis.briefs))
    result = _build(analysis, target, output, args, stderr, bar)
    if result is None:
        return CONTENT_ERRORS
    if result.cache_problem != analysis.cache_problem:
        note_cache_problem(result.cache_problem, stderr)
    if args.verbosity >= 0:
        print(_built(analysis, result, output, time.perf_counter() - started, args.drafts), file=stdout)
    return OK


def _build(
    analysis: Analysis, target: Path, output: Path, args: argparse.Namespace, stderr: IO, bar: ProgressBar
) -> BuildResult | None:
    """Return what building the site into ``target`` did, or None when it failed (said on
    ``stderr``; the writer left the previous site as it was)."""
    try:
        return build_site(
            analysis,
            target,
            base_url=args.base_url,
            include_drafts=args.drafts,
            jobs=os.cpu_count() or 1,
            progress=bar.update,
            persistent=not args.no_cache,
            last=getattr(args, "one_shot", False),  # this build is the process's last (cli/main.py)
        )
    except BuildError as error:
        why = str(error)
    except OutputError as error:  # files appeared in the output during the build: it is left as it was
        raise UsageError(f"playbook: {error}") from None
    except OSError as error:  # a full disk, a permission, a file gone: the writer kept the old site
        why = _os_error(error)
    finally:
        bar.clear()
    print(f"playbook: build failed: {why}; {output} was left as it was", file=stderr)
    return None


def _built(analysis: Analysis, result: BuildResult, output: Path, seconds: float, drafts: bool) -> str:
    """Return the line that says what a build made, how much it reused, and how long it took; the
    findings in drafts left out of it are counted apart."""
    summary = Summary.of(analysis.brief_files, list(analysis.diagnostics), drafts)
    written = result.pages - result.unchanged
    in_drafts = sum(summary.in_drafts)
    left_out = f", {_count(in_drafts, 'finding')} in drafts left out" if in_drafts else ""
    return (
        f"Built {_count(result.briefs, 'brief')} into {output}: {_count(result.pages, 'page')} "
        f"({written:,} written, {result.unchanged:,} unchanged), {_count(summary.warnings, 'warning')}"
        f"{f', {summary.accepted:,} accepted' if summary.accepted else ''}"
        f"{left_out}, in {seconds:.2f} s"
    )


def _with_history(analysis, root: Path, since: str, stderr: IO, verbose: bool):
    """Return the analysis with the project's history since ``since``, for the site to show; when
    there is no history to read, the analysis as it was and one note saying why."""
    from msgspec.structs import replace

    from playbook.analysis.history import HistoryError, history_since

    try:
        history = history_since(root, analysis, since)
    except HistoryError as error:
        raise UsageError(f"playbook build: history: {error}") from None
    if (
        history.head is None
    ):  # a first day (no commit yet), no git, a damaged repository: never a failed build
        print(f"playbook: {'; '.join(history.notes)}; the site is built without history", file=stderr)
        return analysis
    for note in history.notes if verbose else ():
        print(f"playbook: history: {note}", file=stderr)
    return replace(analysis, history=history)


def _os_error(error: OSError) -> str:
    """Return an OSError as one line: what failed, on which file."""
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


class ProgressBar:
    """A build's progress, shown only once it has taken over a second: a one-line bar on a
    terminal; elsewhere (a CI log, a file) a plain line every few seconds, since a bar redrawn
    with carriage returns would be one unreadable line or thousands."""

    EVERY = 5.0  # seconds between two lines in a log

    def __init__(self, stream: IO, started: float, quiet: bool = False):
        self.stream = stream
        self.started = started
        self.terminal = hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"
        self.quiet = quiet
        self.shown = False
        self.logged = started  # when the last line went to a log

    def analysed(self, briefs: int) -> None:
        """In a log, say that the analysis is done, when it took over a second."""
        now = time.perf_counter()
        if not (self.quiet or self.terminal) and now - self.started >= 1.0:
            self.stream.write(f"playbook: analysed {briefs:,} briefs, {now - self.started:.0f} s\n")
            self.stream.flush()
            self.logged = now

    def update(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if self.quiet or now - self.started < 1.0:
            return
        if not self.terminal:
            if now - self.logged >= self.EVERY or (done == total and self.logged != self.started):
                percent = 100 * done // max(total, 1)
                self.stream.write(
                    f"playbook: rendered {done:,}/{total:,} pages ({percent}%), {now - self.started:.0f} s\n"
                )
                self.stream.flush()
                self.logged = now
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
    from playbook.serve.hosts import is_loopback  # the server's stack, only when serving
    from playbook.serve.server import RebuildReport, serve_site

    root = project_root(args.dir)
    load_config(root)  # a bad config is a usage error before anything listens; the first build analyses
    build_date()  # so is a bad SOURCE_DATE_EPOCH
    style = Style(colour_wanted(stdout, args.color))
    if not is_loopback(args.host):
        warning = f"warning: serving on {args.host}: anyone who can reach this address can read the playbook"
        print(style(warning, "1;33"), file=stderr)

    def log_rebuild(report: RebuildReport) -> None:
        print(rebuild_line(report, root, style, quiet=args.verbosity < 0), end="", file=stdout, flush=True)

    def ready(port: int) -> None:
        url = _print_addresses(root, args.host, port, style, stdout)
        if args.open and url:
            import webbrowser

            webbrowser.open(url)

    try:
        serve_site(
            root,
            host=args.host,
            port=args.port,
            include_drafts=args.drafts,
            poll=args.poll,
            log_rebuild=log_rebuild,
            ready=ready,
            allowed_hosts=args.allow_host,
        )
    except OSError as error:
        raise UsageError(_cannot_listen(args.host, args.port, error)) from None
    except KeyboardInterrupt:
        print("Stopped.", file=stdout)
    return OK


def rebuild_line(report, root: Path, style: Style, quiet: bool) -> str:
    """Return what serve prints after a rebuild (a RebuildReport): its errors, as check prints
    them, and one line that says what was served; nothing for a clean rebuild when ``quiet``."""
    stamp = time.strftime("%H:%M:%S")
    if not report.errors:
        read = _count(report.reloaded, "file")
        built = style("built", "1;32")
        return (
            ""
            if quiet
            else f"[{stamp}] {built} in {report.milliseconds} ms: {report.pages} pages, {read} read\n"
        )
    errors = style(_count(len(report.errors), "error"), "1;31")
    if report.message:  # the configuration or the theme: nothing new can be served
        line = f"[{stamp}] {errors} in {report.milliseconds} ms; serving the last good build"
    else:
        drafts = {error.path for error in report.errors if error.draft}
        files = ", ".join(f"{path} (a draft)" if path in drafts else path for path in report.left_out)
        line = (
            f"[{stamp}] {style('built', '1;32')} in {report.milliseconds} ms: {report.pages} pages; "
            f"{errors} in {files}, left out of the preview until fixed"
            + ("; --no-drafts previews as published" if drafts else "")
        )
    return format_diagnostics(root, report.errors, style) + line + "\n"


def _print_addresses(root: Path, host: str, port: int, style: Style, stdout: IO) -> str | None:
    """Print where the preview answers, as Vite does (Local, then Network), and return the URL to open."""
    from playbook.serve.hosts import is_loopback, preview_urls

    local, network = preview_urls(host, port)
    print(f"Serving {root.resolve()} — Ctrl-C to stop", file=stdout)
    if local:
        print(f"  Local:   {style(local, '1;4')}", file=stdout)
    for url in network:
        print(f"  Network: {style(url, '1;4')}", file=stdout)
    if is_loopback(host):
        print("  Network: use --host 0.0.0.0 to preview on another device", file=stdout)
    stdout.flush()
    return local or next(iter(network), None)


def _cannot_listen(host: str, port: int, error: OSError) -> str:
    """Return why the server could not listen, with the way out of a busy port."""
    if error.errno == errno.EADDRINUSE:
        busy = f"playbook: port {port} on {host} is busy (another 'playbook serve'?)"
        return f"{busy}; '--port 0' picks a free one"
    return f"playbook: cannot listen on {host}:{port}: {error.strerror or error}"
