"""Time `clipper extract PAGE --url URL` against `trafilatura --input-file PAGE` on the same saved page.

Both are whole processes (start-up, imports, reading and extracting), run alternately so that the
noise of a shared machine falls on both alike:

    python benchmarks/extract_vs_trafilatura.py [--runs 10] [--page FILE --url URL] [--clipper PATH]

Prints the median and spread of each, and the ratio clipper / trafilatura (target: at most 1.0).
`--clipper` runs another install's clipper (an older commit's, say) against this one's trafilatura.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_URL = "https://www.theguardian.com/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"


def timed(command: list[str], cwd: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--page", type=Path, default=ROOT / "examples" / "isis-nusra-article.html")
    parser.add_argument("--url", default=EXAMPLE_URL, help="the page's address, given to clipper")
    bindir = Path(sys.executable).parent
    parser.add_argument("--clipper", default=str(bindir / "clipper"))
    args = parser.parse_args()

    page = str(args.page.resolve())
    commands = {
        "clipper extract": [args.clipper, "extract", page, "--url", args.url],
        "trafilatura --input-file": [str(bindir / "trafilatura"), "--input-file", page],
    }
    with tempfile.TemporaryDirectory() as home:
        # no user's configuration or cache on either side
        os.environ.update(HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home, NO_COLOR="1")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            timed(command, home)  # warm the file cache and the bytecode
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, home))

    print(f"page: {args.page.name}, {args.runs} runs each, alternating, whole processes")
    for name, values in times.items():
        print(
            f"{name:26s} median {statistics.median(values) * 1000:7.1f} ms  "
            f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"
        )
    ratio = statistics.median(times["clipper extract"]) / statistics.median(times["trafilatura --input-file"])
    print(f"ratio clipper / trafilatura: {ratio:.2f} (target: at most 1.00)")


if __name__ == "__main__":
    main()
