"""What a page shows outside its article, read before trafilatura runs: the texts of its links,
captions, call-out titles and headline area, which the furniture rules (furniture.py) and the lead
model (lead.py) hold the extracted blocks against.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from lxml import etree

from clipper.extraction.page_meta import PageMeta
from clipper.extraction.structure import HEADINGS
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
    anchors: AbstractSet[str] = frozenset()  # every link's text of three words or more, to this site or another
    linked: AbstractSet[str] = frozenset()  # the text of every link, however short, wherever it leads


NO_CLUES = Clues(frozenset(), frozenset(), frozenset())


def read_clues(tree: etree._Element, meta: PageMeta, url: str) -> Clues:
    """The clues of the page at `url`, read before trafilatura runs."""
    links, contents, anchors, linked = _anchor_texts(tree, url)
    decks, boxes = classed_texts(tree)
    return Clues(links, caption_texts(tree), headline_area(tree, meta, decks), contents, boxes, anchors, linked)


def _anchor_texts(tree: etree._Element, url: str) -> tuple[set[str], set[str], set[str], set[str]]:
    """The text of every link to another page of the site, of a few words or more, whitespace and
    case folded: what a related story or a teaser would repeat (a link within the page, a heading's
    own anchor, or to another site, a product or a source, is no teaser); those of the links within
    the page set in a list, the entries of a table of contents; those of all links to other pages,
    here or elsewhere; and the text of every link."""
    here = host(url)
    links, contents, anchors, linked = set(), set(), set(), set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        text = plain(anchor.text_content())
        linked.add(text)
        if href.startswith("#"):
            if any(a.tag == "li" for a in anchor.iterancestors()):
                contents.add(text)
            continue
        if text.count(" ") < 2:
            continue
        anchors.add(text)
        if not (here and href.startswith(("http:", "https:", "//")) and not _on_site(href, url)):
            links.add(text)
    contents.discard("")
    linked.discard("")
    return links, contents, anchors, linked


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
KICKER_MAX_WORDS = 4


def headline_area(tree: etree._Element, meta: PageMeta, decks: AbstractSet[str] | None = None) -> set[str]:
    """The texts around the page's headline that are not the article: the `<h1>` itself, headings
    above it (section names, promotions), a short kicker right above it, the deck beside it, what
    the article's `<header>` holds, and any element of a deck, standfirst, subtitle or kicker class
    (`decks`, read by classed_texts when not given)."""
    found: set[str] = set(classed_texts(tree)[0] if decks is None else decks)
    titles = meta.titles
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
