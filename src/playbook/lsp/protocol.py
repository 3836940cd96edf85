"""pygls' protocol, made to answer every request. pygls drops a request it cannot read: params of
the wrong shape or type (a negative or textual position, a bogus range), a message without
``"jsonrpc": "2.0"``, a request after ``shutdown``; the editor then waits for an answer for ever.
Here each of them is answered with the JSON-RPC error that says why: -32602 for params, -32600 for
a request that is not one, -32700 for a body that is not JSON (with ``id: null``, as JSON-RPC asks
when the id cannot be read)."""

from __future__ import annotations

import json
import logging
from typing import Any

from cattrs import Converter
from lsprotocol import types
from msgspec import Struct
from pygls.protocol import LanguageServerProtocol, default_converter

PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602
VERSION = "2.0"
log = logging.getLogger("playbook.lsp")


class Refused(Struct, frozen=True):
    """A request that cannot be handled, and the error that answers it."""

    id: int | str | None
    code: int
    message: str


def strict_converter() -> Converter:
    """Return pygls' converter, reading a position only from JSON integers: by default ``"3"``,
    ``1.5`` and ``true`` would become line 3, 1 and 1. (Only positions: lsprotocol's unions try
    ``int`` on booleans, so a stricter ``int`` everywhere would refuse good capabilities.)"""
    converter = default_converter()

    def position(value: Any, _type: type) -> types.Position:
        if not isinstance(value, dict) or any(
            type(value.get(key)) is not int for key in ("line", "character")
        ):
            raise TypeError(
                f'a position is {{"line": integer, "character": integer}}, not {json.dumps(value)[:60]}'
            )
        return types.Position(value["line"], value["character"])  # its own validators refuse a negative one

    converter.register_structure_hook(types.Position, position)
    return converter


def _valid_id(value: Any) -> bool:
    return type(value) is int or isinstance(value, str)


def _request_like(data: Any) -> bool:
    return isinstance(data, dict) and "method" in data and "id" in data


class AnsweringProtocol(LanguageServerProtocol):
    """The language server protocol, with an answer for every request that has an id."""

    def structure_message(self, data: dict[str, Any]):
        # Called for every JSON object of a message, innermost first; pygls treats the ones with
        # "jsonrpc" as messages. A request among them that cannot be read becomes a Refused.
        if not _request_like(data) or "jsonrpc" not in data:
            return super().structure_message(data)
        if data["jsonrpc"] != VERSION or not isinstance(data["method"], str) or not _valid_id(data["id"]):
            return _invalid(data)
        try:
            return super().structure_message(data)
        except Exception as error:  # cattrs found the params of the wrong shape or type
            cause = error.__cause__ or error
            log.warning("refused %s request %r: %s", data["method"], data["id"], cause)
            return Refused(
                data["id"], INVALID_PARAMS, f"Invalid params for {data['method']}: {_reason(cause)}"
            )

    def handle_message(self, message) -> None:
        if isinstance(message, Refused):
            self.refuse(message)
        elif not hasattr(
            message, "jsonrpc"
        ):  # a JSON value that is no message: no "jsonrpc" at all, a batch…
            if _request_like(message) or not isinstance(message, dict):
                self.refuse(_invalid(message))
            else:
                log.warning('ignored a message without "jsonrpc": %.200s', message)
        elif (
            self._shutdown
            and hasattr(message, "method")
            and hasattr(message, "id")
            and message.method != "exit"
        ):
            self.refuse(Refused(message.id, INVALID_REQUEST, "Invalid request: the server is shutting down"))
        else:
            super().handle_message(message)

    def refuse(self, refused: Refused) -> None:
        """Answer a request with the error ``refused`` names."""
        # Sent as plain data: the protocol's own error type leaves out an id of null.
        self._send_data(
            {
                "jsonrpc": VERSION,
                "id": refused.id,
                "error": {"code": refused.code, "message": refused.message},
            }
        )


def _invalid(data: Any) -> Refused:
    found = data.get("id") if isinstance(data, dict) else None
    if isinstance(data, dict) and data.get("jsonrpc") != VERSION:
        why = 'it needs "jsonrpc": "2.0"'
    elif isinstance(data, dict) and not isinstance(data.get("method"), str):
        why = "its method must be a string"
    elif isinstance(data, dict):
        why = "its id must be an integer or a string"
    else:
        why = "a message is one JSON object"
    return Refused(found if _valid_id(found) else None, INVALID_REQUEST, f"Invalid request: {why}")


def _reason(error: BaseException) -> str:
    """Return the first leaf of a cattrs error group, in one line."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    if isinstance(error, KeyError):
        return f"{error.args[0]!r} is missing"
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


def parse_error(protocol: AnsweringProtocol, error: Exception) -> bool:
    """Answer a body that is not JSON (or is nested past what the reader can follow) with a parse
    error; return whether ``error`` was one."""
    if not isinstance(error, (json.JSONDecodeError, UnicodeDecodeError, RecursionError)):
        return False
    protocol.refuse(Refused(None, PARSE_ERROR, f"Parse error: {type(error).__name__}: {str(error)[:200]}"))
    return True
