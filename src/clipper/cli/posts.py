"""The commands that review and manage posts: list, show, render, edit, publish, rm."""

from __future__ import annotations

import sys
from collections.abc import Sized
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from clipper.cli.root import (
    DraftsOpt,
    IdArg,
    PublishedOpt,
    app,
    find,
    folders,
    handle_errors,
    listed,
    settings,
    stderr,
)
from clipper.errors import Cancelled, InvalidPost, UsageError
from clipper.posts.formats import Format


class Status(str, Enum):
    draft = "draft"
    published = "published"
    all = "all"


@app.command("list")
@handle_errors
def list_posts(
    status: Annotated[Status, typer.Option("--status", help="Which posts to show.")] = Status.all,
    source: Annotated[str | None, typer.Option("--source", help="Only posts quoting this publication.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only posts dated on or after YYYY-MM-DD.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only posts whose title or source holds TEXT.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N posts.")] = None,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Every row, not just a screenful.")] = False,
    review: Annotated[
        bool, typer.Option("--review", help="Only posts clipper asks you to check (a doubtful lead, name...).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list of posts (documented in the README).")] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """List the posts, newest first: number, date, title, publication, words quoted, status."""
    from clipper.posts.folder import matching

    since_key = None
    if since is not None:
        try:
            since_key = datetime.fromisoformat(since[:10]).astimezone().timestamp()
        except ValueError:
            raise UsageError(f"--since {since!r}: use YYYY-MM-DD") from None
    listing, everything = listed(drafts_dir, published_dir)
    wanted = None if status is Status.all else status.value
    rows = matching(everything, wanted, source, since_key, search, review)[:limit]
    if not rows and not as_json:  # an empty answer says why, to people
        sys.stderr.write(f"clipper: {_none_listed(everything, drafts_dir, published_dir)}\n")
    if as_json:
        sys.stdout.flush()
        listing.write_json(rows, sys.stdout.buffer)
    elif sys.stdout.isatty():
        from clipper.cli.views import print_table

        print_table(rows, len(everything), show_all or limit is not None)
    else:
        from clipper.cli.views import print_plain

        print_plain(rows)


def _none_listed(everything: Sized, drafts_dir: Path | None, published_dir: Path | None) -> str:
    if everything:
        return f"no post matches (of {len(everything)})"
    where = [
        f"{folder}/" + ("" if folder.is_dir() else " (no such folder yet)")
        for folder, _ in folders(drafts_dir, published_dir)
    ]
    return f"no posts in {' or '.join(where)}"


@app.command()
@handle_errors
def show(
    ident: IdArg,
    source: Annotated[
        bool, typer.Option("--source", help="Show the quoted paragraphs against the page as it was fetched.")
    ] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Show a post: its front matter summarised and its body rendered (or, with --source, its quote
    against the snapshot of the page)."""
    from clipper.cli.views import print_against_snapshot, print_post

    post = find(ident, drafts_dir, published_dir)
    if source:
        print_against_snapshot(post)
    else:
        print_post(post)


@app.command()
@handle_errors
def render(
    ident: IdArg,
    fmt: Annotated[Format, typer.Option("--format", help="html to paste into an editor, markdown, or text.")] = (
        Format.HTML
    ),
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Print a post's body as clean HTML (for WordPress or any editor), Markdown, or plain text."""
    from clipper.posts.formats import convert
    from clipper.posts.postfile import read

    post = find(ident, drafts_dir, published_dir)
    sys.stdout.write(convert(read(Path(post.path)).body, fmt, post.source_url))


@app.command()
@handle_errors
def edit(ident: IdArg, drafts_dir: DraftsOpt = None, published_dir: PublishedOpt = None) -> None:
    """Open a post in $VISUAL or $EDITOR, then check that its front matter still parses. A post whose
    front matter no longer parses opens too, by its number, its name or its path, to be mended."""
    from clipper.cli.editor import open_in_editor
    from clipper.workflows.edit import edit as edit_post

    given = Path(ident)
    if given.suffix == ".md" and given.is_file():
        path = given
    else:
        try:
            path = Path(find(ident, drafts_dir, published_dir).path)
        except InvalidPost as exc:  # the post the ID names no longer parses: open it to mend it
            sys.stderr.write(f"clipper: {exc.path} does not parse ({exc.reason}): opening it to mend it\n")
            path = Path(exc.path)
    edit_post(path, open_in_editor)
    typer.echo(str(path))


@app.command()
@handle_errors
def publish(ident: IdArg, drafts_dir: DraftsOpt = None, published_dir: PublishedOpt = None) -> None:
    """Mark a post published (draft = false, publishDate), moving it to the published folder if one is
    set; a post already published is left as it is."""
    from clipper.workflows.publish import publish as mark

    post = find(ident, drafts_dir, published_dir)
    home = folders(drafts_dir, published_dir)[0][0]
    done = mark(Path(post.path), published_dir or settings().published_dir, home)
    if done.already:
        sys.stderr.write(f"clipper: {done.path} is already published; nothing changed\n")
    typer.echo(str(done.path))


@app.command()
@handle_errors
def rm(
    ident: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Delete a post, after asking (--yes for scripts)."""
    from clipper.workflows.remove import remove

    post = find(ident, drafts_dir, published_dir)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"{post.path}: not deleted; use --yes to delete without asking")
        try:
            answer = stderr().input(f"Delete {post.path} ({post.title})? [y/N]: ", markup=False)
        except EOFError:  # Ctrl-D; Ctrl-C is an interruption, like anywhere else (exit 130)
            stderr().print()
            raise Cancelled("nothing deleted") from None
        if answer.strip().lower() not in ("y", "yes"):
            raise Cancelled("nothing deleted")
    remove(Path(post.path))
    stderr().print(f"Deleted {post.path}", markup=False, highlight=False)


@app.command()
@handle_errors
def review(
    ident: IdArg,
    ok: Annotated[bool, typer.Option("--ok", help="You checked it: clear its review, changing no other line.")] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Say what clipper asks you to check in a post (the lead, the headline, the publication, the
    author, the date), or clear that with --ok once you have."""
    from clipper.workflows.review import clear

    post = find(ident, drafts_dir, published_dir)
    if not ok:
        sys.stdout.write("".join(f"{part}\n" for part in post.review))
        if not post.review:
            sys.stderr.write(f"clipper: nothing to review in {post.path}\n")
        return
    clear(Path(post.path))
    typer.echo(post.path)
