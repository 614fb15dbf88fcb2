"""From an HTML page to an article: its paragraphs in reading order and who published it.

trafilatura finds the article body; clipper keeps its paragraph structure, removes page furniture
it lets through, and takes the metadata from what the page states about itself (metadata.py).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import sys
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import trafilatura
import trafilatura.metadata
from htmldate import find_date
from lxml import etree
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from clipper import metadata
from clipper.errors import NoArticleError
from clipper.page import Page
from clipper.text import similarity, word_count

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

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
    r"related (post|story|article)s?:|listen to this article|most (read|popular|viewed)|order reprints|print article|"
    r"you may also like|you might also like|tell us what you think|filed under|posted in|tagged:|leave a reply|"
    r"previous post|next post|like this:|related$|"
    # the same labels in German, French, Spanish, Portuguese, Italian, Dutch and Russian
    r"lesen sie (auch|mehr)|mehr zum thema|weiterlesen|anzeige$|werbung$|"
    r"(à )?lire (aussi|également|la suite)|publicité$|"
    r"lee (también|más)|leer más|publicidad$|"
    r"leia (também|mais)|publicidade$|"
    r"leggi (anche|di più)|vedi anche|pubblicità$|"
    r"lees (ook|meer)|advertentie$|"
    r"читайте (также|еще)|реклама$|"
    r"(teilen|partager|compartir|compartilhe|condividi|delen|поделиться)(\s+\S+){0,3}$)(?:\b|(?<=:))",
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
LINK_BOX_MAX_WORDS = 80


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
    clues = Clues(link_texts(tree), caption_texts(tree), headline_area(tree, meta))
    doc: Any = _trafilatura(tree, page.final_url, where, precision=True)
    credits = metadata.choose(meta, LibraryGuesses(tree, page.final_url), page.final_url)
    blocks = article_blocks(tree, doc, credits, clues)
    if doubtful(blocks, credits):
        # A second opinion without the precision setting, kept when it finds far more text.
        second = article_blocks(tree, _trafilatura(tree, page.final_url, where, precision=False), credits, clues)
        if sum(word_count(b.text) for b in second) > 2 * sum(word_count(b.text) for b in blocks):
            blocks = second
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
        language=meta.language,
        section=credits.section,
        opinion=credits.opinion,
    )


@dataclass(frozen=True)
class Clues:
    """What the page shows outside the article, read before trafilatura runs: the texts of its
    links, of its captions, and of the headline area (see clean_blocks)."""

    links: AbstractSet[str]
    captions: AbstractSet[str]
    masthead: AbstractSet[str]


NO_CLUES = Clues(frozenset(), frozenset(), frozenset())


class LibraryGuesses:
    """trafilatura's and htmldate's guesses at the metadata, computed only when the page's own
    statements leave a gap: the date search alone costs about a quarter of the library's time."""

    def __init__(self, tree: etree._Element, url: str) -> None:
        self.tree, self.url = tree, url

    @functools.cached_property
    def _stated(self) -> Any:
        """What the library reads from the meta tags and structured data (cheap)."""
        try:
            found = trafilatura.metadata.examine_meta(self.tree)
            if found.author and " " not in found.author:
                found.author = None  # as the library does: a one-word author is a handle
            return trafilatura.metadata.extract_meta_json(self.tree, found)
        except Exception:  # the library's own failures on hostile HTML
            return None

    @functools.cached_property
    def title(self) -> str | None:
        return getattr(self._stated, "title", None) or _quietly(trafilatura.metadata.extract_title, self.tree)

    @functools.cached_property
    def sitename(self) -> str | None:
        return getattr(self._stated, "sitename", None) or _quietly(trafilatura.metadata.extract_sitename, self.tree)

    @functools.cached_property
    def author(self) -> str | None:
        return getattr(self._stated, "author", None) or _quietly(trafilatura.metadata.extract_author, self.tree)

    @functools.cached_property
    def date(self) -> str | None:
        params = {**set_date_params(True), "url": self.url or None}
        return _quietly(lambda tree: find_date(tree, **params), self.tree)


def _quietly(guess: Callable[[etree._Element], str | None], tree: etree._Element) -> str | None:
    try:
        return guess(tree)
    except Exception:  # a guess that fails on hostile HTML is no guess
        return None


def _trafilatura(tree: etree._Element, url: str, where: str, *, precision: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url or None,
            with_metadata=False,  # clipper reads the metadata itself (metadata.py, LibraryGuesses)
            include_comments=False,
            include_tables=True,
            favor_precision=precision,
            prune_xpath=PRUNE_XPATH,
        )
    except Exception as exc:  # the library's own failures on hostile HTML
        raise NoArticleError(f"{where}: the page could not be read as an article ({type(exc).__name__})") from None


def article_blocks(tree: etree._Element, doc: Any, credits: metadata.Credits, clues: Clues) -> list[Block]:
    """The article's blocks from trafilatura's result, with the body's later sections and without
    page furniture."""
    blocks = body_blocks(doc.body) if doc is not None and doc.body is not None else []
    blocks = with_sibling_sections(tree, blocks)
    return clean_blocks([unwrap(b) for b in blocks], credits, clues)


DOUBTFUL_WORDS = 150


def doubtful(blocks: list[Block], credits: metadata.Credits) -> bool:
    """True when the body found is short and not what the page says it is about: nothing in it
    resembles the page's description, or it has no real paragraph at all."""
    if sum(word_count(b.text) for b in blocks) >= DOUBTFUL_WORDS:
        return False
    if not any(word_count(b.text) >= 20 for b in blocks):
        return True
    description = credits.description
    return bool(description) and not any(similarity(b.text, description or "") >= 0.3 for b in blocks)


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
        for row in node.iterchildren("row"):
            cells = list(row.iterchildren("cell"))
            if any(c.tag in _BLOCK_TAGS for cell in cells for c in cell):
                for cell in cells:  # a layout table: the article's own paragraphs sit in its cells
                    _collect_cell(cell, out)
                continue
            texts = [inline_text(c) for c in cells]
            out.append(Block("table", " | ".join(t for t in texts if t)))
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


SECTION_MIN_WORDS = 20
SECTION_REACH = 2  # sections of one body share a parent or grandparent; the page's far corners do not


def with_sibling_sections(tree: etree._Element, blocks: list[Block]) -> list[Block]:
    """The article's paragraphs from every section of its body. Some pages cut the body into
    sibling sections of one class with advertisements between them, and trafilatura keeps only
    the first; the paragraphs of the later sections are put back in page order."""
    first = next((b for b in blocks if b.kind == "p" and word_count(b.text) >= SECTION_MIN_WORDS), None)
    if first is None:
        return blocks
    wanted = _plain(first.text)
    found = tree.xpath("//p[contains(normalize-space(.), $s)]", s=" ".join(first.text.split()[:8]))
    start = next((p for p in found if _plain(p.text_content()) == wanted), None)
    section = start.getparent() if start is not None else None
    cls = section.get("class") if section is not None else None
    if section is None or not cls:
        return blocks
    sections = tree.xpath("//*[@class=$cls]", cls=cls)
    near = list(itertools.islice(section.iterancestors(), SECTION_REACH))
    later = [
        s
        for s in sections[sections.index(section) + 1 :]
        if not _inside(s, section)
        and any(a in near for a in itertools.islice(s.iterancestors(), SECTION_REACH))
        and not any(a.tag in ("footer", "aside", "nav") for a in s.iterancestors())
    ]
    if not later:
        return blocks
    have = {_plain(b.text) for b in blocks}
    added: list[Block] = []
    for node in later:
        paras = [" ".join(p.text_content().split()) for p in node.iter("p") if _link_density(p) <= 0.5]
        paras = [t for t in paras if t and _plain(t) not in have]
        if not any(word_count(t) >= SECTION_MIN_WORDS for t in paras) or _link_density(node) > 0.3:
            continue
        added.extend(Block("p", t) for t in paras)
    if not added:
        return blocks
    # The later sections follow the last block of the first one.
    ends = max((i for i, b in enumerate(blocks) if _plain(b.text) in _section_texts(section)), default=len(blocks) - 1)
    return blocks[: ends + 1] + added + blocks[ends + 1 :]


def _inside(node: etree._Element, other: etree._Element) -> bool:
    return any(a is other for a in node.iterancestors()) or any(a is node for a in other.iterancestors())


def _section_texts(node: etree._Element) -> set[str]:
    return {_plain(el.text_content()) for el in node.iter("p", *_HEADINGS, "li")}


def _link_density(node: etree._Element) -> float:
    text = len(" ".join(node.text_content().split())) or 1
    return sum(len(" ".join(a.text_content().split())) for a in node.iter("a")) / text


_BLOCK_TAGS = ("p", "list", "head", "quote", "table", "div")


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
        if " ".join(holder.getparent().text_content().split()):
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
    return _plain(text)


_DECK_CLASS = re.compile(r"\b(deck|dek|standfirst|sub-?title|sub-?head(line)?|strap(line)?|kicker|tagline)\b", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def headline_area(tree: etree._Element, meta: metadata.PageMeta) -> set[str]:
    """The texts around the page's headline that are not the article: the `<h1>` itself, headings
    above it (section names, promotions), and the deck or kicker set beside it."""
    found: set[str] = set()
    titles = [
        t for t in (meta.html_title, meta.first("og:title"), metadata.ld_text(meta.ld_article.get("headline"))) if t
    ]
    h1 = next(
        (h for h in tree.iter("h1") if any(similarity(h.text_content(), t) >= 0.6 for t in titles)),
        None,
    )
    if h1 is None:
        return found
    found.add(_plain(h1.text_content()))
    for node in tree.iter(*_HEADINGS):
        if node is h1:
            break
        found.add(_plain(node.text_content()))
    parent = h1.getparent()
    for first in (h1, parent if parent is not None and len(parent.text_content()) < 2000 else None):
        # what follows the headline, up to the article's first paragraph
        for i, node in enumerate(itertools.islice(first.itersiblings() if first is not None else (), 4)):
            deck = bool(_DECK_CLASS.search(node.get("class") or ""))
            if not deck and (node.tag == "p" or node.find(".//p") is not None):
                break
            if deck or (i == 0 and node.tag in _HEADINGS):  # a heading right under the headline
                found.add(_plain(node.text_content()))
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


def clean_blocks(blocks: list[Block], credits: metadata.Credits, clues: Clues = NO_CLUES) -> list[Block]:
    """Drop furniture, captions and repeated headlines, and the headline block (standfirst, byline,
    date, reading time, and what sits around the page's `<h1>`) above the article's first paragraph."""
    kept = [
        b
        for i, b in enumerate(blocks)
        if not is_furniture(b.text)
        # further down, only a near-exact repeat: a subhead may paraphrase the headline
        and not (i < HEADLINE_REACH and is_headline(b.text, credits, 0.8 if i == 0 else 0.9))
        and not is_link_box(b.text, clues.links)
        and not (clues.captions and _plain(b.text) in clues.captions)
        and not is_credited_caption(b.text)
    ]
    start = 0
    while start < len(kept) - 1 and (
        is_headline_block(kept[start], credits)
        or (word_count(kept[start].text) <= 40 and _plain(kept[start].text) in clues.masthead)
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
    return words <= FURNITURE_MAX_WORDS and bool(FURNITURE.match(text))


_CREDIT = re.compile(r"\S.*\((photo|image|picture|credit|foto)s?( credit)?:[^)]*\)$", re.I | re.S)


def is_credited_caption(text: str) -> bool:
    """True for a caption that ends with the picture's credit: "The stage at the plant. (credit: NASA)"."""
    return word_count(text) <= 60 and bool(_CREDIT.match(text.strip()))


def is_headline(text: str, credits: metadata.Credits, likeness: float = 0.8) -> bool:
    """True for the headline, in any of the page's wordings, repeated as a block, also with the
    byline run into it ("A big rocketby Jo Bloggs")."""
    if any(similarity(text, h) >= likeness for h in credits.headlines):
        return True
    folded = text.casefold()
    for h in credits.headlines:
        rest = text[len(h) :].strip()
        if folded.startswith(h.casefold()) and BYLINE.match(rest) and word_count(rest) <= 6:
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
    r"|^(author|autor|auteur|autore|text|texto|testo|texte|текст|автор)\s*:",
    re.I,
)
_BYLINE_TAIL = re.compile(r"\s(by|von|par|por)\s+[\w\s.'-]{2,60}$", re.I)
READING_TIME = re.compile(
    r"(\d+\s*-?\s*(min|minute|minutes|mins|minuto|minutos|minuten)\b.{0,12}$)|"
    r"^\W*(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|lettura)\b",
    re.I,
)


def is_dateline(text: str) -> bool:
    """True for a line of dates, times and an optional byline: `5:45 AM PST 11/19/2019 by Jo Bloggs`,
    `Mittwoch, 20. November 2019, 14:32 Uhr`, `22 de outubro de 2010 às 20:13`."""
    known = dateline_words()
    words = [w.casefold() for w in re.findall(r"\w+", _BYLINE_TAIL.sub(" ", text))]
    dated = [w for w in words if any(c.isdigit() for c in w) or w in known["months"] or w in known["weekdays"]]
    other = [w for w in words if w not in dated and w not in known["fillers"]]
    return bool(dated) and len(other) <= 1


def is_headline_block(block: Block, credits: metadata.Credits) -> bool:
    """True for a block that belongs to the headline block above the article's first paragraph."""
    text = block.text
    words = word_count(text)
    if block.kind == "heading" and credits.description and similarity(text, credits.description) >= 0.8:
        return True  # a standfirst set as a heading
    if words <= 15 and (BYLINE.match(text) or is_dateline(text) or READING_TIME.search(text)):
        return True
    if "\n" not in text and words <= 25 and is_headline(text, credits):
        return True
    return bool(credits.author and words <= 8 and similarity(text, credits.author) >= 0.8)
