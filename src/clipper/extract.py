"""From an HTML page to an article: its paragraphs in reading order and who published it.

trafilatura finds the article body; clipper keeps its paragraph structure, removes page furniture
it lets through, and takes the metadata from what the page states about itself (metadata.py).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass
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

# Short lines that are page furniture, whatever page they are on.
FURNITURE = re.compile(
    r"^\W*(continue reading|read more|read the full|print friendly|print this|share (this|on|via)|"
    r"click (here|to)|sign up|subscribe|advertisement|advertising|sponsored|follow us|related( articles| stories)?:|"
    r"(also )?read( also)?:|see also:|more on this|recommended|image (source|caption|copyright)|"
    r"(photo|picture)( credit)?:|copyright ©|all rights reserved|comments?( \(\d+\))?$|leave a comment|"
    r"facebook|twitter|email|whatsapp|linkedin|pinterest|reddit|story continues|article continues|"
    r"continue reading below|scroll to continue|disclosure:|this copy is for your personal|don'?t miss|"
    r"related (post|story|article)s?:|listen to this article|most (read|popular|viewed))(?:\b|(?<=:))",
    re.I,
)
FURNITURE_MAX_WORDS = 14
# Text a reader never sees in the paragraph: hidden elements, tooltips and hover cards.
PRUNE_XPATH = [
    "//*[@hidden or @aria-hidden='true']",
    "//*[contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')]",
    "//*[contains(@class, 'sr-only') or contains(@class, 'visually-hidden') or contains(@class, 'screen-reader')]",
    # a hover card inside a paragraph: a picture and links about a name, not prose
    "//p//*[self::span or self::div][.//img and count(.//a) >= 2]"
    "[not(.//*[self::span or self::div][.//img and count(.//a) >= 2])]",
]
LINK_BOX_MAX_WORDS = 30


@dataclass(frozen=True)
class Block:
    """One unit of the article as a reader sees it; `kind` is p, heading, item, quote, code or table."""

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

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def words(self) -> int:
        return sum(word_count(b.text) for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (`clipper extract --json`)."""
        data = asdict(self)
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
    links = link_texts(tree)
    captions = caption_texts(tree)
    try:
        doc: Any = trafilatura.bare_extraction(
            tree,
            url=page.final_url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            prune_xpath=PRUNE_XPATH,
        )
    except Exception as exc:
        raise NoArticleError(f"{where}: the page could not be read as an article ({type(exc).__name__})") from None
    blocks = body_blocks(doc.body) if doc is not None and doc.body is not None else []
    credits = metadata.choose(meta, doc, page.final_url)
    blocks = clean_blocks([unwrap(b) for b in blocks], credits, links, captions)
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


def _block(kind: str, node: etree._Element, out: list[Block]) -> None:
    out.append(Block(kind, inline_text(node)))


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
        for row in node.iter("row"):
            cells = [inline_text(c) for c in row.iter("cell")]
            out.append(Block("table", " | ".join(c for c in cells if c)))
    elif tag == "code":
        lines = "".join(node.itertext()).strip("\n").split("\n")
        out.append(Block("code", "\n".join(line.rstrip() for line in lines)))
    elif tag == "graphic":
        return
    elif tag == "div" or (len(node) and all(c.tag in ("p", "list", "head", "quote", "table", "div") for c in node)):
        for child in node:
            _collect(child, out)
    else:
        _block("p", node, out)


_NOT_WORD = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Words only, case folded: a link and a block of the same words compare equal."""
    return _NOT_WORD.sub(" ", text).casefold().strip()


def link_texts(tree: etree._Element) -> set[str]:
    """The text of every link on the page of a few words or more, whitespace and case folded."""
    found = set()
    for anchor in tree.iter("a"):
        text = _plain(anchor.text_content())
        if text.count(" ") >= 2:
            found.add(text)
    return found


def caption_texts(tree: etree._Element) -> set[str]:
    """The text of every caption on the page (figcaption, an image's alt text, caption classes):
    a caption is about a picture, not a paragraph of the article."""
    found = set()
    for node in tree.xpath("//figcaption | //*[contains(@class, 'caption')]"):
        text = _plain(node.text_content())
        if text:
            found.add(text)
    for image in tree.iter("img"):
        text = _plain(image.get("alt") or "")
        if text.count(" ") >= 1:
            found.add(text)
    return found


_LINK_LABEL = re.compile(
    r"^\W*(related( post| story| article| content)?|read( more| also| next)?|more|see also|also|"
    r"recommended|watch|listen|opinion|analysis|video|photos?|gallery)\s*[:|»›>-]\s*",
    re.I,
)


def is_link_box(text: str, links: AbstractSet[str]) -> bool:
    """True for a short block that is only the text of a link on the page: a related story, a teaser."""
    if not links or text.count(" ") >= LINK_BOX_MAX_WORDS:
        return False
    return _plain(_LINK_LABEL.sub("", text)) in links


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


def clean_blocks(
    blocks: list[Block],
    credits: metadata.Credits,
    links: AbstractSet[str] = frozenset(),
    captions: AbstractSet[str] = frozenset(),
) -> list[Block]:
    """Drop furniture, captions and repeated headlines, and the headline block (standfirst, byline,
    date, reading time) above the article's first paragraph."""
    kept = [
        b
        for i, b in enumerate(blocks)
        if not is_furniture(b.text)
        and not (i < HEADLINE_REACH and is_headline(b.text, credits))
        and not is_link_box(b.text, links)
        and not (captions and _plain(b.text) in captions)
    ]
    start = 0
    while start < len(kept) - 1 and is_headline_block(kept[start], credits):
        start += 1
    return kept[start:]


_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", ")", "»", "…")


def unwrap(block: Block) -> Block:
    """Join a paragraph whose lines were wrapped by hand (`<br>` mid-sentence) into one line; keep
    real line breaks (verse, addresses, lists in a paragraph)."""
    lines = block.text.split("\n")
    if len(lines) < 3 or block.kind == "code":
        return block
    joins = sum(1 for a, b in itertools.pairwise(lines) if not a.endswith(_SENTENCE_END) and b[:1].islower())
    if joins * 2 < len(lines) - 1:
        return block
    return Block(block.kind, " ".join(lines))


def is_furniture(text: str) -> bool:
    """True for a short line of page furniture: share buttons, 'Continue reading', 'Advertisement',
    a bare label such as 'More:'."""
    words = word_count(text)
    if words <= 2 and text.rstrip().endswith(":"):
        return True
    return words <= FURNITURE_MAX_WORDS and bool(FURNITURE.match(text))


def is_headline(text: str, credits: metadata.Credits) -> bool:
    """True for the headline, in any of the page's wordings, repeated as a block."""
    return any(similarity(text, h) >= 0.8 for h in credits.headlines)


HEADLINE_REACH = 8  # a headline repeated further down is quoted text, not page furniture
_DATE_BITS = re.compile(
    r"\b(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[:.h]\d{2}(\s*[ap]\.?m\.?)?|\d{1,4}(st|nd|rd|th)?|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|"
    r"utc|gmt|[ecmp][sd]t|bst|cet|cest|ist|updated|published|posted|last|modified|first|on|at|am|pm)\b",
    re.I,
)
BYLINE = re.compile(r"^(by|von|par|por|di|door|av|af|de)\s+\S", re.I)
_BYLINE_TAIL = re.compile(r"\s(by|von|par|por)\s+[\w\s.'-]{2,60}$", re.I)
READING_TIME = re.compile(
    r"(\d+\s*-?\s*(min|minute|minutes|mins|minuto|minutos|minuten)\b.{0,12}$)|"
    r"^\W*(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|lettura)\b",
    re.I,
)


def is_dateline(text: str) -> bool:
    """True for a line of dates, times and an optional byline: `5:45 AM PST 11/19/2019 by Jo Bloggs`."""
    rest = _DATE_BITS.sub(" ", _BYLINE_TAIL.sub(" ", text))
    return bool(_DATE_BITS.search(text)) and len(re.findall(r"\w+", rest)) <= 1


def is_headline_block(block: Block, credits: metadata.Credits) -> bool:
    """True for a block that belongs to the headline block above the article's first paragraph."""
    text = block.text
    words = word_count(text)
    if block.kind == "heading" and credits.description and similarity(text, credits.description) >= 0.8:
        return True  # a standfirst set as a heading
    if words <= 15 and (BYLINE.match(text) or is_dateline(text) or READING_TIME.search(text)):
        return True
    return bool(credits.author and words <= 8 and similarity(text, credits.author) >= 0.8)
