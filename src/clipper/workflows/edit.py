"""Editing a post by hand: the editor's own program changes the file, and clipper checks afterwards
that its front matter still parses, leaving the file as the editor left it either way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clipper.errors import InvalidPost
from clipper.posts import postfile


def edit(path: Path, open_editor: Callable[[Path], None]) -> None:
    """Let the editor change the post at `path` (`open_editor` runs their program and waits for it);
    InvalidPost when its front matter no longer parses."""
    open_editor(path)
    try:
        postfile.read(path)
    except InvalidPost as exc:
        raise InvalidPost(
            path, f"the front matter no longer parses ({exc.reason}); the file is as you left it"
        ) from None
