"""Time ``playbook diff`` over a long history: a generated playbook of N briefs with C commits,
each editing a few briefs' accuracy or status (and now and then renaming or deleting one), then
``playbook diff FIRST`` across all of them, as whole processes, against the floor of one
``playbook check`` of the same playbook (one snapshot's analysis) measured in the same run.

    python bench/history.py --briefs 1000 --commits 100 --runs 3
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate  # noqa: E402


def git(root: Path, *args: str, when: int = 1_780_000_000) -> None:
    stamp = f"{when} +0000"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@example.com",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@example.com",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def make_history(root: Path, briefs: int, commits: int, seed: int = 11) -> None:
    generate(briefs, root, seed=7)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    rng = random.Random(seed)
    folder = root / "content/briefs"
    for number in range(1, commits):
        files = sorted(folder.glob("*.md"))
        for path in rng.sample(files, 3):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"accuracy: [0-9.]+", f"accuracy: {rng.uniform(0.6, 0.99):.2f}", text, count=1)
            path.write_text(text, encoding="utf-8")
        if number % 10 == 0:  # a rename
            path = rng.choice(files)
            git(root, "mv", str(path.relative_to(root)), f"content/briefs/renamed-{number}.md")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"review {number}", when=1_780_000_000 + number * 86_400)


def timed(command: list[str], cwd: Path, must_pass: bool = True) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1796083200"}
    )
    if must_pass and done.returncode != 0:
        raise SystemExit(f"{' '.join(command[2:])} failed: {done.stderr.decode()[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "playbook"
        started = time.perf_counter()
        make_history(root, args.briefs, args.commits)
        print(
            f"history of {args.commits} commits over {args.briefs:,} briefs made in "
            f"{time.perf_counter() - started:.1f} s"
        )
        first = subprocess.run(
            ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        playbook = [sys.executable, "-m", "playbook"]
        diffs, checks = [], []
        for _ in range(args.runs):  # alternating, so a slow moment of the machine falls on both
            diffs.append(timed([*playbook, "diff", first, "--format", "json"], root))
            checks.append(
                timed([*playbook, "check", "--no-cache", "-q"], root, must_pass=False)
            )  # renames break links: errors
        diff, check = statistics.median(diffs), statistics.median(checks)
        print(f"playbook diff over {args.commits} commits: {diff:.2f} s (median of {args.runs})")
        print(f"playbook check, one snapshot (the floor): {check:.2f} s")
        print(f"ratio: {diff / check:.2f}x one check, for {args.commits} snapshots")


if __name__ == "__main__":
    main()
