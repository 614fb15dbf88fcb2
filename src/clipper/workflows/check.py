"""Keeping quotes honest: compare what a post quotes with what its source says now (or said when
it was fetched, in the snapshot), word by word."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipper.errors import ClipperError, FileError, HTTPStatusError, InvalidPost, NoArticleError
from clipper.posts import postfile
from clipper.posts.cuts import ELISION, pieces
from clipper.posts.listing import PostInfo
from clipper.text import plain, similarity
from clipper.web.fanout import fetch_all
from clipper.web.options import FetchOptions
from clipper.web.polite import PoliteGates
from clipper.web.urls import split

if TYPE_CHECKING:
    from clipper.web.page import Page


class CheckStatus(str, Enum):
    """What a post's source says now, from nothing changed to gone."""

    UNCHANGED = "unchanged"  # every quoted paragraph is still there, and the headline is the same
    HEADLINE_CHANGED = "headline-changed"  # the quote stands, the headline changed
    QUOTE_CHANGED = "quote-changed"  # a quoted paragraph is no longer in the article
    GONE = "gone"  # 404 or 410, a redirect to the front page, or no article any more
    UNREACHABLE = "unreachable"  # the source could not be fetched: nothing can be said

    @property
    def changed(self) -> bool:
        return self in (CheckStatus.HEADLINE_CHANGED, CheckStatus.QUOTE_CHANGED, CheckStatus.GONE)


@dataclass(frozen=True, kw_only=True)
class QuoteChange:
    then: str
    now: str | None  # the closest paragraph now, if any
    diff: str  # words removed as [-…-], added as {+…+}


@dataclass(kw_only=True)
class CheckResult:
    """What one post's source says now."""

    id: str
    path: str
    url: str | None
    status: CheckStatus
    detail: str = ""
    headline_then: str | None = None
    headline_now: str | None = None
    changes: list[QuoteChange] = field(default_factory=list)

    @property
    def headline_changed(self) -> bool:
        """The source's headline is not the one the post recorded (whatever else changed too)."""
        then, now = self.headline_then, self.headline_now
        return bool(then and now and normal(then) != normal(now))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "status": self.status.value,
            "detail": self.detail,
            "headline_then": self.headline_then,
            "headline_now": self.headline_now,
            "changes": [{"then": c.then, "now": c.now, "diff": c.diff} for c in self.changes],
        }


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def quoted_paragraphs(body: str) -> list[str]:
    """The text of the paragraphs inside the post's blockquote, as a reader sees it."""
    from clipper.posts.formats import paragraphs

    quoted = (" ".join(text.split()) for depth, text in paragraphs(body, links=False) if depth)
    return [text for text in quoted if text]


def word_diff(then: str, now: str) -> str:
    """`then` turned into `now`, words removed shown as [-…-] and words added as {+…+}."""
    a, b = then.split(), now.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def compare_quotes(quotes: list[str], paragraphs: list[str]) -> list[QuoteChange]:
    """The quotes no longer found in `paragraphs`, each with its closest paragraph and a word diff.
    A quote cut down by the editor counts as found when its words stand together in the article;
    one cut inside (marked `[…]`) when each of its pieces does."""
    whole = normal(" ".join(paragraphs))
    words = plain(whole)
    changes = []
    for quote in quotes:
        if normal(quote) in whole:
            continue
        if ELISION in quote and all(plain(piece) in words for piece in pieces(quote)):
            continue
        closest = max(paragraphs, key=lambda p: similarity(p, quote), default=None)
        if closest is not None and similarity(closest, quote) < 0.3:
            closest = None
        diff = word_diff(quote, closest) if closest else f"[-{quote}-]"
        changes.append(QuoteChange(then=quote, now=closest, diff=diff))
    return changes


def _front_page(url: str, final: str) -> bool:
    """True when a fetch of an article ended on a site's front page (a common way to 'delete')."""
    ended, asked = split(final), split(url)
    return ended is not None and asked is not None and ended.path.strip("/") == "" and asked.path.strip("/") != ""


def judge(post: PostInfo, fetched: Page | ClipperError | None) -> CheckResult:
    """What the source of `post`, fetched again (or the error that fetching it ended in), says."""
    from clipper.extraction.extract import extract

    result = CheckResult(id=post.id, path=post.path, url=post.source_url, status=CheckStatus.UNCHANGED)
    try:
        kept = postfile.read(Path(post.path))
    except InvalidPost as exc:
        result.status, result.detail = CheckStatus.UNREACHABLE, f"cannot read the post: {exc.reason}"
        return result
    then = kept.source.get("source_title")
    result.headline_then = then if isinstance(then, str) else None
    try:
        if fetched is None or not post.source_url:
            raise FileError("the post names no source_url")
        if isinstance(fetched, ClipperError):
            raise fetched
        if _front_page(post.source_url, fetched.final_url):
            result.status, result.detail = CheckStatus.GONE, f"redirected to the front page {fetched.final_url}"
            return result
        article = extract(fetched)
    except HTTPStatusError as exc:
        result.status = CheckStatus.GONE if exc.status in (404, 410) else CheckStatus.UNREACHABLE
        result.detail = str(exc)
        return result
    except NoArticleError as exc:
        result.status, result.detail = CheckStatus.GONE, str(exc)
        return result
    except ClipperError as exc:
        result.status, result.detail = CheckStatus.UNREACHABLE, str(exc)
        return result
    result.headline_now = article.title
    quotes = quoted_paragraphs(kept.body)
    result.changes = compare_quotes(quotes, article.paragraphs)
    if result.changes and elsewhere(result, len(quotes)):
        result.status = CheckStatus.GONE
        result.detail = "the article is no longer at this address: none of the quote is there, nor anything like it"
        result.changes = []
    elif result.changes:
        result.status = CheckStatus.QUOTE_CHANGED
        result.detail = f"{len(result.changes)} quoted paragraph(s) no longer in the source"
    elif result.headline_changed:
        result.status, result.detail = CheckStatus.HEADLINE_CHANGED, "the headline changed"
    return result


def elsewhere(result: CheckResult, quoted: int) -> bool:
    """True when the page at the address is no longer the article, though it answers (a directory
    listing, another story): not one quoted paragraph left nor one like it, under another headline.
    An edited article keeps something: a paragraph, a close wording, its headline."""
    unlike = len(result.changes) == quoted and all(change.now is None for change in result.changes)
    same_headline = result.headline_then and result.headline_now and not result.headline_changed
    return unlike and not same_headline


def check_posts(
    posts: Iterable[PostInfo],
    options: FetchOptions,
    jobs: int = 8,
    report: Callable[[CheckResult], None] = lambda r: None,
) -> list[CheckResult]:
    """Check many posts: sources fetched concurrently and politely, extracted and compared in this
    thread (trafilatura is not thread-safe), each reported as it is judged."""
    gates = PoliteGates()
    todo = list(posts)
    results: list[CheckResult] = []

    def fetch(post: PostInfo) -> Page | ClipperError:
        try:
            return gates.fetch(post.source_url or "", options)
        except ClipperError as exc:
            return exc

    def done(result: CheckResult) -> None:
        results.append(result)
        report(result)

    arriving = fetch_all([p for p in todo if p.source_url], fetch, jobs, "check")
    for post in todo:
        if not post.source_url:
            done(judge(post, None))
    for post, fetched in arriving:
        done(judge(post, fetched))
    return results


def record(result: CheckResult, when: datetime) -> None:
    """Write the check's date and status into the post's front matter, every other line untouched."""
    kept = postfile.read(Path(result.path))
    kept.rewrite(postfile.set_keys(kept.text, {"checked": when, "check_status": result.status.value}))


@dataclass(frozen=True, kw_only=True)
class SnapshotCheck:
    """A post's quotes held against the page as it was fetched: each with its change, or None."""

    snapshot: str
    fetched: object  # when the page was fetched, as the post records it
    quotes: list[tuple[str, QuoteChange | None]]


def against_snapshot(post: PostInfo) -> SnapshotCheck:
    """The post's quoted paragraphs checked against the snapshot of its source."""
    from clipper.extraction.extract import extract
    from clipper.posts import snapshot
    from clipper.web.page import saved_page

    kept = postfile.read(Path(post.path))
    name = kept.source.get("snapshot")
    if not isinstance(name, str):
        raise FileError(f"{post.path}: no snapshot was kept for this post")
    where = snapshot.path_of(Path(post.path), name)
    article = extract(saved_page(snapshot.unpack(where), post.source_url or "", where))
    quotes = quoted_paragraphs(kept.body)
    changes = {c.then: c for c in compare_quotes(quotes, article.paragraphs)}
    return SnapshotCheck(
        snapshot=name, fetched=kept.source.get("fetched"), quotes=[(q, changes.get(q)) for q in quotes]
    )
