"""`clipper push`: send posts to a WordPress site, and keep the two in step."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clipper.cli import complete
from clipper.cli.root import (
    DraftsOpt,
    PublishedOpt,
    app,
    folders,
    handle_errors,
    numbered_and_skipped,
    settings,
)
from clipper.errors import UsageError

if TYPE_CHECKING:
    from clipper.workflows.push import PlannedPush, PushOutcome


class WordPressStatus(str, Enum):
    draft = "draft"
    publish = "publish"
    pending = "pending"
    private = "private"


@app.command()
@handle_errors
def push(
    idents: Annotated[
        list[str] | None,
        typer.Argument(
            help="Posts to push: numbers in `clipper list`, or names.",
            metavar="ID...",
            show_default=False,
            autocompletion=complete.posts,
        ),
    ] = None,
    all_drafts: Annotated[bool, typer.Option("--all-drafts", help="Push every draft.")] = False,
    status: Annotated[
        WordPressStatus | None,
        typer.Option("--status", help="The WordPress status.", show_default="draft; an update keeps the site's"),
    ] = None,
    recreate: Annotated[
        bool,
        typer.Option(
            "--recreate",
            help="Make a new WordPress post where the one pushed before was deleted, or is on another site.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per post (JSON Lines).")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Print the requests a push would send; send nothing.")
    ] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Send posts to the WordPress site of the settings (wordpress.url, wordpress.user, and the password
    from CLIPPER_WORDPRESS_PASSWORD or wordpress.password_command), as drafts unless --status says
    otherwise; later pushes update the same WordPress post. A failing post is reported and the others
    go on; exit codes: one post's own (17 password refused, 19 deleted on the site, ...), or for several
    posts 13 when some failed and 14 when all did."""
    from clipper.workflows import push as pushing

    paths = _chosen(idents or [], all_drafts, drafts_dir, published_dir)
    if not paths:
        sys.stderr.write("clipper: nothing to push: there are no drafts\n")
        return
    conf = settings().wordpress
    wanted = status.value if status is not None else None
    if dry_run:
        for planned in pushing.plan_posts(paths, conf, wanted, recreate):
            _show_plan(planned, conf.user, as_json)
        return
    outcomes = pushing.push_posts(paths, pushing.site_of(conf), wanted, recreate, lambda o: _tell(o, as_json))
    code = pushing.exit_code(outcomes, batch=len(paths) > 1 or all_drafts)
    if code:
        raise typer.Exit(code)


def _chosen(idents: list[str], all_drafts: bool, drafts_dir: Path | None, published_dir: Path | None) -> list[Path]:
    """The posts the IDs name, then every draft with --all-drafts; each once, in that order. With
    --all-drafts, a file of the drafts folder that has front matter but does not parse is pushed too:
    it fails, counted and named, rather than being left out in silence."""
    from clipper.posts.folder import resolve

    if not idents and not all_drafts:
        raise UsageError("no post given: name posts by their number or name in `clipper list`, or use --all-drafts")
    everything, skipped = numbered_and_skipped(drafts_dir, published_dir)
    chosen = [Path(resolve(ident, everything, skipped).path) for ident in idents]
    if all_drafts:
        chosen += [Path(post.path) for _, post in everything if post.status == "draft"]
        drafts = folders(drafts_dir, published_dir)[0][0]
        chosen += [Path(bad.path) for bad in skipped if Path(bad.path).parent == drafts and _fenced(Path(bad.path))]
    return list(dict.fromkeys(chosen))


def _fenced(path: Path) -> bool:
    """True for a file whose first line opens front matter (`+++` or `---`), as the post reader
    reads it: meant as a post."""
    from clipper.posts.frontmatter import DELIMITERS

    try:
        with open(path, "rb") as fh:
            first = fh.readline(64).decode("utf-8", "replace").removeprefix("\ufeff").strip()
    except OSError:
        return False
    return first in DELIMITERS.values()


def _tell(outcome: PushOutcome, as_json: bool) -> None:
    """One post's outcome: its JSON object, or its link on stdout and a line for people on stderr."""
    if as_json:
        sys.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
    elif outcome.error is None:
        sys.stdout.write(f"{outcome.link}\n")
        sys.stderr.write(
            f"clipper: {outcome.action} WordPress post {outcome.wordpress_id} ({outcome.status}) from {outcome.path}\n"
        )
    sys.stdout.flush()
    if outcome.error is not None:
        message = " ".join(str(outcome.error).split())
        where = "" if message.startswith(outcome.path) else f"{outcome.path}: "
        sys.stderr.write(f"clipper: error: {where}{message}\n")


def _show_plan(planned: PlannedPush, user: str, as_json: bool) -> None:
    """The request as it would go: method, address, body; the password is never part of it."""
    if as_json:
        sys.stdout.write(json.dumps(planned.to_dict(), ensure_ascii=False) + "\n")
        return
    who = f"user {user!r}" if user else "wordpress.user not set"
    body = json.dumps(planned.request.body, ensure_ascii=False, indent=2)
    sys.stdout.write(
        f"# {planned.path}\n{planned.request.method} {planned.request.url}\n"
        f"Authorization: Basic ({who}; the application password is never shown)\n"
        f"Content-Type: application/json\n\n{body}\n\n"
    )
