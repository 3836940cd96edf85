"""Lists that scale: the ranking, the tag, status and sufferer pages and each rule's findings are
paged, so no HTML page grows with the playbook, every brief stays a plain link away, and the
index filters and sorts the whole ranking from its data. Checked on generated playbooks
(bench/generate.py) of two sizes: what must stay bounded is compared between them."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.generate import generate
from playbook.cli.main import main
from playbook.site.plan.pages import CONNECTED, NEIGHBOURS
from playbook.site.plan.paging import PAGE_SIZE, paginate
from playbook.site.views.api import name_slug
from playbook.site.views.findings import first_clause
from tests.support.sitecheck import parse

SMALL, LARGE = 250, 750
PAGE_BUDGET = 500_000  # bytes: no HTML page over it, at any size (issue 25)


def test_pages_of_a_list_link_in_order_with_gaps():
    pages = paginate(list(range(950)), "tags/x/", size=100)
    assert [path for path, _, _ in pages][:3] == ["tags/x/", "tags/x/2/", "tags/x/3/"]
    path, items, pager = pages[4]
    assert list(items) == list(range(400, 500)) and (pager.first, pager.last, pager.total) == (401, 500, 950)
    assert (pager.number, pager.count, pager.previous, pager.next) == (5, 10, "tags/x/4/", "tags/x/6/")
    assert [link.title for link in pager.pages] == ["1", "…", "3", "4", "5", "6", "7", "…", "10"]
    assert pages[-1][2].last == 950 and pages[-1][2].next is None and pages[0][2].previous is None


def test_an_empty_list_is_one_page():
    ((path, items, pager),) = paginate([], "", "ranking/")
    assert path == "" and list(items) == [] and (pager.count, pager.total, pager.pages[0].path) == (1, 0, "")


def test_later_pages_can_live_elsewhere():
    pages = paginate(list(range(201)), "", "ranking/")
    assert [p for p, _, _ in pages] == ["", "ranking/2/", "ranking/3/"]
    assert pages[1][2].previous == "" and [link.path for link in pages[1][2].pages] == [
        "",
        "ranking/2/",
        "ranking/3/",
    ]


def test_the_pager_links_back_to_the_index(sites):
    html = (sites[LARGE] / "ranking/2/index.html").read_text(encoding="utf-8")
    assert '<a href="../../index.html" rel="prev">' in html and '<a href="../../index.html">1</a>' in html
    first = (sites[LARGE] / "index.html").read_text(encoding="utf-8")
    assert '<a href="index.html" aria-current="page">1</a>' in first and 'rel="prev"' not in first


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[int, Path]:
    """Generated playbooks of two sizes, each built once."""
    built = {}
    for n in (SMALL, LARGE):
        root = tmp_path_factory.mktemp(f"paged-{n}") / "project"
        generate(n, root)
        assert main(["build", str(root), "--no-cache", "--quiet"]) == 0
        built[n] = root / "site"
    return built


def html_sizes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html")}


@pytest.mark.parametrize("n", [SMALL, LARGE])
def test_no_page_over_the_budget(sites, n):
    sizes = html_sizes(sites[n])
    biggest = max(sizes, key=sizes.get)
    assert sizes[biggest] < PAGE_BUDGET, (biggest, sizes[biggest])


def test_the_biggest_pages_do_not_grow_with_the_playbook(sites):
    small, large = html_sizes(sites[SMALL]), html_sizes(sites[LARGE])
    for page in ("index.html", "criteria/index.html"):  # a group's page grows until it holds a full page
        assert large[page] < small[page] * 1.15, (page, small[page], large[page])
    assert max(large.values()) < max(small.values()) * 1.15


def test_the_site_grows_linearly(sites):
    small, large = (sum(p.stat().st_size for p in sites[n].rglob("*") if p.is_file()) for n in (SMALL, LARGE))
    assert large / LARGE < small / SMALL * 1.1, (small / SMALL, large / LARGE)


def site_bytes_a_brief(site: Path, briefs: int) -> float:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / briefs


# The bytes a brief of the whole site (pages, data, assets) reached in issue 25's third round:
# 15.1 kB at 750 briefs (the assets and the index weigh more a brief in a small playbook), 14.8 kB
# at 3,000 and 14.7 kB at 10,000 (bench/pages.py; 18.5, 18.3 and 18.2 kB before it). A ceiling a
# little above it, so no change makes the site heavier unnoticed.
SITE_CEILING_PER_BRIEF = 15_500
SITE_BUDGET_PER_BRIEF = 15_000  # issue 25: 150 MB at 10,000 briefs, 45 MB at 3,000


def test_the_whole_site_stays_under_its_ceiling_a_brief(sites):
    assert site_bytes_a_brief(sites[LARGE], LARGE) < SITE_CEILING_PER_BRIEF


def test_a_3000_brief_playbook_keeps_the_budgets(tmp_path_factory):
    """Issue 25's budgets, on the benchmark's generator at 3,000 briefs: the whole site under 15 kB a
    brief (45 MB) and no page over 500 kB. bench/pages.py measures the same at 10,000 (150 MB)."""
    root = tmp_path_factory.mktemp("budget-3000") / "project"
    generate(3_000, root)
    assert main(["build", str(root), "--no-cache", "--quiet"]) == 0
    site = root / "site"
    assert site_bytes_a_brief(site, 3_000) < SITE_BUDGET_PER_BRIEF
    assert max(p.stat().st_size for p in site.rglob("*.html")) < PAGE_BUDGET


def test_every_brief_is_a_plain_link_away_from_the_index(sites):
    site = sites[LARGE]
    seen, queue = {"index.html"}, ["index.html"]
    while queue:  # follow <a href> only, as a reader without JavaScript (or a crawler) would
        page = queue.pop()
        for link in parse((site / page).read_text(encoding="utf-8")).links:
            parts = urlsplit(link)
            if parts.scheme or not parts.path.endswith(".html"):
                continue
            target = str(((site / page).parent / parts.path).resolve().relative_to(site.resolve()))
            if target not in seen and (site / target).is_file():
                seen.add(target)
                queue.append(target)
    briefs = {str(p.relative_to(site)) for p in (site / "briefs").glob("*/index.html")}
    assert len(briefs) == LARGE and briefs <= seen, sorted(briefs - seen)[:5]


def test_the_ranking_pages_list_each_ranked_brief_once_in_rank_order(sites):
    site = sites[LARGE]
    ranked = [b["path"] for b in json.loads((site / "playbook.json").read_text())["briefs"] if b.get("rank")]
    pages = ["index.html"] + [f"ranking/{n}/index.html" for n in range(2, -(-len(ranked) // PAGE_SIZE) + 1)]
    listed = []
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        table = html[html.index('<table class="ranking"') : html.index("</table>")]
        listed += re.findall(r'<th scope="row"><a href="(?:\.\./\.\./)?([^"]+)index\.html"', table)
    assert listed == ranked
    assert not (site / "ranking" / str(len(pages) + 1)).exists()


def test_a_groups_pages_table_its_ranked_briefs_and_link_the_rest(shared):
    """A tag's pages list each of its briefs once: the ranked ones as rows of its tables, in rank
    order, the shipped, parked and killed ones after them as links with their status."""
    site = shared
    path, listed = biggest_group(json.loads((site / "playbook.json").read_text())["briefs"], "tag")
    resting = [b for b in listed if b.get("rank") is None]
    assert resting and len(listed) > PAGE_SIZE
    rows, links = [], []
    for n in range(1, -(-len(listed) // PAGE_SIZE) + 1):
        html = (site / path / ("" if n == 1 else f"{n}/") / "index.html").read_text(encoding="utf-8")
        if "<table" in html:
            table = html[html.index("<table") : html.index("</table>")]
            rows += re.findall(r'<th scope="row"><a href="[./]*(briefs/[^"]+/)index\.html"', table)
        if '<ul class="resting-list">' in html:
            items = html[html.index('<ul class="resting-list">') :]
            items = items[: items.index("</ul>")]
            links += re.findall(
                r'<li><a href="[./]*(briefs/[^"]+/)index\.html">[^<]*</a> <small>(\w+) · ', items
            )
    assert rows == [b["path"] for b in listed if b.get("rank") is not None]
    assert links == [(b["path"], b["status"]) for b in resting]


def test_each_rules_pages_list_every_finding_once(sites, tmp_path):
    site = sites[LARGE]
    code, out, _ = run_check(site.parent)
    expected = Counter(d["code"] for d in json.loads(out)["diagnostics"])
    listed: Counter = Counter()
    for page in (site / "criteria").glob("PB*/**/index.html"):
        listed[page.relative_to(site / "criteria").parts[0]] += page.read_text(encoding="utf-8").count(
            "</td></tr>"
        )
    assert listed == expected and sum(expected.values()) > PAGE_SIZE * 2
    criteria = (site / "criteria/index.html").read_text(encoding="utf-8")
    for rule, count in expected.items():
        assert f'href="{rule}/index.html">All {count:,} findings of {rule}' in criteria or count <= 10


def run_check(root: Path) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(root), "--format", "json"], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_filter_finds_briefs_beyond_the_first_page_from_file(browser, sites):
    site = sites[LARGE]
    ranked = [b for b in json.loads((site / "playbook.json").read_text())["briefs"] if b.get("rank")]
    far = ranked[-1]  # on the last page, not in the index's table
    page = browser.new_page()
    try:
        page.goto((site / "index.html").as_uri())
        assert page.locator(f'#ranking a[href="{far["path"]}index.html"]').count() == 0
        page.fill("#filter-text", far["title"])
        page.locator(f'#ranking a[href="{far["path"]}index.html"]').wait_for(timeout=5_000)
        assert "Showing 1 of 1 matching" in page.locator(".filter-count").inner_text()
        assert page.locator(".pager").first.is_hidden()
        page.fill("#filter-text", "")
        page.wait_for_function("document.querySelector('.filter-count').textContent === ''", timeout=5_000)
        assert (
            page.locator("#ranking tr.brief-row").count() == PAGE_SIZE
            and page.locator(".pager").first.is_visible()
        )
        page.locator("th[data-sort=rank] button").click()  # rank descending, within the tiers
        last_ready = [b for b in ranked if b["tier"] == "ready"][-1]
        first = page.locator("#ranking tbody[data-tier-group=ready] tr.brief-row th a").first
        assert first.inner_text() == last_ready["title"]
    finally:
        page.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """A generated playbook whose every brief shares one tag and one sufferer: both are paged."""
    root = tmp_path_factory.mktemp("shared") / "project"
    generate(SMALL, root)
    for path in (root / "content/briefs").glob("*.md"):
        text = path.read_text(encoding="utf-8").replace("tags: [", "tags: [Shared work, ", 1)
        text = re.sub(r"(?m)^  who: .*$", "  who: Everyone at the firm", text, count=1)
        path.write_text(text, encoding="utf-8")
    assert main(["build", str(root), "--no-cache", "--quiet"]) == 0
    return root / "site"


GROUP_PATHS = {
    "status": lambda b: [f"status/{b['status']}/"],
    "tag": lambda b: [f"tags/{name_slug(tag)}/" for tag in b["tags"]],
    "sufferer": lambda b: [f"sufferers/{name_slug(b['sufferer']['who'])}/"],
}


def biggest_group(briefs: list[dict], kind: str) -> tuple[str, list[dict]]:
    """The site path of the biggest group of ``kind`` and its briefs, in the order its pages list
    them (playbook.json's, the rank order)."""
    members: dict[str, list[dict]] = {}
    for brief in briefs:
        for path in GROUP_PATHS[kind](brief):
            members.setdefault(path, []).append(brief)
    path = max(members, key=lambda p: len(members[p]))
    return path, members[path]


# Each row of a table's body by its brief's title, as markup: built by the page or from the data,
# the same. A sufferer page's one-line problem is left out: the data does not carry it.
ROWS = """(table) => Object.fromEntries([...document.querySelectorAll(table + ' tr.brief-row')].map(row => {
  const copy = row.cloneNode(true);
  copy.querySelectorAll('.sub').forEach(sub => sub.remove());
  return [row.querySelector('th a').textContent, copy.outerHTML];
}))"""


def test_the_rankings_rows_from_the_data_are_the_pages_own(browser, sites):
    page = browser.new_page()
    try:
        page.goto((sites[LARGE] / "index.html").as_uri())
        built = page.evaluate(ROWS, "#ranking")
        page.locator("th[data-sort=score] button").click()
        page.wait_for_function("document.querySelector('.filter-count').textContent.startsWith('Showing')")
        from_data = page.evaluate(ROWS, "#ranking")
        both = built.keys() & from_data.keys()
        assert len(both) > 10 and all(from_data[title] == built[title] for title in both)
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["status", "tag", "sufferer"])
def test_sorting_a_group_page_sorts_all_its_pages_from_file(browser, sites, shared, kind):
    site = sites[LARGE] if kind == "status" else shared
    path, listed = biggest_group(json.loads((site / "playbook.json").read_text())["briefs"], kind)
    members = [b for b in listed if b.get("rank") is not None]  # the table's; the unranked are links
    assert len(members) > PAGE_SIZE  # paged, so the best by score may be on a later page
    by_score = sorted(members, key=lambda b: -b["score"])  # stable: ties keep the rank order
    first_page = {b["title"] for b in members[:PAGE_SIZE]}
    assert any(b["title"] not in first_page for b in by_score[:PAGE_SIZE])
    page = browser.new_page()
    try:
        page.goto((site / path / "index.html").as_uri())
        rows = page.locator("#group-table tr.brief-row th a")
        assert rows.all_inner_texts() == [b["title"] for b in members[:PAGE_SIZE]]
        built = page.evaluate(ROWS, "#group-table")
        page.locator("th[data-sort=score] button").click()  # highest first
        page.wait_for_function(  # past "Loading the list…"
            "document.querySelector('.list-count').textContent.startsWith('Sorted')", timeout=5_000
        )
        shown = min(len(members), PAGE_SIZE)
        assert rows.all_inner_texts() == [b["title"] for b in by_score[:shown]]
        from_data = page.evaluate(ROWS, "#group-table")
        both = built.keys() & from_data.keys()
        assert both and all(from_data[title] == built[title] for title in both)  # the same rows
        assert f"all {len(members):,} ranked briefs" in page.locator(".list-count").inner_text()
        assert page.locator(".group-briefs .pager").first.is_hidden()
        page.locator(".group-briefs .more-rows button").click()
        assert rows.count() == min(len(members), 2 * PAGE_SIZE)
        href = page.locator("#group-table tr.brief-row th a").first.get_attribute("href")
        assert (site / path / href).resolve() == (site / by_score[0]["path"] / "index.html").resolve()
        page.locator("th[data-sort=rank] button").click()  # back to the page's own order
        assert rows.all_inner_texts() == [b["title"] for b in members[:PAGE_SIZE]]
        assert page.locator(".group-briefs .pager").first.is_visible()
    finally:
        page.close()


def _natural(text: str) -> list:
    """A text's order as a reader expects it: numbers by value ("Owner 2" before "Owner 10"), case aside."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def test_a_text_column_sorts_numbers_in_it_by_value(browser, sites):
    site = sites[LARGE]
    path, members = biggest_group(json.loads((site / "playbook.json").read_text())["briefs"], "status")
    by_owner = sorted(members, key=lambda b: _natural(b.get("owner") or ""))  # stable: rank breaks ties
    assert [b["owner"] for b in by_owner[:PAGE_SIZE]] != sorted(b["owner"] for b in by_owner[:PAGE_SIZE])
    page = browser.new_page()
    try:
        page.goto((site / path / "index.html").as_uri())
        page.locator("th[data-sort=owner] button").click()
        page.wait_for_function(
            "document.querySelector('.list-count').textContent.startsWith('Sorted')", timeout=5_000
        )
        rows = page.locator("#group-table tr.brief-row th a")
        assert rows.all_inner_texts() == [b["title"] for b in by_owner[:PAGE_SIZE]]
    finally:
        page.close()


def test_the_chart_draws_every_ranked_brief_in_few_marks(sites):
    site = sites[LARGE]
    ranked = sum(1 for b in json.loads((site / "playbook.json").read_text())["briefs"] if b.get("rank"))
    html = (site / "index.html").read_text(encoding="utf-8")
    chart = html[html.index("<svg") : html.index("</svg>")]
    tips = re.findall(r"<g><(?:circle|path) [^>]*/>.*?<title>([^<]+)</title></g>", chart)
    drawn = sum(int(tip.split()[0].replace(",", "")) if not tip.startswith("#") else 1 for tip in tips)
    assert drawn == ranked and 1 < len(tips) <= 150
    labels = re.findall(r'class="point-label[^"]*"[^>]*>([^<]+)<', chart)
    assert 10 < len(labels) <= len(tips) and any(label.startswith("×") for label in labels)
    ready = sum(
        1
        for b in json.loads((site / "playbook.json").read_text())["briefs"]
        if b.get("rank") and b["tier"] == "ready" and b["pain"] >= 50 and b["completeness"] >= 0.6
    )
    assert f"All {ranked:,} ranked briefs" in chart and f"{ready:,} ready here" in chart
    circles = re.findall(r'<circle class="point[^"]*" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', chart)
    diamonds = re.findall(r'<path class="point point-gap" d="M([\d.]+) ([\d.]+)l([\d.]+) ', chart)
    assert circles and diamonds
    for x, top, half in diamonds:  # no diamond hides under a circle: marks on one spot stand apart
        centre = (float(x), float(top) + float(half))
        assert all(math.dist(centre, (float(a), float(b))) >= float(r) for a, b, r in circles), centre


# Every word of the chart drawn (a label hidden on a phone is not), as [class, text, box].
CHART_WORDS = """() => [...document.querySelectorAll('svg.quadrant text')]
  .filter(t => getComputedStyle(t).display !== 'none')
  .map(t => { const b = t.getBoundingClientRect();
              return [t.getAttribute('class'), t.textContent, b.left, b.top, b.right, b.bottom]; })"""


@pytest.mark.parametrize("width", [390, 1366])
def test_the_charts_words_never_overlap(browser, sites, width):
    """Counts, ranks, the quadrants' names and the axes: no two boxes meet, measured in Chromium,
    on a phone (larger words in the chart's units, fewer labels) and on a laptop."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto((sites[LARGE] / "index.html").as_uri())
        words = page.evaluate(CHART_WORDS)
        chart = page.locator("svg.quadrant").bounding_box()
    finally:
        context.close()
    labels = [w for w in words if w[0].startswith("point-label")]
    assert len(labels) > 10 and len(words) > len(labels) + 9
    for i, (kind, text, *box) in enumerate(words):
        assert chart["x"] - 0.5 <= box[0] and box[2] <= chart["x"] + chart["width"] + 0.5, (text, box)
        for other_kind, other, *second in words[i + 1 :]:
            apart = box[2] <= second[0] or second[2] <= box[0] or box[3] <= second[1] or second[3] <= box[1]
            assert apart, (text, other, box, second)


def test_brief_pages_stay_light_however_many_briefs_connect(sites):
    biggest = {n: max(p.stat().st_size for p in (sites[n] / "briefs").glob("*/index.html")) for n in sites}
    assert biggest[LARGE] < biggest[SMALL] * 1.1, biggest
    site = sites[LARGE]
    data = json.loads((site / "playbook.json").read_text())["briefs"]
    brief = data[0]
    sharing = sum(1 for b in data if b["sufferer"]["who"] == brief["sufferer"]["who"]) - 1
    html = (site / brief["path"] / "index.html").read_text(encoding="utf-8")
    connections = html[html.index('class="block connections"') :]
    for block in re.findall(r"<ul>(.*?)</ul>", connections, re.S):
        assert block.count("<li>") <= CONNECTED
    assert f">and {sharing - NEIGHBOURS:,} more</a>" in connections and sharing > NEIGHBOURS
    checklist = html[html.index('id="checklist-heading"') : html.index('class="block connections"')]
    passing = re.search(r'<p class="pass-list">(.*?)</p>', checklist, re.S).group(1)
    assert passing.count(" · ") >= 4 and "\n" not in passing.strip()  # the passes, in one line


@pytest.mark.parametrize(
    "message, short",
    [
        (
            "model accuracy 0.79 was measured on 487 real legal cases, as measured_on says, but "
            "model.samples does not give the number",
            "model accuracy 0.79 was measured on 487 real legal cases",
        ),
        ("model accuracy 0.74 is below the 0.97 this workflow needs", ""),  # one clause: the message itself
        (
            "unknown field 'x', did you mean 'y'? — the brief's fields are listed",
            "unknown field 'x', did you mean 'y'?",
        ),
        ("too old; review the numbers and set updated", ""),  # a first clause too short to stand alone
    ],
)
def test_criteria_rows_give_a_findings_first_clause(message, short):
    assert first_clause(message) == short


def script_value(path: Path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))


def test_the_indexes_hold_each_value_once(sites):
    """The ranking index has numbers; its row i is the search index's entry i, which has the words
    (and the body's words are a file of their own, which only the search page loads)."""
    site = sites[LARGE]
    ranking = script_value(site / "assets/ranking-index.js")
    entries = script_value(site / "assets/search-index.js")
    words = script_value(site / "assets/search-words.js")
    briefs = json.loads((site / "playbook.json").read_text())["briefs"]
    ranked = [b for b in briefs if b.get("rank")]
    assert len(entries) == len(words) == len(briefs) and len(ranking["rows"]) == len(ranked)
    assert [e["u"] for e in entries] == [b["path"] for b in briefs]
    fields = ranking["fields"]
    for row, brief in zip(ranking["rows"], ranked):
        values = dict(zip(fields, row))
        assert values["rank"] == brief["rank"] and values["score"] == brief["score"]
        assert ranking["sufferers"][values["sufferer"]].startswith("sufferers/")
        assert brief["title"] not in json.dumps(row) and None not in row and "" not in row[-1:]
    assert all("x" not in e for e in entries) and all(isinstance(w, str) for w in words)
    assert all(None not in b.values() for b in briefs)  # a null is left out (docs/reference/json.md)
