"""Snapshots: the page as it was fetched, kept compressed beside the posts, so a curator can show
what the source said when it was quoted."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tempfile
from pathlib import Path

from clipper.errors import FileError
from clipper.posts.files import file_mode, why_not

FOLDER = ".snapshots"  # a dot folder: blog engines and `clipper list` pass it by


def digest(content: bytes) -> str:
    """The SHA-256 of the page's bytes, in hex."""
    return hashlib.sha256(content).hexdigest()


def pack(content: bytes) -> bytes:
    """The page's bytes as kept: gzip at level 6, as the gzip tool (level 9 costs twice the time for a
    few percent of a small file), with no timestamp, so the same page packs to the same bytes."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6) as gz:
        gz.write(content)
    return out.getvalue()


def name_for(sha256: str) -> str:
    """Where the snapshot of a page with this hash is kept, relative to the posts folder, as the
    front matter records it (the same page is kept once)."""
    return f"{FOLDER}/{sha256[:24]}.html.gz"


def keep(packed: bytes, sha256: str, posts_folder: Path) -> str:
    """Keep a packed page under `posts_folder/.snapshots/`; returns its path relative to the folder."""
    name = name_for(sha256)
    target = posts_folder / name
    folder = target.parent
    if target.exists():
        return name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(packed)
        os.replace(tmp, target)
    except OSError as exc:
        raise FileError(f"{folder}: cannot keep the snapshot: {why_not(folder, exc)}") from None
    return name


def path_of(post_path: Path, relative: str) -> Path:
    """Where the snapshot a post names is: in its posts folder, or FileError."""
    path = (post_path.parent / relative).resolve()
    if post_path.parent.resolve() not in path.parents:
        raise FileError(f"{post_path}: the snapshot path {relative!r} leaves the posts folder")
    return path


def unpack(path: Path) -> bytes:
    """The page's bytes as a snapshot keeps them."""
    try:
        return gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise FileError(f"{path}: cannot read the snapshot: {exc}") from None


def referenced(text: str) -> str | None:
    """The snapshot a post file names (`snapshot = ".snapshots/….html.gz"`), if any."""
    start = text.find(f"{FOLDER}/")
    if start < 0:
        return None
    end = text.find(".html.gz", start)
    return text[start : end + len(".html.gz")] if end > start else None


def carry(relative: str, source_folder: Path, target_folder: Path) -> None:
    """Copy a snapshot along with a post that moves to another folder (its path stays relative)."""
    source, target = source_folder / relative, target_folder / relative
    if source.exists() and not target.exists():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(source.read_bytes())
            os.replace(tmp, target)
        except OSError as exc:
            raise FileError(f"{target}: cannot copy the snapshot: {exc.strerror or exc}") from None


def release(relative: str, folder: Path) -> bool:
    """Delete a snapshot that no post in `folder` names any more; True when it was deleted."""
    name = relative.rsplit("/", 1)[-1]
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".md") and entry.is_file():
                try:
                    with open(entry.path, encoding="utf-8", errors="replace") as fh:
                        if name in fh.read(8192):  # the front matter is at the top
                            return False
                except OSError:
                    return False  # unsure: keep it
    try:
        (folder / relative).unlink()
    except OSError:
        return False
    return True
