"""The language server: pygls over stdio. Every open brief, page and ``playbook.yaml`` is analysed
with the project it belongs to, from its unsaved buffer, a short pause after the last keystroke,
in the judge process (``judge``), so the server answers requests while a check runs; the
diagnostics of every open file of the project are published again after each analysis, since an
edit to one brief can break a link in another. Every request gets an answer (``protocol``): no
handler lets an exception out — a buffer the analysis cannot read is a diagnostic, and anything
else is logged and answered with null — and a request pygls cannot read gets a JSON-RPC error."""

from __future__ import annotations

import logging
from functools import wraps

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from playbook.layout import CONFIG_FILE
from playbook.lsp import features, navigating
from playbook.lsp.session import PlaybookServer

log = logging.getLogger("playbook.lsp")
server = PlaybookServer()


def guarded(function):
    """Log what a handler raises instead of letting it end the request with an internal error."""

    @wraps(function)
    def call(ls: PlaybookServer, params):
        try:
            return function(ls, params)
        except JsonRpcException:  # an answer of its own: a request refused, with the reason
            raise
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


@server.feature(
    types.WORKSPACE_DID_RENAME_FILES,
    types.FileOperationRegistrationOptions(
        [types.FileOperationFilter(types.FileOperationPattern("**/*.{md,yaml}"), scheme="file")]
    ),
)
@guarded
def did_rename_files(ls: PlaybookServer, params: types.RenameFilesParams) -> None:
    # A renamed brief is a new file to list: check its project's folders again.
    for project in {
        located[0] for rename in params.files if (located := ls.locate(rename.new_uri)) is not None
    }:
        ls.schedule(project, None)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "[", "-", ","])
)
@guarded
def completion(ls: PlaybookServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = ls.cursor(params)
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
    found = ls.cursor(params)
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
    found = ls.document(params.text_document.uri)
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


for method, options, function in navigating.FEATURES:
    server.feature(method, options)(guarded(function))


def run() -> None:
    """Serve the protocol over stdin and stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="playbook lsp: %(message)s")
    server.judge.start()  # its imports overlap the editor's handshake
    try:
        server.start_io()
    finally:
        server.judge.close()
