"""The built example site checked by real tools: the Nu HTML checker, a crawl over a loopback
server under a sub-path, and Chromium opening it from file://."""

from __future__ import annotations

import functools
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from tests.support.history_repo import example_with_history
from tests.support.sitecheck import parse

REPO = Path(__file__).resolve().parent.parent
VNU = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Path:
    """The example playbook, with a quarter of git history (so the Changes page and every brief's
    timeline are checked too), built and placed at www/team/playbook/ (a sub-path)."""
    from playbook.cli.main import main

    root = tmp_path_factory.mktemp("deploy")
    example_with_history(root / "project", REPO / "content")
    out = root / "www/team/playbook"
    assert (
        main(
            [
                "build",
                str(root / "project"),
                "-o",
                str(out),
                "--base-url",
                "http://127.0.0.1/team/playbook/",
                "--since",
                "review-q3",
            ]
        )
        == 0
    )
    assert (out / "changes/index.html").is_file() and 'class="timeline"' in (
        out / "briefs/ci-failure-triage/index.html"
    ).read_text()
    return out


def test_nu_html_checker_finds_no_errors(deployed):
    assert VNU.is_file(), "the Nu HTML checker is missing: run .ci/run, which installs it from npm"
    pages = sorted(str(p) for p in deployed.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "text", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-5000:]


@pytest.fixture(scope="module")
def server(deployed):
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(deployed.parent.parent.parent))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_crawl_from_a_sub_path_reaches_every_page(server, deployed):
    start = f"{server}/www/team/playbook/index.html"
    seen, queue, failures = set(), [start], []
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        seen.add(address)
        try:
            with urlopen(address, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except OSError as error:
            failures.append(f"{address}: {error}")
            continue
        if kind == "text/html":
            for link in parse(body.decode("utf-8")).links:
                target = urljoin(address, link).split("#")[0]
                if urlsplit(target).netloc == urlsplit(server).netloc:
                    queue.append(target)
    assert failures == []
    pages = {
        f"{server}/www/team/playbook/{p.relative_to(deployed).as_posix()}" for p in deployed.rglob("*.html")
    }
    unreachable = sorted(pages - seen - {f"{server}/www/team/playbook/404.html"})
    assert unreachable == []


def test_the_site_works_from_file_urls(page, deployed):
    page.goto(deployed.joinpath("index.html").as_uri())
    page.get_by_role("link", name="First-pass review of inbound customer MSAs").first.click()
    assert page.url.endswith("/briefs/msa-redline-review/index.html")
    page.get_by_role("link", name="Criteria").first.click()
    assert page.url.endswith("/criteria/index.html")
    page.goto(deployed.joinpath("search/index.html").as_uri() + "?q=contract")
    results = page.locator("#search-results a")
    results.first.wait_for(timeout=5000)
    assert results.count() >= 2
    results.first.click()
    assert "/briefs/" in page.url
