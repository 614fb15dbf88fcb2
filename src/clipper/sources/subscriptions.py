"""The feeds a blog follows and the items already seen, in one SQLite file in the blog's state folder
(`.clipper/feeds.sqlite3` in the drafts folder, beside the post numbers).

SQLite rather than a TOML or JSON file: the items seen grow by every item ever pulled, and SQLite
looks them up without reading them all; its transactions are the lock and the atomic replace that two
`pull`s at once (a cron job and a person) need, on every platform, and a crash mid-write leaves the
file as it was. A person reads the subscriptions with `feed list` or `feed export` (OPML).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from clipper.errors import FeedExists, FeedNotFound, FileError, UsageError
from clipper.posts import STATE_DIR
from clipper.web.urls import dedup_key, host

STORE_NAME = "feeds.sqlite3"
SCHEMA_VERSION = 1
BUSY_SECONDS = 30.0  # how long a pull waits for another one to finish writing
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    url TEXT NOT NULL,
    url_key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    site_url TEXT NOT NULL DEFAULT '',
    added INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    pulls INTEGER NOT NULL DEFAULT 0,
    last_pull INTEGER,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS seen (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    url_key TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (feed_id, item_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_by_url ON seen(url_key);
"""
_COLUMNS = "id, name, url, title, site_url, added, etag, last_modified, pulls, last_pull, last_error"
_CHUNK = 500  # parameters in one IN (...) query


@dataclass(frozen=True, kw_only=True)
class Subscription:
    """A feed the blog follows."""

    id: int
    name: str  # what the commands call it (unique, case aside)
    url: str
    title: str  # the feed's own title
    site_url: str  # the site's home page, or ""
    added: datetime
    etag: str | None  # validators from the last full fetch, sent for a conditional one
    last_modified: str | None
    pulls: int  # successful pulls so far: 0 until the first
    last_pull: datetime | None
    last_error: str | None  # why the last pull failed, or None when it worked

    def to_dict(self) -> dict[str, Any]:
        """The feed for `feed list --json`: name, url, title, site_url, added, last_pull (ISO 8601 in UTC,
        or null), pulls, last_error (or null)."""
        return {
            "name": self.name,
            "url": self.url,
            "title": self.title,
            "site_url": self.site_url,
            "added": self.added.isoformat(),
            "last_pull": self.last_pull.isoformat() if self.last_pull else None,
            "pulls": self.pulls,
            "last_error": self.last_error,
        }

    @classmethod
    def _from_row(cls, row: tuple[Any, ...]) -> Subscription:
        ident, name, url, title, site_url, added, etag, modified, pulls, last_pull, error = row  # _COLUMNS
        return cls(
            id=ident,
            name=name,
            url=url,
            title=title,
            site_url=site_url,
            added=_time(added),
            etag=etag,
            last_modified=modified,
            pulls=pulls,
            last_pull=_time(last_pull) if last_pull is not None else None,
            last_error=error,
        )


def store_path(drafts_dir: Path) -> Path:
    """Where a blog's subscriptions are kept: in clipper's state folder in the drafts folder, a dot
    folder that blog engines and `clipper list` pass by (created by the first write, never by a read)."""
    return drafts_dir / STATE_DIR / STORE_NAME


def now() -> int:
    return int(datetime.now(timezone.utc).timestamp())


def _time(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def clean_name(text: str) -> str:
    """A feed's name: one line, white space collapsed."""
    return re.sub(r"\s+", " ", text).strip()


class FeedStore:
    """The subscriptions file of one blog. Reads never create it; the first write does."""

    def __init__(self, path: Path, busy_seconds: float = BUSY_SECONDS) -> None:
        self.path = path
        self.busy_seconds = busy_seconds

    @contextmanager
    def _connection(self, write: bool) -> Iterator[sqlite3.Connection | None]:
        if not write and not self.path.exists():
            yield None
            return
        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise FileError(f"{self.path}: cannot open the feed store: {_reason(exc)}") from None
        try:
            db.execute("PRAGMA foreign_keys = ON")
            yield db
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise FileError(
                    f"{self.path}: the feed store is busy (another pull is writing it); try again"
                ) from None
            raise FileError(f"{self.path}: {_reason(exc)}") from None
        except sqlite3.DatabaseError as exc:
            raise FileError(f"{self.path}: not a clipper feed store, or damaged ({_reason(exc)})") from None
        finally:
            db.close()

    @contextmanager
    def transaction(self) -> Iterator[StoreTransaction]:
        """One writer at a time: the block runs under the store's write lock, and everything it wrote
        is kept when it ends normally, nothing when it raises."""
        with self._connection(write=True) as db:
            assert db is not None
            db.execute("BEGIN IMMEDIATE")
            try:
                _ensure_schema(db, self.path)
                yield StoreTransaction(db)
            except BaseException:
                if db.in_transaction:  # SQLite may have rolled back already (a full disk, say)
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def subscriptions(self) -> list[Subscription]:
        """Every feed followed, by name."""
        with self._connection(write=False) as db:
            if db is None or not _has_schema(db):
                return []
            rows = db.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY name COLLATE NOCASE").fetchall()
        return [Subscription._from_row(row) for row in rows]

    def find(self, ident: str) -> Subscription:
        """The feed called `ident` (case aside), or followed at the URL `ident`."""
        wanted = clean_name(ident).casefold()
        key = dedup_key(ident) if "://" in ident else None
        followed = self.subscriptions()
        for sub in followed:
            if sub.name.casefold() == wanted or (key is not None and dedup_key(sub.url) == key):
                return sub
        names = ", ".join(sub.name for sub in followed) or "none yet (clipper feed add URL)"
        raise FeedNotFound(f"{ident}: no feed of that name or address is followed; followed: {names}")

    def add(self, url: str, name: str | None = None, title: str = "", site_url: str = "") -> Subscription:
        """Follow the feed at `url`, called `name` (else its title, else its host; a number is added to
        those when taken). Raises FeedExists when the feed, or the `name` given, is already followed."""
        with self.transaction() as tx:
            return tx.add(url, name, title, site_url)

    def remove(self, ident: str) -> Subscription:
        """Stop following a feed (by name or URL); what was seen of it is forgotten with it."""
        sub = self.find(ident)
        with self.transaction() as tx:
            tx.db.execute("DELETE FROM feeds WHERE id = ?", (sub.id,))
        return sub


class StoreTransaction:
    """What can be done under the store's write lock (see FeedStore.transaction)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def subscription(self, feed_id: int) -> Subscription | None:
        """The feed as stored now (another process may have pulled or removed it meanwhile)."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        return Subscription._from_row(row) if row else None

    def add(self, url: str, name: str | None, title: str = "", site_url: str = "") -> Subscription:
        key = dedup_key(url)
        row = self.db.execute("SELECT name FROM feeds WHERE url_key = ?", (key,)).fetchone()
        if row:
            raise FeedExists(f"{url}: already followed, as {row[0]}")
        if name is not None:
            chosen = clean_name(name)
            if not chosen:
                raise UsageError("a feed's name cannot be empty")
            if self._taken(chosen):
                raise FeedExists(f"{chosen}: a feed of that name is already followed (choose another with --name)")
        else:
            chosen = self._free_name(clean_name(title) or host(url) or "feed")
        cursor = self.db.execute(
            "INSERT INTO feeds (name, url, url_key, title, site_url, added) VALUES (?, ?, ?, ?, ?, ?)",
            (chosen, url, key, title, site_url, now()),
        )
        found = self.subscription(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def _taken(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM feeds WHERE name = ?", (name,)).fetchone() is not None

    def _free_name(self, base: str) -> str:
        number = 1
        name = base
        while self._taken(name):
            number += 1
            name = f"{base} {number}"
        return name

    def seen_keys(self, feed_id: int) -> set[str]:
        """The keys of the feed's items seen so far."""
        rows = self.db.execute("SELECT item_key FROM seen WHERE feed_id = ?", (feed_id,))
        return {row[0] for row in rows}

    def seen_urls(self, url_keys: Iterable[str]) -> set[str]:
        """Those of `url_keys` (normalised URLs) seen in any feed."""
        wanted = list(url_keys)
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0] for row in self.db.execute(f"SELECT url_key FROM seen WHERE url_key IN ({marks})", chunk)
            )
        return found

    def mark_seen(self, feed_id: int, keys: Iterable[tuple[str, str]], when: int) -> None:
        """Remember items of a feed as seen: (item key, normalised URL) pairs."""
        self.db.executemany(
            "INSERT OR IGNORE INTO seen (feed_id, item_key, url_key, seen_at) VALUES (?, ?, ?, ?)",
            ((feed_id, item, url, when) for item, url in keys),
        )

    def unsee(self, items: Iterable[tuple[str, str]]) -> None:
        """Offer these items again, as (feed name, item key) pairs: they are no longer seen, and their
        feeds forget their validators (a 304 would keep the items from being read again)."""
        pairs = list(items)
        self.db.executemany(
            "DELETE FROM seen WHERE item_key = ? AND feed_id = (SELECT id FROM feeds WHERE name = ?)",
            ((key, name) for name, key in pairs),
        )
        self.db.executemany(
            "UPDATE feeds SET etag = NULL, last_modified = NULL WHERE name = ?",
            ((name,) for name in {n for n, _ in pairs}),
        )

    def forget_old(self, feed_id: int, current: set[str], before: int) -> None:
        """Forget items seen before `before` that the feed no longer lists, so the file stays small."""
        rows = self.db.execute("SELECT item_key FROM seen WHERE feed_id = ? AND seen_at < ?", (feed_id, before))
        gone = [(feed_id, row[0]) for row in rows.fetchall() if row[0] not in current]
        self.db.executemany("DELETE FROM seen WHERE feed_id = ? AND item_key = ?", gone)

    def record_pull(
        self,
        feed_id: int,
        when: int,
        *,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
        counts: bool = False,
    ) -> None:
        """How a pull of the feed went: its error, or its new validators and what it calls itself now.
        `counts` when the feed was read in full (so the next pull is not its first)."""
        if error is not None:
            self.db.execute("UPDATE feeds SET last_pull = ?, last_error = ? WHERE id = ?", (when, error, feed_id))
            return
        self.db.execute(
            "UPDATE feeds SET last_pull = ?, last_error = NULL, etag = COALESCE(?, etag),"
            " last_modified = COALESCE(?, last_modified), title = COALESCE(?, title),"
            " site_url = COALESCE(?, site_url), pulls = pulls + ? WHERE id = ?",
            (when, etag, last_modified, title, site_url, int(counts), feed_id),
        )


def _has_schema(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feeds'").fetchone() is not None


def _ensure_schema(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FileError(f"{path}: written by a newer clipper (store version {version}); update clipper")
    if version < SCHEMA_VERSION:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
