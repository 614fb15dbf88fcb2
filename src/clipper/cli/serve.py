"""`clipper serve`: the local web app that takes pages from the browser's bookmarklet to drafts."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from clipper.cli.root import DraftsOpt, PublishedOpt, app, fetch_options, handle_errors, settings


@app.command()
@handle_errors
def serve(
    port: Annotated[
        int | None,
        typer.Option(
            "--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free one).", show_default="8732, or serve.port"
        ),
    ] = None,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
    new_secret: Annotated[
        bool, typer.Option("--new-secret", help="Make a new secret: bookmarklets taken before stop working.")
    ] = False,
) -> None:
    """Start clipper's web app on 127.0.0.1 and print its address: open it in the browser for the
    bookmarklet, which sends the page you are reading to a picker page, and from there to a draft
    (the same grab as the command line's). Ctrl-C stops it."""
    from clipper.workflows.plan import GrabPlan

    conf = settings() if published_dir is None else replace(settings(), published_dir=published_dir)
    folder = drafts_dir or conf.drafts_dir
    plan = GrabPlan(settings=conf, folder=folder, fetch=fetch_options(None))

    def listening(address: str) -> None:
        sys.stdout.write(address + "\n")
        sys.stdout.flush()
        sys.stderr.write(
            f"clipper: serving at {address}: open it for the bookmarklet; drafts go to {_shown(folder)}. "
            "Ctrl-C stops.\n"
        )
        sys.stderr.flush()

    from clipper.serve.server import run

    run(plan, conf.serve.port if port is None else port, new_secret, listening)
    sys.stderr.write("clipper: stopped\n")


def _shown(folder: Path) -> str:
    return str(folder) + ("" if str(folder).endswith("/") else "/")
