"""The root of the command line: the Typer application, its root options, the one boundary where
clipper's errors become a line on stderr and an exit code, and what the commands share (settings,
options, finding posts)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from clipper import __version__
from clipper.cli import complete
from clipper.errors import ClipperError, ExitCode, InvalidPost

if TYPE_CHECKING:
    from rich.console import Console

    from clipper.posts.listing import Listing, PostInfo, Skipped
    from clipper.posts.postfile import Status
    from clipper.settings import Settings
    from clipper.web.options import FetchOptions

app = typer.Typer(
    name="clipper",
    help="Turn a news article into a ready-to-publish excerpt post: quote, attribution, link.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


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
        except EOFError:  # Ctrl-D at a prompt
            raise fail("cancelled: nothing written", int(ExitCode.CANCELLED)) from None
        except KeyboardInterrupt:
            raise fail("interrupted", int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # The reader went away (`clipper list | head -1`): stop quietly, as `cat` does.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(int(ExitCode.OK)) from None

    return wrapper  # type: ignore[return-value]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"clipper {__version__}")
        raise typer.Exit()


class _State:
    """What the root options set for the command that follows."""

    config_path: Path | None = None
    settings: Settings | None = None


def settings() -> Settings:
    """The effective settings, loaded once per command, checked before any work."""
    if _State.settings is None:
        from clipper.settings import load

        _State.settings = load(_State.config_path)
    return _State.settings


def settings_file() -> Path | None:
    """The settings file in use, if any."""
    from clipper.settings import find_file

    return find_file(_State.config_path)


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
    9 cancelled, 10 no such post, 11 broken post file, 12 bad settings, 13 some sources of a
    batch failed, 14 all did, 15 check: a source changed, 16 check: some unreachable, 17 WordPress
    refused the password, 18 no WordPress REST API, 19 the WordPress post was deleted there,
    20 feed pull: some feeds failed, 130 interrupted.
    """
    _State.config_path = config_file
    _State.settings = None


SourceArg = Annotated[
    str, typer.Argument(help="An http(s) URL, or the path of a page saved from a browser.", metavar="SOURCE")
]
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
DraftsOpt = Annotated[
    Path | None, typer.Option("--drafts-dir", "-d", help="The drafts folder.", show_default="drafts_dir setting")
]
PublishedOpt = Annotated[
    Path | None,
    typer.Option(
        "--published-dir", help="The published posts' folder, if apart.", show_default="published_dir setting"
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(
        help="The post's number in `clipper list`, a unique prefix of its name, or its file's path.",
        metavar="ID",
        autocompletion=complete.posts,
    ),
]


def fetch_options(timeout: float | None) -> FetchOptions:
    """The fetch limits the settings ask for; `--timeout` wins."""
    from clipper.web.options import FetchOptions

    return FetchOptions.from_settings(settings().fetch, timeout)


def folders(drafts_dir: Path | None, published_dir: Path | None) -> list[tuple[Path, Status]]:
    """The posts folders and the status their posts have by default: the options, else the settings."""
    conf = settings()
    found: list[tuple[Path, Status]] = [(drafts_dir or conf.drafts_dir, "draft")]
    published = published_dir or conf.published_dir
    if published is not None:
        found.append((published, "published"))
    return found


def listed(
    drafts_dir: Path | None, published_dir: Path | None, *, announce: bool = True
) -> tuple[Listing, list[tuple[int, PostInfo]]]:
    """The listing of the posts folders and its posts with their numbers, newest first; files that
    are not valid posts keep the numbers they had as posts, and are named on stderr (`announce`)."""
    from clipper.posts.listing import all_posts
    from clipper.posts.numbers import kept, number

    where = folders(drafts_dir, published_dir)
    home = where[0][0]
    listing = all_posts(where)
    numbers = kept(home, [bad.path for bad in listing.skipped])
    listing = listing._replace(
        skipped=[bad._replace(number=n) for bad, n in zip(listing.skipped, numbers, strict=True)]
    )
    if announce:
        _announce(listing.skipped)
    return listing, number(home, listing.posts)


def _announce(skipped: Iterable[Skipped]) -> None:
    for bad in skipped:
        sys.stderr.write(f"clipper: skipped {bad.path}: {bad.reason}\n")


def numbered_and_skipped(
    drafts_dir: Path | None, published_dir: Path | None
) -> tuple[list[tuple[int, PostInfo]], list[Skipped]]:
    """The numbered posts, and the files that are not valid posts (each named on stderr)."""
    listing, rows = listed(drafts_dir, published_dir)
    return rows, listing.skipped


def find(ident: str, drafts_dir: Path | None, published_dir: Path | None) -> PostInfo:
    """The post an ID names; the files that are not valid posts are named on stderr. An ID that names
    only such a file says why (exit 11), once: its error, not its notice besides."""
    from clipper.posts.folder import resolve

    listing, rows = listed(drafts_dir, published_dir, announce=False)
    named = None
    try:
        return resolve(ident, rows, listing.skipped)
    except InvalidPost as exc:
        named = exc.path
        raise
    finally:
        _announce(bad for bad in listing.skipped if str(bad.path) != named)
