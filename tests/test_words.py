"""The word lists of the package's data files: checked when they are read, matched as text."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from clipper.extraction import words
from clipper.extraction.words import DataError, Phrases, checked, fold, load

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.mark.parametrize("name", sorted(words.TABLES))
def test_every_data_file_reads_as_its_readers_expect(name: str) -> None:
    data = load(name)
    assert set(data) == set(words.TABLES[name])


def furniture() -> dict[str, Any]:
    """A copy of data/furniture.toml as written, to spoil."""
    data: dict[str, Any] = tomllib.loads((words.DATA / "furniture.toml").read_text(encoding="utf-8"))
    return data


def test_an_unknown_table_is_an_error_when_the_file_is_read() -> None:
    data = furniture()
    data["lables"] = {"en": ["advertisement"]}
    with pytest.raises(DataError, match=r"data/furniture.toml: unknown table \[lables\]"):
        checked("furniture", data)


def test_a_missing_table_is_an_error_when_the_file_is_read() -> None:
    data = furniture()
    del data["labels"]
    with pytest.raises(DataError, match=r"no table \[labels\]"):
        checked("furniture", data)


def test_a_word_twice_in_one_language_is_an_error() -> None:
    data = furniture()
    data["labels"]["de"].append("anzeige")
    with pytest.raises(DataError, match=r"\[labels\] de: 'anzeige' twice"):
        checked("furniture", data)


def test_the_same_word_in_two_languages_is_no_error() -> None:
    data = furniture()
    data["labels"]["nl"].append("reklama")  # Czech and Dutch alike
    assert checked("furniture", data) is data


@pytest.mark.parametrize(
    ("entry", "why"),
    [("Anzeige", "not in lower case"), ("  anzeige", "not a word or phrase"), ("", "not a word or phrase")],
)
def test_a_word_the_matchers_cannot_match_is_an_error(entry: str, why: str) -> None:
    data = furniture()
    data["labels"]["de"].append(entry)
    with pytest.raises(DataError, match=why):
        checked("furniture", data)


def test_a_table_of_another_shape_is_an_error() -> None:
    data = furniture()
    data["labels"]["de"] = "anzeige"
    with pytest.raises(DataError, match=r"\[labels\] de: not a list"):
        checked("furniture", data)
    dates: dict[str, Any] = tomllib.loads((words.DATA / "dates.toml").read_text(encoding="utf-8"))
    dates["months"]["en"]["smarch"] = "thirteen"
    with pytest.raises(DataError, match="not a table of words and numbers"):
        checked("dates", dates)


def test_phrases_match_without_regard_to_case_or_to_the_space_between_words() -> None:
    found = Phrases(["read", "read more", "continue reading"])
    text = "READ  More: the council votes"
    assert list(found.ends(fold(text), 0)) == [10, 4]  # the longest first, as an alternation tries them
    assert list(found.opening("» Continue\nreading")) == [18]
    assert list(found.ends(fold("Ready"), 0)) == [4]  # what may follow is the caller's to say


def test_phrases_standing_as_words_of_their_own() -> None:
    found = Phrases(["newsletter", "sign up"])
    assert list(found.spans("Sign up for our newsletter.")) == [(0, 7), (16, 26)]
    assert list(found.spans("newsletters and signups")) == []
    assert found.first_word("A weekly newsletter") == 9
    assert list(found.ending("Get the newsletter\n")) == [8]
