"""Page furniture: what on a page is not the article, and the rules that tell it apart.

Applied to the blocks trafilatura finds, with what the page shows outside its article (clues.py):
furniture lines, link boxes, captions, the repeated headline and the headline block (standfirst,
byline, dateline, reading time) above the first paragraph. Every rule is general: page structure,
the page's own metadata, link texts, repeated furniture.
"""

from __future__ import annotations

from clipper.extraction.article import Block, FurnitureKind
from clipper.extraction.clues import DECK_MAX_WORDS, NO_CLUES, Clues
from clipper.extraction.credits import Credits
from clipper.extraction.kinds import is_byline, is_dateline, is_reading_time, line_kind
from clipper.extraction.words import words as word_list
from clipper.text import plain, similarity, word_count


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
    credit = credit_line(text, words)
    if credit:
        return credit
    if (words <= MASTHEAD_MAX_WORDS and key in clues.masthead) or (
        credits.description and words <= DECK_MAX_WORDS and similarity(text, credits.description) >= LIKENESS
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
    if words <= MASTHEAD_MAX_WORDS and plain(first.text) in clues.masthead:
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
SUBTITLE_MAX_WORDS = 40


def is_subtitle(text: str, credits: Credits) -> bool:
    """True for the headline's subtitle: a line that one of the page's wordings of the headline
    carries on with after a full stop or a colon ("Samantha and The Great Big Lie. How to get
    shanked doing what people…"), not after a separator before the site's name."""
    if word_count(text) > SUBTITLE_MAX_WORDS:
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
# The headline block's lines, each at most so long.
STANDFIRST_MIN_WORDS = 8
DATELINE_MAX_WORDS = 30  # a place, a long date and a time; more is a sentence
BYLINE_MAX_WORDS = 15
READING_TIME_MAX_WORDS = 6
MASTHEAD_MAX_WORDS = 40
HEADLINE_LINE_MAX_WORDS = 25
AUTHOR_LINE_MAX_WORDS = 8
LIKENESS = 0.8  # the words shared with the page's description or author, for a line to repeat it


def is_headline_block(block: Block, credits: Credits) -> bool:
    """True for a block that belongs to the headline block above the article's first paragraph."""
    text = block.text
    words = word_count(text)
    if (
        block.kind == "heading"
        and words >= STANDFIRST_MIN_WORDS
        and credits.description
        and similarity(text, credits.description) >= LIKENESS
    ):
        return True  # a standfirst set as a heading; a short one is the first section's heading
    if credit_line(text, words):
        return True
    if (
        "\n" not in text
        and words <= HEADLINE_LINE_MAX_WORDS
        and (is_headline(text, credits) or is_subtitle(text, credits))
    ):
        return True
    return bool(credits.author and words <= AUTHOR_LINE_MAX_WORDS and similarity(text, credits.author) >= LIKENESS)


def credit_line(text: str, words: int) -> FurnitureKind | None:
    """The kind of a short line of the headline block that credits the article, "byline" or
    "dateline" (a date, a reading time), or None: one test for the rules above."""
    if words <= BYLINE_MAX_WORDS and is_byline(text):
        return "byline"
    if (words <= DATELINE_MAX_WORDS and is_dateline(text)) or (
        words <= READING_TIME_MAX_WORDS and is_reading_time(text)
    ):
        return "dateline"
    return None
