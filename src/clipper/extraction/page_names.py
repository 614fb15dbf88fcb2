"""The names a page gives itself outside its metadata, as readers see them: its links to the home
page (the logo's alt text, the site's name), its copyright line, and the `<h1>` that is its
masthead (the site's name set as the page's heading), not the article's headline."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from clipper.extraction.spacing import text_lines
from clipper.text import plain, word_count
from clipper.web.urls import host


def _collapsed(text: str) -> str:
    return " ".join(text.split())


HOME_NAME_MAX_WORDS = 6


# An address's host and path, read without parsing it whole: the page's links are many.
_ADDRESS = re.compile(r"^(?:https?:)?//(?:www\.)?([^/?#:@\s]+)(?::\d+)?([^?#\s]*)(.?)", re.I)


def links(tree: lxml_html.HtmlElement) -> tuple[list[Any], frozenset[str]]:
    """The page's links to a site's home page ("/", a site's root: its logo and its name, and
    perhaps other sites', whose host differs but for a country's ending: blog.example.tw), and
    the hosts its links lead to."""
    home, hosts = [], set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href == "/":
            home.append(anchor)
            continue
        found = _ADDRESS.match(href)
        if found is None:
            continue
        hosts.add(found.group(1).lower().rstrip("."))
        if found.group(2) in ("", "/") and found.group(3) != "?":
            home.append(anchor)
    return home, frozenset(hosts)


def _own(anchor: Any, site: str) -> bool:
    """True for a link to this site's own home page (`site` as _site gives it)."""
    href = (anchor.get("href") or "").strip()
    return (href.startswith("/") and not href.startswith("//")) or (bool(site) and _site(href) == site)


def _site(url: str) -> str:
    """A host without its country's or kind's ending: siliconexposed.blogspot.tw -> siliconexposed.blogspot."""
    labels = host(url).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "ne", "or", "ac"):
        labels.pop()
    return ".".join(labels[:-1])


def _home_name(anchor: Any) -> str | None:
    """The name a link to the home page gives the site: its text, else its picture's alt text."""
    text = _collapsed(" | ".join(text_lines(anchor)))  # "Local news" over "The Courier": two parts
    if not text:
        image = next(anchor.iter("img"), None)
        text = _collapsed(image.get("alt") or "") if image is not None else ""
    text = _COPYRIGHT_AFTER.sub("", text)  # "Anadolu Ajansı © 2021": a logo with its copyright
    return text if text and word_count(text) <= HOME_NAME_MAX_WORDS else None


_MASTHEAD_CLASS = re.compile(
    r"(?<![a-z])(?:(?:site|blog)[-_]?(?:title|name|logo|brand)|logo|brand(?:ing)?|masthead)(?![a-z])", re.I
)


def is_masthead(heading: Any, home: list[Any]) -> bool:
    """True for an <h1> that is a site's name: a link to a home page, or all of its text one (a
    headline links to its article, never to a site's root), or one whose class says so
    ("site-title", "logo")."""
    parent = heading.getparent()
    classes = f"{heading.get('class') or ''} {heading.get('id') or ''}"
    if parent is not None:
        classes += f" {parent.get('class') or ''} {parent.get('id') or ''}"
    if _MASTHEAD_CLASS.search(classes) or any(a.tag == "a" and a in home for a in heading.iterancestors()):
        return True
    text = plain(heading.text_content())
    return any(plain(a.text_content()) == text for a in heading.iter("a") if a in home) and bool(text)


_YEARS_AFTER = re.compile(r"[\s,]*\d{4}(?:\s*[-–—]\s*\d{2,4})?\s*$")
_COPYRIGHT_AFTER = re.compile(r"\s*(?:©|\(c\)|copyright\b).*$", re.I)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.I)
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)(?=\s*\d{4})|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–—]\s*\d{2,4})?\s*,?\s*)?(?:by\s+)?"
    r"(?P<name>[^\W\d][^|©•·\n]{1,60}?)\s*(?:\.(?!\w)|[|•·\n]|all rights|alle rechte|tous droits|todos los derechos|$)",
    re.I,
)


def copyright_holder(tree: lxml_html.HtmlElement) -> str | None:
    """Who the page's last copyright line names: "©2005-2015 WebMD, LLC. All rights reserved" ->
    "WebMD, LLC" (the name as the line writes it; its legal form is the reader's to drop)."""
    holder = None
    for text in _COPYRIGHT_TEXT(tree):
        node = text.getparent()
        if node is None or node.tag in ("script", "style", "noscript", "template"):
            continue
        line = _collapsed(" ".join(text_lines(node)))
        for match in _COPYRIGHT_HOLDER.finditer(line):
            name = _YEARS_AFTER.sub("", match.group("name")).strip(" ,;:-–—")  # "Example.com, 2008-2019"
            if name and not _COPYRIGHT.search(name):
                holder = name
    return holder


def home_names(home: list[Any], address: str) -> list[str]:
    """What the links to this site's own home page call it (`address`: the page's own), each once."""
    own = _site(address) if address else ""
    return list(dict.fromkeys(n for n in (_home_name(a) for a in home if _own(a, own)) if n))


_COPYRIGHT_TEXT = etree.XPath("//body//text()[contains(., '©') or contains(., 'opyright')]")
