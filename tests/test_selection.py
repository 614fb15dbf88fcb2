from __future__ import annotations

import pytest

from clipper.errors import UsageError
from clipper.posts.selection import describe, lead, parse


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("1-3,5", [1, 2, 3, 5]),
        ("5,1-3", [1, 2, 3, 5]),
        ("2", [2]),
        ("4-", [4, 5, 6]),
        ("1 2 3", [1, 2, 3]),
        ("1-2, 2-3", [1, 2, 3]),
    ],
)
def test_parse(spec: str, expected: list[int]) -> None:
    assert parse(spec, 6) == expected


@pytest.mark.parametrize("spec", ["", "0", "7", "3-1", "a", "1-x", "1,,b", "-", "1-9"])
def test_parse_rejects(spec: str) -> None:
    with pytest.raises(UsageError):
        parse(spec, 6)


def test_lead_and_describe() -> None:
    assert lead(4, 10) == [1, 2, 3, 4]
    assert lead(4, 2) == [1, 2]
    with pytest.raises(UsageError):
        lead(0, 5)
    assert describe([1, 2, 3, 5, 7, 8]) == "1-3,5,7-8"
    assert describe([]) == ""


def test_choose_for_scripts() -> None:
    from clipper.posts.selection import choose

    assert choose(6, "2,5") == [2, 5]
    assert choose(3, None, everything=True) == [1, 2, 3]
    with pytest.raises(UsageError):
        choose(2, "2-5")
    assert choose(2, "2-5", clamp=True) == [2]
    with pytest.raises(UsageError, match="only 2 paragraphs"):
        choose(2, "4-5", clamp=True)
