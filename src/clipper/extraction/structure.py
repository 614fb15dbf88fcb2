"""What the page's own markup says about the article's blocks, read where trafilatura's text leaves
doubt: the lines of a code listing.
"""

from __future__ import annotations

import re

from lxml import etree

from clipper.extraction.article import Block

# Elements that set a line of their own inside a listing; a span does when its class says "line".
_LINE_TAGS = {"div", "p", "li", "tr", "dd", "dt"}
_LINE_CLASS = re.compile(r"(?<![a-z])(line|code-?line|cl)(?![a-z])", re.I)
_GUTTER_CLASS = re.compile(r"(?<![a-z])(gutter|line-?numbers?|lineno|linenos|ln-?num)(?![a-z])", re.I)
_SPACE = re.compile(r"\s+")


def with_code_lines(tree: etree._Element, blocks: list[Block]) -> list[Block]:
    """Code listings with their lines. A listing that sets each line as an element of its own
    (`<span class="line">`, a `<div>` a line) and no newline comes out of trafilatura run together
    ("// add.c#include <emscripten.h>"), one with its line numbers in a gutter with them; the
    page's `<pre>` with the same characters gives the lines."""
    if not any(b.kind in ("code", "quote") for b in blocks):
        return blocks
    listings: dict[str, str] = {}
    for pre in tree.iter("pre"):
        lines = listing_lines(pre)
        if "\n" in lines:  # keyed by every character trafilatura may have kept, line numbers too
            listings.setdefault(_SPACE.sub("", "".join(pre.itertext())), lines)
    if not listings:
        return blocks
    fixed = []
    for block in blocks:
        found = listings.get(_SPACE.sub("", block.text)) if block.kind in ("code", "quote") else None
        fixed.append(Block("code", found) if found else block)
    return fixed


def listing_lines(pre: etree._Element) -> str:
    """The text of a `<pre>` with its lines: its own newlines, `<br>`, and a new line for each
    element that sets one; line numbers in a gutter left out."""
    pieces: list[str] = []

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str) or _GUTTER_CLASS.search(el.get("class") or ""):
            return
        if el.tag == "br":
            pieces.append("\n")
        own_line = el is not pre and (el.tag in _LINE_TAGS or bool(_LINE_CLASS.search(el.get("class") or "")))
        if own_line and "".join(pieces[-3:]).rstrip(" \t")[-1:] not in ("\n", ""):
            pieces.append("\n")
        pieces.append(el.text or "")
        for child in el:
            walk(child)
            pieces.append(child.tail or "")
        if own_line:
            pieces.append("\n")

    walk(pre)
    lines = "".join(pieces).strip("\n").split("\n")
    return "\n".join(line.rstrip() for line in lines)
