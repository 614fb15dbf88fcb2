"""The posts of the posts folders as `clipper list` shows them: every Markdown file with front matter
and a title, newest first, each file read once and then taken from a cache that is never stale (a
file is read again whenever its size or modification time changes; deleting the cache loses
nothing).

This module must stay light: `clipper list` and `show` import it, and never the fetching and
extraction stack. The cache (listcache.py) keeps each post's JSON as `list --json` prints it ready:
encoding every post anew would be a third of a listing's time.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from clipper.errors import FileError, InvalidPost
from clipper.posts import listcache
from clipper.posts.listcache import Facts, Read
from clipper.posts.postfile import Status, status_of

DATE_PREFIX_LEN = len("2026-11-24-")
JSON_ROWS = 500  # posts encoded at a time for `list --json`


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


class Skipped(NamedTuple):
    """A file in a posts folder that is not a valid post, and why; `number` is the one it had when it
    was a post (its front matter broke since), if it had one."""

    path: str
    reason: str
    number: int | None = None


class Listing(NamedTuple):
    """The posts of some folders, newest first, and the files there that are no posts. (This module's
    records are named tuples, which are quicker to make and to define than dataclasses: `list` pays
    for both.)"""

    posts: list[PostInfo]
    skipped: list[Skipped]
    # A post's path -> its folder, name and members as `list --json` prints them, kept ready.
    encoded: dict[str, tuple[bytes, bytes, bytes]]

    def write_json(self, rows: list[tuple[int, PostInfo]], out: BinaryIO) -> None:
        """The numbered posts as `list --json` prints them (the README lists the keys), UTF-8, written
        to `out` a few hundred at a time: ten thousand of them are megabytes, never held at once."""
        encoded = self.encoded
        out.write(b"[")
        for start in range(0, len(rows), JSON_ROWS):
            objects = []
            for n, post in rows[start : start + JSON_ROWS]:
                folder, name, members = encoded[post.path]
                status = b"draft" if status_of(post.draft, post.folder_status) == "draft" else b"published"
                objects.append(
                    b'{"number": %d, "id": "%b", "path": "%b%b.md", "status": "%b", %b}'
                    % (n, name, folder, name, status, members)
                )
            out.write((b",\n" if start else b"") + b",\n".join(objects))
        out.write(b"]\n")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused for the block. A listing makes tens of thousands of small objects,
    none of them cyclic, and the collector would only walk the heap again and again while they are
    made and used (it tripled the time of a listing at 10k posts)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def all_posts(folders: Iterable[tuple[Path, Status]]) -> Listing:
    """The posts of several folders (each with the status its posts have by default), newest first."""
    with collector_paused():
        posts: list[PostInfo] = []
        skipped: list[Skipped] = []
        encoded: dict[str, tuple[bytes, bytes, bytes]] = {}
        seen: set[Path] = set()
        for folder, status in folders:
            resolved = folder.resolve()
            if resolved not in seen:
                seen.add(resolved)
                _scan(folder, status, posts, skipped, encoded)
        # Newest first, ties by name: two stable sorts by one key each make no tuple for every post.
        posts.sort(key=attrgetter("id"), reverse=True)
        posts.sort(key=attrgetter("sort_key"), reverse=True)
        return Listing(posts, skipped, encoded)


def _scan(
    folder: Path,
    default: Status,
    posts: list[PostInfo],
    skipped: list[Skipped],
    encoded: dict[str, tuple[bytes, bytes, bytes]],
) -> None:
    """The posts of `folder` (not recursive), and the Markdown files there that are no posts."""
    try:
        entries = os.scandir(folder)  # one entry at a time: each holds its file's stat while it lives
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileError(f"{folder}: cannot read the folder: {exc.strerror or exc}") from None
    try:
        with entries:
            _scan_entries(folder, entries, default, posts, skipped, encoded)
    except OSError as exc:  # the folder went, or became unreadable, while it was read
        raise FileError(f"{folder}: cannot read the folder: {exc.strerror or exc}") from None


def _scan_entries(
    folder: Path,
    entries: Iterator[os.DirEntry[str]],
    default: Status,
    posts: list[PostInfo],
    skipped: list[Skipped],
    encoded: dict[str, tuple[bytes, bytes, bytes]],
) -> None:
    """The folder's entries read through its cache; the cache written again when files came, went
    or changed."""
    cached = listcache.load(folder)
    rows, mtimes, sizes = cached.rows, cached.mtime_ns, cached.size
    names: list[str] = []  # the files the cache will hold
    fresh: dict[str, tuple[int, int, Read]] = {}  # those read now: new, or changed since
    base = os.path.join(str(folder), "")
    folder_json = listcache.json_inside(base)
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
        names.append(name)
        row = rows.get(name)
        if row is not None and mtimes[row] == st.st_mtime_ns and sizes[row] == st.st_size:
            facts, problem, stem, members = (
                cached.facts[row],
                cached.problem[row],
                cached.name[row],
                cached.members[row],
            )
        else:
            read = _read(Path(entry.path))
            fresh[name] = (st.st_mtime_ns, st.st_size, read)
            facts, problem, stem, members = read
        path = base + name
        if facts is None:
            skipped.append(Skipped(path=path, reason=problem))
            continue
        posts.append(PostInfo(name[:-3], path, default, *facts))
        encoded[path] = (folder_json, stem, members)
    if fresh or len(names) != len(rows):
        listcache.save(folder, listcache.table_of(names, cached, fresh))


def _read(path: Path) -> Read:
    """A file read for the cache: its post's facts and JSON members, or why it is no post."""
    try:
        facts = read_facts(path)
    except InvalidPost as exc:
        return Read(facts=None, problem=exc.reason, name=b"", members=b"")
    return Read(facts=facts, problem="", name=listcache.json_inside(path.stem), members=listcache.members_of(facts))


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
