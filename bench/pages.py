"""The site's bytes at a size: builds a generated playbook and checks the page budgets of issue 25.

    python bench/pages.py [--briefs 10000] [--work bench/out/pages]

Prints the biggest HTML pages, the bytes of each folder of the site and the whole, and whether
the budgets hold: no HTML page over 500 kB, and the whole site under 150 MB at 10,000 briefs
(15 kB a brief at other sizes). Exits 1 when one does not. Sizes, not times: the speed is
bench/benchmark.py's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

PAGE_BUDGET = 500_000
SITE_BUDGET_PER_BRIEF = 15_000  # 150 MB at 10,000 briefs


def measure(site: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Return the size of every HTML page, and of every top-level entry of the site."""
    pages = {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html")}
    parts: dict[str, int] = {}
    for path in site.rglob("*"):
        if path.is_file():
            top = path.relative_to(site).parts[0]
            parts[top] = parts.get(top, 0) + path.stat().st_size
    return pages, parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "pages")
    args = parser.parse_args()
    corpus = args.work / f"corpus-{args.briefs}"
    generate(args.briefs, corpus)
    built = subprocess.run(
        [sys.executable, "-m", "playbook", "build", str(corpus), "--no-cache", "--quiet"], check=False
    )
    if built.returncode != 0:
        print(f"the build failed (exit {built.returncode}): no sizes to measure")
        return 1
    pages, parts = measure(corpus / "site")
    total = sum(parts.values())
    print(f"{args.briefs:,} briefs, {len(pages):,} HTML pages, {total / 1e6:.1f} MB in all")
    for name, size in sorted(parts.items(), key=lambda item: -item[1])[:10]:
        print(f"  {size / 1e6:8.1f} MB  {name}")
    print("biggest pages:")
    for name, size in sorted(pages.items(), key=lambda item: -item[1])[:5]:
        print(f"  {size / 1e3:8.0f} kB  {name}")
    budget = SITE_BUDGET_PER_BRIEF * args.briefs
    biggest = max(pages.values())
    verdict = {True: "holds", False: "FAILS"}
    print(
        f"page budget {PAGE_BUDGET / 1e3:.0f} kB: {verdict[biggest < PAGE_BUDGET]} ({biggest / 1e3:.0f} kB)"
    )
    print(f"site budget {budget / 1e6:.0f} MB: {verdict[total < budget]} ({total / 1e6:.1f} MB)")
    return 0 if biggest < PAGE_BUDGET and total < budget else 1


if __name__ == "__main__":
    raise SystemExit(main())
