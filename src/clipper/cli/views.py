"""What people see: the listing table (plain lines for pipes), a post, an article's numbered
paragraphs, check results and a post held against its snapshot. Untrusted text is printed as text,
never as markup."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipper.posts.folder import PostInfo
from clipper.text import word_count

if TYPE_CHECKING:
    from clipper.extraction.article import Article
    from clipper.workflows.check import CheckResult

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


# The columns a listing shows beside the number and the title, by the terminal's width (the widest
# first): the others give way before the number (what you type next) and the title do.
COLUMNS = ((100, ("date", "source", "quoted", "status")), (80, ("date", "source", "status")), (60, ("date", "status")))
SOURCE_WIDTH = 24


def print_table(rows: list[Row], total: int, everything: bool) -> None:
    """A table of the newest screenful (or every row), with the count of what is left out."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    room = max(5, shutil.get_terminal_size((100, 30)).lines - 7)
    shown = rows if everything else rows[:room]
    extra = next((names for least, names in COLUMNS if console.width >= least), ())
    cells = [
        {
            "#": str(number),
            "date": (post.date or "")[:10],
            "source": post.source_name or "",
            "quoted": _quoted(post),
            "status": post.status,
        }
        for number, post in shown
    ]
    names = ["#", *(["date"] if "date" in extra else []), "title", *(c for c in extra if c != "date")]
    widths = {name: max([len(name), *(len(row[name]) for row in cells)]) for name in names if name != "title"}
    if "source" in widths:
        widths["source"] = min(widths["source"], SOURCE_WIDTH if console.width >= 100 else 16)
    # The title takes what the others leave, so that nothing else is cut to fit.
    widths["title"] = max(12, console.width - sum(widths.values()) - 2 * (len(names) - 1))
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    for name in names:
        table.add_column(
            name,
            justify="right" if name in ("#", "quoted") else "left",
            style="cyan" if name == "#" else "",
            no_wrap=True,
            overflow="ellipsis",
            min_width=widths[name] if name != "title" else None,
            max_width=widths[name],
        )
    for row, (_, post) in zip(cells, shown, strict=True):
        texts = {**row, "title": post.title}
        values = [Text(texts[name]) for name in names]
        if post.review:  # clipper doubts part of it: the editor should look before publishing
            values[names.index("title")] = Text("! ", style="bold yellow") + values[names.index("title")]
        if "status" in names:
            values[names.index("status")].stylize("yellow" if post.status == "draft" else "green")
        table.add_row(*values)
    console.print(table)
    hidden = len(rows) - len(shown)
    note = f"{len(shown)} of {len(rows)} posts shown" if hidden else f"{len(rows)} posts"
    if len(rows) != total:
        note += f" ({total} in all)"
    if hidden:
        note += "; --all shows every row"
    console.print(Text(note, style="dim"))


def print_body(console: Any, body: str) -> None:
    """A post's body as a reader sees it: quoted paragraphs set off with a bar, a blank line between
    paragraphs, links written out."""
    from rich.text import Text

    from clipper.posts.formats import paragraphs

    for depth, text in paragraphs(body):
        for part in text.split("\n"):
            line = Text("▌ " * depth, style="dim")
            line.append(part)
            console.print(line)
        console.print()


def print_post(post: PostInfo) -> None:
    """The post's front matter summarised, then its body as rendered Markdown."""
    from rich.console import Console
    from rich.text import Text

    from clipper.posts.postfile import read

    body = read(Path(post.path)).body
    console = Console(highlight=False)
    console.print(Text(post.title, style="bold"))
    facts = [post.status, (post.date or "")[:10], post.source_name or ""]
    if post.quoted_words is not None and post.source_words:
        facts.append(f"{post.quoted_words} of {post.source_words} words quoted")
    console.print(Text(" · ".join(f for f in facts if f), style="dim"))
    if post.source_url:
        console.print(Text(post.source_url, style="dim"))
    console.print(Text(post.path, style="dim"))
    if post.review:
        parts = ", ".join(post.review)
        console.print(Text(f"to review: {parts} (clipper review {post.id} --ok when done)", style="yellow"))
    console.print()
    if body.strip():
        print_body(console, body)
    else:
        console.print(Text("(empty body)", style="dim"))


def print_check(result: CheckResult) -> None:
    """One post's check: its status and title, then what changed, word by word."""
    from rich.console import Console
    from rich.text import Text

    from clipper.workflows.check import CheckStatus

    styles = {
        CheckStatus.UNCHANGED: "green",
        CheckStatus.HEADLINE_CHANGED: "yellow",
        CheckStatus.QUOTE_CHANGED: "red",
        CheckStatus.GONE: "red bold",
        CheckStatus.UNREACHABLE: "magenta",
    }
    console = Console(highlight=False)
    line = Text(f"{result.status.value:17}", style=styles[result.status])
    line.append(result.id)
    console.print(line)
    if result.detail and result.status is not CheckStatus.UNCHANGED:
        console.print(Text(f"  {result.detail}", style="dim"))
    if result.status is CheckStatus.HEADLINE_CHANGED:
        console.print(Text(f"  then: {result.headline_then}\n  now:  {result.headline_now}"))
    for change in result.changes:
        console.print(_diff_text(change.diff))


def _diff_text(diff: str) -> Any:
    """A word diff with [-removed-] in red and {+added+} in green."""
    import re

    from rich.text import Text

    text = Text("  ")
    for part in re.split(r"(\[-.*?-\]|\{\+.*?\+\})", diff):
        if part.startswith("[-") and part.endswith("-]"):
            text.append(part, style="red strike")
        elif part.startswith("{+") and part.endswith("+}"):
            text.append(part, style="green")
        else:
            text.append(part)
    return text


def print_against_snapshot(post: PostInfo) -> None:
    """The post's quoted paragraphs checked against the page as it was fetched."""
    from rich.console import Console
    from rich.text import Text

    from clipper.workflows.check import against_snapshot

    found = against_snapshot(post)
    console = Console(highlight=False)
    console.print(Text(post.title, style="bold"))
    console.print(
        Text(f"snapshot {found.snapshot}" + (f", fetched {found.fetched}" if found.fetched else ""), style="dim")
    )
    console.print()
    for quote, change in found.quotes:
        if change is None:
            console.print(Text("✓ in the source as fetched", style="green"))
            console.print(Text(f"  {quote}"))
        else:
            console.print(Text("✗ not in the source as fetched (edited, or changed since):", style="red"))
            console.print(_diff_text(change.diff))
        console.print()


PREVIEW_CHARS = 420
KIND_MARKS = {"heading": "§ ", "item": "• ", "quote": "“ "}


def print_article(console: Any, article: Article) -> None:
    """An article's header and its numbered paragraphs with word counts."""
    from rich.text import Text

    head = Text(article.title or "(no headline)", style="bold")
    facts = " · ".join(x for x in (article.site_name, article.author, article.date) if x)
    console.print(head)
    if facts:
        console.print(Text(facts, style="dim"))
    console.print(Text(f"{len(article.blocks)} paragraphs, {article.words:,} words", style="dim"))
    console.print()
    width = len(str(len(article.blocks)))
    for n, block in enumerate(article.blocks, 1):
        text = block.text if len(block.text) <= PREVIEW_CHARS else block.text[:PREVIEW_CHARS].rstrip() + "…"
        line = Text(f"{n:>{width}} ", style="bold cyan")
        line.append(f"({word_count(block.text)} w) ", style="dim")
        line.append(KIND_MARKS.get(block.kind, "") + text)
        console.print(line)
    console.print()
