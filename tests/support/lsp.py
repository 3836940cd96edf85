"""Speaking to ``playbook lsp`` as an editor does, through pytest-lsp's client."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient


async def published(client: LanguageClient, uri: str, timeout: float = 15) -> list[types.Diagnostic]:
    """Return the diagnostics the server publishes for ``uri``, waiting up to ``timeout`` seconds."""

    async def wait():
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), timeout)


def serving(root: Path, config: ClientServerConfig, editor: str = "visual-studio-code") -> Iterator[Callable]:
    """Yield ``run(body)``: it runs ``body(client)`` against one ``playbook lsp`` for ``root``, on an
    event loop of its own thread (the browser tests' Playwright keeps one running in the main one),
    speaking as ``editor`` does (its capabilities, as pytest-lsp recorded them)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(make, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(make(), loop).result(timeout)

    client = run(config.start)
    run(
        lambda: client.initialize_session(
            types.InitializeParams(
                capabilities=pytest_lsp.client_capabilities(editor),
                root_uri=root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(root.as_uri(), "project")],
            )
        )
    )
    try:
        yield lambda body, timeout=60: run(lambda: body(client), timeout)
    finally:
        run(client.shutdown_session)
        run(client.stop)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


async def opened(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    """Open ``path`` with ``text`` unsaved and return the diagnostics published for it."""
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )
    return await published(client, uri)


def closed(client: LanguageClient, path: Path) -> None:
    """Close the buffer of ``path``."""
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
    )
