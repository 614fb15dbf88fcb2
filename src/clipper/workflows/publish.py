"""Publishing a post: `draft = false` and a publishDate, and a move to the published folder when
the posts live apart (its snapshot goes along)."""

from __future__ import annotations

from pathlib import Path

from clipper.errors import FileError, InvalidPost
from clipper.posts import numbers, postfile, snapshot
from clipper.posts.files import write_new


def publish(path: Path, published_dir: Path | None, home: Path) -> Path:
    """Mark the post at `path` published, moving it to `published_dir` if that is another folder,
    where it keeps its number (kept in `home`, the drafts folder). Returns where the post now is;
    no other line of it changes."""
    post = postfile.read(path)
    try:
        text = postfile.mark_published(post.text, postfile.now())
    except ValueError as exc:
        raise InvalidPost(path, str(exc)) from None
    if published_dir is None or path.parent.resolve() == published_dir.resolve():
        post.rewrite(text)
        return path
    kept = snapshot.referenced(text)
    if kept:
        snapshot.carry(kept, path.parent, published_dir)
    target = write_new(published_dir, path.stem, text)
    try:
        path.unlink()
    except OSError as exc:
        target.unlink(missing_ok=True)  # the draft stays as it was: one copy of the post, not two
        if kept:
            snapshot.release(kept, published_dir)
        raise FileError(f"{path}: cannot move it to {published_dir}: {exc.strerror or exc}") from None
    numbers.moved(home, path, target)
    return target
