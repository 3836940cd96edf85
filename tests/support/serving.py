"""A dev server as ``playbook serve`` runs it, on a free port of this machine: the site built once,
the project watched, and requests answered on a thread until the block ends."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from playbook.serve.server import DevServer, DevSite
from playbook.serve.watch import ChangeCollector, start_watching


@contextmanager
def watched_server(root: Path) -> Iterator[str]:
    """Serve ``root`` while the block runs, rebuilding on every change; yield the base URL."""
    site = DevSite(root)
    site.rebuild()
    collector = ChangeCollector(root, site.mark_pending, site.rebuild)
    observer = start_watching(root, collector)
    server = DevServer(("127.0.0.1", 0), site)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        collector.stop()
        observer.stop()
        server.stop()
