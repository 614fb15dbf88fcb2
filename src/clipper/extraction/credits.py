"""The article's credits as clipper settles them: headline, publication name, author and date,
from the page's own statements (page_meta.py) first, another extractor's guesses where they leave
a gap."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.sites import SITE_PREFIX, host_label, site_name
from clipper.extraction.words import byline_prefix
from clipper.text import similarity, squash, word_count
from clipper.web.urls import article_url

OPINION_TYPES = re.compile(r"^(OpinionNewsArticle|ReviewNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle)$", re.I)
TITLE_SEPARATORS = re.compile(r"\s+(?:[|·•»:~/]|[-–—]{1,2}|::)\s+")


@dataclass(frozen=True)
class Credits:
    """The article's metadata as clipper settles it."""

    url: str
    title: str | None
    site_name: str | None
    author: str | None
    date: str | None
    description: str | None
    section: str | None
    opinion: bool
    headlines: tuple[str, ...] = ()  # every wording of the headline the page gives


DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
OPINION_WORDS = re.compile(r"\b(opinion|comment|column|columns|editorial|op-ed|blog|essay|analysis|letters?)\b", re.I)
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Guesses(Protocol):
    """Another extractor's guesses at what the page does not state; read only when needed."""

    @property
    def title(self) -> str | None: ...
    @property
    def sitename(self) -> str | None: ...
    def authors(self) -> Iterator[str | None]: ...
    @property
    def date(self) -> str | None: ...


def choose(meta: PageMeta, guess: Guesses | None, final_url: str) -> Credits:
    """Settle headline, publication name, author and date from the page's statements, falling back
    on another extractor's guesses (`guess`), which are read only where the statements leave a gap."""
    ld = meta.ld_article
    final_url = final_url or article_url("", meta.canonical or meta.first("og:url"))
    site = site_name(meta, final_url, lambda: getattr(guess, "sitename", None))
    raw_title = (
        ld_text(ld.get("headline"))
        or meta.first("og:title", "twitter:title")
        or meta.html_title
        or getattr(guess, "title", None)
        or (meta.h1[0] if meta.h1 else None)
    )
    title = strip_site(raw_title, site, final_url) if raw_title else None
    if title and meta.h1:
        # The on-page headline is the editor's own wording; prefer it when it is the same headline.
        for h1 in (strip_site(h, site, final_url) for h in meta.h1):
            if similarity(h1, title) >= 0.7:
                title = h1
                break
    section = ld_text(ld.get("articleSection")) or meta.first("article:section", "section")
    kind = " ".join(filter(None, [meta.ld_type, section or "", meta.first("article:opinion") or ""]))
    opinion = (
        bool(OPINION_TYPES.search(meta.ld_type))
        or bool(OPINION_WORDS.search(kind))
        or (meta.first("article:opinion") or "").lower() == "true"
    )
    return Credits(
        url=article_url(final_url, meta.canonical or meta.first("og:url")),
        title=title or None,
        site_name=site,
        author=choose_author(meta, guess.authors() if guess else iter(()), site, final_url),
        date=choose_date(meta, lambda: getattr(guess, "date", None), final_url),
        description=ld_text(ld.get("description"))
        or meta.first("og:description", "description", "twitter:description"),
        section=section,
        opinion=opinion,
        headlines=headline_variants(meta, title),
    )


def headline_variants(meta: PageMeta, title: str | None) -> tuple[str, ...]:
    """The headline as the page words it in its title, h1, Open Graph, Twitter and structured data."""
    ld = meta.ld_article
    found = [
        title,
        ld_text(ld.get("headline")),
        ld_text(ld.get("alternativeHeadline")),
        meta.first("og:title"),
        meta.first("twitter:title"),
        meta.html_title,
        *meta.h1,
    ]
    if meta.html_title:
        found.extend(TITLE_SEPARATORS.split(meta.html_title))
    return tuple(dict.fromkeys(h for h in found if h and word_count(h) >= 3))


def strip_site(title: str, site: str | None, url: str) -> str:
    """A headline without the site's name before or after it ("Headline | Site", "Site: Headline")."""
    names = {squash(n) for n in (site, host_label(url)) if n}
    prefix = SITE_PREFIX.match(title)
    if prefix and squash(prefix.group(1)) in names:
        title = title[prefix.end(1) + 1 :].strip()
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and (squash(parts[-1]) in names or _looks_like_site(parts[-1], names)):
        parts.pop()
    while len(parts) > 1 and (squash(parts[0]) in names or _looks_like_site(parts[0], names)):
        parts.pop(0)
    # Keep the separators inside the headline as they were.
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() if start >= 0 and end > start else title


def _looks_like_site(part: str, names: set[str]) -> bool:
    sq = squash(part)
    return bool(sq) and any(n and (sq in n or n in sq) and len(sq) >= 3 for n in names) and len(part.split()) <= 5


# "By", "Analysis by", "Words: ", "Текст" (Russian: "text") before the name (data/bylines.toml,
# shared with furniture.is_byline); a date run into it after.
_TRAILING_DATE = re.compile(  # months that are also names (May, June, April...) only with digits after
    r"[\s,|·-]+((january|february|july|september|october|november|december)(\W+\d{1,4})*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\W+\d{1,4})+"
    r"|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*"
    r"|(published|updated|posted|last updated)\b.*"
    r"|\d{1,4}(\W+\d{1,4})*)\W*$",
    re.I,
)
_PROFILE = re.compile(r"://|^@|\.[a-z]{2,}/", re.I)  # a profile link or handle, not a name
# The part of a byline after the names: "AP Auto Writer", "Special to The Times", "for NJ.com".
_JOB_TITLE = re.compile(
    r"\b(writer|editor|editor-at-large|correspondent|reporter|columnist|contributor|producer|critic|"
    r"photographer|staff writer|special to|for)\b",
    re.I,
)
# Words of a job title before its last word: "Senior Political Correspondent", "AP Auto Writer".
_JOB_WORDS = {
    "ap", "news", "staff", "senior", "chief", "political", "politics", "national", "sports", "auto",
    "security", "business", "science", "health", "technology", "tech", "entertainment", "contributing",
    "associate", "managing", "executive", "deputy", "foreign", "special", "investigative", "digital",
    "data", "opinion", "features", "the",
}  # fmt: skip
_CREDENTIAL = re.compile(r"^([A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")  # "MS", "RDN", "PhD"
_NAME_PARTICLES = {"and", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "bin", "al", "y"}


def choose_author(meta: PageMeta, guesses: Iterator[str | None], site: str | None = None, url: str = "") -> str | None:
    """The article's author(s), without "By", job titles, the publication's name or a profile URL.
    The publication's name alone is no author; another extractor's `guesses` must read as names."""
    candidates = [ld_text(meta.ld_article.get("author")), *(meta.meta.get(k) for k in AUTHOR_KEYS)]
    for value in candidates:
        name = _author_name(value, site, url)
        if name:
            return _with_co_authors(name, meta.byline, site, url)
    for value in guesses:  # drawn one at a time: the later ones cost more
        guessed = _author_name(value, site, url)
        if guessed and _reads_as_names(guessed):
            return guessed
    return None


def _with_co_authors(name: str, byline: str | None, site: str | None, url: str) -> str:
    """The names in the visible byline when it credits the stated author and others besides:
    structured data often names only the first of several ("By Jo Lee, Al Day and Bo Chan")."""
    if not byline:
        return name
    byline = re.split(r"\s\S*\d", byline)[0]  # "By Jo Lee, Al Day 2019-11-18T22:05Z Science"
    names = [
        part
        for part in (p.strip(" .") for p in _NAME_SEPARATORS.split(_author_name(byline, site, url) or ""))
        if part and 2 <= len(part.split()) <= 4 and _reads_as_names(part) and not any(c.isdigit() for c in part)
    ]
    if len(names) < 2 or squash(name) not in {squash(n) for n in names}:
        return name
    return ", ".join(names)


_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")


def _author_name(value: str | None, site: str | None, url: str) -> str | None:
    if not value or _PROFILE.search(value):
        return None
    name = _TRAILING_DATE.sub("", byline_prefix().sub("", value)).strip(" ,;|.")
    name = _without_affiliation(name, site, url).strip(" ,;|.")
    if not name or len(name) > 120 or (site and _same_outlet(name, site)):
        return None
    return name


def _same_outlet(name: str, site: str) -> bool:
    """True when a byline is the publication's name or part of it ("Sky" for Sky News), not a
    person's; a desk ("News Nation Bureau") is what the page credits, and stays."""
    words = {w.casefold() for w in re.findall(r"\w+", name)}
    return bool(words) and words <= {w.casefold() for w in re.findall(r"\w+", site)}


def _without_affiliation(name: str, site: str | None, url: str) -> str:
    """ "Tom Krisher, AP Auto Writer" -> "Tom Krisher"; "Troy Smith, Cleveland.com" -> "Troy Smith";
    "Jo Lee; Al Day Associated Press" -> "Jo Lee; Al Day" (for the Associated Press's own site)."""
    label = host_label(url) if url else ""
    names = {squash(n) for n in (site, label) if n and len(squash(n)) >= 3}
    pieces = re.split(r"(\s*[,;|]\s*)", name)  # names and the separators between them
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip()
        if site and part.casefold().endswith(" " + site.casefold()):
            part = part[: -len(site)].strip()  # "Al Day Associated Press"
        job = _JOB_TITLE.search(part)
        if kept and (job or _CREDENTIAL.match(part)):
            continue  # ", AP Auto Writer", "| NJ Advance Media for NJ.com", ", PhD" after a name
        if job:  # "Tom Gillespie News reporter", "Bruce Y. Lee Senior Contributor": the name before it
            words = part[: job.start()].split()
            while words and words[-1].casefold() in _JOB_WORDS:
                words.pop()
            part = " ".join(words) if len(words) >= 2 else ""
        if not part or any(n in squash(part) for n in names):
            continue
        kept.extend([pieces[i - 1] if kept else "", part])
    return "".join(kept) or name


def _reads_as_names(text: str) -> bool:
    """True when every word is capitalised or a name particle: "Jo van Dyke", not "the Syrian
    defense ministries"."""
    words = re.findall(r"[^\W\d_][\w'.-]*", text)
    return bool(words) and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)


URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[/-](\d{1,2})(?:/|[-_]|$)",
    re.I,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def choose_date(meta: PageMeta, fallback: Callable[[], str | None], url: str = "") -> str | None:
    """The first publication date as YYYY-MM-DD (not the last update). A timestamp in UTC can fall
    on the next day for the publisher; a date in the article's own URL a day earlier is the day
    the page shows, so it wins."""
    stated = [
        ld_text(meta.ld_article.get("datePublished")),
        *(meta.meta.get(k) for k in DATE_KEYS),
        ld_text(meta.ld_article.get("dateCreated")),
    ]
    day = next((d for d in map(_iso_day, stated) if d), None)
    if day:
        return _local_day(day, url)
    # then the day in the article's address ("/2019/nov/18/"), then a search of the page
    in_url = url_day(url)
    return in_url.isoformat() if in_url else _iso_day(fallback())


def _iso_day(value: str | None) -> str | None:
    match = ISO_DATE.search(value or "")
    if match and 1990 <= int(match.group(1)) <= 2100 and 1 <= int(match.group(2)) <= 12:
        return match.group(0)
    return None


def url_day(url: str) -> datetime.date | None:
    """The date in an article's address: /2019/11/18/, /2019-11-18-, /2019/nov/18/."""
    match = URL_DATE.search(urlsplit(url).path) if url else None
    if not match:
        return None
    year, month, day = match.groups()
    number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
    try:
        return datetime.date(int(year), number, int(day))
    except ValueError:
        return None


def _local_day(day: str, url: str) -> str:
    in_url = url_day(url)
    if in_url is None:
        return day
    try:
        stated = datetime.date.fromisoformat(day)
    except ValueError:
        return day
    return in_url.isoformat() if stated - in_url == datetime.timedelta(days=1) else day
