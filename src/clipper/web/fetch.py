"""Fetching a page over HTTP: polite, bounded in time and size, decoded from the bytes."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime, timezone

import requests
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

from clipper import __version__
from clipper.errors import ContentError, HTTPStatusError, NetworkError, UsageError
from clipper.web.options import FetchOptions
from clipper.web.page import Page, decode_html, looks_binary
from clipper.web.urls import is_web_url

USER_AGENT = f"clipper/{__version__} (+https://pypi.org/project/clipper/) python-requests/{requests.__version__}"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# What feeds are served as, in the wild; a page (for finding its feeds) and text/plain (static hosts) too.
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
    "application/json",
    "application/x-rss+xml",
    "text/plain",
    *HTML_TYPES,
)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
)
CONDITIONAL = ("If-None-Match", "If-Modified-Since")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


def new_session(options: FetchOptions = FetchOptions()) -> requests.Session:
    """A session that names clipper and follows a bounded number of redirects."""
    session = requests.Session()
    session.headers.update(
        {
            "User-Agent": options.user_agent or USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "en;q=0.9, *;q=0.5",
        }
    )
    session.max_redirects = options.max_redirects
    return session


def fetch(
    url: str,
    options: FetchOptions = FetchOptions(),
    session: requests.Session | None = None,
    *,
    accept: tuple[str, ...] = HTML_TYPES,
    headers: Mapping[str, str] | None = None,
) -> Page:
    """Fetch `url` as an HTML page, retrying 429, 5xx and dropped connections with backoff.

    `accept` lists the media types taken (a feed's, say); `headers` are added to the request. With a
    conditional header (`If-None-Match`, `If-Modified-Since`), a 304 answer is a Page with status 304
    and no content.

    The retry loop is ours rather than urllib3's because every wait, `Retry-After` included, must
    fit in one overall deadline.
    """
    if not is_web_url(url):
        raise UsageError(f"{url}: not an http(s) URL")
    session = session or new_session(options)
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            return _fetch_once(url, options, session, started, accept, headers or {})
        except _Retryable as exc:
            wait = exc.retry_after if exc.retry_after is not None else options.backoff * 2 ** (attempt - 1)
            left = options.deadline - (time.monotonic() - started)
            if attempt > options.retries or wait >= left:
                raise exc.final from None
            time.sleep(wait)


class _Retryable(Exception):
    def __init__(self, final: Exception, retry_after: float | None = None) -> None:
        self.final = final
        self.retry_after = retry_after


def _fetch_once(
    url: str,
    options: FetchOptions,
    session: requests.Session,
    started: float,
    accept: tuple[str, ...],
    headers: Mapping[str, str],
) -> Page:
    fetched_at = datetime.now(timezone.utc).replace(microsecond=0)
    try:
        response = session.get(
            url,
            stream=True,
            timeout=(options.connect_timeout, options.read_timeout),
            allow_redirects=True,
            headers=dict(headers) or None,
        )
    except requests.TooManyRedirects:
        raise NetworkError(f"{url}: too many redirects (more than {options.max_redirects})") from None
    except requests.Timeout:
        raise _Retryable(NetworkError(f"{url}: timed out after {options.read_timeout:g} s")) from None
    except requests.ConnectionError as exc:
        raise _Retryable(NetworkError(f"{url}: cannot connect ({failure_reason(exc)})")) from None
    except (requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL):
        raise NetworkError(f"{url}: the server redirected to an address that is not http or https") from None
    except requests.RequestException as exc:
        raise NetworkError(f"{url}: {failure_reason(exc)}") from None
    with response:
        if response.status_code >= 400:
            error = HTTPStatusError(
                f"{url}: HTTP {response.status_code} {response.reason or ''}".rstrip(), response.status_code
            )
            if response.status_code in RETRY_STATUSES:
                raise _Retryable(error, _retry_after(response.headers.get("Retry-After")))
            raise error
        if response.status_code == 304 and any(name in headers for name in CONDITIONAL):
            return _page(url, response, b"", "", "", fetched_at)
        _check_type(url, response, accept)
        data = _read_body(url, response, options, started)
    if not data.strip():
        raise ContentError(f"{url}: the page is empty")
    if looks_binary(data):
        raise ContentError(f"{url}: not an HTML page (binary content)")
    text, encoding = decode_html(data, response.encoding if "charset" in _content_type(response) else None)
    return _page(url, response, data, text, encoding, fetched_at)


def _page(url: str, response: requests.Response, data: bytes, text: str, encoding: str, when: datetime) -> Page:
    return Page(
        url=url,
        final_url=response.url,
        content=data,
        text=text,
        encoding=encoding,
        status=response.status_code,
        fetched_at=when,
        media_type=_media_type(response),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )


def _content_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").lower()


def _media_type(response: requests.Response) -> str:
    return _content_type(response).split(";")[0].strip()


def _check_type(url: str, response: requests.Response, accept: tuple[str, ...]) -> None:
    media = _media_type(response)
    if media and media not in accept:
        raise ContentError(f"{url}: not {'an HTML page' if accept == HTML_TYPES else 'a feed'} ({media})")


def _read_body(url: str, response: requests.Response, options: FetchOptions, started: float) -> bytes:
    """The body, read in chunks under the size cap and the overall deadline."""
    too_large = ContentError(f"{url}: the page is too large (over {options.max_bytes // 2**20} MB)")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        # read1 returns whatever has arrived, so a drip-fed body cannot hold us past the deadline.
        while chunk := response.raw.read1(CHUNK, decode_content=True):
            size += len(chunk)
            if size > options.max_bytes:
                raise too_large
            chunks.append(chunk)
            if time.monotonic() - started > options.deadline:
                raise NetworkError(f"{url}: too slow (no complete page within {options.deadline:g} s)")
    except ReadTimeoutError:
        raise _Retryable(NetworkError(f"{url}: timed out after {options.read_timeout:g} s")) from None
    except (ProtocolError, OSError) as exc:
        raise _Retryable(NetworkError(f"{url}: the connection dropped before the page was complete")) from exc
    except DecodeError:
        raise ContentError(f"{url}: the server sent a body that does not decompress") from None
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    from email.utils import parsedate_to_datetime  # an HTTP date: rare, and email.utils is slow to import

    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


_REASONS = (
    ("failed to resolve", "host not found"),
    ("name or service not known", "host not found"),
    ("nodename nor servname", "host not found"),
    ("connection refused", "connection refused"),
    ("connection reset", "connection reset by the server"),
    ("remote end closed", "connection closed by the server"),
    ("timed out", "timed out"),
    ("certificate", "TLS certificate problem"),
)


def failure_reason(exc: Exception) -> str:
    """A short cause for a requests/urllib3 error, whose own messages run to several lines."""
    text = str(exc).lower()
    for marker, reason in _REASONS:
        if marker in text:
            return reason
    return type(exc).__name__
