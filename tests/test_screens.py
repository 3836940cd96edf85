"""The site on a phone and on a laptop, in Chromium: at 390 px nothing in the main column reaches
past the screen's edge, the ranking is a list of cards and the navigation is a menu; at 1366x768
the ranking starts above the fold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
PAGES = [
    "index.html",
    "briefs/msa-redline-review/index.html",
    "briefs/ci-failure-triage/index.html",
    "briefs/long-title/index.html",  # its breadcrumb once ran past a phone's edge
    "criteria/index.html",
    "search/index.html?q=contract",
    "tags/legal/index.html",
]
# Every element of the main column whose box reaches past the viewport, as "tag.class: left-right".
# An author's Markdown table scrolls inside its own box (its cells cannot reflow): only that is let be.
PAST_THE_EDGE = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    if (el.closest(".prose table")) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      out.push(`${name}: ${Math.round(box.left)}-${Math.round(box.right)}`);
    }
  }
  return out.slice(0, 10);
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's example playbook, built once."""
    from playbook.cli.main import main

    root = tmp_path_factory.mktemp("screens") / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "playbook.yaml", root / "playbook.yaml")
    source = (root / "content/briefs/msa-redline-review.md").read_text(encoding="utf-8")
    title = "title: Draft field customer report policy review for the legal team of a regional insurer"
    long_title = "\n".join(title if line.startswith("title:") else line for line in source.split("\n"))
    (root / "content/briefs/long-title.md").write_text(long_title, encoding="utf-8")
    assert main(["build", str(root), "--no-cache"]) == 0
    return root / "site"


def open_page(browser, site: Path, path: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    path, _, query = path.partition("?")
    page.goto((site / path).as_uri() + (f"?{query}" if query else ""))
    if query:
        page.locator("#search-results li").first.wait_for(timeout=5_000)
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_nothing_reaches_past_a_phones_edge(browser, site, path, scheme):
    context, page = open_page(browser, site, path, PHONE, scheme)
    try:
        assert page.evaluate(PAST_THE_EDGE) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_the_ranking_is_a_list_of_cards_on_a_phone(browser, site):
    context, page = open_page(browser, site, "index.html", PHONE)
    try:
        card = page.locator("#ranking tr.brief-row").first
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        cells = {  # by their place, as the stylesheet knows them (no class but the bars' and the fit's)
            "rank": "td:first-child",
            "problem": "th",
            "sufferer": "th + td",
            "pain": "th + td + td",
            "score": "td[class^=fit-] + td",
            "fit": "td[class^=fit-]",
            "status": "td:nth-last-child(3)",
            "owner": "td:nth-last-child(2)",
        }
        for cell, where in cells.items():
            part = card.locator(f":scope > {where}")
            assert part.is_visible(), cell
            inner = part.bounding_box()
            assert inner["x"] >= box["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"], cell
        assert "Wei Zhang" in card.inner_text() and "0.81 / 0.88" in card.inner_text()
    finally:
        context.close()


def test_the_navigation_is_a_menu_on_a_phone(browser, site):
    context, page = open_page(browser, site, "index.html", PHONE)
    try:
        button = page.locator(".site-nav .nav-toggle")
        criteria = page.locator(".site-nav a", has_text="Criteria")
        assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
        assert not criteria.is_visible()
        button.click()
        assert button.get_attribute("aria-expanded") == "true" and criteria.is_visible()
        assert criteria.bounding_box()["x"] + criteria.bounding_box()["width"] <= PHONE["width"]
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false" and not criteria.is_visible()
    finally:
        context.close()


def test_without_javascript_every_nav_link_shows_on_a_phone(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        assert not page.locator(".site-nav .nav-toggle").is_visible()
        links = page.locator(".site-nav a")
        assert links.count() >= 5
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert links.nth(i).is_visible() and box["x"] + box["width"] <= PHONE["width"]
    finally:
        context.close()


def test_the_menu_button_stays_hidden_on_a_laptop(browser, site):
    context, page = open_page(browser, site, "index.html", LAPTOP)
    try:
        assert not page.locator(".site-nav .nav-toggle").is_visible()
        assert page.locator(".site-nav a", has_text="Criteria").is_visible()
    finally:
        context.close()


def test_the_ranking_starts_above_the_fold_on_a_laptop(browser, site):
    context, page = open_page(browser, site, "index.html", LAPTOP)
    try:
        first = page.locator("#ranking tr.brief-row").first.bounding_box()
        assert first["y"] + 24 < LAPTOP["height"], first  # its first brief's title shows unscrolled
        health = page.locator("section.health").bounding_box()
        assert health is None or health["y"] > first["y"]  # the authors' lint comes after it
        head = page.locator("#ranking thead").inner_text().lower()
        assert "owner" in head and "updated" in head and "needs / has" in head
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP])
def test_the_charts_axis_labels_never_collide(browser, site, viewport):
    context, page = open_page(browser, site, "index.html", viewport)
    try:
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('svg.quadrant .axis-tick, svg.quadrant .axis-label')]
                 .map(t => { const b = t.getBoundingClientRect();
                             return [t.textContent, b.left, b.top, b.right, b.bottom]; })"""
        )
        assert len(boxes) >= 9
        for i, (a, *first) in enumerate(boxes):
            for b, *second in boxes[i + 1 :]:
                apart = (
                    first[2] <= second[0]
                    or second[2] <= first[0]
                    or first[3] <= second[1]
                    or second[3] <= first[1]
                )
                assert apart, (a, b, first, second)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP])
@pytest.mark.parametrize("path", ["index.html", "criteria/index.html"])
def test_the_health_tiles_fit_five_digit_numbers(browser, site, viewport, path):
    context, page = open_page(browser, site, path, viewport)
    try:
        cut = page.evaluate(
            """() => [...document.querySelectorAll('.health-stats .stat')].map(tile => {
                 tile.querySelector('dd').textContent = '10,000';
                 return tile.scrollWidth > tile.clientWidth ? tile.textContent : null;
               }).filter(Boolean)"""
        )
        assert cut == []
    finally:
        context.close()
