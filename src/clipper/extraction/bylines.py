"""How a byline opens, in the words of data/bylines.toml: "By Jane Doe", "Posted by Jo Lee", "Texto:
João Silva", "张三 记者". Read where a byline is told from the article above it (kinds.is_byline) and
where a stated author's name is cleaned of what stands before it (author_names, authors).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Literal

from clipper.extraction.words import Phrases, boundary, fold, phrases, skip, words

Opening = Literal["by", "label", "after"]


def opening(text: str) -> tuple[Opening, int] | None:
    """How `text` opens as a byline, and where its names start: "by" after a by-word ("By", "Written
    by", "Posted by"), "label" for a label with its colon ("Author:", "Texto:", "文："), "after" for a
    short name then "reporter" (Chinese, Japanese, Korean); None when it does not."""
    folded = fold(text)
    for start in (*_after(phrases("bylines", "roles", "other_roles"), text, folded, 0), 0):
        for end in _by_words(text, folded, start):
            names = skip(text, end)
            if end < names < len(text):
                return "by", names
    for end in phrases("bylines", "labels").ends(folded, 0):
        colon = skip(text, end)
        if colon < len(text) and text[colon] in ":：":
            return "label", colon
    for at in phrases("bylines", "after").ending(text, folded):
        name = text[:at].rstrip()
        if 2 <= len(name) <= 4 and not any(ch.isspace() for ch in name):
            return "after", at
    return None


def prefix_end(text: str) -> int | None:
    """Where the names start after what stands before them in a byline ("By ", "Analysis by ",
    "Words: ", "Текст "), or None when nothing does."""
    return next((_colon_after(text, core) for core in _prefixes(text, fold(text))), None)


def without_prefix(text: str) -> str:
    """`text` without what stands before the names in a byline, to be taken off an author's name."""
    end = prefix_end(text)
    return text if end is None else text[end:]


def only_prefix(text: str) -> bool:
    """True when `text` is nothing but what stands before the names ("By", "Von:")."""
    return any(_colon_after(text, core) == len(text) for core in _prefixes(text, fold(text)))


def _prefixes(text: str, folded: str) -> Iterator[int]:
    """The ends of a role and by-word ("Analysis by") or of a label ("Words") opening `text`, each
    at a word's end, in the order they are tried."""
    start = skip(text, 0)
    for at in (*_after(phrases("bylines", "roles"), text, folded, start), start):
        yield from (end for end in _by_words(text, folded, at) if boundary(text, end))
    yield from (end for end in phrases("bylines", "labels").ends(folded, start) if boundary(text, end))


def _colon_after(text: str, at: int) -> int:
    at = skip(text, at)
    if at < len(text) and text[at] in ":：":
        at = skip(text, at + 1)
    return at


def _after(roles: Phrases, text: str, folded: str, at: int) -> Iterator[int]:
    """Where the word after each role that stands at `at` starts ("Written" then "by")."""
    for end in roles.ends(folded, at):
        word = skip(text, end)
        if word > end:
            yield word


def _by_words(text: str, folded: str, at: int) -> Iterator[int]:
    """The ends of the by-words at `at`; one that also opens surnames ("De Vries", "Von Trier") only
    before two words or more."""
    yield from _plain().ends(folded, at)
    for end in _particles().ends(folded, at):
        first = skip(text, end)
        rest = skip(text, first, lambda ch: not ch.isspace())
        second = skip(text, rest)
        if first > end and rest > first and rest < second < len(text):
            yield end


@functools.cache
def _plain() -> Phrases:
    return Phrases(words("bylines", "by") - words("bylines", "particles"))


@functools.cache
def _particles() -> Phrases:
    return Phrases(words("bylines", "by") & words("bylines", "particles"))
