"""The publication's name as it writes it: from the page's own statements, a table of well-known
outlets (data/sites.toml), or the domain as a last resort."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from clipper.extraction.words import group, load, separators, words
from clipper.text import similarity, squash
from clipper.web.urls import host, split

if TYPE_CHECKING:
    from clipper.extraction.page_meta import PageMeta

SITE_PREFIX = re.compile(r"^([^:|]{2,40}):\s+\S")  # "The Space Review: Headline"
TABLE_VOTES = 4
AFFIX_MAX_WORDS = 5
EDITION_MAX_WORDS = 3
HEADLINE_LIKENESS = 0.5  # "BBC News Mundo", "HuffPost UK": the outlet's name and an edition's
_NOT_A_NAME = re.compile(r"://|copyright|©|all rights reserved", re.I)
DOMAIN_SUFFIX = re.compile(r"\.(com|net|org|co|uk|de|fr|io|info|news|ru|jp|it|es|br|au|ca|in)(\.[a-z]{2})?$", re.I)
_HOST_SPELLED = re.compile(r"^(?:www\.)?([a-z0-9-]+\.)+[a-z]{2,}$", re.I)


@lru_cache(maxsize=1)
def known_sites() -> dict[str, str]:
    """Domain -> publication name, from the table shipped in the package."""
    return {k.lower(): v for k, v in load("sites")["sites"].items()}


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
    and ties go to the earlier source. A publisher whose own address holds the article's (a
    publication hosted on a platform) wins outright. Without any name: the title's suffix, then
    trafilatura's guess (`fallback`), then the domain."""
    label = host_label(url) if url else ""
    hosted = _hosted_publisher(meta, url)
    if hosted:
        return hosted
    table_name = lookup(url, known_sites()) if url else None
    # a title the page's <h1> repeats whole is all headline ("Take C.A.R.E. - comwrap auf der DMEXCO"),
    # but for a name before a colon ("The Space Review: Headline")
    whole = squash(meta.html_title or "")
    repeated = bool(whole) and any(whole in squash(h) for h in meta.h1)
    affixes = _title_affixes(meta.html_title, prefix_only=repeated)
    offered: list[tuple[str | None, int, bool]] = [  # (name, votes, counts only with support)
        (meta.ld_publisher, 1, False),
        (meta.first("og:site_name"), 1, False),
        (meta.first("application-name", "apple-mobile-web-app-title"), 1, False),
        *((part, 1, True) for part in affixes),
        (table_name, TABLE_VOTES, False),  # kept by hand: only near-unanimous statements outvote it
    ]
    shown = {a for a in affixes if a}  # spellings readers see in the title
    names = [(n, v, only) for value, v, only in offered if (n := _usable_name(value, url, label, shown))]
    in_title = {n for n, _, from_title in names if from_title}  # only the title's parts need support
    votes: dict[str, int] = {}
    for name, weight, _ in names:
        votes[_vote_key(name)] = votes.get(_vote_key(name), 0) + weight
    # a stated name the title holds elsewhere than at its ends ("Post @ Blog :: Platform ::") agrees with it
    title = squash(meta.html_title or "")
    in_title_keys = {_vote_key(n) for n in in_title}
    best_key, best_score = "", 0
    for name, weight, needs_support in names:  # in source order, so ties go to the earlier source
        # an address is no name resembling the domain
        score = votes[_vote_key(name)] + _resembles(name, url, label)
        if not needs_support and _vote_key(name) not in in_title_keys and len(squash(name)) >= 2:
            score += squash(name) in title
        if needs_support and score <= weight:
            continue  # a fragment of the title alone is no evidence of a name
        if score > best_score:
            best_key, best_score = _vote_key(name), score
    if best_key:
        # One name, several spellings: the table's, else the one readers see in the title ("Barron's"
        # over the structured data's "Barrons"), else one without a domain ending ("MacRumors").
        spellings = [n for n, _, _ in names if _vote_key(n) == best_key]
        if table_name in spellings:
            return _edition(table_name, names, url) or table_name
        shown_names = [n for n in spellings if n in in_title and not DOMAIN_SUFFIX.search(n)]
        return (shown_names or [n for n in spellings if not DOMAIN_SUFFIX.search(n)] or spellings)[0]
    suffix = _title_site(meta, url, label)  # the one name the page sets beside its headline
    if suffix:
        return suffix
    guess = _usable_name(_handle_name(fallback()), url, label, slug_ok=True)  # better than the bare domain
    if guess and resembles_domain(guess, url, label):
        return guess
    return host(url) or None


def _vote_key(name: str) -> str:
    """Names that differ only by a domain ending ("MacRumors", "MacRumors.com") are one vote."""
    return squash(DOMAIN_SUFFIX.sub("", name))


def _resembles(name: str, url: str, label: str) -> bool:
    """A name that resembles the domain, not the domain written out ("example.com")."""
    return not (_HOST_SPELLED.match(name) and name.islower()) and resembles_domain(name, url, label)


def _usable_name(
    value: str | None, url: str, label: str, shown: set[str] | None = None, *, slug_ok: bool = False
) -> str | None:
    """The name in a statement, or None for a handle, a URL, a copyright line, a tagline alone,
    or the bare host label in lower case ("cleveland", "nytimes"), which is a slug, not a name,
    unless the title shows it so ("topicseed")."""
    if not value or value.startswith("@") or _NOT_A_NAME.search(value):
        return None
    name = _name_part(value.removeprefix("www.").strip(" _|:-"), url)
    if name:
        name = _plain_name(name)
    if not name:
        return None
    if not slug_ok and name.islower() and squash(name) == label and name not in (shown or ()):
        return None
    if _reads_as_tagline(name) and not resembles_domain(name, url, label):
        return None  # "Expert how-to for English Riders", "Just another WordPress site"
    return name


@lru_cache(maxsize=1)
def _legal_form() -> re.Pattern[str]:
    return re.compile(rf",?\s+{group(words('names', 'legal'))}$", re.I)


@lru_cache(maxsize=1)
def _platform_credit() -> re.Pattern[str]:
    return re.compile(rf"\s+{group(words('names', 'platform_credit'))}\s+.*$", re.I)


def _plain_name(name: str) -> str:
    """A name without its company's legal form ("Spiceworks Inc"), a platform's credit ("Fandom
    powered by Wikia") or an address ending set in capitals ("TMZ.COM")."""
    name = _platform_credit().sub("", _legal_form().sub("", name)).strip(" ,")
    if _HOST_SPELLED.match(name) and name.isupper() and name.count(".") == 1:
        name = name.split(".")[0]  # "TMZ.COM": the name, shouted as an address
    return name


def _handle_name(value: str | None) -> str | None:
    """ "@Yahoo" -> "Yahoo": a capitalised handle is a name; "@nytimes" stays a handle."""
    if value and value.startswith("@") and not value[1:].islower() and " " not in value:
        return value[1:]
    return value


def _edition(table_name: str, names: list[tuple[str, int, bool]], url: str) -> str | None:
    """The page's own name when it is the table's outlet and an edition of it that the address
    names too ("BBC News Mundo" at bbc.com/mundo/, "HuffPost UK" at huffingtonpost.co.uk): the
    table is kept by hand for the parent brand."""
    parts = split(url)
    if parts is None:
        return None
    where = [squash(parts.hostname or ""), *(squash(p) for p in parts.path.split("/") if p)]
    for name, _, from_title in names:
        extra = name[len(table_name) :].split()
        if (
            not from_title
            and name.casefold().startswith(table_name.casefold() + " ")
            and 1 <= len(extra) <= EDITION_MAX_WORDS
            and all(w[:1].isupper() for w in extra)
            and any(squash(" ".join(extra)) in w for w in where)
        ):
            return name
    return None


def _hosted_publisher(meta: PageMeta, url: str) -> str | None:
    """The structured data's publisher when its own address holds the article's: a publication on a
    platform (medium.com/voodoo-engineering), not the platform."""
    if not (url and meta.ld_publisher and meta.ld_publisher_url):
        return None
    mine, theirs = split(url), split(meta.ld_publisher_url)
    if mine is None or theirs is None:
        return None
    path = theirs.path.rstrip("/")
    if host(url) != host(meta.ld_publisher_url) or path.count("/") != 1 or len(path) < 3:
        return None
    return meta.ld_publisher if mine.path.startswith(path + "/") else None


def _title_site(meta: PageMeta, url: str, label: str) -> str | None:
    """The title's last part when nothing else names the publication ("Headline | Android Developers
    Blog", "标题_频道_中国青年网"): a short name that is not the headline's own words."""
    parts = title_parts(meta.html_title)
    if len(parts) < 2:
        return None
    # the headline is the part like the page's <h1>, else the longest
    likeness, _, headline = max(
        ((similarity(p, h), len(p), i) for i, p in enumerate(parts) for h in meta.h1), default=(0.0, 0, 0)
    )
    if likeness < HEADLINE_LIKENESS:
        headline = max(range(len(parts)), key=lambda i: len(parts[i]))
    # an <h1> that holds the headline and this part too: the part is the headline's own words
    holders = [squash(h) for h in meta.h1 if squash(parts[headline]) in squash(h)]
    for i in (len(parts) - 1, 0):
        part = parts[i]
        if i == headline or len(part.split()) > AFFIX_MAX_WORDS or (part[:1].islower() and " " in part):
            continue
        if any(squash(part) in h for h in holders):
            continue
        name = _usable_name(part, url, label, {part})
        if name:
            return name
    return None


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
    parts = [p.strip() for p in separators(in_names=True).split(value) if p.strip()]
    if not parts:
        return None
    label = squash(host(url).replace(".", " ")) if url else ""
    for part in parts:
        if label and squash(part) and (squash(part) in label or label.startswith(squash(part)[:5])):
            return part
    name = parts[0]
    return name if len(name) <= 60 and len(name.split()) <= 8 else None


def title_parts(title: str | None) -> list[str]:
    """A title cut at its separators: "Headline | Section | Site" -> three parts."""
    return [p.strip() for p in separators().split(title or "") if p.strip()]


def _title_affixes(title: str | None, *, prefix_only: bool = False) -> list[str]:
    """The short parts before and after the headline in a title: "Headline | Site", "Site: Headline"."""
    if not title:
        return []
    parts = title_parts(title)
    found = [parts[-1], parts[0]] if len(parts) >= 2 and not prefix_only else []
    prefix = SITE_PREFIX.match(title)
    if prefix:
        found.append(prefix.group(1))
    return [p for p in found if len(p.split()) <= AFFIX_MAX_WORDS]
