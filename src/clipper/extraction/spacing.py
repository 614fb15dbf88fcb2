"""Words kept apart where the page sets text in blocks: a browser shows "Local news" over "The
council votes", a byline's name over the next line, while lxml's `text_content()` (and whatever
reads the tree after it: trafilatura, htmldate) runs them together ("Local newsThe council votes",
"Jane DoeThe Daily PostDec"). `separate_blocks` gives the parsed page the white space a browser
shows at each block's edges once, before anything reads it; `text_lines` reads an element's text as
the lines a reader sees.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from lxml import etree

# Elements a browser sets as blocks of their own (and <br>, a line's end): text on either side of
# their edges is never one word.
BLOCK_LEVEL = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})  # fmt: skip
# Elements whose white space is their content (a listing) or who hold no text a reader sees.
_KEEP_AS_IS = frozenset({"pre", "code", "textarea", "script", "style", "noscript", "template", "xmp", "plaintext"})
_UNSEEN = frozenset({"script", "style", "noscript", "template"})
# An inline element styled as a block: "<span style='display:block'>Local news</span>".
_STYLED = etree.XPath("//*[contains(@style, 'display')]")
_DISPLAY_BLOCK = re.compile(r"display\s*:\s*(?:block|flex|grid|list-item|table)\b", re.I)


def is_block(el: etree._Element) -> bool:
    """True for an element a browser sets apart from the text around it."""
    tag = el.tag
    if not isinstance(tag, str):
        return False
    if tag in BLOCK_LEVEL:
        return True
    style = el.get("style")
    return bool(style) and _DISPLAY_BLOCK.search(style) is not None


def separate_blocks(tree: etree._Element) -> None:
    """Put a space at each edge of a block element where the page's source sets none, so that the
    text of neighbouring blocks reads as separate words to every reader of the tree. White space is
    never removed, and listings (`<pre>`, `<code>`) are left as they are."""
    kept: set[etree._Element] = set()
    for el in tree.iter(*_KEEP_AS_IS):
        kept.update(el.iterdescendants())
    # the block elements by their tags (a filter lxml runs itself), then those styled as blocks
    styled = (el for el in _STYLED(tree) if el.tag not in BLOCK_LEVEL and is_block(el))
    # A space is set only where text could touch: not after a block's last child inside a block
    # (the outer block's edge sets it), not after an element that is a block itself (its own edge).
    for el in itertools.chain(tree.iter(*BLOCK_LEVEL), styled):
        if kept and el in kept:
            continue
        before, after, parent = el.getprevious(), el.getnext(), el.getparent()
        if before is None:
            if parent is not None and parent.text and not parent.text[-1].isspace():
                parent.text += " "
        elif before.tail and not before.tail[-1].isspace():
            before.tail += " "  # "…he said.<p>The valuation…": the text before this block
        elif not before.tail and not is_block(before):
            before.tail = " "
        if after is None and not el.tail and parent is not None and is_block(parent):
            continue
        if not el.tail or not el.tail[0].isspace():
            el.tail = " " + (el.tail or "")


def text_lines(el: etree._Element) -> list[str]:
    """The text of an element as the lines a reader sees: broken at the edges of the blocks inside
    it and at `<br>`, white space collapsed, empty lines left out."""
    lines: list[str] = []
    current: list[str] = []
    for piece in _pieces(el, top=True):
        if piece is None:
            line = " ".join("".join(current).split())
            if line:
                lines.append(line)
            current = []
        else:
            current.append(piece)
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    return lines


def block_text(el: etree._Element) -> str:
    """The text of an element with its blocks' lines set apart by a space, white space collapsed:
    what `text_content()` gives, without words run together at a block's edge."""
    return " ".join(text_lines(el))


def _pieces(el: etree._Element, *, top: bool = False) -> Iterator[str | None]:
    """The text of `el` in reading order, None where a line ends."""
    if isinstance(el.tag, str) and el.tag not in _UNSEEN:
        block = not top and is_block(el)
        if block:
            yield None
        if el.text:
            yield el.text
        for child in el:
            yield from _pieces(child)
            if child.tail:
                yield child.tail
        if block:
            yield None
