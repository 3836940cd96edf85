"""The whole loop in a real browser: Playwright drives Debian's chromium against `playbook serve`'s
pieces — watcher, incremental rebuild, server — while the test edits files like an editor."""

from __future__ import annotations

import os

import pytest

from tests.support.briefs import brief
from tests.support.serving import watched_server


@pytest.fixture
def served(make_project):
    root = make_project({"a": brief(), "b": brief(("related: []", "related: [a]"))})
    with watched_server(root) as base:
        yield root, base


def save_atomically(path, text: str) -> None:
    """Save as many editors do: write a temporary file beside it, then rename it over."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_edit_break_and_fix_in_the_browser(served, page):
    root, base = served
    page.goto(f"{base}/briefs/a/")
    assert page.locator("h1").first.inner_text() == "Renewal-date extraction for in-house legal"

    save_atomically(
        root / "content/briefs/a.md",
        brief(("Interviews and notes.", "Counsel said the renewal dates slip every quarter.")),
    )
    page.get_by_text("Counsel said the renewal dates slip every quarter.").wait_for(timeout=10_000)

    # One brief breaks: its address shows its errors, the rest of the site stays up.
    save_atomically(root / "content/briefs/a.md", "---\ntitle: [unclosed\n---\nBody\n")
    page.get_by_text("is left out of the preview").wait_for(timeout=10_000)
    assert "content/briefs/a.md:3:1 PB001" in page.locator("main").inner_text()
    panel = page.locator("#playbook-error-overlay")
    panel.wait_for(timeout=10_000)
    assert "1 file with errors" in panel.inner_text()
    page.goto(f"{base}/briefs/b/")
    assert page.locator("h1").first.inner_text() == "Renewal-date extraction for in-house legal"
    page.locator("#playbook-error-overlay a").click()  # the panel links to the broken brief
    page.get_by_text("is left out of the preview").wait_for(timeout=10_000)
    assert page.url == f"{base}/briefs/a/"

    save_atomically(
        root / "content/briefs/a.md", brief(("Interviews and notes.", "Fixed, and the overlay is gone."))
    )
    page.get_by_text("Fixed, and the overlay is gone.").wait_for(timeout=10_000)
    assert page.locator("#playbook-error-overlay").count() == 0

    # A broken configuration blocks everything: the last good build stays, under the overlay.
    (root / "playbook.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    overlay = page.locator("#playbook-error-overlay")
    overlay.wait_for(timeout=10_000)
    assert "showing the last good build" in overlay.inner_text()
    assert page.get_by_text("Fixed, and the overlay is gone.").count() == 1


def test_the_overlay_keeps_the_terminals_did_you_mean(served, page):
    root, base = served
    page.goto(f"{base}/briefs/a/")
    save_atomically(
        root / "content/briefs/a.md", brief(("  catchability: moderate", "  catchability: hardd"))
    )
    # The brief is left out of the preview; its own address lists its errors with the terminal's
    # hint (the overlay shows hints the same way for errors that block the whole preview).
    page.get_by_text("is left out of the preview").wait_for(timeout=10_000)
    hint = page.locator("main .hint")
    hint.first.wait_for(timeout=10_000)
    assert "did you mean 'hard'?" in hint.first.inner_text()
