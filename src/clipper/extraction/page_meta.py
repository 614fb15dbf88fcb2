"""What a page says about itself: structured data (JSON-LD), meta tags, the title, the link rel and
its byline, read from the parsed page before trafilatura cleans it."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

from clipper.text import word_count

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Posting|Report|NewsArticle)$", re.I)
BYLINE_CLASS = re.compile(r"(?<![a-z])byline(?![a-z])", re.I)
# A script's data wrapped for old XHTML parsers: "<![CDATA[ {...} ]]>", "<!-- {...} -->", "//<![CDATA[".
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)\s*|\s*(?://\s*)?(?:\]\]>|-->)\s*$|^\s+|\s+$")


@dataclass
class PageMeta:
    """The page's own statements about the article; any of them may be missing."""

    meta: dict[str, str] = field(default_factory=dict)  # meta name/property -> content (first wins)
    ld_article: dict[str, Any] = field(default_factory=dict)  # the JSON-LD object of the article
    ld_publisher: str | None = None
    html_title: str | None = None
    h1: list[str] = field(default_factory=list)
    byline: str | None = None  # the text of the page's first byline element, as readers see it
    canonical: str | None = None
    language: str | None = None

    def first(self, *names: str) -> str | None:
        """The first non-empty meta value among `names`."""
        for name in names:
            value = self.meta.get(name)
            if value:
                return value
        return None

    @property
    def ld_type(self) -> str:
        kind = self.ld_article.get("@type", "")
        return " ".join(kind) if isinstance(kind, list) else str(kind)


def read(tree: lxml_html.HtmlElement) -> PageMeta:
    """Collect the page's metadata from a parsed HTML tree (the tree is not modified)."""
    found = PageMeta()
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = clean_text(node.get("content") or "")
        if key and value and key not in found.meta:
            found.meta[key] = value
    for node in tree.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        if "canonical" in rel and node.get("href") and not found.canonical:
            found.canonical = node.get("href", "").strip()
    title = tree.find(".//title")
    if title is not None:
        found.html_title = clean_text(title.text_content())
    found.h1 = [t for t in (clean_text(h.text_content()) for h in tree.iter("h1")) if t][:3]
    for node in tree.xpath("//*[contains(@class, 'byline')]"):
        text = clean_text(node.text_content())
        if text and BYLINE_CLASS.search(node.get("class", "")) and word_count(text) <= 40:
            found.byline = text
            break
    lang = tree.get("lang") or (tree.find(".//html").get("lang") if tree.find(".//html") is not None else None)
    found.language = lang.split("-")[0].lower() if lang else None
    _read_json_ld(tree, found)
    return found


def _read_json_ld(tree: lxml_html.HtmlElement, found: PageMeta) -> None:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(_WRAPPER.sub("", script.text_content()) or "null", strict=False)
        except ValueError:
            continue
        _flatten(data, objects)
    for obj in objects:
        kind = obj.get("@type", "")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and ARTICLE_TYPES.search(k) for k in kinds):
            found.ld_article = obj
            break
    publisher = found.ld_article.get("publisher") if found.ld_article else None
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        found.ld_publisher = clean_text(publisher["name"])
    elif not found.ld_article:
        for obj in objects:  # a site-wide Organization or WebSite object
            if obj.get("@type") in ("NewsMediaOrganization", "Organization", "WebSite") and isinstance(
                obj.get("name"), str
            ):
                found.ld_publisher = clean_text(obj["name"])
                break


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out)
        for key in ("mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), dict):
                _flatten(data[key], out)


def clean_text(text: str) -> str:
    """Whitespace collapsed to single spaces, ends trimmed, and entities that were escaped twice
    ("&#8220;" left in a meta value after parsing) decoded."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def ld_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list or an object with a name."""
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, list):
        names = [n for n in (ld_text(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return ld_text(value.get("name"))
    return None
