"""Page furniture: what on a page is not the article, and the rules that tell it apart.

Read from the page before trafilatura runs (link texts, captions, the headline area) and applied
to the blocks it finds: furniture lines, link boxes, captions, the repeated headline and the
headline block (standfirst, byline, dateline, reading time) above the first paragraph. Every rule
is general: page structure, the page's own metadata, link texts, repeated furniture.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from lxml import etree

from clipper.extraction.article import Block
from clipper.extraction.credits import Credits
from clipper.extraction.kinds import READING_TIME, is_byline, is_dateline, line_kind
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.text import plain, similarity, word_count
from clipper.web.urls import host


@dataclass(frozen=True)
class Clues:
    """What the page shows outside the article, read before trafilatura runs (read_clues): the
    texts of its links to other pages of the site and within the page, of its captions, and of
    the headline area (see clean_blocks)."""

    links: AbstractSet[str]
    captions: AbstractSet[str]
    masthead: AbstractSet[str]
    contents: AbstractSet[str] = frozenset()


NO_CLUES = Clues(frozenset(), frozenset(), frozenset())


def read_clues(tree: etree._Element, meta: PageMeta, url: str) -> Clues:
    """The clues of the page at `url`, read before trafilatura runs."""
    links, contents = link_texts(tree, url), contents_texts(tree)
    return Clues(links, caption_texts(tree), headline_area(tree, meta), contents)


def link_texts(tree: etree._Element, url: str = "") -> set[str]:
    """The text of every link to another page of the site, of a few words or more, whitespace and
    case folded: what a related story or a teaser would repeat. A link within the page (a heading's
    own anchor, a table of contents) or to another site (a product, a source) is no teaser."""
    here = host(url)
    found = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href.startswith("#") or (here and href.startswith(("http:", "https:", "//")) and not _on_site(href, here)):
            continue
        text = plain(anchor.text_content())
        if text.count(" ") >= 2:
            found.add(text)
    return found


def contents_texts(tree: etree._Element) -> set[str]:
    """The texts of the links within the page that sit in a list: a table of contents."""
    return {plain(a.text_content()) for a in tree.xpath("//li//a[starts-with(@href, '#')]")} - {""}


def _on_site(href: str, here: str) -> bool:
    there = host(href if not href.startswith("//") else "http:" + href)
    return there == here or there.endswith("." + here) or here.endswith("." + there)


def caption_texts(tree: etree._Element) -> set[str]:
    """The text of every caption on the page (figcaption, an image's alt text, caption classes):
    a caption is about a picture, not a paragraph of the article."""
    found = set()
    for node in tree.xpath("//figcaption | //*[contains(@class, 'caption')]"):
        text = plain(node.text_content())
        if text:
            found.add(text)
    for image in tree.iter("img"):
        text = plain(image.get("alt") or "")
        if text.count(" ") >= 1:
            found.add(text)
        line = _line_under(image)
        if line:
            found.add(line)
    return found


CAPTION_MAX_WORDS = 10


def _line_under(image: etree._Element) -> str | None:
    """A short line set right under a picture that stands alone in its block: a caption without
    the markup of one ("Kate Henshaw" centred under her photo)."""
    holder = image
    while holder.getparent() is not None and holder.getparent().tag in ("a", "span", "div", "p", "center"):
        if any(text.strip() for text in holder.getparent().itertext()):  # stops at the first word
            break
        holder = holder.getparent()
    if holder is image:
        return None
    below = holder.getnext()
    if below is None or below.tag not in ("div", "p", "center", "span"):
        return None
    text = " ".join(below.text_content().split())
    if not text or word_count(text) > CAPTION_MAX_WORDS or text.endswith((".", ":", "!", "?")):
        return None
    # set as a caption is set: centred, or all of it in italics or small print
    styled = below.xpath(".//em | .//i | .//small")
    centred = "center" in (below.get("style") or "").replace(" ", "") or below.tag == "center"
    if not centred and not any(" ".join(el.text_content().split()) == text for el in styled):
        return None
    return plain(text)


# class names are words joined by "-" and "_" ("article__standfirst", "c-entry-dek")
_DECK_CLASS = re.compile(
    r"(?<![a-z])(deck|dek|standfirst|sub-?title|sub-?head(line)?|strap(line)?|kicker|tagline)(?![a-z])", re.I
)
DECK_MAX_WORDS = 60
HEADER_MAX_WORDS = 300  # an article's <header> holds its headline block, not its body
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
KICKER_MAX_WORDS = 4


def headline_area(tree: etree._Element, meta: PageMeta) -> set[str]:
    """The texts around the page's headline that are not the article: the `<h1>` itself, headings
    above it (section names, promotions), a short kicker right above it, the deck beside it, what
    the article's `<header>` holds, and any element of a deck, standfirst, subtitle or kicker class."""
    found: set[str] = set()
    for node in tree.xpath("//*[@class]"):  # a standfirst by its class, wherever the page sets it
        if _DECK_CLASS.search(node.get("class", "")) and word_count(node.text_content()) <= DECK_MAX_WORDS:
            found.add(plain(node.text_content()))
    titles = [t for t in (meta.html_title, meta.first("og:title"), ld_text(meta.ld_article.get("headline"))) if t]
    h1 = next(
        (h for h in tree.iter("h1") if any(similarity(h.text_content(), t) >= 0.6 for t in titles)),
        None,
    )
    if h1 is None:
        return found
    found.add(plain(h1.text_content()))
    for node in tree.iter(*HEADINGS):
        if node is h1:
            break
        found.add(plain(node.text_content()))
    header = next((a for a in h1.iterancestors() if a.tag == "header"), None)
    if header is not None and word_count(header.text_content()) <= HEADER_MAX_WORDS:
        # the article's own <header>: standfirst, byline, dates, whatever it holds
        for node in header.iter("p", "div", "span", *HEADINGS):
            text = plain(node.text_content())
            if text and word_count(text) <= DECK_MAX_WORDS:
                found.add(text)
    kicker = h1.getprevious()
    if kicker is not None and word_count(kicker.text_content()) <= KICKER_MAX_WORDS:
        found.add(plain(kicker.text_content()))  # "Analysis", "Review", a section's name
    parent = h1.getparent()
    for first in (h1, parent if parent is not None and len(parent.text_content()) < 2000 else None):
        # what follows the headline, up to the article's first paragraph
        for i, node in enumerate(itertools.islice(first.itersiblings() if first is not None else (), 4)):
            deck = bool(_DECK_CLASS.search(node.get("class") or ""))
            if not deck and (node.tag == "p" or node.find(".//p") is not None):
                break
            if deck or (i == 0 and node.tag in HEADINGS):  # a heading right under the headline
                found.add(plain(node.text_content()))
    found.discard("")
    return found


# Kinds of furniture dropped wherever they stand; bylines, datelines and standfirsts only at the top.
DROPPED_ANYWHERE = frozenset({"notice", "label", "share", "caption", "promo", "link", "contents", "headline"})


def furniture_kind(
    block: Block, credits: Credits | None = None, clues: Clues = NO_CLUES, position: int = 0
) -> str | None:
    """The kind of page furniture `block` looks like, or None for article text: "notice", "label",
    "share", "caption", "promo", "link" (another story's), "contents" (a table of contents),
    "headline" (repeated, among the first blocks at `position`), "byline", "dateline" or
    "standfirst" (the page's summary of itself)."""
    text = block.text
    kind = line_kind(text, clues.links)
    if kind:
        return kind
    if clues.captions and plain(text) in clues.captions:
        return "caption"
    if block.kind == "item" and plain(text) in clues.contents:
        return "contents"  # an entry of a table of contents; the heading it leads to stays
    if credits is None:
        return None
    # further down, only a near-exact repeat: a subhead may paraphrase the headline
    if position < HEADLINE_REACH and is_headline(text, credits, 0.8 if position == 0 else 0.9):
        return "headline"
    words = word_count(text)
    if words <= 15 and is_byline(text):
        return "byline"
    if words <= 15 and (is_dateline(text) or (words <= 6 and READING_TIME.search(text))):
        return "dateline"
    if (words <= 40 and plain(text) in clues.masthead) or (
        credits.description and words <= 60 and similarity(text, credits.description) >= 0.8
    ):
        return "standfirst"
    return None


def clean_blocks(blocks: list[Block], credits: Credits, clues: Clues = NO_CLUES) -> list[Block]:
    """Drop furniture, captions and repeated headlines, and the headline block (standfirst, byline,
    date, reading time, and what sits around the page's `<h1>`) above the article's first paragraph."""
    kept = [b for i, b in enumerate(blocks) if furniture_kind(b, credits, clues, i) not in DROPPED_ANYWHERE]
    start = 0
    while start < len(kept) - 1 and (
        is_headline_block(kept[start], credits)
        or (word_count(kept[start].text) <= 40 and plain(kept[start].text) in clues.masthead)
    ):
        start += 1
    kept = kept[start:]
    if kept and "\n" in kept[0].text:
        # a table-layout page can set headline, byline, date and first paragraph as lines of one cell
        lines = kept[0].text.split("\n")
        while len(lines) > 1 and is_headline_block(Block("p", lines[0]), credits):
            lines.pop(0)
        kept[0] = Block(kept[0].kind, "\n".join(lines))
    return kept


def is_headline(text: str, credits: Credits, likeness: float = 0.8) -> bool:
    """True for the headline, in any of the page's wordings, repeated as a block, also with the
    byline run into it ("A big rocketby Jo Bloggs")."""
    if any(similarity(text, h) >= likeness for h in credits.headlines):
        return True
    folded = text.casefold()
    for h in credits.headlines:
        rest = text[len(h) :].strip()
        if folded.startswith(h.casefold()) and is_byline(rest) and word_count(rest) <= 6:
            return True
    return False


HEADLINE_REACH = 8  # a headline repeated further down is quoted text, not page furniture


def is_headline_block(block: Block, credits: Credits) -> bool:
    """True for a block that belongs to the headline block above the article's first paragraph."""
    text = block.text
    words = word_count(text)
    if block.kind == "heading" and credits.description and similarity(text, credits.description) >= 0.8:
        return True  # a standfirst set as a heading
    if words <= 15 and (is_byline(text) or is_dateline(text) or (words <= 6 and READING_TIME.search(text))):
        return True
    if "\n" not in text and words <= 25 and is_headline(text, credits):
        return True
    return bool(credits.author and words <= 8 and similarity(text, credits.author) >= 0.8)
