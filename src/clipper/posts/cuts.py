"""Quotes cut down by the editor: what was left out of a paragraph is marked `[…]`, as an editor
marks an elision in print, and the marked quote is found again in its source piece by piece."""

from __future__ import annotations

import difflib
import re

ELISION = "[…]"
_ELISION = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")
_TOKEN = re.compile(r"\S+|\n")


def _bare(word: str) -> str:
    return word.rstrip(".,;:!?…")


def _join(tokens: list[str]) -> str:
    return re.sub(r" ?\n ?", "\n", " ".join(tokens)).strip()


def mark_cuts(original: str, edited: str) -> str:
    """`edited` with `[…]` where words of `original` were left out, when the editor only took words
    away (at the start, inside, at the end). Text the editor rewrote is returned as they wrote it."""
    source, kept = _TOKEN.findall(original), _TOKEN.findall(edited)
    words = [t for t in kept if t != "\n"]
    if not words or words == [t for t in source if t != "\n"]:
        return edited
    # Words compare without their closing punctuation: ending a cut sentence with a full stop is a cut.
    bare = [_bare(t) for t in source if t != "\n"]
    matcher = difflib.SequenceMatcher(a=bare, b=[_bare(w) for w in words], autojunk=False)
    parts: list[str] = []
    for op, _, _, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.extend(words[j1:j2])
        elif op == "delete":
            if not parts or parts[-1] != ELISION:
                parts.append(ELISION)
        else:
            return edited  # words were added or changed: the editor's own wording, not a cut
    return _join(parts) if "\n" not in edited else _with_breaks(parts, kept)


def _with_breaks(parts: list[str], kept: list[str]) -> str:
    """The marked words with the editor's line breaks where they left them."""
    breaks_after = set()
    count = 0
    for token in kept:
        if token == "\n":
            breaks_after.add(count)
        else:
            count += 1
    out: list[str] = []
    count = 0
    for part in parts:
        out.append(part)
        if part != ELISION:
            count += 1
            if count in breaks_after:
                out.append("\n")
    return _join(out)


def rewritten(original: str, edited: str) -> str | None:
    """A word diff ([-…-] {+…+}) when `edited` changes or adds words of `original`, not only takes
    some away; None for a cut."""
    words, bare = [t for t in _TOKEN.findall(edited) if t != "\n"], [_bare(t) for t in original.split()]
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=bare, b=[_bare(w) for w in words], autojunk=False
    ).get_opcodes():
        if op in ("replace", "insert"):
            removed = f"[-{' '.join(original.split()[i1:i2])}-] " if i2 > i1 else ""
            changes.append(f"{removed}{{+{' '.join(words[j1:j2])}+}}")
    return " ".join(changes) or None


def pieces(quote: str) -> list[str]:
    """The runs of a quote's own words between its `[…]` marks."""
    return [p for p in (part.strip() for part in _ELISION.split(quote)) if p]
