"""The preview server: request handling without sockets, Host and traversal vectors over raw
http.client, live-reload events, and incremental rebuilds that equal a full build."""

from __future__ import annotations

import http.client
import os
import threading
import time
from pathlib import Path

import pytest

from playbook.analysis.project import analyse_project
from playbook.cli.building import rebuild_line
from playbook.cli.report import Style
from playbook.serve.hosts import LOCAL_ONLY
from playbook.serve.server import DevServer, DevSite, inject_live_script, respond, site_path
from playbook.serve.sitefiles import SiteFiles
from tests.support.briefs import brief


def full_build(root: Path) -> dict[str, bytes]:
    return dict(SiteFiles(analyse_project(root)))


@pytest.fixture
def site(make_project) -> DevSite:
    root = make_project(
        {"a": brief(), "b": brief(("related: []", "related: [a]"))}, pages={"about": "# About\n\nSee [[a]]."}
    )
    dev = DevSite(root)
    assert dev.rebuild().errors == ()
    return dev


@pytest.mark.parametrize(
    "host, allowed",
    [
        ("localhost:8000", True),
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("LOCALHOST", True),
        ("preview.localhost:8000", True),
        (None, True),
        ("evil.com", False),
        ("evil.com:8000", False),
        ("localhost.evil.com", False),
        ("127.0.0.1.nip.io", False),
        ("192.168.1.10:8000", False),
        ("[::2]:8000", False),
        ("attacker.com#localhost", False),
    ],
)
def test_host_vectors(host, allowed):
    assert LOCAL_ONLY.allows(host) is allowed


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("/", "index.html"),
        ("/briefs/a/", "briefs/a/index.html"),
        ("/briefs/a/index.html", "briefs/a/index.html"),
        ("/search/?q=x", "search/index.html"),
        ("/assets/style.css#x", "assets/style.css"),
        ("/../etc/passwd", None),
        ("/briefs/../../etc/passwd", None),
        ("/%2e%2e/%2e%2e/etc/passwd", None),
        ("/%2E%2E%2Fetc%2Fpasswd", None),
        ("/..%5c..%5cetc", None),
        ("/a%00.html", None),
        ("/./index.html", None),
        ("//etc/passwd", "etc/passwd"),
    ],
)
def test_site_path_refuses_traversal(raw, expected):
    assert site_path(raw) == expected


def test_respond_serves_pages_with_the_live_script(site):
    response = respond(site, "GET", "/briefs/a/", "localhost:8000")
    assert response.status == 200 and response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'<script src="/__playbook__/live.js" data-version="1"></script></body>' in response.body
    css = respond(site, "GET", "/assets/style.css", "localhost")
    assert (
        css.status == 200
        and css.headers["Content-Type"] == "text/css; charset=utf-8"
        and b"live.js" not in css.body
    )
    assert respond(site, "GET", "/briefs/a", "localhost").headers["Location"] == "/briefs/a/"
    missing = respond(site, "GET", "/nope/", "localhost")
    assert missing.status == 404 and b"live.js" in missing.body
    assert respond(site, "GET", "/", "evil.com").status == 403
    assert respond(site, "POST", "/", "localhost").status == 405
    assert respond(site, "GET", "/__playbook__/live.js", "localhost").status == 200


def test_the_build_never_contains_the_live_script(site):
    assert all(b"__playbook__" not in content for content in full_build(site.root).values())
    assert inject_live_script(b"<p>no body", 3).endswith(b'data-version="3"></script>')


def test_incremental_rebuilds_equal_a_full_build(site):
    root = site.root
    briefs = root / "content/briefs"
    edits = [
        lambda: (briefs / "a.md").write_text(brief(("Interviews and notes.", "New words about [[b]]."))),
        lambda: (briefs / "b.md").write_text(
            brief(
                ("title: Renewal-date extraction for in-house legal", "title: A new title for b"),
                ("related: []", "related: [a]"),
            )
        ),
        lambda: (briefs / "c.md").write_text(
            brief(("  accuracy: 0.93", "  accuracy: 0.5"), ("tags: [legal, extraction]", "tags: [new-tag]"))
        ),
        lambda: os.rename(briefs / "c.md", briefs / "d.md"),
        lambda: (briefs / "d.md").unlink(),
        lambda: (root / "content/about.md").write_text("# About\n\nNow [[b]] only."),
        lambda: (root / "playbook.yaml").write_text("title: Renamed playbook\nrules: {PB202: info}\n"),
    ]
    for edit in edits:
        edit()
        time.sleep(0.01)  # a distinct modification time even on coarse clocks
        report = site.rebuild({str(root / "content")})
        assert report.errors == ()
        assert site.state.files == full_build(root)
    assert site.state.version == 1 + len(edits)


def test_a_brief_with_errors_is_left_out_and_the_rest_is_served(site):
    (site.root / "content/briefs/a.md").write_text(brief(("  frequency: weekly", "  frequency: weakly")))
    report = site.rebuild({"content/briefs/a.md"})
    assert [d.code for d in report.errors] == ["PB002"] and report.left_out == ("content/briefs/a.md",)
    assert site.state.version == 2 and not site.state.blocking, "the preview is current, not the last build"
    said = rebuild_line(report, site.root, Style(False), quiet=True)
    assert said.startswith("content/briefs/a.md:14:14: error PB002") and said.rstrip().endswith(
        "1 error in content/briefs/a.md, left out of the preview until fixed"
    )
    index = respond(site, "GET", "/", "localhost")
    assert index.status == 200 and b"briefs/b/" in index.body and b"briefs/a/" not in index.body
    other = respond(site, "GET", "/briefs/b/", "localhost")
    assert other.status == 200 and b'href="../a/"' not in other.body, "no link to a page that is not there"
    assert respond(site, "GET", "/about/", "localhost").status == 200
    own = respond(site, "GET", "/briefs/a/", "localhost")
    assert own.status == 200 and b"is left out of the preview" in own.body
    assert b"content/briefs/a.md:" in own.body and b"PB002 schema" in own.body and b"weakly" in own.body
    assert b"/__playbook__/live.js" in own.body, "it reloads once fixed"
    assert respond(site, "GET", "/briefs/a", "localhost").status == 301
    state = respond(site, "GET", "/__playbook__/state.json", "localhost").body
    assert b'"broken": [{"path": "content/briefs/a.md", "url": "/briefs/a/", "title": "Renewal-date' in state
    (site.root / "content/briefs/a.md").write_text(brief())
    assert site.rebuild({"content/briefs/a.md"}).errors == ()
    assert site.state.errors == () and site.state.broken == () and site.state.version == 3
    assert b"briefs/a/" in respond(site, "GET", "/", "localhost").body


def test_a_brief_that_does_not_load_shows_its_errors_at_its_file_names_address(site):
    (site.root / "content/briefs/a.md").write_text("---\ntitle: [broken\n---\n")
    report = site.rebuild({"content/briefs/a.md"})
    assert [d.code for d in report.errors] == ["PB001"]
    own = respond(site, "GET", "/briefs/a/", "localhost")
    assert (
        own.status == 200
        and b"PB001" in own.body
        and b"<title>Errors in content/briefs/a.md</title>" in own.body
    )
    assert respond(site, "GET", "/briefs/b/", "localhost").status == 200


def test_a_drafts_errors_leave_it_out_only_while_drafts_are_shown(make_project):
    half = brief(("  frequency: weekly", None), ("related: []", "related: []\ndraft: true"))
    root = make_project({"a": brief(), "half": half})
    shown = DevSite(root, include_drafts=True)
    report = shown.rebuild()
    assert report.left_out == ("content/briefs/half.md",)
    said = rebuild_line(
        report, root, Style(False), quiet=True
    ).rstrip()  # says it is a draft, and how to hide drafts
    assert said.endswith(
        "1 error in content/briefs/half.md (a draft), left out of the preview until fixed; "
        "--no-drafts previews as published"
    ), said
    assert b'"draft": true' in shown.state.to_json()
    assert b"(a draft) has 1 error" in respond(shown, "GET", "/briefs/half/", "localhost").body
    hidden = DevSite(root, include_drafts=False)
    assert hidden.rebuild().errors == () and hidden.state.broken == ()
    assert respond(hidden, "GET", "/briefs/half/", "localhost").status == 404


def test_a_bad_config_keeps_the_last_good_build_and_clears_when_fixed(site):
    good = site.state.files
    (site.root / "playbook.yaml").write_text("title: [broken\n")
    report = site.rebuild({"playbook.yaml"})
    assert report.errors and report.message == "playbook.yaml is invalid"
    assert site.state.files is good and site.state.version == 1 and site.state.blocking
    assert b'"blocking": true' in respond(site, "GET", "/__playbook__/state.json", "localhost").body
    (site.root / "playbook.yaml").unlink()
    assert site.rebuild({"playbook.yaml"}).errors == ()
    assert site.state.errors == () and site.state.version == 2 and not site.state.blocking


@pytest.fixture
def server(site):
    httpd = DevServer(("127.0.0.1", 0), site)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.stop()


def raw_get(server, path: str, host: str = "localhost") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    headers = dict(response.getheaders())
    connection.close()
    assert "Access-Control-Allow-Origin" not in headers
    return response.status, body


@pytest.mark.parametrize(
    "path",
    [
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/briefs/..%2f..%2f..%2fpyproject.toml",
        "/content/briefs/a.md",
        "/../content/briefs/a.md",
    ],
)
def test_traversal_over_the_wire_is_404(server, path):
    status, body = raw_get(server, path)
    assert status == 404 and b"root:" not in body and b"title:" not in body


def test_host_over_the_wire(server):
    assert raw_get(server, "/", "evil.example:80")[0] == 403
    assert raw_get(server, "/", f"localhost:{server.server_address[1]}")[0] == 200


def test_malformed_requests_do_not_kill_the_server(server):
    import socket

    for garbage in (
        b"\x00\x01\x02\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"A" * 70000 + b"\r\n\r\n",
    ):
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as sock:
            sock.sendall(garbage)
            try:
                sock.recv(1024)
            except OSError:
                pass
    assert raw_get(server, "/")[0] == 200


def test_events_announce_a_new_version_after_the_files_are_in_place(server, site):
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    connection.request("GET", "/__playbook__/events", headers={"Host": "localhost"})
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    first = response.fp.readline() + response.fp.readline() + response.fp.readline()
    assert b'"version": 1' in first
    (site.root / "content/briefs/a.md").write_text(brief(("Interviews and notes.", "Fresh words.")))
    site.rebuild({"content/briefs/a.md"})
    lines = b""
    while b'"version": 2' not in lines:
        lines += response.fp.readline()
    assert b"Fresh words." in raw_get(server, "/briefs/a/")[1]
    connection.close()


def test_the_command_prints_its_url_and_stops_cleanly_on_ctrl_c(make_project):
    import re
    import signal
    import subprocess
    import sys
    import urllib.request

    root = make_project({"a": brief()})
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "serve", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        while not any("Local:" in line for line in lines):
            line = process.stdout.readline()
            assert line, process.stderr.read()
            lines.append(line)
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", lines[-1]).group(0)
        assert url != "http://127.0.0.1:0/"
        with urllib.request.urlopen(url + "briefs/a/", timeout=5) as response:
            assert b"Renewal-date extraction" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err


def test_a_request_during_a_pending_change_waits_for_the_rebuild(site):
    site.mark_pending()  # the watcher saw a save; the rebuild has not run yet
    answers = []
    waiting = threading.Thread(target=lambda: answers.append(respond(site, "GET", "/briefs/a/", "localhost")))
    waiting.start()
    time.sleep(0.2)
    assert answers == []  # held back rather than served stale
    (site.root / "content/briefs/a.md").write_text(brief(("Interviews and notes.", "Words from the save.")))
    site.rebuild({"content/briefs/a.md"})
    waiting.join(timeout=5)
    assert b"Words from the save." in answers[0].body


def test_symlinks_out_of_the_theme_are_not_served(make_project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private key")
    root = make_project({"a": brief()}, config="theme: t\n")
    (root / "themes/t/assets").mkdir(parents=True)
    os.symlink(secret, root / "themes/t/assets/leak.txt")
    os.symlink(tmp_path, root / "themes/t/assets/outside")
    dev = DevSite(root)
    assert dev.rebuild().errors == ()
    assert respond(dev, "GET", "/assets/leak.txt", "localhost").status == 404
    assert not any(b"private key" in body for body in dev.state.files.values())


def test_the_404_page_works_at_any_depth(site):
    response = respond(site, "GET", "/briefs/renamed-long-ago/", "localhost")
    assert response.status == 404
    assert b'<head><base href="/">' in response.body  # its relative links resolve from the root


def test_pages_are_rendered_when_asked_for_and_reused_while_unchanged(site):
    memo = site.memo.render
    before = memo.rendered
    first = respond(site, "GET", "/briefs/b/", "localhost").body
    assert memo.rendered == before + 1
    (site.root / "content/briefs/a.md").write_text(
        brief(("Interviews and notes.", "Only the body of a changed."))
    )
    report = site.rebuild({"content/briefs/a.md"})
    assert report.reloaded == 1 and report.pages == len(site.state.files.planned)
    assert respond(site, "GET", "/briefs/b/", "localhost").body == first.replace(
        b'data-version="1"', b'data-version="2"'
    )
    assert memo.rendered == before + 1  # b's context is the same: served from the memo
    assert b"Only the body of a changed." in respond(site, "GET", "/briefs/a/", "localhost").body
    assert memo.rendered == before + 2


def test_a_rebuild_reads_only_the_files_the_watcher_names(site):
    briefs = site.root / "content/briefs"
    (briefs / "a.md").write_text(brief(("Interviews and notes.", "Seen by the watcher.")))
    (briefs / "b.md").write_text(
        brief(("Interviews and notes.", "Not named by the watcher."), ("related: []", "related: [a]"))
    )
    (briefs / "new.md").write_text(
        brief(("title: Renewal-date extraction for in-house legal", "title: A brand new brief"))
    )
    report = site.rebuild({str(briefs / "a.md"), str(briefs / "new.md")})
    assert report.reloaded == 2  # a, and the new file, found by listing the folder again
    assert b"A brand new brief" in site.state.files["index.html"]
    assert b"Not named" not in site.state.files["briefs/b/index.html"]
    # A request for b's page finds b.md changed since it was read, and rebuilds before answering.
    assert b"Not named by the watcher." in respond(site, "GET", "/briefs/b/", "localhost").body
    assert site.rebuild().reloaded == 0  # a full look finds nothing left


def test_a_template_failing_for_one_page_answers_with_its_error(make_project):
    root = make_project(
        {"a": brief(), "b": brief(("title: Renewal-date extraction for in-house legal", "title: Zoom"))},
        config="theme: t\n",
    )
    (root / "themes/t/templates").mkdir(parents=True)
    (root / "themes/t/templates/brief.html").write_text(
        '{% extends "default/brief.html" %}{% block content %}{% if brief.title == '
        '"Zoom" %}{{ none.missing() }}'
        "{% endif %}{{ super() }}{% endblock %}"
    )
    dev = DevSite(root)
    assert dev.rebuild().errors == ()
    assert respond(dev, "GET", "/briefs/a/", "localhost").status == 200
    failed = respond(dev, "GET", "/briefs/b/", "localhost")
    assert failed.status == 500 and b"brief.html" in failed.body and b"live.js" in failed.body


def test_serve_shows_drafts_marked_unless_told_not_to(make_project):
    draft = brief(
        ("status: exploring", "status: exploring\ndraft: true"),
        ("title: Renewal-date extraction for in-house legal", "title: Work in progress"),
    )
    root = make_project({"a": brief(), "d": draft})
    from playbook.cli.main import build_parser

    assert build_parser().parse_args(["serve"]).drafts is True
    assert build_parser().parse_args(["serve", "--no-drafts"]).drafts is False
    shown = DevSite(root, include_drafts=True)
    assert shown.rebuild().errors == ()
    index = respond(shown, "GET", "/", "localhost").body
    assert b'Work in progress</a> <span class="badge draft">Draft</span>' in index
    hidden = DevSite(root, include_drafts=False)
    assert hidden.rebuild().errors == ()
    assert b"Work in progress" not in respond(hidden, "GET", "/", "localhost").body


def test_an_edit_that_keeps_the_length_and_the_time_is_seen(site):
    path = site.root / "content/briefs/a.md"
    times = os.stat(path)
    text = path.read_text()
    assert "Interviews and notes." in text
    path.write_text(text.replace("Interviews and notes.", "Interviews and NOTES."))
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert site.rebuild({str(path)}).errors == ()
    assert b"Interviews and NOTES." in respond(site, "GET", "/briefs/a/", "localhost").body
