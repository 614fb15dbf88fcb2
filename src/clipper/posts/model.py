"""One post: what it records, its front matter, and the whole file composed from it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from clipper.posts import fragment, frontmatter, markdown, selection
from clipper.posts.cuts import ELISION
from clipper.posts.files import file_stem, write_new
from clipper.settings import PostSettings, template_fields
from clipper.text import word_count
from clipper.web.urls import host, split


@dataclass(frozen=True, kw_only=True)
class Quote:
    """A quoted block: its number in the article, kind and text (cut down by the editor if `edited`)."""

    number: int
    kind: str
    text: str
    edited: bool = False


@dataclass(frozen=True, kw_only=True)
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
    note: str = ""  # the editor's own words, Markdown, set after the quote by the body template
    tags: tuple[str, ...] = ()
    review: tuple[str, ...] = ()  # the parts of this post clipper doubts: lead, headline, publication...
    extra: dict[str, Any] = field(default_factory=dict)
    language: str | None = None  # the page's, as it states it: how its headline reads in a file name
    resume: str = ""  # the source's words where a reader goes on after the quote (post.link_to_quote)

    @property
    def quoted_words(self) -> int:
        return sum(word_count(q.text) for q in self.quotes)

    @property
    def quoted_numbers(self) -> list[int]:
        return sorted({q.number for q in self.quotes})

    def front_matter(self, table: str = "") -> dict[str, Any]:
        """The front matter as values a serialiser writes; absent facts are left out (TOML has no
        null). With `table`, clipper's source keys go in that table (Zola allows no others at the top).
        Clipper's own keys always win over `extra`."""
        own = {key: value for key, read in SOURCE_KEYS.items() if (value := read(self)) is not None}
        data: dict[str, Any] = {k: v for k, v in self.extra.items() if k not in OWN_KEYS}
        if self.tags:
            # Zola (clipper's keys in a table) takes tags as a taxonomy; the other engines at the top
            home = data.setdefault("taxonomies", {}) if table else data
            given = home.get("tags")
            home["tags"] = list(dict.fromkeys([*(given if isinstance(given, list) else []), *self.tags]))
        if table:
            theirs = data.get(table)
            data[table] = {**(theirs if isinstance(theirs, dict) else {}), **own}
            own = {}
        return {"title": self.title, "date": self.created, "draft": self.draft, **own, **data}


# clipper's keys about the source, in the order the file lists them, and how each is read from a post.
SOURCE_KEYS: dict[str, Callable[[Post], Any]] = {
    "source_url": attrgetter("source_url"),
    "source_name": attrgetter("source_name"),
    "source_title": attrgetter("source_title"),
    "source_author": attrgetter("source_author"),
    "source_date": lambda p: date.fromisoformat(p.source_date) if p.source_date else None,
    "fetched": attrgetter("fetched"),
    "fetch_status": attrgetter("fetch_status"),
    "final_url": attrgetter("final_url"),
    "content_sha256": attrgetter("content_sha256"),
    "snapshot": attrgetter("snapshot"),
    "archive_url": attrgetter("archive_url"),
    "quoted": lambda p: selection.describe(p.quoted_numbers),
    "edited": lambda p: True if any(q.edited for q in p.quotes) else None,
    "quoted_words": attrgetter("quoted_words"),
    "source_words": attrgetter("source_words"),
    "review": lambda p: list(p.review) or None,
}
# Keys clipper writes into a post after it is made: `publish`, `check --record`, `push`.
LATER_KEYS = ("publishDate", "checked", "check_status", "wordpress_id", "wordpress_url")
# Every front matter key clipper owns: no setting may write one of them.
OWN_KEYS = frozenset({"title", "date", "draft", *SOURCE_KEYS, *LATER_KEYS})


def attribution(post: Post, style: PostSettings) -> str:
    """The attribution line, e.g. `The Guardian reports:`; page text in it is escaped."""
    site = post.source_name or host(post.source_url) or "The source"
    values = {
        "site": site,
        "author": post.source_author or site,
        "title": post.source_title or post.title,
        "date": post.source_date or "",
    }
    escaped = {k: markdown.escape(v) for k, v in values.items()}
    parts = split(post.source_url) if style.link_site and post.source_url else None
    if parts is not None:
        escaped["site"] = markdown.link(site, f"{parts.scheme}://{parts.netloc}/")
    line = attribution_template(style, post.opinion, post.source_author).format_map(escaped)
    # "the Guardian reports:" starts a sentence; "iNews reports:" keeps its own case.
    if line.startswith("the "):
        line = "T" + line[1:]
    return line


def attribution_template(style: PostSettings, opinion: bool, author: str | None) -> str:
    """The template of a post's attribution line: the opinion one for a piece the page presents as
    opinion and credits to someone, else the news one."""
    return style.attribution_opinion if opinion and author else style.attribution


def attributed(style: PostSettings, opinion: bool, author: str | None) -> frozenset[str]:
    """The facts the attribution line shows: the parts of a post (`publication`, `author`, `date`)
    its template names."""
    names = (name for name, _ in template_fields(attribution_template(style, opinion, author)))
    return frozenset({"site": "publication"}.get(name, name) for name in names)


def body(post: Post, style: PostSettings) -> str:
    """The Markdown body, laid out by the body template: the attribution, one blockquote of the quoted
    blocks, the editor's note, the link to the source; a part left empty takes no room."""
    parts = {
        "attribution": attribution(post, style),
        "quote": markdown.blockquote(quoted_blocks(post.quotes)),
        "note": post.note.strip(),
        "link": markdown.link(style.continue_text, continued(post, style)),
    }
    text = style.body.format_map(parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def continued(post: Post, style: PostSettings) -> str:
    """Where the link after the quote goes: the source, opening where the quote stops when the
    settings ask for it."""
    if style.link_to_quote and post.resume and post.source_url:
        return fragment.link(post.source_url, post.resume)
    return post.source_url


def quoted_blocks(quotes: tuple[Quote, ...]) -> list[tuple[str, str]]:
    """The quoted blocks as (kind, text), with `[…]` between two that do not follow each other in the
    source: paragraphs 2 and 4 are not one passage."""
    out: list[tuple[str, str]] = []
    for previous, quote in zip((None, *quotes), quotes, strict=False):
        if previous is not None and quote.number > previous.number + 1:
            out.append(("p", ELISION))
        out.append((quote.kind, quote.text))
    return out


def compose(post: Post, style: PostSettings = PostSettings()) -> str:
    """The whole post file: front matter (TOML between `+++` lines by default), then the body."""
    return f"{frontmatter.dump(post.front_matter(style.keys_table), style.front_matter)}\n{body(post, style)}"


def save(post: Post, folder: Path, style: PostSettings = PostSettings()) -> Path:
    """Write `post` under a free name in `folder` (never over another file) and return its path."""
    stem = file_stem(post.created, post.title, post.source_url, style.file_name, post.source_name or "", post.language)
    return write_new(folder, stem, compose(post, style))


def share(quoted_words: int, source_words: int) -> float:
    """The share of the source a quote takes, 0..1."""
    return quoted_words / source_words if source_words else 0.0
