"""The posts of the posts folders as `clipper list` shows them: every Markdown file with front matter
and a title, newest first, each file read once and then taken from a cache that is never stale (a
file is read again whenever its size or modification time changes; deleting the cache loses
nothing).

This module must stay light: `clipper list` and `show` import it, and never the fetching and
extraction stack. The cache is its own business: its format, and the JSON that `list --json` prints
of each post, which it keeps ready (encoding every post anew would be a third of a listing's time).
"""

from __future__ import annotations

import gc
import json
import marshal
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from clipper.errors import FileError, InvalidPost
from clipper.posts.postfile import Status, status_of

CACHE_VERSION = 6
DATE_PREFIX_LEN = len("2026-11-24-")


class Facts(NamedTuple):
    """What a post file says, as the listing keeps it."""

    title: str
    date: str | None  # ISO 8601
    source_name: str | None
    source_url: str | None
    quoted_words: int | None
    source_words: int | None
    sort_key: float  # seconds since the epoch; undated posts sort last
    draft: bool | None  # the front matter's own `draft`, if it has one
    sha256: str | None  # of the page quoted, as fetched (`content_sha256`)
    review: tuple[str, ...]  # the parts clipper asks the editor to check (`review`)


class PostInfo(NamedTuple):
    """One post as the listing shows it: where it is, the status of its folder, and what it says (its
    Facts, in their order). A named tuple, not a dataclass: a listing makes one per post, and at 100k
    posts that shows."""

    id: str  # the file name without .md
    path: str
    folder_status: Status  # what a post there is without a `draft` key of its own
    title: str
    date: str | None
    source_name: str | None
    source_url: str | None
    quoted_words: int | None
    source_words: int | None
    sort_key: float
    draft: bool | None
    sha256: str | None
    review: tuple[str, ...]

    @property
    def status(self) -> Status:
        """Its own `draft` key when it has one, else its folder's."""
        return status_of(self.draft, self.folder_status)

    @property
    def slug(self) -> str:
        """The file name without its date prefix."""
        return slug_of(self.id)


# A post is its place, its folder's status and its facts, in this order: the listing joins the three.
assert PostInfo._fields[3:] == Facts._fields


def slug_of(stem: str) -> str:
    """A post's file name (without .md) without its date prefix."""
    return stem[DATE_PREFIX_LEN:] if len(stem) > DATE_PREFIX_LEN and stem[:4].isdigit() and stem[10] == "-" else stem


@dataclass(frozen=True, kw_only=True)
class Skipped:
    """A file in a posts folder that is not a valid post, and why; `number` is the one it had when it
    was a post (its front matter broke since), if it had one."""

    path: str
    reason: str
    number: int | None = None


class Cached(NamedTuple):
    """One file as the cache keeps it. The cache file holds these as plain tuples, in this order
    (marshal, quick to read back, keeps no other kind)."""

    mtime_ns: int
    size: int
    facts: Facts | None  # None: the file is no post (read back from the file: a tuple in Facts' order)
    problem: str  # why the file is no post ("" for a post)
    members: str  # the post's `list --json` members after its place and status


@dataclass(frozen=True)
class Listing:
    """The posts of some folders, newest first, and the files there that are no posts."""

    posts: list[PostInfo]
    skipped: list[Skipped]
    members: dict[str, str] = field(repr=False)  # a post's path -> its `list --json` members, kept ready

    def to_json(self, rows: list[tuple[int, PostInfo]]) -> str:
        """The numbered posts as `list --json` prints them (the README lists the keys)."""
        members, quote = self.members, json.encoder.encode_basestring
        objects = (
            f'{{"number": {n}, "id": {quote(p.id)}, "path": {quote(p.path)}, "status": "{p.status}", '
            f"{members[p.path]}}}"
            for n, p in rows
        )
        return "[" + ",\n".join(objects) + "]\n"


def all_posts(folders: Iterable[tuple[Path, Status]]) -> Listing:
    """The posts of several folders (each with the status its posts have by default), newest first."""
    # Tens of thousands of small objects, none of them cyclic: the cycle collector would only walk
    # the heap again and again while they are made (it tripled the time at 10k posts).
    gc.disable()
    try:
        posts: list[PostInfo] = []
        skipped: list[Skipped] = []
        members: dict[str, str] = {}
        seen: set[Path] = set()
        for folder, status in folders:
            resolved = folder.resolve()
            if resolved not in seen:
                seen.add(resolved)
                _scan(folder, status, posts, skipped, members)
        posts.sort(key=lambda p: (p.sort_key, p.id), reverse=True)
        return Listing(posts, skipped, members)
    finally:
        gc.enable()


def _scan(
    folder: Path, default: Status, posts: list[PostInfo], skipped: list[Skipped], members: dict[str, str]
) -> None:
    """The posts of `folder` (not recursive), and the Markdown files there that are no posts."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileError(f"{folder}: cannot read the folder: {exc.strerror or exc}") from None
    cached = _load_cache(folder)
    fresh: dict[str, Cached] = {}
    changed = False
    base = os.path.join(str(folder), "")
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
        row = cached.get(name)
        if row is None or row.mtime_ns != st.st_mtime_ns or row.size != st.st_size:
            row = _read(Path(entry.path), st.st_mtime_ns, st.st_size)
            changed = True
        fresh[name] = row
        path = base + name
        if row.facts is None:
            skipped.append(Skipped(path=path, reason=row.problem))
            continue
        posts.append(PostInfo(name[:-3], path, default, *row.facts))
        members[path] = row.members
    if changed or len(fresh) != len(cached):
        _save_cache(folder, fresh)


def _read(path: Path, mtime_ns: int, size: int) -> Cached:
    """A file read for the cache: its post's facts and JSON members, or why it is no post."""
    try:
        facts = read_facts(path)
    except InvalidPost as exc:
        return Cached(mtime_ns=mtime_ns, size=size, facts=None, problem=exc.reason, members="")
    return Cached(mtime_ns=mtime_ns, size=size, facts=facts, problem="", members=_members(facts))


def read_facts(path: Path) -> Facts:
    """What the post file at `path` says; InvalidPost when it is no post."""
    from clipper.posts.frontmatter import date_value
    from clipper.posts.postfile import read

    post = read(path)
    title = _str(post.meta.get("title"))
    if title is None:
        raise InvalidPost(path, "no title in the front matter")
    source = post.source
    when, key = _when(date_value(post.meta.get("date")))
    draft = post.meta.get("draft")
    return Facts(
        title=title,
        date=when,
        source_name=_str(source.get("source_name")),
        source_url=_str(source.get("source_url")),
        quoted_words=_int(source.get("quoted_words")),
        source_words=_int(source.get("source_words")),
        sort_key=key,
        draft=draft if isinstance(draft, bool) else None,
        sha256=_str(source.get("content_sha256")),
        review=_strings(source.get("review")),
    )


def read_post(path: Path, default: Status = "draft") -> PostInfo:
    """The listing row of one post file; InvalidPost when it is no post."""
    return PostInfo(path.stem, str(path), default, *read_facts(path))


def _members(facts: Facts) -> str:
    """A post's `list --json` members after its place and status, as the cache keeps them."""
    data = {
        "title": facts.title,
        "date": facts.date,
        "source_name": facts.source_name,
        "source_url": facts.source_url,
        "quoted_words": facts.quoted_words,
        "source_words": facts.source_words,
        "review": list(facts.review),
    }
    return json.dumps(data, ensure_ascii=False)[1:-1]


def _when(value: datetime | date | None) -> tuple[str | None, float]:
    """(ISO text, sort key) of a front matter date."""
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
    """The folder's cache, named by its absolute path (two checksums of it: no crypto to import)."""
    name = str(folder.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / f"listing-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.marshal"


def _load_cache(folder: Path) -> dict[str, Cached]:
    try:
        # loads() of the whole file: load() on a file object reads it piecemeal, several times slower
        version, data = marshal.loads(_cache_file(folder).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if version != CACHE_VERSION or not isinstance(data, dict):
        return {}
    return {name: Cached._make(row) for name, row in data.items()}


def _save_cache(folder: Path, rows: dict[str, Cached]) -> None:
    """Write the cache atomically; a cache that cannot be written is only a slower next listing."""
    plain = {
        name: (row.mtime_ns, row.size, None if row.facts is None else tuple(row.facts), row.problem, row.members)
        for name, row in rows.items()
    }
    target = _cache_file(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((CACHE_VERSION, plain)))
        os.replace(tmp, target)
    except OSError:
        pass
