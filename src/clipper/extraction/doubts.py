"""Where clipper is not sure of what it extracted: signals that disagree, or a part that only a
guess supports. Each doubt names the part (the lead, the headline, the publication, the author,
the date, the body) and why; a kept block that looks like page furniture says which kind.

The signals are cheap (the page is already read) and general: the page's own statements against
each other and against what was extracted, the shapes of text, the page's links and captions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from clipper.extraction.article import Block, Doubt, FurnitureKind
from clipper.extraction.clues import Clues
from clipper.extraction.credits import Credits
from clipper.extraction.furniture import furniture_kind
from clipper.extraction.names import title_parts
from clipper.extraction.page_meta import PageMeta, ld_text
from clipper.extraction.sites import known_sites, lookup
from clipper.extraction.words import boundary, fold, phrases, words
from clipper.text import plain, similarity, squash, word_count
from clipper.web.urls import host

LEAD_BLOCKS = 5  # the blocks a quote is taken from, as far as doubts go
# What a paragraph ends with when it is prose: a sentence, or one announcing what follows.
PROSE_END = (".", "!", "?", ":", '"', "”", "’", ")", "»", "…", "。", "！", "？", "」")
HOST_SHAPE = re.compile(r"^[\w.-]+\.[a-z]{2,}$", re.I)


def doubts(
    blocks: list[Block],
    credits: Credits,
    meta: PageMeta,
    clues: Clues,
    stated: list[str],
    found: list[Block],
    unsure: Sequence[int] = (),
) -> tuple[list[Block], tuple[Doubt, ...]]:
    """The blocks, those of the lead that look like furniture marked so, and what clipper doubts.
    `found` is what trafilatura found, before clipper took the page's furniture out of it; `unsure`
    the blocks (0-based) the lead model kept without being sure they are the article's."""
    marked: list[Block] = []
    top = True  # the headline block's kinds (a byline, a dateline) stand above the article: only furniture before them
    for i, block in enumerate(blocks[:LEAD_BLOCKS]):
        marked.append(_marked(block, i, credits, clues, top))
        top = top and marked[-1].looks_like is not None
    marked += blocks[LEAD_BLOCKS:]
    doubted = [
        *_lead(marked, stated, found, credits, clues),
        *(Doubt("lead", f"paragraph {i + 1} may be page furniture", i + 1) for i in unsure if i < LEAD_BLOCKS),
        *_headline(credits, meta),
        *_publication(credits, meta),
        *_author(credits, meta),
        *_date(credits),
        *_body(blocks, stated),
    ]
    return marked, tuple(doubted)


def _marked(block: Block, index: int, credits: Credits, clues: Clues, top: bool) -> Block:
    """The block, marked with the furniture it looks like: what the furniture rules say of it (they
    drop the blocks they are sure of), else the weaker shapes of a caption, a promotion, a
    standfirst. A repeat of the headline further down is a subhead, a contents entry a heading."""
    kind = furniture_kind(block, credits, clues, index, top=top)
    if kind in ("headline", "contents"):
        kind = None
    kind = kind or _shape(block, index, credits, clues)
    return replace(block, looks_like=kind) if kind else block


def _shape(block: Block, index: int, credits: Credits, clues: Clues) -> FurnitureKind | None:
    text, words = block.text, word_count(block.text)
    if words <= 30 and _credited(text) and not text.rstrip().endswith((".", "!", "?")):
        return "caption"
    if words <= 40 and (next(phrases("furniture", "promo_marks").spans(text), None) or plain(text) in clues.links):
        return "promo"  # a call to action, or the text of a link: another story's teaser
    if index == 0 and credits.description and words <= 60 and similarity(text, credits.description) >= 0.9:
        return "standfirst"
    return None


def _credited(text: str) -> bool:
    """True for a copyright sign or a word of a picture's credit ("Photograph", "Getty", "AFP")."""
    if "©" in text:
        return True
    folded = fold(text)
    for at in range(len(text)):
        for end in phrases("furniture", "credit_marks").ends(folded, at) if boundary(text, at) else ():
            plural = end < len(text) and folded[end] == "s"
            if boundary(text, end) or (plural and boundary(text, end + 1)):
                return True
    return False


def _lead(blocks: list[Block], stated: list[str], found: list[Block], credits: Credits, clues: Clues) -> list[Doubt]:
    out = [
        Doubt("lead", f"paragraph {n} looks like a {b.looks_like}", n)
        for n, b in enumerate(blocks[:LEAD_BLOCKS], 1)
        if b.looks_like and b.looks_like != "standfirst"  # a standfirst is as often the article's lead
    ]
    dropped = _dropped_above(blocks, found, credits, clues)
    if dropped:
        out.append(Doubt("lead", f"a sentence above the first paragraph was taken for page furniture: {dropped}", 1))
    if blocks and len(stated) >= 3:
        first = blocks[0].text
        if not any(similarity(first, p) >= 0.5 or plain(first) in plain(p) for p in stated[:4]):
            out.append(Doubt("lead", "the first paragraph is not how the page's own article text begins", 1))
    return out


DROPPED_WORDS = 15  # a sentence this long above the lead is rarely a byline, a caption or a label


def _dropped_above(blocks: list[Block], found: list[Block], credits: Credits, clues: Clues) -> str | None:
    """The opening words of a long sentence the rules for the top of an article took out above the
    first paragraph (as the headline block's standfirst, say): a standfirst, or the article's own
    opening. What is furniture anywhere on a page (a notice, a caption, a promotion) is no doubt."""
    first = plain(blocks[0].text) if blocks else ""
    at = next((i for i, b in enumerate(found) if plain(b.text) == first), 0)
    for block in found[:at]:
        text = block.text.rstrip()
        if (
            block.kind in ("p", "heading")
            and word_count(text) >= DROPPED_WORDS
            and text.endswith(PROSE_END)
            and furniture_kind(block, credits, clues, top=False) is None
        ):
            return " ".join(text.split()[:6]) + "…"
    return None


def _headline(credits: Credits, meta: PageMeta) -> list[Doubt]:
    title = credits.title
    if not title:
        return [Doubt("headline", "the page states no headline")]
    stated = [*meta.titles, *meta.h1]
    if not any(similarity(title, t) >= 0.5 or plain(title) in plain(t) for t in stated):
        return [Doubt("headline", "guessed: neither the page's title nor its headline says it")]
    others = [*meta.stated_headlines, *meta.h1]
    if others and not any(similarity(title, t) >= 0.5 or plain(title) in plain(t) for t in others):
        return [Doubt("headline", "the page's headlines disagree")]
    if credits.site_name and squash(title) == squash(credits.site_name):
        return [Doubt("headline", "the headline is the publication's name")]
    return []


def _publication(credits: Credits, meta: PageMeta) -> list[Doubt]:
    name, url = credits.site_name, credits.url
    if not name:
        return [Doubt("publication", "the page does not name its publication")]
    stated = [
        meta.ld_publisher,
        meta.ld_site,
        meta.first("og:site_name"),
        meta.first("application-name", "apple-mobile-web-app-title"),
        *title_parts(meta.html_title),
        *meta.home_names,
        meta.copyright,
        lookup(url, known_sites()) if url else None,
    ]
    if not any(s and (squash(s) == squash(name) or squash(name) in squash(s)) for s in stated):
        if name == host(url) or HOST_SHAPE.match(name):
            return [Doubt("publication", "only the site's address names it")]
        return [Doubt("publication", "guessed: no statement of the page names it")]
    if credits.site_doubt:
        return [Doubt("publication", credits.site_doubt)]
    return []


def _author(credits: Credits, meta: PageMeta) -> list[Doubt]:
    author = credits.author
    if not author:
        return []
    if any(ch.isdigit() for ch in author) or "@" in author or word_count(author) > 12:
        return [Doubt("author", "does not read as a name")]
    seen = " ".join([meta.under_headline, meta.byline or "", *meta.authors_shown, *meta.values.get("author", ())])
    ld = ld_text(meta.ld_article.get("author")) or ""
    if not any(squash(part) and squash(part) in squash(seen + " " + ld) for part in _names_of(author)):
        return [Doubt("author", "no byline on the page names this author")]
    return []


def _names_of(author: str) -> list[str]:
    """The names of an author's credit: "Jo Lee, Al Day and Bo Chan" -> three."""
    joiners = "|".join(re.escape(f" {w} ") for w in sorted(words("bylines", "joiners")))
    return re.split(f",|;|{joiners}", author)


def _date(credits: Credits) -> list[Doubt]:
    """A day only a search of the page's text gives: no statement, no day shown under the headline,
    nothing in the address."""
    if credits.date_searched:
        return [Doubt("date", "guessed: the page states no date")]
    return []


STATED_MORE = 1.3  # the page states this much more text than was found (twice as much: the stated body is taken)


def _body(blocks: list[Block], stated: list[str]) -> list[Doubt]:
    words = sum(word_count(b.text) for b in blocks)
    stated_words = sum(word_count(p) for p in stated)
    if stated_words > STATED_MORE * words:
        return [Doubt("body", f"the page states a longer article ({stated_words} words, {words} found)")]
    return []
