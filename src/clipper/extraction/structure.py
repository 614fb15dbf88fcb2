"""What the page's own markup says about the article's blocks, read where trafilatura's text leaves
doubt: the lines of a code listing, the element that holds a block's text, and what stands before
it in the page.
"""

from __future__ import annotations

import bisect
import itertools
import re
import weakref
from typing import Any

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


# Elements that make a block of text of their own; the others are inline, part of their block's text.
BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "dd", "dt", "figcaption", "section",
    "article", "header", "footer", "aside", "figure", "ul", "ol", "dl", "table", "tr", "tbody", "thead", "main", "pre",
    "center", "nav", "form", "address", "details", "summary",
})  # fmt: skip
# Elements whose text is never the article's: scripts, forms, media.
UNREAD_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "button", "select", "option", "iframe", "object", "video",
    "audio", "canvas", "input", "textarea", "label",
})  # fmt: skip
ASIDE_TAGS = frozenset(["figure", "figcaption", "aside", "nav", "footer", "form", "header"])
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SUBHEADINGS = HEADINGS[1:]  # the headings within an article, under its headline


def locate(tree: etree._Element, text: str) -> etree._Element | None:
    """The page's block element that holds the block `text`: the innermost one whose text starts with
    the block's first words. None when the page does not show it (a stated body, a glitch)."""
    found = _texts(tree).located
    if text not in found:
        found[text] = _locate(tree, text)
    return found[text]


def _locate(tree: etree._Element, text: str) -> etree._Element | None:
    words = text.split()
    head = " ".join(words[:8])[:40]
    return next((node for node in _holders(tree, words[:6]) if _text(node)[: len(head) * 3].find(head) >= 0), None)


def once(tree: etree._Element, text: str) -> bool:
    """True when the page shows `text` (its first words) in one place only."""
    words = text.split()[:8]
    probe = " ".join(words)
    return sum(1 for node in _holders(tree, words) if probe in _text(node)) <= 1


HOLDERS_MAX = 60


def _holders(tree: etree._Element, words: list[str]) -> list[etree._Element]:
    """The block elements, in page order and each once, that hold the longest of `words` in their
    own text or in an inline element of theirs (a link): where those words may stand."""
    if not words:
        return []
    found: dict[int, etree._Element] = {}
    for hit in _texts(tree).holding(max(words, key=len), HOLDERS_MAX):
        node = hit.getparent()
        if hit.is_tail and node is not None:
            node = node.getparent()
        while node is not None and node.tag not in BLOCK_TAGS and node.tag not in UNREAD_TAGS:
            node = node.getparent()
        if node is not None and node.tag in BLOCK_TAGS:
            found.setdefault(id(node), node)
    return list(found.values())


class _Texts:
    """The text of a page, read once: its text nodes in page order and their text joined, so that
    where a word stands is one search of a string, not a walk of every text node a question; and
    what locate found, for the rules ask for the same blocks."""

    def __init__(self, tree: etree._Element) -> None:
        self.nodes: list[Any] = tree.xpath("//text()")
        self.joined = "\x00".join(self.nodes)  # no text of a page holds NUL: words do not run across nodes
        self.starts = list(itertools.accumulate((len(n) + 1 for n in self.nodes), initial=0))
        before = int(_BEFORE_BODY(tree))  # the body's text nodes follow those of the head, in one run
        self.body = range(before, before + int(_IN_BODY(tree)))
        self.located: dict[str, etree._Element | None] = {}

    def holding(self, word: str, most: int, *, body: bool = True) -> list[Any]:
        """The first `most` text nodes that hold `word`, in page order: of the body, or of the page."""
        within = self.body if body else range(len(self.nodes))
        found: list[Any] = []
        at = self.joined.find(word, self.starts[within.start])
        while at >= 0 and len(found) < most:
            i = bisect.bisect_right(self.starts, at) - 1
            if i >= within.stop:
                break
            found.append(self.nodes[i])
            at = self.joined.find(word, self.starts[i + 1])
        return found


_BEFORE_BODY = etree.XPath("count(//body/preceding::text())")
_IN_BODY = etree.XPath("count(//body//text())")


def holding(tree: etree._Element, text: str, most: int) -> list[Any]:
    """The first `most` text nodes of the page (head and body) that hold `text`, in page order."""
    return _texts(tree).holding(text, most, body=False)


def _texts(tree: etree._Element) -> _Texts:
    found = _read.get(tree)
    if found is None:
        found = _read[tree] = _Texts(tree)
    return found


# Each page's text as the rules read it, while the page is read.
_read: weakref.WeakKeyDictionary[etree._Element, _Texts] = weakref.WeakKeyDictionary()


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def link_density(node: etree._Element, *, within_page: bool = True) -> float:
    """The share of `node`'s text that is the text of its links, at most 1; without `within_page`,
    links to places in the page itself (`#…`) do not count."""
    text = len(" ".join(node.text_content().split())) or 1
    linked = sum(
        len(" ".join(a.text_content().split()))
        for a in node.iter("a")
        if within_page or not (a.get("href") or "").startswith("#")
    )
    return min(linked / text, 1.0)


def own_text(node: etree._Element) -> str:
    """The text of a block element without the text of the blocks inside it."""
    pieces = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag not in UNREAD_TAGS:
            pieces.append(" " if child.tag in BLOCK_TAGS else child.text_content())
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def units_before(start: etree._Element, *, levels: int = 4, limit: int = 14) -> list[tuple[etree._Element, str]]:
    """The blocks of text before `start` in reading order, nearest first: its preceding siblings'
    blocks, then those of its parent's, up to `levels` ancestors, at most `limit` of them."""
    found: list[tuple[etree._Element, str]] = []
    node: etree._Element | None = start
    for _ in range(levels + 1):
        if node is None or node.tag in ("body", "html"):
            break
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or sibling.tag in UNREAD_TAGS:
                continue
            inner = [el for el in sibling.iter() if isinstance(el.tag, str) and el.tag in BLOCK_TAGS]
            if sibling.tag not in BLOCK_TAGS:
                inner = [sibling]  # an inline run between blocks ("<strong>A subhead</strong>")
            for el in reversed(inner):
                text = own_text(el) if el.tag in BLOCK_TAGS else " ".join(el.text_content().split())
                if text and not _unread(el, sibling):
                    found.append((el, text))
                    if len(found) >= limit:
                        return found
        node = node.getparent()
    return found


def _unread(el: etree._Element, top: etree._Element) -> bool:
    """True for an element inside a script, a form or a hidden box, up to `top`."""
    node: etree._Element | None = el
    while node is not None:
        if node.tag in UNREAD_TAGS or node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        if "none" in (node.get("style") or "").replace(" ", "") and "display:none" in (node.get("style") or "").replace(
            " ", ""
        ):
            return True
        if node is top:
            break
        node = node.getparent()
    return False
