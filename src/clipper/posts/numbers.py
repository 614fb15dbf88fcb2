"""Post numbers that stay: a post gets the next number the first time clipper lists it, and keeps
it while other posts come and go, so `clipper rm 3` means tomorrow what it means today.

The numbers live in the drafts folder, in `.clipper/numbers.json` (a dot folder, which blog engines
and the listing pass by), keyed by each post's path relative to that folder. A number is never
given twice; deleting the file numbers the posts afresh, oldest first.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clipper.posts import STATE_DIR
from clipper.posts.listing import PostInfo

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: two listings at once may then give one number twice
    fcntl = None  # type: ignore[assignment]

FILE = "numbers.json"


@contextlib.contextmanager
def _locked(state: Path) -> Iterator[None]:
    """Hold the folder's lock: two clipper processes never hand out the same number."""
    if fcntl is None:
        yield
        return
    with open(state / "numbers.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"next": 1, "numbers": {}}
    if not isinstance(data, dict) or not isinstance(data.get("numbers"), dict):
        return {"next": 1, "numbers": {}}
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def _keys(home: Path, posts: list[PostInfo]) -> list[str]:
    """Each post's key: its path relative to the drafts folder. Most posts are in it, and a prefix
    is all they need; relpath, for the others, costs microseconds that ten thousand posts add up."""
    prefix = os.path.join(str(home), "")
    return [p.path[len(prefix) :] if p.path.startswith(prefix) else os.path.relpath(p.path, home) for p in posts]


def _key(home: Path, path: str) -> str:
    return os.path.relpath(path, home)


def number(home: Path, posts: list[PostInfo]) -> list[tuple[int, PostInfo]]:
    """Each post with its number; posts seen for the first time get the next numbers, oldest first.
    `home` is the drafts folder. When the numbers cannot be kept (a read-only folder, or none), they
    are given for this listing only."""
    state = home / STATE_DIR
    found = _read(state / FILE)
    keys = _keys(home, posts)
    known = found["numbers"]
    if [k for k in keys if k not in known]:
        try:
            state.mkdir(exist_ok=True)  # FileNotFoundError without a drafts folder: no numbers kept
            with _locked(state):
                found = _read(state / FILE)  # again, under the lock: another process may have added some
                _assign(keys, posts, found)
                _write(state / FILE, found)
        except OSError:
            _assign(keys, posts, found)
    numbers: dict[str, int] = found["numbers"]
    return [(numbers.get(k, 0), p) for k, p in zip(keys, posts, strict=True)]


def _assign(keys: list[str], posts: list[PostInfo], found: dict[str, Any]) -> None:
    numbers: dict[str, int] = found["numbers"]
    nxt = max(int(found.get("next", 1)), max(numbers.values(), default=0) + 1)
    for key, _ in sorted(zip(keys, posts, strict=True), key=lambda kp: (kp[1].sort_key, kp[1].id)):
        if key not in numbers:
            numbers[key] = nxt
            nxt += 1
    found["next"] = nxt


def kept(home: Path, paths: list[str]) -> list[int | None]:
    """The numbers these files had as posts, if they had one (a post whose front matter broke since
    keeps its number, so that `clipper edit 3` still finds it)."""
    if not paths:
        return []
    found: dict[str, int] = _read(home / STATE_DIR / FILE)["numbers"]
    return [found.get(_key(home, path)) for path in paths]


def moved(home: Path, old: Path, new: Path) -> None:
    """A post moved (published into another folder): it keeps its number."""
    state = home / STATE_DIR
    if not (state / FILE).exists():
        return
    try:
        with _locked(state):
            found = _read(state / FILE)
            taken = found["numbers"].pop(_key(home, str(old)), None)
            if taken is not None:
                found["numbers"][_key(home, str(new))] = taken
                _write(state / FILE, found)
    except OSError:
        pass  # the post gets a new number next time: nothing else is lost
