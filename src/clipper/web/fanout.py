"""Many fetches at once, one behaviour for every command that fetches many (a batch, `check`,
`feed pull`): up to `jobs` threads run the fetches and hand each result back as it arrives.

The threads never hold the process up. Ctrl-C, or a caller that stops early, cancels the fetches
not yet started; one under way ends by its own deadline, and nobody waits for it: the command ends
at once with what was finished, whole.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, as_completed, wait
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
K = TypeVar("K")
V = TypeVar("V")


class Fetchers:
    """Up to `jobs` daemon threads that run what is submitted, in order: `with Fetchers(8) as pool:
    pool.submit(fetch, url)` gives a Future, as an executor's would."""

    def __init__(self, jobs: int, name: str = "fetch") -> None:
        self._jobs = max(1, jobs)
        self._name = name
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None]
        self._queue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Fetchers:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        future: Future[R] = Future()
        self._queue.put((future, fn, args))
        if len(self._threads) < self._jobs:
            thread = threading.Thread(target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return future

    def close(self) -> None:
        """Cancel what has not started and let the threads go; nothing waits for a fetch under way."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[0].cancel()
        for _ in self._threads:
            self._queue.put(None)

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            future, fn, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args)
            except BaseException as exc:  # the future carries it to the caller
                future.set_exception(exc)
            else:
                future.set_result(result)


def fetch_all(items: Iterable[T], fetch: Callable[[T], R], jobs: int, name: str = "fetch") -> Iterator[tuple[T, R]]:
    """`fetch(item)` for every item, `jobs` at a time, started at once; each item with its result as
    it arrives. What `fetch` raises ends the iteration: a fetch that may fail returns its error."""
    pool = Fetchers(jobs, name)
    futures = {pool.submit(fetch, item): item for item in items}
    return _arrivals(pool, futures)


def _arrivals(pool: Fetchers, futures: dict[Future[R], T]) -> Iterator[tuple[T, R]]:
    with pool:
        for future in as_completed(futures):
            yield futures[future], future.result()


def as_they_end(pending: dict[Future[K], V]) -> Iterator[tuple[Future[K], V]]:
    """Each future of `pending` with its value as it completes; futures added to `pending` meanwhile
    are waited for too."""
    while pending:
        done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        for future in done:
            yield future, pending.pop(future)
