"""The fetcher against a real server on loopback: happy path, every fault, charsets."""

from __future__ import annotations

import time

import pytest

from clipper import __version__
from clipper.errors import ContentError, HTTPStatusError, NetworkError, UsageError
from clipper.web.fetch import FEED_ACCEPT, FEED_TYPES, fetch
from clipper.web.options import FetchOptions

from pages import PARAGRAPHS, article_page
from siteserver import Handler, Site, delayed, drip, endless, truncated

FAST = FetchOptions(connect_timeout=2, read_timeout=2, deadline=5, retries=2, backoff=0.05)


def test_fetches_html_and_names_itself(site: Site) -> None:
    url = site.page("/story", article_page())
    page = fetch(url, FAST)
    assert page.status == 200
    assert page.final_url == url
    assert PARAGRAPHS[0] in page.text
    assert page.fetched_at is not None
    agent = site.requests[0][1]["User-Agent"]
    assert agent.startswith(f"clipper/{__version__}")


def test_follows_redirects_and_records_final_url(site: Site) -> None:
    target = site.page("/final", article_page())
    site.routes["/old"] = lambda h: h.send_page("", status=301, headers={"Location": "/middle"})
    site.routes["/middle"] = lambda h: h.send_page("", status=302, headers={"Location": "/final"})
    page = fetch(site.url("/old"), FAST)
    assert page.final_url == target


def test_redirect_loop_is_bounded(site: Site) -> None:
    counter = iter(range(10_000))
    site.routes["/loop"] = lambda h: h.send_page("", status=302, headers={"Location": f"/loop?hop={next(counter)}"})
    with pytest.raises(NetworkError, match="too many redirects"):
        fetch(site.url("/loop"), FAST)
    assert site.hits["/loop"] <= FAST.max_redirects + 1


@pytest.mark.parametrize("status", [404, 410, 403, 401])
def test_client_errors_are_not_retried(site: Site, status: int) -> None:
    site.page("/gone", "<p>no</p>", status=status)
    with pytest.raises(HTTPStatusError, match=f"HTTP {status}") as info:
        fetch(site.url("/gone"), FAST)
    assert info.value.status == status
    assert site.hits["/gone"] == 1


def test_server_errors_are_retried_then_reported(site: Site) -> None:
    site.page("/broken", "<p>oops</p>", status=503, headers={"Retry-After": "0"})
    with pytest.raises(HTTPStatusError, match="HTTP 503"):
        fetch(site.url("/broken"), FAST)
    assert site.hits["/broken"] == FAST.retries + 1


def test_retry_recovers_from_429_and_500(site: Site) -> None:
    answers = iter([429, 500, 200])

    def flaky(h: Handler) -> None:
        status = next(answers)
        h.send_page(article_page() if status == 200 else "busy", status=status, headers={"Retry-After": "0"})

    site.routes["/flaky"] = flaky
    page = fetch(site.url("/flaky"), FAST)
    assert page.status == 200 and site.hits["/flaky"] == 3


def test_retry_after_longer_than_the_deadline_gives_up_at_once(site: Site) -> None:
    site.page("/later", "busy", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    with pytest.raises(HTTPStatusError, match="HTTP 429"):
        fetch(site.url("/later"), FAST)
    assert time.monotonic() - started < FAST.deadline


def test_dropped_connection_is_retried_then_reported(site: Site) -> None:
    site.routes["/cut"] = truncated(article_page().encode())
    with pytest.raises(NetworkError, match="dropped"):
        fetch(site.url("/cut"), FAST)
    assert site.hits["/cut"] == FAST.retries + 1


def test_slow_headers_time_out(site: Site) -> None:
    site.routes["/slow"] = delayed(3, lambda h: h.send_page(article_page()))
    options = FetchOptions(connect_timeout=1, read_timeout=0.5, deadline=5, retries=0)
    with pytest.raises(NetworkError, match="timed out"):
        fetch(site.url("/slow"), options)


def test_drip_fed_page_hits_the_overall_deadline(site: Site) -> None:
    site.routes["/drip"] = drip(article_page().encode(), chunk=32, interval=0.1)
    options = FetchOptions(connect_timeout=1, read_timeout=1, deadline=1.5, retries=0)
    started = time.monotonic()
    with pytest.raises(NetworkError, match="too slow"):
        fetch(site.url("/drip"), options)
    assert time.monotonic() - started < 4


def test_declared_size_over_the_cap_is_refused_unread(site: Site) -> None:
    site.page("/big", b"<p>" + b"x" * 300_000 + b"</p>")
    with pytest.raises(ContentError, match="too large"):
        fetch(site.url("/big"), FetchOptions(max_bytes=100_000, retries=0))


@pytest.mark.parametrize("chunked", [True, False])
def test_endless_body_stops_at_the_cap(site: Site, chunked: bool) -> None:
    site.routes["/endless"] = endless(chunked)
    with pytest.raises(ContentError, match="too large"):
        fetch(site.url("/endless"), FetchOptions(max_bytes=2_000_000, retries=0, deadline=10))


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("application/pdf", b"%PDF-1.4 binary"), ("image/png", b"\x89PNG\r\n\x1a\n"), ("text/plain", b"hello")],
)
def test_non_html_is_refused(site: Site, content_type: str, body: bytes) -> None:
    site.page("/file", body, content_type=content_type)
    with pytest.raises(ContentError, match=f"not an HTML page \\({content_type}\\)"):
        fetch(site.url("/file"), FAST)


def test_accept_widens_the_media_types_taken(site: Site) -> None:
    site.page("/feed", b"<rss version='2.0'><channel/></rss>", content_type="application/rss+xml")
    with pytest.raises(ContentError, match="not an HTML page"):
        fetch(site.url("/feed"), FAST)
    page = fetch(site.url("/feed"), FAST, accept=FEED_TYPES, headers={"Accept": FEED_ACCEPT})
    assert page.content.startswith(b"<rss") and page.media_type == "application/rss+xml"
    assert site.requests[-1][1]["Accept"] == FEED_ACCEPT
    site.page("/logo", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(ContentError, match=r"not a feed \(image/png\)"):
        fetch(site.url("/logo"), FAST, accept=FEED_TYPES)


def test_conditional_fetch_gives_304_and_the_validators(site: Site) -> None:
    def route(h: Handler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_page(b"", status=304, content_type=None, headers={"ETag": '"v1"'})
        else:
            h.send_page(article_page(), headers={"ETag": '"v1"', "Last-Modified": "Sun, 01 Nov 2026 10:00:00 GMT"})

    site.routes["/cached"] = route
    first = fetch(site.url("/cached"), FAST)
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Sun, 01 Nov 2026 10:00:00 GMT")
    again = fetch(site.url("/cached"), FAST, headers={"If-None-Match": '"v1"'})
    assert (again.status, again.content, again.etag) == (304, b"", '"v1"')
    assert site.requests[-1][1]["If-None-Match"] == '"v1"'


def test_unasked_304_is_still_an_empty_page(site: Site) -> None:
    site.page("/odd", b"", status=304, content_type=None)
    with pytest.raises(ContentError, match="empty"):
        fetch(site.url("/odd"), FAST)


def test_binary_labelled_as_html_is_refused(site: Site) -> None:
    site.page("/bin", bytes(range(256)) * 64, content_type="text/html")
    with pytest.raises(ContentError, match="binary"):
        fetch(site.url("/bin"), FAST)


def test_empty_page_is_refused(site: Site) -> None:
    site.page("/empty", b"")
    with pytest.raises(ContentError, match="empty"):
        fetch(site.url("/empty"), FAST)


def test_missing_content_type_is_treated_as_html(site: Site) -> None:
    site.page("/bare", article_page(), content_type=None)
    assert PARAGRAPHS[1] in fetch(site.url("/bare"), FAST).text


def test_connection_refused_is_a_network_error() -> None:
    with pytest.raises(NetworkError, match="cannot connect"):
        fetch("http://127.0.0.1:9/nothing", FetchOptions(retries=0))


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "example.org"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(UsageError, match="not an http"):
        fetch(url, FAST)


RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю."
JAPANESE = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"


def _charset_page(text: str, meta: str | None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p><p>{text} {text}</p></body></html>"


@pytest.mark.parametrize(
    ("text", "encoding", "header", "meta"),
    [
        ("Café, naïve, “quotes” — done.", "utf-8", None, None),  # text/html, no charset: not ISO-8859-1
        ("Café, naïve, “quotes” — done.", "utf-8", "iso-8859-1", None),  # a wrong header
        ("Café, naïve, “quotes” — done.", "cp1252", "windows-1252", None),
        ("Café, naïve, “quotes” — done.", "cp1252", None, "windows-1252"),
        ("Café, naïve, “quotes” — done.", "cp1252", "utf-8", "windows-1252"),  # header lies, meta is right
        (RUSSIAN, "cp1251", None, "windows-1251"),
        (RUSSIAN, "koi8-r", "koi8-r", None),
        (RUSSIAN, "cp1251", None, None),  # nothing declared: detection
        (JAPANESE, "shift_jis", None, "shift_jis"),
        (JAPANESE, "euc-jp", "euc-jp", "utf-8"),  # header wins over a wrong meta
    ],
)
def test_decodes_from_the_bytes(site: Site, text: str, encoding: str, header: str | None, meta: str | None) -> None:
    body = _charset_page(text * 3, meta).encode(encoding)
    content_type = f"text/html; charset={header}" if header else "text/html"
    site.page("/cs", body, content_type=content_type)
    assert text in fetch(site.url("/cs"), FAST).text
