"""A post's body in other forms: clean HTML to paste into WordPress or any editor, the Markdown
alone, or plain text for a newsletter."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class Format(str, Enum):
    """The forms a body can be given in."""

    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only commands that convert a body pay for it

    # CommonMark without raw HTML: a hand-edited post cannot smuggle markup into the output.
    return MarkdownIt("commonmark", {"html": False})


def to_html(body: str, source_url: str | None = None) -> str:
    """The body as HTML; the blockquote cites the source."""
    import html

    out: str = _parser().render(body)
    if source_url:
        out = out.replace("<blockquote>", f'<blockquote cite="{html.escape(source_url, quote=True)}">', 1)
    return out


def to_text(body: str) -> str:
    """The body as plain text: paragraphs apart, quoted ones indented, links written out."""
    blocks = ["\n".join("    " * depth + line for line in text.split("\n")) for depth, text in paragraphs(body)]
    return "\n\n".join(blocks) + "\n"


def paragraphs(body: str, links: bool = True) -> list[tuple[int, str]]:
    """(blockquote depth, text as a reader sees it) of each paragraph; `links` writes out their
    addresses after them."""
    out: list[tuple[int, str]] = []
    depth = 0
    for token in _parser().parse(body):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "inline":
            out.append((depth, _inline_text(token.children or [], links)))
    return out


def _inline_text(children: list[Any], links: bool) -> str:
    parts: list[str] = []
    href: str | None = None
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
        elif child.type == "link_close" and href and links:
            parts.append(f" <{href}>")
            href = None
    return "".join(parts)


def convert(body: str, fmt: Format, source_url: str | None = None) -> str:
    """The body in `fmt`."""
    if fmt is Format.HTML:
        return to_html(body, source_url)
    if fmt is Format.TEXT:
        return to_text(body)
    return body.strip() + "\n"
