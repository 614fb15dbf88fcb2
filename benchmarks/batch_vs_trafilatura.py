"""Time a batch: `clipper grab --from urls.txt --lead 3 --json` against trafilatura's command line
(`trafilatura -i urls.txt -o DIR --parallel 16`) on the same pages.

The pages of a corpus folder (../shared/corpus/scrapinghub by default) are served from loopback by
../shared/bench/serve.py with 300 ms latency a request, spread over as many hosts (listeners) as
the real pages came from. trafilatura gets a settings file that turns off its SSRF protection
(which refuses loopback) and its 5 s politeness sleep, so both do the same work. Whole processes,
run alternately; a fresh output folder for every run.

    python benchmarks/batch_vs_trafilatura.py [--runs 3] [--latency-ms 300]

Prints medians, the ratio clipper / trafilatura (target: at most 0.5), and the bound: the larger of
clipper's CPU seconds over the machine's cores and the latency that its concurrency cannot hide
(target: clipper within 1.3x of it). CPU is read from /proc (Linux), sampled every 50 ms for the
whole process tree, so it slightly undercounts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PER_HOST = 2  # clipper's politeness: requests at once to one host


TICK = os.sysconf("SC_CLK_TCK")


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds so far of `root` and every process below it (Linux /proc). Worker
    processes of a fork server are not the command's waited-for children, so rusage misses them."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / TICK
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    for pid in family:
        if pid in cpu:
            seen[pid] = max(seen.get(pid, 0.0), cpu[pid])


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and everything it started) of one whole command."""
    seen: dict[int, float] = {}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while process.poll() is None:
        _tree_cpu(process.pid, seen)
        time.sleep(0.05)
    wall = time.perf_counter() - started
    err = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in (0, 13):  # 13: some pages of the corpus hold no article
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{err[-2000:]}")
    return wall, sum(seen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "scrapinghub")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency-ms", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=16)
    args = parser.parse_args()
    truth = json.loads((args.corpus / "ground-truth.json").read_text())
    hosts = len({urlsplit(v["url"]).netloc for v in truth.values()})
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        server = subprocess.Popen(
            [
                sys.executable,
                str(SHARED / "bench" / "serve.py"),
                str(args.corpus / "html"),
                "--latency-ms",
                str(args.latency_ms),
                "--listeners",
                str(hosts),
                "--port-file",
                str(work / "port"),
                "--write-urls",
                str(work / "urls.txt"),
                "--max-seconds",
                "1800",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                if (work / "port").exists() and (work / "urls.txt").exists() and (work / "port").read_text():
                    break
                time.sleep(0.1)
            pages = len((work / "urls.txt").read_text().split())
            (work / "traf.cfg").write_text("[DEFAULT]\nSSRF_PROTECTION = off\nSLEEP_TIME = 0\n")
            out = work / "out"
            commands = {
                "clipper": [
                    str(bindir / "clipper"),
                    "grab",
                    "--from",
                    str(work / "urls.txt"),
                    "--lead",
                    "3",
                    "--json",
                    "--jobs",
                    str(args.jobs),
                    "--drafts-dir",
                    str(out),
                ],
                "trafilatura": [
                    str(bindir / "trafilatura"),
                    "--config-file",
                    str(work / "traf.cfg"),
                    "-i",
                    str(work / "urls.txt"),
                    "-o",
                    str(out),
                    "--parallel",
                    "16",
                ],
            }
            times: dict[str, list[float]] = {name: [] for name in commands}
            cpu: list[float] = []
            for _ in range(args.runs):
                for name, command in commands.items():
                    shutil.rmtree(out, ignore_errors=True)
                    wall, used = run(command)
                    times[name].append(wall)
                    if name == "clipper":
                        cpu.append(used)
        finally:
            server.terminate()
            server.wait()
    cores = os.cpu_count() or 1
    clipper, trafilatura = statistics.median(times["clipper"]), statistics.median(times["trafilatura"])
    cpu_bound = statistics.median(cpu) / cores
    concurrency = min(args.jobs, PER_HOST * hosts)
    latency_bound = math.ceil(pages / concurrency) * args.latency_ms / 1000
    bound = max(cpu_bound, latency_bound)
    print(f"{pages} pages on {hosts} hosts, {args.latency_ms} ms latency, {cores} cores, medians of {args.runs} runs")
    print(
        f"clipper grab --from --lead 3 --json   {clipper:6.2f} s  (CPU {statistics.median(cpu):.2f} s, "
        f"{statistics.median(cpu) / pages * 1000:.0f} ms a page)"
    )
    print(f"trafilatura -i --parallel 16          {trafilatura:6.2f} s")
    print(f"ratio clipper / trafilatura: {clipper / trafilatura:.2f} (target: at most 0.50)")
    print(
        f"bound: max(CPU {cpu_bound:.2f} s over {cores} cores, latency {latency_bound:.2f} s at {concurrency} "
        f"at once) = {bound:.2f} s; clipper / bound: {clipper / bound:.2f} (target: at most 1.30)"
    )


if __name__ == "__main__":
    main()
