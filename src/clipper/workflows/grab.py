"""One grab: from a source to a post written. A single grab runs the stages in one go; a batch runs
the same stages across threads and processes (batch.py), so both behave alike by construction.

    claim    -> is the source already drafted, or claimed by another source of this run? (claims.py)
    load     -> the page, fetched or read from a saved file; an archive capture, if asked for
    clip     -> the article extracted, and the page packed for its snapshot (CPU: a worker's)
    choose   -> the paragraphs, headline and note: asked (choice.py), or as the plan says (plan.py)
    compose  -> the post as it will be written, with its warnings and doubts (compose.py)
    save     -> the snapshot kept and the post written, never over another file
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from clipper.errors import AlreadyDraftedError, ClipperError, ConfigError, DuplicateSource, ExitCode, UsageError
from clipper.posts import model, snapshot
from clipper.posts.model import OWN_KEYS
from clipper.web.polite import PoliteGates
from clipper.web.urls import is_web_url
from clipper.workflows.choice import Choice, Chooser, Draft, quotes
from clipper.workflows.claims import Claims
from clipper.workflows.compose import compose
from clipper.workflows.loading import Clipping, Loaded, check_source, clip, load, warm_extractor
from clipper.workflows.plan import GrabPlan

Status = Literal["written", "skipped", "failed"]


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """How one source ended: `written` (its path; `text` on a dry run), `skipped` or `failed` (why)."""

    source: str
    status: Status
    url: str | None = None
    path: str | None = None
    error: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()  # about the post: it quotes much of its source
    notes: tuple[str, ...] = ()  # about the run: a step skipped (the archive did not answer)
    review: tuple[str, ...] = ()  # the parts of the post clipper doubts
    text: str | None = None
    code: int = 0  # the exit code a single source ends with (a skipped source's too: 7, already drafted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "status": self.status,
            "path": self.path,
            "error": self.error,
            "review": list(self.review),
        }


def ended(source: str, error: Exception) -> Outcome:
    """The outcome of a source that a stage refused: skipped when a post or another source has it,
    failed otherwise (an error that is not clipper's is a bug in handling one page, named as such)."""
    if not isinstance(error, ClipperError):
        message = f"{source}: {type(error).__name__}: {error}"
        return Outcome(source=source, status="failed", error=message, code=int(ExitCode.ERROR))
    url, code = (source if is_web_url(source) else None), int(error.exit_code)
    if isinstance(error, AlreadyDraftedError):
        url = _recorded_url(error.path) or url
        return Outcome(source=source, status="skipped", url=url, path=error.path, error="already drafted", code=code)
    status: Status = "skipped" if isinstance(error, DuplicateSource) else "failed"
    return Outcome(source=source, status=status, url=url, error=str(error), code=code)


def _recorded_url(path: str) -> str | None:
    """The article's address as the post that already quotes it records it (its `source_url`)."""
    from clipper.posts.postfile import read, recorded

    try:
        found = recorded(read(Path(path)).meta, "source_url")
    except ClipperError:  # the post went, or broke, meanwhile: the source's own address will do
        return None
    return found if isinstance(found, str) else None


class Pipeline:
    """The stages of a grab, sharing what a run knows: the sources already quoted and those claimed.
    `chooser` asks a person which paragraphs to quote; without one the plan's selection decides."""

    def __init__(self, plan: GrabPlan, chooser: Chooser | None = None) -> None:
        clash = sorted(OWN_KEYS & set(plan.settings.post.extra))
        if clash:
            where = plan.settings.origin("post.extra")
            raise ConfigError(f"{where}: post.extra: cannot set {', '.join(clash)}, which clipper writes itself")
        self.plan = plan
        self.chooser = chooser
        self.gates = PoliteGates()
        self.claims = Claims(plan.folders, plan.settings.published_dir, force=plan.force, dry_run=plan.dry_run)

    def grab(self, source: str) -> Outcome:
        """One source, start to end, in this thread; a ClipperError ends it."""
        self.claim(source)
        warm = None
        if is_web_url(source) and "clipper.extraction.extract" not in sys.modules:
            # Importing the extractor (trafilatura, lxml) costs about 150 ms of CPU while a fetch
            # mostly waits on the network: overlap the two.
            warm = threading.Thread(target=warm_extractor, daemon=True)
            warm.start()
        try:
            loaded = self.load(source)
        finally:
            if warm is not None:
                warm.join()
        return self.write(source, self.clipper(loaded))

    def claim(self, source: str) -> None:
        """Before fetching: refuse a source already quoted, or claimed by another source of this run."""
        check_source(source, self.plan)
        if is_web_url(source):
            self.claims.article(source, source)

    def load(self, source: str) -> Loaded:
        return load(source, self.plan, self.gates)

    @property
    def clipper(self) -> Callable[[Loaded], Clipping]:
        """The clip stage as this plan runs it: a plain function of the loaded page, which a worker
        process can run."""
        return partial(clip, keep_snapshot=self.plan.keeps_snapshot, sites=self.plan.settings.sites)

    def write(self, source: str, clipping: Clipping) -> Outcome:
        """Choose the paragraphs, compose the post of one clipped source, and write it."""
        url = self.claim_clipping(source, clipping)
        plan = self.plan
        while True:  # until the editor is content with the post (at once, without a chooser)
            draft = compose(clipping, self.choose(clipping), plan)
            if self.chooser is None or plan.dry_run or self.chooser.confirm(draft):
                break  # a dry run writes nothing: there is nothing to confirm
        post = draft.post
        if plan.dry_run:
            text, path = model.compose(post, plan.settings.post), None
        else:
            text, path = None, str(self.save(draft, clipping))
        return Outcome(
            source=source,
            status="written",
            url=url,
            path=path,
            title=post.title,
            warnings=draft.warnings,
            notes=(*clipping.loaded.notes, *self.claims.notes),
            review=draft.review,
            text=text,
        )

    def claim_clipping(self, source: str, clipping: Clipping) -> str:
        """After extraction: claim the article's own address (its canonical one may differ from the
        link) and the page's bytes for `source`; returns the address the post records."""
        article, page = clipping.article, clipping.page
        url = article.url or page.final_url
        if not url:
            raise UsageError(f"{page.path}: the page does not say its address; give it with --url")
        self.claims.article(url, source)
        self.claims.page(snapshot.digest(page.content), source)
        return url

    def choose(self, clipping: Clipping) -> Choice:
        """What the post quotes: asked, or as the plan says."""
        article, plan = clipping.article, self.plan
        if self.chooser is not None:
            default = article.lead(plan.settings.post.lead)
            return self.chooser.choose(article, default, plan.title or "", plan.note)
        numbers = plan.selection.numbers(article, plan.settings.post.lead, plan.clamp)
        return Choice(quotes=quotes(article, numbers), title=plan.title or "", note=plan.note)

    def save(self, draft: Draft, clipping: Clipping) -> Path:
        """Keep the page's snapshot and write the post (never over another file); the run knows its
        source as drafted from now on."""
        post = draft.post
        sha256 = post.content_sha256 or ""
        if clipping.packed is not None:
            snapshot.keep(clipping.packed, sha256, self.plan.folder)
        path = model.save(post, self.plan.folder, self.plan.settings.post)
        self.claims.drafted(post.source_url, sha256, path)
        return path
