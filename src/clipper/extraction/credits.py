"""The article's credits as clipper settles them: headline, publication name, author and date,
from the page's own statements (page_meta.py) first, another extractor's guesses where they leave
a gap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from clipper.extraction.dates import choose_date
from clipper.extraction.headlines import choose_headline, headline_variants
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.sites import host_label, site_name
from clipper.text import squash
from clipper.web.urls import article_url

OPINION_TYPES = re.compile(r"^(OpinionNewsArticle|ReviewNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle)$", re.I)


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


AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
OPINION_WORDS = re.compile(r"\b(opinion|comment|column|columns|editorial|op-ed|blog|essay|analysis|letters?)\b", re.I)


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
    author = choose_author(meta, guess.authors() if guess else iter(()), site, final_url)
    title = choose_headline(meta, getattr(guess, "title", None), site, author, final_url)
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
        author=author,
        date=choose_date(meta, lambda: getattr(guess, "date", None), final_url),
        description=ld_text(ld.get("description"))
        or meta.first("og:description", "description", "twitter:description"),
        section=section,
        opinion=opinion,
        headlines=headline_variants(meta, title),
    )


# "By", "Analysis by", "Words: ", "Текст" (Russian: "text") before the name; a date run into it after.
_BYLINE_PREFIX = re.compile(
    r"^\s*(((analysis|opinion|commentary|story|words|text|report|reporting|written)\s+)?"
    r"(by|von|par|por|di|door|av|af)\b|(words|text|текст|автор)\b)\s*:?\s*",
    re.I,
)
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
    name = _TRAILING_DATE.sub("", _BYLINE_PREFIX.sub("", value)).strip(" ,;|.")
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
