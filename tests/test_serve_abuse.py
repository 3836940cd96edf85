"""`playbook serve` under abuse, as a real process: a thousand malformed or oversized requests,
slow clients, event-stream clients coming and going, traversal and Host vectors, a burst of 200
saves. It keeps answering correctly, and its threads and memory (read from /proc) come back to
where they were. No assertion depends on how fast this machine is: every wait is generous."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.briefs import brief
from tests.support.hostile import BUILD_EPOCH

SECRET = "SECRET-NEXT-TO-THE-PROJECT"


class Server:
    """``playbook serve`` on a free port, in its own process."""

    def __init__(self, root: Path):
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "playbook", "serve", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_COLOR": "1"},
        )
        self.lines: list[str] = []
        give_up = time.monotonic() + 60
        while not any("Local:" in line for line in self.lines):
            line = self.process.stdout.readline()
            assert line and time.monotonic() < give_up, self.process.stderr.read()
            self.lines.append(line)
        self.port = int(re.search(r"127\.0\.0\.1:(\d+)/", self.lines[-1]).group(1))
        threading.Thread(target=self._read_output, daemon=True).start()

    def _read_output(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def threads(self) -> int:
        return int(
            re.search(r"Threads:\s+(\d+)", Path(f"/proc/{self.process.pid}/status").read_text()).group(1)
        )

    def rss_kb(self) -> int:
        return int(
            re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{self.process.pid}/status").read_text()).group(1)
        )

    def raw(self, request: bytes, timeout: float = 10) -> tuple[int | None, bytes]:
        """Send raw bytes and hang up the sending side; return the status (None if the connection
        closed without one) and the body."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            try:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the server may close before reading everything; its answer is what counts
            data = b""
            try:
                while chunk := sock.recv(65536):
                    data += chunk
            except OSError:
                pass
        match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        if match is None:  # to a request without a valid version, an error comes HTTP/0.9 style: a bare page
            match = re.search(rb"Error code: (\d{3})", data)
        return (int(match.group(1)) if match else None), data.partition(b"\r\n\r\n")[2]

    def get(self, path: str, host: str = "localhost") -> tuple[int | None, bytes]:
        return self.raw(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())

    def settle(self, threads: int, seconds: float = 20) -> int:
        """Wait until the thread count is back to ``threads`` (or seconds pass); return it."""
        give_up = time.monotonic() + seconds
        while self.threads() > threads and time.monotonic() < give_up:
            time.sleep(0.1)
        return self.threads()

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return err


def make_served_project(base: Path) -> Path:
    root = base / "project"
    (root / "content/briefs").mkdir(parents=True)
    (root / "content/briefs/a.md").write_text(
        brief(("Interviews and notes.", "The served words.")), encoding="utf-8"
    )
    (root / "content/briefs/b.md").write_text(brief(("related: []", "related: [a]")), encoding="utf-8")
    (root / "playbook.yaml").write_text("title: Abused playbook\n", encoding="utf-8")
    # Siblings whose names start like the project's, for sibling-prefix traversal.
    for sibling in ("project-secrets", "projectx"):
        (base / sibling).mkdir()
        (base / sibling / "key.txt").write_text(SECRET, encoding="utf-8")
    (root.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    served = Server(make_served_project(tmp_path_factory.mktemp("abuse")))
    assert served.get("/")[0] == 200
    yield served
    err = served.stop()
    assert served.process.returncode == 0 and "Traceback" not in err, err


def assert_serves_correctly(server: Server) -> None:
    status, body = server.get("/briefs/a/")
    assert status == 200 and b"The served words." in body
    status, body = server.get("/")
    assert status == 200 and b"Abused playbook" in body


# Each malformed request, and how the server must answer it (None: it may just close).
MALFORMED = [
    (b"\x00\x01\x02\x03\r\n\r\n", 400),
    (b"GET\r\n\r\n", 400),
    (b"GET / HTTP/9.9\r\n\r\n", 505),
    (b"GET / HTTP/1.1 extra\r\n\r\n", 400),
    (b"\xff\xfe\xfd / HTTP/1.1\r\n\r\n", 501),
    (b"A" * 70_000 + b"\r\n\r\n", 414),
    (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\n" + b"X-Flood: y\r\n" * 200 + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"b" * 70_000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nbroken header line\r\n\r\n", 200),
    (b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999\r\n\r\n", 405),
    (b"PUT /briefs/a/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello", 501),
    (b"DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n", 501),
    (b"CONNECT localhost:22 HTTP/1.1\r\nHost: localhost\r\n\r\n", 501),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n", 200),
    (b"GET /%zz%%%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 404),
    (b"GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n", 404),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n" * 20, 200),
    (b"GET /__playbook__/events HTTP/1.1\r\nHost: evil.example\r\n\r\n", 403),
    (b"", None),
    (b"\r\n", None),
]


def test_a_thousand_malformed_or_oversized_requests(server):
    threads, rss = server.threads(), server.rss_kb()
    jobs = [MALFORMED[i % len(MALFORMED)] for i in range(1000)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda job: server.raw(job[0])[0], jobs))
    wrong = {
        (request[:40], expected, got)
        for (request, expected), got in zip(jobs, answers)
        if expected is not None and got != expected
    }
    assert wrong == set()
    assert_serves_correctly(server)
    assert server.settle(threads) <= threads
    assert server.rss_kb() - rss < 30_000  # kB: flat, give or take the allocator


SLOW_REQUEST = b"GET /briefs/a/ HTTP/1.1\r\nHost: localhost\r\n\r\n"


def test_slow_clients_do_not_stop_others(server):
    threads = server.threads()
    slow = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(60)]
    try:
        for index in range(12):  # a byte at a time, interleaved, never finishing the request
            for sock in slow:
                sock.sendall(SLOW_REQUEST[index : index + 1])
            assert_serves_correctly(server)  # answered meanwhile
            time.sleep(0.05)
        assert server.threads() <= threads + 60 + 2  # one thread a connection, no more
    finally:
        for sock in slow:
            sock.close()
    assert server.settle(threads) <= threads  # their threads end when they hang up


def test_a_slow_client_that_finishes_gets_its_page(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        for byte in SLOW_REQUEST:
            sock.sendall(bytes([byte]))
            time.sleep(0.005)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data.startswith(b"HTTP/1.0 200") and b"The served words." in data


def test_event_stream_clients_coming_and_going(server):
    threads = server.threads()
    for _ in range(200):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(b"GET /__playbook__/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            first = b""
            while b"\n\n" not in first.partition(b"\r\n\r\n")[2]:
                first += sock.recv(4096)
            assert b"event: state" in first
    assert_serves_correctly(server)
    assert server.threads() <= threads + 200 + 2  # never more than one thread a client
    assert (
        server.settle(threads, seconds=3) <= threads
    )  # each ends soon after its client, not at the next keep-alive
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as listener:
        listener.sendall(b"GET /__playbook__/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        data = b""
        while b"event: state" not in data:
            data += listener.recv(4096)
        assert b'"version": 1' in data  # a new client still hears the state


TRAVERSAL = [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/..%252f..%252fetc%252fpasswd",
    "/..%5c..%5c..%5cetc%5cpasswd",
    "/..\\..\\..\\etc\\passwd",
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/.%2e/.%2e/etc/passwd",
    "/..;/..;/etc/passwd",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/../project-secrets/key.txt",
    "/..%2fproject-secrets%2fkey.txt",
    "/../projectx/key.txt",
    "/assets/../../project-secrets/key.txt",
    "/briefs/a/../../../secret.txt",
    "/content/briefs/a.md",
    "/playbook.yaml",
    "/../playbook.yaml",
    "/.playbook-cache/",
    "/%00",
    "/index.html%00.md",
    "/assets/style.css/..%2f..%2f..%2fsecret.txt",
    "//etc/passwd",
    "///secret.txt",
    "/./../secret.txt",
    "http://localhost/../secret.txt",
    "/__playbook__/../../secret.txt",
    "/__playbook__/live.js/../../secret.txt",
    # Vite's fs.deny bypasses, in our terms: query suffixes and special prefixes never reach a file.
    "/@fs/etc/passwd",
    "/@fs/../secret.txt?raw",
    "/playbook.yaml?raw",
    "/content/briefs/a.md?import&raw",
    "/.git/config",
    "/index.html/..%2f..%2fsecret.txt",
]


@pytest.mark.parametrize("path", TRAVERSAL)
def test_traversal_is_404_and_leaks_nothing(server, path):
    status, body = server.raw(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    assert (
        status == 404
        and SECRET.encode() not in body
        and b"root:" not in body
        and b"title: Abused" not in body
    )


@pytest.mark.parametrize("path", ["/", "/briefs/a/", "/__playbook__/state.json", "/nope"])
def test_no_cross_origin_reads(server, path):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: localhost\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(4096)
    assert b"access-control-allow" not in head.lower() and head.startswith(b"HTTP/1.0 ")


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST",
        "localhost:{port}",
        "127.0.0.1",
        "127.0.0.1:{port}",
        "[::1]",
        "[::1]:{port}",
        "preview.localhost",
        "preview.localhost:{port}",
    ],
)
def test_local_host_names_are_served(server, host):
    assert server.get("/", host.format(port=server.port))[0] == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        "localtest.me",
        "0.0.0.0",
        "0.0.0.0:{port}",
        "127.1",
        "2130706433",
        "0x7f000001",
        "[::ffff:127.0.0.1]",
        "[::]",
        "[::2]:{port}",
        "192.168.1.10",
        "10.0.0.1:{port}",
        "localhost.",
        "evil.example#localhost",
        "evil.example/localhost",
    ],
)
def test_other_host_names_are_refused_dns_rebinding(server, host):
    for path in ("/", "/briefs/a/", "/__playbook__/state.json", "/__playbook__/events"):
        status, body = server.get(path, host.format(port=server.port))
        assert status == 403 and b"The served words." not in body


def test_a_burst_of_200_saves_becomes_a_few_rebuilds_and_the_last_one_shows(tmp_path):
    served = Server(make_served_project(tmp_path))
    try:
        assert served.get("/briefs/a/")[0] == 200
        threads, rss, rebuilds = served.threads(), served.rss_kb(), len(served.lines)
        target = served.root / "content/briefs/a.md"
        for index in range(200):
            text = brief(("Interviews and notes.", f"Save number {index}."))
            if index % 2:  # an editor's atomic save: write beside, rename over
                temporary = target.with_name(f".a.md.{index}.tmp")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, target)
            else:
                target.write_text(text, encoding="utf-8")
        give_up = time.monotonic() + 60
        while b"Save number 199." not in served.get("/briefs/a/")[1]:
            assert time.monotonic() < give_up, "".join(served.lines[-5:])
            time.sleep(0.1)
        time.sleep(1)  # let any rebuild still queued finish
        built = [line for line in served.lines[rebuilds:] if "built in" in line]
        assert 1 <= len(built) <= 100, len(built)  # coalesced; each save did not rebuild on its own
        assert not any("error" in line for line in served.lines[rebuilds:])
        assert_serves_correctly_after_saves(served)
        assert served.settle(threads) <= threads
        assert served.rss_kb() - rss < 50_000
    finally:
        err = served.stop()
    assert "Traceback" not in err, err


def assert_serves_correctly_after_saves(server: Server) -> None:
    status, body = server.get("/briefs/a/")
    assert status == 200 and b"Save number 199." in body
    assert server.get("/")[0] == 200


@pytest.mark.parametrize(
    "host",
    ["localhost:evil", "localhost:8000@evil.example", "[::1]evil.example", "127.0.0.1:", "localhost:99999"],
)
def test_a_local_name_with_a_malformed_port_is_refused(server, host):
    assert server.get("/", host)[0] in (400, 403)
