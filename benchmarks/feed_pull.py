"""Time `pull` on a feed of 10,000 items against feedparser's parse alone on the same bytes.

The feed is served from a separate process (`python -m http.server` on loopback), so the figures are
this process's CPU only: download, parse, the seen-items filter and the store update, as `clipper feed
pull` does them. Three pulls are timed, each from a fresh copy of the store:

- first: a new feed (its 20 most recent offered, all 10,000 remembered as seen);
- changed: the feed has 100 new items on top of 9,900 already seen;
- not modified: the server answers 304 to the conditional request.

    python benchmarks/feed_pull.py [--items 10000] [--runs 5] [--formats rss atom]

Prints CPU seconds (medians), and each as a ratio of feedparser.parse alone (target: a pull under 1 s).
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path

import feedparser

from clipper.sources.feeds import parse_feed
from clipper.sources.pull import pull
from clipper.sources.subscriptions import FeedStore

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
SUMMARY = (
    "<p>The council voted on Tuesday to approve the waterfront plan, ending three years of hearings. "
    "The plan replaces the freight yard with a park, a cycle path and about four hundred homes.</p>"
)


def make_feed(kind: str, count: int, first: int = 1) -> bytes:
    """A feed of `count` items numbered from `first`, newest first, each with a title, link, id,
    date and an HTML summary of about 200 characters."""
    numbers = range(first + count - 1, first - 1, -1)
    if kind == "rss":
        items = "".join(
            f"<item><title>Story {n}: the council &amp; the river</title>"
            f"<link>https://news.example/2026/story-{n}</link><guid>https://news.example/2026/story-{n}</guid>"
            f"<pubDate>{format_datetime(START + timedelta(minutes=n))}</pubDate>"
            f"<description>{escape(SUMMARY)}</description></item>\n"
            for n in numbers
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>News</title>'
            f"<link>https://news.example/</link><description>All the news</description>\n{items}</channel></rss>"
        ).encode()
    entries = "".join(
        f"<entry><title>Story {n}: the council &amp; the river</title>"
        f'<link rel="alternate" href="https://news.example/2026/story-{n}"/><id>tag:news.example,2026:{n}</id>'
        f"<updated>{(START + timedelta(minutes=n)).isoformat()}</updated>"
        f'<summary type="html">{escape(SUMMARY)}</summary></entry>\n'
        for n in numbers
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        f'<link href="https://news.example/"/><id>urn:news</id><updated>{START.isoformat()}</updated>\n{entries}</feed>'
    ).encode()


def cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def timed_pull(prepared: Path, work: Path) -> float:
    """CPU of one pull from a fresh copy of a prepared store; checks that it went as expected."""
    shutil.copy(prepared, work)
    store = FeedStore(work)
    result: list[object] = []
    spent = cpu(lambda: result.append(pull(store)))
    (outcome,) = result
    if outcome.failures:  # type: ignore[attr-defined]
        sys.exit(f"the pull failed: {outcome.failures[0].error}")  # type: ignore[attr-defined]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", nargs="+", default=["rss", "atom"], choices=["rss", "atom"])
    args = parser.parse_args()
    print(f"CPU seconds of this process, medians of {args.runs} runs; feedparser {feedparser.__version__}")
    print(f"{'':46}{'median':>8}{'min':>8}{'/ feedparser':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server, base = serve(folder)
        try:
            for kind in args.formats:
                old = make_feed(kind, args.items)
                new = make_feed(kind, args.items, first=101)  # 100 new on top, the 100 oldest gone
                print(f"{kind}: {args.items:,} items, {len(old) / 2**20:.1f} MB")
                reference = [cpu(lambda data=old: feedparser.parse(io.BytesIO(data))) for _ in range(args.runs)]
                rows = [("feedparser.parse alone (the reference)", reference)]
                ours = [cpu(lambda data=old: parse_feed(data, "https://news.example/feed")) for _ in range(args.runs)]
                rows.append(("clipper's parse alone", ours))

                feed_file = folder / f"feed.{kind}"
                feed_file.write_bytes(old)
                empty = folder / f"empty-{kind}.sqlite3"
                FeedStore(empty).add(f"{base}/feed.{kind}", "news")
                pulled = folder / f"pulled-{kind}.sqlite3"
                shutil.copy(empty, pulled)
                pull(FeedStore(pulled))  # the state after a first pull of the old feed
                work = folder / "work.sqlite3"
                rows.append(("pull, first (20 offered)", [timed_pull(empty, work) for _ in range(args.runs)]))
                rows.append(("pull, not modified (304)", [timed_pull(pulled, work) for _ in range(args.runs)]))
                time.sleep(1.1)  # a newer modification time than the store's Last-Modified
                feed_file.write_bytes(new)
                rows.append(("pull, changed (100 new)", [timed_pull(pulled, work) for _ in range(args.runs)]))

                base_median = statistics.median(reference)
                for label, figures in rows:
                    median = statistics.median(figures)
                    print(f"  {label:44}{median:8.3f}{min(figures):8.3f}{median / base_median:14.3f}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
