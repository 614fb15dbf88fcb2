"""The article's author(s): the visible byline and the page's statements (structured data, author
metas) held against each other, then another extractor's guesses; never the publication, its
company, a form label, a month or a profile address."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from clipper.extraction.author_names import (
    NAME_SEPARATORS,
    author_name,
    byline_names,
    handles,
    has_legal_form,
    is_organisation,
    names,
    reads_as_names,
    reads_as_person,
)
from clipper.extraction.names import key, plain_name
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.words import byline_prefix, group, month_numbers, words
from clipper.text import squash

AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
PROSE_WORDS = 12  # a line this long under the headline is the article's, or a standfirst
NAME_LINE_WORDS = 6


def choose_author(meta: PageMeta, guesses: Iterator[str | None], site: str | None = None, url: str = "") -> str | None:
    """The article's author(s), without "By", job titles, the publication's name or a profile URL.
    The people the visible byline names, in the spelling of a statement that agrees with it (with
    the byline's co-authors), or over a statement that names no person (an agency, an account);
    else a person's name in the page's statements (structured data, author metas); else in another
    extractor's `guesses` (which must read as names); an organisation's ("News Desk") only where no
    person is credited at all, and never the publisher's or its company's."""
    publishers = _publishers(meta)
    organisation = None
    people = []
    for value, kind in _stated(meta):
        name = author_name(value, site, url, person=kind == "Person", publishers=publishers)
        if name and (kind == "Organization" or is_organisation(name)):
            organisation = organisation or name
        elif name:
            people.append(name)
    shown = _shown_names(meta, site, url, publishers)
    if shown:
        # the stated name the visible byline agrees with: a CMS account in one meta, the byline in another
        agreed = [p for p in people if {squash(n) for n in names(p) or [p]} & {squash(n) for n in shown}]
        if agreed and len(shown) >= 2:
            return ", ".join(shown)  # the byline's co-authors, whom structured data often leaves out
        if agreed:
            return _with_co_authors(agreed[0], meta, site, url, publishers)
        if not any(reads_as_person(p) for p in people):
            return ", ".join(shown)  # an agency, an account, a handle in the metadata: the byline names a person
    if people:
        return _with_co_authors(people[0], meta, site, url, publishers)
    for value in _shown(meta):
        name = author_name(_before_date(value), site, url, publishers=publishers)
        if name and is_organisation(name):
            organisation = organisation or name
    for value in guesses:  # drawn one at a time: the later ones cost more
        guessed = author_name(value, site, url, publishers=publishers)
        if guessed and is_organisation(guessed):
            organisation = organisation or guessed
        elif guessed and reads_as_names(guessed):
            return guessed
    return organisation


def _publishers(meta: PageMeta) -> frozenset[str]:
    """The names of the page's publisher and its company: the structured data's
    publisher (an organisation, not a person's own site), the site's stated names, and a company
    in its copyright line ("© 2024 Acme Media Group, Inc.")."""
    publisher: Any = meta.ld_article.get("publisher")
    publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
    person = isinstance(publisher, dict) and publisher.get("@type") == "Person"
    found = [None if person else meta.ld_publisher, meta.ld_site, meta.first("og:site_name")]
    holder = meta.copyright
    if holder and (has_legal_form(holder) or is_organisation(holder)):
        found.append(plain_name(holder))
    return frozenset(n for n in found if n and len(key(n)) >= 2)


def _shown_names(meta: PageMeta, site: str | None, url: str, publishers: frozenset[str]) -> list[str]:
    """The people the first visible byline names, where each of its parts is a name ("By Jo Lee and
    Al Day", not "Jo Lee and Al Day Sioux Falls Argus Leader")."""
    marked: dict[str, str] = {}  # the people the byline elements name, each in one or several
    for value in _shown(meta):
        name = author_name(_before_date(value), site, url, publishers=publishers)
        found = byline_names(name or "") if name and not is_organisation(name) else []
        if value not in meta.authors_shown and (found or (name and handles(name))):
            return found or handles(name or "")  # a line that opens with "By"
        marked.update((squash(n), n) for n in found if not any(squash(n) in k for k in marked))
    return list(marked.values())


def _stated(meta: PageMeta) -> Iterator[tuple[str | None, str]]:
    """The structured data's author (with its type) and each author meta, several values of one
    name joined ("<meta name=author>" twice for two authors)."""
    author: Any = meta.ld_article.get("author")
    first = author[0] if isinstance(author, list) and author else author
    kind = first.get("@type", "") if isinstance(first, dict) else ""
    yield ld_text(author), kind if isinstance(kind, str) else ""
    for name in AUTHOR_KEYS:
        values = meta.values.get(name, [])
        yield (", ".join(dict.fromkeys(values)) if len(values) > 1 else meta.meta.get(name)), ""


def _shown(meta: PageMeta) -> Iterator[str]:
    """The bylines readers see between the headline and the first sentence after its date: a line that
    opens with "By" (or "Posted by", "Von", "Par", "Author:"; the word may stand alone on its line),
    then the byline elements and the elements marked as the author's there."""
    lines = [line.strip().lstrip("|·•-—:/ ") for line in meta.under_headline.split("\n")]
    dated = False
    for i, line in enumerate(lines):
        if dated and len(line.split()) >= PROSE_WORDS:
            break  # text after the dateline: the article has begun, a byline further down is another's
        dated = dated or any(c.isdigit() for c in line)
        if byline_prefix().match(line) and byline_prefix().sub("", line).strip(" :|"):
            yield line
        elif line and byline_prefix().fullmatch(line + " "):
            yield f"{line} {_names_after(lines[i + 1 :])}"  # "By" on its own, the names after it
    for shown in meta.authors_shown:
        yield shown.replace("\n", " | ")  # its lines are its parts: "Jane Doe", then "The Daily Post"


def _names_after(lines: list[str]) -> str:
    """The lines of names that follow a "By" set on its own line, up to the date or the text, as
    one byline: "Matthew Digby", ",", "Minh Do", then "on Monday, November 18th"; two lines without
    a joiner between them are two parts ("Jane Doe", "The Daily Post")."""
    found: list[str] = []
    joined = True
    for line in lines:
        joining = NAME_SEPARATORS.fullmatch(f" {line} ") is not None
        if not line or any(c.isdigit() for c in line) or len(line.split()) > NAME_LINE_WORDS:
            break
        if not joining and not (line[:1].isalpha() and not line[:1].islower()):
            break  # "@alissamarie", "on Monday"
        found.append(line if joining or joined else f"| {line}")
        joined = joining
    return " ".join(found)


def _before_date(text: str) -> str:
    """A visible byline up to its date: "By Jo Lee March 11, 2015 3:46 PM" -> "By Jo Lee", "Par Jo
    Lee | Publié le …" -> "Par Jo Lee"."""
    text = _date_start().split(text)[0]
    words = text.split()
    while len(words) > 2 and words[-1].casefold().rstrip(".,") in _DATE_WORDS():
        words.pop()  # the month or weekday before the cut: "By Jo Lee March"
    return " ".join(words).rstrip(" ,|·—-")


@functools.cache
def _date_start() -> re.Pattern[str]:
    """Where a byline's date begins: a word with a digit, or a label of publication or update."""
    labels = group(words("dates", "published") | words("dates", "updated") | {"posted"})
    return re.compile(rf"\s\S*\d|\s\W*(?:{labels})\b", re.I)


@functools.cache
def _DATE_WORDS() -> frozenset[str]:
    return (
        frozenset(month_numbers())
        | words("dates", "weekdays")
        | {"on", "at", "updated", "published", "posted", "|", "-", "—", "·"}
    )


def _with_co_authors(name: str, meta: PageMeta, site: str | None, url: str, publishers: frozenset[str]) -> str:
    """The names in the visible byline when it credits the stated author and others besides:
    structured data often names only the first of several ("By Jo Lee, Al Day and Bo Chan")."""
    for byline in _shown(meta):
        found = byline_names(author_name(_before_date(byline), site, url, publishers=publishers) or "")
        if len(found) >= 2 and squash(name) in {squash(n) for n in found}:
            return ", ".join(found)
    return name
