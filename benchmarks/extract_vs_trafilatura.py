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
import sys
import tempfile
from pathlib import Path

from alternating import alternate, report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_URL = "https://www.theguardian.com/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"


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
        times = alternate(commands, args.runs, cwd=home)

    print(f"page: {args.page.name}, {args.runs} runs each, alternating, whole processes")
    report(times, target=1.0)


if __name__ == "__main__":
    main()
