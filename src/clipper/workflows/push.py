"""Pushing posts to a WordPress site: each post's body as `clipper render --format html` gives it,
its title, date, tags and categories, sent as a draft unless another status is asked for. The first
push records the WordPress post (`wordpress_id`, `wordpress_url`) in the post's front matter,
changing no other line; later pushes update that same WordPress post."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from clipper.errors import (
    ClipperError,
    ConfigError,
    ExitCode,
    FileError,
    InvalidPost,
    RemotePostGoneError,
    UsageError,
)
from clipper.posts import postfile
from clipper.posts.formats import Format, convert
from clipper.posts.frontmatter import date_value
from clipper.settings import WordPressSettings
from clipper.targets.wordpress import Pushed, Site, WordPressClient
from clipper.targets.wordpress_entry import Entry, PlannedRequest, plan_push, require_secure
from clipper.web.urls import server

ID_KEY, URL_KEY = "wordpress_id", "wordpress_url"  # what a push records in the post
PASSWORD_ENV = "CLIPPER_WORDPRESS_PASSWORD"  # the WordPress application password: never a setting
PUBLISHED = "publish"  # the WordPress status of a post readers see


Action = Literal["created", "updated", "failed"]


@dataclass(frozen=True, kw_only=True)
class PushOutcome:
    """What became of one post: `created` or `updated` on the site, or `failed` with its error."""

    id: str  # the post's file name without .md
    path: str
    action: Action
    wordpress_id: int | None = None
    link: str | None = None
    status: str | None = None  # the WordPress post's status after the push
    error: ClipperError | None = None

    def to_dict(self) -> dict[str, Any]:
        """The object `push --json` prints (the README lists its keys)."""
        return {
            "id": self.id,
            "path": self.path,
            "action": self.action,
            "wordpress_id": self.wordpress_id,
            "link": self.link,
            "status": self.status,
            "error": None if self.error is None else str(self.error),
        }


@dataclass(frozen=True, kw_only=True)
class PlannedPush:
    """The request a push of one post would send (`--dry-run`)."""

    id: str
    path: str
    request: PlannedRequest

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "method": self.request.method,
            "url": self.request.url,
            "body": self.request.body,
        }


def site_address(conf: WordPressSettings) -> str:
    """The configured site's address; ConfigError saying what to set when there is none."""
    if not conf.url:
        raise ConfigError("no WordPress site: set wordpress.url in the settings file, or CLIPPER_WORDPRESS_URL")
    return conf.url


def site_of(conf: WordPressSettings) -> Site:
    """The site and account the settings name, with the password from where the settings say (asked
    for only once the address is known to be safe to send it to)."""
    url = site_address(conf)
    require_secure(url)
    if not conf.user:
        raise ConfigError(
            f"{url}: no WordPress user: set wordpress.user in the settings file, or CLIPPER_WORDPRESS_USER"
        )
    return Site(url=url, user=conf.user, password=password(conf))


def password(conf: WordPressSettings) -> str:
    """The application password: $CLIPPER_WORDPRESS_PASSWORD, else the first line `password_command`
    prints. ConfigError when there is none; no message ever holds the password itself."""
    given = os.environ.get(PASSWORD_ENV, "").strip()
    if given:
        return given
    if not conf.password_command.strip():
        raise ConfigError(
            f"no WordPress password: set {PASSWORD_ENV} to an application password, "
            "or wordpress.password_command to a command that prints one"
        )
    return _run_password_command(conf.password_command)


def _run_password_command(command: str) -> str:
    """The first line `command` prints (split like a shell would, run without one). Its stderr and stdin
    stay the terminal's, so a command that asks for a passphrase can ask."""
    where = f"wordpress.password_command {command!r}"
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ConfigError(f"{where}: cannot be split into words ({exc})") from None
    try:
        done = subprocess.run(argv, stdout=subprocess.PIPE, check=False)
    except OSError as exc:
        raise ConfigError(f"{where}: cannot run {argv[0]!r}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        status = f"killed by signal {-done.returncode}" if done.returncode < 0 else f"exit status {done.returncode}"
        raise ConfigError(f"{where} failed ({status}); no password")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    password = lines[0].strip() if lines else ""
    if not password:
        raise ConfigError(f"{where} printed no password on its first line")
    return password


def entry_of(post: postfile.PostFile, status: str | None = None) -> Entry:
    """What a push sends for `post`: the body exactly as `clipper render --format html` prints it."""
    title = post.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InvalidPost(post.path, "no title in the front matter")
    source_url = post.source.get("source_url")
    source_url = (source_url.strip() or None) if isinstance(source_url, str) else None
    return Entry(
        title=title.strip(),
        content=convert(post.body, Format.HTML, source_url),
        date=date_value(post.meta.get("date")),
        status=status,
        tags=_names(post, "tags"),
        categories=_names(post, "categories"),
    )


def recorded_id(post: postfile.PostFile) -> int | None:
    """The WordPress post this post was pushed to, if it was."""
    value = postfile.recorded(post.meta, ID_KEY)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidPost(post.path, f"{ID_KEY} must be the WordPress post's number, not {value!r}")
    return value


def target_id(post: postfile.PostFile, site_url: str, recreate: bool = False) -> int | None:
    """The WordPress post a push of `post` updates: the one it records, when that one is on this site.
    A post pushed to another site is refused (its number there names another post here), unless
    `recreate`, which makes a new post on this one."""
    wordpress_id = recorded_id(post)
    link = postfile.recorded(post.meta, URL_KEY)
    if (
        wordpress_id is None
        or not isinstance(link, str)
        or not link.strip()
        or server(link.strip()) == server(site_url)
    ):
        return wordpress_id
    if recreate:
        return None
    raise UsageError(
        f"{post.path}: pushed before to {link}, not to {site_url}: push with --recreate to make a new "
        f"post there, or, if the site moved, change {URL_KEY} in the post"
    )


def plan_posts(
    paths: Iterable[Path], conf: WordPressSettings, status: str | None = None, recreate: bool = False
) -> list[PlannedPush]:
    """The request each post's push would send, sending nothing and needing no password."""
    url = site_address(conf)
    planned = []
    for path in paths:
        post = postfile.read(path)
        request = plan_push(url, entry_of(post, status), target_id(post, url, recreate))
        planned.append(PlannedPush(id=path.stem, path=str(path), request=request))
    return planned


def push_posts(
    paths: Sequence[Path],
    site: Site,
    status: str | None = None,
    recreate: bool = False,
    report: Callable[[PushOutcome], None] = lambda outcome: None,
) -> list[PushOutcome]:
    """Push each post in turn, reporting each as it ends.

    The site is asked first, once, whether it takes the password: a site that cannot be reached,
    shows no REST API or refuses the password raises before any post is sent (every post would fail
    alike). After that a post that fails is reported, its file untouched, and the others go on.
    """
    outcomes = []
    with WordPressClient(site) as wp:
        wp.check_credentials()
        for path in paths:
            try:
                outcome = push_post(wp, path, status, recreate)
            except ClipperError as exc:
                gone = exc.post_id if isinstance(exc, RemotePostGoneError) else None
                outcome = PushOutcome(id=path.stem, path=str(path), action="failed", wordpress_id=gone, error=exc)
            outcomes.append(outcome)
            report(outcome)
    return outcomes


def push_post(wp: WordPressClient, path: Path, status: str | None = None, recreate: bool = False) -> PushOutcome:
    """Push one post (create it on the site, or update the WordPress post it records), then record it."""
    post = postfile.read(path)
    pushed = wp.push(entry_of(post, status), target_id(post, wp.site.url, recreate), recreate)
    done = PushOutcome(
        id=path.stem,
        path=str(path),
        action=pushed.action,
        wordpress_id=pushed.id,
        link=pushed.link,
        status=pushed.status,
    )
    try:
        record(path, pushed)
    except FileError as exc:  # on the site, not in the file: the outcome still names the WordPress post
        return replace(done, action="failed", error=exc)
    return done


def record(path: Path, pushed: Pushed) -> None:
    """Write `wordpress_id` and `wordpress_url` into the post's front matter, every other line as it
    was (where the post keeps clipper's keys in a table, as for Zola, they go there); a post published
    on the site is published here too (`draft = false` and a publishDate, as `clipper publish` writes
    them). The file is read again first: it may have been edited while the push was under way."""
    values = {ID_KEY: pushed.id, URL_KEY: pushed.link}
    try:
        post = postfile.read(path)
        text = post.text
        if not all(postfile.recorded(post.meta, key) == value for key, value in values.items()):
            text = postfile.set_keys(text, values)
        if pushed.status == PUBLISHED and post.meta.get("draft") is not False:
            text = postfile.mark_published(text, postfile.now())
        if text != post.text:
            post.rewrite(text)
    except (ClipperError, ValueError) as exc:
        reason = exc.reason if isinstance(exc, InvalidPost) else str(exc).removeprefix(f"{path}: ")
        raise FileError(
            f"{path}: WordPress post {pushed.id} was {pushed.action} ({pushed.link}) but cannot be recorded in "
            f"this post ({reason}); add {ID_KEY} with the value {pushed.id} to its front matter, or the next push "
            "makes another"
        ) from None


def exit_code(outcomes: Sequence[PushOutcome], batch: bool) -> int:
    """0 when every post was pushed; one post's own error code; for a batch, 13 when some posts
    failed and 14 when all did (like a batch of grabs)."""
    failed = [o.error for o in outcomes if o.error is not None]
    if not failed:
        return int(ExitCode.OK)
    if not batch:
        return int(failed[0].exit_code)
    return int(ExitCode.ALL_FAILED if len(failed) == len(outcomes) else ExitCode.SOME_FAILED)


def _names(post: postfile.PostFile, key: str) -> tuple[str, ...]:
    """`tags` or `categories`: at the top level, in clipper's table, or in Zola's `taxonomies`."""
    taxonomies = post.meta.get("taxonomies")
    for table in (post.meta, post.source, taxonomies if isinstance(taxonomies, dict) else {}):
        value = table.get(key)
        if value is None:
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in items
        ):
            raise InvalidPost(post.path, f"{key} must be a list of names, not {value!r}")
        return tuple(str(v) for v in items)
    return ()
