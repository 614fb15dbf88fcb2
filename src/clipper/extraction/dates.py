"""The day an article was first published: what the page states (structured data, meta tags), what
it shows readers under the headline, and the day in its address, weighed against each other."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

from clipper.extraction.days import (
    calendar_day,
    dates_at,
    has_clock,
    is_date,
    is_update,
    read_day,
    timestamp,
    url_day,
    whole_day,
    yearless_days,
)
from clipper.extraction.names import title_parts
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.web.urls import host

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
            near = [d for d in yearless_days(meta.under_headline, day) if abs(d - day) == ONE_DAY]
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
        if is_date(part.strip()):
            return whole_day(part.strip(), month_first)
    return None


def _page_offset(values: list[str]) -> datetime.timedelta | None:
    """The page's own offset from UTC, where any of its timestamps states one other than zero."""
    for value in values:
        found = timestamp(value)
        if found and found[1]:
            return found[1]
    return None


def _local_day(value: str, local: datetime.timedelta | None, month_first: bool) -> tuple[datetime.date | None, bool]:
    """The day of a stated value in the page's own time, and whether it was stated in that time: a
    UTC timestamp moves to the offset the page states elsewhere (22:00 UTC is the next day in Tokyo);
    a day stated without a time is the page's own."""
    found = timestamp(value)
    if found is None:
        return read_day(value, month_first), not has_clock(value)
    moment, offset = found
    if offset:
        return moment.date(), True
    if offset is not None and local is not None:
        return (moment + local).date(), True
    return calendar_day(str(moment.year), str(moment.month), str(moment.day)), False


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


def shown_day(meta: PageMeta, month_first: bool = True) -> tuple[datetime.date | None, datetime.date | None]:
    """The first date readers see under the headline that is not an update ("Updated May 3") nor a
    date in a sentence ("…spoke on March 1"); and the first update shown."""
    text = meta.under_headline
    update = None
    for start, end, found in dates_at(text, month_first):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if start - line_start > DATELINE_LEAD and _is_sentence(line):
            continue  # a date further into a sentence is what the article speaks of
        if found and is_update(text, start):
            update = update or found
        elif found:
            return found, update
    return None, update


def _time_day(meta: PageMeta, month_first: bool = True) -> datetime.date | None:
    """The day of the first <time> element under the headline that is no update's."""
    for value, at in zip(meta.times, meta.time_at, strict=True):
        day = read_day(value, month_first)
        if day and not is_update(meta.under_headline, at):
            return day
    return None


def _is_sentence(line: str) -> bool:
    words = len(line.split())
    return words > DATELINE_WORDS or (words >= 8 and line.endswith((".", "!", "?")))
