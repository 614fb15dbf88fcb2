"""Train the lead model (src/clipper/extraction/data/lead_model.json) on corpora of saved pages with
their article text as truth, and score it leave-one-corpus-out.

    pip install -e '.[train]'
    python training/train_lead.py ../shared/corpus/scrapinghub ../shared/corpus/readability ../shared/corpus/fundus

reads every page (the layouts of `../shared/eval/README.md`: `ground-truth.json` with `html/`, or a
folder a page with `source.html[.gz]` and `truth.json`), labels each of the first blocks clipper's
rules find (`lead_features.WINDOW`) as the article's text or not, prints for each corpus its lead3 and clean5
with the rules alone and with a model trained on the other corpora, and writes the model trained
on all of them. The same pages give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clipper.extraction import extract, lead, lead_features
from clipper.web.page import Page, decode_html
from clipper.web.urls import host

from scoring import Truth, clean5, lead3, lines_of  # beside this script

SEED = 0
MIN_SITES = 4  # a class word becomes a feature when the pages of this many sites use it


@dataclass
class Sample:
    corpus: str
    name: str
    site: str
    truth: Truth
    blocks: list[str]  # the candidates of the window and a few blocks after it
    ruled_out: list[bool]  # which of them the rules took out
    rows: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)


def load_pages(root: Path) -> list[tuple[str, bytes, str, dict[str, Any]]]:
    """(name, bytes, url, truth) of every page of a corpus, in name order."""
    pages = []
    for truth_file in sorted(root.rglob("ground-truth.json")):
        for key, item in sorted(json.loads(truth_file.read_text(encoding="utf-8")).items()):
            path = truth_file.parent / "html" / f"{key}.html.gz"
            body = (item.get("articleBody") or "").split("\n")
            pages.append((key, _read(path), item.get("url") or "", {"body_paragraphs": body}))
    for truth_file in sorted(root.rglob("truth.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if "body_paragraphs" not in truth:
            continue
        source = next(
            p for p in (truth_file.parent / "source.html", truth_file.parent / "source.html.gz") if p.exists()
        )
        pages.append((truth_file.parent.name, _read(source), truth.get("url") or "", truth))
    return pages


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def sample(corpus: str, name: str, data: bytes, url: str, truth: dict[str, Any]) -> Sample | None:
    text, encoding = decode_html(data)
    try:
        reading = extract.read(Page(url=url, final_url=url, content=data, text=text, encoding=encoding))
    except Exception as exc:  # a page the rules find no article on teaches nothing about its lead
        print(f"  {corpus}/{name}: {type(exc).__name__}", file=sys.stderr)
        return None
    known = Truth.of(truth)
    candidates = reading.blocks[: lead_features.window(reading.blocks) + 5]
    found = Sample(
        corpus, name, host(url), known, [c.block.text for c in candidates], [c.ruled_out for c in candidates]
    )
    found.rows = lead_features.features(
        reading.blocks, lead_features.Page(reading.tree, reading.credits, reading.clues)
    )
    for text in found.blocks[: len(found.rows)]:
        lines = lines_of([text])
        found.labels.append(int(bool(lines) and all(known.holds(line) for line in lines)))
        # a standfirst the truth may or may not count as the opening teaches nothing either way
        found.weights.append(0.0 if known.summary and any(known.is_summary(line) for line in lines) else 1.0)
    return found


def vocabulary(samples: list[Sample]) -> list[str]:
    """The feature names: every name the rows use, class words only where pages of MIN_SITES sites
    use them (a word one site uses is that site's, not the web's)."""
    sites: dict[str, set[str]] = {}
    names: set[str] = set()
    for s in samples:
        for row in s.rows:
            for key in row:
                if key.startswith("class:"):
                    sites.setdefault(key, set()).add(s.site)
                else:
                    names.add(key)
    return sorted(names | {k for k, v in sites.items() if len(v) >= MIN_SITES})


def fit(samples: list[Sample], drop_below: float, doubt_below: float) -> dict[str, Any]:
    """A model trained on `samples`, as the data file holds it."""
    from sklearn.ensemble import GradientBoostingClassifier

    names = vocabulary(samples)
    x, y, w = [], [], []
    per_corpus = Counter(s.corpus for s in samples for _ in s.rows)
    for s in samples:
        for row, label, weight in zip(s.rows, s.labels, s.weights, strict=True):
            x.append([row.get(n, 0.0) for n in names])
            y.append(label)
            w.append(weight / per_corpus[s.corpus] * 1000)  # each corpus weighs the same
    if len({label for label, weight in zip(y, w, strict=True) if weight}) < 2:
        raise SystemExit("train_lead: the pages give no furniture, or no article text, to learn from")
    booster = GradientBoostingClassifier(
        n_estimators=150, learning_rate=0.1, max_depth=3, min_samples_leaf=8, subsample=1.0, random_state=SEED
    )
    booster.fit(x, y, sample_weight=w)
    return export(booster, names, drop_below, doubt_below)


def export(booster: Any, names: list[str], drop_below: float, doubt_below: float) -> dict[str, Any]:
    """The trees as lists of (feature, threshold, left, right, value) nodes; a leaf's feature is -1."""
    import numpy as np

    prior = booster.init_.class_prior_[1]
    trees = []
    for (estimator,) in booster.estimators_:
        t = estimator.tree_
        leaf = t.children_left < 0
        trees.append(
            [
                [
                    -1 if leaf[i] else int(t.feature[i]),
                    _round(t.threshold[i]),
                    int(t.children_left[i]),
                    int(t.children_right[i]),
                    _round(t.value[i][0][0]),
                ]
                for i in range(t.node_count)
            ]
        )
    return {
        "about": "clipper's lead model: gradient-boosted trees over the features of extraction/lead.py",
        "features": names,
        "base": _round(float(np.log(prior / (1 - prior)))),
        "rate": booster.learning_rate,
        "trees": trees,
        "drop_below": drop_below,
        "doubt_below": doubt_below,
    }


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def apply(model: lead.Model, s: Sample) -> list[str]:
    """The sample's blocks as the model leaves them."""
    scores = [model.score(row) for row in s.rows]
    kept = lead.kept_blocks(s.rows, scores, s.ruled_out, model.drop_below)
    return [s.blocks[i] for i in kept]


def report(label: str, samples: list[Sample], model: lead.Model | None) -> dict[str, float]:
    """lead3 and clean5 of the samples, by the rules alone or with the model."""
    l3 = c5 = 0
    for s in samples:
        blocks = apply(model, s) if model else [t for t, out in zip(s.blocks, s.ruled_out, strict=True) if not out]
        lines = lines_of(blocks)
        l3 += lead3(lines, s.truth)
        c5 += clean5(lines, s.truth)
    n = len(samples) or 1
    figures = {"lead3": l3 / n, "clean5": c5 / n}
    print(f"  {label:<34} lead3 {figures['lead3']:.3f}  clean5 {figures['clean5']:.3f}  ({len(samples)} pages)")
    return figures


FOLDS = 5


def by_site(samples: list[Sample], corpus: str, drop_below: float, doubt_below: float) -> None:
    """Score `corpus` as pages of sites the model has not seen: its sites in FOLDS folds (in a fixed
    order by name), each scored with a model trained on the other corpora and the other folds."""
    sites = sorted({s.site for s in samples if s.corpus == corpus})
    held: list[Sample] = []
    models: dict[int, lead.Model] = {}
    for fold in range(FOLDS):
        left = set(sites[fold::FOLDS])
        train = [s for s in samples if s.corpus != corpus or s.site not in left]
        models[fold] = lead.Model.from_dict(fit(train, drop_below, doubt_below))
        held += [s for s in samples if s.corpus == corpus and s.site in left]
    print(f"{corpus}, its sites left out {FOLDS} folds at a time")
    report("rules", held, None)
    l3 = c5 = 0
    for s in held:
        lines = lines_of(apply(models[sites.index(s.site) % FOLDS], s))
        l3 += lead3(lines, s.truth)
        c5 += clean5(lines, s.truth)
    n = len(held) or 1
    print(f"  {'model trained without its site':<34} lead3 {l3 / n:.3f}  clean5 {c5 / n:.3f}  ({len(held)} pages)")


def read_samples(corpora: list[Path]) -> list[Sample]:
    samples = []
    for root in corpora:
        print(f"reading {root}", file=sys.stderr)
        for name, data, url, truth in load_pages(root):
            found = sample(root.name, name, data, url, truth)
            if found:
                samples.append(found)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus folders")
    parser.add_argument("--out", type=Path, default=lead.MODEL, help="where the model trained on all corpora goes")
    parser.add_argument("--drop-below", type=float, default=0.5)
    parser.add_argument("--doubt-below", type=float, default=0.7)
    parser.add_argument("--loco-out", type=Path, help="a folder for the models trained leaving one corpus out")
    parser.add_argument("--cache", type=Path, help="keep the pages' features in this file, and read them from it")
    parser.add_argument(
        "--by-site", metavar="CORPUS", help="also score CORPUS site by site: its sites in five folds, each left out"
    )
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        samples = pickle.loads(args.cache.read_bytes())
    else:
        samples = read_samples(args.corpora)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(samples))
    corpora = [root.name for root in args.corpora]
    print("leave one corpus out: the rules alone, and a model trained on the other corpora")
    for left in corpora:
        test = [s for s in samples if s.corpus == left]
        data = fit([s for s in samples if s.corpus != left], args.drop_below, args.doubt_below)
        if args.loco_out:
            args.loco_out.mkdir(parents=True, exist_ok=True)
            (args.loco_out / f"without-{left}.json").write_text(json.dumps(data), encoding="utf-8")
        print(left)
        report("rules", test, None)
        report("model trained without it", test, lead.Model.from_dict(data))
    if args.by_site:
        by_site(samples, args.by_site, args.drop_below, args.doubt_below)
    data = fit(samples, args.drop_below, args.doubt_below)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(data['trees'])} trees, {len(data['features'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
