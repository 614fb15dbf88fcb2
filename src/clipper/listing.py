"""Showing posts to people: the listing table, plain lines for pipes, and one post rendered."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from clipper.posts import PostInfo

Row = tuple[int, PostInfo]


def _quoted(post: PostInfo) -> str:
    if post.quoted_words is None:
        return ""
    return f"{post.quoted_words}/{post.source_words}" if post.source_words else str(post.quoted_words)


def print_plain(rows: list[Row]) -> None:
    """One line a post, no colour: number, date, status, words quoted, source, title."""
    out = sys.stdout
    for number, post in rows:
        out.write(
            f"{number:>5}  {(post.date or '')[:10]:10}  {post.status:9}  {_quoted(post):>9}  "
            f"{(post.source_name or '-')[:24]:24}  {post.title}\n"
        )


def print_table(rows: list[Row], total: int, everything: bool) -> None:
    """A table of the newest screenful (or every row), with the count of what is left out."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    room = max(5, shutil.get_terminal_size((100, 30)).lines - 7)
    shown = rows if everything else rows[:room]
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    table.add_column("#", justify="right", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column("source", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("quoted", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for number, post in shown:
        table.add_row(
            str(number),
            (post.date or "")[:10],
            Text(post.title),
            Text(post.source_name or ""),
            _quoted(post),
            Text(post.status, style="yellow" if post.status == "draft" else "green"),
        )
    console.print(table)
    hidden = len(rows) - len(shown)
    note = f"{len(shown)} of {len(rows)} posts shown" if hidden else f"{len(rows)} posts"
    if len(rows) != total:
        note += f" ({total} in all)"
    if hidden:
        note += "; --all shows every row"
    console.print(Text(note, style="dim"))


def print_post(post: PostInfo) -> None:
    """The post's front matter summarised, then its body as rendered Markdown."""
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.text import Text

    from clipper import frontmatter

    text = Path(post.path).read_text(encoding="utf-8")
    _, body, _ = frontmatter.parse(text)
    console = Console(highlight=False)
    console.print(Text(post.title, style="bold"))
    facts = [post.status, (post.date or "")[:10], post.source_name or ""]
    if post.quoted_words is not None and post.source_words:
        facts.append(f"{post.quoted_words} of {post.source_words} words quoted")
    console.print(Text(" · ".join(f for f in facts if f), style="dim"))
    if post.source_url:
        console.print(Text(post.source_url, style="dim"))
    console.print(Text(post.path, style="dim"))
    console.print()
    console.print(Markdown(body.strip() or "*(empty body)*"))
