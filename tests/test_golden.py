"""A few small golden files: output whose exact bytes matter. Regenerate after an intended
change with ``PLAYBOOK_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.briefs import brief

GOLDEN = Path(__file__).parent / "golden"


def variant(title: str, severity: int, covered: str, accuracy: str, updated: str) -> str:
    return brief(
        ("title: Renewal-date extraction for in-house legal", f"title: {title}"),
        ("  severity: 4", f"  severity: {severity}"),
        ("  covered_steps: [upload, extract, verify, export]", f"  covered_steps: {covered}"),
        ("  accuracy: 0.93", f"  accuracy: {accuracy}"),
        ("updated: 2026-11-20", f"updated: {updated}"),
    )


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    from playbook.cli.main import main

    root = tmp_path_factory.mktemp("golden") / "project"
    (root / "content/briefs").mkdir(parents=True)
    briefs = {
        "renewal-dates": variant(
            "Renewal dates", 4, "[upload, extract, verify, export]", "0.93", "2026-11-20"
        ),
        "clause-review": variant("Clause review & <risk>", 5, "[upload, extract]", "0.80", "2026-10-02"),
        "invoice-coding": variant("Invoice coding", 2, "[upload, extract, verify]", "0.95", "2026-09-15"),
    }
    for slug, text in briefs.items():
        (root / f"content/briefs/{slug}.md").write_text(text, encoding="utf-8")
    assert main(["build", str(root), "--base-url", "https://example.com/playbook/"]) == 0
    return root / "site"


def extract_chart(html: str) -> str:
    start = html.index('<svg class="quadrant"')
    return html[start : html.index("</svg>", start) + len("</svg>")] + "\n"


@pytest.mark.parametrize(
    "name, produce",
    [
        ("chart.svg", lambda site: extract_chart((site / "index.html").read_text(encoding="utf-8"))),
        ("feed.xml", lambda site: (site / "feed.xml").read_text(encoding="utf-8")),
        ("sitemap.xml", lambda site: (site / "sitemap.xml").read_text(encoding="utf-8")),
    ],
)
def test_golden(small_site, name, produce):
    actual = produce(small_site)
    golden = GOLDEN / name
    if os.environ.get("PLAYBOOK_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
