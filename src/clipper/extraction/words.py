"""The word lists of the package's data files (data/*.toml), each language in one place: read once,
checked as they are read (an unknown or missing table, a word twice in one list, a word not in
lower case is an error then, not at first use), and matched as text by `Phrases`: a look-up by
first character, not a regular expression of hundreds of alternatives, which costs more to build
than a page costs to read."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).parent / "data"

# How a table holds its entries: "words", each language a list of words or phrases in lower case;
# "numbers", each language a table of words and their numbers (the months); "lists", named lists
# of words or marks as they are written; "names", keys and the names they give (the known sites).
Shape = Literal["words", "numbers", "lists", "names"]


def _words(*tables: str) -> dict[str, Shape]:
    return dict.fromkeys(tables, "words")


TABLES: dict[str, dict[str, Shape]] = {
    "furniture": _words(
        "openers", "labels", "share", "share_buttons", "notices", "topics", "link_labels", "pictures",
        "credit_links", "caption_openers", "gallery", "promo", "calls", "prompts", "minutes", "reading_time",
        "pros", "cons", "credit_marks", "promo_marks", "byline_classes", "furniture_classes", "class_negations",
    ),
    "bylines": _words(
        "by", "particles", "roles", "other_roles", "labels", "after", "joiners", "initial_joiners", "dateline_by",
    ),
    "dates": {"months": "numbers", **_words("weekdays", "fillers", "updated", "published", "byline_date_words")},
    "authors": {
        **_words("job", "job_words", "not_a_name", "social", "follow", "credentials"),
        "trailing_date": "lists",
    },
    "names": {
        "separators": "lists",
        **_words(
            "legal", "organisation", "platform_credit", "generic", "logo", "logo_linking", "opinion",
            "opinion_sections", "small_words", "name_particles", "rights",
        ),
    },
    "sites": {"sites": "names"},
}  # fmt: skip


class DataError(ValueError):
    """A data file of the package that is not as its readers expect."""


@functools.cache
def load(name: str) -> dict[str, Any]:
    """data/`name`.toml as it is written, checked (read once)."""
    data: dict[str, Any] = tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
    return checked(name, data)


def checked(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """`data` as data/`name`.toml holds it, or DataError naming the first table that is not as TABLES
    declares it: unknown, missing, of another shape, with a word twice in one language's list or a
    word that is not in lower case (the words are matched without regard to case)."""
    where = f"data/{name}.toml"
    declared = TABLES.get(name)
    if declared is None:
        raise DataError(f"{where}: no such data file")
    for table in data:
        if table not in declared:
            raise DataError(f"{where}: unknown table [{table}]")
    for table, shape in declared.items():
        if table not in data:
            raise DataError(f"{where}: no table [{table}]")
        for part, entries in _parts(where, table, data[table]):
            _check(f"{where} [{table}] {part}", shape, entries)
    return data


def _parts(where: str, table: str, value: Any) -> Iterator[tuple[str, Any]]:
    if not isinstance(value, dict) or not value:
        raise DataError(f"{where}: [{table}] is not a table of entries")
    yield from value.items()


def _check(where: str, shape: Shape, entries: Any) -> None:
    if shape == "names":
        if not isinstance(entries, str) or not entries.strip():
            raise DataError(f"{where}: not a name")
        return
    if shape == "numbers":
        if not isinstance(entries, dict) or not all(isinstance(n, int) for n in entries.values()):
            raise DataError(f"{where}: not a table of words and numbers")
        words: list[Any] = list(entries)
    else:
        if not isinstance(entries, list):
            raise DataError(f"{where}: not a list")
        words = entries
    seen: set[str] = set()
    for word in words:
        if not isinstance(word, str) or not word or word != " ".join(word.split()):
            raise DataError(f"{where}: {word!r} is not a word or phrase")
        if shape != "lists" and word != word.lower():
            raise DataError(f"{where}: {word!r} is not in lower case")
        if word in seen:
            raise DataError(f"{where}: {word!r} twice")
        seen.add(word)


@functools.cache
def words(name: str, *tables: str) -> frozenset[str]:
    """Every entry (a word or a phrase) of `tables` of data/`name`.toml, all languages together."""
    data = load(name)
    return frozenset(w for table in tables for entries in data[table].values() for w in entries)


@functools.cache
def phrases(name: str, *tables: str) -> Phrases:
    """The entries of `tables` of data/`name`.toml, all languages together, to be matched as text."""
    return Phrases(words(name, *tables))


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation -> 1..12, in every language of data/dates.toml."""
    found: dict[str, int] = {}
    for months in load("dates")["months"].values():
        for spelling, number in months.items():
            found.setdefault(spelling, number)
    return found


def is_word(ch: str) -> bool:
    """True for a character of a word, as `\\w` has it: a letter, a digit or "_"."""
    return ch.isalnum() or ch == "_"


def fold(text: str) -> str:
    """`text` in lower case, one character for one (what a case-blind match compares): "İ" is "i"."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)


def boundary(text: str, at: int, end: int | None = None) -> bool:
    """True where a word starts or ends at `at` (`\\b`), `end` standing for the end of the text."""
    end = len(text) if end is None else end
    before = at > 0 and is_word(text[at - 1])
    return before != (at < end and is_word(text[at]))


def at_end(text: str, at: int) -> bool:
    """True at the end of `text`, or before a newline that ends it (`$`)."""
    return at == len(text) or (at == len(text) - 1 and text[at] == "\n")


def skip(text: str, at: int, kind: Callable[[str], bool] = str.isspace) -> int:
    """Where the run of characters of `kind` (white space) that starts at `at` ends."""
    while at < len(text) and kind(text[at]):
        at += 1
    return at


_WORD_START = re.compile(r"(?<!\w)\w")


def _no_word(ch: str) -> bool:
    return not is_word(ch)


class Phrases:
    """A list of words and phrases matched as text, without regard to case: any run of white space
    stands between a phrase's words. Entries are looked up by their first character."""

    def __init__(self, entries: Iterable[str]) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        # longest first, as an alternation of regular expressions tries them
        for entry in sorted(set(entries), key=len, reverse=True):
            parts = tuple(entry.split())
            by_first.setdefault(parts[0][0], []).append(parts)
        self._by_first = by_first
        self._words_first = all(map(is_word, by_first))  # every entry opens with a word's character

    def ends(self, folded: str, at: int, end: int | None = None) -> Iterator[int]:
        """Where each entry that stands at `at` of `folded` (a text as fold() gives it) ends, the
        longest entry first; `end` stands for the end of the text."""
        end = len(folded) if end is None else end
        if at >= end:
            return
        for parts in self._by_first.get(folded[at], ()):
            pos = at
            for n, part in enumerate(parts):
                if n:
                    after = skip(folded, pos)
                    if after == pos:
                        break
                    pos = after
                if not folded.startswith(part, pos, end):
                    break
                pos += len(part)
            else:
                yield pos

    def opening(self, text: str, folded: str | None = None, lead_in: Callable[[str], bool] = _no_word) -> Iterator[int]:
        """The ends of the entries that open `text` after a run of `lead_in` characters (no word's),
        for each split of that run, the longest run first."""
        folded = fold(text) if folded is None else folded
        for start in range(skip(text, 0, lead_in), -1, -1):
            yield from self.ends(folded, start)

    def spans(self, text: str, folded: str | None = None) -> Iterator[tuple[int, int]]:
        """Each entry that stands in `text` as words of their own (`(?<!\\w)entry(?!\\w)`), as
        (start, end), left to right; overlapping ones too."""
        folded = fold(text) if folded is None else folded
        for at in self._word_starts(text):
            for end in self.ends(folded, at):
                if end == len(text) or not is_word(text[end]):
                    yield at, end

    def first_word(self, text: str, folded: str | None = None) -> int | None:
        """Where the first entry that stands in `text` between word boundaries (`\\bentry\\b`) starts."""
        folded = fold(text) if folded is None else folded
        starts = self._word_starts(text) if self._words_first else range(len(text))
        for at in starts:
            if boundary(text, at) and any(boundary(text, end) for end in self.ends(folded, at)):
                return at
        return None

    def _word_starts(self, text: str) -> Iterator[int]:
        """The places in `text` that no word's character precedes where an entry may open: where a
        word starts, when every entry opens with a word's character."""
        if self._words_first:
            return (found.start() for found in _WORD_START.finditer(text))
        return (at for at in range(len(text)) if not (at and is_word(text[at - 1])))

    def ending(self, text: str, folded: str | None = None) -> Iterator[int]:
        """Where each entry that ends `text` (or stands before the newline that ends it) starts."""
        folded = fold(text) if folded is None else folded
        for at in range(len(text)):
            if any(at_end(text, end) for end in self.ends(folded, at)):
                yield at


# Han, Hiragana, Katakana, Hangul and their punctuation: scripts that set no spaces around separators
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3000-\u303f\uff01-\uff60"
_CJK_RANGES = (
    (0x3000, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFF01, 0xFF60),
)


def is_cjk(ch: str) -> bool:
    """True for a character of the scripts of CJK (a character class of them costs milliseconds to
    build as a regular expression)."""
    code = ord(ch)
    return code >= 0x3000 and any(low <= code <= high for low, high in _CJK_RANGES)


def has_cjk(text: str) -> bool:
    """True when `text` holds a character of CJK."""
    return bool(text) and max(text) >= "\u3000" and any(map(is_cjk, text))
