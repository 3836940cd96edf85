"""``playbook serve``: build, watch, rebuild what changed, and serve the site from memory with
live reload over Server-Sent Events on the same port, and an overlay listing content errors.

The parts are separate so they can be tested without sockets: :class:`DevSite` (``devsite.py``)
rebuilds and holds the current site, :func:`respond` answers one request from it (once the
page's sources on disk are the ones it was made from: ``sources.py``), and :class:`DevServer`
puts them on the standard library's threaded HTTP server.
"""

from __future__ import annotations

import html
import mimetypes
import select
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import unquote

from msgspec import Struct

from playbook.serve.broken import broken_page
from playbook.serve.devsite import DevSite, RebuildReport, SiteState
from playbook.serve.hosts import LOCAL_ONLY, HostPolicy, host_policy
from playbook.serve.watch import ChangeCollector, start_watching
from playbook.site.render.page import BuildError

PREFIX = "/__playbook__/"
LIVE_SCRIPT = (Path(__file__).parent / "live.js").read_bytes()


# --- Answering requests -------------------------------------------------------------------------


class Response(Struct, frozen=True):
    """What the dev server answers a request with: a status, headers and a body."""

    status: int
    headers: dict[str, str]
    body: bytes = b""


def _path_of(target: str) -> str:
    """Return the path of a request target, without query or fragment (a target is not a URL:
    ``//x`` is a path, not a host)."""
    return target.split("?", 1)[0].split("#", 1)[0]


def site_path(raw_path: str) -> str | None:
    """Return the site file a URL path names, or None for anything that could leave the site."""
    path = unquote(_path_of(raw_path))
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return None
    relative = "/".join(parts)
    return relative + "/index.html" if path.endswith("/") and relative else relative or "index.html"


def respond(
    site: DevSite, method: str, raw_path: str, host: str | None, hosts: HostPolicy = LOCAL_ONLY
) -> Response:
    """Answer one request from the current state of ``site``, if its ``Host`` is one ``hosts`` allows."""
    if not hosts.allows(host):
        return _text(
            HTTPStatus.FORBIDDEN,
            "Forbidden: this preview server answers only this machine's names and addresses; "
            "another name needs 'playbook serve --allow-host NAME'.\n",
        )
    if method not in ("GET", "HEAD"):
        return _text(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed\n", {"Allow": "GET, HEAD"})
    path = _path_of(raw_path)
    if path == PREFIX + "live.js":
        return Response(200, {"Content-Type": "text/javascript; charset=utf-8"}, LIVE_SCRIPT)
    if path == PREFIX + "state.json":
        return Response(200, {"Content-Type": "application/json"}, site.current().to_json())
    name = site_path(raw_path)
    if name is None:
        return _not_found(site.current())
    state = site.current(name)
    try:
        body = state.files.get(name)
    except BuildError as error:  # a template that fails for this page's data only
        return _template_failed(state, str(error))
    if body is None and not name.endswith("index.html"):
        if f"{name}/index.html" in state.files or state.broken_at(f"{name}/index.html"):
            return Response(HTTPStatus.MOVED_PERMANENTLY, {"Location": path.rstrip("/") + "/"})
    broken = state.broken_at(name) if body is None else None
    if broken is not None:  # left out of the preview: its address says why, and reloads once fixed
        body = broken_page(broken)
    if body is None:
        return _not_found(state)
    kind = _content_type(name)
    if kind.startswith("text/html"):
        body = inject_live_script(body, state.version)
    return Response(200, {"Content-Type": kind}, body)


def inject_live_script(html: bytes, version: int) -> bytes:
    """Return ``html`` with the live-reload script before ``</body>``: only served pages get it."""
    tag = f'<script src="{PREFIX}live.js" data-version="{version}"></script>'.encode()
    index = html.rfind(b"</body>")
    return html[:index] + tag + html[index:] if index >= 0 else html + tag


def _not_found(state: SiteState) -> Response:
    page = state.files.get("404.html")
    if page is None:
        page = (
            b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
            b"<body><h1>Not found</h1>"
            + (b"" if state.built else b"<p>The playbook has not built yet.</p>")
            + b"</body></html>"
        )
    # The 404 page answers any address; a base makes its relative links resolve from the root.
    page = page.replace(b"<head>", b'<head><base href="/">', 1)
    return Response(
        HTTPStatus.NOT_FOUND,
        {"Content-Type": "text/html; charset=utf-8"},
        inject_live_script(page, state.version),
    )


def _template_failed(state: SiteState, message: str) -> Response:
    page = (
        b"<!doctype html><html lang=en><meta charset=utf-8><title>Template error</title><body>"
        b"<h1>This page's template failed</h1><pre>"
        + html.escape(message).encode("utf-8")
        + b"</pre><p>Fix the theme and save: this page reloads.</p></body></html>"
    )
    return Response(
        HTTPStatus.INTERNAL_SERVER_ERROR,
        {"Content-Type": "text/html; charset=utf-8"},
        inject_live_script(page, state.version),
    )


def _text(status: int, text: str, headers: dict | None = None) -> Response:
    return Response(status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, text.encode())


def _content_type(name: str) -> str:
    kind = {
        ".js": "text/javascript",
        ".json": "application/json",
        ".xml": "application/xml",
        ".css": "text/css",
        ".html": "text/html",
        ".svg": "image/svg+xml",
    }.get(Path(name).suffix)
    kind = kind or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return (
        f"{kind}; charset=utf-8"
        if kind.startswith("text/") or kind in ("application/json", "application/xml")
        else kind
    )


# --- The HTTP server ----------------------------------------------------------------------------


class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], site: DevSite, hosts: HostPolicy = LOCAL_ONLY):
        self.site = site
        self.hosts = hosts
        if ":" in address[0]:
            self.address_family = socket.AF_INET6  # --host :: or an IPv6 address
        self.stopping = threading.Event()
        super().__init__(address, Handler)

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up or sends garbage is not the author's problem

    def stop(self) -> None:
        self.stopping.set()
        with self.site.changed:
            self.site.changed.notify_all()
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: DevServer
    server_version = "playbook"

    def version_string(self) -> str:
        return self.server_version

    timeout = 30  # a slow client cannot hold a thread forever

    def do_GET(self) -> None:
        self._answer("GET")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, method: str) -> None:
        if (
            _path_of(self.path) == PREFIX + "events"
            and method == "GET"
            and self.server.hosts.allows(self.headers.get("Host"))
        ):
            self._events()
            return
        response = respond(self.server.site, method, self.path, self.headers.get("Host"), self.server.hosts)
        self.send_response(response.status)
        for name, value in {
            **response.headers,
            "Content-Length": str(len(response.body)),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        }.items():
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)

    def _events(self) -> None:
        """Stream the site's state as Server-Sent Events until the client or the server goes."""
        site = self.server.site
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = None
        quiet = 0
        try:
            while not self.server.stopping.is_set() and not self._client_gone():
                with site.changed:
                    if site.state is sent:
                        site.changed.wait(timeout=1)  # short, to notice a browser that left
                    state = site.state
                if state is sent:
                    quiet += 1
                    if quiet < 15:
                        continue
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(b"retry: 1000\nevent: state\ndata: " + state.to_json() + b"\n\n")
                    sent = state
                quiet = 0
                self.wfile.flush()
        except OSError:
            pass  # the browser went away

    def _client_gone(self) -> bool:
        """Whether the browser closed the stream: its socket reads as ready, with nothing to read."""
        try:
            ready, _, _ = select.select([self.connection], [], [], 0)
            return bool(ready) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal shows rebuilds, not every request


def serve_site(
    root: Path,
    *,
    host: str,
    port: int,
    include_drafts: bool,
    log_rebuild: Callable[[RebuildReport], None],
    ready: Callable[[int], None],
    poll: bool = False,
    allowed_hosts: Sequence[str] = (),
) -> None:
    """Listen, build, then serve and watch until interrupted (KeyboardInterrupt propagates after
    cleanup). The port is taken before the build, so a busy one is said at once (an OSError);
    ``ready`` is told the port once the first build is in."""
    site = DevSite(root, include_drafts=include_drafts, report=log_rebuild)
    server = DevServer((host, port), site, host_policy(host, allowed_hosts))
    try:
        site.rebuild()
        collector = ChangeCollector(root, site.mark_pending, site.rebuild_after_save)
        observer = start_watching(root, collector, poll=poll)
    except BaseException:
        server.server_close()
        raise
    ready(server.server_address[1])
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        collector.stop()
        observer.stop()
        server.stopping.set()
        with site.changed:
            site.changed.notify_all()
        server.server_close()
