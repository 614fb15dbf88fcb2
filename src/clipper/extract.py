"""From an HTML page to an article: its paragraphs in reading order and who published it.

trafilatura finds the article body; clipper keeps its paragraph structure, removes page furniture
it lets through, and takes the metadata from what the page states about itself (metadata.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from clipper import metadata
from clipper.errors import NoArticleError
from clipper.page import Page
from clipper.text import similarity, word_count

# trafilatura logs its own doubts at WARNING; they are not the user's business.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

BLOCK_KINDS = ("p", "heading", "item", "quote", "code", "table")

# Short lines that are page furniture, whatever page they are on.
FURNITURE = re.compile(
    r"^\W*(continue reading|read more|read the full|print friendly|print this|share (this|on|via)|"
    r"click (here|to)|sign up|subscribe|advertisement|advertising|sponsored|follow us|related( articles| stories)?:|"
    r"(also )?read( also)?:|see also:|more on this|recommended|image (source|caption|copyright)|"
    r"(photo|picture)( credit)?:|copyright ©|all rights reserved|comments?( \(\d+\))?$|leave a comment|"
    r"facebook|twitter|email|whatsapp|linkedin|pinterest|reddit)\b",
    re.I,
)
FURNITURE_MAX_WORDS = 14


@dataclass(frozen=True)
class Block:
    """One unit of the article as a reader sees it: a paragraph, a heading, a list item..."""

    kind: str
    text: str


@dataclass(frozen=True)
class Article:
    """What clipper extracted from a page."""

    url: str
    title: str | None
    site_name: str | None
    author: str | None
    date: str | None  # YYYY-MM-DD, first publication
    blocks: tuple[Block, ...]
    description: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    section: str | None = None
    opinion: bool = False  # a column, an opinion or personal piece, by the page's own account
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def words(self) -> int:
        return sum(word_count(b.text) for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (`clipper extract --json`)."""
        data = asdict(self)
        data.pop("extras")
        data["blocks"] = [asdict(b) for b in self.blocks]
        data["paragraphs"] = self.paragraphs
        data["words"] = self.words
        return data


def extract(page: Page) -> Article:
    """Extract the article from `page`; NoArticleError when there is no text to quote."""
    where = page.final_url or page.url or str(page.path)
    tree = load_html(page.text)
    if tree is None:
        raise NoArticleError(f"{where}: not a readable HTML page")
    meta = metadata.read(tree)
    doc: Any = trafilatura.bare_extraction(
        tree,
        url=page.final_url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    blocks = body_blocks(doc.body) if doc is not None and doc.body is not None else []
    credits = metadata.choose(meta, doc, page.final_url)
    blocks = clean_blocks(blocks, credits)
    if not blocks:
        raise NoArticleError(f"{where}: no article text found on the page")
    return Article(
        url=credits.url,
        title=credits.title,
        site_name=credits.site_name,
        author=credits.author,
        date=credits.date,
        blocks=tuple(blocks),
        description=credits.description,
        canonical_url=meta.canonical,
        language=meta.language or (doc.language if doc is not None else None),
        section=credits.section,
        opinion=credits.opinion,
    )


def body_blocks(body: etree._Element) -> list[Block]:
    """The blocks of trafilatura's body element, in document order."""
    blocks: list[Block] = []
    for child in body:
        _collect(child, blocks)
    return [b for b in blocks if b.text]


def _collect(node: etree._Element, out: list[Block]) -> None:
    tag = node.tag
    if tag == "p":
        out.append(Block("p", inline_text(node)))
    elif tag == "head":
        out.append(Block("heading", inline_text(node)))
    elif tag == "list":
        for item in node.iterchildren("item"):
            nested = [c for c in item if c.tag == "list"]
            for sub in nested:
                item.remove(sub)  # detach so the item's own text stands alone
            out.append(Block("item", inline_text(item)))
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
            out.append(Block("quote", inline_text(node)))
    elif tag == "table":
        for row in node.iter("row"):
            cells = [inline_text(c) for c in row.iter("cell")]
            out.append(Block("table", " | ".join(c for c in cells if c)))
    elif tag == "code":
        out.append(Block("code", "\n".join(line.rstrip() for line in "".join(node.itertext()).strip("\n").split("\n"))))
    elif tag == "graphic":
        return
    elif tag == "div" or (len(node) and all(c.tag in ("p", "list", "head", "quote", "table", "div") for c in node)):
        for child in node:
            _collect(child, out)
    else:
        out.append(Block("p", inline_text(node)))


def inline_text(node: etree._Element) -> str:
    """The text of an element with `<lb/>` as a line break and other whitespace collapsed."""
    pieces: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == "lb":
            pieces.append("\n")
        elif el.text:
            pieces.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(node)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def clean_blocks(blocks: list[Block], credits: metadata.Credits) -> list[Block]:
    """Drop furniture anywhere, and the headline block (headline, standfirst, byline, date) at the start."""
    kept = [b for b in blocks if not is_furniture(b.text)]
    start = 0
    while start < len(kept) and is_headline_block(kept[start], credits):
        start += 1
    return kept[start:]


def is_furniture(text: str) -> bool:
    """True for a short line of page furniture: share buttons, 'Continue reading', 'Advertisement'."""
    return word_count(text) <= FURNITURE_MAX_WORDS and bool(FURNITURE.match(text))


DATELINE = re.compile(
    r"^(updated|published|posted|last (updated|modified)|first published|on)?\s*:?\s*"
    r"(\w+day,?\s*)?(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})"
    r"([\s,|at·-]*\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,5})?)?\W*$",
    re.I,
)
BYLINE = re.compile(r"^(by|von|par|por|di|door|av|af)\s+\S", re.I)
READING_TIME = re.compile(r"^\W*\d+\s*(-\s*)?(min(ute)?s?|mins?)\.?(\s+(read|de lecture|Lesezeit|lectura))?\W*$", re.I)


def is_headline_block(block: Block, credits: metadata.Credits) -> bool:
    """True for a block that belongs to the headline block above the article's first paragraph."""
    text = block.text
    words = word_count(text)
    if credits.title and similarity(text, credits.title) >= 0.8:
        return True
    if credits.description and words >= 5 and similarity(text, credits.description) >= 0.8:
        return True
    if words <= 12 and (BYLINE.match(text) or DATELINE.match(text) or READING_TIME.match(text)):
        return True
    if credits.author and words <= 8 and similarity(text, credits.author) >= 0.8:
        return True
    return block.kind == "heading" and words <= 12 and not text.rstrip().endswith((".", "?", "!", ":"))
