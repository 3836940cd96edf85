"""``playbook serve``: build, watch, rebuild what changed, and serve the site from memory with
live reload over Server-Sent Events on the same port, and an overlay listing content errors.

The parts are separate so they can be tested without sockets: :class:`DevSite` rebuilds and
holds the current site, :func:`respond` answers one request from it, and :class:`DevServer`
puts them on the standard library's threaded HTTP server.
"""

from __future__ import annotations

import gc
import html
import json
import mimetypes
import re
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import unquote

from playbook.config import CONFIG_FILE, ConfigError
from playbook.diagnostics import Diagnostic, Severity
from playbook.project import LoadCache, analyse_project, gc_paused
from playbook.render import RENDER_LIMIT, BuildError, RenderMemo, SiteFiles, load_theme

PREFIX = "/__playbook__/"
LIVE_SCRIPT = (Path(__file__).parent / "live.js").read_bytes()
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
HOST = re.compile(r"(\[[0-9a-f:.]+\]|[^\[\]:/@#?\s]+)(?::([0-9]{1,5}))?")  # a Host header: a name, and maybe a port


@dataclass(frozen=True)
class SiteState:
    """One consistent version of the served site: the files of the last good build, and the
    errors that keep the current content from building (empty when it builds)."""

    version: int
    files: Mapping[str, bytes] = field(default_factory=dict)
    errors: tuple[Diagnostic, ...] = ()
    built: bool = False  # False until a first build succeeds

    def to_json(self) -> bytes:
        return json.dumps({"version": self.version, "errors": [
            {"path": d.path, "line": d.line, "column": d.column, "code": d.code, "name": d.name, "message": d.message}
            for d in self.errors]}).encode("utf-8")


@dataclass(frozen=True)
class RebuildReport:
    milliseconds: int
    errors: tuple[Diagnostic, ...]
    pages: int = 0
    reloaded: int = 0
    message: str = ""  # a configuration or theme problem


class DevSite:
    """Rebuilds the project on demand and holds the current :class:`SiteState`.

    Requests wait while a change is pending or a rebuild runs, so no browser sees a stale or
    half-built page; listeners are told of a new version only once its files are in place.
    """

    def __init__(self, root: Path, *, include_drafts: bool = False):
        self.root = root
        self.include_drafts = include_drafts
        self.cache = LoadCache()
        self.memo: RenderMemo | None = None
        self.config = None
        self.state = SiteState(0)
        self.changed = threading.Condition()
        self.settled = threading.Event()
        self.settled.set()
        self.rebuild_lock = threading.Lock()

    def mark_pending(self) -> None:
        """A change was seen: hold requests until the rebuild it causes has finished."""
        self.settled.clear()

    def rebuild(self, paths: set[str] | None = None) -> RebuildReport:
        """Rebuild after a change to ``paths`` (None: everything) and publish the new state."""
        with self.rebuild_lock:
            try:
                with gc_paused():  # a collection over the whole playbook would double an edit's time
                    before = self.memo
                    try:
                        report = self._rebuild(paths)
                    except Exception as error:  # never let one rebuild end the rebuilding: say it, serve on
                        self.memo = None
                        report = self._publish_errors((), time.perf_counter(), f"the rebuild failed: {type(error).__name__}: {error}")
                if self.memo is not None and self.memo is not before:
                    # What a full build leaves is kept until the next one: freezing it spares every
                    # later collection from walking it (what it frees is freed by reference counts).
                    gc.collect()
                    gc.freeze()
                return report
            finally:
                self.settled.set()

    def _rebuild(self, paths: set[str] | None) -> RebuildReport:
        started = time.perf_counter()
        changed = None if paths is None else _relative_paths(self.root, paths)
        if changed is None or any(path == CONFIG_FILE or path.split("/", 1)[0] == "themes" for path in changed):
            self.memo = None  # a new config or theme: compile templates again, render everything
        # Between rebuilds only the files the watcher names can have changed; the rest are not
        # even looked at, which is what keeps an edit fast in a big playbook.
        self.cache.suspect(None if self.memo is None else changed)
        try:
            analysis = analyse_project(self.root, cache=self.cache)
        except ConfigError as error:
            return self._publish_errors(tuple(error.diagnostics), started, "playbook.yaml is invalid")
        if self.memo is not None and analysis.config != self.config:
            self.memo = None  # settings shape every page and the Markdown itself
        self.config = analysis.config
        errors = tuple(d for d in analysis.diagnostics if d.severity == Severity.ERROR)
        if errors:
            return self._publish_errors(errors, started)
        try:
            fresh = self.memo is None
            if fresh:
                self.memo = RenderMemo(load_theme(analysis))
            # No base URL in a preview: canonical links and a 404 <base> would point at production.
            files = SiteFiles(analysis, base_url="", include_drafts=self.include_drafts, memo=self.memo, limit=RENDER_LIMIT)
            if fresh:
                _try_every_template(files)
        except BuildError as error:
            self.memo = None
            return self._publish_errors((), started, str(error))
        self._publish(SiteState(self.state.version + 1, files, (), True))
        return RebuildReport(_ms(started), (), files.pages, self.cache.reloaded)

    def _publish_errors(self, errors: tuple[Diagnostic, ...], started: float, message: str = "") -> RebuildReport:
        if message and not errors:
            errors = (Diagnostic("", 1, 1, Severity.ERROR, "build", "theme", message),)
        self._publish(SiteState(self.state.version, self.state.files, errors, self.state.built))
        return RebuildReport(_ms(started), errors, message=message)

    def _publish(self, state: SiteState) -> None:
        with self.changed:
            self.state = state
            self.changed.notify_all()

    def current(self, timeout: float = 30.0) -> SiteState:
        """Return the state to answer a request from, after any pending rebuild has finished."""
        self.settled.wait(timeout)
        return self.state


def _try_every_template(files: SiteFiles) -> None:
    """Render one page of each template, so a broken theme is reported at once rather than
    when its page is first asked for (raises BuildError)."""
    tried: set[str] = set()
    for name, planned in files.planned.items():
        if planned.template not in tried:
            tried.add(planned.template)
            files[name]


def _relative_paths(root: Path, paths: set[str]) -> list[str]:
    """Return ``paths`` relative to ``root`` with forward slashes (the watcher's are absolute)."""
    resolved = root.resolve()
    relative = []
    for path in paths:
        try:
            relative.append(Path(path).resolve().relative_to(resolved).as_posix() if Path(path).is_absolute() else Path(path).as_posix())
        except ValueError:
            continue
    return relative


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


# --- Answering requests -------------------------------------------------------------------------

@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes = b""


def host_allowed(host_header: str | None, extra_host: str) -> bool:
    """Whether a request's Host is this machine: refuses DNS-rebinding pages on other names."""
    if not host_header:
        return True  # HTTP/1.0 without Host: no name for a rebinding page to use
    match = HOST.fullmatch(host_header.strip().lower())
    if match is None or (match.group(2) is not None and not 0 < int(match.group(2)) < 65536):
        return False  # not a name and a port at all: no browser sends that
    name = match.group(1)
    if name in LOCAL_HOSTS or name.endswith(".localhost"):
        return True
    return bool(extra_host) and name.strip("[]") == extra_host.lower().strip("[]")


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


def respond(site: DevSite, method: str, raw_path: str, host: str | None, extra_host: str = "") -> Response:
    """Answer one request from the current state of ``site``."""
    if not host_allowed(host, extra_host):
        return _text(HTTPStatus.FORBIDDEN, "Forbidden: this preview server answers only local host names.\n")
    if method not in ("GET", "HEAD"):
        return _text(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed\n", {"Allow": "GET, HEAD"})
    path = _path_of(raw_path)
    if path == PREFIX + "live.js":
        return Response(200, {"Content-Type": "text/javascript; charset=utf-8"}, LIVE_SCRIPT)
    state = site.current()
    if path == PREFIX + "state.json":
        return Response(200, {"Content-Type": "application/json"}, state.to_json())
    name = site_path(raw_path)
    if name is None:
        return _not_found(state)
    try:
        body = state.files.get(name)
    except BuildError as error:  # a template that fails for this page's data only
        return _template_failed(state, str(error))
    if body is None and not name.endswith("index.html") and f"{name}/index.html" in state.files:
        return Response(HTTPStatus.MOVED_PERMANENTLY, {"Location": path.rstrip("/") + "/"})
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
        page = (b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
                b"<body><h1>Not found</h1>" + (b"" if state.built else b"<p>The playbook has not built yet.</p>") + b"</body></html>")
    # The 404 page answers any address; a base makes its relative links resolve from the root.
    page = page.replace(b"<head>", b'<head><base href="/">', 1)
    return Response(HTTPStatus.NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}, inject_live_script(page, state.version))


def _template_failed(state: SiteState, message: str) -> Response:
    page = (b"<!doctype html><html lang=en><meta charset=utf-8><title>Template error</title><body>"
            b"<h1>This page's template failed</h1><pre>" + html.escape(message).encode("utf-8") +
            b"</pre><p>Fix the theme and save: this page reloads.</p></body></html>")
    return Response(HTTPStatus.INTERNAL_SERVER_ERROR, {"Content-Type": "text/html; charset=utf-8"},
                    inject_live_script(page, state.version))


def _text(status: int, text: str, headers: dict | None = None) -> Response:
    return Response(status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, text.encode())


def _content_type(name: str) -> str:
    kind = {".js": "text/javascript", ".json": "application/json", ".xml": "application/xml",
            ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml"}.get(Path(name).suffix)
    kind = kind or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in ("application/json", "application/xml") else kind


# --- The HTTP server ----------------------------------------------------------------------------

class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], site: DevSite, extra_host: str = ""):
        self.site = site
        self.extra_host = extra_host
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
        if _path_of(self.path) == PREFIX + "events" and method == "GET" and host_allowed(self.headers.get("Host"), self.server.extra_host):
            self._events()
            return
        response = respond(self.server.site, method, self.path, self.headers.get("Host"), self.server.extra_host)
        self.send_response(response.status)
        for name, value in {**response.headers, "Content-Length": str(len(response.body)), "Cache-Control": "no-store",
                            "X-Content-Type-Options": "nosniff"}.items():
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


def serve_site(root: Path, *, host: str, port: int, include_drafts: bool,
               log_rebuild: Callable[[RebuildReport], None], ready: Callable[[str], None], poll: bool = False) -> None:
    """Build, then serve and watch until interrupted (KeyboardInterrupt propagates after cleanup)."""
    from playbook.watch import ChangeCollector, start_watching

    site = DevSite(root, include_drafts=include_drafts)
    log_rebuild(site.rebuild())

    def rebuild(paths: set[str]) -> None:
        log_rebuild(site.rebuild(paths))

    collector = ChangeCollector(root, site.mark_pending, rebuild)
    observer = start_watching(root, collector, poll=poll)
    local = host in ("127.0.0.1", "localhost", "::1")
    server = DevServer((host, port), site, extra_host="" if local else host)
    shown = f"[{host}]" if ":" in host else host
    ready(f"http://{shown}:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        collector.stop()
        observer.stop()
        server.stopping.set()
        with site.changed:
            site.changed.notify_all()
        server.server_close()
