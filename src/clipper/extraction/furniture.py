"""Page furniture: what on a page is not the article, and the rules that tell it apart.

Read from the page before trafilatura runs (link texts, captions, the headline area) and applied
to the blocks it finds: furniture lines, link boxes, captions, the repeated headline and the
headline block (standfirst, byline, dateline, reading time) above the first paragraph. Every rule
is general: page structure, the page's own metadata, link texts, repeated furniture.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from clipper.extraction.article import Block
from clipper.extraction.credits import Credits
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.text import plain, similarity, word_count

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# Short lines that are page furniture, whatever page they are on.
# Labels that end where they stand ("Advertisement", "Most read") or open with a colon; a sentence
# that opens with the same word ("Advertising revenue fell…", "Facebook said…") is article text.
FURNITURE = re.compile(
    r"^\W*(continue reading|read more|read the full|print friendly|print this|share (this|on|via)|"
    r"click (here|to)|sign up|subscribe\b|follow us|related( articles| stories)?:|"
    r"(also )?read( also)?:|see also:|more on this|image (source|caption|copyright)|"
    r"(photo|picture)( credit)?:|copyright ©|all rights reserved|leave a comment|"
    r"story continues|article continues|continue reading below|scroll to continue|disclosure:|"
    r"this copy is for your personal|related (post|story|article)s?:|listen to this article|order reprints|"
    r"print article|you may also like|you might also like|tell us what you think|filed under|posted in|"
    r"tagged:|leave a reply|previous post|next post|like this:|"
    r"((advertisement|advertising|sponsored( content| post)?|recommended( for you| reading| stories)?|related|"
    r"most (read|popular|viewed|shared)( stories| articles)?|don'?t miss|comments?( \(\d+\))?)\W*$)|"
    # the same labels in German, French, Spanish, Portuguese, Italian, Dutch and Russian
    r"lesen sie (auch|mehr)|mehr zum thema|weiterlesen|anzeige$|werbung$|"
    r"(à )?lire (aussi|également|la suite)|publicité$|"
    r"lee (también|más)|leer más|publicidad$|"
    r"leia (também|mais)|publicidade$|"
    r"leggi (anche|di più)|vedi anche|pubblicità$|"
    r"lees (ook|meer)|advertentie$|"
    r"читайте (также|еще)|реклама$|"
    r"(teilen|partager|compartir|compartilhe|condividi|delen|поделиться)(\s+\S+){0,3}$)(?:\b|(?<=:)|$)",
    re.I,
)
# A line of share buttons: nothing but the names of networks and sharing words.
SHARE_LINE = re.compile(
    r"^\W*((facebook|twitter|x|email|e-mail|whatsapp|linkedin|pinterest|reddit|telegram|messenger|print|share|"
    r"copy( link)?|flipboard|tumblr|sms)\W*)+$",
    re.I,
)
FURNITURE_MAX_WORDS = 14
LINK_BOX_MAX_WORDS = 80


@dataclass(frozen=True)
class Clues:
    """What the page shows outside the article, read before trafilatura runs: the texts of its
    links, of its captions, and of the headline area (see clean_blocks)."""

    links: AbstractSet[str]
    captions: AbstractSet[str]
    masthead: AbstractSet[str]


NO_CLUES = Clues(frozenset(), frozenset(), frozenset())


def link_texts(tree: etree._Element) -> set[str]:
    """The text of every link on the page of a few words or more, whitespace and case folded."""
    found = set()
    for anchor in tree.iter("a"):
        text = plain(anchor.text_content())
        if text.count(" ") >= 2:
            found.add(text)
    return found


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


_LINK_LABEL = re.compile(
    r"^\W*(related( post| story| article| content)?|read( more| also| next)?|more|see also|also|"
    r"recommended|watch|listen|opinion|analysis|video|photos?|gallery|lesen sie auch|mehr zum thema|"
    r"(à )?lire aussi|lee también|leia também|leggi anche|lees ook|читайте также)\s*[:|»›>-]\s*",
    re.I,
)


def is_link_box(text: str, links: AbstractSet[str]) -> bool:
    """True for a short block that is only the text of a link on the page: a related story, a teaser."""
    if not links or text.count(" ") >= LINK_BOX_MAX_WORDS:
        return False
    return plain(_LINK_LABEL.sub("", text)) in links


def clean_blocks(blocks: list[Block], credits: Credits, clues: Clues = NO_CLUES) -> list[Block]:
    """Drop furniture, captions and repeated headlines, and the headline block (standfirst, byline,
    date, reading time, and what sits around the page's `<h1>`) above the article's first paragraph."""
    kept = [
        b
        for i, b in enumerate(blocks)
        if not is_furniture(b.text)
        # further down, only a near-exact repeat: a subhead may paraphrase the headline
        and not (i < HEADLINE_REACH and is_headline(b.text, credits, 0.8 if i == 0 else 0.9))
        and not is_link_box(b.text, clues.links)
        and not (clues.captions and plain(b.text) in clues.captions)
        and not is_credited_caption(b.text)
    ]
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


# Notices that are furniture at any length: the reprint notice, a line that is only an address.
NOTICE = re.compile(r"^\W*(this copy is for your personal|https?://\S+$)", re.I)


def is_furniture(text: str) -> bool:
    """True for a short line of page furniture: share buttons, 'Continue reading', 'Advertisement',
    a bare label such as 'More:'; and for a reprint notice or a bare address."""
    if NOTICE.match(text):
        return True
    words = word_count(text)
    if words <= 2 and text.rstrip().endswith(":"):
        return True
    return words <= FURNITURE_MAX_WORDS and bool(FURNITURE.match(text) or SHARE_LINE.match(text))


_CREDIT = re.compile(r"\S.*\((photo|image|picture|credit|foto)s?( credit)?:[^)]*\)$", re.I | re.S)


def is_credited_caption(text: str) -> bool:
    """True for a caption that ends with the picture's credit: "The stage at the plant. (credit: NASA)"."""
    return word_count(text) <= 60 and bool(_CREDIT.match(text.strip()))


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


@functools.lru_cache(maxsize=1)
def dateline_words() -> dict[str, frozenset[str]]:
    """Months, weekdays and fillers of datelines in several languages (data/dates.toml)."""
    data = tomllib.loads((Path(__file__).parent / "data" / "dates.toml").read_text(encoding="utf-8"))
    return {part: frozenset(w for words in data[part].values() for w in words) for part in data}


BYLINE = re.compile(
    r"^((written|words|story|text|reporting|report|analysis|opinion|commentary)\s+)?(by|von|par|por|di|door|av|af|de)\s+\S"
    r"|^(author|autor|auteur|autore|text|texto|testo|texte|текст|автор|文|作者|撰文|記者|记者)\s*[:：]"
    r"|^\S{2,4}\s*(기자|記者|记者)$",  # Korean, Japanese and Chinese: the name, then "reporter"
    re.I,
)
_BYLINE_TAIL = re.compile(r"\s(by|von|par|por)\s+[\w\s.'-]{2,60}$", re.I)
READING_TIME = re.compile(
    r"(\d+\s*-?\s*(min|minute|minutes|mins|minuto|minutos|minuten)\b.{0,12}$)|"
    r"^\W*(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|lettura)\b",
    re.I,
)


def is_byline(text: str) -> bool:
    """True for "By Jane Doe", "Par Jean Dupont, 5 mars", "Texto: João Silva"; not for a sentence
    that opens with the same word ("By the end of the day…", "De nombreux habitants…"): what
    follows "by" must read as names, mostly capitalised words."""
    match = BYLINE.match(text)
    if not match:
        return False
    if match.group(3) is None:  # a label ("Author:", "文：") or a name then "reporter"
        return True
    words = re.findall(r"[^\W\d_][\w'.-]*", text[match.end() - 1 :])
    capitalised = [w for w in words if w[:1].isupper() or w.casefold() in ("and", "und", "et", "y", "e")]
    return bool(words) and len(capitalised) >= 0.6 * len(words)


def is_dateline(text: str) -> bool:
    """True for a line of dates, times and an optional byline: `5:45 AM PST 11/19/2019 by Jo Bloggs`,
    `Mittwoch, 20. November 2019, 14:32 Uhr`, `22 de outubro de 2010 às 20:13`."""
    known = dateline_words()
    words = [w.casefold() for w in re.findall(r"\w+", _BYLINE_TAIL.sub(" ", text))]
    dated = [w for w in words if any(c.isdigit() for c in w) or w in known["months"] or w in known["weekdays"]]
    other = [w for w in words if w not in dated and w not in known["fillers"]]
    return bool(dated) and len(other) <= 1


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
