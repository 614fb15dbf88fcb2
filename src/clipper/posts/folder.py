"""Finding posts in the listing: the posts a filter keeps, the post an ID names, and what the posts
already quote (the sources a grab refuses to draft again)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from clipper.errors import InvalidPost, PostNotFound
from clipper.posts.listing import PostInfo, Skipped, all_posts, slug_of
from clipper.posts.postfile import Status


def matching(
    rows: list[tuple[int, PostInfo]],
    status: Status | None = None,
    source: str | None = None,
    since: float | None = None,
    search: str | None = None,
    review: bool = False,
) -> list[tuple[int, PostInfo]]:
    """The numbered posts with this status, quoting a publication whose name holds `source`, dated
    on or after `since` (seconds since the epoch), whose title or publication holds `search`, and
    (with `review`) only those clipper asks the editor to check."""
    if status is None and source is None and since is None and search is None and not review:
        return rows
    needle = search.casefold() if search else None
    wanted = source.casefold() if source else None
    return [
        (n, p)
        for n, p in rows
        if (status is None or p.status == status)
        and (wanted is None or wanted in (p.source_name or "").casefold())
        and (since is None or p.sort_key >= since)
        and (needle is None or needle in p.title.casefold() or needle in (p.source_name or "").casefold())
        and (not review or p.review)
    ]


def resolve(ident: str, rows: list[tuple[int, PostInfo]], skipped: Iterable[Skipped] = ()) -> PostInfo:
    """The post an ID names: its number, or a unique prefix of its file name or of its slug, or a
    run of whole words of its slug (`webb` for 2026-11-29-michael-webb-on-ai). An ID that names no
    post but one of the `skipped` files (no valid post), by its name or the number it had as a post,
    raises that file's InvalidPost. A path to a post's file (as `grab` prints it) names that post."""
    ident = ident.strip()
    posts, skipped = [p for _, p in rows], list(skipped)
    given = Path(ident)
    if len(given.parts) > 1:
        file = _resolved(given)
        here = [p for p in posts if _same_file(file, Path(p.path))]
        if here:
            return here[0]
        broken = [bad for bad in skipped if _same_file(file, Path(bad.path))]
        if broken:
            raise InvalidPost(broken[0].path, broken[0].reason)
        raise PostNotFound(f"{ident}: no post in the posts folders; `clipper list` shows the posts and their numbers")
    ident = ident.removesuffix(".md")
    if ident.isdigit() and not (len(ident) >= 4 and any(p.id.startswith(ident) for p in posts)):
        found = [p for n, p in rows if n == int(ident)]
        if found:
            return found[0]
        broken = [bad for bad in skipped if bad.number == int(ident)]
        if broken:  # a post whose file no longer parses keeps its number: say what is wrong with it
            raise InvalidPost(broken[0].path, broken[0].reason)
        raise PostNotFound(f"no post number {ident}; `clipper list` shows the posts and their numbers")
    words = f"-{ident.lower().replace(' ', '-')}-"
    # A whole name wins; a prefix of one name and words of another are two candidates, not a choice.
    matches = [p for p in posts if ident in (p.id, p.slug)] or [p for p in posts if _names(ident, words, p.id)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        broken = [bad for bad in skipped if _names(Path(ident).name, words, Path(bad.path).stem)]
        if len(broken) == 1:
            raise InvalidPost(broken[0].path, broken[0].reason)
        raise PostNotFound(f"no post matches {ident!r}; `clipper list` shows the posts and their numbers")
    number = {id(p): n for n, p in rows}
    named = [f"{number[id(p)]} {p.id}" for p in matches[:5]]
    names = ", ".join(named) + (f" and {len(matches) - 5} more" if len(matches) > 5 else "")
    raise PostNotFound(f"{ident!r} matches {len(matches)} posts: {names}; give more of the name, or the number")


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: no post's file
        return None


def _same_file(file: Path | None, path: Path) -> bool:
    """True when `path` is `file` (resolved); only a path of the same name is resolved to compare."""
    return file is not None and path.name == file.name and _resolved(path) == file


def _names(ident: str, words: str, stem: str) -> bool:
    """True when `ident` is a prefix of the file name `stem` or of its slug, or `words` (the ID as
    `-words-`) a run of the slug's whole words."""
    slug = slug_of(stem)
    return stem.startswith(ident) or slug.startswith(ident) or words in f"-{slug}-"


def source_index(folders: Iterable[Path]) -> dict[str, str]:
    """What the posts in `folders` already quote -> the post's path: each normalised source URL, and
    each page's SHA-256 as `sha256:HEX` (the same page saved to a file is the same source).

    Read through the listing cache, so checking a grab against ten thousand drafts stays cheap.
    """
    from clipper.web.urls import dedup_key

    index: dict[str, str] = {}
    for folder in folders:
        for post in all_posts([(folder, "draft")]).posts:
            if post.source_url:
                index.setdefault(dedup_key(post.source_url), post.path)
            if post.sha256:
                index.setdefault(f"sha256:{post.sha256}", post.path)
    return index
