"""Every request ``playbook lsp`` is sent gets an answer, however it is malformed: spoken as raw
JSON-RPC over the server's stdio (Content-Length framed), since a real client library refuses to
send most of these. A request pygls could not read used to get no answer at all, and the
editor's request hung."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.briefs import brief
from tests.support.hostile import BUILD_EPOCH

WAIT = 30.0  # seconds before an answer counts as never coming


class RawClient:
    """A language client that writes whatever bytes it is given, framed, and reads the answers."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "playbook", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": ""},
        )
        self.buffer = b""
        self.unread: list[dict] = []

    def send(self, message=None, *, body: bytes | None = None) -> None:
        data = body if body is not None else json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        self.process.stdin.flush()

    def _read(self, until: float) -> dict | None:
        while True:
            head, _, rest = self.buffer.partition(b"\r\n\r\n")
            if _:
                length = int(
                    next(
                        line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
                    ).split(b":")[1]
                )
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return json.loads(rest[:length])
            ready, _, _ = select.select([self.process.stdout], [], [], max(until - time.monotonic(), 0))
            chunk = os.read(self.process.stdout.fileno(), 1 << 16) if ready else b""
            if not chunk:
                return None
            self.buffer += chunk

    def answer(self, to: int | str | None) -> dict | None:
        """Return the answer to the request with id ``to`` (None: an answer with a null id)."""
        until = time.monotonic() + WAIT
        while True:
            for message in self.unread:
                if "method" not in message and "id" in message and message["id"] == to:
                    self.unread.remove(message)
                    return message
            message = self._read(until)
            if message is None:
                return None
            self.unread.append(message)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("raw") / "project"
    (root / "content/briefs").mkdir(parents=True)
    (root / "content/briefs/open.md").write_text(brief(), encoding="utf-8")
    (root / "playbook.yaml").write_text("title: Raw JSON-RPC\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(project: Path):
    raw = RawClient(project)
    raw.send(
        {
            "jsonrpc": "2.0",
            "id": 0,
            "method": "initialize",
            "params": {"capabilities": {}, "rootUri": project.as_uri()},
        }
    )
    assert raw.answer(0)["result"]["capabilities"]
    raw.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    raw.send(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri(project), "languageId": "markdown", "version": 1, "text": brief()}
            },
        }
    )
    yield raw
    raw.close()


def uri(project: Path) -> str:
    return (project / "content/briefs/open.md").as_uri()


def hover_at(position) -> dict:
    return {"textDocument": {"uri": "URI"}, "position": position}


def code_action(range_, diagnostics=()) -> dict:
    return {"textDocument": {"uri": "URI"}, "range": range_, "context": {"diagnostics": list(diagnostics)}}


START, END = {"line": 0, "character": 0}, {"line": 2, "character": 0}
BAD_PARAMS = {  # name -> (method, params): each answered -32602 with its own id
    "negative line": ("textDocument/hover", hover_at({"line": -1, "character": 0})),
    "negative character": ("textDocument/hover", hover_at({"line": 0, "character": -7})),
    "line as text": ("textDocument/hover", hover_at({"line": "x", "character": 0})),
    "line as a numeral in text": ("textDocument/hover", hover_at({"line": "3", "character": 0})),
    "line as a fraction": ("textDocument/hover", hover_at({"line": 1.5, "character": 0})),
    "line as true": ("textDocument/hover", hover_at({"line": True, "character": 0})),
    "line as null": ("textDocument/hover", hover_at({"line": None, "character": 0})),
    "line past 2**31": ("textDocument/hover", hover_at({"line": 2**40, "character": 0})),
    "position as a list": ("textDocument/hover", hover_at([1, 2])),
    "no position": ("textDocument/hover", {"textDocument": {"uri": "URI"}}),
    "no params": ("textDocument/hover", None),
    "completion at a negative line": ("textDocument/completion", hover_at({"line": -3, "character": 0})),
    "code action, range ending before line 0": (
        "textDocument/codeAction",
        code_action({"start": START, "end": {"line": -2, "character": 0}}),
    ),
    "code action, range as text": ("textDocument/codeAction", code_action("bogus")),
    "code action, range without its end": ("textDocument/codeAction", code_action({"start": START})),
    "code action, a diagnostic's bogus range": (
        "textDocument/codeAction",
        code_action(
            {"start": START, "end": END},
            [
                {
                    "range": {"start": {"line": "one", "character": 0}, "end": END},
                    "message": "x",
                    "source": "playbook schema",
                }
            ],
        ),
    ),
}


@pytest.mark.parametrize("name", BAD_PARAMS)
def test_a_request_with_bad_params_is_answered_with_invalid_params(client, project, name):
    method, params = BAD_PARAMS[name]
    message = {"jsonrpc": "2.0", "id": f"request {name}", "method": method}
    if params is not None:
        message["params"] = json.loads(json.dumps(params).replace('"URI"', json.dumps(uri(project))))
    client.send(message)
    answer = client.answer(f"request {name}")
    assert answer is not None, "no answer"
    assert answer["jsonrpc"] == "2.0" and answer["error"]["code"] == -32602 and "result" not in answer
    assert method in answer["error"]["message"]


INVALID = {  # name -> (message, the id its answer carries): each answered -32600
    "no jsonrpc": ({"id": 101, "method": "textDocument/hover", "params": hover_at(START)}, 101),
    "jsonrpc 1.0": (
        {"jsonrpc": "1.0", "id": 102, "method": "textDocument/hover", "params": hover_at(START)},
        102,
    ),
    "method as a number": ({"jsonrpc": "2.0", "id": 103, "method": 7, "params": {}}, 103),
    "id as a list": (
        {"jsonrpc": "2.0", "id": [104], "method": "textDocument/hover", "params": hover_at(START)},
        None,
    ),
    "a batch": (
        [{"jsonrpc": "2.0", "id": 105, "method": "textDocument/hover", "params": hover_at(START)}],
        None,
    ),
    "a number": (42, None),
}


@pytest.mark.parametrize("name", INVALID)
def test_a_message_that_is_no_request_is_answered_with_invalid_request(client, project, name):
    message, expected_id = INVALID[name]
    client.send(json.loads(json.dumps(message).replace('"URI"', json.dumps(uri(project)))))
    answer = client.answer(expected_id)
    assert answer is not None, "no answer"
    assert answer["error"]["code"] == -32600 and answer["jsonrpc"] == "2.0"


@pytest.mark.parametrize("body", [b"{not json", b'{"jsonrpc": "2.0", "id": 9', b"\xff\xfe", b"[" * 100_000])
def test_a_body_that_is_no_json_is_answered_with_a_parse_error(client, body):
    client.send(body=body)
    answer = client.answer(None)
    assert answer is not None, "no answer"
    assert answer["error"]["code"] == -32700


def test_after_all_that_it_still_answers_and_stops_cleanly(client, project):
    client.send(
        {
            "jsonrpc": "2.0",
            "id": 900,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri(project)}, "position": {"line": 1, "character": 2}},
        }
    )
    assert client.answer(900)["result"]["contents"]["value"].startswith("**title**")
    client.send(
        {
            "jsonrpc": "2.0",
            "id": 901,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri(project)}, "position": {"line": 5000, "character": 5000}},
        }
    )
    assert client.answer(901) == {
        "jsonrpc": "2.0",
        "id": 901,
        "result": None,
    }  # past the end: nothing to show
    client.send({"jsonrpc": "2.0", "id": 902, "method": "shutdown"})
    assert client.answer(902)["result"] is None
    client.send(
        {
            "jsonrpc": "2.0",
            "id": 903,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri(project)}, "position": {"line": 1, "character": 2}},
        }
    )
    assert client.answer(903)["error"]["code"] == -32600  # after shutdown, as the protocol asks
    client.send({"jsonrpc": "2.0", "method": "exit"})
    assert client.process.wait(WAIT) == 0
