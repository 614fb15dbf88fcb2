"""What the editor chooses, and who asks them: the quotes, the post's headline and their own note; the
post as it will read, to confirm; and the Chooser that asks (the terminal's picker and the web
picker are two; a run without one never asks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from clipper.posts.model import Post, Quote

if TYPE_CHECKING:
    from clipper.extraction.article import Article


@dataclass(frozen=True, kw_only=True)
class Choice:
    """What the editor chose: the quotes, the post's headline, and their own note."""

    quotes: tuple[Quote, ...]
    title: str
    note: str = ""
    site_name: str | None = None  # the editor's name for the publication, when they gave one


@dataclass(frozen=True, kw_only=True)
class Draft:
    """A post as it will be written: the post, its Markdown body, and the warnings about it (a quote
    that takes much of its source). What clipper doubts in it is `post.review`."""

    post: Post
    body: str
    warnings: tuple[str, ...] = ()

    @property
    def review(self) -> tuple[str, ...]:
        return self.post.review


class Chooser(Protocol):
    """Asks a person which paragraphs to quote. Either method may raise Cancelled: nothing is written."""

    def choose(self, article: Article, default: list[int], title: str = "", note: str = "") -> Choice:
        """The quotes, headline and note, `default` being the lead the settings give, and `title` and
        `note` those the command gave (the defaults of the person's answers)."""

    def confirm(self, draft: Draft) -> bool:
        """Write this post (True), or choose again (False)?"""


def quote(article: Article, number: int, text: str | None = None, *, edited: bool = False) -> Quote:
    """Block `number` (1-based) of `article` as a quote: its own text, or `text` cut from it by the
    editor (`edited`)."""
    block = article.blocks[number - 1]
    return Quote(number=number, kind=block.kind, text=block.text if text is None else text, edited=edited)


def quotes(article: Article, numbers: list[int]) -> tuple[Quote, ...]:
    """The chosen blocks (1-based numbers) as quotes, in source order."""
    return tuple(quote(article, n) for n in sorted(set(numbers)))
