"""Deleting a post, and the snapshot kept for it once no other post names it."""

from __future__ import annotations

from pathlib import Path

from clipper.errors import FileError
from clipper.posts import snapshot


def remove(path: Path) -> None:
    """Delete the post at `path`; its snapshot goes too unless another post quotes the same page."""
    try:
        kept = snapshot.referenced(path.read_text(encoding="utf-8", errors="replace")[:8192])
        path.unlink()
    except OSError as exc:
        raise FileError(f"{path}: cannot delete: {exc.strerror or exc}") from None
    if kept:
        snapshot.release(kept, path.parent)
