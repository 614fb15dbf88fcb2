"""The picker page as a Chooser of the grab workflow. A page received goes through the grab's stages
up to the question (the duplicate checks, the extraction, the default lead) and is kept; the
curator's answer then runs the same stages to the end: the post composed with its warnings and review
flags, the snapshot of the HTML that was sent, and the draft written, never over another file."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from clipper.errors import UsageError
from clipper.extraction.article import Article
from clipper.serve.received import Sent, page_of
from clipper.text import tokens, word_count
from clipper.workflows.choice import Choice, Draft, quotes
from clipper.workflows.grab import Outcome, Pipeline
from clipper.workflows.loading import Clipping, Loaded
from clipper.workflows.plan import GrabPlan

KEEP = 16  # pages held for their picker at once; the oldest goes first


@dataclass(frozen=True, kw_only=True)
class Answer:
    """What the curator chose on the picker page."""

    numbers: tuple[int, ...]
    title: str = ""
    note: str = ""
    site_name: str | None = None  # the curator's name for the publication, when they changed it
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Preview:
    """The post as it will read: its headline, its Markdown body and the warnings about it."""

    title: str
    body: str
    warnings: tuple[str, ...]


class WebPicker:
    """The picker page's answer, given to the grab workflow as its Chooser: the post it makes is
    written at once, and kept as it will read for the page to show."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.preview: Preview | None = None

    def choose(self, article: Article, default: list[int], title: str = "", note: str = "") -> Choice:
        numbers = sorted(set(self.answer.numbers))
        if not numbers:
            raise UsageError("no paragraph ticked: tick the paragraphs to quote")
        outside = [n for n in numbers if not 1 <= n <= len(article.blocks)]
        if outside:
            raise UsageError(f"paragraph {outside[0]} is not in the article (1-{len(article.blocks)})")
        return Choice(
            quotes=quotes(article, numbers),
            title=self.answer.title.strip() or title,
            note=self.answer.note.strip() or note,
            site_name=(self.answer.site_name or "").strip() or None,
        )

    def confirm(self, draft: Draft) -> bool:
        self.preview = Preview(title=draft.post.title, body=draft.body, warnings=draft.warnings)
        return True


@dataclass(frozen=True, kw_only=True)
class Clip:
    """A page received, held until the curator writes it: the source it came from, the page and its
    article, the lead ticked by default and the paragraphs holding the selection."""

    id: str
    source: str
    clipping: Clipping
    default: tuple[int, ...]
    selected: tuple[int, ...]

    @property
    def article(self) -> Article:
        return self.clipping.article


@dataclass(frozen=True, kw_only=True)
class Written:
    outcome: Outcome
    preview: Preview


class Desk:
    """The pages received and not yet written, and the two steps from a page to a draft. One step
    runs at a time: the extractor is not thread-safe, and two writes of one page must see each other."""

    def __init__(self, plan: GrabPlan) -> None:
        self.plan = plan
        self.lock = threading.Lock()
        self._clips: OrderedDict[str, Clip] = OrderedDict()

    def get(self, clip_id: str) -> Clip | None:
        return self._clips.get(clip_id)

    def receive(self, sent: Sent) -> Clip:
        """Check, extract and hold a page sent from the browser; AlreadyDraftedError when a post already
        quotes it (by its address, its canonical address or its bytes), as a grab would say."""
        page = page_of(sent, self.plan.fetch.max_bytes)
        with self.lock:
            pipeline = Pipeline(self.plan)
            pipeline.claim(page.url)
            clipping = pipeline.clipper(Loaded(page=page))
            pipeline.claim_clipping(page.url, clipping)  # its canonical address and its bytes
            held = Clip(
                id=secrets.token_urlsafe(12),
                source=page.url,
                clipping=clipping,
                default=tuple(clipping.article.lead(self.plan.settings.post.lead)),
                selected=holding(clipping.article, sent.selection),
            )
            self._clips[held.id] = held
            while len(self._clips) > KEEP:
                self._clips.popitem(last=False)
            return held

    def write(self, held: Clip, answer: Answer) -> Written:
        """Write the draft the answer makes of a page held, through the grab workflow from its
        duplicate checks on; a page drafted meanwhile (by this picker or the command line) is refused."""
        plan = replace(self.plan, tags=tuple(dict.fromkeys((*self.plan.tags, *answer.tags))))
        picker = WebPicker(answer)
        with self.lock:
            pipeline = Pipeline(plan, picker)
            pipeline.claim(held.source)
            outcome = pipeline.write(held.source, held.clipping)
        if picker.preview is None:  # pragma: no cover - the workflow confirms every post it writes
            raise AssertionError("the post was written without being shown")
        return Written(outcome=outcome, preview=picker.preview)

    def view(self, held: Clip) -> dict[str, Any]:
        """What the picker page shows of a page held (JSON): its credits, its doubts, its blocks."""
        article = held.article
        doubted = {d.block for d in article.doubts if d.part == "lead" and d.block}
        style = self.plan.settings.post
        url = article.url or held.source
        return {
            "id": held.id,
            "url": url,
            "title": article.title or "",
            "site_name": article.site_name or "",
            "author": article.author or "",
            "date": article.date or "",
            "doubts": [{"part": d.part, "reason": d.reason, "block": d.block} for d in article.doubts],
            "blocks": [
                {
                    "kind": b.kind,
                    "text": b.text,
                    "words": word_count(b.text),
                    "looks_like": b.looks_like,
                    "doubted": n in doubted,
                }
                for n, b in enumerate(article.blocks, 1)
            ],
            "words": article.words,
            "lead": list(held.default),
            "selected": list(held.selected),
            "warn_share": style.warn_share,
            "warn_words": style.warn_words,
            "push": bool(self.plan.settings.wordpress.url),
            "folder": str(self.plan.folder),
        }


def holding(article: Article, selected: str) -> tuple[int, ...]:
    """The paragraphs that hold the text selected on the page (one selected in part counts), or none
    when the selection is not in the article. Each line of the selection is looked for in the blocks
    from the last one found on, so that a short line cannot pick a paragraph out of order."""
    pieces = [" ".join(tokens(line)) for line in selected.splitlines()]
    pieces = [p for p in pieces if p]
    if len(pieces) > 1:
        pieces = [p for p in pieces if p.count(" ") >= 2] or pieces  # three words or more say where they are
    texts = [" ".join(tokens(block.text)) for block in article.blocks]
    found: list[int] = []
    start = 0
    for piece in pieces:
        whole = False  # blocks found whole in this line: the next one may be too
        for i in range(start, len(texts)):
            if not texts[i]:
                continue
            if piece in texts[i]:
                found.append(i + 1)
                start = i
                break
            if texts[i] in piece:
                found.append(i + 1)
                start, whole = i, True
            elif whole:
                break
    return tuple(sorted(set(found)))
