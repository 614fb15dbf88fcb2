"""Reading feeds (RSS 2.0, RDF, Atom, JSON Feed) and finding them from a page, against a real server."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from clipper.errors import ContentError, HTTPStatusError, NetworkError
from clipper.sources import feedxml
from clipper.sources.feeds import discover, fetch_feed, parse_feed
from clipper.sources.items import parse_date, plain_text
from clipper.web.options import FetchOptions

from feedpages import FORMATS, START, atom, entries, page_linking, rdf, rss
from siteserver import Site, delayed

FAST = FetchOptions(connect_timeout=2, read_timeout=2, deadline=5, retries=1, backoff=0.05)


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_every_format_reads_into_the_same_items_oldest_first(site: Site, kind: str) -> None:
    make, media = FORMATS[kind]
    url = site.page(f"/feed.{kind}", make(entries(3)), content_type=media)
    fetched = fetch_feed(url, FAST)
    feed = fetched.feed
    assert feed is not None and fetched.status == 200
    assert (feed.title, feed.site_url, feed.format) == ("News Example", "https://news.example/", kind)
    assert [item.title for item in feed.items] == [f"Story {n}: the council & the river" for n in (1, 2, 3)]
    assert [item.url for item in feed.items] == [f"https://news.example/2026/story-{n}" for n in (1, 2, 3)]
    assert [item.date for item in feed.items] == [START + timedelta(hours=n) for n in (1, 2, 3)]
    assert feed.items[0].summary == "What happened in story 1 , in a sentence."
    assert feed.items[0].key == ("https://news.example/2026/story-1" if kind == "rdf" else "tag:news.example,2026:1")
    assert site.requests[0][1]["Accept"].startswith("application/rss+xml")


@pytest.mark.parametrize("make", [rss, rdf, atom])
def test_lxml_and_feedparser_read_a_feed_alike(make: object) -> None:
    data = make(entries(5))  # type: ignore[operator]
    strict = feedxml.parse_strict(data, "https://news.example/feed")
    assert strict is not None
    loose = feedxml.parse_loose(data, "https://news.example/feed")
    assert strict.items == loose.items
    assert [item.summary for item in strict.items] == [item.summary for item in loose.items]
    assert (strict.title, strict.site_url, strict.format) == (loose.title, loose.site_url, loose.format)


def test_a_broken_real_world_feed_is_mended_by_feedparser() -> None:
    # An undeclared HTML entity and a bare ampersand: not XML, so lxml refuses it; feedparser mends it.
    data = rss(entries(2)).replace(b"Story 1:", b"Story&nbsp;1 & co:")
    assert feedxml.parse_strict(data, "https://news.example/feed") is None
    feed = parse_feed(data, "https://news.example/feed")
    assert [item.url for item in feed.items] == [f"https://news.example/2026/story-{n}" for n in (1, 2)]
    assert feed.items[0].title == "Story 1 & co: the council & the river"


def test_relative_links_are_made_absolute() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/posts/"><title>B</title>'
        b'<entry><title>One</title><id>1</id><link href="one.html"/></entry>'
        b'<entry xml:base="/archive/"><title>Two</title><id>2</id><link rel="alternate" href="two.html"/>'
        b'<link rel="enclosure" href="two.mp3"/></entry>'
        b"<entry><title>No link</title><id>3</id></entry></feed>"
    )
    feed = parse_feed(data, "https://blog.example/feed.atom")
    assert sorted(item.url for item in feed.items) == [
        "https://blog.example/archive/two.html",
        "https://blog.example/posts/one.html",
    ]
    rss_data = (
        b'<rss version="2.0"><channel><title>R</title><item><title>A</title><link>/a</link></item></channel></rss>'
    )
    assert [item.url for item in parse_feed(rss_data, "https://r.example/feed/").items] == ["https://r.example/a"]


def test_an_rss_guid_that_is_a_permalink_stands_for_the_link() -> None:
    data = (
        b'<rss version="2.0"><channel><title>R</title><item><guid>https://r.example/p/1</guid></item></channel></rss>'
    )
    (item,) = parse_feed(data, "https://r.example/feed").items
    assert (item.url, item.key, item.title) == ("https://r.example/p/1", "https://r.example/p/1", "")


def test_json_feed_external_url_and_numeric_ids() -> None:
    data = (
        b'{"version": "https://jsonfeed.org/version/1", "title": "J", "items": ['
        b'{"id": 7, "external_url": "https://elsewhere.example/a", "content_text": "plain"},'
        b'{"id": "x", "title": "no url"}, "junk"]}'
    )
    (item,) = parse_feed(data, "https://j.example/feed.json").items
    assert (item.url, item.key, item.summary, item.date) == ("https://elsewhere.example/a", "7", "plain", None)


def test_entity_declarations_are_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(n + 1)} "{("&" + chr(n) + ";") * 10}">'.encode() for n in range(97, 105))
        + b']><rss version="2.0"><channel><title>&i;</title><item><title>Bomb</title>'
        b"<link>https://b.example/1</link></item></channel></rss>"
    )
    feed = parse_feed(bomb, "https://b.example/feed")
    assert len(feed.title) < 1000  # ten to the eighth copies, had it been expanded
    assert [item.url for item in feed.items] == ["https://b.example/1"]


@pytest.mark.parametrize(
    ("path", "route_kwargs", "error", "message"),
    [
        ("/gone.xml", None, HTTPStatusError, "HTTP 404"),
        ("/page.xml", {"body": page_linking(), "content_type": "text/html"}, ContentError, "an HTML page, not a feed"),
        ("/bad.xml", {"body": b"<rss><channel><title>Half", "content_type": "text/xml"}, ContentError, "broken feed"),
        ("/junk.xml", {"body": b"just some words", "content_type": "text/plain"}, ContentError, "not a feed"),
        ("/bad.json", {"body": b'{"items": [}', "content_type": "application/json"}, ContentError, "broken JSON"),
        ("/api.json", {"body": b'{"posts": []}', "content_type": "application/json"}, ContentError, "not a JSON Feed"),
        ("/logo.xml", {"body": b"\x89PNG\r\n\x1a\n", "content_type": "image/png"}, ContentError, "image/png"),
    ],
)
def test_what_is_not_a_feed_is_one_error_naming_it(
    site: Site, path: str, route_kwargs: dict[str, object] | None, error: type[Exception], message: str
) -> None:
    if route_kwargs is not None:
        site.page(path, **route_kwargs)  # type: ignore[arg-type]
    with pytest.raises(error, match=message) as caught:
        fetch_feed(site.url(path), FAST)
    assert str(caught.value).startswith(site.url(path)) and "\n" not in str(caught.value)


def test_a_slow_feed_times_out(site: Site) -> None:
    site.routes["/slow.xml"] = delayed(3, lambda h: h.send_page(rss(entries(1)), content_type="text/xml"))
    with pytest.raises(NetworkError, match="timed out"):
        fetch_feed(site.url("/slow.xml"), FetchOptions(read_timeout=0.3, deadline=1, retries=0))


def test_a_feed_address_is_its_own_discovery(site: Site) -> None:
    url = site.page("/feed.atom", atom(entries(2)), content_type="application/atom+xml")
    (link,) = discover(url, FAST)
    assert (link.url, link.title, link.format) == (url, "News Example", "atom")
    assert link.feed is not None and len(link.feed.items) == 2


def test_a_feed_only_linked_from_a_page_is_found(site: Site) -> None:
    site.page("/world/", page_linking(("application/rss+xml", "../feeds/world.xml", "World news")))
    (link,) = discover(site.url("/world/"), FAST)
    assert (link.url, link.title, link.format, link.feed) == (site.url("/feeds/world.xml"), "World news", "rss", None)


def test_a_page_with_several_feeds_gives_them_all_in_page_order(site: Site) -> None:
    page = page_linking(
        ("application/rss+xml", "/rss.xml", "Posts (RSS)"),
        ("application/atom+xml", "https://other.example/atom.xml", "Posts (Atom)"),
        ("application/feed+json", "feed.json", "Posts (JSON)"),
        ("application/rss+xml", "/rss.xml", "Posts again"),
        ("application/json", "/wp-json/wp/v2/posts/1", "The page as JSON"),
        base="https://news.example/blog/",
    )
    site.page(
        "/front", page.replace('rel="alternate" type="application/feed', 'rel="Alternate feed" type="application/feed')
    )
    links = discover(site.url("/front"), FAST)
    assert [(link.url, link.title, link.format) for link in links] == [
        ("https://news.example/rss.xml", "Posts (RSS)", "rss"),
        ("https://other.example/atom.xml", "Posts (Atom)", "atom"),
        ("https://news.example/blog/feed.json", "Posts (JSON)", "json"),
    ]


def test_a_page_without_feeds_says_so(site: Site) -> None:
    site.page("/plain", page_linking())
    with pytest.raises(ContentError, match="no feed linked from this page"):
        discover(site.url("/plain"), FAST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 02 Nov 2026 09:30:00 GMT", datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)),
        ("2 Nov 2026 09:30 +0100", datetime(2026, 11, 2, 8, 30, tzinfo=timezone.utc)),
        ("Mon, 02 Nov 2026 09:30:00 EST", datetime(2026, 11, 2, 14, 30, tzinfo=timezone.utc)),
        ("2026-11-02T09:30:00Z", datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)),
        ("2026-11-02T09:30:00.123456789-05:00", datetime(2026, 11, 2, 14, 30, 0, 123456, tzinfo=timezone.utc)),
        ("2026-11-02", datetime(2026, 11, 2, tzinfo=timezone.utc)),
        ("2026-11-02 09:30", datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)),
        ("yesterday", None),
        ("2026-13-45T00:00:00Z", None),
        ("", None),
    ],
)
def test_feed_dates(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


def test_plain_text_from_feed_html() -> None:
    assert plain_text("<p>One &amp; <i>two</i></p><script>x()</script><p>three</p>") == "One & two three"
    long = plain_text("word " * 200, limit=50)
    assert len(long) <= 50 and long.endswith("…") and long.startswith("word word")
    assert plain_text(None) == ""
