"""How far the lead's review flag can be trusted on a corpus with body truth only (scrapinghub).

A post quoting the first N paragraphs is wrong when the evaluation harness says the extracted lead
is (its per-page `lead3`); it is flagged when clipper's review of that post names the lead. The
harness's JSON output says which leads are right; clipper's extraction runs here, in one process,
on the same pages, and the post's review is what a grab with `--lead N` would write.

    python ../shared/eval/eval_extract.py --corpus ../shared/corpus/scrapinghub \
        --cmd '.venv/bin/clipper extract --json {path} --url {url}' --jobs 2 --json-out eval.json
    python benchmarks/review_flags.py ../shared/corpus/scrapinghub eval.json [--lead 3]

Prints the two figures the review flags are judged by (targets: at least 70% of wrong posts
flagged, at most 15% of right posts), and the flagged pages with their reasons.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from clipper.errors import ClipperError
from clipper.extraction.extract import extract
from clipper.web.page import Page, decode_html
from clipper.workflows.choice import Choice, quotes
from clipper.workflows.compose import to_review


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus in the benchmark layout (ground-truth.json, html/)")
    parser.add_argument("eval_json", type=Path, help="the harness's --json-out for clipper on that corpus")
    parser.add_argument("--lead", type=int, default=3)
    args = parser.parse_args()
    verdicts = {p["name"]: bool(p["scores"]["lead3"]) for p in json.loads(args.eval_json.read_text())["pages"]}
    truth = json.loads((args.corpus / "ground-truth.json").read_text())
    counts = {True: [0, 0], False: [0, 0]}  # lead right? -> [flagged, all]
    flagged = []
    for name, right in sorted(verdicts.items()):
        data = gzip.decompress((args.corpus / "html" / f"{name}.html.gz").read_bytes())
        url = truth.get(name, {}).get("url") or ""
        try:
            article = extract(Page(url=url, final_url=url, content=data, text=decode_html(data)[0], encoding=""))
        except ClipperError:
            article = None
        chosen = quotes(article, list(range(1, min(args.lead, len(article.blocks)) + 1))) if article else ()
        choice = Choice(quotes=chosen, title="")
        doubted = article is None or "lead" in to_review(article, choice, own_headline=True, own_publication=True)
        counts[right][0] += doubted
        counts[right][1] += 1
        if doubted:
            reasons = "; ".join(d.reason for d in article.doubts if d.part == "lead") if article else "no article"
            flagged.append(f"  {'right' if right else 'WRONG'} {name[:16]}: {reasons}")
    print("\n".join(flagged))
    (wf, wn), (rf, rn) = counts[False], counts[True]
    print(
        f"review flags (lead, --lead {args.lead}): {wf}/{wn} wrong posts flagged ({wf / max(wn, 1):.0%}), "
        f"{rf}/{rn} right posts flagged ({rf / max(rn, 1):.0%}); targets: at least 70%, at most 15%"
    )


if __name__ == "__main__":
    main()
