"""Keeping quotes honest: compare what a post quotes with what its source says now (or said when
it was fetched, in the snapshot), word by word."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from clipper.errors import ClipperError, HTTPStatusError, NoArticleError
from clipper.posts import frontmatter
from clipper.posts.folder import PostInfo, source_keys
from clipper.web.fetch import FetchOptions

# Worst first: a post's status is the worst thing found.
STATUSES = ("gone", "quote-changed", "headline-changed", "unreachable", "unchanged")


@dataclass
class QuoteChange:
    then: str
    now: str | None  # the closest paragraph now, if any
    diff: str  # words removed as [-…-], added as {+…+}


@dataclass
class CheckResult:
    """What one post's source says now."""

    id: str
    path: str
    url: str | None
    status: str
    detail: str = ""
    headline_then: str | None = None
    headline_now: str | None = None
    changes: list[QuoteChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "status": self.status,
            "detail": self.detail,
            "headline_then": self.headline_then,
            "headline_now": self.headline_now,
            "changes": [{"then": c.then, "now": c.now, "diff": c.diff} for c in self.changes],
        }


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def quoted_paragraphs(body: str) -> list[str]:
    """The text of the paragraphs inside the post's blockquote, as a reader sees it."""
    from clipper.posts.render import paragraphs

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
    A quote cut down by the editor counts as found when its words stand together in the article."""
    from clipper.text import similarity

    whole = normal(" ".join(paragraphs))
    changes = []
    for quote in quotes:
        if normal(quote) in whole:
            continue
        closest = max(paragraphs, key=lambda p: similarity(p, quote), default=None)
        if closest is not None and similarity(closest, quote) < 0.3:
            closest = None
        changes.append(QuoteChange(quote, closest, word_diff(quote, closest) if closest else f"[-{quote}-]"))
    return changes


def _front_page(url: str, final: str) -> bool:
    """True when a fetch of an article ended on a site's front page (a common way to 'delete')."""
    return urlsplit(final).path.strip("/") == "" and urlsplit(url).path.strip("/") != ""


def check_one(post: PostInfo, fetch_page: Callable[[str], Any]) -> CheckResult:
    """Fetch the source of `post` again and say what changed."""
    from clipper.extraction.extract import extract

    result = CheckResult(post.id, post.path, post.source_url, "unchanged")
    try:
        meta, body, _ = frontmatter.parse(Path(post.path).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return CheckResult(post.id, post.path, post.source_url, "unreachable", f"cannot read the post: {exc}")
    source = source_keys(meta)
    result.headline_then = source.get("source_title") if isinstance(source.get("source_title"), str) else None
    if not post.source_url:
        result.status, result.detail = "unreachable", "the post names no source_url"
        return result
    try:
        page = fetch_page(post.source_url)
        if _front_page(post.source_url, page.final_url):
            result.status, result.detail = "gone", f"redirected to the front page {page.final_url}"
            return result
        article = extract(page)
    except HTTPStatusError as exc:
        result.status = "gone" if exc.status in (404, 410) else "unreachable"
        result.detail = str(exc)
        return result
    except NoArticleError as exc:
        result.status, result.detail = "gone", str(exc)
        return result
    except ClipperError as exc:
        result.status, result.detail = "unreachable", str(exc)
        return result
    result.headline_now = article.title
    result.changes = compare_quotes(quoted_paragraphs(body), article.paragraphs)
    if result.changes:
        result.status = "quote-changed"
        result.detail = f"{len(result.changes)} quoted paragraph(s) no longer in the source"
    elif result.headline_then and article.title and normal(result.headline_then) != normal(article.title):
        result.status, result.detail = "headline-changed", "the headline changed"
    return result


def check_posts(
    posts: Iterable[PostInfo],
    options: FetchOptions,
    jobs: int = 8,
    report: Callable[[CheckResult], None] = lambda r: None,
) -> list[CheckResult]:
    """Check many posts: sources fetched concurrently and politely (batch's gates), extracted and
    compared in this thread (trafilatura is not thread-safe)."""
    from clipper.web.polite import PoliteGates

    gates = PoliteGates()
    todo = list(posts)
    results: list[CheckResult] = []
    pages: dict[str, Any] = {}

    def fetch_only(url: str) -> Any:
        try:
            return gates.fetch(url, options)
        except ClipperError as exc:
            return exc

    def from_cache(url: str) -> Any:
        found = pages[url]
        if isinstance(found, Exception):
            raise found
        return found

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        futures = {pool.submit(fetch_only, p.source_url): p for p in todo if p.source_url}
        for post in todo:
            if not post.source_url:
                results.append(check_one(post, from_cache))
                report(results[-1])
        for future in as_completed(futures):
            post = futures[future]
            pages[post.source_url] = future.result()  # type: ignore[index]
            results.append(check_one(post, from_cache))
            report(results[-1])
    return results


def record(result: CheckResult, when: datetime) -> None:
    """Write the check's date and status into the post's front matter, every other line untouched."""
    from clipper.posts.folder import replace_file, set_keys

    path = Path(result.path)
    text = path.read_text(encoding="utf-8")
    new = set_keys(text, {"checked": when, "check_status": result.status})
    replace_file(path, new)
