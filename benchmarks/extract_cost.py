"""Extraction cost per page: clipper's `extract` against trafilatura's own `bare_extraction`.

Both run in one process on the same pages, interleaved page by page, after a warm-up pass, so
the machine's noise falls on both alike. Reading and decoding the file are not timed.

    python benchmarks/extract_cost.py ../shared/corpus/scrapinghub/html [--passes 3]

Prints the median and 95th percentile per page of each and the ratio (target: at most 1.5).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import statistics
import sys
import time
from pathlib import Path

import trafilatura

from clipper.errors import ClipperError
from clipper.extraction.extract import extract
from clipper.web.page import Page, decode_html


def load(folder: Path) -> list[tuple[bytes, str]]:
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
            data = path.read_bytes()
            data = gzip.decompress(data) if path.suffix == ".gz" else data
            pages.append((data, decode_html(data)[0]))
    return pages


def clipper_extract(data: bytes, text: str) -> None:
    with contextlib.suppress(ClipperError):  # a page with no article costs what it costs
        extract(Page(url="", final_url="", content=data, text=text, encoding="utf-8"))


def trafilatura_extract(data: bytes, text: str) -> None:
    trafilatura.bare_extraction(data, with_metadata=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of saved pages (.html or .html.gz)")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    pages = load(args.folder)
    if not pages:
        sys.exit(f"no pages in {args.folder}")
    runners = {"clipper extract": clipper_extract, "trafilatura bare_extraction": trafilatura_extract}
    times: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in runners}
    for n in range(args.passes + 1):
        for i, (data, text) in enumerate(pages):
            for name, run in runners.items():
                started = time.perf_counter()
                run(data, text)
                if n:  # the first pass warms caches and is not counted
                    times[name][i].append(time.perf_counter() - started)
    print(f"{len(pages)} pages, {args.passes} timed passes, interleaved, one process")
    medians = {}
    for name, per_page in times.items():
        page_ms = sorted(statistics.median(t) * 1000 for t in per_page)
        medians[name] = statistics.median(page_ms)
        p95 = page_ms[int(0.95 * (len(page_ms) - 1))]
        print(f"{name:30s} median {medians[name]:6.1f} ms/page  p95 {p95:6.1f} ms  total {sum(page_ms) / 1000:.2f} s")
    ratio = medians["clipper extract"] / medians["trafilatura bare_extraction"]
    print(f"ratio clipper / trafilatura: {ratio:.2f} (target: at most 1.50)")


if __name__ == "__main__":
    main()
