"""Small text measures shared by extraction, the picker and the post: words, tokens, likeness."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

# Han, Hiragana and Katakana do not separate words with spaces: each character counts as a word.
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def tokens(text: str) -> list[str]:
    """Case-folded word tokens of `text`."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def word_count(text: str) -> int:
    """Words in `text`, counting each CJK character as a word."""
    return _count(text) if len(text) <= CACHED_CHARS else len(tokens(text))


@functools.lru_cache(maxsize=8192)
def _count(text: str) -> int:
    """The words of a short text, kept: the rules count the same blocks again and again."""
    return len(tokens(text))


@functools.lru_cache(maxsize=8192)
def similarity(a: str, b: str) -> float:
    """Bag-of-words F1 between two texts: 1.0 for the same words, 0.0 for none in common. Kept for
    the pairs compared again and again (the headline's wordings against the first blocks)."""
    ta, tb = _bag(a), _bag(b)
    if not ta or not tb:
        return 0.0
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    common = sum(min(n, large[w]) for w, n in small.items() if w in large)
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


@functools.lru_cache(maxsize=1024)
def _bag(text: str) -> Counter[str]:
    """The words of `text` counted; kept for the texts compared again and again (the headline's
    wordings against each block of a page). Not to be changed by the caller."""
    return Counter(tokens(text))


_NOT_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Lowercase letters and digits only: "The Guardian" and "theguardian" squash alike."""
    return _NOT_WORD.sub("", text.casefold())


def plain(text: str) -> str:
    """Words only, case folded: a link and a block of the same words compare equal."""
    return _plain(text) if len(text) <= CACHED_CHARS else _NOT_WORD.sub(" ", text).casefold().strip()


CACHED_CHARS = 1000  # a paragraph's text at most: the same short texts are folded again and again


@functools.lru_cache(maxsize=8192)
def _plain(text: str) -> str:
    return _NOT_WORD.sub(" ", text).casefold().strip()
