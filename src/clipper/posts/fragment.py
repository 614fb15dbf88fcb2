"""Text fragments: a link whose address ends `#:~:text=…` opens the page scrolled to those words, and
marks them (the WICG's Text Fragments, followed by Chromium-based browsers, Safari 16.1+ and Firefox
131+; others open the page at its top). clipper makes one from the words where a quote stops."""

from __future__ import annotations

import re
from urllib.parse import quote

WORDS = 6  # enough to be found once in an article, few enough that small differences do not spoil it
# The characters a text directive may hold as they are (TextDirectiveExplicitChar, besides letters
# and digits); every other one is percent-encoded, `-`, `&` and `,` first, which separate its parts.
_EXPLICIT = "!$'()*+./:;=?@_~"
# Scripts written without spaces between words (Chinese, Japanese, Thai): there a passage is cut at
# punctuation, where a browser sees a word end too.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_AFTER_CLAUSE = re.compile(r"(?<=[、。，．！？；：])")


def first_words(text: str) -> str:
    """The words a paragraph begins with (in its first line: a browser looks within one block)."""
    line = text.strip().split("\n", 1)[0].strip()
    words = line.split()
    if words and _UNSPACED.search(words[0]):
        return next((c for c in _AFTER_CLAUSE.split(words[0]) if c.strip()), words[0])
    return " ".join(words[:WORDS])


def last_words(text: str) -> str:
    """The words a paragraph ends with (in its last line)."""
    line = text.strip().rsplit("\n", 1)[-1].strip()
    words = line.split()
    if words and _UNSPACED.search(words[-1]):
        return next((c for c in reversed(_AFTER_CLAUSE.split(words[-1])) if c.strip()), words[-1])
    return " ".join(words[-WORDS:])


def directive(text: str) -> str:
    """`text` as the text directive's one string: percent-encoded as its syntax requires."""
    return quote(" ".join(text.split()), safe=_EXPLICIT).replace("-", "%2D")


def link(url: str, text: str) -> str:
    """`url` opening at `text`: after the page's own fragment, if it has one."""
    return f"{url}{':~:' if '#' in url else '#:~:'}text={directive(text)}"
