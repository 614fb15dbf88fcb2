"""The lead's measures, as the evaluation harness defines them (`../shared/eval/README.md`): lines,
tokens, lead3 (the first three lines are the article's first three, each with a bag-of-tokens F1
of 0.9) and clean5 (each of the first five lines is at least 80% covered by 3-token runs of the
article's text)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3005\u3006\u3007"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
LEAD_F1 = 0.9
CLEAN_MIN = 0.8
SHORT = 4  # tokens


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE).casefold())


def lines_of(paragraphs: list[str]) -> list[str]:
    """Non-empty lines with a token, white space collapsed."""
    out = []
    for paragraph in paragraphs:
        for line in str(paragraph).split("\n"):
            line = " ".join(line.split())
            if line and tokens(line):
                out.append(line)
    return out


def f1(a: list[str], b: list[str]) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


@dataclass
class Truth:
    openings: list[list[str]]  # the body's lines, and each other accepted opening's
    grams: dict[int, set[tuple[str, ...]]]
    summary: list[str]  # lines of the body that an accepted opening leaves out (a standfirst)

    @classmethod
    def of(cls, truth: dict[str, Any]) -> Truth:
        body = lines_of(truth.get("body_paragraphs") or [])
        others = [lines_of(alt) for alt in truth.get("lead_alternatives") or []]
        toks = tokens("\n".join(body))
        grams = {n: {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)} for n in (1, 2, 3)}
        summary = [line for line in body[:3] if others and all(line not in alt for alt in others)]
        return cls([body, *others], grams, summary)

    def holds(self, line: str) -> bool:
        """True for a line of the article's text: one of its lines when it is short (a word or two
        are in any article), else mostly made of its 3-token runs."""
        toks = tokens(line)
        if len(toks) < SHORT:
            return any(f1(toks, tokens(t)) >= LEAD_F1 for t in self.openings[0])
        return contained(line, self.grams)

    def is_summary(self, line: str) -> bool:
        return any(f1(tokens(line), tokens(s)) >= LEAD_F1 for s in self.summary)


def contained(line: str, grams: dict[int, set[tuple[str, ...]]]) -> bool:
    toks = tokens(line)
    if not toks:
        return True
    k = min(3, len(toks))
    covered = [False] * len(toks)
    for i in range(len(toks) - k + 1):
        if tuple(toks[i : i + k]) in grams[k]:
            for j in range(i, i + k):
                covered[j] = True
    return sum(covered) / len(toks) >= CLEAN_MIN


def lead3(lines: list[str], truth: Truth) -> bool:
    for opening in truth.openings:
        k = min(3, len(opening))
        if k and len(lines) >= k and all(f1(tokens(lines[i]), tokens(opening[i])) >= LEAD_F1 for i in range(k)):
            return True
    return False


def clean5(lines: list[str], truth: Truth) -> bool:
    return bool(lines) and all(contained(line, truth.grams) for line in lines[:5])
