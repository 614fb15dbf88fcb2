"""Time `clipper grab --pick 1-4` against `trafilatura -u` on the same locally served page.

Both are whole processes, run alternately; the page is served from 127.0.0.1, with no added
latency by default (start-up, fetching and extraction only), or with `--latency-ms` before each
response, as a remote server has.

    python benchmarks/grab_vs_trafilatura.py [--runs 15] [--latency-ms 0] [--page FILE]

Prints the median and spread of each, and the ratio clipper / trafilatura (target: at most 1.0).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from alternating import alternate, report

ROOT = Path(__file__).resolve().parent.parent


class QuietHandler(SimpleHTTPRequestHandler):
    latency = 0.0  # seconds before each response, like a remote server's time to first byte

    def do_GET(self) -> None:
        time.sleep(self.latency)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--page", type=Path, default=ROOT / "examples" / "isis-nusra-article.html")
    parser.add_argument("--latency-ms", type=float, default=0, help="server delay before each response")
    args = parser.parse_args()
    QuietHandler.latency = args.latency_ms / 1000

    bindir = Path(sys.executable).parent
    clipper, trafilatura = str(bindir / "clipper"), str(bindir / "trafilatura")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "site").mkdir()
        (work / "site" / "article.html").write_bytes(args.page.read_bytes())
        config = work / "trafilatura.cfg"
        # trafilatura refuses loopback addresses unless its SSRF protection is off
        config.write_text("[DEFAULT]\nSSRF_PROTECTION = off\nSLEEP_TIME = 0\n")
        server = serve(work / "site")
        url = f"http://127.0.0.1:{server.server_address[1]}/article.html"
        commands = {
            "clipper grab --pick 1-4": [
                clipper,
                "grab",
                url,
                "--pick",
                "1-4",
                "--force",
                "--drafts-dir",
                str(work / "drafts"),
            ],
            "trafilatura -u": [trafilatura, "--config-file", str(config), "-u", url],
        }
        times = alternate(commands, args.runs)
        server.shutdown()

    print(
        f"page: {args.page.name}, {args.latency_ms:g} ms server latency, {args.runs} runs each, "
        "alternating, whole processes"
    )
    report(times, target=1.0)


if __name__ == "__main__":
    main()
