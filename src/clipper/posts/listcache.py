"""The listing's cache: for each posts folder, one file in the user's cache folder that keeps what
each post file said when it was last read (its facts, and its JSON as `list --json` prints it), with
the file's size and modification time to know when to read it again. The format is this module's
own; deleting a cache loses nothing but the time to read the posts again."""

from __future__ import annotations

import json
import marshal
import mmap
import os
import zlib
from pathlib import Path
from typing import Any, NamedTuple

CACHE_VERSION = 6


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


class Read(NamedTuple):
    """A file as it was read: what its post says, or why it is no post; and, kept ready for `list
    --json` (UTF-8, as it prints them), its name and the post's members after its place and status."""

    facts: tuple[Any, ...] | None  # its Facts, in their order; None: the file is no post
    problem: str  # why the file is no post ("" for a post)
    name: bytes  # the file's name without .md, escaped as a JSON string's inside
    members: bytes  # `"title": …, "review": […]` (b"" for no post)


class Table(NamedTuple):
    """A folder's cache: one row a file, one column each thing read of it, as the cache file keeps
    them (plain lists and a dict: marshal, quick to read back, keeps no other kind)."""

    rows: dict[str, int]  # a file's name -> its row
    mtime_ns: list[int]  # the file's modification time and size when it was read
    size: list[int]
    facts: list[tuple[Any, ...] | None]
    problem: list[str]
    name: list[bytes]
    members: list[bytes]


def table_of(names: list[str], old: Table, fresh: dict[str, tuple[int, int, Read]]) -> Table:
    """The cache of the files `names`: those read now (`fresh`), the others as `old` has them."""
    table = empty()
    for row, name in enumerate(names):
        if name in fresh:
            mtime_ns, size, read = fresh[name]
            read = read._replace(facts=None if read.facts is None else tuple(read.facts))
        else:
            at = old.rows[name]
            mtime_ns, size = old.mtime_ns[at], old.size[at]
            read = Read(old.facts[at], old.problem[at], old.name[at], old.members[at])
        table.rows[name] = row
        table.mtime_ns.append(mtime_ns)
        table.size.append(size)
        table.facts.append(read.facts)
        table.problem.append(read.problem)
        table.name.append(read.name)
        table.members.append(read.members)
    return table


def empty() -> Table:
    return Table({}, [], [], [], [], [], [])


def json_inside(text: str) -> bytes:
    """`text` as the inside of a JSON string, UTF-8."""
    return json.encoder.encode_basestring(text)[1:-1].encode("utf-8", "surrogateescape")


def members_of(facts: Facts) -> bytes:
    """A post's `list --json` members after its place and status, UTF-8, as the cache keeps them."""
    data = {
        "title": facts.title,
        "date": facts.date,
        "source_name": facts.source_name,
        "source_url": facts.source_url,
        "quoted_words": facts.quoted_words,
        "source_words": facts.source_words,
        "review": list(facts.review),
    }
    return json.dumps(data, ensure_ascii=False)[1:-1].encode("utf-8", "surrogateescape")


def cache_dir() -> Path:
    """Where listing caches live: $CLIPPER_CACHE_DIR, else the platform's user cache folder."""
    configured = os.environ.get("CLIPPER_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clipper", appauthor=False))


def cache_file(folder: Path) -> Path:
    """The folder's cache, named by its absolute path (two checksums of it: no crypto to import)."""
    name = str(folder.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / f"listing-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.marshal"


def load(folder: Path) -> Table:
    try:
        # The file mapped, not read: its pages are the page cache's, and no copy of megabytes is made
        # (load() on a file object would read it piecemeal, several times slower).
        with open(cache_file(folder), "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            version, *columns = marshal.loads(mapped)
    except (OSError, EOFError, ValueError, TypeError):
        return empty()
    if version != CACHE_VERSION or len(columns) != len(Table._fields) or not isinstance(columns[0], dict):
        return empty()
    return Table._make(columns)


def save(folder: Path, table: Table) -> None:
    """Write the cache atomically; a cache that cannot be written is only a slower next listing."""
    target = cache_file(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((CACHE_VERSION, *table)))
        os.replace(tmp, target)
    except OSError:
        pass
