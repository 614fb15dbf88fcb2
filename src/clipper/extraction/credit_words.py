"""The word lists the credits are read with, shipped as data, each language in one place: the
months (data/dates.toml), what is not an author's name (data/authors.toml), and the parts of
titles and publication names (data/names.toml)."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Han, Hiragana, Katakana, Hangul and their punctuation: scripts that set no spaces around separators
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3000-\u303f\uff01-\uff60"


@functools.cache
def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((Path(__file__).parent / "data" / f"{name}.toml").read_text(encoding="utf-8"))
    return data


def words(name: str, table: str) -> frozenset[str]:
    """Every entry (a word or a phrase) of one table of data/`name`.toml, all languages together."""
    return frozenset(entry for entries in _load(name)[table].values() for entry in entries)


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month name or abbreviation -> 1..12, in every language of data/dates.toml."""
    found: dict[str, int] = {}
    for months in _load("dates")["months"].values():
        for spelling, number in months.items():
            found.setdefault(spelling, number)
    return found


def alternation(entries: frozenset[str]) -> str:
    """A regex group matching any of `entries`, longest first; a space in one matches any whitespace."""
    ordered = sorted(entries, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, e.split())) for e in ordered) + ")"


@functools.cache
def separators(*, in_names: bool = False) -> re.Pattern[str]:
    """Where a title splits into parts ("Headline | Site", "标题_频道_网站"), or with `in_names` a
    publication's name ("Mozilla Hacks – the Web developer blog"), whose own words may hold a "_"."""
    table = _load("names")["separators"]
    spaced = "|".join(map(re.escape, sorted(table["spaced"], key=len, reverse=True)))
    bare = "".join(map(re.escape, table["bare"]))
    cjk = "".join(map(re.escape, table["cjk"]))
    pattern = rf"\s+(?:{spaced})(?:\s+|$)|\s*[{bare}]\s*"
    if not in_names:
        pattern += rf"|(?<=[{CJK}])\s*[{cjk}]\s*|\s*[{cjk}]\s*(?=[{CJK}])"
    return re.compile(pattern)
