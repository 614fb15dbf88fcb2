"""Following feeds: subscribing to one, and pulling them all (what is new since last time).

A pull downloads every feed at once (politely: at most two requests to a server), reads them in this
thread, then decides what is new under the store's write lock: an item is offered once, by one pull,
even when two pulls run together, and what a pull offers is remembered only once it was delivered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Literal

from clipper.errors import ClipperError, ExitCode
from clipper.settings import FeedsSettings
from clipper.sources.feeds import FeedLink, Fetched, download, fetch_feed, read
from clipper.sources.items import FeedItem
from clipper.sources.subscriptions import FeedStore, StoreTransaction, Subscription, now
from clipper.web.fanout import fetch_all
from clipper.web.options import FetchOptions
from clipper.web.page import Page
from clipper.web.polite import PoliteGates
from clipper.web.urls import dedup_key

FIRST_PULL_ITEMS = FeedsSettings().first_pull  # a new feed offers its most recent items only, not its archive
FORGET_DAYS = 180  # items seen this long ago and gone from their feed are forgotten
JOBS = FeedsSettings().jobs  # feeds downloaded at once (at most two from one server)


PullStatus = Literal["ok", "not-modified", "failed"]


@dataclass(frozen=True, kw_only=True)
class FeedResult:
    """How one feed's pull went: `ok` (read), `not-modified` (304) or `failed` (`error`: one line)."""

    name: str
    url: str
    status: PullStatus
    new: int = 0  # items offered
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass(frozen=True, kw_only=True)
class PullResult:
    """New items of every feed pulled, oldest first, and how each feed went."""

    items: list[FeedItem]
    feeds: list[FeedResult] = field(default_factory=list)

    @property
    def failures(self) -> list[FeedResult]:
        return [result for result in self.feeds if result.failed]

    @property
    def exit_code(self) -> ExitCode:
        """FEEDS_FAILED when any feed failed (the items of the others are still good), else OK."""
        return ExitCode.FEEDS_FAILED if self.failures else ExitCode.OK


def subscribe(
    store: FeedStore, link: FeedLink, name: str | None = None, options: FetchOptions = FetchOptions()
) -> Subscription:
    """Follow a feed found by `feeds.discover`, after checking that it reads as a feed (fetched now if
    it was only linked from a page). Its first pull offers its recent items."""
    feed = link.feed or fetch_feed(link.url, options).feed
    assert feed is not None  # an unconditional fetch is never "not modified"
    return store.add(link.url, name, feed.title or link.title, feed.site_url)


def pull(
    store: FeedStore,
    names: Sequence[str] = (),
    options: FetchOptions = FetchOptions(),
    drafted: Mapping[str, str] | None = None,
    first_pull: int = FIRST_PULL_ITEMS,
    jobs: int = JOBS,
    deliver: Callable[[list[FeedItem]], None] | None = None,
) -> PullResult:
    """Pull the feeds called `names` (every feed when none): the items not seen before, oldest first.

    `drafted` maps normalised URLs (`urls.dedup_key`) of articles already drafted or published to their
    post (`posts.folder.source_index`): those are not offered. A feed's first pull offers its `first_pull`
    most recent items. A feed that cannot be fetched or read fails alone, with a one-line reason.

    `deliver`, when given, is called with the new items while the store is still locked; if it raises
    (a closed pipe, Ctrl-C), nothing of this pull is remembered and the items are offered again next
    time. Without it, the items are remembered as offered when `pull` returns. Raises FeedNotFound for
    an unknown name (before anything is fetched) and FileError when the store cannot be written.
    """
    chosen = list({sub.id: sub for sub in map(store.find, names)}.values()) if names else store.subscriptions()
    if not chosen:
        return PullResult(items=[])
    outcomes = _fetch_all(chosen, options, jobs)
    results: list[FeedResult] = []
    offered: list[tuple[int, FeedItem]] = []
    with store.transaction() as tx:
        when = now()
        claimed: set[str] = set()  # normalised URLs offered by this pull, from any feed
        for order, sub in enumerate(chosen):
            current = tx.subscription(sub.id)
            if current is None:
                continue  # removed by another process meanwhile
            outcome = outcomes[sub.id]
            if isinstance(outcome, ClipperError):
                tx.record_pull(sub.id, when, error=outcome.message)
                results.append(FeedResult(name=sub.name, url=sub.url, status="failed", error=outcome.message))
                continue
            fresh = _absorb(tx, current, outcome, drafted or {}, claimed, first_pull, when)
            offered.extend((order, item) for item in fresh)
            status: PullStatus = "not-modified" if outcome.feed is None else "ok"
            results.append(FeedResult(name=sub.name, url=sub.url, status=status, new=len(fresh)))
        items = [item for _, item in sorted(offered, key=_oldest_first)]
        if deliver is not None:
            deliver(items)
    return PullResult(items=items, feeds=results)


def _fetch_all(chosen: list[Subscription], options: FetchOptions, jobs: int) -> dict[int, Fetched | ClipperError]:
    """Every feed downloaded concurrently and politely, then read here, one at a time, as they arrive."""
    gates = PoliteGates()
    outcomes: dict[int, Fetched | ClipperError] = {}

    def get(sub: Subscription) -> Page | ClipperError:
        try:
            return download(sub.url, options, sub.etag, sub.last_modified, gates)
        except ClipperError as exc:
            return exc

    for sub, page in fetch_all(chosen, get, min(jobs, len(chosen)), "feed"):
        try:
            if isinstance(page, ClipperError):
                raise page
            outcomes[sub.id] = read(sub.url, page)
        except ClipperError as exc:
            outcomes[sub.id] = exc
    return outcomes


def _absorb(
    tx: StoreTransaction,
    sub: Subscription,
    fetched: Fetched,
    drafted: Mapping[str, str],
    claimed: set[str],
    first_pull: int,
    when: int,
) -> list[FeedItem]:
    """Remember a fetched feed's items as seen; return those to offer (not seen in any feed, not
    drafted, not offered by another feed in this pull), its most recent only on a first pull."""
    feed = fetched.feed
    if feed is None:  # not modified since the last pull
        tx.record_pull(sub.id, when, etag=fetched.etag, last_modified=fetched.last_modified)
        return []
    seen = tx.seen_keys(sub.id)
    fresh = [(item, dedup_key(item.url)) for item in feed.items if item.key not in seen]
    known = tx.seen_urls({key for _, key in fresh})
    offer: list[FeedItem] = []
    marks: list[tuple[str, str]] = []
    for item, key in fresh:
        marks.append((item.key, key))
        if key in known or key in claimed or key in drafted:
            continue
        claimed.add(key)
        offer.append(item)
    if sub.pulls == 0 and len(offer) > first_pull:
        offer = offer[len(offer) - first_pull :] if first_pull > 0 else []  # items are oldest first
    tx.mark_seen(sub.id, marks, when)
    tx.forget_old(sub.id, {item.key for item in feed.items}, when - FORGET_DAYS * 86400)
    tx.record_pull(
        sub.id,
        when,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        title=feed.title or None,
        site_url=feed.site_url,
        counts=True,
    )
    return [replace(item, feed=sub.name) for item in offer]


_NO_DATE = datetime.max.replace(tzinfo=timezone.utc)


def _oldest_first(entry: tuple[int, FeedItem]) -> tuple[datetime, int]:
    """Across feeds: by date; undated items after the dated ones, by feed. The sort is stable, so each
    feed's own order (already oldest first) holds among its items."""
    order, item = entry
    return (item.date or _NO_DATE, order)
