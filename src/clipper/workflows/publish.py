"""Publishing a post: `draft = false` and a publishDate, and a move to the published folder when
the posts live apart (its snapshot goes along). A post already published is left as it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clipper.errors import FileError, InvalidPost
from clipper.posts import numbers, postfile, snapshot
from clipper.posts.files import write_new


@dataclass(frozen=True, kw_only=True)
class Published:
    """Where a published post now is, and whether it was published already (nothing changed)."""

    path: Path
    already: bool = False


def publish(path: Path, published_dir: Path | None, home: Path) -> Published:
    """Mark the post at `path` published, moving it to `published_dir` if that is another folder,
    where it keeps its number (kept in `home`, the drafts folder). No other line of it changes; a
    post already published where it belongs is not touched at all."""
    post = postfile.read(path)
    in_place = published_dir is None or path.parent.resolve() == published_dir.resolve()
    folder_status: postfile.Status = "published" if published_dir is not None and in_place else "draft"
    if in_place and postfile.status_of(post.meta.get("draft"), folder_status) == "published":
        return Published(path=path, already=True)
    try:
        text = postfile.mark_published(post.text, postfile.now())
    except ValueError as exc:
        raise InvalidPost(path, str(exc)) from None
    if published_dir is None or in_place:
        post.rewrite(text)
        return Published(path=path)
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
    return Published(path=target)
