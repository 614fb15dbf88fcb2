"""Whole commands timed against each other: run alternately, so that the noise of a shared
machine falls on all alike, and reported as medians and a ratio."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def timed(command: list[str], cwd: str | None = None) -> float:
    """Seconds one run of `command` takes; a failing run ends the benchmark with its error."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def alternate(commands: dict[str, list[str]], runs: int, cwd: str | None = None) -> dict[str, list[float]]:
    """Each command's times over `runs` rounds, one run of each a round, after one untimed run of
    each (the file cache and the bytecode warmed)."""
    for command in commands.values():
        timed(command, cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command, cwd))
    return times


def report(times: dict[str, list[float]], target: float) -> None:
    """Each command's median and spread, and the first's median over the second's."""
    width = max(map(len, times)) + 2
    for name, values in times.items():
        print(
            f"{name:{width}s} median {statistics.median(values) * 1000:7.1f} ms  "
            f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"
        )
    ours, theirs = (statistics.median(values) for values in times.values())
    print(f"ratio clipper / trafilatura: {ours / theirs:.2f} (target: at most {target:.2f})")
