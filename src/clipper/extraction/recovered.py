"""What trafilatura misses of an article's body, put back: the first paragraph the page states in
its structured data or sets before its first break, the later sections of a body cut into sibling
sections, and the paragraphs of a stated body.
"""

from __future__ import annotations

import html
import itertools
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from clipper.extraction.article import Block
from clipper.extraction.clues import Clues
from clipper.extraction.structure import HEADINGS, holding, link_density, locate
from clipper.text import plain, similarity, word_count

LEAD_MIN_WORDS = 15


def with_stated_lead(blocks: list[Block], stated: list[str]) -> list[Block]:
    """The first paragraph of the body the page states in its structured data (JSON-LD
    `articleBody`), put back when trafilatura missed it: it is not among the blocks, and the first
    block follows it in the stated body."""
    if not blocks or len(stated) < 2 or word_count(stated[0]) < LEAD_MIN_WORDS:
        return blocks
    lead, rest = stated[0], " ".join(stated[1:])
    opening = " ".join(blocks[0].text.split()[:8])
    if any(similarity(lead, b.text) >= 0.8 for b in blocks[:3]) or plain(opening) not in plain(rest[:2000]):
        return blocks
    return [Block("p", lead), *blocks]


_BREAKS = {"br", "p", "div", "img", "figure", "table", "center", "section", "ul", "ol", "blockquote", *HEADINGS}


def with_leading_text(tree: etree._Element, blocks: list[Block], clues: Clues) -> list[Block]:
    """The opening text of the body's own container, put back when trafilatura started after it:
    an article set as text among `<br>`s can lose the run before the first break. Only prose of
    the container that holds the first block counts, never a box beside it."""
    if not blocks or blocks[0].kind != "p":
        return blocks
    opening = " ".join(blocks[0].text.split()[:6])
    if len(opening) < 20:
        return blocks
    found = holding(tree, opening, 2)
    if len(found) != 1:
        return blocks
    node = found[0].getparent()
    container = node.getparent() if found[0].is_tail else node
    if container is None or container.tag in ("p", "li", "td"):
        return blocks  # the block is a paragraph of its own: nothing runs before it inside
    pieces = [container.text or ""]
    for child in container:
        if child.tag in _BREAKS or not isinstance(child.tag, str):
            break
        pieces += [child.text_content(), child.tail or ""]
    lead = " ".join("".join(pieces).split())
    if (
        word_count(lead) < LEAD_MIN_WORDS
        or not lead.endswith((".", "!", "?", '"', "”"))
        or plain(lead) in clues.masthead | clues.captions | clues.links
        or any(similarity(lead, b.text) >= 0.5 for b in blocks[:3])
    ):
        return blocks
    return [Block("p", lead), *blocks]


def stated_paragraphs(body: Any) -> list[str]:
    """The paragraphs of a JSON-LD `articleBody`: plain text with a paragraph a line, or HTML."""
    if not isinstance(body, str) or not body.strip():
        return []
    text = html.unescape(body)
    if "<p" in text:
        try:
            tree = lxml_html.fromstring(text)
        except (etree.ParserError, ValueError):
            return []
        return [t for t in (" ".join(p.text_content().split()) for p in tree.iter("p")) if t]
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


SECTION_MIN_WORDS = 20
SECTION_REACH = 2  # sections of one body share a parent or grandparent; the page's far corners do not


def with_sibling_sections(tree: etree._Element, blocks: list[Block]) -> list[Block]:
    """The article's paragraphs from every section of its body. Some pages cut the body into
    sibling sections of one class with advertisements between them, and trafilatura keeps only
    the first; the paragraphs of the later sections are put back in page order."""
    first = next((b for b in blocks if b.kind == "p" and word_count(b.text) >= SECTION_MIN_WORDS), None)
    if first is None:
        return blocks
    start = locate(tree, first.text)
    if start is None or start.tag != "p" or plain(start.text_content()) != plain(first.text):
        return blocks
    section = start.getparent()
    cls = section.get("class") if section is not None else None
    if section is None or not cls:
        return blocks
    sections = tree.xpath("//*[@class=$cls]", cls=cls)
    here = next((i for i, s in enumerate(sections) if s is section), len(sections))
    near = list(itertools.islice(section.iterancestors(), SECTION_REACH))
    later = [
        s
        for s in sections[here + 1 :]
        if not _inside(s, section)
        and any(a in near for a in itertools.islice(s.iterancestors(), SECTION_REACH))
        and not any(a.tag in ("footer", "aside", "nav") for a in s.iterancestors())
    ]
    if not later:
        return blocks
    have = {plain(b.text) for b in blocks}
    added: list[Block] = []
    for node in later:
        paras = [" ".join(p.text_content().split()) for p in node.iter("p") if link_density(p) <= 0.5]
        paras = [t for t in paras if t and plain(t) not in have]
        if not any(word_count(t) >= SECTION_MIN_WORDS for t in paras) or link_density(node) > 0.3:
            continue
        added.extend(Block("p", t) for t in paras)
    if not added:
        return blocks
    # The later sections follow the last block of the first one.
    first_texts = _section_texts(section)
    ends = max((i for i, b in enumerate(blocks) if plain(b.text) in first_texts), default=len(blocks) - 1)
    return blocks[: ends + 1] + added + blocks[ends + 1 :]


def _inside(node: etree._Element, other: etree._Element) -> bool:
    return any(a is other for a in node.iterancestors()) or any(a is node for a in other.iterancestors())


def _section_texts(node: etree._Element) -> set[str]:
    return {plain(el.text_content()) for el in node.iter("p", *HEADINGS, "li")}
