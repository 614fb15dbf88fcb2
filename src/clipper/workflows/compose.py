"""A post composed from a clipped page and what the editor chose, as it will be written: the post,
its body, its warnings and what clipper doubts in it. Nothing is read or written here: the terminal's
picker, the web picker and a batch all compose through this one function."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from clipper.posts import fragment, snapshot
from clipper.posts.model import Post, Quote, attributed, body, share
from clipper.settings import PostSettings
from clipper.workflows.choice import Choice, Draft
from clipper.workflows.plan import GrabPlan

if TYPE_CHECKING:
    from clipper.extraction.article import Article
    from clipper.workflows.loading import Clipping


def compose(clipping: Clipping, choice: Choice, plan: GrabPlan) -> Draft:
    """The post that `choice` makes of the clipping's article, dated `plan.created` (or now)."""
    article, page = clipping.article, clipping.page
    style = plan.settings.post
    source_url = article.url or page.final_url
    sha256 = snapshot.digest(page.content)
    title = (choice.title or article.title or source_url).strip()
    post = Post(
        title=title,
        created=plan.created or datetime.now().astimezone().replace(microsecond=0),
        source_url=source_url,
        quotes=choice.quotes,
        source_words=article.words,
        source_name=choice.site_name or article.site_name,
        source_title=article.title,
        source_author=article.author,
        source_date=article.date,
        fetched=page.fetched_at,
        fetch_status=page.status,
        final_url=page.final_url if page.status is not None else None,
        content_sha256=sha256,
        snapshot=snapshot.name_for(sha256) if clipping.packed is not None else None,
        archive_url=clipping.archive_url,
        opinion=article.opinion,
        note=choice.note.strip(),
        tags=plan.tags,
        review=to_review(
            article,
            choice,
            own_headline=title == article.title or not choice.title,  # the page's, or its address for want of one
            own_publication=not choice.site_name,
            shown=attributed(style, article.opinion, article.author),
        ),
        extra=dict(style.extra),
        language=article.language,
        resume=resumes_at(article, choice.quotes),
    )
    return Draft(post=post, body=body(post, style), warnings=share_warnings(post, style))


def to_review(
    article: Article,
    choice: Choice,
    *,
    own_headline: bool,
    own_publication: bool,
    shown: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The parts of a post that may be wrong, as a reader sees it: the lead when a quoted paragraph is
    doubted (or the lead as a whole is and the quote opens the article), the headline and the
    publication when the post keeps the page's own, the author and the date when the attribution
    line shows them (`shown`), the body when doubted."""
    quoted = {q.number for q in choice.quotes}
    parts = []
    for doubt in article.doubts:
        if doubt.part == "lead" and (doubt.block in quoted if doubt.block else 1 in quoted):
            parts.append("lead")
        elif doubt.part == "headline" and own_headline:
            parts.append("headline")
        elif doubt.part == "publication" and own_publication:
            parts.append("publication")
        elif doubt.part == "body" or (doubt.part in ("author", "date") and doubt.part in shown):
            parts.append(doubt.part)
    return tuple(dict.fromkeys(parts))


def share_warnings(post: Post, style: PostSettings) -> tuple[str, ...]:
    """A warning (not an error) when a post quotes much of its source."""
    part = share(post.quoted_words, post.source_words)
    if part <= style.warn_share and post.quoted_words <= style.warn_words:
        return ()
    limit = f"{style.warn_share:.0%}" if part > style.warn_share else f"{style.warn_words} words"
    return (f"quoting {post.quoted_words:,} of {post.source_words:,} words ({part:.0%}), over {limit}",)


def resumes_at(article: Article, quoted: tuple[Quote, ...]) -> str:
    """The words where a reader of the post goes on in the source: the start of the first paragraph
    after the quote (a table's cells are no words a browser finds as written), or, when the quote
    ends the article, its own last words."""
    if not quoted:
        return ""
    last = max(q.number for q in quoted)
    after = [b for b in article.blocks[last:] if b.kind != "table"]
    if after:
        return fragment.first_words(after[0].text)
    ending = article.blocks[last - 1]
    return fragment.last_words(ending.text) if ending.kind != "table" else ""
