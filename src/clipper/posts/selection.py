"""Which paragraphs to quote: parsing `1-3,5` and the default lead."""

from __future__ import annotations

import re

from clipper.errors import UsageError

_PART = re.compile(r"^(\d+)?\s*(-)?\s*(\d+)?$")


def parse(spec: str, total: int, unit: str = "paragraphs", whole: str = "the article") -> list[int]:
    """Paragraph numbers (1-based, ascending, unique) from a spec like `1-3,5` or `4-`.

    An open range (`4-`) runs to the last paragraph. Raises UsageError naming the bad part (and the
    `unit` counted in the `whole`, for a list of other things: the headlines of a pull).
    """
    numbers: set[int] = set()
    parts = [p.strip() for p in spec.replace(" ", ",").split(",") if p.strip()]
    if not parts:
        raise UsageError(f"no {unit} in selection {spec!r}; use numbers like 1-3,5")
    for part in parts:
        match = _PART.match(part)
        if not match or not (match.group(1) or match.group(3)) or (match.group(3) and not match.group(2)):
            raise UsageError(f"bad selection {part!r}; use numbers and ranges like 1-3,5")
        first = int(match.group(1) or 1)
        last = int(match.group(3) or total) if match.group(2) else first
        if first < 1 or last < 1:
            raise UsageError(f"selection {part!r}: {unit} are numbered from 1")
        if first > total or last > total:
            raise UsageError(f"selection {part!r} is out of range: {whole} has {total} {unit}")
        if first > last:
            raise UsageError(f"bad range {part!r}: {first} is after {last}")
        numbers.update(range(first, last + 1))
    return sorted(numbers)


def lead(count: int, total: int) -> list[int]:
    """The first `count` paragraphs (all of them when the article is shorter)."""
    if count < 1:
        raise UsageError(f"--lead must be at least 1, not {count}")
    return list(range(1, min(count, total) + 1))


def choose(total: int, pick: str | None, everything: bool = False, clamp: bool = False) -> list[int]:
    """The paragraphs a non-interactive grab quotes when it is not the lead: all of them, or `pick`.
    With `clamp` (a batch, where one selection serves articles of any length) a pick beyond the
    article quotes what there is of it."""
    if everything or pick is None:
        return list(range(1, total + 1))
    if not clamp:
        return parse(pick, total)
    kept = [n for n in parse(pick, 10_000) if n <= total]
    if not kept:
        raise UsageError(f"--pick {pick}: the article has only {total} paragraphs")
    return kept


def describe(numbers: list[int]) -> str:
    """The compact form of a selection: [1, 2, 3, 5] -> '1-3,5'."""
    out: list[str] = []
    start = prev = None
    for n in numbers:
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}-{prev}" if start != prev else f"{start}")
            start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else f"{start}")
    return ",".join(out)
