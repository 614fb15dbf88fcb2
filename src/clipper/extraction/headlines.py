"""The headline: the wording the page's own statements agree on (structured data, Open Graph, the
title, the `<h1>`), without the site's name around it."""

from __future__ import annotations

import re
from collections.abc import Callable

from clipper.extraction.author_names import is_organisation
from clipper.extraction.names import DOMAIN_SUFFIX, SITE_PREFIX, host_label, is_opinion_label, title_parts
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.sites import page_sections
from clipper.extraction.words import CJK, separators
from clipper.text import similarity, squash, word_count

AGREE = 0.5  # bag-of-words likeness at which two statements give the same headline
SITE_PART_EXTRA_WORDS = 2  # "Dropbox Tech Blog" is Dropbox's name with two words more
SITE_PART_MAX_WORDS = 5
_SITE_AFTER_COLON = re.compile(r"^(.*\S)\s*[:：]\s+([^:：]{2,40})$")
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


def choose_headline(
    meta: PageMeta, guess: Callable[[], str | None], site: str | None, author: str | None, url: str
) -> str | None:
    """The headline. Each of the page's statements, without the site's name, is a candidate, in the
    order structured data, Open Graph (or Twitter), `<title>`, `<h1>`, another extractor's `guess`
    (read only where the page states no title at all);
    the first that another kind of statement agrees with wins (a site-wide "Latest News &
    Headlines" in og:title agrees with nothing), and the `<h1>` in its place when it is the same
    headline however reworded, or the title's first parts exactly."""
    names = _names(site, url)
    sections = page_sections(meta, url)
    keep = (*meta.h1, *(v for v in (ld_text(meta.ld_article.get("headline")), meta.first("og:title")) if v))
    voices: list[tuple[str, str]] = []  # (kind, headline)
    for kind, value in (
        ("ld", ld_text(meta.ld_article.get("headline"))),
        ("meta", meta.first("og:title", "twitter:title")),
        ("title", meta.html_title),
    ):
        if value:
            voices.append((kind, strip_site(value, names, author, keep, sections)))
    guessed = guess() if not voices else None
    if guessed:
        voices.append(("guess", strip_site(guessed, names, author, keep, sections)))
    h1s = [strip_site(h, names, author, keep, sections) for h in meta.h1]
    voices.extend(("h1", h) for h in h1s)
    voices = [(k, v) for k, v in voices if v]
    if not voices:
        return None
    # another extractor's guess is read from the same statements: it agrees with none of them
    agreed = next(
        (
            v
            for k, v in voices
            if k != "guess" and any(k2 not in (k, "guess") and similarity(v, v2) >= AGREE for k2, v2 in voices)
        ),
        voices[0][1],
    )
    for h1 in h1s:
        # the on-page headline is the editor's own wording: the same headline reworded for search
        # engines, or the title's first parts ("Headline - Author (handle)"), gives way to it
        if similarity(h1, agreed) >= 0.7 or _leads(agreed, h1):
            return h1
    return agreed


def _leads(text: str, head: str) -> bool:
    """True when `text` is `head` and more after a separator: "On Events - Jo Bloggs (jb)"."""
    if not head or not text.startswith(head) or len(text) == len(head):
        return False
    return bool(separators().match(text, len(head)))


def _names(site: str | None, url: str) -> list[list[str]]:
    """The names a title sets beside its headline, as words: the site's and the domain's label."""
    found = [n for n in (site, host_label(url) if url else None) if n]
    return [w for w in (_words(DOMAIN_SUFFIX.sub("", n)) for n in found) if w]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def strip_site(
    title: str,
    names: list[list[str]],
    author: str | None = None,
    keep: tuple[str, ...] = (),
    sections: frozenset[str] = frozenset(),
) -> str:
    """A headline without the site's name before or after it ("Headline | Site", "Site: Headline",
    "标题_频道_网站"), nor the author's after it on a personal site ("Headline - Jo Bloggs (jb)"), nor
    the name of its section or edition at either end ("Opinion | Headline", "Headline | Australia
    news", one of `sections`, the keys of those the page and its address name); a section's name
    between headline and site goes too, unless one of the texts in `keep` holds it."""
    prefix = SITE_PREFIX.match(title)
    if prefix and (any(_words(prefix.group(1)) == n for n in names) or is_opinion_label(prefix.group(1))):
        title = title[prefix.end(1) + 1 :].strip()  # the name itself, not "Russia" of RT; "Opinion: …"
    suffix = _SITE_AFTER_COLON.match(title)
    if suffix and any(_words(DOMAIN_SUFFIX.sub("", suffix.group(2))) == n for n in names):
        title = suffix.group(1)  # "Headline: Site", the name itself after the colon
    parts = [p for p in separators().split(title) if p.strip()]
    if len(parts) < 2:
        return title
    trailing = [*names, _words(author)] if author else names
    site_parts = 0
    while len(parts) > 1 and _is_site(parts[-1], trailing):
        parts.pop()
        site_parts += 1
    if site_parts and len(parts) > 1 and _is_section(parts[-1]) and not any(parts[-1] in k for k in keep):
        parts.pop()  # "Headline | Politics | Site", "标题_教育频道_网站": the section before the site's name
    while len(parts) > 1 and _names_section(parts[-1], sections, keep):
        parts.pop()  # "Headline | Australia news": a section or an edition, no site's name after it
    while len(parts) > 1 and (_is_site(parts[0], names) or _names_section(parts[0], sections, keep)):
        parts.pop(0)
    # Keep the separators inside the headline as they were.
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip(" _|-") if start >= 0 and end > start else title


def _is_site(part: str, names: list[list[str]]) -> bool:
    """True for a title part that is one of `names`, a fragment of one ("Guardian" for The Guardian),
    or one with a few words more ("Dropbox Tech Blog"); "How we designed Dropbox's ATF" is none."""
    words = _words(DOMAIN_SUFFIX.sub("", part.strip()))
    if not words or len(words) > SITE_PART_MAX_WORDS:
        return not words
    joined = "".join(words)
    for name in names:
        n = len(name)
        if words == name:
            return True
        if len(words) < n and (name[: len(words)] == words or name[-len(words) :] == words) and len(joined) >= 3:
            return True  # a fragment of the name, whole words
        if n < len(words) <= n + SITE_PART_EXTRA_WORDS and (words[:n] == name or words[-n:] == name):
            return True  # the name and a word or two ("Tech Blog", "痞客邦 PIXNET")
        cjk = re.fullmatch(f"[{CJK}]+", joined) is not None
        if cjk and len(joined) >= 2 and joined != "".join(name) and _affix_of("".join(name), joined):
            return True  # Chinese and Japanese names set no spaces: "史蒂文的家" of "史蒂文的家_藍天"
    return False


EDITION_MAX_WORDS = 3


def _names_section(part: str, sections: frozenset[str], keep: tuple[str, ...]) -> bool:
    """True for a title part that names a section or an edition: the opinion pages' label, a
    section the page or its address names, or (where no other wording of the headline holds it) a
    short name of capitalised words with a word like "News" ("UK News", "Tech Review")."""
    if is_opinion_label(part) or (squash(part) in sections and not re.search(r"\d", part)):
        return True
    found = part.split()
    return (
        len(found) <= EDITION_MAX_WORDS
        and is_organisation(part)
        and all(w[:1].isupper() or not w[:1].isalpha() for w in found[:1])
        and not any(part in k for k in keep)
    )


SECTION_MAX_WORDS = 2
SECTION_MAX_CJK = 6


def _is_section(part: str) -> bool:
    """A section's name: a word or two without digits ("Politics", "Tech News"), a few Chinese or
    Japanese characters ("教育频道")."""
    if any(c.isdigit() for c in part):
        return False
    if re.fullmatch(f"[{CJK}]+", part.strip()):
        return len(part.strip()) <= SECTION_MAX_CJK
    return len(_words(part)) <= SECTION_MAX_WORDS


def _affix_of(name: str, part: str) -> bool:
    return name.startswith(part) or name.endswith(part)


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
        *title_parts(meta.html_title),
    ]
    return tuple(dict.fromkeys(h for h in found if h and word_count(h) >= 3))
