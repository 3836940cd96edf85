"""Turning diagnostics and rankings into text, JSON and GitHub annotations. Only the CLI prints them."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import IO, Sequence

from playbook.analysis.project import Analysis
from playbook.analysis.ranking import Ranking, explain_unranked
from playbook.analysis.slices import describe_slices
from playbook.diagnostics import Diagnostic, Severity, Summary, failing
from playbook.lazyregex import regex
from playbook.load.source import MAX_FILE_BYTES

COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36", Severity.ACCEPTED: "32"}
# What must never reach a terminal or a log raw: a file name or a source line can hold escape
# sequences that clear the screen or retitle the window, and line breaks that forge output.
UNPRINTABLE = regex(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Return ``text`` safe to print: control characters and bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates) written as escapes such as ``\\x1b``."""
    if text.isprintable():
        return text
    text = (
        text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        if _has_surrogates(text)
        else text
    )
    return UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _shown_line(line: str) -> str:
    """Return a source line to print under its diagnostic: one mark per unprintable character, so
    the caret below still points at the right column."""
    return UNPRINTABLE.sub("\ufffd", line.expandtabs(1))


class Style:
    """ANSI styling that vanishes when colour is off."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled and text else text


def colour_wanted(stream: IO, choice: str = "auto") -> bool:
    """Return whether to colour ``stream``: always, never, or on a terminal unless NO_COLOR is set."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def format_text(analysis: Analysis, diagnostics: list[Diagnostic], style: Style, drafts: bool = False) -> str:
    """Return diagnostics as a compiler prints them, then a one-line summary (``drafts``: the
    drafts are built, so their findings count)."""
    return format_diagnostics(analysis.root, diagnostics, style) + summary_line(
        analysis, diagnostics, style, drafts
    )


def format_diagnostics(root: Path, diagnostics: Sequence[Diagnostic], style: Style) -> str:
    """Return diagnostics as a compiler prints them: location, severity, code, message, the source
    line with a caret under the value, and the fix; each followed by a blank line."""
    out: list[str] = []
    lines_of = _SourceLines(root)
    for d in diagnostics:
        where = style(f"{printable(d.path)}:{d.line}:{d.column}:", "1") + " " if d.path else ""
        severity = style(d.severity.label, "1;" + COLOURS[d.severity])
        draft = style(" (draft)", "2") if d.draft else ""
        out.append(f"{where}{severity} {style(d.code, '1')} {d.name}{draft}: {printable(d.message)}")
        source = lines_of.get(d.path, d.line) if d.path else None
        if source is not None:
            gutter = len(str(d.line))
            visible = _shown_line(source)
            out.append(f" {d.line} | {visible}")
            caret = "^" * max(
                1, min(d.length, len(visible) - d.column + 1, 60)
            )  # a long value: mark its start
            out.append(f" {' ' * gutter} | {' ' * (d.column - 1)}{style(caret, COLOURS[d.severity])}")
        if d.severity == Severity.ACCEPTED:
            out.append(f" {style('= accepted:', '1')} {printable(d.reason)}")
        elif d.hint:
            out.append(f" {style('= hint:', '1')} {printable(d.hint)}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def format_failing(
    analysis: Analysis,
    diagnostics: list[Diagnostic],
    style: Style,
    strict: bool = False,
    drafts: bool = False,
) -> str:
    """Return what ``-q`` prints: only the diagnostics that fail the run (errors; warnings too
    when ``strict``; a draft's only when ``drafts`` are built) and the summary, or nothing when
    none fails. check and build share it."""
    failing_ones = failing(diagnostics, strict=strict, drafts=drafts)
    if not failing_ones:
        return ""
    return format_diagnostics(analysis.root, failing_ones, style) + summary_line(
        analysis, diagnostics, style, drafts
    )


def summary_line(
    analysis: Analysis, diagnostics: list[Diagnostic], style: Style, drafts: bool = False
) -> str:
    """Return the one line that counts the findings; a draft's are counted apart, as not
    counted, unless ``drafts`` are built."""
    s = Summary.of(analysis.brief_files, diagnostics, drafts)
    counts = _counts(s.errors, s.warnings, s.infos)
    if s.accepted:
        counts.append(f"{s.accepted} accepted")
    briefs = f"{s.briefs} brief{'s' if s.briefs != 1 else ''}"
    if not diagnostics:
        return style(f"✓ {briefs} checked: no problems", "1;32")
    mark = style("✗", "1;31") if s.errors else style("!", "1;33") if s.warnings else style("✓", "1;32")
    apart = _counts(*s.in_drafts, only_some=True)
    in_drafts = f"; in drafts, not counted: {', '.join(apart)}" if apart else ""
    return f"{mark} {briefs} checked: {', '.join(counts)}{in_drafts}"


def _counts(errors: int, warnings: int, infos: int, only_some: bool = False) -> list[str]:
    """Return "2 errors", "1 warning", "0 infos"; ``only_some``: leave out the noughts."""
    return [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((errors, "error"), (warnings, "warning"), (infos, "info"))
        if n or not only_some
    ]


def format_json(analysis: Analysis, diagnostics: list[Diagnostic], drafts: bool = False) -> str:
    """Return the ``check --format json`` document of DESIGN §7: a draft's findings carry
    ``"draft": true`` and are counted apart (``summary.in_drafts``) unless ``drafts`` are built."""
    return json.dumps(
        {
            "diagnostics": [_json(d) for d in diagnostics],
            "summary": Summary.of(analysis.brief_files, diagnostics, drafts).to_json(),
        },
        indent=2,
        ensure_ascii=False,
    )


def _json(d: Diagnostic) -> dict:
    found = {**d.to_json(), "path": printable(d.path), "message": printable(d.message)}
    if "reason" in found:
        found["reason"] = printable(d.reason)
    return found


def format_github(diagnostics: list[Diagnostic], drafts: bool = False) -> str:
    """Return one GitHub Actions workflow command per diagnostic; an accepted finding is a notice
    that says so, with its reason; a draft's error is a warning that says it is in a draft, unless
    ``drafts`` are built (a red annotation on a check that passed would say the opposite)."""
    kinds = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
        Severity.ACCEPTED: "notice",
    }
    shown = {
        d: Severity.WARNING if d.severity == Severity.ERROR and not d.counts(drafts) else d.severity
        for d in diagnostics
    }
    return "\n".join(
        f"::{kinds[shown[d]]} "
        f"file={_gh(printable(d.path), True)},line={d.line},col={d.column},"
        f"title={d.code} {d.name}{' (accepted)' if d.severity == Severity.ACCEPTED else ''}"
        f"{' (draft)' if d.draft else ''}"
        f"::{_gh(printable(_github_message(d)))}"
        for d in diagnostics
    )


def _github_message(d: Diagnostic) -> str:
    return f"{d.message} (accepted: {d.reason})" if d.severity == Severity.ACCEPTED else d.message


def _gh(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


class _SourceLines:
    """Reads a file's lines once, only for files that have diagnostics."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, list[str] | None] = {}

    def get(self, path: str, line: int) -> str | None:
        if path not in self.cache:
            try:
                status = os.stat(self.root / path)
                if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                    raise OSError("not a file to quote from")  # a FIFO would block the report forever
                text = (self.root / path).read_bytes().decode("utf-8-sig")
                self.cache[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            except (OSError, UnicodeDecodeError):
                self.cache[path] = None
        lines = self.cache[path]
        if lines is None or not 1 <= line <= len(lines) or len(lines[line - 1]) > 300:
            return None
        return lines[line - 1]


def format_ranking(analysis: Analysis, ranking: Ranking, style: Style, *, why: bool, width: int = 0) -> str:
    """Return ``ranking`` (of ``analysis``) as an aligned table, tiers separated, unranked briefs
    after; titles fit ``width`` if given."""
    width = width or 10_000
    header = (
        f"{'#':>3}  {'score':>5}  {'pain':>4}  {'compl':>5}  {'needs':>5}  {'model':>5}  {'low':>5}  "
        f"{'cases':>6}  {'fit':>6}  {'proof':<8}  {'status':<9}  brief"
    )
    fixed = len(header) - len("brief")
    lines = [style(analysis.config.title, "1"), ""]
    tier = None
    for e in ranking.ranked:
        m = e.metrics
        if m.tier != tier:
            tier = m.tier
            label = (
                "Ready: today's model is good enough"
                if tier == "ready"
                else "Model gap: waiting on a better model"
            )
            lines += ([""] if len(lines) > 2 else []) + [
                style(label, "1;32" if tier == "ready" else "1;33"),
                style(header, "2"),
            ]
        title = _clip(e.brief.title, max(20, width - fixed))
        fit = style(f"{m.fit:+.2f}", "32" if m.fit >= 0 else "33")
        low = f"{m.accuracy_low:>5.2f}" if m.accuracy_low is not None else f"{'–':>5}"
        cases = f"{m.samples:>6,}" if m.samples is not None else f"{'–':>6}"
        proof = PROOF[m.verdict] if not m.within_noise else "noise"
        lines.append(
            f"{e.rank:>3}  {m.score:>5.1f}  {m.pain:>4g}  {m.completeness:>5.2f}  "
            f"{m.required_accuracy:>5.2f}  "
            f"{m.model_accuracy:>5.2f}  {low}  {cases}  {fit}  "
            f"{style(f'{proof:<8}', PROOF_COLOURS.get(proof, '2'))}  "
            f"{e.brief.status:<9}  {title}"
        )
        if why:
            lines.append(style(f"{'':>5}{e.why}", "2"))
            if m.slices:
                lines.append(
                    style(f"{'':>5}{describe_slices(e.brief.model.eval_slice, m.slices, m.confidence)}", "2")
                )
    if not ranking.ranked:
        lines.append("No ranked briefs yet.")
    if ranking.unranked:
        lines += ["", style("Not ranked", "1")]
        for brief in ranking.unranked:
            lines.append(f"{'':>5}{brief.status:<9}  {_clip(brief.title, max(20, width - 16))}")
            if why:
                lines.append(style(f"{'':>5}{explain_unranked(brief)}", "2"))
    return "\n".join(lines)


# The verdict in the ranking's proof column: "noise" is a gap the measurement cannot yet tell from none.
PROOF = {"proven": "proven", "unproven": "unproven", "unsized": "no cases", "gap": "gap"}
PROOF_COLOURS = {"proven": "32", "unproven": "33", "noise": "33"}


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
