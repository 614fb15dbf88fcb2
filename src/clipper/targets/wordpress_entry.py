"""What a push to WordPress sends: a post as the REST API takes it (`Entry`, `request_body`), the
address of a route under the site's REST root, and which site addresses may be sent a password
(https, or plain http on loopback only). Nothing here sends anything: `--dry-run` shows this."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from clipper.errors import InsecureTargetError, UsageError
from clipper.web.urls import split

STATUSES = ("draft", "publish", "pending", "private", "future")


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What a push sends for one post."""

    title: str
    content: str  # the body as HTML, as `clipper render --format html` prints it
    date: datetime | date | None = None  # an offset is kept; without one, the site's time zone applies
    status: str | None = None  # None: a draft when created, left as it is when updated
    excerpt: str = ""
    tags: tuple[str, ...] = ()  # by name; found on the site (case aside) or created there
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PlannedRequest:
    """A request as a push would send it (for `--dry-run`); the password is not part of it."""

    method: str
    url: str
    body: dict[str, Any]


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine: `localhost`, 127.0.0.0/8 or ::1."""
    host = host.rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def require_secure(url: str) -> None:
    """Refuse an address that would carry the password in clear: https, or plain http on loopback only."""
    parts = split(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureTargetError(f"{url}: not the http(s) address of a WordPress site")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureTargetError(
            f"{url}: refusing to send the application password over plain http; use https:// "
            "(plain http is allowed only for loopback addresses such as 127.0.0.1 and localhost)"
        )


def endpoint(api_root: str, route: str, params: dict[str, str] | None = None) -> str:
    """The address of `route` (such as `wp/v2/posts`) under a REST root, pretty (`…/wp-json/`) or
    plain (`…/index.php?rest_route=/`)."""
    parts = urlsplit(api_root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    path = parts.path
    if any(key == "rest_route" for key, _ in query):
        query = [(key, value.rstrip("/") + "/" + route if key == "rest_route" else value) for key, value in query]
    else:
        path = path.rstrip("/") + "/" + route
    query += list((params or {}).items())
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query, safe="/,"), ""))


def wp_date(value: datetime | date) -> str:
    """A date as the REST API reads it: ISO 8601 to the second, with the offset when there is one."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return f"{value.isoformat()}T00:00:00"


def clean_names(names: Iterable[str]) -> list[str]:
    """Tag or category names trimmed, without blanks or repeats (case aside), in their order."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def request_body(entry: Entry, creating: bool) -> dict[str, Any]:
    """The JSON a push sends, with tags and categories by name (a push turns them into the site's ids).

    Empty tags or categories are not sent, so an update never clears what the site has.
    """
    status = entry.status or ("draft" if creating else None)
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown WordPress status {status!r}: use {', '.join(STATUSES)}")
    body: dict[str, Any] = {"title": entry.title, "content": entry.content, "excerpt": entry.excerpt}
    if entry.date is not None:
        body["date"] = wp_date(entry.date)
    if status is not None:
        body["status"] = status
    if tags := clean_names(entry.tags):
        body["tags"] = tags
    if categories := clean_names(entry.categories):
        body["categories"] = categories
    return body


def plan_push(
    site_url: str, entry: Entry, wordpress_id: int | None = None, api_root: str | None = None
) -> PlannedRequest:
    """The request a push would send, sending nothing at all.

    The REST root is the conventional `/wp-json/` unless `api_root` (as discovered) is given; tags
    and categories appear by name. Update of a post also asks the site first whether it still
    exists (a GET, not shown here).
    """
    require_secure(site_url)
    root = api_root or site_url.rstrip("/") + "/wp-json/"
    route = "wp/v2/posts" if wordpress_id is None else f"wp/v2/posts/{wordpress_id}"
    body = request_body(entry, creating=wordpress_id is None)
    return PlannedRequest(method="POST", url=endpoint(root, route), body=body)
