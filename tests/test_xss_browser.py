"""XSS in a real browser: hostile strings in every front-matter field, in bodies, tags, sufferer
names, wikilink text, plain pages and playbook.yaml; the built site opened in headless Chromium
page by page (and searched, filtered and sorted), and the dev server's error overlay. Nothing may
run: no dialog, no canary set, no request an injected element would make, and no violation of a
report-only Content-Security-Policy that allows only the theme's own scripts."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.briefs import brief
from tests.support.hostile import BUILD_EPOCH, cli
from tests.support.htmlcheck import live_markup

REPO = Path(__file__).resolve().parent.parent
THEME_SCRIPTS = {p.name for p in (REPO / "src/playbook/themes/default/assets").glob("*.js")} | {
    "search-index.js",
    "search-words.js",
}
BASE_URL = "https://example.com/playbook/"  # the 404 page's <base> and its scripts point there
CSP = (
    f"script-src 'self' {BASE_URL}; object-src 'none'; base-uri 'self' {BASE_URL}; "
    "form-action 'self'; frame-src 'none'"
)

# Every payload, if it ever ran, would open a dialog, set window.__pwned, or ask for /pwned*.
PAYLOADS = [
    "<script>alert('xss-script')</script>",
    "<img src=/pwned-img onerror=alert('xss-img')>",
    "\"><svg onload=alert('xss-svg')>",
    "'><details open ontoggle=alert('xss-toggle')>",
    "</script><script>window.__pwned='close-script'</script>",
    "';window.__pwned='js-string';'",
    "{{constructor.constructor('alert(1)')()}}",
    "<iframe srcdoc=\"<script>parent.alert('xss-srcdoc')</script>\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=/pwned-mxss onerror=alert('mxss')>",
    "<a href=\"javascript:alert('xss-href')\">click</a>",
    "javascript:alert('xss-bare-url')",
    "\"};window.__pwned='json-break';//",
    '<base href="//evil.example/"><link rel=stylesheet href=/pwned-css>',
    '<meta http-equiv=refresh content="0;url=/pwned-refresh">',
]
HOSTILE = " ".join(PAYLOADS)
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
MARKDOWN = f"""\
## {PAYLOADS[2]}

{HOSTILE}

[a](javascript:alert('md-link')) [b](JaVaScRiPt:alert('md-case')) [c](&#106;avascript:alert('md-entity'))
[d](vbscript:msgbox)
[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <javascript:alert('autolink')>
![f](javascript:alert('md-image')) ![g]({PIXEL} "{PAYLOADS[1]}")

[[b|{PAYLOADS[1]}]] and [[b|<svg onload=alert('wikilabel')>]]

A footnote[^x].

[^x]: {PAYLOADS[0]}

| {PAYLOADS[2]} | b |
|---|---|
| {PAYLOADS[1]} | [x](javascript:alert('table')) |

```html
{PAYLOADS[0]}
```
"""


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a double-quoted YAML scalar


def hostile_brief(index: int) -> str:
    h = quoted(f"{index} {HOSTILE}")
    return brief(
        ("title: Renewal-date extraction for in-house legal", f"title: {h}"),
        ("owner: Dana Lee", f"owner: {h}"),
        (
            "tags: [legal, extraction]",
            f"tags: [{quoted(PAYLOADS[0])}, {quoted(PAYLOADS[2])}, {quoted(PAYLOADS[10])}]",
        ),
        ("  who: In-house counsel at mid-size SaaS companies", f"  who: {h}"),
        (
            "  losing: 6 hours a week re-reading vendor contracts for renewal terms",
            f"  losing: {quoted('6 hours ' + HOSTILE)}",
        ),
        ("    - 12 interviews; 9 named it a top-3 pain", f"    - {h}\n    - {quoted(PAYLOADS[9])}"),
        ("  when_wrong: A missed auto-renewal clause renews an unwanted contract", f"  when_wrong: {h}"),
        ("  alternative: A paralegal reads every contract, 45 minutes each", f"  alternative: {h}"),
        ("  measured_on: 500 real vendor contracts, hand-labelled", f"  measured_on: {h}"),
        ("  problem: Extract the renewal date and notice period from vendor contracts", f"  problem: {h}"),
        (
            "  workflow_steps: [upload, extract, verify, export]",
            f"  workflow_steps: [{h}, extract, {quoted(PAYLOADS[1])}]",
        ),
        ("  covered_steps: [upload, extract, verify, export]", f"  covered_steps: [{h}, extract]"),
        ("  accuracy: 0.93", "  accuracy: 0.5" if index == 2 else "  accuracy: 0.93"),  # one in the model gap
        # An unknown field: a warning whose message carries the payload to the checklist and criteria page.
        ("related: []", f"related: [{'b' if index == 1 else 'a'}]\n{quoted(PAYLOADS[1])}: x"),
        ("Interviews and notes.", MARKDOWN),
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    import os

    root = tmp_path_factory.mktemp("xss") / "project"
    (root / "content/briefs").mkdir(parents=True)
    (root / "content/briefs/a.md").write_text(hostile_brief(1), encoding="utf-8")
    (root / "content/briefs/b.md").write_text(hostile_brief(2), encoding="utf-8")
    (root / "content/briefs/c.md").write_text(
        hostile_brief(3).replace("status: exploring", "status: shipped"), encoding="utf-8"
    )
    (root / "content/about.md").write_text(
        f"---\ntitle: {quoted(HOSTILE)}\ndescription: {quoted(HOSTILE)}\n---\n{MARKDOWN}", encoding="utf-8"
    )
    (root / "playbook.yaml").write_text(
        f"title: {quoted(HOSTILE)}\ndescription: {quoted(HOSTILE)}\n", encoding="utf-8"
    )
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        code, out, err = cli("build", str(root), "--no-cache", "--base-url", BASE_URL)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if previous is None else os.environ.__setitem__(
            "SOURCE_DATE_EPOCH", previous
        )
    assert code == 0, err
    return root / "site"


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy-Report-Only", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(hostile_site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(hostile_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""


class Watcher:
    """Everything a page does that would show a payload ran."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(WATCH)
        page.on("dialog", self._dialog)
        page.on(
            "request",
            lambda request: (
                self.requests.append(request.url) if urlsplit(request.url).path.startswith("/pwned") else None
            ),
        )
        page.on(
            "console", lambda message: self.errors.append(message.text) if message.type == "error" else None
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_nothing_ran(self, where: str, not_found: bool = False) -> None:
        self.page.wait_for_timeout(100)  # let handlers of anything injected fire
        state = self.page.evaluate(
            "() => ({pwned: window.__pwned || null, violations: window.__violations || []})"
        )
        assert self.dialogs == [] and state["pwned"] is None and state["violations"] == [], (
            where,
            self.dialogs,
            state,
        )
        assert self.requests == [], (where, self.requests)
        errors = [e for e in self.errors if not (not_found and "status of 404" in e)]  # the page itself
        assert errors == [], (where, errors)
        self.errors.clear()


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_hostile_site_has_every_kind_of_page(hostile_site):
    pages = site_pages(hostile_site)
    for expected in (
        "index.html",
        "briefs/a/index.html",
        "briefs/c/index.html",
        "tags/index.html",
        "status/index.html",
        "status/shipped/index.html",
        "sufferers/index.html",
        "criteria/index.html",
        "search/index.html",
        "about/index.html",
        "404.html",
    ):
        assert expected in pages
    assert (
        sum(p.startswith("tags/") for p in pages) >= 4 and sum(p.startswith("sufferers/") for p in pages) >= 2
    )
    criteria = (hostile_site / "criteria/index.html").read_text(encoding="utf-8")
    assert "PB003" in criteria and "&lt;img src=/pwned-img" in criteria  # the payload is shown, as text


def test_no_live_markup_in_any_file(hostile_site):
    for path in site_pages(hostile_site):
        assert live_markup((hostile_site / path).read_text(encoding="utf-8"), THEME_SCRIPTS) == [], path
    for path in ("feed.xml", "sitemap.xml"):
        assert "<script" not in (hostile_site / path).read_text(encoding="utf-8")


def test_nothing_runs_on_any_page(page, site_url, hostile_site):
    watcher = Watcher(page)
    # The 404 page's <base> is the production address: answer it from the same files, offline.
    page.route(
        f"{BASE_URL}**",
        lambda route: route.fulfill(
            path=hostile_site / urlsplit(route.request.url).path[len("/playbook/") :]
        ),
    )
    for path in site_pages(hostile_site):
        page.goto(f"{site_url}/{path}")
        watcher.assert_nothing_ran(path)
        if path.startswith("briefs/"):  # the payloads reached the page, and show as the text they are
            assert PAYLOADS[0] in page.locator("h1").first.inner_text()
            assert "window.__pwned='close-script'" in page.locator("main").inner_text()


def test_nothing_runs_when_the_tables_are_sorted_and_filtered(page, site_url):
    watcher = Watcher(page)
    page.goto(f"{site_url}/index.html")
    for header in page.locator("th[data-sort] button").all():
        header.click()
    page.fill("#filter-text", PAYLOADS[1])
    page.fill("#filter-text", "pwned")
    page.locator(".filter-count").filter(has_text="Showing").wait_for(
        timeout=5_000
    )  # rows made from the data
    page.locator(".theme-toggle").click()
    watcher.assert_nothing_ran("index, sorted and filtered")
    assert page.locator("#ranking tr.brief-row:visible").count() >= 1  # the filter matched the hostile titles


def test_nothing_runs_when_searching(page, site_url):
    watcher = Watcher(page)
    for query in (PAYLOADS[1], "pwned onerror", "\u202e javascript:alert"):
        page.goto(f"{site_url}/search/index.html")
        page.fill("#search-input", query)
        page.press("#search-input", "Enter")
        page.locator("#search-status").filter(has_text="match").wait_for(timeout=5000)
        watcher.assert_nothing_ran(f"search for {query!r}")
        page.goto(f"{site_url}/search/index.html?q={query}")
        page.locator("#search-status").filter(has_text="match").wait_for(timeout=5000)
        watcher.assert_nothing_ran(f"search from the address for {query!r}")


def test_search_results_link_only_inside_the_site(page, site_url):
    page.goto(f"{site_url}/search/index.html?q=pwned")
    links = page.locator("#search-results a")
    links.first.wait_for(timeout=5000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith("../briefs/") and href.endswith("/index.html") for href in hrefs), (
        hrefs
    )


def test_the_dev_servers_error_overlay_runs_nothing(page, make_project, monkeypatch):
    from playbook.serve.server import DevServer, DevSite

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    root = make_project({"a": hostile_brief(1).replace("related: [b]", "related: []"), "b": brief()})
    site = DevSite(root)
    assert site.rebuild().errors == ()
    # A broken wikilink whose slug is a payload, in a brief whose title is one: the brief is left
    # out, its address lists the errors with them, and every page's panel names it by its title.
    title = json.dumps(PAYLOADS[1])
    (root / "content/briefs/b.md").write_text(
        brief(
            ("title: Renewal-date extraction for in-house legal", f"title: {title}"),
            ("Interviews and notes.", f"[[{PAYLOADS[1]}]] [[{PAYLOADS[0]}]]"),
        )
    )
    assert [d.code for d in site.rebuild().errors] == ["PB006", "PB006"]
    server = DevServer(("127.0.0.1", 0), site)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        watcher = Watcher(page)
        for path in ("", "briefs/a/", "briefs/b/", "criteria/", "no-such-page/"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            overlay = page.locator("#playbook-error-overlay")
            overlay.wait_for(timeout=10_000)
            assert "<img src=/pwned-img" in overlay.inner_text(), "the panel names it, as text"
            if path == "briefs/b/":
                listed = page.locator("main").inner_text()
                assert "PB006" in listed and "<img src=/pwned-img" in listed and "<script>" in listed
            watcher.assert_nothing_ran(f"dev server /{path}", not_found=path == "no-such-page/")
    finally:
        server.stop()
