"""One grab: from a source to a post written. A single grab runs the stages in one go; a batch runs
the same stages across threads and processes (batch.py), so both behave alike by construction.

    claim  -> is the source already drafted, or claimed by another source of this run?
    load   -> the page, fetched or read from a saved file; an archive capture, if asked for
    clip   -> the article extracted, and the page packed for its snapshot (CPU: a worker's)
    write  -> the paragraphs chosen (asked, or by the plan), the post composed and written
"""

from __future__ import annotations

import string
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from clipper.errors import AlreadyDraftedError, ArchiveUnavailable, ConfigError, DuplicateSource, UsageError
from clipper.posts import fragment, selection, snapshot
from clipper.posts.model import OWN_KEYS, Post, Quote, body, compose, save, share
from clipper.settings import Settings
from clipper.web.fetch import FetchOptions
from clipper.web.page import Page, load_file
from clipper.web.polite import PoliteGates
from clipper.web.urls import dedup_key, has_other_scheme, is_web_url, strip_tracking

if TYPE_CHECKING:
    from clipper.extraction.article import Article


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Choice:
    """What the editor chose in the picker: the quotes, the post's headline, and their own note."""

    quotes: tuple[Quote, ...]
    title: str
    note: str = ""
    site_name: str | None = None  # the editor's name for the publication, when they gave one


class Chooser(Protocol):
    """Asks a person which paragraphs to quote (the terminal's picker is one; a run without one never
    asks). Either method may raise Cancelled: nothing is written."""

    def choose(self, article: Article, default: list[int], title: str = "", note: str = "") -> Choice:
        """The quotes, headline and note, `default` being the lead the settings give, and `title` and
        `note` those the command gave (the defaults of the person's answers)."""

    def confirm(self, post: Post, body: str, warnings: tuple[str, ...]) -> bool:
        """Write this post (True), or choose again (False)? `body` is its Markdown body."""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Loaded:
    """A page as loaded, with what was learnt on the way."""

    page: Page
    archive_url: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clipping:
    """A page and the article extracted from it; `packed` is the page as its snapshot keeps it."""

    page: Page
    article: Article
    packed: bytes | None = None


@dataclass(frozen=True)
class Outcome:
    """How one source ended: `written` (its path; `text` on a dry run), `skipped` or `failed` (why)."""

    source: str
    status: str
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


def warm_extractor() -> None:
    """Import the extractor (trafilatura, lxml): CPU work that a fetch, mostly waiting on the
    network, can overlap. Its rules build what they need at first use, cheaply."""
    import clipper.extraction.extract  # noqa: F401


def clip(loaded: Loaded, keep_snapshot: bool) -> Clipping:
    """Extract the article of a loaded page (CPU work: a batch runs it in worker processes)."""
    from clipper.extraction.extract import extract

    page = loaded.page
    return Clipping(page, extract(page), snapshot.pack(page.content) if keep_snapshot else None)


class Pipeline:
    """The stages of a grab, sharing what a run knows: the sources already quoted and those claimed.
    `choose` asks a person which paragraphs to quote; without it the plan's selection decides."""

    def __init__(self, plan: GrabPlan, choose: Chooser | None = None) -> None:
        clash = sorted(OWN_KEYS & set(plan.settings.post.extra))
        if clash:
            where = plan.settings.origin("post.extra")
            raise ConfigError(f"{where}: post.extra: cannot set {', '.join(clash)}, which clipper writes itself")
        self.plan = plan
        self.choose = choose
        self.gates = PoliteGates()
        self.claims: dict[str, str] = {}  # normalised URL -> the source of this run that claimed it
        self._index: dict[str, str] | None = None
        self._dry_notes: list[str] = []  # a dry run says what the real one would refuse

    @property
    def index(self) -> dict[str, str]:
        """Normalised URL -> the post that already quotes it (read once, when first needed)."""
        if self._index is None:
            from clipper.posts.folder import source_index

            self._index = {} if self.plan.force else source_index(self.plan.folders)
        return self._index

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
        return self.write(source, loaded, clip(loaded, self.keeps_snapshot))

    @property
    def keeps_snapshot(self) -> bool:
        return self.plan.settings.post.snapshot and not self.plan.dry_run

    def claim(self, source: str) -> None:
        """Before fetching: refuse a source already quoted, or claimed by another source of this run."""
        check_source(source, self.plan)
        if is_web_url(source):
            self._claim(source, source)

    def _claim(self, url: str, source: str) -> None:
        """Refuse an article already quoted, or claimed by another source of this run."""
        self._take(
            dedup_key(url),
            source,
            "same article",
            lambda where, path: f"{url}: already {where} in {path} (use --force to draft it again)",
        )

    def _where(self, path: str) -> str:
        """ "published" for a post in the published folder, else "drafted"."""
        published = self.plan.settings.published_dir
        return "published" if published is not None and Path(path).parent == published else "drafted"

    def _refuse(self, error: AlreadyDraftedError) -> None:
        """Refuse a source a post already quotes; a dry run only says that the real run would."""
        if not self.plan.dry_run:
            raise error
        if not self._dry_notes:  # the first is enough: the link and its canonical address say the same
            self._dry_notes.append(f"{error} (a real run would stop here)")

    def _claim_page(self, sha256: str, source: str) -> None:
        """The same bytes are the same source, whatever address they came with (a page grabbed by
        its URL, then saved to a file and grabbed again)."""
        self._take(
            f"sha256:{sha256}",
            source,
            "same page",
            lambda where, path: f"{source}: the same page is already {where} in {path} (use --force)",
        )

    def _take(self, key: str, source: str, same: str, quoted: Callable[[str, str], str]) -> None:
        """Claim `key` for `source`: a duplicate of another source of this run, or refused when a post
        already quotes it (`quoted` words the refusal)."""
        claimed = self.claims.get(key)
        if claimed is not None and claimed != source:
            raise DuplicateSource(f"{same} as {claimed} in this batch")
        existing = self.index.get(key)
        if existing is not None:
            self._refuse(AlreadyDraftedError(quoted(self._where(existing), existing), existing))
        self.claims[key] = source

    def load(self, source: str) -> Loaded:
        return load(source, self.plan, self.gates)

    def write(self, source: str, loaded: Loaded, clipping: Clipping) -> Outcome:
        """Choose the paragraphs and write the post of one extracted source."""
        article, page = clipping.article, clipping.page
        url = article.url or page.final_url
        if not url:
            raise UsageError(f"{page.path}: the page does not say its address; give it with --url")
        self._claim(url, source)  # the canonical address may differ from the link
        self._claim_page(snapshot.digest(page.content), source)
        style = self.plan.settings.post
        while True:  # until the editor is content with the post (at once, without a picker)
            post = self.compose(clipping, self._choice(article), loaded.archive_url)
            warnings, notes = self._share_warnings(post), (*loaded.notes, *self._dry_notes)
            if self.choose is None or self.plan.dry_run or self.choose.confirm(post, body(post, style), warnings):
                break  # a dry run writes nothing: there is nothing to confirm
        if self.plan.dry_run:
            text = compose(post, style)
            return Outcome(source, "written", url, None, None, post.title, warnings, notes, post.review, text)
        if clipping.packed is not None:
            snapshot.keep(clipping.packed, post.content_sha256 or "", self.plan.folder)
        path = save(post, self.plan.folder, style)
        self.index[dedup_key(url)] = self.index[f"sha256:{post.content_sha256}"] = str(path)
        return Outcome(source, "written", url, str(path), None, post.title, warnings, notes, post.review)

    def _choice(self, article: Article) -> Choice:
        """What the post quotes: asked, or as the plan says."""
        plan = self.plan
        if self.choose is not None:
            return self.choose.choose(article, article.lead(plan.settings.post.lead), plan.title or "", plan.note)
        numbers = plan.selection.numbers(article, plan.settings.post.lead, plan.clamp)
        return Choice(quotes(article, numbers), plan.title or "", plan.note)

    def compose(self, clipping: Clipping, choice: Choice, archived: str | None) -> Post:
        """The post of the clipping's article that `choice` makes (nothing is written)."""
        article, page = clipping.article, clipping.page
        source_url = article.url or page.final_url
        sha256 = snapshot.digest(page.content)
        named = publication(source_url, None, self.plan.settings.sites)  # the settings' name for the site
        title = (choice.title or article.title or source_url).strip()
        return Post(
            title=title,
            created=self.plan.created or datetime.now().astimezone().replace(microsecond=0),
            source_url=source_url,
            quotes=choice.quotes,
            source_words=article.words,
            source_name=choice.site_name or named or article.site_name,
            source_title=article.title,
            source_author=article.author,
            source_date=article.date,
            fetched=page.fetched_at,
            fetch_status=page.status,
            final_url=page.final_url if page.status is not None else None,
            content_sha256=sha256,
            snapshot=snapshot.name_for(sha256) if clipping.packed is not None else None,
            archive_url=archived,
            opinion=article.opinion,
            note=choice.note.strip(),
            tags=self.plan.tags,
            review=to_review(
                article,
                choice,
                title == article.title or not choice.title,  # the page's headline, or its address for want of one
                named is None and not choice.site_name,
                self._shown(article),
            ),
            extra=dict(self.plan.settings.post.extra),
            language=article.language,
            resume=resumes_at(article, choice.quotes),
        )

    def _shown(self, article: Article) -> frozenset[str]:
        """The facts the post's attribution line shows: {site}, {author}, {date} in its template."""
        style = self.plan.settings.post
        template = style.attribution_opinion if article.opinion and article.author else style.attribution
        named = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        return frozenset({"site": "publication"}.get(name, name) for name in named)

    def _share_warnings(self, post: Post) -> tuple[str, ...]:
        """A warning (not an error) when a post quotes much of its source."""
        style = self.plan.settings.post
        part = share(post.quoted_words, post.source_words)
        if part <= style.warn_share and post.quoted_words <= style.warn_words:
            return ()
        limit = f"{style.warn_share:.0%}" if part > style.warn_share else f"{style.warn_words} words"
        return (f"quoting {post.quoted_words:,} of {post.source_words:,} words ({part:.0%}), over {limit}",)


def to_review(
    article: Article, choice: Choice, own_headline: bool, own_publication: bool, shown: frozenset[str] = frozenset()
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


def quotes(article: Article, numbers: list[int]) -> tuple[Quote, ...]:
    """The chosen blocks (1-based numbers) as quotes, in source order."""
    return tuple(Quote(n, article.blocks[n - 1].kind, article.blocks[n - 1].text) for n in sorted(set(numbers)))


def publication(url: str, found: str | None, site_names: dict[str, str] | None) -> str | None:
    """The publication's name: the settings' name for the URL's domain wins over the one found."""
    from clipper.extraction.sites import lookup

    return (lookup(url, site_names) if site_names and url else None) or found


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
        return Loaded(page)
    from clipper.web.archive import closest_capture  # asks with requests: only when a service is set

    try:
        captured = closest_capture(service, strip_tracking(page.final_url), plan.fetch.user_agent)
    except ArchiveUnavailable as exc:
        return Loaded(page, notes=(str(exc),))
    return Loaded(page, captured)


def extract_source(source: str, plan: GrabPlan) -> Article:
    """The article behind one source, as `clipper extract` shows it (the settings' site names applied)."""
    from dataclasses import replace

    check_source(source, plan)
    article = clip(load(source, plan), keep_snapshot=False).article
    return replace(article, site_name=publication(article.url, article.site_name, plan.settings.sites))
