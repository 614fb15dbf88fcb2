"""The article clipper extracts from a page: its blocks in reading order and who published it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from clipper.text import word_count

# What a block is on the page: a paragraph, a heading, a list item, a quotation, a code listing, a table's row.
BlockKind = Literal["p", "heading", "item", "quote", "code", "table"]
# The furniture a line of text looks like by itself (kinds.line_kind) ...
LineKind = Literal["notice", "label", "share", "caption", "promo", "link"]
# ... and what else a block may be on its page (furniture.furniture_kind): an entry of a table of
# contents, the headline repeated, and the headline block's byline, dateline or standfirst.
FurnitureKind = Literal[LineKind, "contents", "headline", "byline", "dateline", "standfirst"]
# The parts of an extraction clipper may doubt.
Part = Literal["lead", "headline", "publication", "author", "date", "body"]


@dataclass(frozen=True)
class Block:
    """One unit of the article as a reader sees it. `looks_like` names the furniture a kept block
    resembles (caption, byline, promo, standfirst)."""

    kind: BlockKind
    text: str
    looks_like: FurnitureKind | None = None


# Fewer words than this are no article to quote ("Hello", "Page not found", "This article is no
# longer available"): less than one sentence of news. The shortest real article bodies in the
# evaluation corpora are 69 words (143 and 154 in the two others), the shortest text extracted from
# a real article there 28 words (a lead alone), and a one-sentence brief (the brief golden) is 10.
MIN_WORDS = 10


@dataclass(frozen=True)
class Doubt:
    """A part of the extraction clipper is not sure of, and why; a doubt about the lead names the
    block (1-based) it is about, when it is about one."""

    part: Part
    reason: str
    block: int | None = None


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
    doubts: tuple[Doubt, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def words(self) -> int:
        return sum(word_count(b.text) for b in self.blocks)

    def lead(self, count: int) -> list[int]:
        """The numbers (1-based) of the article's opening, at most `count` blocks, from the first
        that does not look like page furniture (a standfirst opens an article as often as not)."""
        start = next((i for i, b in enumerate(self.blocks) if b.looks_like in (None, "standfirst")), 0)
        return list(range(start + 1, min(start + count, len(self.blocks)) + 1))

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (`clipper extract --json`)."""
        data = asdict(self)
        data["url"] = self.url or None  # unknown (a saved page that does not say its address), as the other keys
        data["blocks"] = [asdict(b) for b in self.blocks]
        data["doubts"] = [{k: v for k, v in asdict(d).items() if v is not None} for d in self.doubts]
        data["paragraphs"] = self.paragraphs
        data["words"] = self.words
        return data
