"""Serving beyond loopback: which Host names are answered (a phone on the LAN by IP, this
machine's names, --allow-host) and which are still refused (DNS rebinding needs a name), the
Local and Network URLs, -p, and a busy port said before the build."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from playbook.serve.hosts import host_policy, is_loopback, machine_names, network_addresses, preview_urls
from playbook.serve.server import DevServer, DevSite
from tests.support.briefs import brief

EXPOSED = host_policy("0.0.0.0", ["preview.example", ".app.github.dev"])
HOSTNAME = socket.gethostname().lower()


@pytest.mark.parametrize(
    "host",
    [
        "192.168.1.10",
        "192.168.1.10:8000",
        "10.0.0.1:5173",
        "[fe80::1]:8000",
        "[2001:db8::7]",
        "0.0.0.0:8000",
        "localhost:8000",
        "127.0.0.1",
        f"{HOSTNAME}:8000",
        f"{HOSTNAME}.local",
        "preview.example:8000",
        "PREVIEW.example",
        "fuzzy-space-8000.app.github.dev",
        "app.github.dev",
    ],
)
def test_bound_beyond_loopback_ip_literals_and_known_names_are_answered(host):
    assert EXPOSED.allows(host)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8000",
        "preview.example.evil.example",
        "notpreview.example",
        "app.github.dev.evil.example",
        "xapp.github.dev",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        "192.168.1.10.nip.io",
        "127.1",
        "2130706433",
        "0x7f000001",
        "192.168.1.10:99999",
        "[fe80::1%25eth0]",
        "192.168.1.10#evil.example",
    ],
)
def test_bound_beyond_loopback_every_other_name_is_still_refused(host):
    assert not EXPOSED.allows(host)


def test_on_loopback_only_local_names_and_allowed_ones_are_answered():
    local = host_policy("127.0.0.1", ["tunnel.example"])
    assert local.allows("localhost:8000") and local.allows("tunnel.example")  # a tunnel or a port forward
    assert not local.allows("192.168.1.10") and not local.allows(HOSTNAME + ".local")


def test_the_name_given_to_host_is_answered():
    named = host_policy("devbox.lan")
    assert named.exposed and named.allows("devbox.lan:8000") and not named.allows("other.lan")


@pytest.mark.parametrize("bind, loopback", [("127.0.0.1", True), ("::1", True), ("127.0.0.2", True),
                                            ("localhost", True), ("0.0.0.0", False), ("::", False),
                                            ("192.168.1.10", False), ("devbox.lan", False)])  # fmt: skip
def test_loopback_binds(bind, loopback):
    assert is_loopback(bind) is loopback


def test_the_machine_names_and_addresses_leave_out_loopback():
    assert HOSTNAME in machine_names() or HOSTNAME == "localhost"
    assert all(not a.startswith("127.") for a in network_addresses())


def test_preview_urls_as_vite_prints_them():
    assert preview_urls("127.0.0.1", 8000) == ("http://127.0.0.1:8000/", [])
    assert preview_urls("192.168.1.10", 8000) == (None, ["http://192.168.1.10:8000/"])
    local, network = preview_urls("0.0.0.0", 4000)
    assert local == "http://127.0.0.1:4000/"
    assert network == [f"http://{a}:4000/" for a in network_addresses()]


def _get(address: str, port: int, host: str) -> int:
    connection = http.client.HTTPConnection(address, port, timeout=5)
    connection.putrequest("GET", "/", skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_over_real_sockets_a_lan_device_is_answered_and_a_rebinding_name_refused(make_project):
    site = DevSite(make_project({"a": brief()}))
    site.rebuild()
    server = DevServer(("0.0.0.0", 0), site, host_policy("0.0.0.0", ["preview.example"]))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    port = server.server_address[1]
    try:
        for address in ["127.0.0.1", *network_addresses()]:  # over the LAN address, where there is one
            assert _get(address, port, f"{address}:{port}") == 200
        assert _get("127.0.0.1", port, f"{HOSTNAME}:{port}") == 200
        assert _get("127.0.0.1", port, "preview.example") == 200
        assert _get("127.0.0.1", port, f"evil.example:{port}") == 403
    finally:
        server.stop()


def test_serve_on_all_interfaces_prints_local_and_network_urls_and_warns(make_project):
    root = make_project({"a": brief()})
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "serve", str(root), "--host", "0.0.0.0", "-p", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines: list[str] = []
        give_up = time.monotonic() + 60
        while not any("Local:" in line for line in lines):
            line = process.stdout.readline()
            assert line and time.monotonic() < give_up, process.stderr.read()
            lines.append(line)
        port = int(re.search(r"Local: +http://127\.0\.0\.1:(\d+)/", lines[-1]).group(1))
        lines += [process.stdout.readline() for _ in network_addresses()]
        assert [line.split()[-1] for line in lines if "Network:" in line] == [
            f"http://{a}:{port}/" for a in network_addresses()
        ]
        assert _get("127.0.0.1", port, f"{HOSTNAME}:{port}") == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert "anyone who can reach this address can read the playbook" in err


def test_a_busy_port_is_said_before_the_build_with_the_way_out(make_project, run):
    root = make_project({"a": "---\ntitle: [broken\n---\n"})  # a build would print its error
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run("serve", str(root), "-p", str(port))
    assert code == 2
    assert f"port {port} on 127.0.0.1 is busy" in err and "--port 0" in err
    assert out == "" and "Traceback" not in err
