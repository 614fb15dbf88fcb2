"""Page furniture: what on a page is not the article, and the rules that tell it apart.

Read from the page before trafilatura runs (link texts, captions, the headline area) and applied
to the blocks it finds: furniture lines, link boxes, captions, the repeated headline and the
headline block (standfirst, byline, dateline, reading time) above the first paragraph. Every rule
is general: page structure, the page's own metadata, link texts, repeated furniture.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from lxml import etree

from clipper.extraction.article import Block, FurnitureKind
from clipper.extraction.credits import Credits
from clipper.extraction.kinds import is_byline, is_dateline, is_reading_time, line_kind
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.words import words as word_list
from clipper.text import plain, similarity, word_count
from clipper.web.urls import host, same_site


@dataclass(frozen=True)
class Clues:
    """What the page shows outside the article, read before trafilatura runs (read_clues): the
    texts of its links to other pages of the site and within the page, of its captions, and of
    the headline area (see clean_blocks)."""

    links: AbstractSet[str]
    captions: AbstractSet[str]
    masthead: AbstractSet[str]
    contents: AbstractSet[str] = frozenset()
    labels: AbstractSet[str] = frozenset()
    anchors: AbstractSet[str] = frozenset()  # every link's text, to this site or another


NO_CLUES = Clues(frozenset(), frozenset(), frozenset())


def read_clues(tree: etree._Element, meta: PageMeta, url: str) -> Clues:
    """The clues of the page at `url`, read before trafilatura runs."""
    links, contents, anchors = _anchor_texts(tree, url)
    decks, boxes = classed_texts(tree)
    return Clues(links, caption_texts(tree), headline_area(tree, meta, decks), contents, boxes, anchors)


def link_texts(tree: etree._Element, url: str = "") -> set[str]:
    """The text of every link to another page of the site, of a few words or more, whitespace and
    case folded: what a related story or a teaser would repeat. A link within the page (a heading's
    own anchor, a table of contents) or to another site (a product, a source) is no teaser."""
    return _anchor_texts(tree, url)[0]


def _anchor_texts(tree: etree._Element, url: str) -> tuple[set[str], set[str], set[str]]:
    """The link texts (see link_texts); those of the links within the page set in a list, the
    entries of a table of contents; and those of all links to other pages, here or elsewhere."""
    here = host(url)
    links, contents, anchors = set(), set(), set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href.startswith("#"):
            if any(a.tag == "li" for a in anchor.iterancestors()):
                contents.add(plain(anchor.text_content()))
            continue
        text = plain(anchor.text_content())
        if text.count(" ") < 2:
            continue
        anchors.add(text)
        if not (here and href.startswith(("http:", "https:", "//")) and not _on_site(href, url)):
            links.add(text)
    contents.discard("")
    return links, contents, anchors


def _on_site(href: str, url: str) -> bool:
    return same_site(href if not href.startswith("//") else "http:" + href, url)


ALT_MAX_WORDS = 20  # a longer alt text repeats a paragraph of the article as often as it captions


def caption_texts(tree: etree._Element) -> set[str]:
    """The text of every caption on the page (figcaption, an image's short alt text, caption
    classes): a caption is about a picture, not a paragraph of the article."""
    found = set()
    for node in tree.xpath("//figcaption | //*[contains(@class, 'caption')]"):
        text = plain(node.text_content())
        if text:
            found.add(text)
    has_text: dict[etree._Element, bool] = {}  # the boxes around pictures, asked once: pictures share them
    for image in tree.iter("img"):
        text = plain(image.get("alt") or "")
        if 1 <= text.count(" ") < ALT_MAX_WORDS:
            found.add(text)
        for line in (_line_under(image, has_text), _styled_beside(image)):
            if line:
                found.add(line)
    return found


def _styled_beside(image: etree._Element) -> str | None:
    """The text of the picture's own box when all of it is set in italics or small print: a caption
    without the markup of one ("<div><img><em>A new study looks at…</em></div>")."""
    box = image.getparent()
    while box is not None and box.tag in ("a", "span", "picture"):
        box = box.getparent()
    if box is None or box.tag not in ("div", "p", "span", "center") or len(box) > 6:
        return None
    text = " ".join(box.text_content().split())
    if not text or word_count(text) > DECK_MAX_WORDS:
        return None
    styled = " ".join(" ".join(el.text_content().split()) for el in box.iter("em", "i", "small"))
    return plain(text) if len(styled) >= 0.9 * len(text) else None


CAPTION_MAX_WORDS = 10


_HAS_TEXT = etree.XPath("string-length(normalize-space(.)) > 0")


def _line_under(image: etree._Element, has_text: dict[etree._Element, bool]) -> str | None:
    """A short line set right under a picture that stands alone in its block: a caption without
    the markup of one ("Kate Henshaw" centred under her photo). `has_text` keeps what is known of
    the boxes around pictures."""
    holder = image
    while (parent := holder.getparent()) is not None and parent.tag in ("a", "span", "div", "p", "center"):
        if parent not in has_text:
            has_text[parent] = bool(_HAS_TEXT(parent))
        if has_text[parent]:
            break
        holder = parent
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
# The title of a call-out box ("Note", "Tip", "Interactive Editor") as documentation and developer
# blogs set it: Python-Markdown and MkDocs, Sphinx, Docusaurus, GitHub.
_BOX_TITLE_CLASS = r"admonition-title|admonition-heading|callout-title|markdown-alert-title"
_CLASS_SCAN = re.compile(rf"(?P<deck>{_DECK_CLASS.pattern})|(?P<box>{_BOX_TITLE_CLASS})", re.I)
BOX_TITLE_MAX_WORDS = 6


def classed_texts(tree: etree._Element) -> tuple[set[str], set[str]]:
    """The texts of the elements of a deck, standfirst, subtitle or kicker class, wherever the page
    sets them, and the titles of its call-out boxes. The page's class names are searched at once,
    as one text, and only the elements of the names found are read."""
    names = _CLASS_NAMES(tree)
    folded = [n.casefold() for n in names]  # folding may change a name's length: offsets are the folded ones
    joined = "\n".join(folded)
    decks: set[str] = set()
    boxes: set[str] = set()
    if not _CLASS_HINT.search(joined):
        return decks, boxes
    starts = list(itertools.accumulate((len(n) + 1 for n in folded[:-1]), initial=0))
    scanned: dict[int, re.Match[str]] = {}
    for hint in _CLASS_HINT.finditer(joined):
        i = bisect.bisect_right(starts, hint.start()) - 1
        found = _CLASS_SCAN.search(names[i]) if i not in scanned else None
        if found is not None:
            scanned[i] = found
    # the elements of the names found, by their place among the classed elements (one walk)
    places = " or ".join(f"position() = {i + 1}" for i in scanned)
    elements = tree.xpath(f"(//*[@class])[{places}]") if scanned else []
    for (_, found), element in zip(sorted(scanned.items()), elements, strict=True):
        text = element.text_content()
        if found.group("deck") and word_count(text) <= DECK_MAX_WORDS:
            decks.add(plain(text))
        elif found.group("box") and word_count(text) <= BOX_TITLE_MAX_WORDS:
            boxes.add(plain(text))
    return decks - {""}, boxes - {""}


# The class names of the page, as plain strings: a smart string holds its element, which is dear to
# make for every classed element of a page.
_CLASS_NAMES = etree.XPath("//@class", smart_strings=False)
# A quick search for the class names _CLASS_SCAN may match, over all of them folded together.
_CLASS_HINT = re.compile(
    r"deck|dek|standfirst|sub-?title|sub-?head|strap|kicker|tagline|admonition-|callout-title|alert-title"
)
HEADER_MAX_WORDS = 300  # an article's <header> holds its headline block, not its body
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
KICKER_MAX_WORDS = 4


def headline_area(tree: etree._Element, meta: PageMeta, decks: AbstractSet[str] | None = None) -> set[str]:
    """The texts around the page's headline that are not the article: the `<h1>` itself, headings
    above it (section names, promotions), a short kicker right above it, the deck beside it, what
    the article's `<header>` holds, and any element of a deck, standfirst, subtitle or kicker class
    (`decks`, read by classed_texts when not given)."""
    found: set[str] = set(classed_texts(tree)[0] if decks is None else decks)
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


def furniture_kind(
    block: Block, credits: Credits | None = None, clues: Clues = NO_CLUES, position: int = 0, *, top: bool = True
) -> FurnitureKind | None:
    """The kind of page furniture `block` looks like, or None for article text: "notice", "label",
    "share", "caption", "promo", "link" (another story's), "contents" (a table of contents),
    "headline" (repeated, among the first blocks at `position`), and with `top` the kinds of the
    headline block above an article: "byline", "dateline" or "standfirst" (the page's summary)."""
    text = block.text
    kind = line_kind(text, clues.links, clues.anchors)
    if kind:
        return kind
    key = plain(text)
    if key in clues.captions:
        return "caption"
    if key in clues.labels:
        return "label"
    if block.kind == "item" and key in clues.contents:
        return "contents"  # an entry of a table of contents; the heading it leads to stays
    if credits is None:
        return None
    # further down, only a near-exact repeat: a subhead may paraphrase the headline
    if position < HEADLINE_REACH and is_headline(text, credits, 0.8 if position == 0 else 0.9):
        return "headline"
    return _headline_block_kind(text, key, credits, clues) if top else None


def _headline_block_kind(text: str, key: str, credits: Credits, clues: Clues) -> FurnitureKind | None:
    words = word_count(text)
    if words <= 15 and is_byline(text):
        return "byline"
    if (words <= DATELINE_MAX_WORDS and is_dateline(text)) or (words <= 6 and is_reading_time(text)):
        return "dateline"
    if (words <= 40 and key in clues.masthead) or (
        credits.description and words <= 60 and similarity(text, credits.description) >= 0.8
    ):
        return "standfirst"
    if is_subtitle(text, credits):
        return "standfirst"
    if words >= 2 and any(key in plain(h) for h in credits.headlines):
        return "headline"  # a part of the headline set as a block of its own
    return None


def clean_blocks(blocks: list[Block], credits: Credits, clues: Clues = NO_CLUES) -> list[Block]:
    """Drop furniture, captions and repeated headlines, a review's score box, and the headline block
    (standfirst, byline, date, reading time, and what sits around the page's `<h1>`) above the
    article's first paragraph."""
    kept = without_score_box(
        [b for i, b in enumerate(blocks) if furniture_kind(b, credits, clues, i, top=False) is None]
    )
    start = 0
    while start < len(kept) - 1 and (skip := _headline_block_at(kept[start:], credits, clues)):
        start += skip
    kept = kept[start:]
    if kept and "\n" in kept[0].text:
        # a table-layout page can set headline, byline, date and first paragraph as lines of one cell
        lines = kept[0].text.split("\n")
        while len(lines) > 1 and is_headline_block(Block("p", lines[0]), credits):
            lines.pop(0)
        kept[0] = Block(kept[0].kind, "\n".join(lines))
    return kept


EPIGRAPH_MAX_WORDS = 25


def _headline_block_at(blocks: list[Block], credits: Credits, clues: Clues) -> int:
    """How many of the first blocks belong to the headline block (or an epigraph above the
    article), or 0 when the first is the article's."""
    first = blocks[0]
    words = word_count(first.text)
    if (first.kind == "quote" and words <= EPIGRAPH_MAX_WORDS) or is_headline_block(first, credits):
        return 1
    if words <= 40 and plain(first.text) in clues.masthead:
        return 1
    return headline_parts(blocks, credits)


HEADLINE_PART_MAX_WORDS = 15


def headline_parts(blocks: list[Block], credits: Credits) -> int:
    """How many of the first blocks (two or three) are the headline set in parts ("Open Journalism
    Project:" then "Better Student Journalism"), or 0."""
    for count in (2, 3):
        parts = blocks[:count]
        if len(parts) < count or any(word_count(b.text) > HEADLINE_PART_MAX_WORDS for b in parts):
            return 0
        if any(similarity(" ".join(b.text for b in parts), h) >= 0.9 for h in credits.headlines):
            return count
    return 0


SUBTITLE_MIN_WORDS = 4


def is_subtitle(text: str, credits: Credits) -> bool:
    """True for the headline's subtitle: a line that one of the page's wordings of the headline
    carries on with after a full stop or a colon ("Samantha and The Great Big Lie. How to get
    shanked doing what people…"), not after a separator before the site's name."""
    if word_count(text) > 40:
        return False
    words = plain(text).split()
    for short in credits.headlines:
        for long in credits.headlines:
            if len(long) <= len(short) or not long.startswith(short) or long[len(short) :].lstrip()[:1] not in ".:":
                continue
            rest = plain(long[len(short) :]).split()
            common = next(
                (i for i, (a, b) in enumerate(zip(rest, words, strict=False)) if a != b), min(len(rest), len(words))
            )
            if common >= min(SUBTITLE_MIN_WORDS, len(words)) and common >= 0.6 * min(len(words), len(rest)):
                return True
    return False


def without_score_box(blocks: list[Block]) -> list[Block]:
    """The blocks without a review's score box: a run of short headings and list items that holds
    both a "Pros" and a "Cons" heading ("Engadget Score", "Pros", …, "Cons", …, "Summary")."""
    pros, cons = word_list("furniture", "pros"), word_list("furniture", "cons")
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _in_score_box(blocks[j]):
            j += 1
        headings = {plain(b.text) for b in blocks[i:j] if b.kind == "heading"}
        if headings & pros and headings & cons:
            i = j  # the whole run is the box
        elif j > i:
            out.extend(blocks[i:j])
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


def _in_score_box(block: Block) -> bool:
    return (block.kind == "heading" and word_count(block.text) <= 4) or (
        block.kind == "item" and word_count(block.text) <= 20
    )


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
STANDFIRST_MIN_WORDS = 8
DATELINE_MAX_WORDS = 30  # a place, a long date and a time; more is a sentence


def is_headline_block(block: Block, credits: Credits) -> bool:
    """True for a block that belongs to the headline block above the article's first paragraph."""
    text = block.text
    words = word_count(text)
    if (
        block.kind == "heading"
        and words >= STANDFIRST_MIN_WORDS
        and credits.description
        and similarity(text, credits.description) >= 0.8
    ):
        return True  # a standfirst set as a heading; a short one is the first section's heading
    if (words <= 15 and is_byline(text)) or (words <= 6 and is_reading_time(text)):
        return True
    if words <= DATELINE_MAX_WORDS and is_dateline(text):
        return True
    if "\n" not in text and words <= 25 and (is_headline(text, credits) or is_subtitle(text, credits)):
        return True
    return bool(credits.author and words <= 8 and similarity(text, credits.author) >= 0.8)
