"""The language server: pygls over stdio. Every open brief, page and ``playbook.yaml`` is analysed
with the project it belongs to, from its unsaved buffer, a short pause after the last keystroke,
in the judge process (``judge``), so the server answers requests while a check runs; the
diagnostics of every open file of the project are published again after each analysis, since an
edit to one brief can break a link in another. Every request gets an answer (``protocol``): no
handler lets an exception out — a buffer the analysis cannot read is a diagnostic, and anything
else is logged and answered with null — and a request pygls cannot read gets a JSON-RPC error."""

from __future__ import annotations

import asyncio
import logging
from functools import wraps
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from playbook import __version__
from playbook.layout import CONFIG_FILE
from playbook.lsp import features
from playbook.lsp.judge import Judge
from playbook.lsp.protocol import AnsweringProtocol, parse_error, strict_converter
from playbook.lsp.workspace import Project, project_root, to_protocol

DEBOUNCE = 0.25  # seconds after the last keystroke before the buffer is analysed
log = logging.getLogger("playbook.lsp")


class PlaybookServer(LanguageServer):
    """The projects open in the editor, and when each is analysed next."""

    def __init__(self):
        super().__init__(
            "playbook",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=AnsweringProtocol,
            converter_factory=strict_converter,
        )
        self.projects: dict[Path, Project] = {}
        self.pending: dict[Path, asyncio.TimerHandle] = {}
        self.changed: dict[Path, set[str] | None] = {}
        self.locks: dict[Path, asyncio.Lock] = {}
        self.judge = Judge()

    def report_server_error(self, error: Exception, source) -> None:
        # A message that is not JSON reaches here from pygls' reading loop (the source it names is
        # JsonRpcException); it has no id to answer, so JSON-RPC's parse error goes with id null.
        if source is not JsonRpcException or not parse_error(self.protocol, error):
            super().report_server_error(error, source)

    def locate(self, uri: str) -> tuple[Project, str] | None:
        """Return the project a document belongs to and its path in it, or None outside any project."""
        path = to_fs_path(uri)
        if path is None:
            return None
        root = project_root(Path(path))
        if root is None:
            return None
        project = self.projects.get(root) or self.projects.setdefault(root, Project(root))
        relative = project.relative(Path(path))
        return (project, relative) if relative is not None else None

    def open_documents(self, project: Project) -> dict[str, TextDocument]:
        found = {}
        for uri, document in self.workspace.text_documents.items():
            located = self.locate(uri)
            if located is not None and located[0] is project:
                found[located[1]] = document
        return found

    def schedule(self, project: Project, changed: str | None, delay: float = DEBOUNCE) -> None:
        """Analyse ``project`` after ``delay``, again if more changes come first; ``changed`` names
        the file that changed (None: anything may have)."""
        known = self.changed.get(project.root, set())
        self.changed[project.root] = None if changed is None or known is None else {*known, changed}
        waiting = self.pending.pop(project.root, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_event_loop()
        self.pending[project.root] = loop.call_later(
            delay, lambda: asyncio.ensure_future(self.refresh(project))
        )

    async def refresh(self, project: Project) -> None:
        self.judge.hurry()  # newer buffers wait for the check under way, if one runs
        lock = self.locks.setdefault(project.root, asyncio.Lock())
        async with lock:
            changed = self.changed.pop(project.root, None)
            documents = self.open_documents(project)
            versions = {path: (document.uri, document.version) for path, document in documents.items()}
            buffers = {path: document.source for path, document in documents.items()}
            judged = await self.judge.check(
                project.root, buffers, None if changed is None else sorted(changed)
            )
            if judged is None:
                return  # stopped for newer buffers, whose check comes next; or failed, and logged
            project.judged = judged
            for path, document in self.open_documents(project).items():
                if versions.get(path) != (document.uri, document.version):
                    # Opened or edited during the analysis: the next one, already scheduled, speaks for it.
                    continue
                found = judged.by_path.get(path, [])
                diagnostics = [
                    to_protocol(
                        d, document.uri, document.lines, document.position_codec, project.rule_link(d.code)
                    )
                    for d in found
                ]
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(document.uri, diagnostics, document.version)
                )


server = PlaybookServer()


def guarded(function):
    """Log what a handler raises instead of letting it end the request with an internal error."""

    @wraps(function)
    def call(ls: PlaybookServer, params):
        try:
            return function(ls, params)
        except Exception:
            log.exception("%s failed", function.__name__)
            return None

    return call


def _check_now(ls: PlaybookServer, uri: str) -> None:
    """Check the project of the document at ``uri`` again, at once."""
    located = ls.locate(uri)
    if located is not None:
        ls.schedule(located[0], located[1], delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(ls: PlaybookServer, params: types.DidOpenTextDocumentParams) -> None:
    _check_now(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded
def did_change(ls: PlaybookServer, params: types.DidChangeTextDocumentParams) -> None:
    located = ls.locate(params.text_document.uri)
    if located is not None:
        ls.schedule(located[0], None if located[1] == CONFIG_FILE else located[1])


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@guarded
def did_save(ls: PlaybookServer, params: types.DidSaveTextDocumentParams) -> None:
    _check_now(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def did_close(ls: PlaybookServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))
    _check_now(ls, params.text_document.uri)  # the file on disk stands again


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded
def did_change_files(ls: PlaybookServer, params: types.DidChangeWatchedFilesParams) -> None:
    for project in {
        located[0] for change in params.changes if (located := ls.locate(change.uri)) is not None
    }:
        ls.schedule(project, None)


def _document(ls: PlaybookServer, uri: str) -> tuple[Project, str, TextDocument] | None:
    located = ls.locate(uri)
    return (*located, ls.workspace.get_text_document(uri)) if located is not None else None


def _cursor(
    ls: PlaybookServer, params: types.TextDocumentPositionParams
) -> tuple[Project, str, TextDocument, list[str], types.Position] | None:
    """Return the project, the path and the document a request names, with its lines and the
    cursor in our units (the protocol counts UTF-16 units), or None outside a project."""
    found = _document(ls, params.text_document.uri)
    if found is None:
        return None
    project, path, document = found
    lines = document.lines
    return (
        project,
        path,
        document,
        lines,
        document.position_codec.position_from_client_units(lines, params.position),
    )


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "[", "-", ","])
)
@guarded
def completion(ls: PlaybookServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = _cursor(ls, params)
    if found is None:
        return None
    project, path, document, lines, at = found
    items = features.complete(project, path, lines, at.line, at.character)
    for item in items:
        if item.text_edit is not None:
            item.text_edit.range = document.position_codec.range_to_client_units(lines, item.text_edit.range)
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded
def hover(ls: PlaybookServer, params: types.HoverParams) -> types.Hover | None:
    found = _cursor(ls, params)
    if found is None:
        return None
    project, path, document, lines, at = found
    shown = features.hover(project, path, lines, at.line, at.character)
    if shown is None:
        return None
    text, start, end = shown
    span = document.position_codec.range_to_client_units(
        lines, types.Range(types.Position(at.line, start), types.Position(at.line, end))
    )
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), span)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
@guarded
def code_action(ls: PlaybookServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    found = _document(ls, params.text_document.uri)
    if found is None:
        return None
    _, path, document = found
    codec, lines = document.position_codec, document.lines
    ours = []
    for diagnostic in params.context.diagnostics:
        if (diagnostic.source or "").startswith("playbook"):
            diagnostic.range = codec.range_from_client_units(lines, diagnostic.range)
            ours.append(diagnostic)
    actions = features.code_actions(path, document.uri, lines, ours)
    for diagnostic in ours:  # the actions name these same objects
        diagnostic.range = codec.range_to_client_units(lines, diagnostic.range)
    for action in actions:
        for edits in (action.edit.changes or {}).values():
            for edit in edits:
                edit.range = codec.range_to_client_units(lines, edit.range)
    return actions


def run() -> None:
    """Serve the protocol over stdin and stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="playbook lsp: %(message)s")
    server.judge.start()  # its imports overlap the editor's handshake
    try:
        server.start_io()
    finally:
        server.judge.close()
