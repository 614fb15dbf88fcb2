"""The article's author(s): from the page's statements (structured data, author metas), then its
visible byline, then another extractor's guesses; never the publication, its company, a form
label, a month or a profile address."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from clipper.extraction.names import host_label
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.words import CJK, byline_prefix, group, month_numbers, words
from clipper.text import squash

AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
MAX_NAME_CHARS = 120
PROSE_WORDS = 12  # a line this long under the headline is the article's, or a standfirst
NAME_LINE_WORDS = 6

# "By", "Posted by", "Analysis by", "Words: ", "Текст" (Russian: "text") before the name.
_TRAILING_DATE = re.compile(  # months that are also names (May, June, April...) only with digits after
    r"[\s,|·-]+((january|february|july|september|october|november|december)(\W+\d{1,4})*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\W+\d{1,4})+"
    r"|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*"
    r"|(published|updated|posted|last updated)\b.*"
    r"|\d{1,4}(\W+\d{1,4})*)\W*$",
    re.I,
)
_PROFILE = re.compile(r"://|^@|\.[a-z]{2,}/", re.I)  # a profile link or handle, not a name
_PROFILE_AFTER = re.compile(r"\s*[(<\[]\s*(https?://|www\.|@)[^)>\]]*[)>\]]")  # "Jo Bloggs (http://jo.example/)"
_CREDENTIAL = re.compile(r"^([A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")  # "MS", "RDN", "PhD"
_NAME_PARTICLES = {"and", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "bin", "al", "y"}
_CJK_NAME = re.compile(f"[{CJK}]{{2,6}}")  # Chinese, Japanese and Korean names set no spaces: "张三"
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")


def choose_author(meta: PageMeta, guesses: Iterator[str | None], site: str | None = None, url: str = "") -> str | None:
    """The article's author(s), without "By", job titles, the publication's name or a profile URL.
    A person's name in the page's statements, else in its visible byline, else in another
    extractor's `guesses` (which must read as names); an organisation's ("News Desk") only where
    no person is credited at all."""
    organisation = None
    people = []
    for value, kind in _stated(meta):
        name = _author_name(value, site, url, person=kind == "Person")
        if name and (kind == "Organization" or is_organisation(name)):
            organisation = organisation or name
        elif name:
            people.append(name)
    shown = _shown_names(meta, site, url)
    if people:
        # the stated name the visible byline agrees with: a CMS account in one meta, the byline in another
        agreed = [p for p in people if {squash(n) for n in _names(p) or [p]} & {squash(n) for n in shown}]
        return _with_co_authors((agreed or people)[0], meta, site, url)
    if shown:
        return ", ".join(shown)
    for value in _shown(meta):
        name = _author_name(_before_date(value), site, url)
        if name and is_organisation(name):
            organisation = organisation or name
    for value in guesses:  # drawn one at a time: the later ones cost more
        guessed = _author_name(value, site, url)
        if guessed and is_organisation(guessed):
            organisation = organisation or guessed
        elif guessed and _reads_as_names(guessed):
            return guessed
    return organisation


def _shown_names(meta: PageMeta, site: str | None, url: str) -> list[str]:
    """The people the first visible byline names, where each of its parts is a name ("By Jo Lee and
    Al Day", not "Jo Lee and Al Day Sioux Falls Argus Leader")."""
    for value in _shown(meta):
        name = _author_name(_before_date(value), site, url)
        found = _names(name or "")
        if name and not is_organisation(name) and found and len(found) == len(_NAME_SEPARATORS.split(name)):
            return found
    return []


def _stated(meta: PageMeta) -> Iterator[tuple[str | None, str]]:
    """The structured data's author (with its type) and each author meta, several values of one
    name joined ("<meta name=author>" twice for two authors)."""
    author: Any = meta.ld_article.get("author")
    first = author[0] if isinstance(author, list) and author else author
    kind = first.get("@type", "") if isinstance(first, dict) else ""
    yield ld_text(author), kind if isinstance(kind, str) else ""
    for key in AUTHOR_KEYS:
        values = meta.values.get(key, [])
        yield (", ".join(dict.fromkeys(values)) if len(values) > 1 else meta.meta.get(key)), ""


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
            yield " ".join([line, *_names_after(lines[i + 1 :])])  # "By" on its own, the names after it
    yield from meta.authors_shown


def _names_after(lines: list[str]) -> list[str]:
    """The lines of names that follow a "By" set on its own line, up to the date or the text:
    "Matthew Digby", ",", "Minh Do", then "on Monday, November 18th"."""
    found: list[str] = []
    for line in lines:
        joining = _NAME_SEPARATORS.fullmatch(f" {line} ") is not None
        if not line or any(c.isdigit() for c in line) or len(line.split()) > NAME_LINE_WORDS:
            break
        if not joining and not (line[:1].isalpha() and not line[:1].islower()):
            break  # "@alissamarie", "on Monday"
        found.append(line)
    return found


def _before_date(text: str) -> str:
    """A visible byline up to its date: "By Jo Lee March 11, 2015 3:46 PM" -> "By Jo Lee"."""
    text = re.split(r"\s\S*\d|\s(?:published|updated|posted)\b", text, flags=re.I)[0]
    words = text.split()
    while len(words) > 2 and words[-1].casefold().rstrip(".,") in _DATE_WORDS():
        words.pop()  # the month or weekday before the cut: "By Jo Lee March"
    return " ".join(words).rstrip(" ,|·—-")


@functools.cache
def _DATE_WORDS() -> frozenset[str]:
    return frozenset(month_numbers()) | {"on", "at", "updated", "published", "posted", "|", "-", "—", "·"}


def _with_co_authors(name: str, meta: PageMeta, site: str | None, url: str) -> str:
    """The names in the visible byline when it credits the stated author and others besides:
    structured data often names only the first of several ("By Jo Lee, Al Day and Bo Chan")."""
    for byline in _shown(meta):
        names = _names(_author_name(re.split(r"\s\S*\d", byline)[0], site, url) or "")
        if len(names) >= 2 and squash(name) in {squash(n) for n in names}:
            return ", ".join(names)
    return name


def _names(byline: str) -> list[str]:
    """The people a byline names: "Jo Lee, Al Day and Bo Chan" -> three names."""
    return [
        _recased(part)
        for part in (p.strip(" .") for p in _NAME_SEPARATORS.split(byline))
        if part
        and (2 <= len(part.split()) <= 4 or _CJK_NAME.fullmatch(part))
        and _reads_as_names(part)
        and not any(c.isdigit() for c in part)
    ]


def _author_name(value: str | None, site: str | None, url: str, *, person: bool = False) -> str | None:
    """The name(s) in an author statement or byline, or None for what is no one's name. The
    publication's name is none, unless the page states it as a `person`'s (a personal site)."""
    if not value:
        return None
    value = _PROFILE_AFTER.sub("", value).lstrip("|·•-—:/ ")
    if _PROFILE.search(value):
        return None
    name = _TRAILING_DATE.sub("", byline_prefix().sub("", value)).strip(" ,;|.")
    name = _without_affiliation(name, site, url).strip(" ,;|.")
    name = _without_trailing_month(" ".join(name.split()))
    if not name or len(name) > MAX_NAME_CHARS or _is_no_name(name) or _legal_form().search(name):
        return None
    if site and _same_outlet(name, site) and not (person and _reads_as_person(name)):
        return None
    return _recased(name)


def _without_trailing_month(name: str) -> str:
    """ "Jane Doe May" -> "Jane Doe": a month after two names is the date run into the byline;
    "Anna May" is a name."""
    words = name.split()
    if len(words) >= 3 and words[-1].casefold().rstrip(".") in month_numbers():
        return " ".join(words[:-1]).rstrip(" ,")
    return name


def _recased(name: str) -> str:
    """A byline set in capitals, as the name is written: "JANE DOE and JO LEE" -> "Jane Doe and Jo Lee"."""
    pieces = re.split(r"(\s*[,;&]\s*|\s+(?:and|und|et|y)\s+)", name, flags=re.I)
    return "".join(_recased_one(p) if i % 2 == 0 else p.lower() for i, p in enumerate(pieces))


def _recased_one(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if len(name.split()) >= 2 and len(letters) > 3 and all(c.isupper() for c in letters):
        return " ".join(w if len(w) <= 2 and w.endswith(".") else w.title() for w in name.split())
    return name


@functools.cache
def _not_names() -> frozenset[str]:
    return words("authors", "not_a_name") | frozenset(month_numbers())


def _is_no_name(name: str) -> bool:
    """A form label, a placeholder or a month where a name should be: "Username", "Last", "May"."""
    return name.casefold().strip(" :") in _not_names()


@functools.cache
def _legal_form() -> re.Pattern[str]:
    return re.compile(rf"(?:^|[\s,]){group(words('names', 'legal'))}$", re.I)


@functools.cache
def _organisation_words() -> frozenset[str]:
    return words("names", "organisation")


def is_organisation(name: str) -> bool:
    """True for an organisation's name rather than a person's: a word like "News", "Media",
    "Group" or "Desk" in it ("Acme Media Group", "Riverside Courier News Desk")."""
    return any(w.casefold() in _organisation_words() for w in re.findall(r"\w+", name))


def _reads_as_person(name: str) -> bool:
    """A person's name, two to four capitalised words and no organisation's word: a personal site
    named after its author ("Haki Benita") credits that person."""
    parts = name.split()
    return 2 <= len(parts) <= 4 and parts[0].casefold() != "the" and _reads_as_names(name) and not is_organisation(name)


def _same_outlet(name: str, site: str) -> bool:
    """True when a byline is the publication's name or part of it ("Sky" for Sky News); a desk
    ("News Nation Bureau") is what the page credits, and stays."""
    found = {w.casefold() for w in re.findall(r"\w+", name)}
    return bool(found) and found <= {w.casefold() for w in re.findall(r"\w+", site)}


@functools.cache
def _job_title() -> re.Pattern[str]:
    return re.compile(rf"\b{group(words('authors', 'job'))}\b", re.I)


def _without_affiliation(name: str, site: str | None, url: str) -> str:
    """ "Tom Krisher, AP Auto Writer" -> "Tom Krisher"; "Troy Smith, Cleveland.com" -> "Troy Smith";
    "Jo Lee; Al Day Associated Press" -> "Jo Lee; Al Day" (for the Associated Press's own site)."""
    label = host_label(url) if url else ""
    names = {squash(n) for n in (site, label) if n and len(squash(n)) >= 3}
    job_words = words("authors", "job_words")
    pieces = re.split(r"(\s*[,;|]\s*)", name)  # names and the separators between them
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip()
        if site and part.casefold().endswith(" " + site.casefold()):
            part = part[: -len(site)].strip()  # "Al Day Associated Press"
        job = _job_title().search(part)
        if kept and (job or _CREDENTIAL.match(part) or is_organisation(part)):
            continue  # ", AP Auto Writer", "| NJ Advance Media for NJ.com", ", PhD", ", Associated Press"
        if job:  # "Tom Gillespie News reporter", "Bruce Y. Lee Senior Contributor": the name before it
            found = part[: job.start()].split()
            while found and found[-1].casefold() in job_words:
                found.pop()
            part = " ".join(found) if len(found) >= 2 else ""
        if not part or any(n in squash(part) for n in names):
            continue
        kept.extend([pieces[i - 1] if kept else "", part])
    return "".join(kept) or name


def _reads_as_names(text: str) -> bool:
    """True when every word is capitalised (or in a script without capitals) or a name particle:
    "Jo van Dyke", "张三", not "the Syrian defense ministries"."""
    found = re.findall(r"[^\W\d_][\w'.-]*", text)
    return (
        any(len(w.strip(".")) >= 2 for w in found)  # not initials alone ("J J")
        and all(not w[0].islower() or w.lower() in _NAME_PARTICLES for w in found)  # scripts without case pass
    )
