"""A real HTTP server on loopback for the tests, with routes a test defines (faults included)."""

from __future__ import annotations

import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.site.hits[path] += 1
        self.server.site.requests.append((self.path, dict(self.headers)))
        route = self.server.site.routes.get(path)
        if route is None:
            self.send_page(b"<html><body><p>Not here.</p></body></html>", status=404)
            return
        route(self)

    def send_page(
        self,
        body: bytes | str,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up mid-body is what the fault tests do; the default handler would print
        # a traceback into whatever sys.stderr is at that moment (often a test's captured stderr).
        self.site.errors += 1


class Site:
    """Routes by path; `hits` counts requests per path."""

    def __init__(self, tls: ssl.SSLContext | None = None, name: str = "127.0.0.1") -> None:
        """`tls` serves https; `name` is the host the site's URLs give (one a browser maps to 127.0.0.1)."""
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.errors = 0
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.site = self
        if tls is not None:  # the handshake happens in the request's thread, not in the one that accepts
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True, do_handshake_on_connect=False)
        self.scheme, self.name = ("https" if tls else "http"), name
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.name}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: bytes | str, **kwargs: object) -> str:
        """Serve a fixed page at `path`; returns its URL."""
        self.routes[path] = lambda h: h.send_page(body, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def drip(body: bytes, chunk: int = 16, interval: float = 0.2) -> Route:
    """A page trickled a few bytes at a time, with a correct Content-Length."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            for i in range(0, len(body), chunk):
                h.wfile.write(body[i : i + chunk])
                h.wfile.flush()
                time.sleep(interval)
        except OSError:
            pass

    return route


def truncated(body: bytes, fraction: float = 0.5) -> Route:
    """A page whose connection closes part-way through the promised Content-Length."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[: int(len(body) * fraction)])
        h.wfile.flush()
        h.close_connection = True

    return route


def endless(chunked: bool) -> Route:
    """An HTML body that never ends (until the client hangs up): no Content-Length."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if chunked:
            h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        piece = b"<p>" + b"filler text " * 5000 + b"</p>\n"
        try:
            for _ in range(100_000):
                if chunked:
                    h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                else:
                    h.wfile.write(piece)
        except OSError:
            pass
        h.close_connection = True

    return route


def delayed(seconds: float, then: Route) -> Route:
    """Wait before answering at all (a server slow to send its headers)."""

    def route(h: Handler) -> None:
        time.sleep(seconds)
        then(h)

    return route


def huge(total: int, mode: str = "length") -> Route:
    """An HTML body of `total` bytes made on the fly: declared (`length`), `chunked`, or ended by
    closing the connection (`close`)."""

    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if mode == "length":
            h.send_header("Content-Length", str(total))
        elif mode == "chunked":
            h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        piece = b"<p>" + b"a long article " * 4000 + b"</p>\n"
        sent = 0
        try:
            while sent < total:
                data = piece[: total - sent]
                h.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n" if mode == "chunked" else data)
                sent += len(data)
            if mode == "chunked":
                h.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        h.close_connection = True

    return route


def redirect_loop() -> Route:
    """A redirect to a new address every time, forever."""
    counter = iter(range(1_000_000))

    def route(h: Handler) -> None:
        h.send_page("", status=302, headers={"Location": f"{h.path.split('?')[0]}?hop={next(counter)}"})

    return route
