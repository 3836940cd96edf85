"""A small build on two cores: a forked process renders half of its pages while the build's own
process renders the other half.

A build of more than one chunk of pages renders them on a fork pool (``workers.worker_pool``), but
``multiprocessing`` costs more to start than it saves below a hundred pages (measured at 30 briefs,
86 pages: 1.39x the time of one process). A bare fork costs a few milliseconds: the child inherits
the job whole (analysis, views, compiled templates), renders and writes its half, and sends its
one result back through a pipe (0.89x the time of one process, bench/benchmark.py's corpus)."""

from __future__ import annotations

import os
import pickle
import signal
from typing import Callable, Iterator, TypeVar

Result = TypeVar("Result")


def render_beside(
    render: Callable[[list[int]], Result], indices: list[int], held: tuple[int, ...]
) -> Iterator[Result]:
    """Yield ``render`` of the first half of ``indices``, run here, then of the second half, run
    meanwhile in a forked child. A failure in the child is raised here (as a RuntimeError naming
    it when it cannot be sent as itself); one here stops the child first. ``held``: the build's
    folder locks, which the child closes so that they end with the build alone."""
    half = len(indices) // 2
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's lines run in another process, which ends in them
        _child(render, indices[half:], held, read, write)
    os.close(write)
    try:
        yield render(indices[:half])
    except BaseException:
        os.kill(child, signal.SIGKILL)
        os.close(read)
        os.waitpid(child, 0)
        raise
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(child, 0)
    if not payload:
        raise RuntimeError("the process rendering half of the pages ended without a result")
    ok, value = pickle.loads(payload)  # our own child's, through a pipe only the two of us hold
    if not ok:
        raise value
    yield value


def _child(render: Callable, indices: list[int], held: tuple[int, ...], read: int, write: int) -> None:
    """Render ``indices``, send the result or the failure, and end without running any of the
    parent's clean-up (its staging folder, locks and exit handlers stay the parent's)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's, which then stops us
    os.close(read)
    for descriptor in held:
        os.close(descriptor)
    code = 0
    try:
        payload = pickle.dumps((True, render(indices)))
    except BaseException as error:  # noqa: BLE001 - every failure goes to the parent
        code = 1
        try:
            payload = pickle.dumps((False, error))
        except Exception:  # noqa: BLE001 - one that does not pickle goes as its words
            payload = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)
