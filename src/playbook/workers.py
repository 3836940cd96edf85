"""Processes and memory for big playbooks: the fork pool that parses and renders on every core,
and pausing the garbage collector while millions of small objects are made."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable


def start_worker(parent: int) -> None:
    """Set up a pool worker: leave Ctrl-C to the parent process, which then stops the workers (a
    worker that takes it prints a traceback, and a pool losing workers that way can hang the
    parent for good); and die with the parent, silently, however it ends — a worker outliving a
    killed build would write pages for nobody and print broken-pipe tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(
        signal.SIGTERM, signal.SIG_DFL
    )  # the parent's handler came with the fork; the pool stops us with it
    import ctypes  # only in a worker: a small build has no pool and never loads libffi

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills us when the parent goes
    except (AttributeError, OSError):  # not Linux: look now and then
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="playbook-parent").start()
    if os.getppid() != parent:  # it went before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def worker_pool(jobs: int, setup: Callable[..., None] | None = None, *args):
    """Return a fork pool of ``jobs`` workers, each set up by ``setup(parent_pid, *args)`` (which
    must call :func:`start_worker`), or by :func:`start_worker` alone. Forked workers inherit
    ``args`` as they are, unpickled: a build's whole job, analysis and templates included."""
    import multiprocessing  # with its sockets and pickling: only when a build is big enough for a pool

    return multiprocessing.get_context("fork").Pool(
        jobs, initializer=setup or start_worker, initargs=(os.getpid(), *args)
    )


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector: loading makes millions of small acyclic objects, and
    collecting while they pile up costs as much as parsing them (measured: 7.1 s against 3.8 s
    for 10,000 briefs)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
