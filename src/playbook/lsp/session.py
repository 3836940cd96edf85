"""The server's state: the projects open in the editor, when each is checked next, and what a
request needs of a document — its project, its path in it, its lines and the cursor in our
units, and the outlines of the project with the open buffers' own laid over the last check's."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from playbook import __version__
from playbook.layout import CONTENT
from playbook.lsp.judge import Judge
from playbook.lsp.outline import Outline, outline
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
            project.learn(judged)
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

    def document(self, uri: str) -> tuple[Project, str, TextDocument] | None:
        """Return the project a request's document belongs to, its path in it and the document."""
        located = self.locate(uri)
        return (*located, self.workspace.get_text_document(uri)) if located is not None else None

    def cursor(
        self, params: types.TextDocumentPositionParams
    ) -> tuple[Project, str, TextDocument, list[str], types.Position] | None:
        """Return the project, the path and the document a request names, with its lines and the
        cursor in our units (the protocol counts UTF-16 units), or None outside a project."""
        found = self.document(params.text_document.uri)
        if found is None:
            return None
        project, path, document = found
        lines = document.lines
        at = document.position_codec.position_from_client_units(lines, params.position)
        return project, path, document, lines, at

    def known_projects(self) -> list[Project]:
        """Return the projects open in the editor, and those of its workspace folders even before
        a file of theirs is opened (each is checked the first time it is asked for)."""
        folders = [folder.uri for folder in self.workspace.folders.values()]
        for uri in [*folders, self.workspace.root_uri] if self.workspace.root_uri else folders:
            path = to_fs_path(uri)
            root = project_root(Path(path)) if path else None
            if root is not None and root not in self.projects:
                self.projects[root] = Project(root)
        for project in self.projects.values():
            if not project.checked and project.root not in self.pending:
                self.schedule(project, None, delay=0)
        return list(self.projects.values())

    def outlines(self, project: Project) -> dict[str, Outline]:
        """Return the outline of every file of ``project`` by path: the open buffers as they are
        now, the others as the last check read them."""
        found = dict(project.outlines)
        for path, document in self.open_documents(project).items():
            if path.startswith(CONTENT + "/") and path.endswith(".md"):
                found[path] = outline(path, document.source)
        return found

    def client_range(
        self, project: Project, path: str, line: int, start: int, end: int, text: str | None
    ) -> types.Range:
        """Return the span ``start``-``end`` of ``line`` of the file at ``path``, in the client's
        units: from the open buffer, or from ``text``, the line as the last check read it."""
        span = types.Range(types.Position(line, start), types.Position(line, end))
        uri = (project.root / path).as_uri()
        document = self.workspace.text_documents.get(uri)
        if document is not None:
            return document.position_codec.range_to_client_units(document.lines, span)
        if text is None:  # an ASCII line counts the same in every unit
            return span
        shifted = self.workspace.position_codec.range_to_client_units(
            [text], types.Range(types.Position(0, start), types.Position(0, end))
        )
        return types.Range(
            types.Position(line, shifted.start.character), types.Position(line, shifted.end.character)
        )
