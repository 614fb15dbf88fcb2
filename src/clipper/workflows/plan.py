"""What a grab is asked to do: the plan every post of a run shares, and which paragraphs it quotes
when nobody is asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.errors import UsageError
from clipper.posts import selection
from clipper.settings import Settings
from clipper.web.options import FetchOptions

if TYPE_CHECKING:
    from clipper.extraction.article import Article


@dataclass(frozen=True, kw_only=True)
class Selection:
    """Which paragraphs a grab quotes when nobody is asked: `pick` (like 1-3,5), the first `lead`,
    or `everything`; with none of them, the lead the settings give."""

    pick: str | None = None
    lead: int | None = None
    everything: bool = False

    def numbers(self, article: Article, default_lead: int, clamp: bool) -> list[int]:
        """The paragraphs to quote of `article`; its lead (Article.lead) unless a pick or all is asked."""
        if self.pick is None and not self.everything:
            return article.lead(self.lead or default_lead)
        return selection.choose(len(article.blocks), self.pick, self.everything, clamp=clamp)

    def check(self) -> None:
        """UsageError for a selection that no article can satisfy, before anything is fetched."""
        if sum(x is not None and x is not False for x in (self.pick, self.lead, self.everything or None)) > 1:
            raise UsageError("use only one of --pick, --lead and --all")
        if self.pick is not None:
            selection.parse(self.pick, 10_000)
        if self.lead is not None:
            selection.lead(self.lead, 1)


@dataclass(frozen=True, kw_only=True)
class GrabPlan:
    """What every post of a grab gets, single or batch."""

    settings: Settings
    folder: Path  # where posts are written
    selection: Selection = Selection()
    fetch: FetchOptions = field(default_factory=FetchOptions)
    force: bool = False  # grab a source again although a post quotes it
    clamp: bool = False  # a pick beyond an article's length quotes what there is (a batch)
    title: str | None = None
    created: datetime | None = None
    url: str | None = None  # the web address of a saved page
    dry_run: bool = False  # compose the post, write nothing
    note: str = ""  # the editor's own words, after the quote
    tags: tuple[str, ...] = ()

    @property
    def folders(self) -> list[Path]:
        """The posts folders a source may already be quoted in."""
        published = self.settings.published_dir
        return [self.folder, *([published] if published else [])]

    @property
    def keeps_snapshot(self) -> bool:
        """Whether the page is kept beside its post (never on a dry run, which writes nothing)."""
        return self.settings.post.snapshot and not self.dry_run
