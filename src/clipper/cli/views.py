"""What people see: the listing table (plain lines for pipes), a post, an article's numbered
paragraphs, check results and a post held against its snapshot. Untrusted text is printed as text,
never as markup."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipper.posts.listing import PostInfo

if TYPE_CHECKING:
    from rich.console import Console

    from clipper.extraction.article import Article
    from clipper.sources.feeds import FeedLink
    from clipper.sources.items import FeedItem
    from clipper.sources.subscriptions import Subscription
    from clipper.workflows.check import CheckResult

Row = tuple[int, PostInfo]


def out() -> Console:
    """A console on stdout that wraps lines for a terminal only: piped, a line stays one line for
    grep and awk."""
    from rich.console import Console

    class Out(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1; the command's boundary ends a closed pipe quietly, with 0
            raise BrokenPipeError

    return Out(highlight=False, soft_wrap=not sys.stdout.isatty())


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
            f"{_in_cells(post.source_name or '-', 24)}  {post.title}\n"
        )


def _in_cells(text: str, width: int) -> str:
    """`text` cut and padded to `width` cells of a terminal, where a CJK character takes two: the
    columns after it line up."""
    kept, used = [], 0
    for ch in text:
        cells = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + cells > width:
            break
        kept.append(ch)
        used += cells
    return "".join(kept) + " " * (width - used)


# The columns a listing shows beside the number and the title, by the terminal's width (the widest
# first): the others give way before the number (what you type next) and the title do.
COLUMNS = ((100, ("date", "source", "quoted", "status")), (80, ("date", "source", "status")), (60, ("date", "status")))
SOURCE_WIDTH = 24


def print_table(rows: list[Row], total: int, everything: bool) -> None:
    """A table of the newest screenful (or every row), with the count of what is left out."""
    from rich.table import Table
    from rich.text import Text

    console = out()  # a table is for a terminal: as wide as it
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
    from rich.text import Text

    from clipper.posts.postfile import read

    body = read(Path(post.path)).body
    console = out()
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
    from rich.text import Text

    from clipper.workflows.check import CheckStatus

    styles = {
        CheckStatus.UNCHANGED: "green",
        CheckStatus.HEADLINE_CHANGED: "yellow",
        CheckStatus.QUOTE_CHANGED: "red",
        CheckStatus.GONE: "red bold",
        CheckStatus.UNREACHABLE: "magenta",
    }
    console = out()
    line = Text(f"{result.status.value:17}", style=styles[result.status])
    line.append(result.id)
    console.print(line)
    if result.detail and result.status is not CheckStatus.UNCHANGED:
        console.print(Text(f"  {result.detail}", style="dim"))
    if result.headline_changed:  # a changed quote does not hide a changed headline
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
    from rich.text import Text

    from clipper.workflows.check import against_snapshot

    found = against_snapshot(post)
    console = out()
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


PREVIEW_CHARS = 420  # of a block, in `clipper extract`'s view
KIND_MARKS = {"heading": "§ ", "item": "• ", "quote": "“ "}


def print_article(console: Any, article: Article, fit: int | None = None) -> int:
    """An article on one screen: its headline and credits, its length, and its blocks numbered with
    their word counts. As `clipper extract` shows it (no `fit`): every block, up to PREVIEW_CHARS of
    each. As the picker shows it, in `fit` lines at most: what clipper doubts under the credits, and
    each block on one line with what it looks like (`caption?`), so that the headline and the lead
    stay in sight. Returns how many blocks it showed."""
    from rich.text import Text

    from clipper.text import word_count

    blocks = article.blocks
    console.print(Text(article.title or "(no headline)", style="bold"))
    facts = " · ".join(x for x in (article.site_name, article.author, article.date) if x)
    if facts:
        console.print(Text(facts, style="dim"))
    if fit is not None:
        for doubt in article.doubts:  # what the editor should look at before writing
            if doubt.part != "lead":
                console.print(Text(f"{doubt.part}? {doubt.reason}", style="yellow"))
    console.print(Text(f"{len(blocks)} paragraphs, {article.words:,} words", style="dim"))
    if fit is None:
        console.print()
    shown = blocks if fit is None or len(blocks) <= fit else blocks[: fit - 1]
    width = len(str(len(blocks)))
    doubted = {d.block for d in article.doubts if d.part == "lead" and d.block}
    for n, block in enumerate(shown, 1):
        line = Text(f"{n:>{width}} ", style="bold cyan")
        line.append(f"({word_count(block.text)} w) ", style="dim")
        if fit is None:
            cut = block.text if len(block.text) <= PREVIEW_CHARS else block.text[:PREVIEW_CHARS].rstrip() + "…"
            line.append(KIND_MARKS.get(block.kind, "") + cut)
        else:
            if block.looks_like or n in doubted:
                line.append(f"{block.looks_like or 'lead'}? ", style="dim yellow")
            line.append(KIND_MARKS.get(block.kind, "") + block.text.replace("\n", " "))
            line.truncate(console.width, overflow="ellipsis")
        console.print(line)
    if fit is None:
        console.print()
    return len(shown)


def age(when: datetime | None, now: datetime) -> str:
    """How long ago, in one unit: "12 min", "3 h", "2 d" ("" when unknown; "now" for the last minute
    and for a date ahead of the clock)."""
    if when is None:
        return ""
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "now"
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} d"


FEED_WIDTH = 24  # a feed's name in the headlines, as the listing's publication: enough to tell feeds apart


def print_headlines(console: Any, items: list[FeedItem], now: datetime) -> None:
    """New items numbered, oldest first: number, feed, age, headline; one line each at any width."""
    from rich.table import Table
    from rich.text import Text

    rows = [(str(n), item.feed, age(item.date, now), item.title or item.url) for n, item in enumerate(items, 1)]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    widths[1] = min(widths[1], FEED_WIDTH)
    # The headline takes what the others leave, so that the number (what you answer with) is never cut.
    widths.append(max(12, console.width - sum(widths) - 6))
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(justify="right", style="bold cyan", no_wrap=True, min_width=widths[0])
    table.add_column(style="dim", no_wrap=True, overflow="ellipsis", min_width=widths[1], max_width=widths[1])
    table.add_column(justify="right", style="dim", no_wrap=True, min_width=widths[2])
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=widths[3])
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def print_feed_links(console: Any, links: list[FeedLink]) -> None:
    """The feeds a page links, numbered: title, format, address."""
    from rich.text import Text

    for number, link in enumerate(links, 1):
        line = Text(f"{number:>3} ", style="bold cyan")
        line.append(link.title or "(untitled)")
        line.append(f"  {link.format}  {link.url}", style="dim")
        console.print(line)


def print_feeds(subscriptions: list[Subscription]) -> None:
    """The feeds followed, one plain line each: name, state, last pull (local time), address, and why
    the last pull failed when it did."""
    width = max(len(sub.name) for sub in subscriptions)
    for sub in subscriptions:
        state = "new" if sub.last_pull is None else "failing" if sub.last_error else "ok"
        last = sub.last_pull.astimezone().strftime("%Y-%m-%d %H:%M") if sub.last_pull else "never"
        why = f"  ({sub.last_error})" if sub.last_error else ""
        sys.stdout.write(f"{sub.name:<{width}}  {state:7}  {last:16}  {sub.url}{why}\n")
