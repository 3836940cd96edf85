"""A slow check never keeps ``playbook lsp`` from answering. The check is made slow by a hook
(a ``sitecustomize`` on the server's path, so that every process of the server has it): on a
buffer that says SLOW CHECK it blocks in one call into C that holds Python's lock, as a
regular expression backtracking on a long field does, until the test opens a gate. A check run
in a thread of the server froze the server with it; the judge process does not."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.support.briefs import brief, line_of
from tests.support.hostile import BUILD_EPOCH
from tests.support.lsp import published

HOOK = """
import ctypes, os
import playbook.lsp.workspace as project
try:
    import playbook.lsp.judge as judge
    judge.STUCK = float(os.environ.get("PLAYBOOK_TEST_STUCK", judge.STUCK))
except ImportError:
    pass

checking = project.analyse_project


def analyse_project(root, *args, cache=None, **kwargs):
    if any("SLOW CHECK" in text for text in getattr(cache, "buffers", {}).values()):
        # A FIFO: read() waits for the test's byte.
        gate = os.open(os.environ["PLAYBOOK_TEST_GATE"], os.O_RDWR)
        open(os.environ["PLAYBOOK_TEST_STARTED"], "w").close()
        # PyDLL: the GIL stays held meanwhile.
        ctypes.PyDLL(None).read(gate, ctypes.create_string_buffer(1), 1)
        os.close(gate)
    return checking(root, *args, cache=cache, **kwargs)


project.analyse_project = analyse_project
"""
SLOW = brief(("Interviews and notes.", "Interviews and notes. SLOW CHECK"))
TYPO = brief(("  catchability: moderate", "  catchability: hardd"))


@pytest.fixture
def hooked(tmp_path: Path):
    """A project, and the files through which the test sees and ends a slow check."""
    root = tmp_path / "project"
    (root / "content/briefs").mkdir(parents=True)
    (root / "content/briefs/other.md").write_text(
        brief(("title: Renewal-date extraction for in-house legal", "title: Other"))
    )
    (root / "playbook.yaml").write_text("title: Slow checks\n")
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook/sitecustomize.py").write_text(HOOK)
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    return root, tmp_path / "hook", gate, tmp_path / "started"


@contextmanager
def server(root: Path, hook: Path, gate: Path, started: Path, stuck: float = 600.0):
    """Yield ``run(body)``: it runs ``body(client)`` against a server with the hook; the gate is
    opened at the end, so a server frozen by the check can stop."""
    env = {
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "PATH": "",
        "PYTHONPATH": str(hook),
        "PLAYBOOK_TEST_GATE": str(gate),
        "PLAYBOOK_TEST_STARTED": str(started),
        "PLAYBOOK_TEST_STUCK": str(stuck),
    }
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(make, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(make(), loop).result(timeout)

    client = run(
        ClientServerConfig(server_command=[sys.executable, "-m", "playbook", "lsp"], server_env=env).start
    )
    try:
        run(
            lambda: client.initialize_session(
                types.InitializeParams(
                    capabilities=pytest_lsp.client_capabilities("visual-studio-code"), root_uri=root.as_uri()
                )
            )
        )
        yield lambda body: run(lambda: body(client))
    finally:
        descriptor = os.open(gate, os.O_RDWR)
        os.write(descriptor, b"go" * 8)  # every check still waiting goes on
        os.close(descriptor)
        try:
            run(client.shutdown_session, 60)
        finally:
            run(client.stop, 60)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)


async def check_started(started: Path) -> None:
    give_up = time.monotonic() + 60
    while not started.exists():
        assert time.monotonic() < give_up, "the slow check never began"
        await asyncio.sleep(0.05)


def test_requests_are_answered_while_a_slow_check_runs(hooked):
    root, hook, gate, started = hooked
    slow = root / "content/briefs/slow.md"

    async def body(client: LanguageClient):
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(slow.as_uri(), "markdown", 1, SLOW))
        )
        await check_started(started)
        document = types.TextDocumentIdentifier(slow.as_uri())
        # Each is answered while the check waits at the gate, which only this test can open.
        shown = await asyncio.wait_for(
            client.text_document_hover_async(types.HoverParams(document, types.Position(1, 2))), 30
        )
        assert shown.contents.value.startswith("**title**")
        listed = await asyncio.wait_for(
            client.text_document_completion_async(
                types.CompletionParams(document, types.Position(line_of(SLOW, "  catchability:") - 1, 16))
            ),
            30,
        )
        assert [item.label for item in listed.items] == ["easy", "moderate", "hard"]
        line = line_of(SLOW, "  catchability:") - 1
        where = types.Range(types.Position(line, 16), types.Position(line, 24))
        fix = types.Diagnostic(
            where, "'moderat' is not one of…", source="playbook schema", data={"suggestion": "hard"}
        )
        actions = await asyncio.wait_for(
            client.text_document_code_action_async(
                types.CodeActionParams(document, where, types.CodeActionContext([fix]))
            ),
            30,
        )
        assert [action.title for action in actions] == ["Change to 'hard'"]
        assert slow.as_uri() not in client.diagnostics  # the check is still under way
        descriptor = os.open(gate, os.O_WRONLY)
        os.write(descriptor, b"g")
        os.close(descriptor)
        assert [d.code for d in await published(client, slow.as_uri(), 60)] == []

    with server(root, hook, gate, started) as run:
        run(body)


def test_a_check_stuck_on_an_old_buffer_gives_way_to_the_new_one(hooked):
    """Latest buffer wins: the check of a buffer the author has since changed is stopped once it
    runs past its deadline (1 s here), and the new buffer is checked at once."""
    root, hook, gate, started = hooked
    slow = root / "content/briefs/slow.md"

    async def body(client: LanguageClient):
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(slow.as_uri(), "markdown", 1, SLOW))
        )
        await check_started(started)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=2, uri=slow.as_uri()),
                [types.TextDocumentContentChangeWholeDocument(TYPO)],
            )
        )
        found = await published(client, slow.as_uri(), 60)  # the gate is never opened
        assert [d.code for d in found] == ["PB002"] and "did you mean 'hard'?" in found[
            0
        ].related_information[0].message

    with server(root, hook, gate, started, stuck=1.0) as run:
        run(body)
