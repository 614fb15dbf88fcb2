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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from typing import Any

from clipper.errors import AlreadyDraftedError, ClipperError, DuplicateSource, ExitCode
from clipper.web.urls import is_web_url
from clipper.workflows.grab import Outcome, Pipeline, clip

JOBS = 16  # sources fetched at once


def read_sources(lines: Iterable[str]) -> list[str]:
    """Sources from a list file: one a line, blank lines and `#` comments ignored."""
    out = []
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            out.append(text)
    return out


def _ignore_sigint() -> None:
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


def ended(source: str, error: ClipperError) -> Outcome:
    """The outcome of a source that a stage refused: skipped when another post or source has it."""
    url = source if is_web_url(source) else None
    code = int(error.exit_code)
    if isinstance(error, AlreadyDraftedError):
        return Outcome(source, "skipped", url, error.path, error="already drafted", code=code)
    if isinstance(error, DuplicateSource):
        return Outcome(source, "skipped", url, error=str(error), code=code)
    return Outcome(source, "failed", url, error=str(error), code=code)


def run(
    sources: list[str],
    pipeline: Pipeline,
    report: Callable[[Outcome], None],
    jobs: int = JOBS,
    stop_on_failure: bool = False,
    processes: int = 0,
) -> list[Outcome]:
    """Grab every source; `report` is called as each one ends. Returns the outcomes, in the order
    they ended. Ctrl-C (KeyboardInterrupt) propagates after the pools are shut down."""
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

    cores = processes or os.cpu_count() or 1
    extractor: Executor
    if cores > 1 and len(todo) > 2:
        extractor = ProcessPoolExecutor(min(cores, len(todo)), mp_context=_context(), initializer=_ignore_sigint)
    else:
        extractor = _InProcess()
    fetcher = ThreadPoolExecutor(max(1, jobs), thread_name_prefix="fetch")
    keep = pipeline.keeps_snapshot
    pending: dict[Future[Any], tuple[str, Any]] = {fetcher.submit(pipeline.load, s): (s, None) for s in todo}
    try:
        for future, (source, loaded) in _as_they_end(pending):
            error = future.exception()
            if error is None and loaded is None:  # fetched: extract in a worker (CPU work)
                loaded = future.result()
                pending[extractor.submit(clip, loaded, keep)] = (source, loaded)
                continue
            try:
                if error is not None:
                    raise error
                outcome = pipeline.write(source, loaded, future.result())
            except ClipperError as exc:
                outcome = ended(source, exc)
            except Exception as exc:  # a bug in handling one page: that source fails, the batch goes on
                outcome = Outcome(
                    source, "failed", error=f"{source}: {type(exc).__name__}: {exc}", code=int(ExitCode.ERROR)
                )
            if finish(outcome):
                break
    except KeyboardInterrupt:
        # Workers ignore Ctrl-C and would outlive us, holding our stdout and stderr open.
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    finally:
        fetcher.shutdown(wait=False, cancel_futures=True)  # a fetch in flight ends by its deadline
        # The pool is wound down before the run returns, on every path (the end, a failure that stops
        # it, Ctrl-C, a reader gone from the pipe): a pool still winding down when the interpreter
        # exits races Python's exit hook, which wakes its manager thread through a pipe that thread
        # may be closing at that moment ("Bad file descriptor" after the summary). Waiting also lets
        # the pool release its semaphores, which a quick exit would leave to multiprocessing's warnings.
        extractor.shutdown(wait=True, cancel_futures=True)
    return outcomes


def _as_they_end(pending: dict[Future[Any], tuple[str, Any]]) -> Iterator[tuple[Future[Any], tuple[str, Any]]]:
    """Yield each future as it completes; futures added to `pending` meanwhile are waited for too."""
    while pending:
        done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        for future in done:
            yield future, pending.pop(future)
