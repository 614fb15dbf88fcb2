"""Following feeds: subscribing, pulling what is new, conditional fetches, broken feeds, drafted
articles, and two pulls at once on one store. A real server on loopback, a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from clipper.errors import ExitCode, FeedExists, FeedNotFound, FileError
from clipper.posts.folder import source_index
from clipper.sources.feeds import discover
from clipper.sources.pull import pull, subscribe
from clipper.sources.subscriptions import FeedStore, store_path
from clipper.web.options import FetchOptions

from feedpages import atom, entries, json_feed, page_linking, rss
from siteserver import Handler, Site, delayed

FAST = FetchOptions(connect_timeout=2, read_timeout=2, deadline=5, retries=1, backoff=0.05)
ROOT = Path(__file__).resolve().parent.parent


def story(n: int) -> str:
    return f"https://news.example/2026/story-{n}"


def serve_feed(site: Site, path: str, body: bytes, media: str = "application/rss+xml") -> str:
    site.page(path, body, content_type=media)
    return site.url(path)


@pytest.fixture
def store(tmp_path: Path) -> FeedStore:
    return FeedStore(store_path(tmp_path / "drafts"))


def test_first_pull_offers_the_recent_items_then_only_what_is_new(site: Site, store: FeedStore) -> None:
    url = serve_feed(site, "/feed.xml", rss(entries(30)))
    store.add(url, "news")
    first = pull(store, options=FAST, first_pull=20)
    assert [item.url for item in first.items] == [story(n) for n in range(11, 31)]  # the 20 newest, oldest first
    assert {item.feed for item in first.items} == {"news"}
    assert first.feeds[0].status == "ok" and first.feeds[0].new == 20 and first.exit_code == ExitCode.OK
    assert pull(store, options=FAST).items == []  # the ten older ones are not offered later either
    serve_feed(site, "/feed.xml", rss(entries(33)[-25:]))  # three new, the oldest fall off the feed
    third = pull(store, options=FAST)
    assert [item.url for item in third.items] == [story(31), story(32), story(33)]
    assert third.items[0].to_dict() == {
        "feed": "news",
        "title": "Story 31: the council & the river",
        "url": story(31),
        "date": "2026-11-03T14:00:00+00:00",
        "summary": "What happened in story 31 , in a sentence.",
    }


def test_items_of_several_feeds_come_oldest_first(site: Site, store: FeedStore) -> None:
    store.add(serve_feed(site, "/a.xml", rss(entries(3, first=1))), "a")
    store.add(serve_feed(site, "/b.json", json_feed(entries(3, first=2, site="https://b.example"))), "b")
    items = pull(store, options=FAST).items
    assert [(item.feed, item.url.split("/")[2], item.url[-1]) for item in items] == [
        ("a", "news.example", "1"),
        ("a", "news.example", "2"),
        ("b", "b.example", "2"),
        ("a", "news.example", "3"),
        ("b", "b.example", "3"),
        ("b", "b.example", "4"),
    ]


def test_an_etag_or_date_answered_304_offers_nothing_and_costs_no_parse(site: Site, store: FeedStore) -> None:
    body = atom(entries(2))

    def route(h: Handler) -> None:
        if h.headers.get("If-None-Match") == '"v1"' or h.headers.get("If-Modified-Since") == "Mon, 02 Nov 2026":
            h.send_page(b"", status=304, content_type=None)
        else:
            h.send_page(body, content_type="application/atom+xml", headers={"ETag": '"v1"'})

    site.routes["/etag.atom"] = route
    site.routes["/dated.atom"] = lambda h: (
        h.send_page(b"", status=304, content_type=None)
        if h.headers.get("If-Modified-Since") == "Mon, 02 Nov 2026 08:00:00 GMT"
        else h.send_page(body, content_type="text/xml", headers={"Last-Modified": "Mon, 02 Nov 2026 08:00:00 GMT"})
    )
    store.add(site.url("/etag.atom"), "etag")
    store.add(
        site.url("/dated.atom"),
        "dated",
    )
    assert len(pull(store, options=FAST).items) == 2  # both feeds hold the same two articles: offered once
    again = pull(store, options=FAST)
    assert again.items == [] and [r.status for r in again.feeds] == ["not-modified", "not-modified"]
    sent = {path: headers for path, headers in site.requests[-2:]}
    assert sent["/etag.atom"]["If-None-Match"] == '"v1"'
    assert sent["/dated.atom"]["If-Modified-Since"] == "Mon, 02 Nov 2026 08:00:00 GMT"
    assert {sub.name: sub.etag for sub in store.subscriptions()} == {"dated": None, "etag": '"v1"'}


def test_an_item_with_a_malformed_address_is_left_out(site: Site, store: FeedStore) -> None:
    """One bad link in a feed (a broken IPv6 host, a port out of range) costs that item, not the pull."""
    good = entries(2)
    bad = [
        replace(good[0], url="http://[::1/story", ident="tag:bad-host"),
        replace(good[0], url="https://news.example:99999/story", ident="tag:bad-port"),
    ]
    store.add(serve_feed(site, "/feed.xml", rss([*bad, *good])), "news")
    result = pull(store, options=FAST)
    assert [item.url for item in result.items] == [story(1), story(2)]
    assert result.exit_code == ExitCode.OK and pull(store, options=FAST).items == []


def test_a_broken_feed_fails_alone_with_one_line(site: Site, store: FeedStore) -> None:
    store.add(serve_feed(site, "/good.xml", rss(entries(2))), "good")
    store.add(site.url("/missing.xml"), "missing")
    store.add(serve_feed(site, "/page.xml", page_linking().encode(), "text/html"), "page")
    store.add(serve_feed(site, "/bad.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</it", "text/xml"), "bad")
    site.routes["/slow.xml"] = delayed(3, lambda h: h.send_page(rss(entries(1)), content_type="text/xml"))
    store.add(site.url("/slow.xml"), "slow")
    started = time.monotonic()
    result = pull(store, options=FetchOptions(connect_timeout=1, read_timeout=0.5, deadline=1, retries=0))
    assert time.monotonic() - started < 2.5  # the slow feed did not hold the others up
    assert [item.url for item in result.items] == [story(1), story(2)]
    outcome = {r.name: (r.status, r.error) for r in result.feeds}
    assert outcome["good"] == ("ok", None)
    assert "HTTP 404" in (outcome["missing"][1] or "")
    assert "an HTML page, not a feed" in (outcome["page"][1] or "")
    assert "broken feed" in (outcome["bad"][1] or "")
    assert "timed out" in (outcome["slow"][1] or "")
    for name, (status, error) in outcome.items():
        if name != "good":
            assert status == "failed" and error is not None and "\n" not in error and site.base in error
    assert result.exit_code == ExitCode.FEEDS_FAILED == 20
    assert {sub.name: sub.last_error for sub in store.subscriptions()}["missing"] == outcome["missing"][1]
    serve_feed(site, "/missing.xml", rss(entries(1, first=40)))  # back, and pulled for the first time
    later = pull(store, ["missing"], options=FAST)
    assert [item.url for item in later.items] == [story(40)] and later.exit_code == ExitCode.OK
    assert {sub.name: sub.last_error for sub in store.subscriptions()}["missing"] is None


def test_drafted_and_published_articles_are_not_offered(site: Site, store: FeedStore, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "2026-11-02-story-2.md").write_text(
        '+++\ntitle = "Story two"\ndraft = true\nsource_url = "http://www.news.example/2026/story-2/?utm_source=rss"\n'
        "+++\n\n> quoted\n"
    )
    store.add(serve_feed(site, "/feed.xml", rss(entries(3))), "news")
    result = pull(store, options=FAST, drafted=source_index([drafts]))
    assert [item.url for item in result.items] == [story(1), story(3)]


def test_deliver_that_fails_leaves_the_items_to_offer_again(site: Site, store: FeedStore) -> None:
    store.add(serve_feed(site, "/feed.xml", rss(entries(2))), "news")

    def broken_pipe(items: list[object]) -> None:
        raise BrokenPipeError

    with pytest.raises(BrokenPipeError):
        pull(store, options=FAST, deliver=broken_pipe)
    delivered: list[str] = []
    result = pull(store, options=FAST, deliver=lambda items: delivered.extend(item.url for item in items))
    assert delivered == [item.url for item in result.items] == [story(1), story(2)]


def test_pulling_named_feeds_only(site: Site, store: FeedStore) -> None:
    store.add(serve_feed(site, "/a.xml", rss(entries(1))), "Alpha")
    store.add(serve_feed(site, "/b.xml", rss(entries(1, first=5))), "beta")
    assert [item.url for item in pull(store, ["alpha"], options=FAST).items] == [story(1)]
    assert site.hits["/b.xml"] == 0
    with pytest.raises(FeedNotFound, match=r"gamma: no feed .* followed: Alpha, beta"):
        pull(store, ["beta", "gamma"], options=FAST)
    assert site.hits["/b.xml"] == 0  # nothing fetched for a pull that names an unknown feed
    assert len(pull(store, ["beta", "BETA", site.url("/b.xml")], options=FAST).feeds) == 1


def test_at_most_two_requests_at_once_to_a_server(site: Site, store: FeedStore) -> None:
    now_serving = 0
    most = 0
    lock = threading.Lock()

    def route(h: Handler) -> None:
        nonlocal now_serving, most
        with lock:
            now_serving += 1
            most = max(most, now_serving)
        time.sleep(0.2)
        with lock:
            now_serving -= 1
        h.send_page(rss(entries(1)), content_type="text/xml")

    for n in range(5):
        site.routes[f"/f{n}.xml"] = route
        store.add(site.url(f"/f{n}.xml"), f"feed {n}")
    result = pull(store, options=FAST, jobs=8)
    assert most == 2 and len(result.feeds) == 5 and not result.failures


def test_subscribing_from_a_page_names_the_feed(site: Site, store: FeedStore) -> None:
    serve_feed(site, "/world/feed.xml", rss(entries(2), title="World  news\n"))
    site.page("/world/", page_linking(("application/rss+xml", "feed.xml", "World")))
    (link,) = discover(site.url("/world/"), FAST)
    sub = subscribe(store, link, options=FAST)
    assert (sub.name, sub.url, sub.title, sub.site_url, sub.pulls) == (
        "World news",
        site.url("/world/feed.xml"),
        "World news",
        "https://news.example/",
        0,
    )
    with pytest.raises(FeedExists, match="already followed, as World news"):
        subscribe(store, link, options=FAST)
    other = serve_feed(site, "/other.xml", rss(entries(1), title="World news"))
    assert store.add(other, None, "World news").name == "World news 2"
    with pytest.raises(FeedExists, match="a feed of that name"):
        store.add(site.url("/third.xml"), "world NEWS")
    assert store.find("WORLD NEWS 2").url == other and store.find(other + "#top").name == "World news 2"
    assert store.remove("world news").name == "World news"
    assert [sub.name for sub in store.subscriptions()] == ["World news 2"]


def test_reading_creates_no_file_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    path = store_path(tmp_path / "drafts")
    assert path == tmp_path / "drafts" / ".clipper" / "feeds.sqlite3"
    assert FeedStore(path).subscriptions() == [] and not (tmp_path / "drafts").exists()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"these are not the feeds you are looking for\n" * 50)
    with pytest.raises(FileError, match="not a clipper feed store"):
        FeedStore(path).subscriptions()


def test_a_store_busy_past_the_wait_is_one_error(site: Site, store: FeedStore) -> None:
    store.add(serve_feed(site, "/feed.xml", rss(entries(1))), "news")
    with store.transaction(), pytest.raises(FileError, match="busy"):
        pull(FeedStore(store.path, busy_seconds=0.2), options=FAST)


PULL = """
import json, sys, time
from pathlib import Path
from clipper.sources.pull import pull
from clipper.sources.subscriptions import FeedStore
times = [time.time()]
def slow_reader(items):  # a slow pipe: this pull holds the store while another one arrives
    times.append(time.time())
    time.sleep(1.0)
    times.append(time.time())
result = pull(FeedStore(Path(sys.argv[1])), deliver=slow_reader)
print(json.dumps({"urls": [item.url for item in result.items], "times": times}))
"""


@pytest.mark.slow
def test_two_pulls_at_once_offer_each_item_once(site: Site, store: FeedStore) -> None:
    serve_feed(site, "/old.xml", rss(entries(10)))
    store.add(site.url("/old.xml"), "old")
    assert len(pull(store, options=FAST).items) == 10
    # Now the old feed has 40 new items and a new feed arrives with 30; both answer slowly, so the two
    # processes fetch together and reach the store together.
    old = rss(entries(50))
    new = atom(entries(30, site="https://new.example"))
    site.routes["/old.xml"] = delayed(0.5, lambda h: h.send_page(old, content_type="text/xml"))
    site.routes["/new.atom"] = delayed(0.5, lambda h: h.send_page(new, content_type="application/atom+xml"))
    store.add(site.url("/new.atom"), "new")
    runs = [
        subprocess.Popen([sys.executable, "-c", PULL, str(store.path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(2)
    ]
    outputs = [json.loads(run.communicate(timeout=60)[0]) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    early, late = sorted(outputs, key=lambda out: out["times"][1])
    assert late["times"][0] < early["times"][2]  # the later pull began before the earlier one was done
    first, second = (set(out["urls"]) for out in outputs)
    assert not first & second
    expected = {story(n) for n in range(11, 51)} | {f"https://new.example/2026/story-{n}" for n in range(11, 31)}
    assert first | second == expected
    assert site.hits["/old.xml"] == 3 and site.hits["/new.atom"] == 2  # both really pulled
    assert pull(store, options=FAST).items == []
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
