"""The publication's name as it writes it: from the page's own statements, a table of well-known
outlets (data/sites.toml), or the domain as a last resort."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.text import squash
from clipper.web.urls import host

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from clipper.extraction.page_meta import PageMeta

TAGLINE_SEPARATORS = re.compile(r"\s+(?:[|·•»:~]|[-–—]{1,2})\s+")
SITE_PREFIX = re.compile(r"^([^:|]{2,40}):\s+\S")  # "The Space Review: Headline"
TABLE_VOTES = 4
_NOT_A_NAME = re.compile(r"://|copyright|©|all rights reserved", re.I)
DOMAIN_SUFFIX = re.compile(r"\.(com|net|org|co|uk|de|fr|io|info|news|ru|jp|it|es|br|au|ca|in)(\.[a-z]{2})?$", re.I)


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


def site_name(meta: PageMeta, url: str, fallback: Callable[[], str | None] = lambda: None) -> str | None:
    """The publication's name. Each source the page offers (structured data, og:site_name, the
    application-name meta, the title's prefix or suffix) and the table of well-known outlets puts
    forward a name; the name most sources agree on wins, with a point for resembling the domain,
    and ties go to the earlier source. Then trafilatura's guess (`fallback`), then the domain."""
    label = host_label(url) if url else ""
    table_name = lookup(url, known_sites()) if url else None
    offered: list[tuple[str | None, int, bool]] = [  # (name, votes, counts only with support)
        (meta.ld_publisher, 1, False),
        (meta.first("og:site_name"), 1, False),
        (meta.first("application-name", "apple-mobile-web-app-title"), 1, False),
        *((part, 1, True) for part in _title_affixes(meta.html_title)),
        (table_name, TABLE_VOTES, False),  # kept by hand: only near-unanimous statements outvote it
    ]
    names = [(n, v, only) for value, v, only in offered if (n := _usable_name(value, url, label))]
    in_title = {n for n, _, from_title in names if from_title}  # only the title's parts need support
    votes: dict[str, int] = {}
    for name, weight, _ in names:
        votes[_vote_key(name)] = votes.get(_vote_key(name), 0) + weight
    best_key, best_score = "", 0
    for name, weight, needs_support in names:  # in source order, so ties go to the earlier source
        score = votes[_vote_key(name)] + resembles_domain(name, url, label)
        if needs_support and score <= weight:
            continue  # a fragment of the title alone is no evidence of a name
        if score > best_score:
            best_key, best_score = _vote_key(name), score
    if best_key:
        # One name, several spellings: the table's, else the one readers see in the title ("Barron's"
        # over the structured data's "Barrons"), else one without a domain ending ("MacRumors").
        spellings = [n for n, _, _ in names if _vote_key(n) == best_key]
        if table_name in spellings:
            return table_name
        shown = [n for n in spellings if n in in_title and not DOMAIN_SUFFIX.search(n)]
        return (shown or [n for n in spellings if not DOMAIN_SUFFIX.search(n)] or spellings)[0]
    guess = _usable_name(fallback(), url, label, slug_ok=True)  # better than the bare domain
    if guess and resembles_domain(guess, url, label):
        return guess
    return host(url) or None


def _vote_key(name: str) -> str:
    """Names that differ only by a domain ending ("MacRumors", "MacRumors.com") are one vote."""
    return squash(DOMAIN_SUFFIX.sub("", name))


def _usable_name(value: str | None, url: str, label: str, *, slug_ok: bool = False) -> str | None:
    """The name in a statement, or None for a handle, a URL, a copyright line, a tagline alone,
    or the bare host label in lower case ("cleveland", "nytimes"), which is a slug, not a name."""
    if not value or value.startswith("@") or _NOT_A_NAME.search(value):
        return None
    name = _name_part(value.removeprefix("www.").strip(" _|:-"), url)
    if not name or (not slug_ok and name.islower() and squash(name) == label):
        return None
    if _reads_as_tagline(name) and not resembles_domain(name, url, label):
        return None  # "Expert how-to for English Riders", "Just another WordPress site"
    return name


# the small words of names and titles, in lower case even in a name ("Diário de Notícias")
_SMALL_WORDS = frozenset("a an the of and for in on at to de da do di du del la le el y et und van von".split())  # noqa: SIM905


def _reads_as_tagline(name: str) -> bool:
    """A phrase rather than a name: four words or more, one of them (not counting the small words)
    in lower case, as in "Expert how-to for English Riders"."""
    words = name.split()
    return len(words) >= 4 and any(w[:1].islower() and w.casefold() not in _SMALL_WORDS for w in words)


def resembles_domain(name: str, url: str, label: str) -> bool:
    """True when a name and the site's domain look alike: "The Verge" and theverge.com,
    "Connecticut Post" and ctpost.com (the domain's letters in order), "AP" and ap.org."""
    sq = squash(name)
    if not sq or not label:
        return False
    if (len(sq) >= 3 and sq in squash(host(url))) or label in sq or (len(label) >= 5 and sq[:5] == label[:5]):
        return True
    letters = iter(sq)
    return sq[0] == label[0] and all(ch in letters for ch in label)


def host_label(url: str) -> str:
    """The label before the public suffix: theguardian in www.theguardian.com, bbc in bbc.co.uk."""
    labels = host(url).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "ne", "or"):
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


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


def _title_affixes(title: str | None) -> list[str]:
    """The short parts before and after the headline in a title: "Headline | Site", "Site: Headline"."""
    if not title:
        return []
    parts = [p.strip() for p in TAGLINE_SEPARATORS.split(title) if p.strip()]
    found = [parts[-1], parts[0]] if len(parts) >= 2 else []
    prefix = SITE_PREFIX.match(title)
    if prefix:
        found.append(prefix.group(1))
    return [p for p in found if len(p.split()) <= 5]
