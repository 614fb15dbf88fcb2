"""Running the web app: a socket on 127.0.0.1, the extractor warmed while the first page is awaited,
and Ctrl-C (or SIGTERM) ending it quietly."""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from types import FrameType

import uvicorn

from clipper.errors import ClipperError, NetworkError
from clipper.serve.app import Service, make_app
from clipper.serve.picking import Desk
from clipper.serve.secret import load_or_make
from clipper.workflows.grab import Pipeline
from clipper.workflows.loading import warm_extractor
from clipper.workflows.plan import GrabPlan

HOST = "127.0.0.1"


def listen(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1 at `port` (0: any free port); NetworkError when it is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise NetworkError(
            f"{HOST}:{port}: cannot listen ({exc.strerror or exc}); another program may hold the port: "
            "choose another with --port or the serve.port setting"
        ) from None
    sock.set_inheritable(True)
    return sock


def warm(desk: Desk) -> None:
    """What the first page would otherwise wait for: the extractor's imports and patterns, the modules
    that write a post, the posts folder read once. Holds the desk, so that a page arriving meanwhile
    waits for it rather than doing it again."""
    with desk.lock, contextlib.suppress(ClipperError):  # a page that comes will say what is wrong
        warm_extractor()
        Pipeline(desk.plan).claims.quoted  # noqa: B018 - reads the posts (and their cache) once
        import clipper.posts.files
        import clipper.posts.formats  # noqa: F401


class _Server(uvicorn.Server):
    """uvicorn's server, stopped by Ctrl-C or SIGTERM without raising the signal again afterwards:
    stopping is how this server ends, not an error. A second Ctrl-C stops it without waiting."""

    def stop(self, signum: int = signal.SIGINT, frame: FrameType | None = None) -> None:
        if self.should_exit:
            self.force_exit = True
        self.should_exit = True

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        before = {sig: signal.signal(sig, self.stop) for sig in STOPPING}
        try:
            yield
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)


STOPPING = (signal.SIGINT, signal.SIGTERM)


def run(plan: GrabPlan, port: int, renew_secret: bool, listening: Callable[[str], None]) -> None:
    """Serve until stopped; `listening` is told the address once the socket is open."""
    Pipeline(plan)  # wrong settings for a grab are an error now, not at the first page
    key = load_or_make(renew=renew_secret)
    sock = listen(port)
    desk = Desk(plan)
    service = Service(desk=desk, key=key, port=sock.getsockname()[1])
    threading.Thread(target=warm, args=(desk,), name="warm", daemon=True).start()
    config = uvicorn.Config(
        make_app(service),
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=3,
    )
    server = _Server(config)
    # From the moment the address is out, a stop request ends the server, even before it runs.
    before = {sig: signal.signal(sig, server.stop) for sig in STOPPING}
    try:
        with sock:
            listening(service.origin + "/")
            server.run(sockets=[sock])
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
