"""The posts folders as clipper reviews them: every Markdown file with front matter and a title,
newest first, read through a cache that is never stale, and found again by ID.

This module must stay light: `clipper list` and `show` import it, and never the fetching and
extraction stack.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from clipper.errors import FileError, InvalidPost, PostNotFound
from clipper.posts.postfile import read, status_of
from clipper.web.urls import dedup_key

CACHE_VERSION = 5
DATE_PREFIX_LEN = len("2026-11-24-")


class PostInfo(NamedTuple):
    """One post as the listing shows it (the JSON of `clipper list --json`, less `number`). A named
    tuple, not a dataclass: a listing makes one per post, and at 100k posts that shows."""

    id: str  # the file name without .md
    path: str
    title: str
    date: str | None  # ISO 8601
    status: str  # "draft" or "published"
    source_name: str | None
    source_url: str | None
    quoted_words: int | None
    source_words: int | None
    sort_key: float  # seconds since the epoch; undated posts sort last
    draft: bool | None = None  # the front matter's own `draft`, if it has one
    sha256: str | None = None  # of the page quoted, as fetched (`content_sha256`)
    review: tuple[str, ...] = ()  # the parts clipper asks the editor to check (`review`)
    tail: str = ""  # title ... source_words as JSON members, kept in the cache

    def to_json(self, number: int) -> str:
        """The post as `list --json` prints it. The members that only change with the file come serialised from the
        cache: at 100k posts, encoding them anew would be most of the listing's time."""
        return (
            f'{{"number": {number}, "id": {_quote(self.id)}, "path": {_quote(self.path)}, '
            f'"status": "{self.status}", {self.tail or json_tail(self)}}}'
        )

    @property
    def slug(self) -> str:
        """The file name without its date prefix."""
        return slug_of(self.id)


def slug_of(stem: str) -> str:
    """A post's file name (without .md) without its date prefix."""
    return stem[DATE_PREFIX_LEN:] if len(stem) > DATE_PREFIX_LEN and stem[:4].isdigit() and stem[10] == "-" else stem


_quote = json.encoder.encode_basestring


def json_tail(info: PostInfo) -> str:
    data = {
        "title": info.title,
        "date": info.date,
        "source_name": info.source_name,
        "source_url": info.source_url,
        "quoted_words": info.quoted_words,
        "source_words": info.source_words,
        "review": list(info.review),
    }
    return json.dumps(data, ensure_ascii=False)[1:-1]


@dataclass(frozen=True)
class Skipped:
    """A file in a posts folder that is not a valid post, and why; `number` is the one it had when it
    was a post (its front matter broke since), if it had one."""

    path: str
    reason: str
    number: int | None = None


def _when(value: Any) -> tuple[str | None, float]:
    """(ISO text, sort key) of a front matter date: a datetime, a date or a string."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            try:
                value = date.fromisoformat(value.strip()[:10])
            except ValueError:
                return None, float("-inf")
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.astimezone()
        return value.isoformat(), aware.timestamp()
    if isinstance(value, date):
        return value.isoformat(), datetime(value.year, value.month, value.day).astimezone().timestamp()
    return None, float("-inf")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_post(path: Path, default_status: str = "draft") -> PostInfo:
    """The listing row of one post file; InvalidPost when it is not a post."""
    post = read(path)
    title = _str(post.meta.get("title"))
    if title is None:
        raise InvalidPost(path, "no title in the front matter")
    source = post.source
    when, key = _when(post.meta.get("date"))
    draft = post.meta.get("draft")
    return PostInfo(
        id=path.stem,
        path=str(path),
        title=title,
        date=when,
        status=status_of(draft, default_status),
        source_name=_str(source.get("source_name")),
        source_url=_str(source.get("source_url")),
        quoted_words=_int(source.get("quoted_words")),
        source_words=_int(source.get("source_words")),
        sort_key=key,
        draft=draft if isinstance(draft, bool) else None,
        sha256=_str(source.get("content_sha256")),
        review=_strings(source.get("review")),
    )


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def cache_dir() -> Path:
    """Where listing caches live: $CLIPPER_CACHE_DIR, else the platform's user cache folder."""
    configured = os.environ.get("CLIPPER_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clipper", appauthor=False))


def _cache_file(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_dir() / f"listing-{key}.marshal"


def scan(folder: Path, default_status: str = "draft", use_cache: bool = True) -> tuple[list[PostInfo], list[Skipped]]:
    """Every post in `folder` (not recursive) and every Markdown file that is not a valid post.

    A file is parsed again whenever its size or modification time (in nanoseconds) changed, so the
    cache never shows stale data; deleting the cache loses nothing.
    """
    cached: dict[str, Any] = _load_cache(folder) if use_cache else {}
    fresh: dict[str, Any] = {}
    posts: list[PostInfo] = []
    skipped: list[Skipped] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        raise FileError(f"{folder}: cannot read the folder: {exc.strerror or exc}") from None
    base = os.path.join(str(folder), "")
    changed = False
    for entry in entries:
        name = entry.name
        if not name.endswith(".md") or name.startswith("."):
            continue
        try:
            st = entry.stat()
        except OSError:
            continue
        if not entry.is_file():
            continue
        hit = cached.get(name)
        if hit is not None and hit[0] == st.st_mtime_ns and hit[1] == st.st_size:
            entry_row = hit
        else:
            changed = True
            try:
                info = read_post(Path(entry.path), default_status)
                entry_row = (
                    st.st_mtime_ns,
                    st.st_size,
                    info.title,
                    info.date,
                    info.draft,
                    info.source_name,
                    info.source_url,
                    info.quoted_words,
                    info.source_words,
                    info.sort_key,
                    info.sha256,
                    info.review,
                    json_tail(info),
                )
            except InvalidPost as exc:
                entry_row = (st.st_mtime_ns, st.st_size, exc.reason)
        fresh[name] = entry_row
        path = base + name
        if len(entry_row) == 3:
            skipped.append(Skipped(path, entry_row[2]))
            continue
        _, _, title, when, draft, source_name, source_url, quoted, words, key, sha256, review, tail = entry_row
        posts.append(
            PostInfo(
                name[:-3],
                path,
                title,
                when,
                status_of(draft, default_status),
                source_name,
                source_url,
                quoted,
                words,
                key,
                draft,
                sha256,
                review,
                tail,
            )
        )
    if use_cache and (changed or len(fresh) != len(cached)):
        _save_cache(folder, fresh)
    return posts, skipped


def _load_cache(folder: Path) -> dict[str, Any]:
    try:
        # loads() of the whole file: load() on a file object reads it piecemeal, several times slower
        version, data = marshal.loads(_cache_file(folder).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if version == CACHE_VERSION and isinstance(data, dict) else {}


def _save_cache(folder: Path, data: dict[str, Any]) -> None:
    """Write the cache atomically; a cache that cannot be written is only a slower next listing."""
    target = _cache_file(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((CACHE_VERSION, data)))
        os.replace(tmp, target)
    except OSError:
        pass


def all_posts(folders: Iterable[tuple[Path, str]], use_cache: bool = True) -> tuple[list[PostInfo], list[Skipped]]:
    """The posts of several folders (each with the status its posts have by default), newest first."""
    # Tens of thousands of small objects, none of them cyclic: the cycle collector would only walk
    # the heap again and again while they are made (it tripled the time at 10k posts).
    gc.disable()
    try:
        return _all_posts(folders, use_cache)
    finally:
        gc.enable()


def _all_posts(folders: Iterable[tuple[Path, str]], use_cache: bool) -> tuple[list[PostInfo], list[Skipped]]:
    posts: list[PostInfo] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for folder, status in folders:
        resolved = folder.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        found, bad = scan(folder, status, use_cache)
        posts.extend(found)
        skipped.extend(bad)
    posts.sort(key=lambda p: (p.sort_key, p.id), reverse=True)
    return posts, skipped


def matching(
    rows: list[tuple[int, PostInfo]],
    status: str | None = None,
    source: str | None = None,
    since: float | None = None,
    search: str | None = None,
    review: bool = False,
) -> list[tuple[int, PostInfo]]:
    """The numbered posts with this status, quoting a publication whose name holds `source`, dated
    on or after `since` (seconds since the epoch), whose title or publication holds `search`, and
    (with `review`) only those clipper asks the editor to check."""
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
    raises that file's InvalidPost."""
    ident = ident.strip().removesuffix(".md")
    posts = [p for _, p in rows]
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
    index: dict[str, str] = {}
    for folder in folders:
        found, _ = scan(folder)
        for post in found:
            if post.source_url:
                index.setdefault(dedup_key(post.source_url), post.path)
            if post.sha256:
                index.setdefault(f"sha256:{post.sha256}", post.path)
    return index
