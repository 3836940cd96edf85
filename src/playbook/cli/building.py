"""The commands that render: build (with its progress bar) and serve."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import IO

from playbook.analysis.project import Analysis, build_date
from playbook.cli.analysing import analyse, note_cache_problem, note_no_briefs, project_root
from playbook.cli.parser import CONTENT_ERRORS, OK, UsageError
from playbook.cli.report import Style, colour_wanted, format_diagnostics, format_text
from playbook.diagnostics import Severity
from playbook.layout import LOCAL_HOSTS, SITE
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
    errors = [d for d in analysis.diagnostics if d.severity == Severity.ERROR]
    if errors:
        print(format_text(analysis, list(analysis.diagnostics), style), file=stderr)
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
        print(format_text(analysis, list(analysis.diagnostics), style), file=stderr)
    bar = ProgressBar(stderr, started, quiet=args.verbosity < 0)
    bar.analysed(len(analysis.briefs))
    result = _build(analysis, target, output, args, stderr, bar)
    if result is None:
        return CONTENT_ERRORS
    if result.cache_problem != analysis.cache_problem:
        note_cache_problem(result.cache_problem, stderr)
    if args.verbosity >= 0:
        print(_built(analysis, result, output, time.perf_counter() - started), file=stdout)
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


def _built(analysis: Analysis, result: BuildResult, output: Path, seconds: float) -> str:
    """Return the line that says what a build made, how much it reused, and how long it took."""
    warnings = sum(d.severity == Severity.WARNING for d in analysis.diagnostics)
    accepted = sum(d.severity == Severity.ACCEPTED for d in analysis.diagnostics)
    written = result.pages - result.unchanged
    return (
        f"Built {_count(result.briefs, 'brief')} into {output}: {_count(result.pages, 'page')} "
        f"({written:,} written, {result.unchanged:,} unchanged), {_count(warnings, 'warning')}"
        f"{f', {accepted:,} accepted' if accepted else ''}, in {seconds:.2f} s"
    )


def _with_history(analysis, root: Path, since: str, stderr: IO, verbose: bool):
    """Return the analysis with the project's history since ``since``, for the site to show; when
    there is no history to read, the analysis as it was and one note saying why."""
    import dataclasses

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
    return dataclasses.replace(analysis, history=history)


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
    from playbook.serve.server import RebuildReport, serve_site  # the server's stack, only when serving

    root = project_root(args.dir)
    load_config(root)  # a bad config is a usage error before anything listens; the first build analyses
    build_date()  # so is a bad SOURCE_DATE_EPOCH
    style = Style(colour_wanted(stdout, args.color))
    if args.host not in LOCAL_HOSTS:
        print(
            style(
                f"warning: serving on {args.host}: anyone who can reach this address can read the playbook",
                "1;33",
            ),
            file=stderr,
        )

    def log_rebuild(report: RebuildReport) -> None:
        stamp = time.strftime("%H:%M:%S")
        if report.errors:
            print(format_diagnostics(root, report.errors, style), end="", file=stdout)
            count = len(report.errors)
            print(
                f"[{stamp}] {style(f'{count} error' + ('s' if count != 1 else ''), '1;31')} in "
                f"{report.milliseconds} ms; "
                "serving the last good build",
                file=stdout,
                flush=True,
            )
        elif args.verbosity >= 0:
            print(
                f"[{stamp}] {style('built', '1;32')} in {report.milliseconds} ms: {report.pages} pages, "
                f"{report.reloaded} file{'s' if report.reloaded != 1 else ''} read",
                file=stdout,
                flush=True,
            )

    def ready(url: str) -> None:
        print(f"Serving {root.resolve()} at {style(url, '1;4')} — Ctrl-C to stop", file=stdout, flush=True)
        if args.open:
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
        )
    except OSError as error:
        raise UsageError(
            f"playbook: cannot listen on {args.host}:{args.port}: {error.strerror or error}"
        ) from None
    except KeyboardInterrupt:
        print("Stopped.", file=stdout)
    return OK
