"""What the lead model reads of each of an article's first blocks: features that hold in any
language and on any site (the block's shape, its place among the others, the page's markup around
it, what the page states about itself), by name. The rules' blocks and those they took out among
the first are its candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from clipper.extraction.article import Block
from clipper.extraction.clues import Clues
from clipper.extraction.credits import Credits
from clipper.extraction.structure import BLOCK_TAGS, HEADINGS, link_density, locate
from clipper.text import plain, similarity, word_count

WINDOW = 10  # the blocks a quote is taken from: the model judges these, the rest stand as found

# Sentence ends in the scripts that mark them, a closing quote or bracket allowed after them.
_ENDS_SENTENCE = re.compile(r"[.!?…。！？]['\"’”»)\]」』]*\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCES = re.compile(r"[.!?。！？]['\"’”»)]*\s+\S")
_CLASS_WORDS = re.compile(r"[^a-z]+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
CLASS_REACH = 3  # the element and its nearest ancestors: a box's class names what it holds
ANCESTOR_REACH = 8
_AROUND = ("figure", "aside", "header", "nav", "footer", "li", "table", "blockquote", "form", "a", "article", "main")
_TAGS = ("p", "div", "span", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td", "section")
PROSE_WORDS = 20
LIKENESS_WORDS = 80  # a description is rarely longer
LABEL_WORDS = 8


@dataclass(frozen=True)
class Candidate:
    """A block of the article's opening as the rules left it: kept, or taken out (`ruled_out`)."""

    block: Block
    ruled_out: bool = False


def with_ruled_out(blocks: list[Block], prepared: list[Block]) -> list[Candidate]:
    """The rules' blocks with those they took out among the first WINDOW in their place, marked:
    the model's features read the opening whole, and its training learns page furniture from them;
    the model never puts one back."""
    kept = {id(b) for b in blocks}
    texts = {plain(b.text) for b in blocks[:WINDOW]}  # a block kept in another place is no other candidate
    at = {id(b): i for i, b in enumerate(prepared)}
    out: list[Candidate] = []
    last = -1
    for n, block in enumerate(blocks):
        i = at.get(id(block), -1)
        if n < WINDOW and i > last:
            out += [
                Candidate(b, ruled_out=True)
                for b in prepared[last + 1 : i]
                if id(b) not in kept and plain(b.text) not in texts
            ]
            last = i
        out.append(Candidate(block))
    return out


def window(candidates: Sequence[Candidate]) -> int:
    """How many of the candidates the model judges: up to the WINDOW-th the rules kept."""
    kept = 0
    for i, candidate in enumerate(candidates):
        kept += not candidate.ruled_out
        if kept > WINDOW:
            return i
    return len(candidates)


@dataclass(frozen=True)
class Page:
    """What the features read of the page beside the blocks: its tree, its credits, its clues."""

    tree: etree._Element
    credits: Credits
    clues: Clues


def features(candidates: Sequence[Candidate], page: Page) -> list[dict[str, float]]:
    """The features of each candidate of the window, by name."""
    judged = candidates[: window(candidates)]
    blocks = [c.block for c in judged]
    counts = [word_count(b.text) for b in blocks]
    prose = [
        i for i, b in enumerate(blocks) if b.kind == "p" and counts[i] >= PROSE_WORDS and _ENDS_SENTENCE.search(b.text)
    ]
    first_prose = prose[0] if prose else len(blocks)
    median = sorted(counts)[len(counts) // 2] if counts else 1
    h1 = next(page.tree.iter("h1"), None)
    nodes = _elements(blocks, page.tree)
    order = _document_order(page.tree, [h1, *nodes])
    h1_at = order.get(h1, -1) if h1 is not None else -1
    body = _body_shape([nodes[i] for i in prose] or nodes)
    opener = order.get(nodes[first_prose], -1) if first_prose < len(nodes) and nodes[first_prose] is not None else -1
    rows = []
    for i, block in enumerate(blocks):
        node = nodes[i]
        row = _text_features(block.text)
        row.update(
            {
                "position": i,
                "before_prose": first_prose - i,
                "prose_before": float(any(j < i for j in prose)),
                "relative_words": counts[i] / max(median, 1),
                "previous_words": math.log1p(counts[i - 1]) if i else -1.0,
                "next_words": math.log1p(counts[i + 1]) if i + 1 < len(blocks) else -1.0,
                "next_kind_item": float(i + 1 < len(blocks) and blocks[i + 1].kind == "item"),
                "previous_kind_heading": float(i > 0 and blocks[i - 1].kind == "heading"),
                "before_opener_in_page": float(node is not None and opener >= 0 and order.get(node, opener) < opener),
                f"kind:{block.kind}": 1.0,
                **_page_features(block, counts[i], page),
                **_node_features(node, h1_at, order),
                **_against_body(node, body),
            }
        )
        rows.append(row)
    return rows


def _elements(blocks: Sequence[Block], tree: etree._Element) -> list[etree._Element | None]:
    """The page's element behind each block; a heading's is a heading of its words (the same words
    in a table of contents above it are not the heading)."""
    headings: dict[str, etree._Element] = {}
    for heading in tree.iter(*HEADINGS):
        headings.setdefault(plain(heading.text_content()), heading)
    found = [headings.get(plain(b.text)) if b.kind == "heading" else None for b in blocks]
    return [node if node is not None else locate(tree, b.text) for node, b in zip(found, blocks, strict=True)]


def _text_features(text: str) -> dict[str, float]:
    # characters counted by the string methods themselves: a paragraph is thousands of them
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
    letters, digits = sum(map(str.isalpha, text)), sum(map(str.isdigit, text))
    marks = len(text) - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))
    tokens = text.split()
    first = _LETTER.search(text)
    stripped = text.rstrip()
    return {
        "words": math.log1p(word_count(text)),
        "chars": math.log1p(len(text)),
        "lines": text.count("\n") + 1,
        "sentence_end": float(bool(_ENDS_SENTENCE.search(text))),
        "colon_end": float(stripped.endswith((":", "："))),
        "sentences": len(_SENTENCES.findall(text)),
        "cased": (upper + lower) / max(letters, 1),
        "upper": upper / max(upper + lower, 1),
        "first_upper": float(first is not None and first.group().isupper()),
        "capitalised": sum(1 for t in tokens if t[:1].isupper()) / max(len(tokens), 1),
        "digits": digits / max(len(text), 1),
        "punctuation": marks / max(len(text), 1),
        "bracketed": float(stripped[:1] in "[(（【" and stripped[-1:] in "])）】"),
    }


def _page_features(block: Block, words: int, page: Page) -> dict[str, float]:
    """The block against what the page says of itself: its headline, description, author, name,
    the texts of its links and captions and of its headline area. A block of more than LIKENESS_WORDS
    is like none of them (and the likenesses are the dear part: a bag of words each)."""
    text, key, credits, clues = block.text, plain(block.text), page.credits, page.clues
    row = {
        "link_text": float(key in clues.links or key in clues.anchors),
        "caption_text": float(key in clues.captions),
        "masthead_text": float(key in clues.masthead),
        "description_likeness": -1.0 if not credits.description else 0.0,
        "author_likeness": -1.0 if not credits.author else 0.0,
        "site_likeness": -1.0 if not credits.site_name else 0.0,
    }
    if words > LIKENESS_WORDS:
        return row
    headlines = credits.headlines or ((credits.title,) if credits.title else ())
    row["headline_likeness"] = max((similarity(text, h) for h in headlines), default=0.0)
    row["in_headline"] = float(bool(key) and any(key in plain(h) for h in headlines))
    row["headline_words"] = max((_share_in(key, h) for h in headlines), default=0.0)
    for name, stated in (("description", credits.description), ("author", credits.author), ("site", credits.site_name)):
        if stated:
            row[f"{name}_likeness"] = similarity(text, stated)
    return row


def _share_in(key: str, other: str) -> float:
    """The share of the words of `key` (plain text) that `other` holds."""
    words = key.split()
    found = set(plain(other).split())
    return sum(w in found for w in words) / len(words) if words else 0.0


def _node_features(node: etree._Element | None, h1_at: int, order: dict[etree._Element, int]) -> dict[str, float]:
    """The page's markup around the block: its element, what holds it, the class names there."""
    if node is None:
        return {"located": 0.0}
    row: dict[str, float] = {"located": 1.0, f"tag:{node.tag if node.tag in _TAGS else 'other'}": 1.0}
    ancestors = [a for _, a in zip(range(ANCESTOR_REACH), node.iterancestors(), strict=False)]
    for tag in _AROUND:
        if node.tag == tag or any(a.tag == tag for a in ancestors):
            row[f"in:{tag}"] = 1.0
    text = len(" ".join(node.text_content().split())) or 1
    row["link_density"] = link_density(node, within_page=False)
    row["bold"] = float(any(len(" ".join(b.text_content().split())) >= 0.9 * text for b in node.iter("strong", "b")))
    row["has_time"] = float(node.find(".//time") is not None)
    row["has_image"] = float(node.find(".//img") is not None)
    if h1_at >= 0 and node in order:
        row["before_h1"] = float(order[node] < h1_at)
    for word in class_words([node, *ancestors[:CLASS_REACH]]):
        row[f"class:{word}"] = 1.0
    return row


@dataclass(frozen=True)
class BodyShape:
    """How the article's prose paragraphs are set: their element and class, the element that holds
    them, how deep in the page."""

    signature: tuple[str, str] | None
    parent: etree._Element | None
    depth: int


def _body_shape(nodes: Sequence[etree._Element | None]) -> BodyShape:
    found = [n for n in nodes if n is not None]
    if not found:
        return BodyShape(None, None, 0)
    signature = Counter(_signature(n) for n in found).most_common(1)[0][0]
    parent = Counter(n.getparent() for n in found).most_common(1)[0][0]
    depth = Counter(_depth(n) for n in found).most_common(1)[0][0]
    return BodyShape(signature, parent, depth)


def _against_body(node: etree._Element | None, body: BodyShape) -> dict[str, float]:
    """The block's element against the prose paragraphs': set the same way, in the same container."""
    if node is None or body.signature is None:
        return {}
    inside = body.parent is not None and any(a is body.parent for a in node.iterancestors())
    return {
        "same_signature": float(_signature(node) == body.signature),
        "same_tag": float(node.tag == body.signature[0]),
        "same_parent": float(node.getparent() is body.parent),
        "inside_body": float(inside),
        "depth_delta": max(-4, min(4, _depth(node) - body.depth)),
    }


def _signature(node: etree._Element) -> tuple[str, str]:
    return (str(node.tag), " ".join(sorted((node.get("class") or "").split())))


def _depth(node: etree._Element) -> int:
    return sum(1 for _ in node.iterancestors())


def class_words(nodes: Iterable[etree._Element]) -> set[str]:
    """The words of the class names and ids of `nodes` ("article__standfirst", "imageCaption" give
    article, standfirst, image, caption)."""
    found: set[str] = set()
    for node in nodes:
        for value in (node.get("class"), node.get("id")):
            if value:
                found.update(w for w in _CLASS_WORDS.split(_CAMEL.sub(r"\1 \2", value).casefold()) if len(w) > 2)
    return found


def _document_order(tree: etree._Element, wanted: Iterable[etree._Element | None]) -> dict[etree._Element, int]:
    """The place in the page of each `wanted` element among the block elements (what stands before
    the headline, before the first paragraph); the walk stops when all are found."""
    left = {id(el) for el in wanted if el is not None}
    found: dict[etree._Element, int] = {}
    for i, el in enumerate(tree.iter(*BLOCK_TAGS, "h1")):
        if id(el) in left:
            found[el] = i
            left.discard(id(el))
            if not left:
                break
    return found
