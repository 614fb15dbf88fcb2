"""The command line: the only module that knows Typer. Each command checks its options, calls
the library, and prints; errors become one line on stderr and an exit code here."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from clipper import __version__
from clipper.errors import Cancelled, ClipperError, ExitCode, FileError, UsageError

app = typer.Typer(
    name="clipper",
    help="Turn a news article into a ready-to-publish excerpt post: quote, attribution, link.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


if TYPE_CHECKING:
    from rich.console import Console


def stderr() -> Console:
    """A console for people, on stderr (rich is imported only when a command talks to people)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str, code: int) -> typer.Exit:
    """Report an error in one line on stderr; the caller raises the returned Exit."""
    sys.stderr.write(f"clipper: error: {' '.join(message.split())}\n")
    return typer.Exit(code)


def handle_errors(command: F) -> F:
    """The one boundary where clipper's errors become `clipper: error: ...` and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ClipperError as exc:
            raise fail(str(exc), int(exc.exit_code)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", int(ExitCode.INTERRUPTED)) from None

    return wrapper  # type: ignore[return-value]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"clipper {__version__}")
        raise typer.Exit()


class _State:
    """What the root options set for the command that follows."""

    config_path: Path | None = None
    config: Any = None


def settings() -> Any:
    """The effective settings (config.Config), loaded once per command, checked before any work."""
    if _State.config is None:
        from clipper import settings as config

        _State.config = config.load(_State.config_path)
    return _State.config


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="The settings file to use (also CLIPPER_CONFIG).", show_default=False),
    ] = None,
) -> None:
    """Turn a news article into a ready-to-publish excerpt post: quote, attribution, link.

    Exit codes: 0 ok, 1 unexpected error, 2 bad usage, 3 network, 4 HTTP error status, 5 not an
    HTML page (or too large, or empty), 6 no article text, 7 already drafted, 8 file error,
    9 cancelled, 10 no such post, 11 broken front matter, 12 bad settings, 13 some sources of a
    batch failed, 14 all did, 15 check: a source changed, 16 check: some unreachable, 130 interrupted.
    """
    _State.config_path = config_file
    _State.config = None


SourceArg = Annotated[str, typer.Argument(help="An http(s) URL, or the path of a page saved from a browser.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="The web address of a saved page (the post links to it).")]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=1,
        help="Give up on a page after this many seconds, retries included.",
        show_default="45, or fetch.timeout",
    ),
]


def _fetch_options(timeout: float | None) -> Any:
    from clipper.web.fetch import USER_AGENT, FetchOptions

    conf = settings()
    deadline = timeout if timeout is not None else conf.timeout
    return FetchOptions(
        deadline=deadline,
        read_timeout=min(20.0, deadline),
        connect_timeout=min(10.0, deadline),
        max_bytes=int(conf.max_mb * 1024 * 1024),
        user_agent=conf.user_agent or USER_AGENT,
    )


def _parse_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--date {value!r}: use YYYY-MM-DD or an ISO date and time") from None
    return when if when.tzinfo else when.astimezone()


@app.command()
@handle_errors
def grab(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="http(s) URLs, or paths of pages saved from a browser.", show_default=False),
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
    drafts_dir: Annotated[
        Path | None,
        typer.Option("--drafts-dir", "-d", help="Where drafts are written.", show_default="drafts_dir setting"),
    ] = None,
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
    from clipper.posts import selection
    from clipper.web.urls import is_web_url
    from clipper.workflows import grab as job

    if sum(x is not None and x is not False for x in (pick, lead, quote_all or None)) > 1:
        raise UsageError("use only one of --pick, --lead and --all")
    conf = settings()
    listed = list(sources or []) + (_read_source_list(from_file) if from_file is not None else [])
    if not listed:
        raise UsageError("no source given: name URLs or saved pages, or use --from FILE")
    if len(listed) > 1 or from_file is not None or as_json:
        for given, name in ((url, "--url"), (title, "--title"), (date, "--date"), (dry_run or None, "--dry-run")):
            if given is not None:
                raise UsageError(f"{name} works with one source, not a batch")
        _batch(
            listed, conf, drafts_dir or conf.drafts_dir, pick, lead, quote_all, force, timeout, jobs, fail_fast, as_json
        )
        return
    source = listed[0]
    drafts_dir = drafts_dir or conf.drafts_dir
    created = _parse_date(date)
    check = not force and not dry_run
    index = _drafted(conf, drafts_dir) if check else {}
    if check and is_web_url(source):
        job.check_not_drafted(index, source)  # before fetching: no request for a known source
    options = _fetch_options(timeout)
    clipping = job.clip(source, url, options)
    article = clipping.article
    total = len(article.blocks)
    if check and article.url:
        job.check_not_drafted(index, article.url)  # the canonical address may differ from the link
    if pick is None and lead is None and not quote_all and sys.stdin.isatty():
        from clipper.cli.picker import Picker

        choice = Picker(stderr()).run(article, conf.lead)
        quotes, title = choice.quotes, title or choice.title
    else:
        numbers = selection.choose(total, pick, lead if lead is not None else conf.lead, quote_all)
        quotes = job.quotes(article, numbers)
    archived = None
    if conf.service and article.url:
        archived, note = job.archive_lookup(conf.service, article.url, options.user_agent)
        if note:
            sys.stderr.write(f"clipper: {note}\n")
    snap = None
    if conf.snapshot and not dry_run:
        from clipper.posts.snapshot import save as keep

        snap = keep(clipping.page, drafts_dir)
    post = job.make_post(
        clipping,
        quotes,
        title=title,
        created=created,
        site_names=conf.sites,
        extra=conf.extra,
        snapshot=snap,
        archive_url=archived,
    )
    _warn_share(post, conf)
    from clipper.settings import post_style

    style = post_style(conf)
    if dry_run:
        from clipper.posts.model import render

        sys.stdout.write(render(post, style))
        return
    path = job.save(post, drafts_dir, style)
    typer.echo(str(path))


def _drafted(conf: Any, drafts_dir: Path) -> dict[str, str]:
    """Every source the drafts (and published posts) already quote: normalised URL -> post path."""
    from clipper.posts.files import source_index

    return source_index([drafts_dir, *([conf.published_dir] if conf.published_dir else [])])


def _read_source_list(name: str) -> list[str]:
    from clipper.workflows.batch import read_sources

    if name == "-":
        return read_sources(sys.stdin)
    try:
        with open(name, encoding="utf-8") as fh:
            return read_sources(fh)
    except OSError as exc:
        raise FileError(f"{name}: cannot read the list of sources: {exc.strerror or exc}") from None


def _batch(
    sources: list[str],
    conf: Any,
    drafts_dir: Path,
    pick: str | None,
    lead: int | None,
    quote_all: bool,
    force: bool,
    timeout: float | None,
    jobs: int,
    fail_fast: bool,
    as_json: bool,
) -> None:
    """Grab many sources; report each as it ends, then a summary; exit 0, 13 (some failed) or 14."""
    from clipper.posts import selection
    from clipper.settings import post_style
    from clipper.workflows import batch

    # A bad selection is a usage error before anything is fetched.
    if pick is not None:
        selection.parse(pick, 10_000)
    if lead is not None:
        selection.lead(lead, 1)
    plan = batch.BatchPlan(
        folder=drafts_dir,
        style=post_style(conf),
        pick=pick,
        lead=lead or conf.lead,
        quote_all=quote_all,
        force=force,
        site_names=conf.sites,
        extra=conf.extra,
        fetch=_fetch_options(timeout),
        jobs=jobs,
        snapshot=conf.snapshot,
        archive_service=conf.service,
        index={} if force else _drafted(conf, drafts_dir),
    )
    from clipper.cli.progress import BatchReport

    report = BatchReport(len(sources), as_json)
    try:
        with report:
            batch.run(sources, plan, report.add, stop_on_failure=fail_fast)
    except KeyboardInterrupt:
        report.summary(interrupted=True, notes=plan.notes)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(ExitCode.INTERRUPTED))  # fetches still in flight would hold the exit up to their deadline
    report.summary(notes=plan.notes)
    code = report.exit_code()
    if code:
        raise typer.Exit(code)


def _warn_share(post: Any, conf: Any) -> None:
    """A warning (not an error) when a post quotes much of its source."""
    from clipper.posts.model import share

    part = share(post.quoted_words, post.source_words)
    if part > conf.warn_share or post.quoted_words > conf.warn_words:
        limit = f"{conf.warn_share:.0%}" if part > conf.warn_share else f"{conf.warn_words} words"
        sys.stderr.write(
            f"clipper: warning: quoting {post.quoted_words} of {post.source_words} words ({part:.0%}), over {limit}\n"
        )


@app.command()
@handle_errors
def extract(
    source: SourceArg,
    url: UrlOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (documented in the README).")] = False,
    timeout: TimeoutOpt = None,
) -> None:
    """Show what clipper extracts from a page: headline, publication, author, date and numbered paragraphs."""
    from dataclasses import replace

    from clipper.workflows import grab as job

    clipping = job.clip(source, url, _fetch_options(timeout))
    article = clipping.article
    article = replace(article, site_name=job.publication(article.url, article.site_name, settings().sites))
    if as_json:
        typer.echo(json.dumps(article.to_dict(), ensure_ascii=False))
        return
    from rich.console import Console

    from clipper.cli.picker import Picker

    Picker(Console(highlight=False)).show(article)


DraftsOpt = Annotated[
    Path | None, typer.Option("--drafts-dir", "-d", help="The drafts folder.", show_default="drafts_dir setting")
]
PublishedOpt = Annotated[
    Path | None,
    typer.Option(
        "--published-dir", help="The published posts' folder, if apart.", show_default="published_dir setting"
    ),
]
IdArg = Annotated[str, typer.Argument(help="The post's number in `clipper list`, or a unique prefix of its name.")]


class Status(str, Enum):
    draft = "draft"
    published = "published"
    all = "all"


def _folders(drafts_dir: Path | None, published_dir: Path | None) -> list[tuple[Path, str]]:
    """The posts folders: the options, else the settings."""
    conf = settings()
    folders = [(drafts_dir or conf.drafts_dir, "draft")]
    published = published_dir or conf.published_dir
    if published is not None:
        folders.append((published, "published"))
    return folders


def _listing(drafts_dir: Path | None, published_dir: Path | None) -> list[Any]:
    """Every post, newest first; files that are not valid posts are named on stderr and skipped."""
    from clipper.posts import folder as store

    found, skipped = store.listing(_folders(drafts_dir, published_dir))
    for bad in skipped:
        sys.stderr.write(f"clipper: skipped {bad.path}: {bad.reason}\n")
    return found


def _find(ident: str, drafts_dir: Path | None, published_dir: Path | None) -> Any:
    from clipper.posts import folder as store

    return store.resolve(ident, _listing(drafts_dir, published_dir))


@app.command("list")
@handle_errors
def list_posts(
    status: Annotated[Status, typer.Option("--status", help="Which posts to show.")] = Status.all,
    source: Annotated[str | None, typer.Option("--source", help="Only posts quoting this publication.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only posts dated on or after YYYY-MM-DD.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only posts whose title or source holds TEXT.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most N posts.")] = None,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Every row, not just a screenful.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON list of posts (documented in the README).")] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """List the posts, newest first: number, date, title, publication, words quoted, status."""
    since_key = None
    if since is not None:
        try:
            since_key = datetime.fromisoformat(since[:10]).astimezone().timestamp()
        except ValueError:
            raise UsageError(f"--since {since!r}: use YYYY-MM-DD") from None
    rows = list(enumerate(_listing(drafts_dir, published_dir), 1))
    total = len(rows)
    needle = search.casefold() if search else None
    wanted = source.casefold() if source else None
    rows = [
        (n, p)
        for n, p in rows
        if (status is Status.all or p.status == status.value)
        and (wanted is None or wanted in (p.source_name or "").casefold())
        and (since_key is None or p.sort_key >= since_key)
        and (needle is None or needle in p.title.casefold() or needle in (p.source_name or "").casefold())
    ]
    if limit is not None:
        rows = rows[:limit]
    if as_json:
        sys.stdout.write("[" + ",\n".join(p.to_json(n) for n, p in rows) + "]\n")
        return
    if sys.stdout.isatty():
        from clipper.cli.tables import print_table

        print_table(rows, total, show_all or limit is not None)
    else:
        from clipper.cli.tables import print_plain

        print_plain(rows)


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
    from clipper.cli.tables import print_against_snapshot, print_post

    post = _find(ident, drafts_dir, published_dir)
    if source:
        print_against_snapshot(post)
    else:
        print_post(post)


@app.command()
@handle_errors
def check(
    idents: Annotated[
        list[str] | None, typer.Argument(help="Posts to check (default: all).", show_default=False)
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
    from clipper.cli.tables import print_check
    from clipper.posts import folder as store
    from clipper.workflows import check as checking

    everything = _listing(drafts_dir, published_dir)
    chosen = [store.resolve(i, everything) for i in idents] if idents else everything
    chosen = list({p.path: p for p in chosen}.values())

    def report(result: Any) -> None:
        if as_json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print_check(result)

    results = checking.check_posts(chosen, _fetch_options(timeout), jobs, report)
    if record_result:
        when = store.now()
        for result in results:
            checking.record(result, when)
    statuses = {r.status for r in results}
    if statuses & {"gone", "quote-changed", "headline-changed"}:
        raise typer.Exit(int(ExitCode.CHANGED))
    if "unreachable" in statuses:
        raise typer.Exit(int(ExitCode.UNREACHABLE))


class Format(str, Enum):
    html = "html"
    markdown = "markdown"
    text = "text"


@app.command()
@handle_errors
def render(
    ident: IdArg,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="html to paste into an editor, markdown, or text.")] = (
        Format.html
    ),
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Print a post's body as clean HTML (for WordPress or any editor), Markdown, or plain text."""
    from clipper.errors import InvalidPost
    from clipper.posts import frontmatter
    from clipper.posts.render import render as convert

    post = _find(ident, drafts_dir, published_dir)
    try:
        _, body, _ = frontmatter.parse(Path(post.path).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InvalidPost(f"{post.path}: {exc}") from None
    sys.stdout.write(convert(body, fmt.value, post.source_url))


@app.command()
@handle_errors
def edit(ident: IdArg, drafts_dir: DraftsOpt = None, published_dir: PublishedOpt = None) -> None:
    """Open a post in $VISUAL or $EDITOR, then check that its front matter still parses."""
    from clipper.cli.editor import open_in_editor
    from clipper.errors import InvalidPost
    from clipper.posts import frontmatter

    path = Path(_find(ident, drafts_dir, published_dir).path)
    open_in_editor(path)
    try:
        frontmatter.parse(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidPost(f"{path}: the front matter no longer parses ({exc}); the file is as you left it") from None
    typer.echo(str(path))


@app.command()
@handle_errors
def publish(ident: IdArg, drafts_dir: DraftsOpt = None, published_dir: PublishedOpt = None) -> None:
    """Mark a post published (draft = false, publishDate), moving it to the published folder if one is set."""
    from clipper.errors import InvalidPost
    from clipper.posts import folder as store

    post = _find(ident, drafts_dir, published_dir)
    path = Path(post.path)
    try:
        text = store.mark_published(path.read_text(encoding="utf-8"), store.now())
    except ValueError as exc:
        raise InvalidPost(f"{path}: {exc}") from None
    published = published_dir or settings().published_dir
    if published is not None and path.parent.resolve() != published.resolve():
        from clipper.posts.files import write_new
        from clipper.posts.snapshot import carry, referenced

        kept = referenced(text)
        if kept:
            carry(kept, path.parent, published)
        target = write_new(published, path.stem, text)
        path.unlink()
    else:
        store.replace_file(path, text)
        target = path
    typer.echo(str(target))


@app.command()
@handle_errors
def rm(
    ident: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
    drafts_dir: DraftsOpt = None,
    published_dir: PublishedOpt = None,
) -> None:
    """Delete a post, after asking (--yes for scripts)."""
    post = _find(ident, drafts_dir, published_dir)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"{post.path}: not deleted; use --yes to delete without asking")
        if not typer.confirm(f"Delete {post.path} ({post.title})?", default=False, err=True):
            raise Cancelled("nothing deleted")
    from clipper.posts.snapshot import referenced, release

    path = Path(post.path)
    try:
        kept = referenced(path.read_text(encoding="utf-8", errors="replace")[:8192])
        path.unlink()
    except OSError as exc:
        raise FileError(f"{post.path}: cannot delete: {exc.strerror or exc}") from None
    if kept:
        release(kept, path.parent)  # the page kept for it, unless another post quotes the same page
    stderr().print(f"Deleted {post.path}", markup=False, highlight=False)


config_app = typer.Typer(
    help="Write and show the settings file (clipper.toml).", no_args_is_help=True, add_completion=False
)
app.add_typer(config_app, name="config")


@config_app.command("init")
@handle_errors
def config_init(
    user: Annotated[bool, typer.Option("--user", help="Write the user's file instead of ./clipper.toml.")] = False,
) -> None:
    """Write ./clipper.toml (or the user's file) with every setting at its default, explained."""
    from clipper import settings as config

    target = config.user_file() if user else Path(config.LOCAL_FILE)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:  # "x": never over an existing file
            fh.write(config.template_file())
    except FileExistsError:
        raise FileError(
            f"{target}: already exists; clipper never overwrites it (edit it, or remove it first)"
        ) from None
    except OSError as exc:
        raise FileError(f"{target}: cannot write: {exc.strerror or exc}") from None
    typer.echo(str(target))


@config_app.command("show")
@handle_errors
def config_show(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: name -> {value, from}.")] = False,
) -> None:
    """Print the effective settings and where each comes from."""
    from clipper import settings as config

    rows = config.effective(settings())
    if as_json:
        data = {name: {"value": str(v) if isinstance(v, Path) else v, "from": origin} for name, v, origin in rows}
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    width = max(len(name) for name, _, _ in rows)
    for name, value, origin in rows:
        typer.echo(f"{name:<{width}} = {config.toml_value(value)}  # {origin}")


@config_app.command("path")
@handle_errors
def config_path() -> None:
    """Print the settings file in use (nothing, and a note on stderr, when none is)."""
    from clipper import settings as config

    path = config.find_file(_State.config_path)
    if path is None:
        stderr().print("no settings file: built-in defaults (clipper config init writes one)", markup=False)
        return
    typer.echo(str(path))


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("CLIPPER_DEBUG"):
        app.pretty_exceptions_enable = True
    app()
