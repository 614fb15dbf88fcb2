"""What a page says about itself: structured data (JSON-LD), meta tags, the title, the link rel and
its byline, read from the parsed page before trafilatura cleans it."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

from clipper.text import similarity, word_count

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
    ld_publisher_url: str | None = None
    html_title: str | None = None
    h1: list[str] = field(default_factory=list)
    byline: str | None = None  # the text of the first byline element under the headline
    authors_shown: list[str] = field(default_factory=list)  # texts of byline and author elements there
    under_headline: str = ""  # what readers see right after the headline, one line a text: byline, dateline
    times: list[str] = field(default_factory=list)  # the datetime of each <time> under the headline
    time_at: list[int] = field(default_factory=list)  # where each of those stands in under_headline
    canonical: str | None = None
    language: str | None = None
    locale: str | None = None  # the page's language with its region, "en-us", "en-gb", "fr"
    values: dict[str, list[str]] = field(default_factory=dict)  # every value of each meta name

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
        if key and value:
            found.meta.setdefault(key, value)
            found.values.setdefault(key, []).append(value)
    for node in tree.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        if "canonical" in rel and node.get("href") and not found.canonical:
            found.canonical = node.get("href", "").strip()
    title = tree.find(".//title")
    if title is not None:
        found.html_title = clean_text(title.text_content())
    found.h1 = [t for t in (clean_text(h.text_content()) for h in tree.iter("h1")) if t][:3]
    lang = tree.get("lang") or (tree.find(".//html").get("lang") if tree.find(".//html") is not None else None)
    found.language = lang.split("-")[0].lower() if lang else None
    locale = lang or found.meta.get("og:locale") or found.meta.get("content-language")
    found.locale = locale.strip().lower().replace("_", "-") if locale else None
    _read_json_ld(tree, found)
    _read_under_headline(tree, found)
    return found


MAX_AUTHOR_ELEMENTS = 12
BYLINE_MAX_WORDS = 40
UNDER_HEADLINE_CHARS = 600  # a byline and a dateline, not the article
_UNSEEN = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "form", "figure", "iframe"})


def _read_under_headline(tree: lxml_html.HtmlElement, found: PageMeta) -> None:
    """The text that follows the headline on the page, up to the opening words of the first
    paragraph: where bylines and datelines stand. The headline is the first h1 (else h2, h3) like
    the page's stated titles; without one, the first byline element starts it."""
    titles = [t for t in (found.html_title, found.meta.get("og:title"), ld_text(found.ld_article.get("headline"))) if t]
    anchor = None
    for tags in (("h1",), ("h2", "h3")):
        headings = [h for h in tree.iter(*tags) if any(similarity(h.text_content(), t) >= 0.6 for t in titles)]
        # a page can repeat its headline in a sticky site header: the article's own comes first
        inside = (h for h in headings if any(a.tag in ("article", "main") for a in h.iterancestors()))
        anchor = next(inside, headings[0] if headings else None)
        if anchor is not None:
            break
    pieces: list[str] = []
    budget = [UNDER_HEADLINE_CHARS]
    if anchor is None:
        bylines = (n for n in tree.xpath("//*[contains(@class, 'byline')]") if BYLINE_CLASS.search(n.get("class", "")))
        anchor = next(bylines, None)
        if anchor is None:
            return
        _walk(anchor, pieces, found, budget, tail=False)
    node: Any = anchor
    while node is not None and budget[0] > 0:
        if node.tail and node.tail.strip():
            _take(node.tail, pieces, budget)
        for sibling in node.itersiblings():
            if budget[0] <= 0:
                break
            _walk(sibling, pieces, found, budget)
        node = node.getparent()
    found.under_headline = "\n".join(pieces)


def _walk(node: Any, pieces: list[str], found: PageMeta, budget: list[int], *, tail: bool = True) -> None:
    if budget[0] > 0 and isinstance(node.tag, str) and node.tag not in _UNSEEN:
        if node.tag == "time" and node.get("datetime"):
            found.times.append(node.get("datetime"))
            found.time_at.append(sum(len(p) + 1 for p in pieces))
        _note_byline(node, found)
        if node.text and node.text.strip():
            _take(node.text, pieces, budget)
        for child in node:
            if budget[0] <= 0:
                break
            _walk(child, pieces, found, budget)
    if tail and budget[0] > 0 and node.tail and node.tail.strip():
        _take(node.tail, pieces, budget)


def _note_byline(node: Any, found: PageMeta) -> None:
    """An element of a byline class, or marked as the author's (rel, itemprop), and its text."""
    byline = BYLINE_CLASS.search(node.get("class") or "")
    if not (byline or node.get("rel") == "author" or node.get("itemprop") == "author"):
        return
    text = clean_text(node.text_content())
    if text and word_count(text) <= BYLINE_MAX_WORDS and len(found.authors_shown) < MAX_AUTHOR_ELEMENTS:
        found.byline = found.byline or (text if byline else None)
        found.authors_shown.append(text)


FIRST_WORDS = 120  # of the first paragraph: a dateline can open it ("Feb. 23, 2015 -- Peanut allergies…")


def _take(text: str, pieces: list[str], budget: list[int]) -> None:
    text = " ".join(text.split())
    if len(text) > 200:  # a paragraph: its opening words, then no further
        text, budget[0] = text[:FIRST_WORDS], 0
    else:
        budget[0] -= len(text)
    pieces.append(text)


def _read_json_ld(tree: lxml_html.HtmlElement, found: PageMeta) -> None:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(_WRAPPER.sub("", script.text_content()) or "null", strict=False)
        except (ValueError, RecursionError):
            continue
        if _shallow(data):  # the readers of its values recurse
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
        found.ld_publisher_url = publisher.get("url") if isinstance(publisher.get("url"), str) else None
    elif not found.ld_article:
        for obj in objects:  # a site-wide Organization or WebSite object
            if obj.get("@type") in ("NewsMediaOrganization", "Organization", "WebSite") and isinstance(
                obj.get("name"), str
            ):
                found.ld_publisher = clean_text(obj["name"])
                break


LD_MAX_DEPTH = 32  # structured data nests a few levels; far deeper is a broken or hostile page


def _shallow(data: Any) -> bool:
    """True when `data` nests at most LD_MAX_DEPTH levels (looked at without recursing)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > LD_MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


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
