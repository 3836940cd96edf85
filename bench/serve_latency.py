"""Median time from saving a brief to the rebuilt page being served by `playbook serve`.

    python bench/serve_latency.py /tmp/corpus [--edits 7]

Starts the real pieces (watcher, incremental rebuild, HTTP server) in this process, saves a
brief atomically as an editor does, and polls the page over HTTP until the new text is there.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import threading
import time
import urllib.request
from pathlib import Path

from playbook.serve.server import DevServer, DevSite
from playbook.serve.watch import ChangeCollector, start_watching


def time_edits(briefs: Path, page_url, edits: int) -> list[float]:
    """Save ``edits`` briefs atomically, one after another, and return the seconds from each save
    until ``page_url(slug)`` serves the new text. Shared with the Hugo measurement."""
    paths = sorted(briefs.glob("*.md"))
    times = []
    for i in range(edits):
        path = paths[(i * 7919) % len(paths)]
        marker = f"Edited in the benchmark, round {i}, {time.time_ns()}."
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(
            path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8"
        )
        url = page_url(path.stem)
        started = time.perf_counter()
        os.replace(temporary, path)
        while True:
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    if marker.encode() in response.read():
                        break
            except (OSError, http.client.HTTPException):
                pass  # a server mid-rebuild may drop or truncate an answer; ask again
            time.sleep(0.002)
        times.append(time.perf_counter() - started)
        time.sleep(0.3)
    return times


def measure(root: Path, edits: int = 7) -> list[float]:
    """Return the seconds from each save to the page showing the saved text."""
    site = DevSite(root)
    first = site.rebuild()
    assert not first.errors, first.errors[:3]
    collector = ChangeCollector(root, site.mark_pending, site.rebuild_after_save)
    observer = start_watching(root, collector)
    server = DevServer(("127.0.0.1", 0), site)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        return time_edits(
            root / "content" / "briefs",
            lambda slug: f"http://127.0.0.1:{server.server_address[1]}/briefs/{slug}/",
            edits,
        )
    finally:
        collector.stop()
        observer.stop()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    times = measure(args.project, args.edits)
    print(
        f"save to rebuilt page: median {statistics.median(times) * 1000:.0f} ms over {len(times)} edits "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
