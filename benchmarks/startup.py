"""Start-up cost of commands that must stay quick: `clipper --version` and `clipper extract` on the
`examples/` page, whole processes, medians of many runs.

With `--against OTHER_CLIPPER` (the `clipper` of another install, an older commit's say) the two
are run alternately, command by command, so that the noise of a shared machine falls on both alike,
and the ratio of their medians is printed:

    python benchmarks/startup.py --runs 15
    python benchmarks/startup.py --runs 15 --against /tmp/before/.venv/bin/clipper

Both run as installed ones do, from their compiled bytecode: the first run writes it, even where the
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
EXAMPLE = ROOT / "examples" / "isis-nusra-article.html"
EXAMPLE_URL = "https://www.theguardian.com/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"
COMMANDS = {
    "--version": ["--version"],
    "extract": ["extract", str(EXAMPLE), "--url", EXAMPLE_URL],
}


def run_once(clipper: str, args: list[str], cwd: str) -> float:
    started = time.perf_counter()
    subprocess.run([clipper, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--clipper", default=shutil.which("clipper", path=str(Path(sys.executable).parent)))
    parser.add_argument("--against", help="another install's clipper, run alternately with this one")
    args = parser.parse_args()
    if not args.clipper:
        sys.exit("no clipper next to this Python: give --clipper PATH")
    installs = {"this": args.clipper, **({"other": args.against} if args.against else {})}
    env_home = tempfile.mkdtemp(prefix="clipper-startup-")
    os.environ.update(HOME=env_home, XDG_CONFIG_HOME=env_home, XDG_CACHE_HOME=env_home, NO_COLOR="1")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[tuple[str, str], list[float]] = {(i, c): [] for i in installs for c in COMMANDS}
    for command, argv in COMMANDS.items():
        for clipper in installs.values():
            run_once(clipper, argv, env_home)  # warm the file cache and the bytecode
        for _ in range(args.runs):
            for name, clipper in installs.items():
                times[name, command].append(run_once(clipper, argv, env_home))
    for command in COMMANDS:
        line = [f"clipper {command:<10}"]
        medians = {}
        for name in installs:
            medians[name] = statistics.median(times[name, command])
            line.append(f"{name}: {medians[name] * 1000:6.1f} ms")
        if "other" in medians:
            line.append(f"ratio this/other: {medians['this'] / medians['other']:.2f}")
        print("  ".join(line))
    shutil.rmtree(env_home, ignore_errors=True)


if __name__ == "__main__":
    main()
