"""trafilatura's body as clipper's blocks: each paragraph, heading, list item, quote, code listing
and table row a block of its own kind, with the line breaks and paragraph breaks the page sets."""

from __future__ import annotations

import itertools

from lxml import etree

from clipper.extraction.article import Block, BlockKind
from clipper.text import word_count


def body_blocks(body: etree._Element) -> list[Block]:
    """The blocks of trafilatura's body element, in document order."""
    blocks: list[Block] = []
    for child in body:
        _collect(child, blocks)
    return [b for b in blocks if b.text]


def _block(kind: BlockKind, node: etree._Element, out: list[Block]) -> None:
    if kind == "p":
        out.extend(Block("p", text) for text in paragraph_texts(node))
    else:
        out.append(Block(kind, inline_text(node)))


SUBHEAD_MAX_WORDS = 12
PROSE_MIN_WORDS = 12
_CLOSING = (".", ",", ";", "!", "?", "…", "。", "，", "！", "？")


def with_run_in_subheads(blocks: list[Block]) -> list[Block]:
    """Paragraphs whose first line is a subhead set before a break ("What happens next<br>The
    council will…") as the subhead, a heading, then the paragraph. A short first line before more
    short lines (an address, verse) stays a line of its paragraph."""
    out: list[Block] = []
    for block in blocks:
        first, _, rest = block.text.partition("\n")
        if (
            block.kind == "p"
            and rest
            and word_count(first) <= SUBHEAD_MAX_WORDS
            and not first.endswith(_CLOSING)
            and word_count(rest.split("\n")[0]) >= PROSE_MIN_WORDS
            and rest.rstrip().endswith(_LINE_END)
        ):
            out += [Block("heading", first), Block("p", rest)]
        else:
            out.append(block)
    return out


PARAGRAPH_MIN_WORDS = 10
_PARAGRAPH_END = (".", "!", "?", "…", '"', "”", "»", "。", "！", "？")


def split_run_together(blocks: list[Block]) -> list[Block]:
    """Paragraphs run together in one element, each on a line of its own after a break (a CMS that
    sets the article as one `<p>` with a `<br>` between paragraphs), as the paragraphs they are:
    every line reads as one, at least ten words that end as a sentence does. Lines of another
    shape (an address, verse, a list of dates) stay lines of their paragraph."""
    out: list[Block] = []
    for block in blocks:
        lines = block.text.split("\n")
        if (
            block.kind == "p"
            and len(lines) > 1
            and all(
                word_count(line) >= PARAGRAPH_MIN_WORDS and line.rstrip().endswith(_PARAGRAPH_END) for line in lines
            )
        ):
            out += [Block("p", line) for line in lines]
        else:
            out.append(block)
    return out


def _collect(node: etree._Element, out: list[Block]) -> None:
    tag = node.tag
    if tag == "p":
        _block("p", node, out)
    elif tag == "head":
        _block("heading", node, out)
    elif tag == "list":
        for item in node.iterchildren("item"):
            nested = [c for c in item if c.tag == "list"]
            for sub in nested:
                item.remove(sub)  # detach so the item's own text stands alone
            _block("item", item, out)
            for sub in nested:
                _collect(sub, out)
    elif tag == "quote":
        parts = [c for c in node if c.tag in ("p", "list", "head")]
        if parts:
            for part in parts:
                before = len(out)
                _collect(part, out)
                out[before:] = [Block("quote", b.text) for b in out[before:]]
        else:
            _block("quote", node, out)
    elif tag == "table":
        for row in node.iterchildren("row"):
            cells = list(row.iterchildren("cell"))
            if any(c.tag in _BLOCK_TAGS for cell in cells for c in cell):
                for cell in cells:  # a layout table: the article's own paragraphs sit in its cells
                    _collect_cell(cell, out)
                continue
            texts = [inline_text(c) for c in cells]
            out.append(Block("table", " | ".join(t for t in texts if t)))
    elif tag == "code":
        lines = _code_text(node).strip("\n").split("\n")
        out.append(Block("code", "\n".join(line.rstrip() for line in lines)))
    elif tag == "graphic":
        return
    elif tag == "div" or (len(node) and all(c.tag in ("p", "list", "head", "quote", "table", "div") for c in node)):
        for child in node:
            _collect(child, out)
    else:
        _block("p", node, out)


_BLOCK_TAGS = ("p", "list", "head", "quote", "table", "div", "code")


def _code_text(node: etree._Element) -> str:
    """A listing's text as it stands, with `<lb/>` as a newline."""
    pieces = [node.text or ""]
    for el in node.iterdescendants():
        pieces += ["\n" if el.tag == "lb" else el.text or "", el.tail or ""]
    return "".join(pieces)


def _collect_cell(cell: etree._Element, out: list[Block]) -> None:
    if not any(c.tag in _BLOCK_TAGS for c in cell):
        _block("p", cell, out)
        return
    if cell.text and cell.text.strip():
        out.append(Block("p", " ".join(cell.text.split())))
    for child in cell:
        if child.tag in _BLOCK_TAGS:
            _collect(child, out)
        else:
            _block("p", child, out)
        if child.tail and child.tail.strip():
            out.append(Block("p", " ".join(child.tail.split())))


def inline_text(node: etree._Element) -> str:
    """The text of an element with `<lb/>` as a line break and any other white space, a newline in
    the page's source included, as one space: a paragraph wrapped in the source is one line."""
    return "\n".join(_lines(_raw_text(node)))


def paragraph_texts(node: etree._Element) -> list[str]:
    """The paragraphs of a paragraph element: more than one when a blank line (two `<br>`) parts
    them, or when its lines open with an ideographic space, the indent of a paragraph in Chinese and
    Japanese ("<br>　フリーWi-Fiプロテクションは…"); other lines stay lines of one paragraph."""
    found: list[list[str]] = [[]]
    for raw in _raw_text(node).split(_BREAK):
        line = " ".join(raw.split())
        if (not line or raw.lstrip(" \t\r\n").startswith("\u3000")) and found[-1]:
            found.append([])
        if line:
            found[-1].append(line)
    return ["\n".join(lines) for lines in found if lines]


def _raw_text(node: etree._Element) -> str:
    pieces: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == "lb":
            pieces.append(_BREAK)
        elif el.text:
            pieces.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(node)
    return "".join(pieces)


def _lines(text: str) -> list[str]:
    return [line for line in (" ".join(raw.split()) for raw in text.split(_BREAK)) if line]


_BREAK = "\x00"  # stands for <lb/> while the text is put together; no page text holds it


# What a line ends with when it ends a sentence, or announces what follows: a line so ended was not
# wrapped mid-sentence.
_LINE_END = (".", "!", "?", ":", ";", '"', "”", "’", ")", "»", "…")


def unwrap(block: Block) -> Block:
    """Join a paragraph whose lines were wrapped by hand (`<br>` mid-sentence) into one line; keep
    real line breaks (verse, addresses, lists in a paragraph)."""
    lines = block.text.split("\n")
    if len(lines) < 3 or block.kind == "code":
        return block
    joins = sum(1 for a, b in itertools.pairwise(lines) if not a.endswith(_LINE_END) and b[:1].islower())
    if joins * 2 < len(lines) - 1:
        return block
    return Block(block.kind, " ".join(lines))
