"""JSON Feed (versions 1 and 1.1), which feedparser does not read: a JSON object, so the standard
library's json and a few lookups are the whole parser."""

from __future__ import annotations

import json
from typing import Any

from clipper.errors import ContentError
from clipper.sources.items import Feed, FeedItem, make_item, oldest_first, parse_date, plain_text

VERSION_PREFIX = "https://jsonfeed.org/version/"


def parse(data: bytes, url: str) -> Feed:
    """The JSON Feed in `data`, fetched from `url`. Raises ContentError when it is not one."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError too
        raise ContentError(f"{url}: not a feed (broken JSON: {str(exc).split(':')[0]})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(VERSION_PREFIX):
        raise ContentError(f"{url}: not a feed (JSON, but not a JSON Feed: no jsonfeed.org version)")
    entries = doc.get("items")
    items: list[FeedItem] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        summary = _string(entry, "summary") or _string(entry, "content_text") or _string(entry, "content_html")
        date = parse_date(_string(entry, "date_published") or _string(entry, "date_modified"))
        link = _string(entry, "url") or _string(entry, "external_url")
        ident = entry.get("id")
        ident_text = str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) else None
        item = make_item(link, url, _string(entry, "title"), summary, date, ident_text)
        if item is not None:
            items.append(item)
    site = _string(doc, "home_page_url") or ""
    return Feed(
        url=url, title=plain_text(_string(doc, "title")), site_url=site, format="json", items=oldest_first(items)
    )


def _string(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) else None
