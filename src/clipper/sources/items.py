"""What a feed gives: the feed and its items, their text made plain and their dates made UTC."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from typing import Any, Literal

from clipper.web.urls import is_web_url, join

SUMMARY_CHARS = 300  # a summary is for choosing, not for reading
TITLE_CHARS = 300
FeedFormat = Literal["rss", "atom", "rdf", "json"]


@dataclass(frozen=True, kw_only=True)
class FeedItem:
    """One entry of a feed: an article a curator may grab."""

    feed: str  # the name the feed is followed under ("" straight from a parser)
    title: str  # plain text ("" when the feed gives none)
    url: str  # absolute http(s)
    date: datetime | None  # when it was published (else updated), in UTC
    key: str  # what identifies it within its feed: its id (guid), else its URL
    summary_source: str = field(default="", compare=False, repr=False)  # as the feed gives it: HTML or text

    @cached_property
    def summary(self) -> str:
        """Plain text, at most SUMMARY_CHARS. Made when asked for: a pull shows a few items of thousands."""
        return plain_text(self.summary_source)

    def to_dict(self) -> dict[str, Any]:
        """The item for `--json`: feed, title, url, date (ISO 8601 or null), summary."""
        return {
            "feed": self.feed,
            "title": self.title,
            "url": self.url,
            "date": self.date.isoformat() if self.date else None,
            "summary": self.summary,
        }


@dataclass(frozen=True, kw_only=True)
class Feed:
    """A parsed feed: what it calls itself, and its items, oldest first."""

    url: str  # where it was fetched from (after redirects)
    title: str
    site_url: str  # the site's home page, or ""
    format: FeedFormat
    items: tuple[FeedItem, ...]


_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>|<[^>]*$")  # the second: a tag cut short by the length limit
_SPACE = re.compile(r"\s+")


def plain_text(markup: str | None, limit: int = SUMMARY_CHARS) -> str:
    """Text from a feed's HTML (or plain) text: tags dropped, entities decoded, white space collapsed,
    cut at a word before `limit` characters with an ellipsis."""
    if not markup:
        return ""
    text = markup[: limit * 8]  # long full-text bodies: only their start can be shown (SUMMARY_CHARS * 8 kept)
    if "<" in text:
        if "<s" in text or "<S" in text:  # only then can there be a script or a style to drop
            text = _DROP.sub(" ", text)
        text = html.unescape(_TAG.sub(" ", text))
    elif "&" in text:
        text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d\d):(\d\d)(?::(\d\d))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?\s*$"
)
_MONTHS = {
    m: n for n, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_ISO = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?\s*(?:([Zz])|([+-])(\d\d):?(\d\d))?\s*$"
)


def parse_date(text: str | None) -> datetime | None:
    """A feed's date, RFC 822 (RSS) or RFC 3339 / ISO 8601 (Atom, JSON Feed, Dublin Core), in UTC;
    None when it cannot be read. A date without a zone is taken as UTC."""
    if not text:
        return None
    text = text.strip()
    try:
        if match := _ISO.match(text):
            when = _iso(match)
        elif match := _RFC822.match(text):
            when = _rfc822(match)
        else:  # the rarer forms (named US zones, two-digit years): the standard library's reader
            from email.utils import parsedate_to_datetime

            when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, KeyError, OverflowError):
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def _rfc822(match: re.Match[str]) -> datetime:
    day, month, year, hour, minute, second, zone = match.groups()
    when = datetime(int(year), _MONTHS[month.lower()], int(day), int(hour), int(minute), int(second or 0))
    if zone and zone[0] in "+-":
        from datetime import timedelta

        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        return when.replace(tzinfo=timezone(offset if zone[0] == "+" else -offset))
    return when.replace(tzinfo=timezone.utc)


def _iso(match: re.Match[str]) -> datetime:
    year, month, day, hour, minute, second, fraction, zulu, sign, zh, zm = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    when = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro)
    if zulu:
        return when.replace(tzinfo=timezone.utc)
    if sign:
        from datetime import timedelta

        offset = timedelta(hours=int(zh), minutes=int(zm))
        return when.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    return when


# The usual absolute address, which needs no more checking (one with a port is checked: it may be
# out of range).
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:[/?#]|$)")


def make_item(
    url: str | None, base: str, title: str | None, summary: str | None, date: datetime | None, ident: str | None
) -> FeedItem | None:
    """An item, its URL made absolute against `base`; None when it has no http(s) URL to grab."""
    if not url:
        return None
    url = url.strip()
    if not _PLAIN_WEB_URL.match(url):
        url = join(base, url)
        if not is_web_url(url):
            return None
    key = (ident or "").strip() or url
    return FeedItem(
        feed="",
        title=plain_text(title, TITLE_CHARS),
        url=url,
        date=date,
        key=key,
        summary_source=(summary or "")[: SUMMARY_CHARS * 8],
    )


def oldest_first(items: Iterable[FeedItem]) -> tuple[FeedItem, ...]:
    """Items in document order, put oldest first: by date when every item has one, else the document
    order reversed (feeds list their newest item first)."""
    ordered = list(items)
    ordered.reverse()
    if all(item.date is not None for item in ordered):
        ordered.sort(key=lambda item: item.date)  # type: ignore[arg-type,return-value]
    return tuple(ordered)
