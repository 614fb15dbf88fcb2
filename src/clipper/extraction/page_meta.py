"""What a page says about itself: structured data (JSON-LD), meta tags, the title, the link rel and
its byline, read from the parsed page before trafilatura cleans it."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from clipper.extraction.page_names import copyright_holder, home_names, is_masthead, links
from clipper.extraction.spacing import text_lines
from clipper.text import plain, similarity, word_count

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
    ld_site: str | None = None  # the name of the site-wide WebSite or Organization object
    html_title: str | None = None
    h1: list[str] = field(default_factory=list)  # the page's <h1>s but one that is the site's name (its logo)
    home_names: list[str] = field(default_factory=list)  # what the links to the home page say: the logo's alt
    copyright: str | None = None  # who the copyright line names: "© 2024 The Courier" -> "The Courier"
    link_hosts: frozenset[str] = frozenset()  # the hosts the page's links lead to
    byline: str | None = None  # the text of the first byline element under the headline, its lines apart
    authors_shown: list[str] = field(default_factory=list)  # texts of byline and author elements there (lines)
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
    def stated_headlines(self) -> list[str]:
        """The headline as the statements that name it alone word it: `og:title`, then the JSON-LD
        headline (the `<title>` carries the site's name besides)."""
        return [t for t in (self.first("og:title"), ld_text(self.ld_article.get("headline"))) if t]

    @property
    def titles(self) -> list[str]:
        """Every wording of the headline the page states: its `<title>`, then stated_headlines."""
        return [self.html_title, *self.stated_headlines] if self.html_title else self.stated_headlines

    @property
    def ld_type(self) -> str:
        kind = self.ld_article.get("@type", "")
        return " ".join(kind) if isinstance(kind, list) else str(kind)


def read(tree: lxml_html.HtmlElement, url: str = "") -> PageMeta:
    """Collect the page's metadata from a parsed HTML tree (the tree is not modified); `url` is the
    page's address, where known."""
    found = PageMeta()
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = clean_text(node.get("content") or "")
        if key and value:
            found.meta.setdefault(key, value)
            found.values.setdefault(key, []).append(value)
    for node in _DATED(tree):  # microdata on the page's own elements: <time itemprop="datePublished" …>
        key = node.get("itemprop", "").strip().lower()
        value = clean_text(node.get("datetime") or node.get("content") or "")
        if value:
            found.meta.setdefault(key, value)
            found.values.setdefault(key, []).append(value)
    for node in tree.iter("link"):
        rel = (node.get("rel") or "").lower().split()
        if "canonical" in rel and node.get("href") and not found.canonical:
            found.canonical = node.get("href", "").strip()
    title = tree.find(".//title")
    if title is not None:
        found.html_title = clean_text(title.text_content())
    lang = tree.get("lang") or (tree.find(".//html").get("lang") if tree.find(".//html") is not None else None)
    found.language = lang.split("-")[0].lower() if lang else None
    locale = lang or found.meta.get("og:locale") or found.meta.get("content-language")
    found.locale = locale.strip().lower().replace("_", "-") if locale else None
    _read_json_ld(tree, found)
    home, found.link_hosts = links(tree)
    found.home_names = home_names(home, url or found.canonical or found.first("og:url") or "")
    titles = found.titles
    found.h1 = [t for t in (_headline_text(h, titles) for h in tree.iter("h1") if not is_masthead(h, home)) if t][:3]
    found.copyright = copyright_holder(tree)
    _read_under_headline(tree, found)
    return found


def _headline_text(heading: Any, titles: list[str]) -> str:
    """A heading's text; of one set in lines (a kicker over the headline, "Local news" then "The
    council votes…"), the lines the page's stated titles hold, when they hold some but not all."""
    lines = text_lines(heading)
    if len(lines) > 1 and titles:
        stated = [plain(t) for t in titles]
        held = [line for line in lines if any(plain(line) in t for t in stated)]
        if held and len(held) < len(lines):
            return clean_text(" ".join(held))
    return clean_text(" ".join(lines))


_DATED = etree.XPath(
    "//*[not(self::meta)][contains(translate(@itemprop, 'DATE', 'date'), 'date')][@datetime or @content]"
)


MAX_AUTHOR_ELEMENTS = 12
BYLINE_MAX_WORDS = 40
UNDER_HEADLINE_CHARS = 600  # a byline and a dateline, not the article
CAPTION_MIN_WORDS = 5
_UPDATE_MARK = re.compile(r"(?<![a-z])(updated|modified|datemodified)(?![a-z])", re.I)
PARAGRAPH_CHARS = 200
_UNSEEN = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "form", "figure", "iframe"})


def _read_under_headline(tree: lxml_html.HtmlElement, found: PageMeta) -> None:
    """The text that follows the headline on the page, up to the opening words of the first
    paragraph: where bylines and datelines stand. The headline is the first h1 (else h2, h3) like
    the page's stated titles; without one, the first byline element starts it."""
    titles = found.titles
    anchor = None
    for tags in (("h1",), ("h2", "h3")):
        headings = [h for h in tree.iter(*tags) if any(similarity(h.text_content(), t) >= 0.6 for t in titles)]
        # a page can repeat its headline in a sticky site header: the article's own comes first
        inside = (h for h in headings if any(a.tag in ("article", "main") for a in h.iterancestors()))
        anchor = next(inside, headings[0] if headings else None)
        if anchor is not None:
            break
    walk = _Walk(found)
    if anchor is None:
        bylines = (n for n in tree.xpath("//*[contains(@class, 'byline')]") if BYLINE_CLASS.search(n.get("class", "")))
        anchor = next(bylines, None)
        if anchor is None:
            return
        walk.element(anchor, tail=False)
    node: Any = anchor
    while node is not None and walk.budget > 0:
        if node.tail and node.tail.strip():
            walk.take(node.tail)
        for sibling in node.itersiblings():
            if walk.budget <= 0:
                break
            walk.element(sibling)
        node = node.getparent()
    found.under_headline = walk.text()


class _Walk:
    """The walk through what follows the headline: its texts, a line each (a name in its link, a
    date in its element: the parts of a byline apart), up to a budget."""

    def __init__(self, found: PageMeta) -> None:
        self.found, self.budget = found, UNDER_HEADLINE_CHARS
        self.lines: list[str] = []
        self.alts: set[str] = set()  # a picture's alt text, which the caption under it repeats

    def element(self, node: Any, *, tail: bool = True) -> None:
        if self.budget > 0 and isinstance(node.tag, str) and node.tag not in _UNSEEN:
            if (
                node.tag == "time"
                and node.get("datetime")
                and not _UPDATE_MARK.search(f"{node.get('class') or ''} {node.get('itemprop') or ''}")
            ):  # the update's, marked so by class or microdata (WordPress's "updated"), is no publication
                self.found.times.append(node.get("datetime"))
                self.found.time_at.append(sum(len(p) + 1 for p in self.lines))
            if node.tag == "img" and word_count(node.get("alt") or "") >= CAPTION_MIN_WORDS:
                self.alts.add(plain(node.get("alt")))  # not an author's portrait, named by its alt
            _note_byline(node, self.found)
            if node.text and node.text.strip() and plain(node.text) not in self.alts:
                self.take(node.text)
            for child in node:
                if self.budget <= 0:
                    break
                self.element(child)
        if tail and self.budget > 0 and node.tail and node.tail.strip():
            self.take(node.tail)

    def take(self, text: str) -> None:
        text = " ".join(text.split())
        if len(text) > PARAGRAPH_CHARS:  # a paragraph: its opening words, then no further
            text, self.budget = text[:FIRST_WORDS], 0
        else:
            self.budget -= len(text)
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines)


def _note_byline(node: Any, found: PageMeta) -> None:
    """An element of a byline class, or marked as the author's (rel, itemprop), and its text."""
    byline = BYLINE_CLASS.search(node.get("class") or "")
    if not (byline or node.get("rel") == "author" or node.get("itemprop") == "author"):
        return
    text = "\n".join(text_lines(node))  # its lines apart: "Jane Doe", then "The Daily Post"
    if text and word_count(text) <= BYLINE_MAX_WORDS and len(found.authors_shown) < MAX_AUTHOR_ELEMENTS:
        found.byline = found.byline or (text if byline else None)
        found.authors_shown.append(text)


FIRST_WORDS = 120  # of the first paragraph: a dateline can open it ("Feb. 23, 2015 -- Peanut allergies…")


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
    for obj in objects:  # the site-wide WebSite object names the site
        if obj.get("@type") == "WebSite" and isinstance(obj.get("name"), str):
            found.ld_site = clean_text(obj["name"]) or None
            break
    if not found.ld_publisher and not found.ld_article:
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
