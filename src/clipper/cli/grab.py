"""`clipper grab` and `clipper extract`: from sources to posts, and what clipper sees in a page."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clipper.cli.root import (
    PublishedOpt,
    SourceArg,
    TimeoutOpt,
    UrlOpt,
    app,
    fetch_options,
    handle_errors,
    settings,
    stderr,
)
from clipper.errors import FileError, UsageError

if TYPE_CHECKING:
    from clipper.workflows.grab import Outcome


@app.command()
@handle_errors
def grab(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="http(s) URLs, or paths of pages saved from a browser.", metavar="SOURCE...", show_default=False
        ),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option("--from", help="Read sources from FILE, one a line (# comments allowed); - for stdin."),
    ] = None,
    url: UrlOpt = None,
    pick: Annotated[str | None, typer.Option("--pick", "-p", help="Paragraphs to quote, like 1-3,5.")] = None,
    lead: Annotated[int | None, typer.Option("--lead", "-l", help="Quote the first N paragraphs.")] = None,
    quote_all: Annotated[bool, typer.Option("--all", help="Quote every paragraph.")] = False,
    title: Annotated[
        str | None, typer.Option("--title", "-t", help="The post's headline (default: the source's).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Your own words, set after the quote (post.body says where).")
    ] = None,
    tags: Annotated[
        list[str] | None, typer.Option("--tag", help="A tag for the post's front matter (repeat for more).")
    ] = None,
    drafts_dir: Annotated[
        Path | None,
        typer.Option("--drafts-dir", "-d", help="Where drafts are written.", show_default="drafts_dir setting"),
    ] = None,
    published_dir: PublishedOpt = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The post's date, YYYY-MM-DD or ISO date-time (default: now).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Print the post instead of writing it.")] = False,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Draft a source even if a draft already quotes it.")
    ] = False,
    timeout: TimeoutOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Sources fetched at once, in a batch.")] = 16,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop a batch at the first failure.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per source on stdout (JSON Lines); never asks.")
    ] = False,
) -> None:
    """Fetch articles and write excerpt posts to the drafts folder; prints each post's path.

    One source on a terminal is interactive: the paragraphs are shown numbered, you answer with a
    selection such as 1-3,5 (Enter quotes the lead). With --pick, --lead or --all, when stdin is not
    a terminal, or for several sources (a batch), it never asks. A source already drafted is
    refused (exit 7; skipped in a batch) unless --force. A batch exits 13 when some sources failed
    and 14 when all did.
    """
    from clipper.workflows.grab import Pipeline
    from clipper.workflows.plan import GrabPlan, Selection

    chosen = Selection(pick=pick, lead=lead, everything=quote_all)
    chosen.check()
    listed = [*(sources or []), *(_read_source_list(from_file) if from_file is not None else [])]
    if not listed and from_file is not None:  # a quiet morning: an empty list is nothing to do
        sys.stderr.write(f"clipper: nothing to grab: {'stdin' if from_file == '-' else from_file} lists no source\n")
        return
    if not listed:
        raise UsageError("no source given: name URLs or saved pages, or use --from FILE")
    many = len(listed) > 1 or from_file is not None
    for given, name in ((url, "--url"), (title, "--title"), (note, "--note"), (date, "--date"), (dry_run, "--dry-run")):
        if many and given:
            raise UsageError(f"{name} works with one source, not a batch")
    if as_json and dry_run:
        raise UsageError("--dry-run prints the post itself, not JSON: use one or the other")
    unattended = many or as_json  # one source's JSON line is a batch's: never a question
    conf = settings() if published_dir is None else replace(settings(), published_dir=published_dir)
    plan = GrabPlan(
        settings=conf,
        folder=drafts_dir or conf.drafts_dir,
        selection=chosen,
        fetch=fetch_options(timeout),
        force=force,
        clamp=unattended,
        title=title,
        created=_date(date),
        url=url,
        dry_run=dry_run,
        note=note or "",
        tags=tuple(dict.fromkeys(tag.strip() for tag in tags or () if tag.strip())),
    )
    if unattended:
        from clipper.cli.progress import BatchReport
        from clipper.workflows import batch

        with BatchReport(len(listed), as_json) as report:
            batch.run(listed, Pipeline(plan), report.add, jobs=jobs, stop_on_failure=fail_fast)
        code = report.exit_code(single=not many)  # one source given with --json ends with its own code
        if code:
            raise typer.Exit(code)
        return
    from clipper.cli.progress import Spinner

    with Spinner(_doing(listed[0])) as spinner:
        picker = None
        if pick is None and lead is None and not quote_all and sys.stdin.isatty():
            from clipper.cli.picker import Picker

            picker = Picker(stderr(), before=spinner.stop)
        outcome = Pipeline(plan, picker).grab(listed[0])
    _tell(outcome, warned=picker is not None and not dry_run)  # the picker's preview showed them


def _doing(source: str) -> str:
    """What the spinner says while a source loads."""
    from clipper.web.urls import host, is_web_url

    return f"Fetching {host(source)}…" if is_web_url(source) else f"Reading {Path(source).name}…"


def _tell(outcome: Outcome, warned: bool = False) -> None:
    """A single grab's warnings on stderr (unless the picker's preview showed them), then the post's
    path (or, on a dry run, the post) on stdout."""
    for note in outcome.notes:
        sys.stderr.write(f"clipper: {note}\n")
    for warning in () if warned else outcome.warnings:
        sys.stderr.write(f"clipper: warning: {warning}\n")
    if outcome.review:
        sys.stderr.write(f"clipper: to review: {', '.join(outcome.review)} (clipper list --review)\n")
    sys.stdout.write(outcome.text if outcome.text is not None else f"{outcome.path}\n")


def _date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--date {value!r}: use YYYY-MM-DD or an ISO date and time") from None
    return when if when.tzinfo else when.astimezone()


def _read_source_list(name: str) -> list[str]:
    from clipper.workflows.batch import read_sources

    try:
        if name == "-":
            if sys.stdin.isatty():
                sys.stderr.write("clipper: reading sources from the terminal, one a line; Ctrl-D ends the list\n")
            # bytes, decoded strictly: a C locale would pass undecodable bytes on as escapes
            return read_sources(sys.stdin.buffer.read().decode("utf-8").splitlines())
        with open(name, encoding="utf-8") as fh:
            return read_sources(fh)
    except OSError as exc:
        raise FileError(f"{name}: cannot read the list of sources: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise FileError(f"{'stdin' if name == '-' else name}: the list of sources is not UTF-8 text") from None


@app.command()
@handle_errors
def extract(
    source: SourceArg,
    url: UrlOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (documented in the README).")] = False,
    timeout: TimeoutOpt = None,
) -> None:
    """Show what clipper extracts from a page: headline, publication, author, date and numbered paragraphs."""
    from clipper.workflows.loading import extract_source
    from clipper.workflows.plan import GrabPlan

    conf = settings()
    article = extract_source(
        source, GrabPlan(settings=conf, folder=conf.drafts_dir, fetch=fetch_options(timeout), url=url)
    )
    if as_json:
        typer.echo(json.dumps(article.to_dict(), ensure_ascii=False))
        return
    from clipper.cli.views import out, print_article

    print_article(out(), article)
