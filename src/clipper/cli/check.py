"""`clipper check`: is each post's quote still what its source says?"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from clipper.cli import complete
from clipper.cli.root import (
    DraftsOpt,
    PublishedOpt,
    TimeoutOpt,
    app,
    fetch_options,
    handle_errors,
    numbered_and_skipped,
)
from clipper.errors import ExitCode

if TYPE_CHECKING:
    from clipper.workflows.check import CheckResult


@app.command()
@handle_errors
def check(
    idents: Annotated[
        list[str] | None,
        typer.Argument(
            help="Posts to check (default: all).", metavar="ID...", show_default=False, autocompletion=complete.posts
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per post (JSON Lines).")] = False,
    record_result: Annotated[
        bool, typer.Option("--record", help="Write the result and date into each post's front matter.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Sources fetched at once.")] = 8,
    timeout: TimeoutOpt = None,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Fetch each post's source again and report: unchanged, quote changed (with a word diff),
    headline changed, gone, or unreachable. Exit 0 when nothing changed, 15 when something did,
    16 when nothing changed but some sources could not be reached."""
    from clipper.cli.views import print_check
    from clipper.posts.folder import resolve
    from clipper.posts.postfile import now
    from clipper.workflows.check import CheckStatus, check_posts, record

    everything, skipped = numbered_and_skipped(drafts_dir, published_dir)
    chosen = [resolve(i, everything, skipped) for i in idents] if idents else [p for _, p in everything]
    chosen = list({p.path: p for p in chosen}.values())

    def report(result: CheckResult) -> None:
        if as_json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print_check(result)

    results = check_posts(chosen, fetch_options(timeout), jobs, report)
    if record_result:
        when = now()
        for result in results:
            record(result, when)
    if any(r.status.changed for r in results):
        raise typer.Exit(int(ExitCode.CHANGED))
    if any(r.status is CheckStatus.UNREACHABLE for r in results):
        raise typer.Exit(int(ExitCode.UNREACHABLE))
