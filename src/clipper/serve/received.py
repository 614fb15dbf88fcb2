"""A page as the browser sent it: what the bookmarklet read from the tab, checked like a fetched page
(a size cap, HTML only, the same decoding rules) before anything is extracted from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from clipper.errors import ContentError, UsageError
from clipper.web.page import Page, decode_html, looks_binary
from clipper.web.urls import is_web_url

HTML_TYPES = ("text/html", "application/xhtml+xml")  # as a fetch takes them
FIELDS = ("url", "html", "type", "selection")


@dataclass(frozen=True, kw_only=True)
class Sent:
    """What the bookmarklet sends: the page's address, its HTML as the browser holds it now, its media
    type (`document.contentType`) and the text the curator selected, if any."""

    url: str
    html: str
    media_type: str = "text/html"
    selection: str = ""

    @classmethod
    def of(cls, fields: Mapping[str, object]) -> Sent:
        """The page from the fields of a request (JSON or a form); UsageError when one is missing or
        is not text."""
        values = {name: fields.get(name, "") for name in FIELDS}
        wrong = next((name for name, value in values.items() if not isinstance(value, str)), None)
        if wrong is not None:
            raise UsageError(f"the page was sent with a {wrong} that is not text")
        return cls(
            url=str(values["url"]).strip(),
            html=str(values["html"]),
            media_type=str(values["type"]) or "text/html",
            selection=str(values["selection"]),
        )


def size(count: int) -> str:
    """A size in bytes for people: 10 MB, 51 KB."""
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count // 1024} KB"


def page_of(sent: Sent, max_bytes: int) -> Page:
    """The page clipper extracts from and keeps as the snapshot: the HTML's UTF-8 bytes, refused when
    they are over `max_bytes`, empty or binary, or when the tab did not hold an HTML page."""
    url = sent.url.split("#", 1)[0]
    if not is_web_url(url):
        raise UsageError(f"{sent.url or 'the page'}: clipper takes pages that have a web address (http or https)")
    media = sent.media_type.split(";", 1)[0].strip().lower()
    if media not in HTML_TYPES:
        raise ContentError(f"{url}: not an HTML page ({media})")
    # A JavaScript string may hold a lone surrogate, which UTF-8 cannot: it becomes U+FFFD as in a browser.
    data = sent.html.encode("utf-8", "replace")
    if len(data) > max_bytes:
        raise ContentError(f"{url}: the page is too large (over {size(max_bytes)})")
    if not data.strip():
        raise ContentError(f"{url}: the page is empty")
    if looks_binary(data):
        raise ContentError(f"{url}: not an HTML page (binary content)")
    text, encoding = decode_html(data, "utf-8")
    received = datetime.now(timezone.utc).replace(microsecond=0)
    return Page(
        url=url, final_url=url, content=data, text=text, encoding=encoding, fetched_at=received, media_type=media
    )
