"""A source loaded and clipped: the page fetched or read from a saved file (and its capture in a web
archive, when the settings name one), then its article extracted, under the name the settings give
its publication. What `clipper extract` shows is this, and a grab goes on from here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.errors import ArchiveUnavailable, UsageError
from clipper.posts import snapshot
from clipper.web.page import Page, load_file
from clipper.web.polite import PoliteGates
from clipper.web.urls import has_other_scheme, is_web_url, strip_tracking
from clipper.workflows.plan import GrabPlan

if TYPE_CHECKING:
    from clipper.extraction.article import Article


@dataclass(frozen=True, kw_only=True)
class Loaded:
    """A page as loaded, with what was learnt on the way."""

    page: Page
    archive_url: str | None = None  # an existing capture in a web archive
    notes: tuple[str, ...] = ()  # about the run: a step skipped (the archive did not answer)


@dataclass(frozen=True, kw_only=True)
class Clipping:
    """A page loaded and the article extracted from it; `packed` is the page as its snapshot keeps it."""

    loaded: Loaded
    article: Article
    packed: bytes | None = None

    @property
    def page(self) -> Page:
        return self.loaded.page

    @property
    def archive_url(self) -> str | None:
        return self.loaded.archive_url


def check_source(source: str, plan: GrabPlan) -> None:
    """UsageError for a source clipper cannot load: another scheme than http(s), or a URL with --url."""
    if has_other_scheme(source):
        raise UsageError(f"{source}: only http and https URLs can be fetched")
    if source.lower().startswith(("http:", "https:")) and not is_web_url(source):
        raise UsageError(f"{source}: not a valid URL (its host or port)")
    if plan.url and is_web_url(source):
        raise UsageError("--url is for saved pages; the source is already a URL")
    if plan.url and not is_web_url(plan.url):
        raise UsageError(f"--url {plan.url}: not an http(s) URL")


def load(source: str, plan: GrabPlan, gates: PoliteGates | None = None) -> Loaded:
    """The page behind `source` (fetched, politely when `gates` are shared, or read from a saved
    file) and, when the settings name an archive service, its closest capture there."""
    if is_web_url(source):
        page = (gates or PoliteGates()).fetch(source, plan.fetch)
    else:
        page = load_file(Path(source), plan.url)
    service = plan.settings.archive.service
    if not service or not page.final_url:
        return Loaded(page=page)
    from clipper.web.archive import closest_capture  # asks with requests: only when a service is set

    try:
        captured = closest_capture(service, strip_tracking(page.final_url), plan.fetch.user_agent)
    except ArchiveUnavailable as exc:
        return Loaded(page=page, notes=(str(exc),))
    return Loaded(page=page, archive_url=captured)


def clip(loaded: Loaded, *, keep_snapshot: bool, sites: dict[str, str]) -> Clipping:
    """Extract the article of a loaded page under the publication name the settings' `sites` give
    (CPU work: a batch runs it in worker processes), and pack the page for its snapshot."""
    from clipper.extraction.extract import extract

    page = loaded.page
    article = named(extract(page), sites)
    return Clipping(loaded=loaded, article=article, packed=snapshot.pack(page.content) if keep_snapshot else None)


def named(article: Article, sites: dict[str, str]) -> Article:
    """The article under the settings' name for its site (`sites`, by domain), when they have one: the
    publication is then the editor's own, and no doubt. The one place where a publication is named
    for a post, the pickers and `clipper extract`."""
    if not sites or not article.url:
        return article
    from clipper.extraction.sites import lookup

    name = lookup(article.url, sites)
    if name is None:
        return article
    doubts = tuple(d for d in article.doubts if d.part != "publication")
    return replace(article, site_name=name, doubts=doubts)


def extract_source(source: str, plan: GrabPlan) -> Article:
    """The article behind one source, as `clipper extract` shows it."""
    check_source(source, plan)
    return clip(load(source, plan), keep_snapshot=False, sites=plan.settings.sites).article


def warm_extractor() -> None:
    """Import the extractor (trafilatura, lxml): CPU work that a fetch, mostly waiting on the
    network, can overlap. Its rules build what they need at first use, cheaply."""
    import clipper.extraction.extract  # noqa: F401
