"""The word lists in the package's data files (data/*.toml), each language in one place, read once
and shared by the rules that need them: furniture labels, byline words, dateline words."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).parent / "data"


@functools.cache
def lists(name: str) -> dict[str, frozenset[str]]:
    """Each section of data/`name`.toml with the words of all its languages together."""
    data = tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
    return {part: frozenset(w for words in data[part].values() for w in words) for part in data}


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of `phrases`, longest first so that "read more" wins over
    "read", with a space matching any run of white space."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


@functools.cache
def byline() -> re.Pattern[str]:
    """A byline at the start of a line: `by` is the by-word ("By", "Written by", "Posted by"),
    `label` a label with its colon ("Author:", "Texto:", "文："), `after` a short name then
    "reporter" (Chinese, Japanese, Korean)."""
    words = lists("bylines")
    return re.compile(
        rf"^((?:(?:{alternation(words['roles'])})\s+)?(?P<by>{_by_words(words)})\s+\S"
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
