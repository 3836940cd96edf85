"""Speaking to ``playbook lsp`` as an editor does, through pytest-lsp's client."""

from __future__ import annotations

import asyncio

from lsprotocol import types
from pytest_lsp import LanguageClient


async def published(client: LanguageClient, uri: str, timeout: float = 15) -> list[types.Diagnostic]:
    """Return the diagnostics the server publishes for ``uri``, waiting up to ``timeout`` seconds."""

    async def wait():
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), timeout)
