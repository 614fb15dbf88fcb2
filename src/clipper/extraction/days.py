"""Days as text writes them: ISO timestamps, "March 11, 2015", "20. November 2019", "22 de outubro de
2010", 2017年3月10日 and 05/08/2014 (May 8 or 8 May, as the page's language has it); an update's
label before a date; the day in an article's address.

The month names are those of data/dates.toml. A pattern finds a date with any word where a month
stands and each word found is looked up: one alternative per month name, in eleven languages, would
cost a run more to build than reading the page does. Where a word found is no month, the search is
made again with the month names that the text holds, which is what the exact pattern finds.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator

from clipper.extraction.words import boundary, fold, is_word, load, month_numbers, phrases
from clipper.web.urls import split

_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_TIMESTAMP = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$", re.I
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$")
_ANY_MONTH = r"[^\W\d_]+"  # a word of letters, looked up in the months' names


def _date_source(month: str) -> str:
    return (
        r"(?<![\d.])(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d])"
        r"|(?P<cy>(?:19|20)\d{2})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})"
        rf"|(?<!\w)(?P<nm>{month})\.?\s+(?P<nd>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:at\s+)?(?P<ny>(?:19|20)\d{{2}})(?!\d)"
        rf"|(?<![\w.])(?P<dd>\d{{1,2}})(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<dm>{month})\.?,?\s*(?:de\s+)?"
        r"(?P<dy>(?:19|20)\d{2})(?!\d)"
        r"|(?<![\d.])(?P<a>\d{1,2})(?:(?P<sep>[.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})"
        r"|/(?P<b2>\d{1,2})/(?P<y2>(?:19|20)?\d{2}))(?![\d])"
    )


def _yearless_source(month: str) -> str:
    return (
        rf"(?<!\w)(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d{{2}})"
        rf"|(?<![\w.])(?P<d2>\d{{1,2}})(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<m2>{month})\b"
        r"(?!\.?,?\s*(?:de\s+)?(?:19|20)\d{2})"
    )


_SOURCES = {"dated": _date_source, "yearless": _yearless_source}
_PATTERNS = {kind: re.compile(source(_ANY_MONTH), re.I) for kind, source in _SOURCES.items()}
_MONTH_GROUPS = ("nm", "dm", "m", "m2")


def _dates(text: str, kind: str = "dated") -> list[re.Match[str]]:
    """The dates written in `text` as the pattern of `kind` finds them: with a year ("dated"), or a
    month and a day without one ("yearless")."""
    found = list(_PATTERNS[kind].finditer(text))
    return found if all(map(_months_known, found)) else list(_exact(text, kind).finditer(text))


def _whole(text: str) -> re.Match[str] | None:
    """`text` when all of it is a date with a year."""
    found = _PATTERNS["dated"].fullmatch(text)
    return found if found is None or _months_known(found) else _exact(text, "dated").fullmatch(text)


def _months_known(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return all(fold(groups[g]) in month_numbers() for g in _MONTH_GROUPS if groups.get(g) is not None)


def _exact(text: str, kind: str) -> re.Pattern[str]:
    """The pattern with one alternative a month's name, of the names that `text` holds."""
    folded = fold(text)
    return _exact_pattern(kind, frozenset(m for m in month_numbers() if m in folded))


@functools.lru_cache(maxsize=256)
def _exact_pattern(kind: str, months: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(map(re.escape, sorted(months, key=len, reverse=True))) or "(?!)"
    return re.compile(_SOURCES[kind](f"(?:{names})"), re.I)


def timestamp(value: str) -> tuple[datetime.datetime, datetime.timedelta | None] | None:
    """A stated timestamp and its offset from UTC (None when it states none)."""
    match = _TIMESTAMP.match(value)
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if not zone:
        return moment, None
    if zone.upper() in ("Z", "UTC", "GMT"):
        return moment, datetime.timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return moment, sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


def has_clock(value: str) -> bool:
    """True for a value that states a time of day ("05/08/2014 07:01")."""
    return _CLOCK.search(value) is not None


def read_day(value: str | None, month_first: bool = True) -> datetime.date | None:
    """The day in a stated value: an ISO timestamp, "20160729", "05/08/2014 07:01:00", "July 29, 2016"."""
    if not value:
        return None
    value = value.strip()
    compact = _COMPACT.match(value)
    if compact:
        return calendar_day(*compact.groups())
    return next(days_in(value, month_first), None)


def days_in(text: str, month_first: bool = True) -> Iterator[datetime.date]:
    """The dates written in `text`, in order: ISO and CJK forms, month names in several languages
    ("March 11, 2015", "20. November 2019", "22 de outubro de 2010"), and numbers (05/08/2014 is
    May 8 where `month_first`, 8 May elsewhere; a dot always puts the day first)."""
    for match in _dates(text):
        found = _match_day(match, month_first)
        if found:
            yield found


def dates_at(text: str, month_first: bool = True) -> Iterator[tuple[int, int, datetime.date | None]]:
    """Each date written in `text`: where it starts and ends, and its day (None for no real day)."""
    for match in _dates(text):
        yield match.start(), match.end(), _match_day(match, month_first)


def is_date(text: str) -> bool:
    """True when all of `text` is a date with a year ("28.04.2023", "March 11, 2015")."""
    return _whole(text) is not None


def whole_day(text: str, month_first: bool = True) -> datetime.date | None:
    """The day when all of `text` is a date ("28.04.2023")."""
    match = _whole(text)
    return _match_day(match, month_first) if match else None


def yearless_days(text: str, near: datetime.date) -> list[datetime.date]:
    """The days written without a year in `text` ("Nov 18, 8:19 PM", "18. November"), not updates, in
    the year of `near` (or the one before, on 31 December against 1 January)."""
    found = []
    for match in _dates(text, "yearless"):
        if is_update(text, match.start()):
            continue
        month = month_numbers()[_month_key(match.group("m") or match.group("m2"))]
        number = int(match.group("d") or match.group("d2"))
        for year in (near.year, near.year - 1, near.year + 1):
            found_day = calendar_day(str(year), str(month), str(number))
            if found_day:
                found.append(found_day)
    return found


def calendar_day(year: str, month: str, number: str) -> datetime.date | None:
    """The day of a year, a month and a day's number as written (a year of two digits in this
    century or the last), or None for no day since 1990."""
    value = int(year)
    if len(year) == 2:
        value += 2000 if value <= datetime.date.today().year % 100 + 1 else 1900
    if not 1990 <= value <= datetime.date.today().year + 1:
        return None
    try:
        return datetime.date(value, int(month), int(number))
    except ValueError:
        return None


def _match_day(match: re.Match[str], month_first: bool) -> datetime.date | None:
    found = match.groupdict()
    if found["iy"]:
        return calendar_day(found["iy"], found["im"], found["id"])
    if found["cy"]:
        return calendar_day(found["cy"], found["cm"], found["cd"])
    if found["nm"]:
        return calendar_day(found["ny"], str(month_numbers()[_month_key(found["nm"])]), found["nd"])
    if found["dm"]:
        return calendar_day(found["dy"], str(month_numbers()[_month_key(found["dm"])]), found["dd"])
    first, second, year, sep = found["a"], found["b"] or found["b2"], found["y"] or found["y2"], found["sep"]
    if int(first) > 12 or sep == "." or (not month_first and int(second) <= 12):
        first, second = second, first  # the day came first
    return calendar_day(year, first, second)


def _month_key(name: str) -> str:
    return name.casefold().rstrip(".")


LABEL_REACH = 40  # characters before a date where its label stands


def is_update(text: str, start: int) -> bool:
    """True when the last label in the 40 characters before a date is an update's ("Updated
    3:00 PM, May 3"), not a publication's ("Updated May 4 | Posted May 3")."""
    folded = fold(text)
    last = None
    at = max(0, start - LABEL_REACH)
    while at < start:
        found = None if at and is_word(text[at - 1]) else _label(text, folded, at, start)
        if found is None:
            at += 1
        else:
            last, at = found
    return last == "updated"


def _label(text: str, folded: str, at: int, end: int) -> tuple[str, int] | None:
    """The label of an update or of the publication that stands at `at`, ended by a word's end
    before `end`, and where it ends."""
    for kind in ("updated", "published"):
        for stop in phrases("dates", kind).ends(folded, at, end):
            if boundary(text, stop, end):
                return kind, stop
    return None


def copyright_years(found: str) -> re.Pattern[str] | None:
    """For 1 January, the copyright lines of its year ("© 2024", "Copyright 2019-2024"): a search of
    the page reads such a line as that day, which the page may never state."""
    if not found.endswith("-01-01"):
        return None
    return re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*[-–—]\s*)?{found[:4]}\b", re.I)


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2}|[a-z]{3})[a-z]*[/-](\d{1,2})(?:/|[-_]|$)", re.I)


@functools.cache
def _url_months() -> dict[str, int]:
    """The English months' first three letters, as addresses write them (/2019/nov/18/)."""
    return {name: number for name, number in load("dates")["months"]["en"].items() if len(name) == 3}


def url_day(url: str) -> datetime.date | None:
    """The date in an article's address: /2019/11/18/, /2019-11-18-, /2019/nov/18/."""
    parts = split(url) if url else None
    path = parts.path if parts else ""
    at = 0
    while parts and (match := _URL_DATE.search(path, at)):
        year, month, number = match.groups()
        if month.isdigit() or month.lower() in _url_months():
            value = int(month) if month.isdigit() else _url_months()[month.lower()]
            return calendar_day(year, str(value), number)
        at = match.start() + 1
    return None


_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:/|[-_])")


def url_agrees(found: str, url: str) -> bool:
    """True when an article's address holds the year and month of `found` (`/2016/05/…`): a day
    found by a search of the page that the address confirms."""
    parts = split(url) if url else None
    match = _URL_MONTH.search(parts.path) if parts else None
    return match is not None and found[:7] == f"{match.group(1)}-{int(match.group(2)):02d}"
