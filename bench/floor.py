"""The floor for Python with our libraries: read every brief, parse its YAML with the C loader,
render its Markdown with markdown-it-py, write one page each. No templates, no checks.

    python bench/floor.py PROJECT OUT [--processes 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
from multiprocessing import Pool
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def one(job: tuple[str, str]) -> None:
    source, out = job
    text = Path(source).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.load(front, Loader=yaml.CSafeLoader)
    html = f"<!doctype html><title>{data['title']}</title>{MD.render(body)}"
    os.makedirs(out, exist_ok=True)
    Path(out, "index.html").write_text(html, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    jobs = [
        (str(p), str(args.out / p.stem)) for p in sorted((args.project / "content" / "briefs").glob("*.md"))
    ]
    if args.processes > 1:
        with Pool(args.processes) as pool:
            pool.map(one, jobs, chunksize=64)
    else:
        for job in jobs:
            one(job)


if __name__ == "__main__":
    main()
