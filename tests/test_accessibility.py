"""Accessibility of the built site in a real browser: axe-core over the main kinds of page, with
the system in light and in dark mode. No serious or critical violation may be found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.history_repo import example_with_history

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    "index.html",
    "briefs/msa-redline-review/index.html",
    "briefs/ci-failure-triage/index.html",
    "criteria/index.html",
    "changes/index.html",
    "search/index.html",
    "tags/compliance/index.html",  # a table of ranked briefs, then the not-ranked ones as links
    "status/shipped/index.html",  # only not-ranked briefs
    "sufferers/index.html",
]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's example playbook with a quarter of git history, built once."""
    from playbook.cli.main import main

    root = example_with_history(tmp_path_factory.mktemp("a11y") / "project", REPO / "content")
    assert main(["build", str(root), "--no-cache", "--since", "review-q3"]) == 0
    return root / "site"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()  # ships axe-core itself: nothing is fetched


def blocking_violations(axe: Axe, page) -> list[str]:
    """Return one line per serious or critical axe violation on the page: rule, impact, where."""
    found = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def luminance(css_colour: str) -> float:
    red, green, blue = (int(n) / 255 for n in re.findall(r"\d+", css_colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(browser, site, axe, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto((site / path).as_uri())
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (luminance(background) < 0.3) == (scheme == "dark"), (
            f"the theme follows the system: {background}"
        )
        if path.startswith("search/"):  # judge the results too, not only the empty form
            page.fill("input[type=search]", "contract")
            page.locator("#search-results li").first.wait_for(timeout=5_000)
        assert blocking_violations(axe, page) == []
    finally:
        context.close()


def test_the_check_reports_what_it_should(page, axe):
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><main><h1>Low</h1>'
        '<p style="color:#999;background:#aaa">grey on grey</p><img src="chart.png"></main></html>'
    )
    found = blocking_violations(axe, page)
    assert {line.split(" ")[0] for line in found} == {"color-contrast", "image-alt"}
