"""`clipper feed`: follow RSS, Atom and JSON Feed sources, pull what is new since last time, and
triage it into drafts on a terminal."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clipper.cli import complete
from clipper.cli.root import DraftsOpt, TimeoutOpt, app, fetch_options, folders, handle_errors, settings, stderr
from clipper.errors import Cancelled, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from clipper.sources.feeds import FeedLink
    from clipper.sources.items import FeedItem
    from clipper.sources.subscriptions import FeedStore
    from clipper.workflows.plan import Selection

feed_app = typer.Typer(
    help="Follow RSS, Atom and JSON Feed sources; pull what is new since last time.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(feed_app, name="feed")


def _store(drafts_dir: Path | None) -> FeedStore:
    """The blog's feed store: in the state folder of its drafts folder."""
    from clipper.sources.subscriptions import FeedStore, store_path

    return FeedStore(store_path(drafts_dir or settings().drafts_dir))


def _note(text: str) -> None:
    sys.stderr.write(f"clipper: {text}\n")


@feed_app.command("add")
@handle_errors
def feed_add(
    url: Annotated[
        str, typer.Argument(help="A feed's address, or a page that links its feeds.", metavar="URL", show_default=False)
    ],
    name: Annotated[str | None, typer.Option("--name", help="What to call it (default: the feed's title).")] = None,
    pick: Annotated[
        int | None, typer.Option("--pick", min=1, help="The page links several feeds: follow the K-th.")
    ] = None,
    drafts_dir: DraftsOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Follow a feed: its address, or a page that links it; prints the name it is followed under.

    A page's feeds are those its <link rel="alternate"> tags name. When it links several, they are
    listed and you choose on a terminal; a script chooses with --pick K.
    """
    from clipper.sources.feeds import discover
    from clipper.sources.pull import subscribe

    store, options = _store(drafts_dir), fetch_options(timeout)
    link = _choose_feed(url, discover(url, options), pick)
    followed = subscribe(store, link, name, options)
    _note(f"following {followed.name}: {followed.url}")
    sys.stdout.write(f"{followed.name}\n")


def _choose_feed(url: str, links: list[FeedLink], pick: int | None) -> FeedLink:
    """The feed to follow among those at `url`: --pick, the only one, or the editor's answer."""
    if pick is not None:
        if pick > len(links):
            raise UsageError(f"--pick {pick}: {url} links {_count(len(links), 'feed')}")
        return links[pick - 1]
    if len(links) == 1:
        return links[0]
    if not sys.stdin.isatty():
        listed = "; ".join(f"{n} {link.title or link.format} {link.url}" for n, link in enumerate(links, 1))
        raise UsageError(f"{url} links {len(links)} feeds; choose one with --pick K: {listed}")
    from clipper.cli.views import print_feed_links

    console = stderr()
    print_feed_links(console, links)
    while True:
        answer = console.input(f"Follow which feed [1-{len(links)}, q to quit]: ", markup=False).strip()
        if answer.lower() in ("q", "quit"):
            raise Cancelled("quit: no feed followed")
        if answer.isdigit() and 1 <= int(answer) <= len(links):
            return links[int(answer) - 1]
        console.print(f"Answer a number from 1 to {len(links)}, or q.", style="red", markup=False)


@feed_app.command("list")
@handle_errors
def feed_list(
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list of the feeds (keys in the README).")] = False,
    drafts_dir: DraftsOpt = None,
) -> None:
    """List the feeds followed: name, state (new, ok, failing), last pull, address."""
    followed = _store(drafts_dir).subscriptions()
    if as_json:
        sys.stdout.write(json.dumps([sub.to_dict() for sub in followed], ensure_ascii=False) + "\n")
    elif not followed:
        _note("no feed followed yet (clipper feed add URL)")
    else:
        from clipper.cli.views import print_feeds

        print_feeds(followed)


@feed_app.command("pull")
@handle_errors
def feed_pull(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Feeds to pull, by name or address (default: all).",
            metavar="FEED...",
            show_default=False,
            autocompletion=complete.feeds,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines: feed, title, url, date, summary (instead of URLs).")
    ] = False,
    pick: Annotated[
        bool, typer.Option("--pick", help="On a terminal: choose among the new headlines and grab them.")
    ] = False,
    lead: Annotated[
        int | None, typer.Option("--lead", "-l", min=1, help="With --pick: quote the first N paragraphs.")
    ] = None,
    quote_all: Annotated[bool, typer.Option("--all", help="With --pick: quote every paragraph.")] = False,
    drafts_dir: DraftsOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Print the new items' URLs, one a line, oldest first, for `clipper grab --from -`.

    Only items not offered before: articles already drafted or published are left out, and a new
    feed offers its most recent items (the feeds.first_pull setting). A feed that cannot be fetched
    or read is named on stderr and the others are still pulled: exit 20. With --pick (on a terminal),
    the new headlines are shown numbered, and those you choose (like 1,3-5) are grabbed as a batch:
    exit 13 or 14 when some or all of them fail.
    """
    from clipper.posts.folder import source_index
    from clipper.sources.pull import pull
    from clipper.workflows.plan import Selection

    if pick and as_json:
        raise UsageError("--pick is for a person at a terminal and --json for scripts: use one of them")
    if pick and not sys.stdin.isatty():
        raise UsageError("--pick asks on a terminal and stdin is not one; pipe the URLs into clipper grab --from -")
    if (lead is not None or quote_all) and not pick:
        raise UsageError("--lead and --all go with --pick (or pipe the URLs into clipper grab --from - --lead N)")
    chosen = Selection(lead=lead, everything=quote_all)
    chosen.check()
    conf = settings()
    store = _store(drafts_dir)
    drafted = source_index(folder for folder, _ in folders(drafts_dir, None))
    deliver = None if pick else (lambda items: _print_items(items, as_json))
    result = pull(store, names or (), fetch_options(timeout), drafted, conf.feeds.first_pull, conf.feeds.jobs, deliver)
    for failed in result.failures:
        _note(f"feed {failed.name} failed: {failed.error}")
    if not result.feeds:
        _note("no feed followed yet (clipper feed add URL)")
    elif sys.stderr.isatty():
        failing = f" ({len(result.failures)} failed)" if result.failures else ""
        _note(f"{_count(len(result.items), 'new item')} from {_count(len(result.feeds), 'feed')}{failing}")
    if pick:
        _triage(store, result.items, chosen, drafts_dir, timeout)
    if result.exit_code:
        raise typer.Exit(int(result.exit_code))


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' if number != 1 else ''}"


def _print_items(items: list[FeedItem], as_json: bool) -> None:
    """The new items on stdout, flushed before the pull is remembered: a closed pipe leaves them unseen."""
    out = sys.stdout
    for item in items:
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n" if as_json else f"{item.url}\n")
    out.flush()


def _triage(
    store: FeedStore, items: list[FeedItem], chosen: Selection, drafts_dir: Path | None, timeout: float | None
) -> None:
    """Show the new headlines, ask which to grab, and grab those as a batch (the store is not held
    meanwhile: the pull is already recorded, and the items not chosen stay seen; a question left with
    Ctrl-C or Ctrl-D offers them all again next time)."""
    from clipper.cli.progress import BatchReport
    from clipper.cli.views import print_headlines
    from clipper.workflows import batch
    from clipper.workflows.grab import Pipeline
    from clipper.workflows.plan import GrabPlan

    if not items:
        return
    console = stderr()
    print_headlines(console, items, datetime.now(timezone.utc))
    try:
        numbers = _ask_numbers(console, len(items))
    except (EOFError, KeyboardInterrupt):
        console.print()
        with store.transaction() as tx:
            tx.unsee((item.feed, item.key) for item in items)
        raise
    if not numbers:
        _note(f"nothing grabbed; the {len(items)} headlines shown will not be offered again")
        return
    conf = settings()
    plan = GrabPlan(
        settings=conf, folder=drafts_dir or conf.drafts_dir, selection=chosen, fetch=fetch_options(timeout), clamp=True
    )
    with BatchReport(len(numbers), as_json=False) as report:
        batch.run([items[n - 1].url for n in numbers], Pipeline(plan), report.add)
    code = report.exit_code()
    if code:  # the batch's own exit code (13, 14) says more than a failed feed's
        raise typer.Exit(code)


def _ask_numbers(console: Console, total: int) -> list[int]:
    """The headlines chosen, like 1,3-5; Enter or q chooses none."""
    from clipper.posts import selection

    while True:
        answer = console.input("Grab which (like 1,3-5; Enter or q for none): ", markup=False).strip()
        if answer.lower() in ("", "q", "quit"):
            return []
        try:
            return selection.parse(answer, total, "headlines", "this pull")
        except UsageError as exc:
            console.print(str(exc), style="red", markup=False)


@feed_app.command("rm")
@handle_errors
def feed_rm(
    name: Annotated[
        str,
        typer.Argument(
            help="The feed's name (as `feed list` shows it) or address.", metavar="FEED", autocompletion=complete.feeds
        ),
    ],
    drafts_dir: DraftsOpt = None,
) -> None:
    """Stop following a feed; what was seen of it is forgotten."""
    gone = _store(drafts_dir).remove(name)
    _note(f"stopped following {gone.name}: {gone.url}")


@feed_app.command("import")
@handle_errors
def feed_import(
    path: Annotated[
        Path, typer.Argument(help="An OPML file, as feed readers export.", metavar="FILE", show_default=False)
    ],
    drafts_dir: DraftsOpt = None,
) -> None:
    """Follow every feed an OPML file lists; prints the name of each feed added.

    Nothing is fetched: the next pull names the feeds that do not work.
    """
    from clipper.sources.opml import import_outlines, load_opml

    outlines = load_opml(path)
    if not outlines:
        _note(f"{path} lists no feed")
        return
    done = import_outlines(_store(drafts_dir), outlines)
    for sub in done.added:
        sys.stdout.write(f"{sub.name}\n")
    for outline, why in done.skipped:
        _note(f"skipped {outline.url}: {why}")
    _note(f"{len(done.added)} feeds added, {len(done.skipped)} skipped")


@feed_app.command("export")
@handle_errors
def feed_export(drafts_dir: DraftsOpt = None) -> None:
    """Print the feeds followed as OPML, for a feed reader or another blog."""
    from clipper.sources.opml import write_opml

    sys.stdout.write(write_opml(_store(drafts_dir).subscriptions()))
