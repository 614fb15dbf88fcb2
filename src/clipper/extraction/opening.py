"""The article's opening, its subheads and paragraphs as the page's structure shows them, where
trafilatura leaves them out: a lead-in in its own container or set in bold (a perex, an intro), a
label or subhead that opens the first section, and subheads and paragraphs between those it kept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set as AbstractSet
from typing import Final, Literal

from lxml import etree

from clipper.extraction.article import Block
from clipper.extraction.clues import Clues
from clipper.extraction.credits import Credits
from clipper.extraction.furniture import furniture_kind
from clipper.extraction.kinds import is_byline, is_dateline
from clipper.extraction.structure import (
    ASIDE_TAGS,
    BLOCK_TAGS,
    SUBHEADINGS,
    UNREAD_TAGS,
    locate,
    once,
    own_text,
    units_before,
)
from clipper.extraction.words import words as word_list
from clipper.text import plain, similarity, word_count

PROSE_MIN_WORDS = 12
HEADING_MAX_WORDS = 20
LABEL_MAX_WORDS = 8
LINKED_SHARE = 0.5  # a block mostly made of links is a box of links, not the article's text
_QUOTATION = re.compile(r'^\s*["“„«‘].*["”“»’][.!?]?\s*$', re.S)
SENTENCE_END = (".", "!", "?", "。", "！", "？", "…", '"', "”", "»", ")", "’")
# What the walk back from the first paragraph may meet: the headline block ends it, what is no part
# of the article is passed over, a paragraph or a heading is put back.
Unit = Literal["stop", "skip", "p", "heading"]
STOP: Final = "stop"
SKIP: Final = "skip"
PARAGRAPH: Final = "p"
HEADING: Final = "heading"


def with_opening(tree: etree._Element, blocks: list[Block], credits: Credits, clues: Clues) -> list[Block]:
    """The blocks with what opens the article put back in front of the first one: walking back from
    the first paragraph through the page, prose and subheads until the headline block (the `<h1>`,
    the article's `<header>`, a byline, a dateline, a standfirst). Captions, boxes of links, pictures
    and furniture on the way are passed over; a subhead counts only when what follows it is kept."""
    first = locate(tree, blocks[0].text) if blocks else None
    if first is None:
        return blocks
    have = {plain(b.text): i for i, b in enumerate(blocks[:12])}
    found: list[Block] = []
    moved: set[int] = set()
    next_kept = True  # the unit after the current one in reading order was kept
    for node, text in units_before(first):
        kind = _opening_kind(node, text, credits, clues)
        if kind == STOP:
            break
        later = have.get(plain(text))
        if kind == PARAGRAPH and not once(tree, text):
            kind = SKIP  # shown twice: a promotion, a gallery's blurb, a box of highlights
        elif kind == PARAGRAPH and later:
            moved.add(later)  # kept but out of the page's order (a box of its own after the lead)
            found.append(blocks[later])
        elif later is not None or any(similarity(text, b.text) >= 0.8 for b in blocks[:3]):
            kind = SKIP  # already kept
        elif kind == PARAGRAPH or (kind == HEADING and next_kept):
            found.append(Block("p" if kind == PARAGRAPH else "heading", text))
        next_kept = kind in (PARAGRAPH, HEADING)
    return [*reversed(found), *(b for i, b in enumerate(blocks) if i not in moved)]


def _opening_kind(node: etree._Element, text: str, credits: Credits, clues: Clues) -> Unit:
    if node.tag == "h1" or any(a.tag == "header" and a.find(".//h1") is not None for a in node.iterancestors()):
        return STOP  # the headline, or the article's <header> around it
    kind = furniture_kind(Block("p", text), credits, clues)
    if kind in ("headline", "byline", "dateline", "standfirst") or _classed(node, "byline_classes"):
        return STOP
    if kind or _beside(node) or _linked(node, text) or _classed(node, "furniture_classes"):
        return SKIP
    words = word_count(text)
    if _QUOTATION.match(text):
        return SKIP  # a quotation set apart above the article: a pull quote, an epigraph, a claim checked
    prose = words >= PROSE_MIN_WORDS and text.rstrip().endswith(SENTENCE_END)
    if prose and (node.tag not in SUBHEADINGS or words >= HEADING_MAX_WORDS):
        return PARAGRAPH
    if words <= HEADING_MAX_WORDS and (node.tag in SUBHEADINGS or (words >= 3 and _emphasised(node, text))):
        return HEADING
    if words <= LABEL_MAX_WORDS and text.endswith((":", "：")):
        return HEADING  # a label that opens a list ("What you'll need:")
    return SKIP


def _beside(node: etree._Element) -> bool:
    """True for an element in a figure, an aside, a navigation bar, a footer or a form, a list item
    (a list above the article is a summary or a ticker), or a box that holds a picture."""
    if node.tag in ASIDE_TAGS or node.tag == "li" or (node.tag not in SUBHEADINGS and _pictured(node)):
        return True
    return any(a.tag in ASIDE_TAGS or a.tag == "li" for a in node.iterancestors())


def _pictured(node: etree._Element) -> bool:
    return node.tag in BLOCK_TAGS and node.find(".//img") is not None


CLASS_REACH = 3  # the element and its nearest ancestors: a box's class names what it holds


def _classed(node: etree._Element, section: str) -> bool:
    """True when the element or one of its nearest ancestors has a class word of `section` of
    data/furniture.toml ("author-bio", "article__disclaimer", "imageEmbedCaption")."""
    words = word_list("furniture", section)
    for el in (node, *itertools.islice(node.iterancestors(), CLASS_REACH)):
        cls = el.get("class")
        parts = _CLASS_WORDS.split(_CAMEL.sub(r"\1 \2", cls).casefold()) if cls else []
        if any(
            w in words and (i == 0 or parts[i - 1] not in word_list("furniture", "class_negations"))
            for i, w in enumerate(parts)
        ):
            return True  # "no_caption" is no caption
    return False


_CAMEL = re.compile(r"([a-z])([A-Z])")
_CLASS_WORDS = re.compile(r"[\s_-]+")


def _linked(node: etree._Element, text: str) -> bool:
    """True for a block mostly made of links to other pages, or inside one: a teaser, a list of
    related stories. A heading's own anchor ("#the-plan") is no such link."""
    if any(a.tag == "a" for a in node.iterancestors()) or node.tag == "a":
        return True
    anchors = (a for a in node.iter("a") if not (a.get("href") or "").startswith("#"))
    linked = sum(len(" ".join(a.text_content().split())) for a in anchors)
    return linked >= LINKED_SHARE * len(text)


def _emphasised(node: etree._Element, text: str) -> bool:
    """True when the whole text is set in bold (or is a bold element itself): a subhead set as a
    paragraph."""
    if node.tag in ("strong", "b"):
        return True
    bold = " ".join(" ".join(b.text_content().split()) for b in node.iter("strong", "b"))
    return bool(bold) and len(bold) >= 0.9 * len(text)


def with_subheads(
    tree: etree._Element, blocks: list[Block], clues: Clues, dropped: AbstractSet[str] = frozenset()
) -> list[Block]:
    """What the body's container holds between the paragraphs kept and trafilatura left out, put
    back in its place: a subhead (a heading that holds a link, its own anchor or a product's), and a
    paragraph set between two kept paragraphs of its own parent (one that holds a marker such as
    WordPress's "more"). Not what trafilatura found and the furniture rules dropped (`dropped`,
    folded by plain). The container is the one that holds the first and a later paragraph."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "p"]
    if len(paragraphs) < 2:
        return blocks
    container = _body_container(locate(tree, blocks[paragraphs[0]].text), len(paragraphs))
    if container is None:
        return blocks
    starts = {plain(b.text)[:40]: i for i, b in enumerate(blocks)}
    have = {plain(b.text) for b in blocks} | dropped
    inserts: dict[int, Block] = {}
    for node in container.iter("p", *SUBHEADINGS):
        text = " ".join(node.text_content().split())
        if not text or plain(text) in have or _beside(node) or plain(text) in clues.links:
            continue
        if node.tag == "p":
            found = _missed_paragraph(tree, node, text, starts, clues)
        else:
            found = _missed_subhead(node, text, starts, clues)
        if found is not None and found[0] > 0 and found[0] not in inserts:
            inserts[found[0]] = found[1]
    if not inserts:
        return blocks
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in inserts:
            out.append(inserts[i])
        out.append(block)
    return out


def _missed_subhead(node: etree._Element, text: str, starts: dict[str, int], clues: Clues) -> tuple[int, Block] | None:
    if word_count(text) > HEADING_MAX_WORDS or furniture_kind(Block("heading", text), None, clues):
        return None
    following = _next_text(node)
    at = starts.get(plain(following)[:40]) if following else None
    return (at, Block("heading", text)) if at is not None else None


def _missed_paragraph(
    tree: etree._Element, node: etree._Element, text: str, starts: dict[str, int], clues: Clues
) -> tuple[int, Block] | None:
    """A prose paragraph whose neighbours in its own parent are both kept paragraphs."""
    if word_count(text) < PROSE_MIN_WORDS or not text.endswith(SENTENCE_END) or _QUOTATION.match(text):
        return None
    before, after = _sibling_text(node, preceding=True), _sibling_text(node, preceding=False)
    at = starts.get(plain(after)[:40]) if after else None
    if at is None or not before or starts.get(plain(before)[:40]) != at - 1:
        return None
    if _linked(node, text) or furniture_kind(Block("p", text), None, clues) or is_dateline(text) or is_byline(text):
        return None
    if _classed(node, "byline_classes") or _classed(node, "furniture_classes") or not once(tree, text):
        return None
    return at, Block("p", text)


def _sibling_text(node: etree._Element, *, preceding: bool) -> str | None:
    """The text of the nearest sibling element with text, before or after `node`."""
    for sibling in node.itersiblings(preceding=preceding):
        if isinstance(sibling.tag, str) and sibling.tag not in UNREAD_TAGS:
            text = " ".join(sibling.text_content().split())
            if text:
                return text
    return None


CONTAINER_REACH = 6
_PARAGRAPHS = etree.XPath("count(.//p)")


def _body_container(first: etree._Element | None, paragraphs: int) -> etree._Element | None:
    """The nearest ancestor of the first paragraph that holds most of the paragraphs kept (counted
    as `<p>`s): the body's own container, sections and all."""
    node = first.getparent() if first is not None else None
    for _ in range(CONTAINER_REACH):
        if node is None or node.tag in ("body", "html"):
            return None
        if _PARAGRAPHS(node) >= 0.8 * paragraphs:
            return node
        node = node.getparent()
    return None


def _next_text(node: etree._Element) -> str | None:
    """The text of the first block that follows `node` in reading order."""
    for sibling in node.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag not in BLOCK_TAGS:
            text = " ".join(sibling.text_content().split())
            if text:
                return text
            continue
        for el in sibling.iter():
            if isinstance(el.tag, str) and el.tag in BLOCK_TAGS:
                text = own_text(el)
                if text:
                    return text
    return None
