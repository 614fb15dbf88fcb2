"""Time `clipper list --json` against Hugo listing the same posts (`hugo list all`).

For each size, ../shared/bench/make_drafts.py writes a minimal Hugo site of N synthetic posts; both
tools then list it as whole processes, alternately. clipper is timed twice: with its listing
cache warm (the everyday case: a few files change between two listings) and cold (the cache
deleted before every run). With `--against OTHER_CLIPPER` (another install's, an older commit's
say) that one is timed too, in the same rounds, so that the noise of a shared machine falls on both.

    python benchmarks/list_vs_hugo.py [--sizes 1000 10000 100000] [--runs 5] [--against PATH]

Prints medians and the ratios clipper / Hugo (target: at most 0.2 warm at 10k posts). clipper runs
as an installed one does, from its compiled bytecode: the first run writes it, even where the
environment says not to (PYTHONDONTWRITEBYTECODE), which would otherwise compile clipper's source
at every run.
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
    parser.add_argument("--against", help="another install's clipper, timed in the same rounds")
    args = parser.parse_args()
    hugo = shutil.which("hugo")
    if hugo is None:
        sys.exit("hugo is not installed (Debian: apt-get install hugo)")
    clippers = {"": str(Path(sys.executable).with_name("clipper"))}
    if args.against:
        clippers["other "] = args.against
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.split()[1]
    print(f"hugo {version}; whole processes, alternating; medians of {args.runs} runs (3 at 100k and over)")
    heads = ["hugo list all"]
    for who in clippers:
        heads += [f"{who}warm", f"{who}cold", f"{who}warm/hugo", f"{who}cold/hugo"]
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
            commands: dict[str, tuple[list[str], dict[str, str], object]] = {
                "hugo": ([hugo, "list", "all", "-s", str(site)], os.environ.copy(), None),
            }
            for n, (who, clipper) in enumerate(clippers.items()):
                warm_env = {**os.environ, "CLIPPER_CACHE_DIR": str(Path(tmp) / f"cache-warm-{n}")}
                cold_dir = Path(tmp) / f"cache-cold-{n}"
                cold_env = {**os.environ, "CLIPPER_CACHE_DIR": str(cold_dir)}
                listing = [clipper, "list", "--json", "--drafts-dir", str(posts)]
                commands[f"{who}warm"] = (listing, warm_env, None)
                commands[f"{who}cold"] = (
                    listing,
                    cold_env,
                    lambda folder=cold_dir: shutil.rmtree(folder, ignore_errors=True),
                )
            runs = args.runs if size < 100_000 else min(args.runs, 3)
            times: dict[str, list[float]] = {name: [] for name in commands}
            for command, env, before in commands.values():
                timed(command, env, before)  # warm the file cache, the bytecode (and clipper's listing cache)
            for _ in range(runs):
                for name, (command, env, before) in commands.items():
                    times[name].append(timed(command, env, before))
            med = {name: statistics.median(values) for name, values in times.items()}
            cells = [f"{med['hugo']:>12.3f}s"]
            for who in clippers:
                warm, cold = med[f"{who}warm"], med[f"{who}cold"]
                cells += [
                    f"{warm:>12.3f}s",
                    f"{cold:>12.3f}s",
                    f"{warm / med['hugo']:>13.2f}",
                    f"{cold / med['hugo']:>13.2f}",
                ]
            print(f"{size:>7}  " + "  ".join(cells))
            shutil.rmtree(site)


if __name__ == "__main__":
    main()
