"""Take the screenshot of the example playbook's site that the README and the docs' home page show.

    # builds the example into a temporary folder, writes docs/assets/example-site.png
    python docs/screenshot.py

Playwright drives Debian's chromium (/usr/bin/chromium, headless): the test extras bring
Playwright, and the machine has no network for a browser of its own. Run it again after a change
to the default theme.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "example-site.png"
CHROMIUM = "/usr/bin/chromium"
SOURCE_DATE = "1795651200"  # 2026-11-26: the example's staleness findings do not move with the clock


def main() -> int:
    """Build the example playbook and write the screenshot; return the exit code."""
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        subprocess.run(
            [sys.executable, "-m", "playbook", "build", str(ROOT), "-o", str(site), "--no-cache", "-q"],
            check=True,
            env={"SOURCE_DATE_EPOCH": SOURCE_DATE, "PATH": "/usr/bin:/bin"},
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1366, "height": 1400}, color_scheme="light")
            page.goto((site / "index.html").as_uri())
            OUT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
