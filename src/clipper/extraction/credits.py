"""The article's credits as clipper settles them: headline, publication name, author and date,
from the page's own statements (page_meta.py) first, another extractor's guesses where they leave
a gap."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from clipper.extraction.authors import choose_author
from clipper.extraction.dates import choose_date
from clipper.extraction.days import url_agrees
from clipper.extraction.headlines import choose_headline, headline_variants
from clipper.extraction.names import SITE_PREFIX, host_label, is_opinion_label, resembles_domain, title_parts
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.sites import choose_publication
from clipper.extraction.words import phrases
from clipper.web.urls import article_url, host, same_site, split

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
    date_searched: bool = False  # a search of the page's text: no statement, day shown or address gives it
    site_doubt: str | None = None  # why the publication's name may be wrong (the page names itself otherwise too)


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
    publication = choose_publication(meta, final_url, lambda: getattr(guess, "sitename", None))
    site = publication.name
    author = choose_author(meta, guess.authors() if guess else iter(()), site, final_url)
    title = choose_headline(meta, lambda: getattr(guess, "title", None), site, author, final_url)
    section = ld_text(ld.get("articleSection")) or meta.first("article:section", "section")
    kind = " ".join(filter(None, [meta.ld_type, section or "", meta.first("article:opinion") or ""]))
    searched: list[bool] = []  # asked for when the page's statements leave the date to a search

    def search() -> str | None:
        searched.append(True)
        return getattr(guess, "date", None)

    date = choose_date(meta, search, final_url)
    opinion = (
        bool(OPINION_TYPES.search(meta.ld_type))
        or next(phrases("names", "opinion_sections").spans(kind), None) is not None
        or (meta.first("article:opinion") or "").lower() == "true"
        or _labelled_opinion(meta, final_url)
    )
    return Credits(
        url=article_url(
            final_url, meta.canonical or meta.first("og:url"), headline=title or "", elsewhere=credited(meta, site)
        ),
        title=title or None,
        site_name=site,
        author=author,
        date=date,
        description=ld_text(ld.get("description"))
        or meta.first("og:description", "description", "twitter:description"),
        section=section,
        opinion=opinion,
        headlines=headline_variants(meta, title),
        date_searched=bool(searched) and date is not None and not url_agrees(date, final_url),
        site_doubt=publication.doubt,
    )


def _labelled_opinion(meta: PageMeta, url: str) -> bool:
    """True when the headline carries the opinion pages' label ("Opinion | …", "Meinung: …") or the
    address puts the article in them (`/opinion/`, `/opinions/2024/…`)."""
    for wording in (*meta.titles, *meta.h1):
        prefix = SITE_PREFIX.match(wording or "")
        parts = title_parts(wording)
        if (prefix and is_opinion_label(prefix.group(1))) or (len(parts) > 1 and is_opinion_label(parts[0])):
            return True
    address = split(url) if url else None
    return address is not None and any(is_opinion_label(p) for p in address.path.split("/")[:-1] if p)


def credited(meta: PageMeta, site: str | None) -> Callable[[str], bool]:
    """Whether the page's canonical link to another site may stand for the article: that site is
    the one its `og:url` or one of its links names too, and the one the page credits as its
    publication (a copy on a partner's site that names the original)."""

    def check(url: str) -> bool:
        named = same_site(meta.first("og:url") or "", url) or host(url) in meta.link_hosts
        return named and bool(site) and resembles_domain(site or "", url, host_label(url), subdomains=False)

    return check
