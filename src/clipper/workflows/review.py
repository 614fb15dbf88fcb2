"""Clearing what clipper asked the editor to check in a post, once they have: its `review` key goes,
and no other line of the post changes."""

from __future__ import annotations

from pathlib import Path

from clipper.posts import postfile

KEY = "review"


def clear(path: Path) -> bool:
    """Remove the post's `review` key (at the top, or in the table where it keeps clipper's keys);
    False, the file untouched, when it has none."""
    post = postfile.read(path)
    if postfile.recorded(post.meta, KEY) is None:
        return False
    post.rewrite(postfile.remove_key(post.text, KEY))
    return True
