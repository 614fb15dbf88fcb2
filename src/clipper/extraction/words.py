"""The word lists in the package's data files (data/*.toml), each language in one place, read once
and shared by the rules that need them: furniture labels, byline words, months and dateline words,
what is not an author's name, the parts of titles and publication names."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).parent / "data"
# Han, Hiragana, Katakana, Hangul and their punctuation: scripts that set no spaces around separators
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3000-\u303f\uff01-\uff60"


@functools.cache
def load(name: str) -> dict[str, Any]:
    """data/`name`.toml as it is written (read once)."""
    data: dict[str, Any] = tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
    return data


@functools.cache
def lists(name: str) -> dict[str, frozenset[str]]:
    """Each section of data/`name`.toml with the words of all its languages together."""
    data = load(name)
    return {part: frozenset(w for words in data[part].values() for w in words) for part in data}


def words(name: str, table: str) -> frozenset[str]:
    """Every entry (a word or a phrase) of one table of data/`name`.toml, all languages together."""
    return lists(name)[table]


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation -> 1..12, in every language of data/dates.toml."""
    found: dict[str, int] = {}
    for months in load("dates")["months"].values():
        for spelling, number in months.items():
            found.setdefault(spelling, number)
    return found


@functools.cache
def separators(*, in_names: bool = False) -> re.Pattern[str]:
    """Where a title splits into parts ("Headline | Site", "标题_频道_网站"), or with `in_names` a
    publication's name ("Mozilla Hacks – the Web developer blog"), whose own words may hold a "_"."""
    table = load("names")["separators"]
    spaced = "|".join(map(re.escape, sorted(table["spaced"], key=len, reverse=True)))
    bare = "".join(map(re.escape, table["bare"]))
    cjk = "".join(map(re.escape, table["cjk"]))
    pattern = rf"\s+(?:{spaced})(?:\s+|$)|\s*[{bare}]\s*"
    if not in_names:
        pattern += rf"|(?<=[{CJK}])\s*[{cjk}]\s*|\s*[{cjk}]\s*(?=[{CJK}])"
    return re.compile(pattern)


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of `phrases`, longest first so that "read more" wins over
    "read", with a space matching any run of white space."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


def group(phrases: Iterable[str]) -> str:
    """The alternation of `phrases` as one group, to stand in a larger expression."""
    return f"(?:{alternation(phrases)})"


@functools.cache
def byline() -> re.Pattern[str]:
    """A byline at the start of a line: `by` is the by-word ("By", "Written by", "Posted by"),
    `label` a label with its colon ("Author:", "Texto:", "文："), `after` a short name then
    "reporter" (Chinese, Japanese, Korean)."""
    words = lists("bylines")
    return re.compile(
        rf"^((?:(?:{alternation(words['roles'] | words['other_roles'])})\s+)?(?P<by>{_by_words(words)})\s+\S"
        rf"|(?P<label>{alternation(words['labels'])})\s*[:：]"
        rf"|^\S{{2,4}}\s*(?P<after>{alternation(words['after'])})$)",
        re.I,
    )


@functools.cache
def byline_prefix() -> re.Pattern[str]:
    """What stands before the names in a byline ("By ", "Analysis by ", "Words: ", "Текст "), to be
    taken off an author's name."""
    words = lists("bylines")
    return re.compile(
        rf"^\s*(((?:{alternation(words['roles'])})\s+)?(?:{_by_words(words)})\b|(?:{alternation(words['labels'])})\b)"
        r"\s*[:：]?\s*",
        re.I,
    )


def _by_words(words: dict[str, frozenset[str]]) -> str:
    """The by-words; one that also opens surnames ("De Vries") only before two words or more."""
    plain = words["by"] - words["particles"]
    particles = words["by"] & words["particles"]
    return f"{alternation(plain)}|(?:{alternation(particles)})(?=\\s+\\S+\\s+\\S)"
