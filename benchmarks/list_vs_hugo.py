"""Time `clipper list --json` against Hugo listing the same posts (`hugo list all`).

For each size, ../shared/bench/make_drafts.py writes a minimal Hugo site of N synthetic posts; both
tools then list it as whole processes, alternately. clipper is timed twice: with its listing
cache warm (the everyday case: a few files change between two listings) and cold (the cache
deleted before every run).

    python benchmarks/list_vs_hugo.py [--sizes 1000 10000 100000] [--runs 5]

Prints medians and the ratio clipper / Hugo (target: at most 0.3 at 10k and 100k posts).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE_DRAFTS = ROOT.parent / "shared" / "bench" / "make_drafts.py"


def timed(command: list[str], env: dict[str, str], before: object = None) -> float:
    if callable(before):
        before()
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--make-drafts", type=Path, default=MAKE_DRAFTS)
    args = parser.parse_args()
    hugo = shutil.which("hugo")
    if hugo is None:
        sys.exit("hugo is not installed (Debian: apt-get install hugo)")
    clipper = str(Path(sys.executable).with_name("clipper"))
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.split()[1]
    print(f"hugo {version}; whole processes, alternating; medians of {args.runs} runs (3 at 100k and over)")
    heads = ("hugo list all", "clipper warm", "clipper cold", "warm/hugo", "cold/hugo")
    print(f"{'posts':>7}  " + "  ".join(f"{h:>13}" for h in heads))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            site = Path(tmp) / f"site-{size}"
            subprocess.run(
                [sys.executable, str(args.make_drafts), str(site), "--count", str(size), "--hugo-site"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            posts = site / "content" / "posts"
            warm_env = {**os.environ, "CLIPPER_CACHE_DIR": str(Path(tmp) / "cache-warm")}
            cold_dir = Path(tmp) / "cache-cold"
            cold_env = {**os.environ, "CLIPPER_CACHE_DIR": str(cold_dir)}
            commands = {
                "hugo": ([hugo, "list", "all", "-s", str(site)], os.environ.copy(), None),
                "warm": ([clipper, "list", "--json", "--drafts-dir", str(posts)], warm_env, None),
                "cold": (
                    [clipper, "list", "--json", "--drafts-dir", str(posts)],
                    cold_env,
                    lambda folder=cold_dir: shutil.rmtree(folder, ignore_errors=True),
                ),
            }
            runs = args.runs if size < 100_000 else min(args.runs, 3)
            times: dict[str, list[float]] = {name: [] for name in commands}
            for command, env, before in commands.values():
                timed(command, env, before)  # warm the file cache (and clipper's listing cache)
            for _ in range(runs):
                for name, (command, env, before) in commands.items():
                    times[name].append(timed(command, env, before))
            med = {name: statistics.median(values) for name, values in times.items()}
            print(
                f"{size:>7}  {med['hugo']:>13.3f}s  {med['warm']:>12.3f}s  {med['cold']:>12.3f}s  "
                f"{med['warm'] / med['hugo']:>9.2f}  {med['cold'] / med['hugo']:>9.2f}"
            )
            shutil.rmtree(site)


if __name__ == "__main__":
    main()
