"""From an HTML page to an article: its paragraphs in reading order and who published it.

trafilatura finds the article body; clipper keeps its paragraph structure, puts back what it
misses (recovered.py, and a second opinion on a doubtful page), removes the page furniture it lets
through (furniture.py), lets the lead model judge the article's opening (lead.py), and takes the
metadata from what the page states about itself (page_meta.py, credits.py).
"""

from __future__ import annotations

import copy
import datetime
import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import trafilatura
import trafilatura.metadata
from htmldate import find_date
from lxml import etree
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from clipper.errors import ContentError, NoArticleError
from clipper.extraction import lead, lead_features, page_meta
from clipper.extraction.article import MIN_WORDS, Article, Block
from clipper.extraction.blocks import body_blocks, split_run_together, unwrap, with_run_in_subheads
from clipper.extraction.clues import Clues, read_clues
from clipper.extraction.credits import Credits, choose
from clipper.extraction.days import copyright_years, days_in
from clipper.extraction.doubts import doubts as find_doubts
from clipper.extraction.furniture import clean_blocks, furniture_kind
from clipper.extraction.opening import with_opening, with_subheads
from clipper.extraction.recovered import stated_paragraphs, with_leading_text, with_sibling_sections, with_stated_lead
from clipper.extraction.spacing import separate_blocks
from clipper.extraction.structure import with_code_lines
from clipper.text import plain, similarity, word_count
from clipper.web.page import Page

# trafilatura logs its own doubts at WARNING; they are not the user's business.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# Text a reader never sees in the paragraph: hidden elements, tooltips and hover cards. The first
# three kinds in one expression: each expression is a walk over the whole page.
PRUNE_XPATH = [
    "//*[@hidden or @aria-hidden='true'"
    " or (@style and (contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')))"
    " or (@class and (contains(@class, 'sr-only') or contains(@class, 'visually-hidden')"
    " or contains(@class, 'screen-reader')))]",
    # a hover card inside a paragraph: a picture and links about a name, not prose
    "//p//*[self::span or self::div][.//img and count(.//a) >= 2]"
    "[not(.//*[self::span or self::div][.//img and count(.//a) >= 2])]",
]


@dataclass(frozen=True)
class Reading:
    """The page read by the rules, before the lead model judges the article's first blocks."""

    blocks: list[lead_features.Candidate]  # the rules' blocks, with those they took out near the top
    raw: list[Block]  # what trafilatura found, before clipper took the page's furniture out of it
    stated: list[str]  # the body the page states in its structured data
    meta: page_meta.PageMeta
    credits: Credits
    clues: Clues
    tree: etree._Element


def extract(page: Page) -> Article:
    """Extract the article from `page`; NoArticleError when there is no text to quote."""
    reading = read(page)
    opened = lead.opening(reading.blocks, lead_features.Page(reading.tree, reading.credits, reading.clues))
    credits = reading.credits
    blocks, doubted = find_doubts(
        opened.blocks, credits, reading.meta, reading.clues, reading.stated, reading.raw, opened.unsure
    )
    return Article(
        url=credits.url,
        title=credits.title,
        site_name=credits.site_name,
        author=credits.author,
        date=credits.date,
        blocks=tuple(blocks),
        description=credits.description,
        canonical_url=reading.meta.canonical,
        language=reading.meta.language,
        section=credits.section,
        opinion=credits.opinion,
        doubts=doubted,
    )


def read(page: Page) -> Reading:
    """The article's blocks as the rules find them, with what was read of the page on the way."""
    where = page.final_url or page.url or str(page.path)
    tree = load_html(page.text)
    if tree is None:
        raise ContentError(f"{where}: not an HTML page (no markup to read)")
    separate_blocks(tree)  # before anything reads its text: blocks' words apart, as a browser shows them
    meta = page_meta.read(tree, page.final_url)
    own = page.final_url or meta.canonical or meta.first("og:url") or ""
    clues = read_clues(tree, meta, own)
    doc: Any = _trafilatura(tree, page.final_url, where, precision=True)
    # htmldate reads a date from the article's address first, and searches the whole page (slowly)
    # only without one: give it the address the page states, as trafilatura does, then ours
    address = meta.canonical or meta.first("og:url") or page.final_url or ""
    credits = choose(meta, LibraryGuesses(tree, address), page.final_url)
    credits = replace(credits, headlines=tuple(h for h in credits.headlines if h not in stray_h1s(meta)))
    raw = trafilatura_blocks(doc)
    found = {plain(b.text) for b in raw if b.kind == "heading"}  # the headings trafilatura found, kept or not
    prepared = prepared_blocks(tree, raw)
    blocks = clean_blocks(prepared, credits, clues)
    stated = stated_paragraphs(meta.ld_article.get("articleBody"))
    stated_words = sum(word_count(p) for p in stated)
    if doubtful(blocks, credits) or _words(blocks) * 2 < stated_words:
        # A second opinion without the precision setting, kept when it finds far more text.
        raw_second = trafilatura_blocks(_trafilatura(tree, page.final_url, where, precision=False))
        found |= {plain(b.text) for b in raw_second if b.kind == "heading"}
        prepared_second = prepared_blocks(tree, raw_second)
        second = clean_blocks(prepared_second, credits, clues)
        if _words(second) > 2 * _words(blocks):
            blocks, raw, prepared = second, raw_second, prepared_second
    if _words(blocks) * 2 < stated_words:
        # Still less than half the body the page states in its structured data: a page that shows
        # readers a teaser and gives the whole article to machines. The stated body it is.
        prepared = [Block("p", p) for p in stated]
        blocks = clean_blocks(prepared, credits, clues)
    if not blocks:
        # The rules for the top of an article left nothing of what trafilatura found (a brief whose
        # one paragraph repeats its headline): that text it is, without the furniture.
        blocks = [b for b in raw if furniture_kind(b, None, clues) is None]
        blocks = [b for b in blocks if b.kind != "heading"] or blocks
    blocks = with_stated_lead(blocks, stated)
    blocks = with_leading_text(tree, blocks, clues)
    blocks = with_subheads(tree, with_opening(tree, blocks, credits, clues), clues, found)
    words = _words(blocks)
    if words < MIN_WORDS:  # nothing, or too little to be an article ("Hello")
        few = f" (only {words} word{'s' * (words != 1)})" if words else ""
        raise NoArticleError(f"{where}: no article text found on the page{few}")
    if _links_only(blocks, clues):
        raise NoArticleError(f"{where}: no article text found on the page, only links (a listing or an index)")
    return Reading(lead_features.with_ruled_out(blocks, prepared), raw, stated, meta, credits, clues, tree)


def stray_h1s(meta: page_meta.PageMeta) -> set[str]:
    """The page's `<h1>`s that are not its headline in any wording the page states elsewhere: a
    platform that sets each section's heading as an `<h1>` ("Why CPU monitoring is important?")."""
    stated = meta.titles
    if not stated:
        return set()
    return {h for h in meta.h1 if all(similarity(h, t) < 0.5 and plain(h) not in plain(t) for t in stated)}


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

    def authors(self) -> Iterator[str | None]:
        """The library's author from the metadata, then from the visible byline (dearer: it copies
        the page), each only if the one before did not do."""
        yield getattr(self._stated, "author", None)
        yield _quietly(trafilatura.metadata.extract_author, self.tree)

    @functools.cached_property
    def date(self) -> str | None:
        """The day a search of the page finds, or None. The search gives a year it finds alone as
        its 1 January: that is no day unless the page writes it, and no date is better than a
        made-up one."""
        params = {**set_date_params(True), "url": self.url or None}
        day = _quietly(lambda tree: find_date(tree, **params), self.tree)
        line = copyright_years(day) if day else None
        if line is not None and line.search(self.tree.text_content()):
            # 1 January and a copyright line of that year: search again without the line (rare, so a copy)
            tree = copy.deepcopy(self.tree)
            for node in tree.iter():
                node.text = line.sub("", node.text) if node.text else node.text
                node.tail = line.sub("", node.tail) if node.tail else node.tail
            day = _quietly(lambda tree: find_date(tree, **params), tree)
        if day is not None and day.endswith("-01-01") and not _writes(self.tree, day):
            return None
        return day


def _writes(tree: etree._Element, day: str) -> bool:
    """True when the page's text writes `day` (an ISO date) in any of the forms days.py reads."""
    wanted = datetime.date.fromisoformat(day[:10])
    return any(found == wanted for found in days_in(tree.text_content()))


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
            with_metadata=False,  # clipper reads the metadata itself (credits.py, LibraryGuesses)
            include_comments=False,
            include_tables=True,
            favor_precision=precision,
            prune_xpath=PRUNE_XPATH,
        )
    except Exception as exc:  # the library's own failures on hostile HTML
        raise NoArticleError(f"{where}: the page could not be read as an article ({type(exc).__name__})") from None


def trafilatura_blocks(doc: Any) -> list[Block]:
    """The blocks of trafilatura's result, as it gives them."""
    return [unwrap(b) for b in body_blocks(doc.body)] if doc is not None and doc.body is not None else []


def prepared_blocks(tree: etree._Element, blocks: list[Block]) -> list[Block]:
    """trafilatura's blocks with the body's later sections, code listings' lines and run-in subheads:
    what the furniture rules clean."""
    return split_run_together(with_run_in_subheads(with_sibling_sections(tree, with_code_lines(tree, blocks))))


DOUBTFUL_WORDS = 150


def doubtful(blocks: list[Block], credits: Credits) -> bool:
    """True when the body found is short and not what the page says it is about: nothing in it
    resembles the page's description, or it has no real paragraph at all."""
    if _words(blocks) >= DOUBTFUL_WORDS:
        return False
    if not any(word_count(b.text) >= 20 for b in blocks):
        return True
    description = credits.description
    return bool(description) and not any(similarity(b.text, description or "") >= 0.3 for b in blocks)


LINKS_ONLY_SHARE = 0.9
LINKS_WINDOW = 3000  # characters of the text found: a listing is links from its top


def _links_only(blocks: list[Block], clues: Clues) -> bool:
    """True when the text found is the page's links (`clues.linked`) and little else: a folder's
    listing, an index of stories. An article's own links are a few of its words."""
    text = " ".join(plain(b.text) for b in blocks)[:LINKS_WINDOW]
    spaced = f" {text} "  # a link's text counts as whole words of the text, not inside one
    covered = sum(word_count(t) for t in clues.linked if len(t) > 1 and f" {t} " in spaced)
    return covered >= LINKS_ONLY_SHARE * word_count(text)


def _words(blocks: list[Block]) -> int:
    return sum(word_count(b.text) for b in blocks)
