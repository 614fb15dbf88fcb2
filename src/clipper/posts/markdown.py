"""Markdown that says exactly what the source said: page text escaped so that it stays text in
CommonMark, Goldmark (Hugo), kramdown (Jekyll), Liquid and Hugo shortcodes alike."""

from __future__ import annotations

import re
from urllib.parse import quote

# Characters that start inline markup, escaped with a backslash (every engine accepts these). An
# underscore inside a word ("snake_case", "史蒂文的家_藍天") opens no emphasis: it stays bare.
_INLINE = re.compile(r"([\\`*\[\]<>|~$]|(?<![^\W_])_|_(?![^\W_]))")
# An entity reference would turn into another character: keep the ampersand literal.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Line starts that open a block: headings, lists, setext/thematic rules, definitions, tables.
_BLOCK_START = re.compile(r"^(\s*)([#+=:-]|\d+(?=[.)]))")
# Text engines turn into links by themselves (GFM/Goldmark linkify): break the pattern with an entity.
_AUTOLINK = re.compile(r"(?<=\w)(:)(?=//)|(?<=\bwww)(\.)(?=\w)|(?<=\w)(@)(?=[\w-]+\.\w)", re.I)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """`text` as Markdown that renders back to the same visible text and nothing else."""
    lines = []
    for line in _CONTROL.sub("", text).split("\n"):
        line = _ENTITY.sub("&amp;", line)
        line = _INLINE.sub(r"\\\1", line)
        # Braces open Hugo shortcodes ({{< >}}), Liquid tags ({% %}) and kramdown attributes ({:):
        # an entity is text to every Markdown engine and invisible to template engines.
        line = line.replace("{", "&#123;").replace("}", "&#125;")
        line = _AUTOLINK.sub(lambda m: "&#58;" if m.group(1) else "&#46;" if m.group(2) else "&#64;", line)
        line = _BLOCK_START.sub(
            lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2).isdigit() else m.group(1) + m.group(2) + "\\",
            line,
        )
        if line.startswith(("    ", "\t")):
            line = line.lstrip()
        lines.append(line)
    return "\n".join(lines)


def link_target(url: str) -> str:
    """A URL safe inside `( )` of a Markdown link: spaces, parentheses and angle brackets encoded."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def blockquote(paragraphs: list[tuple[str, str]]) -> str:
    """One blockquote of (kind, text) blocks, escaped; list items stay list items."""
    out: list[str] = []
    for kind, text in paragraphs:
        # A line break inside a paragraph is a backslash at the end of the line; a line that was only
        # control characters is no line at all.
        lines = [line for line in escape(text).split("\n") if line.strip()]
        body = ("\\\n  " if kind == "item" else "\\\n").join(lines)
        if kind == "item":
            body = "- " + body
        if out:
            out.append(">")
        out.extend(f"> {line}" for line in body.split("\n"))
    return "\n".join(out)


def link(text: str, url: str) -> str:
    """A Markdown link whose text is shown exactly as given."""
    return f"[{escape(text)}]({link_target(url)})"
