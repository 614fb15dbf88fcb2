"""The article's opening and its subheads as the page's structure shows them, where trafilatura
leaves them out: a lead-in in its own container or set in bold (a perex, an intro), a label or
subhead that opens the first section, and subheads between the paragraphs it kept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set as AbstractSet

from lxml import etree

from clipper.extraction.article import Block
from clipper.extraction.credits import Credits
from clipper.extraction.furniture import Clues, furniture_kind
from clipper.extraction.structure import ASIDE_TAGS, BLOCK_TAGS, HEADINGS, locate, once, own_text, units_before
from clipper.extraction.words import lists
from clipper.text import plain, similarity, word_count

PROSE_MIN_WORDS = 12
HEADING_MAX_WORDS = 20
LABEL_MAX_WORDS = 8
LINKED_SHARE = 0.5  # a block mostly made of links is a box of links, not the article's text
_QUOTATION = re.compile(r'^\s*["“„«‘].*["”“»’][.!?]?\s*$', re.S)
SENTENCE_END = (".", "!", "?", "。", "！", "？", "…", '"', "”", "»", ")", "’")
# What the walk back from the first paragraph may meet: the headline block ends it.
STOP, SKIP, PARAGRAPH, HEADING = "stop", "skip", "p", "heading"


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
            found.append(Block(kind, text))
        next_kept = kind in (PARAGRAPH, HEADING)
    return [*reversed(found), *(b for i, b in enumerate(blocks) if i not in moved)]


def _opening_kind(node: etree._Element, text: str, credits: Credits, clues: Clues) -> str:
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
    if prose and (node.tag not in HEADINGS or words >= HEADING_MAX_WORDS):
        return PARAGRAPH
    if words <= HEADING_MAX_WORDS and (node.tag in HEADINGS or (words >= 3 and _emphasised(node, text))):
        return HEADING
    if words <= LABEL_MAX_WORDS and text.endswith((":", "：")):
        return HEADING  # a label that opens a list ("What you'll need:")
    return SKIP


def _beside(node: etree._Element) -> bool:
    """True for an element in a figure, an aside, a navigation bar, a footer or a form, a list item
    (a list above the article is a summary or a ticker), or a box that holds a picture."""
    if node.tag in ASIDE_TAGS or node.tag == "li" or (node.tag not in HEADINGS and _pictured(node)):
        return True
    return any(a.tag in ASIDE_TAGS or a.tag == "li" for a in node.iterancestors())


def _pictured(node: etree._Element) -> bool:
    return node.tag in BLOCK_TAGS and node.find(".//img") is not None


CLASS_REACH = 3  # the element and its nearest ancestors: a box's class names what it holds


def _classed(node: etree._Element, section: str) -> bool:
    """True when the element or one of its nearest ancestors has a class word of `section` of
    data/furniture.toml ("author-bio", "article__disclaimer", "imageEmbedCaption")."""
    words = lists("furniture")[section]
    for el in (node, *itertools.islice(node.iterancestors(), CLASS_REACH)):
        cls = el.get("class")
        parts = _CLASS_WORDS.split(_CAMEL.sub(r"\1 \2", cls).casefold()) if cls else []
        if any(w in words and (i == 0 or parts[i - 1] not in ("no", "without")) for i, w in enumerate(parts)):
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
    """The subheads of the body's container put back before the paragraph each opens, when
    trafilatura left them out (as it does with a heading that holds a link, its own anchor or a
    product's); not those it found and the furniture rules dropped (`dropped`, folded by plain).
    The container is the one that holds the first and a later paragraph."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "p"]
    if len(paragraphs) < 2:
        return blocks
    first, later = locate(tree, blocks[paragraphs[0]].text), locate(tree, blocks[paragraphs[-1]].text)
    container = _common(first, later)
    if container is None:
        return blocks
    starts = {plain(b.text)[:40]: i for i, b in enumerate(blocks)}
    have = {plain(b.text) for b in blocks}
    inserts: dict[int, str] = {}
    for heading in container.iter(*HEADINGS):
        text = " ".join(heading.text_content().split())
        if not text or word_count(text) > HEADING_MAX_WORDS or plain(text) in have | dropped or _beside(heading):
            continue
        if plain(text) in clues.links or furniture_kind(Block("heading", text), None, clues):
            continue
        following = _next_text(heading)
        at = starts.get(plain(following)[:40]) if following else None
        if at is not None and at > 0 and at not in inserts:
            inserts[at] = text
    if not inserts:
        return blocks
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in inserts:
            out.append(Block("heading", inserts[i]))
        out.append(block)
    return out


def _common(a: etree._Element | None, b: etree._Element | None) -> etree._Element | None:
    if a is None or b is None:
        return None
    above = {id(a), *(id(x) for x in a.iterancestors())}
    return b if id(b) in above else next((x for x in b.iterancestors() if id(x) in above), None)


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
