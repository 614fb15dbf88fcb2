"""Shell completion of what clipper knows: post numbers and names, feed names. A shell asks on every
Tab, so an answer reads only the posts' listing cache or the feed store (never the fetching and
extraction stack), prints nothing but the candidates, and is empty rather than an error when the
settings or a folder cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from clipper.errors import ClipperError

if TYPE_CHECKING:
    from clipper.posts.listing import PostInfo
    from clipper.posts.postfile import Status
    from clipper.settings import Settings

# At this length a run of digits is a date at the head of a file name (2026-...), no post number.
DATE_DIGITS = 4


def posts(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Post IDs that begin with `incomplete`, each with its title: numbers for digits (or nothing
    typed yet), file names for a date, names without the date for words."""
    try:
        rows = _numbered(ctx)
    except (ClipperError, OSError):
        return []
    return candidates(rows, incomplete)


def candidates(rows: list[tuple[int, PostInfo]], incomplete: str) -> list[tuple[str, str]]:
    """The IDs of the numbered posts (newest first) that begin with `incomplete`, with their titles."""
    if not incomplete or (incomplete.isdigit() and len(incomplete) < DATE_DIGITS):
        return [(str(n), p.title) for n, p in rows if n and str(n).startswith(incomplete)]
    if incomplete[0].isdigit():
        return [(p.id, p.title) for _, p in rows if p.id.startswith(incomplete)]
    return [(p.slug, p.title) for _, p in rows if p.slug.startswith(incomplete)]


def feeds(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Names of the feeds followed that begin with `incomplete` (case aside), each with its address."""
    from clipper.sources.subscriptions import FeedStore, store_path

    try:
        conf = _settings(ctx)
        followed = FeedStore(store_path(_given(ctx, "drafts_dir") or conf.drafts_dir)).subscriptions()
    except (ClipperError, OSError):
        return []
    wanted = incomplete.casefold()
    return [(sub.name, sub.url) for sub in followed if sub.name.casefold().startswith(wanted)]


def _numbered(ctx: typer.Context) -> list[tuple[int, PostInfo]]:
    """The posts of the folders the command line names (or the settings), with their numbers."""
    from clipper.posts.listing import all_posts
    from clipper.posts.numbers import number

    conf = _settings(ctx)
    drafts = _given(ctx, "drafts_dir") or conf.drafts_dir
    published = _given(ctx, "published_dir") or conf.published_dir
    where: list[tuple[Path, Status]] = [(drafts, "draft")]
    if published is not None:
        where.append((published, "published"))
    return number(drafts, all_posts(where).posts)


def _settings(ctx: typer.Context) -> Settings:
    """The settings, from the file the root's --config names if it was typed before the command."""
    from clipper.settings import load

    return load(_given(ctx.find_root(), "config_file"))


def _given(ctx: Any, name: str) -> Path | None:
    value = ctx.params.get(name)
    return Path(value) if value else None
