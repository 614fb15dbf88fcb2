"""The main job as plain functions: source in, article out, post written."""

from __future__ import annotations

import importlib
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipper.errors import AlreadyDraftedError, UsageError
from clipper.extraction.sites import lookup
from clipper.posts import files as drafts
from clipper.posts.model import Post, PostStyle, Quote, render
from clipper.posts.snapshot import digest
from clipper.web.fetch import FetchOptions, fetch
from clipper.web.page import Page, load_file
from clipper.web.urls import dedup_key, has_other_scheme, is_web_url

if TYPE_CHECKING:
    from clipper.extraction.article import Article


@dataclass(frozen=True)
class Clipping:
    """A fetched page and the article extracted from it."""

    page: Page
    article: Article


def load(source: str, url: str | None = None, options: FetchOptions = FetchOptions()) -> Page:
    """The page behind `source`: fetched when it is an http(s) URL, read when it is a saved file."""
    if is_web_url(source):
        if url:
            raise UsageError("--url is for saved pages; the source is already a URL")
        return fetch(source, options)
    if has_other_scheme(source):
        raise UsageError(f"{source}: only http and https URLs can be fetched")
    if url and not is_web_url(url):
        raise UsageError(f"--url {url}: not an http(s) URL")
    return load_file(Path(source), url)


def clip(source: str, url: str | None = None, options: FetchOptions = FetchOptions()) -> Clipping:
    """Load `source` and extract its article."""
    warm = None
    if is_web_url(source) and "clipper.extraction.extract" not in sys.modules:
        # Importing the extractor (trafilatura, lxml) costs about 150 ms of CPU while a fetch mostly
        # waits on the network: overlap the two.
        warm = threading.Thread(target=importlib.import_module, args=("clipper.extraction.extract",), daemon=True)
        warm.start()
    try:
        page = load(source, url, options)
    finally:
        if warm is not None:
            warm.join()
    from clipper.extraction.extract import extract

    return Clipping(page, extract(page))


def quotes(article: Article, numbers: list[int]) -> tuple[Quote, ...]:
    """The chosen blocks (1-based numbers) as quotes, in source order."""
    return tuple(Quote(n, article.blocks[n - 1].kind, article.blocks[n - 1].text) for n in sorted(set(numbers)))


def make_post(
    clipping: Clipping,
    chosen: tuple[Quote, ...],
    *,
    title: str | None = None,
    created: datetime | None = None,
    site_names: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
    snapshot: str | None = None,
    archive_url: str | None = None,
) -> Post:
    """A draft post quoting `chosen` from the clipping's article. `site_names` (domain -> name)
    wins over the name the page gives; `extra` is added to the front matter."""
    article = clipping.article
    source_url = article.url or clipping.page.final_url
    if not source_url:
        raise UsageError(f"{clipping.page.path}: the page does not say its address; give it with --url")
    site_name = publication(source_url, article.site_name, site_names)
    return Post(
        title=(title or article.title or source_url).strip(),
        created=created or datetime.now().astimezone().replace(microsecond=0),
        source_url=source_url,
        quotes=chosen,
        source_words=article.words,
        source_name=site_name,
        source_title=article.title,
        source_author=article.author,
        source_date=article.date,
        fetched=clipping.page.fetched_at,
        fetch_status=clipping.page.status,
        final_url=clipping.page.final_url if clipping.page.status is not None else None,
        content_sha256=digest(clipping.page.content),
        snapshot=snapshot,
        archive_url=archive_url,
        opinion=article.opinion,
        extra=dict(extra or {}),
    )


def publication(url: str, found: str | None, site_names: dict[str, str] | None) -> str | None:
    """The publication's name: the settings' name for the URL's domain wins over the one found."""
    return (lookup(url, site_names) if site_names and url else None) or found


def check_not_drafted(index: dict[str, str], url: str) -> None:
    """Refuse a source that a post already quotes (`index` from drafts.source_index)."""
    existing = index.get(dedup_key(url))
    if existing is not None:
        raise AlreadyDraftedError(
            f"{url}: already drafted in {existing} (use --force to draft it again)", str(existing)
        )


def save(post: Post, folder: Path, style: PostStyle = PostStyle()) -> Path:
    """Write `post` under a free name in `folder` and return its path."""
    stem = drafts.file_stem(post.created, post.title, post.source_url, style.file_name, post.source_name or "")
    return drafts.write_new(folder, stem, render(post, style))


def archive_lookup(service: str, url: str, user_agent: str) -> tuple[str | None, str | None]:
    """(capture URL, warning) from a Wayback-style service; a service that cannot be asked is a
    warning, never a failure of the grab."""
    from clipper.web.archive import ArchiveUnavailable, closest_capture

    try:
        return closest_capture(service, url, user_agent), None
    except ArchiveUnavailable as exc:
        return None, str(exc)
