"""The process that checks projects for the language server. A check can take long (a big project,
a pathological field), and a long call into C — a regular expression backtracking, say — holds
Python's lock for its whole length, so a check in a thread of the server still stopped it from
answering: a hover waited 11 s behind one buffer. Checks run in a process of their own, and the
server's loop only awaits their results.

One check runs at a time. The server sends the latest buffers once the previous check is done,
so the versions typed meanwhile are never checked; and a check that runs far longer than checks
do, while newer buffers wait, is stopped with its process, and a new process checks the newer
buffers (it loads the project afresh)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from playbook.lsp.workspace import Judged, ProjectCheck
from playbook.workers import start_worker

STUCK = (
    10.0  # seconds: the least a check runs before newer buffers may stop it (or 4 times the slowest one yet)
)
log = logging.getLogger("playbook.lsp")


def serve_checks(connection: Connection, parent: int) -> None:
    """In the judge process: check each ``(root, buffers, changed)`` the server sends and send back
    what the check found (or the traceback of a bug of ours), until the server goes."""
    start_worker(parent)  # dies with the server, however it ends; Ctrl-C is the server's
    checks: dict[Path, ProjectCheck] = {}
    while True:
        try:
            root, buffers, changed = connection.recv()
        except (EOFError, OSError):
            return
        try:
            check = checks.get(root) or checks.setdefault(root, ProjectCheck(root))
            answer: tuple[str, object] = ("judged", check.run(buffers, changed))
        except Exception:
            answer = ("failed", traceback.format_exc())
        connection.send(answer)


class Judge:
    """The server's side of the judge process."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.connection: Connection | None = None
        self.turn = asyncio.Lock()
        self.running_since = 0.0  # time.monotonic() when the check under way began; 0: none
        self.slowest = 0.0  # seconds the slowest finished check took
        self.deadline: asyncio.TimerHandle | None = None

    async def check(self, root: Path, buffers: dict[str, str], changed: list[str] | None) -> Judged | None:
        """Return what a check of the project at ``root`` finds with ``buffers`` laid over the disk
        (``changed``: the files that may differ since the last check; None: any), or None when the
        check was stopped or failed."""
        async with self.turn:
            started = self.running_since = time.monotonic()
            try:
                connection = self._connect()
                await asyncio.to_thread(connection.send, (root, buffers, changed))
                kind, found = await asyncio.to_thread(connection.recv)
            except (EOFError, OSError):  # its process was stopped, died, or could not start
                self._forget()
                return None
            except (
                Exception
            ):  # a bug of ours (an answer that cannot be read) must not take the editor's linter down
                log.exception("the check of %s failed", root)
                self._forget()
                return None
            finally:
                self.running_since = 0.0
                if self.deadline is not None:
                    self.deadline.cancel()
                    self.deadline = None
            if kind == "failed":  # a bug of ours must not take the editor's linter down
                log.error("the check of %s failed:\n%s", root, found)
                return None
            self.slowest = max(self.slowest, time.monotonic() - started)
            return found

    def hurry(self) -> None:
        """Newer buffers wait: stop the check under way if it runs past its deadline."""
        if not self.running_since or self.deadline is not None:
            return
        ends = self.running_since + max(STUCK, 4 * self.slowest)
        self.deadline = asyncio.get_running_loop().call_later(max(ends - time.monotonic(), 0.0), self._stop)

    def start(self) -> None:
        """Start the judge process, if it is not running: best before the editor's first buffer,
        and from the main thread (the process dies with the thread that started it)."""
        if self.process is None:
            ours, theirs = socket.socketpair()
            # A process of its own rather than multiprocessing's: a fork would copy the server's
            # threads' locks held, and a spawn runs the server's main module again. Its stdout is
            # not the editor's channel.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "playbook.lsp.judge", str(theirs.fileno()), str(os.getpid())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
            theirs.close()  # ours alone: its end closes with it, and a wait for its answer ends
            self.connection = Connection(ours.detach())

    def _connect(self) -> Connection:
        self.start()
        assert self.connection is not None
        return self.connection

    def _stop(self) -> None:
        self.deadline = None
        if self.process is not None:
            log.warning(
                "a check ran past %.0f s while newer buffers waited: stopped",
                time.monotonic() - self.running_since,
            )
            self.process.kill()

    def _forget(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(5)
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None

    def close(self) -> None:
        """Stop the judge process."""
        self._forget()


if __name__ == "__main__":
    serve_checks(Connection(int(sys.argv[1])), int(sys.argv[2]))
