"""Feeds: finding a site's feeds from one of its pages, fetching a feed politely (conditional GET), and
reading RSS, Atom, RDF or JSON Feed into items, oldest first."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clipper.errors import ContentError
from clipper.sources import feedjson, feedxml
from clipper.sources.items import Feed, FeedFormat, plain_text
from clipper.web.fetch import FEED_ACCEPT, FEED_TYPES, fetch
from clipper.web.options import FetchOptions
from clipper.web.page import Page
from clipper.web.polite import PoliteGates
from clipper.web.urls import is_web_url, join

# The media types a page's <link rel="alternate"> names for its feeds, and what they are.
LINK_TYPES: dict[str, FeedFormat] = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
}
JSON_TYPES = ("application/feed+json", "application/json")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True, kw_only=True)
class FeedLink:
    """A feed found at an address: the address was the feed itself (`feed` holds it, parsed), or a
    page that links it."""

    url: str
    title: str  # the link's title, or the feed's own
    format: FeedFormat
    feed: Feed | None = None


@dataclass(frozen=True, kw_only=True)
class Fetched:
    """A feed as fetched: parsed, or not modified since the validators sent (status 304, no feed)."""

    url: str  # the address asked for
    status: int
    feed: Feed | None
    etag: str | None  # the validators to send next time
    last_modified: str | None


def looks_like_html(data: bytes) -> bool:
    """True when `data` opens as an HTML page (a doctype or an <html> tag), not as a feed."""
    return _HTML_START.match(data[:2048].removeprefix(b"\xef\xbb\xbf")) is not None


def parse_feed(data: bytes, url: str, media_type: str = "") -> Feed:
    """The feed in `data` (fetched from `url`, served as `media_type`): RSS, RDF, Atom or JSON Feed.
    Raises ContentError naming `url` when it is none of them."""
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    if media_type in JSON_TYPES or head.startswith(b"{"):
        return feedjson.parse(data, url)
    if looks_like_html(data):
        raise ContentError(f"{url}: an HTML page, not a feed")
    if not head:
        raise ContentError(f"{url}: not a feed (empty)")
    return feedxml.parse(data, url, media_type)


def feed_links(page: Page) -> list[FeedLink]:
    """The feeds an HTML page links (`<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`),
    in page order, each once, made absolute against the page's address (or its `<base>`)."""
    from lxml import html

    try:
        root = html.fromstring(page.text.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))
    except (ValueError, TypeError):  # lxml's ParserError (an empty document) is a ValueError
        return []
    base = page.final_url or page.url
    for element in root.iterfind(".//base[@href]"):
        base = join(base, element.get("href", "").strip()) or base
        break
    links: list[FeedLink] = []
    for element in root.iterfind(".//link[@href]"):
        rels = (element.get("rel") or "").lower().split()
        kind = LINK_TYPES.get((element.get("type") or "").split(";")[0].strip().lower())
        if "alternate" not in rels or kind is None:
            continue
        url = join(base, element.get("href", "").strip())
        if is_web_url(url) and all(link.url != url for link in links):
            links.append(FeedLink(url=url, title=plain_text(element.get("title")), format=kind))
    return links


def download(
    url: str,
    options: FetchOptions = FetchOptions(),
    etag: str | None = None,
    last_modified: str | None = None,
    gates: PoliteGates | None = None,
) -> Page:
    """Fetch a feed (or a page that may link one), conditionally when validators are given: a page with
    status 304 and no content then means it has not changed. Raises the fetcher's ClipperErrors."""
    headers = {"Accept": FEED_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if gates is not None:
        return gates.fetch(url, options, accept=FEED_TYPES, headers=headers)
    return fetch(url, options, accept=FEED_TYPES, headers=headers)


def read(url: str, page: Page) -> Fetched:
    """What a downloaded feed holds (parsing is CPU work: done in one thread, after the downloads)."""
    if page.status == 304:
        return Fetched(url=url, status=304, feed=None, etag=page.etag, last_modified=page.last_modified)
    feed = parse_feed(page.content, page.final_url or url, page.media_type)
    return Fetched(url=url, status=page.status or 200, feed=feed, etag=page.etag, last_modified=page.last_modified)


def fetch_feed(
    url: str, options: FetchOptions = FetchOptions(), etag: str | None = None, last_modified: str | None = None
) -> Fetched:
    """Fetch and read one feed. Raises ClipperError (network, HTTP status, not a feed) naming `url`."""
    return read(url, download(url, options, etag, last_modified))


def discover(url: str, options: FetchOptions = FetchOptions()) -> list[FeedLink]:
    """The feeds at `url`: the feed itself (parsed), or every feed the page there links, for the caller
    to choose from. Raises ContentError when the page links none, or the address holds neither."""
    page = download(url, options)
    if looks_like_html(page.content):
        links = feed_links(page)
        if not links:
            raise ContentError(f'{url}: no feed linked from this page (no <link rel="alternate"> to a feed)')
        return links
    feed = parse_feed(page.content, page.final_url, page.media_type)
    return [FeedLink(url=page.final_url, title=feed.title, format=feed.format, feed=feed)]
