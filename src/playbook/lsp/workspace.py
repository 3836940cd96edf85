"""The workspace: a playbook project as the language server sees it. In the server, where it is
and what its last check said (:class:`Project`); in the judge process, the files on disk with the
editor's unsaved buffers laid over them, analysed the way ``check`` analyses them
(:class:`ProjectCheck`); and the diagnostics of each file turned into the protocol's, at the same
places."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from lsprotocol import types
from msgspec import Struct, field

from playbook.analysis.project import Analysis, analyse_project
from playbook.analysis.reuse import FileMemo, Loader
from playbook.analysis.slices import describe_slices
from playbook.diagnostics import Diagnostic, Severity
from playbook.layout import BRIEFS, CONFIG_FILE, CONTENT, is_project
from playbook.load.cache import Loaded
from playbook.load.config import Config, ConfigError, load_config
from playbook.load.content import Listing
from playbook.load.source import decode_text
from playbook.lsp.outline import Outline, outline

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.ACCEPTED: types.DiagnosticSeverity.Hint,
}
SUGGESTION = re.compile(r"did you mean '([^']*)'\?")
NO_NUMBERS = "The derived numbers show once the brief has no errors."


def project_root(path: Path) -> Path | None:
    """Return the playbook project ``path`` belongs to: the nearest folder above it with a
    ``playbook.yaml`` or a ``content/`` folder."""
    for folder in (path, *path.parents) if path.is_dir() else path.parents:
        if is_project(folder):
            return folder
    return None


class OverlayMemo(FileMemo):
    """The memo of loaded files, reading an open document from its buffer instead of the disk."""

    def __init__(self):
        super().__init__()
        self.buffers: dict[str, str] = {}  # project path -> the unsaved text
        self.outlines: dict[str, tuple[bytes, Outline]] = {}  # path -> (sha1 of its bytes, its outline)

    def sources(self, root: Path) -> Listing:
        listing = super().sources(root)
        listed = {*listing.briefs, *listing.pages}
        extra = [
            path
            for path in self.buffers
            if path.endswith(".md") and path.startswith(CONTENT + "/") and path not in listed
        ]
        if not extra:
            return listing
        # A new file, not saved yet.
        briefs = sorted(listing.briefs + [p for p in extra if str(PurePosixPath(p).parent) == BRIEFS])
        pages = sorted(listing.pages + [p for p in extra if str(PurePosixPath(p).parent) != BRIEFS])
        return Listing(briefs, pages, listing.skipped)

    def load(self, root: Path, path: str, loader: Loader) -> Loaded:
        text = self.buffers.get(path)
        if text is None:
            return super().load(root, path, loader)
        return self.load_bytes(root, path, text.encode("utf-8", "surrogatepass"), loader)

    def load_bytes(self, root: Path, path: str, data: bytes, loader: Loader) -> Loaded:
        # Outlined here, where the bytes pass: again only when they changed.
        result = super().load_bytes(root, path, data, loader)
        digest = self.files[path][0]
        if self.outlines.get(path, (None,))[0] != digest:
            text, unreadable = decode_text(data)
            self.outlines[path] = (digest, outline(path, "" if unreadable else text))
        return result

    def outlined(self, listing: Listing) -> dict[str, Outline]:
        """Return the outline of every brief and page listed that could be read, by path (the
        same object while the file's bytes are the same)."""
        paths = (*listing.briefs, *listing.pages)
        self.outlines = {
            path: self.outlines[path] for path in paths if path in self.outlines and path in self.files
        }
        return {path: entry[1] for path, entry in self.outlines.items()}


class Judged(Struct, frozen=True):
    """What one check of a project says, as the judge process sends it to the server: the findings
    of the files open in the editor, and what completion and hover show of the rest."""

    by_path: dict[str, list[Diagnostic]] = field(default_factory=dict)  # open file -> its findings
    briefs: tuple[tuple[str, str, str], ...] = ()  # (path, slug, title) of every brief that loaded
    numbers: dict[str, str] = field(default_factory=dict)  # open brief -> its derived numbers, for hover
    base_url: str | None = None
    weights: dict[str, dict[str, float]] = field(default_factory=dict)  # ranking tables, for completion
    # For navigation, the outlines of the briefs and pages that changed since the last answer
    # (all of them when ``fresh``), and the paths gone: sending all of them each time took a
    # second for 5,000 briefs, and unpickling them holds the server's loop.
    outlines: dict[str, Outline] = field(default_factory=dict)
    gone: tuple[str, ...] = ()
    fresh: bool = True


class Project:
    """One playbook project open in the editor: where it is, and what its last check said."""

    def __init__(self, root: Path):
        self.root = root
        self.judged = Judged()
        self.outlines: dict[str, Outline] = {}  # every brief and page by path, as last checked
        self.checked = False

    def learn(self, judged: Judged) -> None:
        """Keep what a check of the project found."""
        self.judged, self.checked = judged, True
        if judged.fresh:
            self.outlines = dict(judged.outlines)
        else:
            self.outlines.update(judged.outlines)
            for path in judged.gone:
                self.outlines.pop(path, None)

    def relative(self, path: Path) -> str | None:
        """Return ``path`` relative to the project, with forward slashes, or None if outside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def rule_link(self, code: str) -> str | None:
        """Return where rule ``code`` is explained: the published criteria page, or the built one."""
        if self.judged.base_url:
            return f"{self.judged.base_url.rstrip('/')}/criteria/#{code}"
        page = self.root / "site" / "criteria" / "index.html"
        return f"{page.as_uri()}#{code}" if page.is_file() else None


class ProjectCheck:
    """A project as the judge process checks it: the files on disk with the editor's buffers laid
    over them, analysed the way ``check`` analyses them, reusing what the last check loaded."""

    def __init__(self, root: Path):
        self.root = root
        self.memo = OverlayMemo()
        self.config = Config()  # the last configuration that read without an error
        self.told: dict[str, Outline] | None = None  # the outlines the server has; None: none yet

    def run(self, buffers: dict[str, str], changed: list[str] | None) -> Judged:
        """Check the project with ``buffers`` (the open files) over the disk; ``changed`` names the
        files that may differ from the last check (None: any)."""
        self.memo.buffers = buffers
        self.memo.suspects = None if changed is None else tuple(changed)
        by_path: dict[str, list[Diagnostic]] = {path: [] for path in buffers}
        try:
            self.config = load_config(self.root, buffers.get(CONFIG_FILE))
        except ConfigError as error:
            for d in error.diagnostics:
                by_path.setdefault(d.path, []).append(d)
        analysis = analyse_project(self.root, config=self.config, cache=self.memo)
        for d in analysis.diagnostics:
            if d.path in buffers:
                by_path.setdefault(d.path, []).append(d)
        briefs = tuple((brief.path, brief.slug, brief.title) for brief in analysis.briefs)
        numbers = {
            path: describe_numbers(analysis, path)
            for path in buffers
            if str(PurePosixPath(path).parent) == BRIEFS
        }
        ranking = self.config.ranking
        weights = {
            name: dict(getattr(ranking, name))
            for name in ("error_cost", "catchability", "emotional_state", "frequency")
        }  # plain dicts: the settings' read-only mappings do not cross to the server
        outlines = self.memo.outlined(self.memo.sources(self.root))
        told, self.told = self.told, outlines  # last: a check that fails tells the server nothing
        if told is None:
            return Judged(by_path, briefs, numbers, self.config.base_url, weights, outlines)
        changed = {path: each for path, each in outlines.items() if told.get(path) is not each}
        gone = tuple(path for path in told if path not in outlines)
        return Judged(by_path, briefs, numbers, self.config.base_url, weights, changed, gone, fresh=False)


def describe_numbers(analysis: Analysis, path: str) -> str:
    """Return what the analysis derived for the brief at ``path``: need, accuracy, fit, levers."""
    brief = next((b for b in analysis.briefs if b.path == path), None)
    if brief is None:
        return NO_NUMBERS
    m = analysis.metrics[brief.slug]
    how = (
        "set by hand"
        if m.required_given
        else (
            f"from error_cost {brief.good_enough.error_cost}, catchability "
            f"{brief.good_enough.catchability}, emotional_state {brief.good_enough.emotional_state}"
        )
    )
    measured = (
        f"on {m.samples:,} cases ({m.confidence:.0%}: {m.accuracy_low:.2f}–{m.accuracy_high:.2f})"
        if m.samples is not None
        else "on an unknown number of cases"
    )
    verdict = {
        "proven": "ready, proven",
        "unproven": "ready, not yet proven",
        "unsized": "ready",
        "gap": "model gap",
    }[m.verdict]
    if m.tier == "model-gap":
        verdict = "model gap"
    lines = [
        f"This workflow needs **{m.required_accuracy:.2f}** ({how}); "
        f"the model has **{m.model_accuracy:.2f}** {measured}; "
        f"fit **{m.fit:+.2f}**: {verdict}."
    ]
    levers = analysis.levers.get(brief.slug)
    if levers is not None:
        lines.append(levers.hint().capitalize() + ".")
    if m.slices:
        lines.append(describe_slices(brief.model.eval_slice, m.slices, m.confidence))
    return "\n\n".join(lines)


def to_protocol(d: Diagnostic, uri: str, lines: list[str], codec, link: str | None) -> types.Diagnostic:
    """Return diagnostic ``d`` as the protocol's, at the same place in the buffer's ``lines``."""
    line = min(max(d.line - 1, 0), max(len(lines) - 1, 0))
    text = lines[line].rstrip("\r\n") if lines else ""
    start = min(max(d.column - 1, 0), len(text))
    end = min(start + max(d.length, 1), len(text)) if text else start
    where = codec.range_to_client_units(
        lines or [""], types.Range(types.Position(line, start), types.Position(line, end))
    )
    message = d.message if d.severity != Severity.ACCEPTED else f"{d.message} (accepted: {d.reason})"
    if d.draft:  # shown as found, but it fails nothing while drafts are not built
        message += " (draft: fails no check or build until published)"
    found = SUGGESTION.search(d.hint) if d.hint else None
    related = (
        [types.DiagnosticRelatedInformation(types.Location(uri, where), f"fix: {d.hint}")] if d.hint else None
    )
    return types.Diagnostic(
        range=where,
        message=message,
        severity=SEVERITIES[d.severity],
        code=d.code,
        source=f"playbook {d.name}",
        code_description=types.CodeDescription(href=link) if link else None,
        related_information=related,
        data={
            "code": d.code,
            "hint": d.hint,
            "suggestion": d.fix or (found.group(1) if found else None),
            "severity": d.severity.label,
            "draft": d.draft,
        },
    )
