"""The publication's name as it writes it: from the page's own statements, a table of well-known
outlets (data/sites.toml), or the domain as a last resort."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.text import squash
from clipper.urls import host

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from clipper.metadata import PageMeta

TAGLINE_SEPARATORS = re.compile(r"\s+(?:[|·•»:~]|[-–—]{1,2})\s+")
DOMAIN_LIKE = re.compile(r"^[\w-]+(\.[\w-]+)*\.(com|net|org|co|uk|de|fr|io|info|news|ru|jp|it|es|br|au|ca|in)$", re.I)


@lru_cache(maxsize=1)
def known_sites() -> dict[str, str]:
    """Domain -> publication name, from the table shipped in the package."""
    data = (Path(__file__).parent / "data" / "sites.toml").read_text(encoding="utf-8")
    return {k.lower(): v for k, v in tomllib.loads(data)["sites"].items()}


def lookup(url: str, table: dict[str, str]) -> str | None:
    """The table's name for the URL's host or its closest parent domain."""
    name = host(url)
    while name:
        if name in table:
            return table[name]
        name = name.partition(".")[2]
    return None


def site_name(meta: PageMeta, url: str, fallback: str | None = None) -> str | None:
    """The publication's name: structured data, og:site_name, application-name, the table, the
    title's suffix, then the domain. A candidate that is only a domain or a tagline gives way."""
    table_name = lookup(url, known_sites()) if url else None
    statements = [
        meta.ld_publisher,
        meta.first("og:site_name"),
        meta.first("application-name", "apple-mobile-web-app-title"),
    ]
    for value in statements:
        # "@nytimes" is a handle, not the name the publication writes.
        name = _name_part(value, url) if value and not value.startswith("@") else None
        if (
            name
            and not DOMAIN_LIKE.match(name)
            and not (table_name and squash(name) == squash(host(url).split(".")[0]))
        ):
            return name
    if table_name:
        return table_name
    suffix = _title_suffix(meta.html_title, url)
    if suffix:
        return suffix
    if (
        fallback
        and not DOMAIN_LIKE.match(fallback)
        and fallback[:1].isupper()
        and squash(fallback) != squash(host(url).split(".")[0])
    ):
        return fallback
    return host(url) or None


def _name_part(value: str, url: str) -> str | None:
    """From "Mozilla Hacks – the Web developer blog", the part that names the site."""
    parts = [p.strip() for p in TAGLINE_SEPARATORS.split(value) if p.strip()]
    if not parts:
        return None
    label = squash(host(url).replace(".", " ")) if url else ""
    for part in parts:
        if label and squash(part) and (squash(part) in label or label.startswith(squash(part)[:5])):
            return part
    name = parts[0]
    return name if len(name) <= 60 and len(name.split()) <= 8 else None


def _title_suffix(title: str | None, url: str) -> str | None:
    """The site name at the end of "Headline | Site", when it resembles the domain."""
    if not title:
        return None
    parts = TAGLINE_SEPARATORS.split(title)
    if len(parts) < 2:
        return None
    label = squash(host(url)) if url else ""
    for part in (parts[-1], parts[0]):
        sq = squash(part)
        if sq and label and (sq in label or label.startswith(sq[:6])) and len(part.split()) <= 5:
            return part.strip()
    return None
