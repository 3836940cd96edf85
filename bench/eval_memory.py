"""What reading an evaluation file of each kind costs: peak memory and time of a fresh Python
reading a file of about 1 GB (1e9 bytes: under the 1 GiB limit of a text file) of each kind that
``bench/evalfiles.py`` writes, against the same Python reading a 1 MB file of the kind.

    python bench/eval_memory.py [--size 1000000000] [--work bench/out/evals] [--kinds jsonl,csv,...]

Each file is written, read once, and deleted before the next; the figures are printed as a table.
A .eval bomb (a summaries.json of 1.5 GiB of spaces, packed in a few MB) is read too: it stops at
the 1 GiB a member may unpack to.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.evalfiles import KINDS, write  # noqa: E402

READER = """
import resource, sys, time
sys.path.insert(0, sys.argv[4])
from pathlib import Path
from bench.evalfiles import KINDS
from playbook.load.evals import read_evaluation
started = time.perf_counter()
evaluation, problems = read_evaluation(Path(sys.argv[1]), sys.argv[2], KINDS[sys.argv[3]][1])
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
what = f"{evaluation.passed}/{evaluation.graded}" if evaluation else problems[0].message
print(usage.ru_maxrss, round(seconds, 1), round(usage.ru_utime + usage.ru_stime, 1), what, sep="\\t")
"""


def read(path: Path, kind: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", READER, str(path.parent), path.name, kind, str(HERE.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak, seconds, cpu, what = done.stdout.strip().split("\t")
    return int(peak), f"{float(seconds):.0f} s ({float(cpu):.0f} s of CPU)", what


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**9)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "evals")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        "| kind | on disk | unpacked | passed/graded | peak RSS, 1 MB file | peak RSS, 1 GB file | reading "
        "it |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in args.kinds.split(","):
        suffix = KINDS[kind][0]
        small, large = args.work / f"small{suffix}", args.work / f"large{suffix}"
        size = args.size * 3 // 2 if kind == "inspect-eval-bomb" else args.size
        write(kind, small, 1 << 20)
        write(kind, large, size)
        base, _, _ = read(small, kind)
        peak, seconds, what = read(large, kind)
        unpacked = f"{size / 1e9:.2f} GB" if kind in ("inspect-eval", "inspect-eval-bomb") else "—"
        print(
            f"| {kind} | {large.stat().st_size / 1e9:.3f} GB | {unpacked} | {what} | {base / 1024:.0f} MiB "
            f"| {peak / 1024:.0f} MiB | {seconds} |",
            flush=True,
        )
        small.unlink()
        large.unlink()
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
