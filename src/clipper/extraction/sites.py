"""The publication's name as it writes it. The names the page gives itself (structured data,
`og:site_name`, the application name, the title's prefix or suffix, the links to its home page and
their logo, the copyright line) are held against each other and against the address; a table of
well-known outlets (data/sites.toml) spells a name and fills a gap, and the domain is the last
resort. Where the answer rests on the address alone or the page's names disagree, it says so."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from clipper.extraction.names import (
    DOMAIN_SUFFIX,
    HOST_SPELLED,
    handle_name,
    host_label,
    initials,
    key,
    logo_name,
    resembles_domain,
    title_affixes,
    title_parts,
    usable_name,
    without_legal_form,
)
from clipper.extraction.page_meta import ld_text
from clipper.extraction.words import load
from clipper.text import similarity, squash
from clipper.web.urls import host, split

if TYPE_CHECKING:
    from clipper.extraction.page_meta import PageMeta

TABLE_VOTES = 2  # kept by hand: two of the page's own statements that resemble the domain outvote it
EDITION_MAX_WORDS = 3
HEADLINE_LIKENESS = 0.5  # "BBC News Mundo", "HuffPost UK": the outlet's name and an edition's
HOME_NAMES = 3
SECTION_MAX_WORDS = 3  # "/australia-news/": a section; "/a-council-votes-on-the-plan/": an article's slug
_DIGIT = re.compile(r"\d")
SUPPORT_ONLY = frozenset({"title", "home", "copyright"})  # a part of the page, not a statement of its name


@dataclass(frozen=True)
class Publication:
    """The publication's name, and why it may be wrong (None when the page's statements agree)."""

    name: str | None
    doubt: str | None = None


@dataclass(frozen=True)
class _Candidate:
    name: str
    votes: int
    source: str  # "stated" (structured data, og:site_name, application name), "table", or one of SUPPORT_ONLY


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
    """The publication's name (see choose_publication)."""
    return choose_publication(meta, url, fallback).name


def choose_publication(meta: PageMeta, url: str, fallback: Callable[[], str | None] = lambda: None) -> Publication:
    """The publication's name. Each name the page gives itself is a candidate; the name most of them
    agree on wins, with a point for resembling the domain, ties to the earlier source. A part of the
    page (the title's ends, a home link, the copyright line) counts only with another's support, and
    none is the headline or a section the page or its address names. A publisher whose own address
    holds the article's (a publication on a platform) wins outright. Without any: the title's
    suffix, the home link's or copyright's name that resembles the domain, another extractor's guess
    (`fallback`), then the domain."""
    label = host_label(url) if url else ""
    hosted = _hosted_publisher(meta, url)
    if hosted:
        return Publication(hosted)
    candidates = _candidates(meta, url, label)
    groups = _groups(candidates, label)
    title = squash(meta.html_title or "")
    in_title = {groups[c.name] for c in candidates if c.source == "title"}
    votes: dict[str, int] = {}
    for c in candidates:
        votes[groups[c.name]] = votes.get(groups[c.name], 0) + c.votes
    best = ""
    scores: dict[str, int] = {}  # the support of each name the page states or its title gives
    for c in candidates:  # in source order, so ties go to the earlier source
        group = groups[c.name]
        # a part of the page resembles the domain itself, not a subdomain ("Finance" of finance.example.com)
        score = votes[group] + _resembles(c.name, url, label, subdomains=c.source not in SUPPORT_ONLY)
        if c.source == "stated" and group not in in_title and len(squash(c.name)) >= 2:
            score += squash(c.name) in title  # "Post @ Blog :: Platform ::": the title holds it elsewhere
        if c.source in SUPPORT_ONLY and score <= c.votes:
            continue  # a part of the page alone is no evidence of a name
        if c.source in ("stated", "title"):
            scores[group] = max(scores.get(group, 0), score)
        if score > scores.get(best, 0) or not best:
            best = group
            scores[group] = max(scores.get(group, 0), score)
    if best:
        return Publication(_spelling(best, candidates, groups, url), _disagreement(best, candidates, groups, scores))
    name = _title_site(meta, url, label) or _named_elsewhere(meta, url, label)
    if name:
        return Publication(name)
    guess = usable_name(handle_name(fallback()), url, label, slug_ok=True)  # better than the bare domain
    if guess and resembles_domain(guess, url, label):
        return Publication(guess, "no statement of the page names it")
    return Publication(host(url) or None)


def _candidates(meta: PageMeta, url: str, label: str) -> list[_Candidate]:
    """The names the page gives itself, each cleaned, in the order of trust; none that is the
    headline, and no part of the page that is a section's name."""
    table_name = lookup(url, known_sites()) if url else None
    # a title the page's <h1> repeats whole is all headline ("Take C.A.R.E. - comwrap auf der DMEXCO"),
    # but for a name before a colon ("The Space Review: Headline")
    whole = squash(meta.html_title or "")
    affixes = title_affixes(meta.html_title, prefix_only=bool(whole) and any(whole in squash(h) for h in meta.h1))
    app = meta.first("application-name", "apple-mobile-web-app-title")
    stated = [meta.ld_publisher, meta.ld_site, meta.first("og:site_name"), app]
    offered = [
        (table_name, "table"),  # first: the page's names outvote it, but do not tie with it
        *((s, "stated") for s in stated),
        *((part, "title") for part in affixes),
        *((logo_name(name), "home") for name in meta.home_names[:HOME_NAMES]),
        (meta.copyright, "copyright"),
    ]
    shown = {*affixes, *meta.home_names}  # spellings readers see
    headlines, sections = _not_names(meta, url, {key(s) for s in stated if s})
    found = []
    for value, source in offered:
        name = usable_name(value, url, label, shown, slug_ok=source == "table")
        if not name or (source != "table" and key(name) in headlines):
            continue
        if source in SUPPORT_ONLY and key(name) in sections:
            continue  # "Headline | U.S.": the section's name, not the publication's
        found.append(_Candidate(name, TABLE_VOTES if source == "table" else 1, source))
    return found


def _not_names(meta: PageMeta, url: str, stated: set[str]) -> tuple[set[str], frozenset[str]]:
    """The keys of the headline's wordings (but a site-wide one that is the site's stated name) and
    of the sections the page and its address name (article:section, `/politics/`)."""
    stated_titles = [t for t in (meta.first("og:title"), ld_text(meta.ld_article.get("headline"))) if t]
    parts = title_parts(meta.html_title)
    longest = max(parts, key=len) if len(parts) > 1 else None
    # an <h1> is a wording of the headline where it is like another ("Jo's Notes", a blog's name, is not)
    h1s = [h for h in meta.h1 if any(similarity(h, t) >= HEADLINE_LIKENESS for t in [*stated_titles, longest] if t)]
    headlines = {key(h) for h in [*h1s, *stated_titles]} - stated - {""}
    return headlines, page_sections(meta, url)


def page_sections(meta: PageMeta, url: str) -> frozenset[str]:
    """The keys of the sections the page names (article:section, the structured data's
    articleSection) and those of its address (`/australia-news/2024/…` -> "australianews")."""
    named = [*meta.values.get("article:section", ()), ld_text(meta.ld_article.get("articleSection"))]
    sections = {key(s) for n in named if n for s in n.split(",")}
    parts = split(url) if url else None
    segments = parts.path.split("/")[:-1] if parts else []
    sections |= {
        squash(p) for p in segments if len(re.split(r"[-_.+]", p)) <= SECTION_MAX_WORDS and not _DIGIT.search(p)
    }
    return frozenset(sections - {""})


def _groups(candidates: list[_Candidate], label: str) -> dict[str, str]:
    """Each candidate's name -> the key of the name it spells: one key for "MacRumors" and
    "MacRumors.com"; "Acme Company" is "Acme" where the page also names itself "Acme" (the company's
    word is no part of the name), and "Acmemag", the domain written as one word, is "Acme" where the
    title says so."""
    keys = {c.name: key(c.name) for c in candidates}
    found = set(keys.values())
    groups = {}
    for c in candidates:
        k = keys[c.name]
        bare = key(without_legal_form(c.name))
        if bare != k and bare in found:
            k = bare
        elif k == label and " " not in c.name and not any(ch.isupper() for ch in c.name[1:]):
            shorter = [
                keys[o.name]
                for o in candidates
                if o.source in ("title", "home", "stated")
                and 3 <= len(keys[o.name]) < len(k)
                and k.startswith(keys[o.name])
            ]
            k = shorter[0] if shorter else k
        groups[c.name] = k
    return groups


def _spelling(group: str, candidates: list[_Candidate], groups: dict[str, str], url: str) -> str:
    """One name, several spellings: the table's, else the one readers see in the title or a home
    link ("Barron's" over the structured data's "Barrons"), else one without a domain ending
    ("MacRumors")."""
    spellings = [c for c in candidates if groups[c.name] == group]
    table = next((c.name for c in spellings if c.source == "table"), None)
    if table:
        return _edition(table, candidates, url) or table
    named = [c for c in spellings if c.source in ("stated", "title")] or spellings  # not a logo's alt nor a copyright
    if all(HOST_SPELLED.match(c.name) and c.name.islower() for c in named):
        named = spellings  # only its address ("dagbladet.no"): the name the copyright line or a logo writes
    plain = [c.name for c in named if not HOST_SPELLED.match(c.name) and not DOMAIN_SUFFIX.search(c.name)]
    shown = [c.name for c in named if c.source == "title" and c.name in plain]
    return (shown or plain or [c.name for c in named])[0]


def _disagreement(
    group: str, candidates: list[_Candidate], groups: dict[str, str], scores: dict[str, int]
) -> str | None:
    """Why the name may be wrong: another name the page gives itself (in its statements or its
    title) with as much support, neither name a part of the other ("National Archives" in
    og:site_name, "The White House" in the title)."""
    named = {key(c.name) for c in candidates if groups[c.name] == group}
    short = {initials(c.name) for c in candidates if groups[c.name] == group} - {""}
    rivals = [
        c.name
        for c in candidates
        if groups[c.name] != group
        and groups[c.name] in scores
        and groups[c.name] not in group
        and group not in groups[c.name]
        and key(c.name) not in short  # "WSJ" is The Wall Street Journal
        and not named & {initials(c.name)}
        and scores[groups[c.name]] >= scores[group]
    ]
    return f"the page names itself otherwise too: {rivals[0]}" if rivals else None


def _resembles(name: str, url: str, label: str, *, subdomains: bool = True) -> bool:
    """A name that resembles the domain, not the domain written out ("example.com")."""
    return not (HOST_SPELLED.match(name) and name.islower()) and resembles_domain(
        name, url, label, subdomains=subdomains
    )


def _named_elsewhere(meta: PageMeta, url: str, label: str) -> str | None:
    """The name a link to the home page or the copyright line gives, where it resembles the domain
    (or the page's address is not known): "© 2015 WebMD, LLC"."""
    for value in (*meta.home_names[:HOME_NAMES], meta.copyright):
        name = usable_name(value, url, label)
        if name and (not url or resembles_domain(name, url, label)):
            return name
    return None


def _edition(table_name: str, candidates: list[_Candidate], url: str) -> str | None:
    """The page's own name when it is the table's outlet and an edition of it that the address
    names too ("BBC News Mundo" at bbc.com/mundo/, "HuffPost UK" at huffingtonpost.co.uk): the
    table is kept by hand for the parent brand."""
    parts = split(url)
    if parts is None:
        return None
    where = [squash(parts.hostname or ""), *(squash(p) for p in parts.path.split("/") if p)]
    for c in candidates:
        extra = c.name[len(table_name) :].split()
        if (
            c.source == "stated"
            and c.name.casefold().startswith(table_name.casefold() + " ")
            and 1 <= len(extra) <= EDITION_MAX_WORDS
            and all(w[:1].isupper() for w in extra)
            and any(squash(" ".join(extra)) in w for w in where)
        ):
            return c.name
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


AFFIX_MAX_WORDS = 5


def _title_site(meta: PageMeta, url: str, label: str) -> str | None:
    """The title's last part when nothing else names the publication ("Headline | Android Developers
    Blog", "标题_频道_中国青年网"): a short name that is not the headline's own words nor a section."""
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
    _, sections = _not_names(meta, url, set())
    for i in (len(parts) - 1, 0):
        part = parts[i]
        if i == headline or len(part.split()) > AFFIX_MAX_WORDS or (part[:1].islower() and " " in part):
            continue
        if any(squash(part) in h for h in holders) or key(part) in sections:
            continue
        name = usable_name(part, url, label, {part})
        if name:
            return name
    return None
