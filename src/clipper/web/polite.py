"""Fetching from many threads politely: at most PER_HOST requests at once to one server."""

from __future__ import annotations

import threading
from collections import defaultdict
from urllib.parse import urlsplit

from clipper.web.fetch import FetchOptions, fetch
from clipper.web.page import Page

PER_HOST = 2  # requests at once to one server (host and port)


class PoliteGates:
    """At most PER_HOST requests at once to one server, from any number of threads."""

    def __init__(self) -> None:
        self._gates: defaultdict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(PER_HOST)
        )
        self._lock = threading.Lock()

    def fetch(self, url: str, options: FetchOptions) -> Page:
        with self._lock:
            gate = self._gates[urlsplit(url).netloc.lower()]
        with gate:
            return fetch(url, options)
