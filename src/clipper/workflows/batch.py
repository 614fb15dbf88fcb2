"""Many sources in one run: the grab pipeline's stages spread over threads that fetch and processes
that extract, posts written one at a time in this thread. Never interactive; every source ends
written, skipped or failed.

trafilatura's extraction is not safe in several threads of one process (lxml corrupts memory), so
threads only fetch; extraction runs in a pool of processes, one per core.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from clipper.errors import ClipperError
from clipper.web.fanout import Fetchers, as_they_end
from clipper.workflows.grab import Outcome, Pipeline, ended

JOBS = 16  # sources fetched at once


def read_sources(lines: Iterable[str]) -> list[str]:
    """Sources from a list file: one a line, blank lines and `#` comments ignored."""
    out = []
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            out.append(text)
    return out


def _worker_starts() -> None:
    # Ctrl-C is the main process's to handle; workers just stop when it shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> Any:
    """Never fork this process (it runs threads): a fork server that has imported the extractor once
    hands out workers cheaply; where there is none (Windows), spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["clipper.extraction.extract"])
        return context
    return multiprocessing.get_context("spawn")


class _InProcess(Executor):
    """Extraction in the calling thread, for one core or a handful of sources."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the future carries it to the caller, as a pool's would
            future.set_exception(exc)
        return future


def _extractor(sources: int) -> Executor:
    """A pool of processes, one per core, when there are cores and sources enough to share out."""
    cores = os.cpu_count() or 1
    if cores > 1 and sources > 2:
        return ProcessPoolExecutor(min(cores, sources), mp_context=_context(), initializer=_worker_starts)
    return _InProcess()


def run(
    sources: list[str],
    pipeline: Pipeline,
    report: Callable[[Outcome], None],
    *,
    jobs: int = JOBS,
    stop_on_failure: bool = False,
) -> list[Outcome]:
    """Grab every source; `report` is called as each one ends. Returns the outcomes, in the order
    they ended. Ctrl-C (KeyboardInterrupt) propagates at once, the pools shut down."""
    outcomes: list[Outcome] = []

    def finish(outcome: Outcome) -> bool:
        """Record an outcome; True when the run should stop here."""
        outcomes.append(outcome)
        report(outcome)
        return stop_on_failure and outcome.status == "failed"

    todo: list[str] = []
    for source in sources:
        try:
            pipeline.claim(source)
            todo.append(source)
        except ClipperError as exc:
            if finish(ended(source, exc)):
                return outcomes
    if not todo:
        return outcomes

    extractor = _extractor(len(todo))
    fetcher = Fetchers(jobs)
    clip = pipeline.clipper
    pending: dict[Future[Any], tuple[str, bool]] = {fetcher.submit(pipeline.load, s): (s, False) for s in todo}
    try:
        for future, (source, clipped) in as_they_end(pending):
            try:
                if not clipped:  # fetched: extract in a worker (CPU work)
                    pending[extractor.submit(clip, future.result())] = (source, True)
                    continue
                outcome = pipeline.write(source, future.result())
            except Exception as exc:  # a ClipperError, or a bug in handling one page: that source ends
                outcome = ended(source, exc)
            if finish(outcome):
                break
    except KeyboardInterrupt:
        # Workers ignore Ctrl-C and would outlive us, holding our stdout and stderr open.
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    finally:
        fetcher.close()  # a fetch in flight ends by its deadline, unwaited for
        # The pool is wound down before the run returns, on every path (the end, a failure that stops
        # it, Ctrl-C, a reader gone from the pipe): a pool still winding down when the interpreter
        # exits races Python's exit hook, which wakes its manager thread through a pipe that thread
        # may be closing at that moment ("Bad file descriptor" after the summary). Waiting also lets
        # the pool release its semaphores, which a quick exit would leave to multiprocessing's warnings.
        extractor.shutdown(wait=True, cancel_futures=True)
    return outcomes
