"""The post file: front matter plus the excerpt body, rendered from an extracted article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from clipper.posts import frontmatter, markdown, selection
from clipper.text import word_count
from clipper.web.urls import host


@dataclass(frozen=True)
class PostStyle:
    """How a post is worded and formatted; the defaults match the classic link-blog excerpt."""

    attribution: str = "{site} reports:"
    attribution_opinion: str = "{author} writes:"  # for opinion pieces, columns, blog posts
    continue_text: str = "[Continue reading…]"
    front_matter: str = "toml"  # or "yaml"
    link_site: bool = False  # the publication's name links to its home page
    file_name: str = "{date}-{slug}"
    keys_table: str = ""  # a front matter table for clipper's source keys ("extra" for Zola)


@dataclass(frozen=True)
class Quote:
    """A quoted block: its number in the article, kind and text (cut down by the editor if `edited`)."""

    number: int
    kind: str
    text: str
    edited: bool = False


@dataclass(frozen=True)
class Post:
    """Everything a post file records."""

    title: str
    created: datetime
    source_url: str
    quotes: tuple[Quote, ...]
    source_words: int
    source_name: str | None = None
    source_title: str | None = None
    source_author: str | None = None
    source_date: str | None = None  # YYYY-MM-DD
    fetched: datetime | None = None
    draft: bool = True
    fetch_status: int | None = None
    final_url: str | None = None  # where the fetch ended, after redirects
    content_sha256: str | None = None  # of the page's bytes as fetched
    snapshot: str | None = None  # the kept page, relative to the post's folder
    archive_url: str | None = None  # an existing capture in a web archive
    opinion: bool = False  # the source presents itself as opinion: the attribution names the author
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def quoted_words(self) -> int:
        return sum(word_count(q.text) for q in self.quotes)

    @property
    def quoted_numbers(self) -> list[int]:
        return sorted({q.number for q in self.quotes})

    def front_matter(self, table: str = "") -> dict[str, Any]:
        """The front matter as values a serialiser writes; absent facts are left out (TOML has no
        null). With `table`, clipper's source keys go in that table (Zola allows no others at the top)."""
        own: dict[str, Any] = {
            "source_url": self.source_url,
            "source_name": self.source_name,
            "source_title": self.source_title,
            "source_author": self.source_author,
            "source_date": date.fromisoformat(self.source_date) if self.source_date else None,
            "fetched": self.fetched,
            "fetch_status": self.fetch_status,
            "final_url": self.final_url,
            "content_sha256": self.content_sha256,
            "snapshot": self.snapshot,
            "archive_url": self.archive_url,
            "quoted": selection.describe(self.quoted_numbers),
            "edited": True if any(q.edited for q in self.quotes) else None,
            "quoted_words": self.quoted_words,
            "source_words": self.source_words,
        }
        own = {k: v for k, v in own.items() if v is not None}
        data: dict[str, Any] = {"title": self.title, "date": self.created, "draft": self.draft}
        if table:
            data.update(self.extra)
            data[table] = {**data.get(table, {}), **own}
        else:
            data.update(own)
            data.update(self.extra)
        return data


def attribution(post: Post, style: PostStyle) -> str:
    """The attribution line, e.g. `The Guardian reports:`; page text in it is escaped."""
    site = post.source_name or host(post.source_url) or "The source"
    values = {
        "site": site,
        "author": post.source_author or site,
        "title": post.source_title or post.title,
        "date": post.source_date or "",
    }
    escaped = {k: markdown.escape(v) for k, v in values.items()}
    if style.link_site and post.source_url:
        parts = urlsplit(post.source_url)
        escaped["site"] = markdown.link(site, f"{parts.scheme}://{parts.netloc}/")
    template = style.attribution_opinion if post.opinion and post.source_author else style.attribution
    line = template.format_map(escaped)
    # "the Guardian reports:" starts a sentence; "iNews reports:" keeps its own case.
    if line.startswith("the "):
        line = "T" + line[1:]
    return line


def body(post: Post, style: PostStyle) -> str:
    """The Markdown body: attribution, one blockquote of the quoted blocks, the link to the source."""
    quote = markdown.blockquote([(q.kind, q.text) for q in post.quotes])
    return f"{attribution(post, style)}\n\n{quote}\n\n{markdown.link(style.continue_text, post.source_url)}\n"


def render(post: Post, style: PostStyle = PostStyle()) -> str:
    """The whole post file: front matter (TOML between `+++` lines by default), then the body."""
    return f"{frontmatter.dump(post.front_matter(style.keys_table), style.front_matter)}\n{body(post, style)}"


def share(quoted_words: int, source_words: int) -> float:
    """The share of the source a quote takes, 0..1."""
    return quoted_words / source_words if source_words else 0.0


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a post file into (front matter, body); ValueError when the front matter is missing or
    does not parse."""
    data, body, _ = frontmatter.parse(text)
    return data, body
