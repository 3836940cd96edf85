"""The navigation requests, wired to the protocol: go to definition, references, document and
workspace symbols, and rename. ``navigation`` and ``symbols`` find the places; here they become
the protocol's locations and edits, in the client's units. ``handlers`` registers :data:`FEATURES`."""

from __future__ import annotations

import os

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from playbook.layout import CONFIG_FILE, CONTENT
from playbook.load.source import decode_text, read_bytes
from playbook.lsp import navigation
from playbook.lsp.navigation import Place, Refusal
from playbook.lsp.outline import Outline, outline
from playbook.lsp.session import PlaybookServer
from playbook.lsp.symbols import document_symbols
from playbook.lsp.workspace import Project

REQUEST_FAILED = -32803  # the protocol's code for a request that is valid but cannot be done
RELIST = 1.0  # seconds after a rename that moves a file, if the editor sends nothing sooner


def _location(ls: PlaybookServer, project: Project, place: Place) -> types.Location:
    return types.Location(
        (project.root / place.path).as_uri(),
        ls.client_range(project, place.path, place.line, place.start, place.end, place.text),
    )


def _at_cursor(ls: PlaybookServer, params):
    """Return the request's project, document lines, cursor, the project's outlines and the
    document's own outline (as it is in the editor, even when not saved), or None."""
    found = ls.cursor(params)
    if found is None:
        return None
    project, path, document, lines, at = found
    outlines = ls.outlines(project)
    return project, lines, at, outlines, outlines.get(path) or outline(path, document.source)


def definition(ls: PlaybookServer, params: types.DefinitionParams) -> types.Location | None:
    """Go to the brief a ``[[slug]]`` or a ``related:`` entry names, or to ``model.eval``'s file."""
    found = _at_cursor(ls, params)
    if found is None:
        return None
    project, lines, at, outlines, here = found
    target = navigation.definition(outlines.values(), here, at.line, at.character)
    if target is not None:
        return _location(ls, project, target)
    named = navigation.eval_path(lines, at.line, at.character)
    evaluation = project.root / CONTENT / named if named else None
    if evaluation is not None and project.relative(evaluation) is not None and evaluation.is_file():
        return types.Location(evaluation.as_uri(), types.Range(types.Position(0, 0), types.Position(0, 0)))
    return None


def references(ls: PlaybookServer, params: types.ReferenceParams) -> list[types.Location] | None:
    """Who links to the brief: asked on a link, the linked brief's; anywhere else, this one's."""
    found = _at_cursor(ls, params)
    if found is None:
        return None
    project, _, at, outlines, here = found
    slug = navigation.subject(here, at.line, at.character)
    if slug is None:
        return None
    places = navigation.references(outlines.values(), slug, params.context.include_declaration)
    return [_location(ls, project, place) for place in places]


def symbols_of_document(ls: PlaybookServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    """The front matter's keys as a tree, then the body's sections."""
    found = ls.document(params.text_document.uri)
    if found is None:
        return []
    _, path, document = found
    symbols = document_symbols(document.lines, whole=path == CONFIG_FILE)
    codec, lines = document.position_codec, document.lines
    pending = list(symbols)
    while pending:
        symbol = pending.pop()
        symbol.range = codec.range_to_client_units(lines, symbol.range)
        symbol.selection_range = codec.range_to_client_units(lines, symbol.selection_range)
        pending.extend(symbol.children or ())
    return symbols


def symbols_of_workspace(
    ls: PlaybookServer, params: types.WorkspaceSymbolParams
) -> list[types.WorkspaceSymbol]:
    """Briefs by title, of every project open in the editor: the query in the title or slug first,
    then its letters in order."""
    found = []
    for project in ls.known_projects():
        for brief in navigation.symbols(ls.outlines(project).values(), params.query):
            found.append(
                types.WorkspaceSymbol(
                    name=brief.title or brief.slug,
                    kind=types.SymbolKind.File,
                    location=_location(ls, project, navigation.title_place(brief)),
                    container_name=brief.slug,
                )
            )
    return found


def _rename_target(
    ls: PlaybookServer, params: types.TextDocumentPositionParams
) -> tuple[Project, str, dict[str, Outline], tuple[str, tuple[int, int, int]]] | None:
    """Return the project, the path, the outlines and what a rename at the cursor renames."""
    found = ls.cursor(params)
    if found is None:
        return None
    project, path, document, _, at = found
    outlines = ls.outlines(project)
    here = outlines.get(path) or outline(path, document.source)
    try:
        target = navigation.rename_target(outlines.values(), here, at.line, at.character)
    except Refusal as why:
        raise JsonRpcException(str(why), REQUEST_FAILED) from None
    return None if target is None else (project, path, outlines, target)


def prepare_rename(ls: PlaybookServer, params: types.PrepareRenameParams) -> types.PrepareRenameResult | None:
    """The slug a rename here renames: on a link, or on a brief's ``title:`` or ``slug:`` line."""
    found = _rename_target(ls, params)
    if found is None:
        return None
    project, path, _, (slug, (line, start, end)) = found
    span = ls.client_range(project, path, line, start, end, None)
    return types.PrepareRenamePlaceholder(range=span, placeholder=slug)


def rename(ls: PlaybookServer, params: types.RenameParams) -> types.WorkspaceEdit:
    """Rename a brief's slug: every ``[[slug]]`` and ``related:`` that names it, and its file (or
    its explicit ``slug:``), as one edit."""
    found = _rename_target(ls, params)
    if found is None:
        raise JsonRpcException(
            "rename a brief from its title, its slug: line, or a link to it", REQUEST_FAILED
        )
    project, _, outlines, (old, _) = found
    _read_again(ls, project, outlines, old)
    try:
        plan = navigation.plan_rename(
            outlines.values(),
            old,
            params.new_name.strip(),
            lambda path: path in outlines or os.path.lexists(project.root / path),
        )
    except Refusal as why:
        raise JsonRpcException(str(why), REQUEST_FAILED) from None
    if plan.move is not None and not _renames_files(ls):
        raise JsonRpcException(
            f"this editor cannot rename files through a language server: rename {plan.move[0]} to "
            f"{plan.move[1]} and update its links by hand, or give the brief a slug: line",
            REQUEST_FAILED,
        )
    if plan.move is not None:
        # The folders are listed again at the next check, which the edit's changes bring on: an
        # editor need not say that it renamed the file (Neovim before 0.9 says nothing).
        ls.schedule(project, None, delay=RELIST)
    return _workspace_edit(ls, project, plan)


def _read_again(ls: PlaybookServer, project: Project, outlines: dict[str, Outline], old: str) -> None:
    """Outline again, from the disk, the closed files a rename of ``old`` edits: the last check
    may have read them before a change (a checkout, another editor), and an edit at a stale
    place would break the file rather than the link."""
    for path, each in list(outlines.items()):
        if (project.root / path).as_uri() in ls.workspace.text_documents:
            continue  # the buffer's outline is the one to edit
        if each.slug == old or any(mention.target == old for mention in each.mentions):
            data, _ = read_bytes(project.root, path)
            if data is None:  # gone since
                del outlines[path]
                continue
            text, unreadable = decode_text(data)
            outlines[path] = outline(path, "" if unreadable else text)


def _workspace_edit(ls: PlaybookServer, project: Project, plan: navigation.Rename) -> types.WorkspaceEdit:
    """Return ``plan`` as the protocol's edit: the text edits by file, then the file's rename."""
    changes: list[types.TextDocumentEdit | types.RenameFile] = []
    for path, places in plan.edits.items():
        uri = (project.root / path).as_uri()
        document = ls.workspace.text_documents.get(uri)
        edits = [
            types.TextEdit(ls.client_range(project, path, p.line, p.start, p.end, p.text), plan.new)
            for p in places
        ]
        version = document.version if document is not None else None
        changes.append(
            types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri, version), edits)
        )
    if plan.move is not None:  # after the edits, which name the file by its old address
        old_uri, new_uri = ((project.root / path).as_uri() for path in plan.move)
        changes.append(types.RenameFile(old_uri, new_uri, options=types.RenameFileOptions(overwrite=False)))
    return types.WorkspaceEdit(document_changes=changes)


def _renames_files(ls: PlaybookServer) -> bool:
    """Whether the client applies a file's rename in a workspace edit (LSP 3.13's resource
    operations; Neovim declares them without ``documentChanges``, and applies both)."""
    workspace = ls.client_capabilities.workspace
    edit = workspace.workspace_edit if workspace is not None else None
    return edit is not None and types.ResourceOperationKind.Rename in (edit.resource_operations or [])


FEATURES = (
    (types.TEXT_DOCUMENT_DEFINITION, None, definition),
    (types.TEXT_DOCUMENT_REFERENCES, None, references),
    (types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, None, symbols_of_document),
    (types.WORKSPACE_SYMBOL, None, symbols_of_workspace),
    (types.TEXT_DOCUMENT_PREPARE_RENAME, None, prepare_rename),
    (types.TEXT_DOCUMENT_RENAME, None, rename),
)
