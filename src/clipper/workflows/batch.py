"""Many sources in one run: fetched concurrently and politely, extracted in worker processes,
written one at a time. Never interactive; every source ends written, skipped or failed.

trafilatura's extraction is not safe in several threads of one process (lxml corrupts memory), so
threads only fetch; extraction runs in a pool of processes, one per core.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError
from clipper.posts import selection
from clipper.posts.model import PostStyle
from clipper.web.fetch import FetchOptions
from clipper.web.page import Page
from clipper.web.polite import PoliteGates
from clipper.web.urls import dedup_key, has_other_scheme, is_web_url
from clipper.workflows import grab


@dataclass(frozen=True)
class Outcome:
    """How one source ended: `written` (with its path), `skipped` or `failed` (with the reason)."""

    source: str
    status: str
    url: str | None = None
    path: str | None = None
    error: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "url": self.url, "status": self.status, "path": self.path, "error": self.error}


@dataclass
class BatchPlan:
    """What every post in the batch gets: the paragraphs to quote, the look and the destination."""

    folder: Path
    style: PostStyle = field(default_factory=PostStyle)
    pick: str | None = None  # a selection like 1-3,5, clamped to each article's length
    lead: int = 4
    quote_all: bool = False
    force: bool = False
    site_names: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)  # already drafted: normalised URL -> path
    fetch: FetchOptions = field(default_factory=FetchOptions)
    jobs: int = 16
    processes: int = 0  # 0: one per core
    snapshot: bool = True
    archive_service: str = ""
    notes: list[str] = field(default_factory=list)  # warnings (the archive step skipped, say)


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
    import clipper.extraction.extract  # noqa: F401 - import once, while the first pages are still downloading


def _context() -> Any:
    """Never fork this process (it runs threads): a fork server that has imported the extractor once
    hands out workers cheaply; where there is none (Windows), spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["clipper.extraction.extract"])
        return context
    return multiprocessing.get_context("spawn")


def _extract(page: Page, keep_in: Path | None) -> tuple[grab.Clipping, str | None]:
    """Extract a page, and keep its snapshot in `keep_in` (in the worker: compressing is CPU work too)."""
    from clipper.extraction.extract import extract

    clipping = grab.Clipping(page, extract(page))
    if keep_in is None:
        return clipping, None
    from clipper.posts.snapshot import save

    return clipping, save(page, keep_in)


class _InProcess(Executor):
    """Extraction in the calling thread, for one core or a handful of sources."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # the future carries it to the caller, as a pool's would
            future.set_exception(exc)
        return future


def run(
    sources: list[str], plan: BatchPlan, report: Callable[[Outcome], None], stop_on_failure: bool = False
) -> list[Outcome]:
    """Grab every source; `report` is called as each one ends. Returns the outcomes, in the order
    they ended. Ctrl-C (KeyboardInterrupt) propagates after the pools are shut down."""
    outcomes: list[Outcome] = []
    seen: dict[str, str] = {}  # normalised URL -> the source that claimed it in this batch

    def finish(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome)

    todo: list[str] = []
    for source in sources:
        if is_web_url(source):
            key = dedup_key(source)
            if key in seen:
                finish(Outcome(source, "skipped", source, error=f"same article as {seen[key]} in this batch"))
                continue
            seen[key] = source
            if not plan.force and key in plan.index:
                finish(Outcome(source, "skipped", source, plan.index[key], error="already drafted"))
                continue
        elif has_other_scheme(source):
            finish(Outcome(source, "failed", error=f"{source}: only http and https URLs can be fetched"))
            continue
        todo.append(source)
    if not todo:
        return outcomes

    cores = plan.processes or os.cpu_count() or 1
    extractor: Executor
    if cores > 1 and len(todo) > 2:
        extractor = ProcessPoolExecutor(min(cores, len(todo)), mp_context=_context(), initializer=_ignore_sigint)
    else:
        extractor = _InProcess()
    fetcher = ThreadPoolExecutor(max(1, plan.jobs), thread_name_prefix="fetch")
    gates = PoliteGates()
    archived: dict[str, str | None] = {}

    def load(source: str) -> Page:
        if not is_web_url(source):
            return grab.load(source, None, plan.fetch)
        page = gates.fetch(source, plan.fetch)
        if plan.archive_service:  # here, in the fetch thread: the service's latency overlaps too
            archived[source], note = grab.archive_lookup(plan.archive_service, page.final_url, plan.fetch.user_agent)
            if note:
                plan.notes.append(note)
        return page

    pending: dict[Future[Any], tuple[str, str]] = {fetcher.submit(load, s): (s, "fetch") for s in todo}
    try:
        for future, (source, stage) in _as_they_end(pending):
            error = future.exception()
            if error is not None:
                # Any other exception is a bug in handling one page: that source fails, the batch goes on.
                message = (
                    str(error) if isinstance(error, ClipperError) else f"{source}: {type(error).__name__}: {error}"
                )
                finish(Outcome(source, "failed", source if is_web_url(source) else None, error=message))
                if stop_on_failure:
                    break
            elif stage == "fetch":
                keep_in = plan.folder if plan.snapshot else None
                pending[extractor.submit(_extract, future.result(), keep_in)] = (source, "extract")
            else:
                clipping, kept = future.result()
                outcome = _write(source, clipping, plan, seen, kept, archived.get(source))
                finish(outcome)
                if stop_on_failure and outcome.status == "failed":
                    break
    except KeyboardInterrupt:
        # Workers ignore Ctrl-C and would outlive us, holding our stdout and stderr open.
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    finally:
        fetcher.shutdown(wait=False, cancel_futures=True)
        extractor.shutdown(wait=False, cancel_futures=True)
    return outcomes


def _as_they_end(pending: dict[Future[Any], tuple[str, str]]) -> Iterator[tuple[Future[Any], tuple[str, str]]]:
    """Yield each future as it completes; futures added to `pending` meanwhile are waited for too."""
    while pending:
        done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        for future in done:
            yield future, pending.pop(future)


def _write(
    source: str,
    clipping: grab.Clipping,
    plan: BatchPlan,
    seen: dict[str, str],
    snapshot: str | None = None,
    archive_url: str | None = None,
) -> Outcome:
    """Choose the paragraphs and write the post of one extracted source."""
    article = clipping.article
    url = article.url or clipping.page.final_url or None
    try:
        if url:
            key = dedup_key(url)
            if not plan.force and key in plan.index:
                return Outcome(source, "skipped", url, plan.index[key], error="already drafted")
            claimed = seen.get(key)
            if claimed is not None and claimed != source:
                return Outcome(source, "skipped", url, error=f"same article as {claimed} in this batch")
            seen[key] = source
        numbers = selection.choose(len(article.blocks), plan.pick, plan.lead, plan.quote_all, clamp=True)
        post = grab.make_post(
            clipping,
            grab.quotes(article, numbers),
            site_names=plan.site_names,
            extra=plan.extra,
            snapshot=snapshot,
            archive_url=archive_url,
        )
        path = grab.save(post, plan.folder, plan.style)
    except ClipperError as exc:
        return Outcome(source, "failed", url, error=str(exc))
    if url:
        plan.index[dedup_key(url)] = str(path)
    return Outcome(source, "written", url, str(path), title=post.title)
