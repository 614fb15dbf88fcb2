"""Where the article opens, learned: a trained model scores each of the first blocks as the
article's text or page furniture, from the features of lead_features.py; the blocks it is sure are
furniture go, and where it is unsure the lead is doubted.

The model is a data file (`data/lead_model.json`, written by `training/train_lead.py`) evaluated
here in plain Python: a sum of small decision trees.
"""

from __future__ import annotations

import functools
import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clipper.extraction.article import Block
from clipper.extraction.lead_features import LABEL_WORDS, Candidate, Page, features

MODEL = Path(__file__).parent / "data" / "lead_model.json"


@dataclass(frozen=True)
class Model:
    """Gradient-boosted decision trees over named features: P(the block is the article's text)."""

    names: tuple[str, ...]
    base: float
    rate: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]  # (feature, threshold, left, right, value)
    drop_below: float  # a block of the window scored under this is furniture
    doubt_below: float  # a block kept that scores under this makes the lead doubtful

    def score(self, row: dict[str, float]) -> float:
        x = [row.get(name, 0.0) for name in self.names]
        total = self.base
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                node = tree[node[2] if x[node[0]] <= node[1] else node[3]]
            total += self.rate * node[4]
        return 1.0 / (1.0 + math.exp(-total))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        return cls(
            names=tuple(data["features"]),
            base=float(data["base"]),
            rate=float(data["rate"]),
            trees=tuple(
                tuple((int(f), float(t), int(a), int(b), float(v)) for f, t, a, b, v in tree) for tree in data["trees"]
            ),
            drop_below=float(data["drop_below"]),
            doubt_below=float(data["doubt_below"]),
        )


@functools.cache
def model() -> Model:
    """The trained model, read once; CLIPPER_LEAD_MODEL names another file (a model trained on other
    pages, to score it on these)."""
    path = Path(os.environ.get("CLIPPER_LEAD_MODEL") or MODEL)
    return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Opening:
    """The article's blocks with the furniture of the window taken out, and those of the first
    kept that the model is not sure of (0-based, in `blocks`)."""

    blocks: list[Block]
    unsure: list[int]


DOUBTED_BLOCKS = 3  # a quote opens with these: the model's doubt about any of them is the lead's


def opening(candidates: list[Candidate], page: Page, judge: Model | None = None) -> Opening:
    """The article's blocks without the furniture the model finds among the first ones."""
    judge = judge or model()
    rows = features(candidates, page)
    scores = _Scores(judge, rows)
    kept = kept_blocks(rows, scores, [c.ruled_out for c in candidates], judge.drop_below)
    unsure = [n for n, i in enumerate(kept[:DOUBTED_BLOCKS]) if i < len(rows) and scores[i] < judge.doubt_below]
    return Opening([candidates[i].block for i in kept], unsure)


class _Scores:
    """The model's score of each row, worked out when asked for: most blocks of the window are set
    as the article's paragraphs are, and only the first of them are ever asked about."""

    def __init__(self, judge: Model, rows: list[dict[str, float]]) -> None:
        self.judge, self.rows = judge, rows
        self.known: dict[int, float] = {}

    def __getitem__(self, i: int) -> float:
        if i not in self.known:
            self.known[i] = self.judge.score(self.rows[i])
        return self.known[i]


def kept_blocks(
    rows: list[dict[str, float]], scores: _Scores | Sequence[float], ruled_out: list[bool], drop_below: float
) -> list[int]:
    """Which candidates stay. The rules' verdicts stand where they took a block out; the model takes
    out more, but only of what is set apart from the article's own paragraphs (see set_apart), and
    a list's items together (by their mean score): a summary box goes whole, a list stays whole."""
    listed = _lists(rows, scores)

    def stays(i: int) -> bool:
        if i >= len(rows) or not set_apart(rows[i]):
            return True
        return listed.get(i, scores[i]) >= drop_below

    kept = [i for i, out in enumerate(ruled_out) if not out and stays(i)]
    judged = set(range(len(rows)))
    kept = [i for i in kept if not (i + 1 in judged and i + 1 not in kept and _announces(rows[i]))]
    if rows and not any(i < len(rows) for i in kept):
        # all the rules kept scored as furniture: the likeliest text of them stays
        kept.insert(0, max((i for i in range(len(rows)) if not ruled_out[i]), key=scores.__getitem__))
    return kept


def _lists(rows: list[dict[str, float]], scores: _Scores | Sequence[float]) -> dict[int, float]:
    """The mean score of each run of list items, for each of its items."""
    found: dict[int, float] = {}
    i = 0
    while i < len(rows):
        end = i
        while end < len(rows) and rows[end].get("kind:item"):
            end += 1
        if end - i > 1:
            found.update(dict.fromkeys(range(i, end), sum(scores[k] for k in range(i, end)) / (end - i)))
        i = max(end, i + 1)
    return found


def _announces(row: dict[str, float]) -> bool:
    """True for a label that announces what follows it ("What you will need:"): it goes with it."""
    return bool(row.get("colon_end")) and row["words"] <= math.log1p(LABEL_WORDS)


def set_apart(row: dict[str, float]) -> bool:
    """True for a block set apart from the article's own paragraphs, which the model may take out:
    not a paragraph set as they are (the same element and class, in the same container), nor a
    subhead among them (a heading in their container, or after the first of them)."""
    if row.get("same_signature") and row.get("same_parent"):
        return False
    return not (row.get("kind:heading") and (row.get("same_parent") or row["before_prose"] < 0))
