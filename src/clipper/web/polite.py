"""Politeness towards servers: at most a few requests at once to any one of them."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from clipper.web.options import FetchOptions
    from clipper.web.page import Page

PER_HOST = 2  # requests at once to one server (host and port)


class PoliteGates:
    """At most PER_HOST requests at once to one server (host and port), from any number of threads."""

    def __init__(self) -> None:
        self._gates: defaultdict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(PER_HOST)
        )
        self._lock = threading.Lock()

    @contextmanager
    def gate(self, url: str) -> Iterator[None]:
        """Wait for a free place at `url`'s server, and hold it for the block."""
        with self._lock:
            gate = self._gates[urlsplit(url).netloc.lower()]
        with gate:
            yield

    def fetch(self, url: str, options: FetchOptions, **kwargs: Any) -> Page:
        """`fetch.fetch` through the gate; `kwargs` go to it as they are."""
        with self.gate(url):
            # The HTTP stack is imported by the first fetch, inside the gate: the fetches waiting for
            # it then pass the gate in the order they came to it, not all at once when it is done.
            from clipper.web.fetch import fetch

            return fetch(url, options, **kwargs)
