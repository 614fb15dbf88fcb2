"""The day an article was first published: what the page states (structured data, meta tags), what
it shows readers under the headline, and the day in its address, weighed against each other."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterator

from clipper.extraction.names import title_parts
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.words import group, month_numbers, words
from clipper.web.urls import host, split

DATE_KEYS = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
ONE_DAY = datetime.timedelta(days=1)
DATELINE_WORDS = 20  # a line longer than this is a sentence: only a date at its start is a dateline
DATELINE_LEAD = 12
# Regions that write the day first however their language writes it ("en-gb": 05/08/2014 is 5 August).
DAY_FIRST_ENGLISH = frozenset({"gb", "uk", "ie", "au", "nz", "in", "za", "sg", "pk", "ng", "ke", "hk", "my"})
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[/-](\d{1,2})(?:/|[-_]|$)",
    re.I,
)
_URL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def choose_date(meta: PageMeta, fallback: Callable[[], str | None], url: str = "") -> str | None:
    """The first publication date as YYYY-MM-DD (not the last update): see _first_day. A day that
    is the page's stated modification, where it also states its publication on another day, gives
    way to the publication's (a day shown or a `<time>` element that is the update's, unlabelled)."""
    day = _first_day(meta, fallback, url)
    if day is None:
        return None
    month_first = _month_first(meta.locale, url)
    local = _page_offset([*(v for v in _stated(meta) if v), *meta.times, *_modified(meta)])
    published = [d for d in (_local_day(v, local, month_first)[0] for v in _published(meta)) if d]
    modified = {d for d in (_local_day(v, local, month_first)[0] for v in _modified(meta)) if d}
    chosen = datetime.date.fromisoformat(day)
    # a day apart is the same moment in two time zones; the update comes later
    if published and chosen in modified and all(abs(chosen - d) > ONE_DAY for d in published):
        return published[0].isoformat()
    return day


def _published(meta: PageMeta) -> Iterator[str]:
    """The values that state the publication itself, by name (not a bare "date")."""
    yield from filter(None, [ld_text(meta.ld_article.get("datePublished"))])
    for key in DATE_KEYS[:-1]:
        yield from meta.values.get(key, ())


def _modified(meta: PageMeta) -> Iterator[str]:
    yield from filter(None, [ld_text(meta.ld_article.get("dateModified"))])
    for key in MODIFIED_KEYS:
        yield from meta.values.get(key, ())


def _first_day(meta: PageMeta, fallback: Callable[[], str | None], url: str = "") -> str | None:
    """The first publication date as YYYY-MM-DD (not the last update).

    The dates the page states come first; where they disagree, the one the page shows under its
    headline wins (the first publication among a later copy's dates). A stated day one day off the
    day shown is the same moment in another time zone: the page's own day wins; a day in the
    article's address one day earlier than the stated one is the day the page shows, likewise.
    Without a stated date, the day shown (in words, else by a <time> element), then the address's,
    then a search of the page."""
    month_first = _month_first(meta.locale, url)
    values = [v for v in _stated(meta) if v]
    modified = [ld_text(meta.ld_article.get("dateModified")), *(meta.meta.get(k) for k in MODIFIED_KEYS)]
    local = _page_offset([*values, *meta.times, *filter(None, modified)])
    stated: dict[datetime.date, bool] = {}  # day -> stated in the page's own time (an offset other than UTC)
    for value in values:
        day, own_time = _local_day(value, local, month_first)
        if day:
            stated.setdefault(day, own_time)
    shown, update = shown_day(meta, month_first)
    timed = _time_day(meta, month_first)
    in_url = url_day(url)
    if stated:
        day, own_time = next(iter(stated.items()))
        if shown and shown in stated:
            return shown.isoformat()
        if not own_time and shown and abs(shown - day) == ONE_DAY:
            return shown.isoformat()
        if not own_time and update and day - update == ONE_DAY:
            return update.isoformat()  # first published after its own update: a UTC day
        if not own_time and not shown:
            # "Posted Nov 18, 8:19 PM": a day shown without its year, the evening before a UTC day
            near = [d for d in _yearless_days(meta.under_headline, day) if abs(d - day) == ONE_DAY]
            if near:
                return near[0].isoformat()
        if timed and timed in stated:
            return timed.isoformat()
        if in_url and day - in_url == ONE_DAY:
            return in_url.isoformat()
        return day.isoformat()
    for found in (shown, timed, in_url, _title_day(meta, month_first)):
        if found:
            return found.isoformat()
    guessed = read_day(fallback(), month_first)
    return guessed.isoformat() if guessed else None


def _title_day(meta: PageMeta, month_first: bool) -> datetime.date | None:
    """The day a part of the page's title states, all of it a date ("Headline | Site | 28.04.2023")."""
    for part in title_parts(meta.html_title):
        match = _date_pattern().fullmatch(part.strip())
        if match:
            return _match_day(match, month_first)
    return None


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_TIMESTAMP = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$", re.I
)


def _timestamp(value: str) -> tuple[datetime.datetime, datetime.timedelta | None] | None:
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


def _page_offset(values: list[str]) -> datetime.timedelta | None:
    """The page's own offset from UTC, where any of its timestamps states one other than zero."""
    for value in values:
        found = _timestamp(value)
        if found and found[1]:
            return found[1]
    return None


def _local_day(value: str, local: datetime.timedelta | None, month_first: bool) -> tuple[datetime.date | None, bool]:
    """The day of a stated value in the page's own time, and whether it was stated in that time: a
    UTC timestamp moves to the offset the page states elsewhere (22:00 UTC is the next day in Tokyo);
    a day stated without a time is the page's own."""
    found = _timestamp(value)
    if found is None:
        return read_day(value, month_first), not _CLOCK.search(value)
    moment, offset = found
    if offset:
        return moment.date(), True
    if offset is not None and local is not None:
        return (moment + local).date(), True
    return _day(str(moment.year), str(moment.month), str(moment.day)), False


def _stated(meta: PageMeta) -> Iterator[str | None]:
    yield ld_text(meta.ld_article.get("datePublished"))
    for key in DATE_KEYS:
        yield from meta.values.get(key, ())
    yield ld_text(meta.ld_article.get("dateCreated"))


def _month_first(locale: str | None, url: str = "") -> bool:
    """True where 05/08/2014 is May 8: English outside the regions that write the day first, and
    a page that does not say its language; without a region, the address's country decides
    (bbc.co.uk writes the day first)."""
    language, _, region = (locale or "en").partition("-")
    if not region and url:
        region = host(url).rpartition(".")[2]
    return language == "en" and region not in DAY_FIRST_ENGLISH


def read_day(value: str | None, month_first: bool = True) -> datetime.date | None:
    """The day in a stated value: an ISO timestamp, "20160729", "05/08/2014 07:01:00", "July 29, 2016"."""
    if not value:
        return None
    value = value.strip()
    compact = re.match(r"(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$", value)
    if compact:
        return _day(*compact.groups())
    return next(days_in(value, month_first), None)


def days_in(text: str, month_first: bool = True) -> Iterator[datetime.date]:
    """The dates written in `text`, in order: ISO and CJK forms, month names in several languages
    ("March 11, 2015", "20. November 2019", "22 de outubro de 2010"), and numbers (05/08/2014 is
    May 8 where `month_first`, 8 May elsewhere; a dot always puts the day first)."""
    for match in _date_pattern().finditer(text):
        day = _match_day(match, month_first)
        if day:
            yield day


def shown_day(meta: PageMeta, month_first: bool = True) -> tuple[datetime.date | None, datetime.date | None]:
    """The first date readers see under the headline that is not an update ("Updated May 3") nor a
    date in a sentence ("…spoke on March 1"); and the first update shown."""
    text = meta.under_headline
    update = None
    for match in _date_pattern().finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if match.start() - line_start > DATELINE_LEAD and _is_sentence(line):
            continue  # a date further into a sentence is what the article speaks of
        day = _match_day(match, month_first)
        if day and _is_update(text, match.start()):
            update = update or day
        elif day:
            return day, update
    return None, update


def _time_day(meta: PageMeta, month_first: bool = True) -> datetime.date | None:
    """The day of the first <time> element under the headline that is no update's."""
    for value, at in zip(meta.times, meta.time_at, strict=True):
        day = read_day(value, month_first)
        if day and not _is_update(meta.under_headline, at):
            return day
    return None


def _yearless_days(text: str, near: datetime.date) -> list[datetime.date]:
    """The days written without a year under the headline ("Nov 18, 8:19 PM", "18. November"),
    not updates, in the year of `near` (or the one before, on 31 December against 1 January)."""
    found = []
    for match in _yearless_pattern().finditer(text):
        if _is_update(text, match.start()):
            continue
        month = month_numbers()[_month_key(match.group("m") or match.group("m2"))]
        number = int(match.group("d") or match.group("d2"))
        for year in (near.year, near.year - 1, near.year + 1):
            day = _day(str(year), str(month), str(number))
            if day:
                found.append(day)
    return found


@functools.lru_cache(maxsize=1)
def _yearless_pattern() -> re.Pattern[str]:
    month = group(frozenset(month_numbers()))
    return re.compile(
        rf"(?<!\w)(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d{{2}})"
        rf"|(?<![\w.])(?P<d2>\d{{1,2}})(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<m2>{month})\b(?!\.?,?\s*(?:de\s+)?(?:19|20)\d{{2}})",
        re.I,
    )


def _is_sentence(line: str) -> bool:
    words = len(line.split())
    return words > DATELINE_WORDS or (words >= 8 and line.endswith((".", "!", "?")))


def _day(year: str, month: str, day: str) -> datetime.date | None:
    number = int(year)
    if len(year) == 2:
        number += 2000 if number <= datetime.date.today().year % 100 + 1 else 1900
    if not 1990 <= number <= datetime.date.today().year + 1:
        return None
    try:
        return datetime.date(number, int(month), int(day))
    except ValueError:
        return None


def _match_day(match: re.Match[str], month_first: bool) -> datetime.date | None:
    found = match.groupdict()
    if found["iy"]:
        return _day(found["iy"], found["im"], found["id"])
    if found["cy"]:
        return _day(found["cy"], found["cm"], found["cd"])
    if found["nm"]:
        return _day(found["ny"], str(month_numbers()[_month_key(found["nm"])]), found["nd"])
    if found["dm"]:
        return _day(found["dy"], str(month_numbers()[_month_key(found["dm"])]), found["dd"])
    first, second, year, sep = found["a"], found["b"] or found["b2"], found["y"] or found["y2"], found["sep"]
    if int(first) > 12 or sep == "." or (not month_first and int(second) <= 12):
        first, second = second, first  # the day came first
    return _day(year, first, second)


def _month_key(name: str) -> str:
    return name.casefold().rstrip(".")


@functools.lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    month = group(frozenset(month_numbers()))
    return re.compile(
        r"(?<![\d.])(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d])"
        r"|(?P<cy>(?:19|20)\d{2})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})"
        rf"|(?<!\w)(?P<nm>{month})\.?\s+(?P<nd>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:at\s+)?(?P<ny>(?:19|20)\d{{2}})(?!\d)"
        rf"|(?<![\w.])(?P<dd>\d{{1,2}})(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<dm>{month})\.?,?\s*(?:de\s+)?"
        r"(?P<dy>(?:19|20)\d{2})(?!\d)"
        r"|(?<![\d.])(?P<a>\d{1,2})(?:(?P<sep>[.-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})"
        r"|/(?P<b2>\d{1,2})/(?P<y2>(?:19|20)?\d{2}))(?![\d])",
        re.I,
    )


@functools.lru_cache(maxsize=1)
def _labels() -> re.Pattern[str]:
    updated, published = group(words("dates", "updated")), group(words("dates", "published"))
    return re.compile(rf"(?<!\w)(?:(?P<updated>{updated})|{published})\b", re.I)


def _is_update(text: str, start: int) -> bool:
    """True when the last label in the 40 characters before a date is an update's ("Updated
    3:00 PM, May 3"), not a publication's ("Updated May 4 | Posted May 3")."""
    labels = list(_labels().finditer(text, max(0, start - 40), start))
    return bool(labels) and labels[-1].group("updated") is not None


def copyright_years(day: str) -> re.Pattern[str] | None:
    """For 1 January, the copyright lines of its year ("© 2024", "Copyright 2019-2024"): a search of
    the page reads such a line as that day, which the page may never state."""
    if not day.endswith("-01-01"):
        return None
    return re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*[-–—]\s*)?{day[:4]}\b", re.I)


def url_day(url: str) -> datetime.date | None:
    """The date in an article's address: /2019/11/18/, /2019-11-18-, /2019/nov/18/."""
    parts = split(url) if url else None
    match = _URL_DATE.search(parts.path) if parts else None
    if not match:
        return None
    year, month, day = match.groups()
    number = int(month) if month.isdigit() else _URL_MONTHS.index(month[:3].lower()) + 1
    return _day(year, str(number), day)


_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:/|[-_])")


def url_agrees(day: str, url: str) -> bool:
    """True when an article's address holds the year and month of `day` (`/2016/05/…`): a day
    found by a search of the page that the address confirms."""
    parts = split(url) if url else None
    match = _URL_MONTH.search(parts.path) if parts else None
    return match is not None and day[:7] == f"{match.group(1)}-{int(match.group(2)):02d}"
