"""How far the attribution's review flags can be trusted on a corpus with metadata truth
(readability: publication, author, date; fundus: date).

An attribution is wrong when the evaluation harness says the extracted publication, author or date
is (its per-page `meta` scores); it is flagged when clipper's `doubts` name that part
("publication", "author", "date"), as `extract --json` gives them and a post's `review` carries
them. The harness's JSON output says which are right; clipper's extraction runs here, in one
process, on the same pages.

    python ../shared/eval/eval_extract.py --corpus ../shared/corpus/readability \
        --cmd '.venv/bin/clipper extract --json {path} --url {url}' --jobs 2 --json-out eval.json
    python benchmarks/attribution_flags.py ../shared/corpus/readability eval.json

Prints, for each part with truth, the wrong values flagged and the right values flagged (the aim:
at least 70% of wrong attributions flagged, few right ones), then the pages behind the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from clipper.errors import ClipperError
from clipper.extraction.extract import extract
from clipper.web.page import Page, decode_html

PARTS = {"site_name": "publication", "author": "author", "date": "date"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus in the page layout (<page>/source.html[.gz], truth.json)")
    parser.add_argument("eval_json", type=Path, help="the harness's --json-out for clipper on that corpus")
    args = parser.parse_args()
    pages = json.loads(args.eval_json.read_text())["pages"]
    counts = {part: {True: [0, 0], False: [0, 0]} for part in PARTS.values()}  # right? -> [flagged, all]
    notes = []
    for page in pages:
        scored = {PARTS[f]: v for f, v in page["scores"].get("meta", {}).items() if f in PARTS and v and v["truth"]}
        if not scored:
            continue
        folder = args.corpus / "pages" / page["name"]
        source = next((folder / n for n in ("source.html", "source.html.gz") if (folder / n).exists()), None)
        if source is None:
            continue
        data = source.read_bytes()
        data = gzip.decompress(data) if source.suffix == ".gz" else data
        url = page.get("url") or ""
        try:
            article = extract(Page(url=url, final_url=url, content=data, text=decode_html(data)[0], encoding=""))
            doubts = {d.part: d.reason for d in article.doubts}
        except ClipperError:
            doubts = dict.fromkeys(PARTS.values(), "no article")
        for part, verdict in scored.items():
            right, flagged = bool(verdict["ok"]), part in doubts
            counts[part][right][0] += flagged
            counts[part][right][1] += 1
            if flagged or not right:
                why = f" ({doubts[part]})" if flagged else ""
                notes.append(
                    f"  {'right' if right else 'WRONG'} {'flagged' if flagged else 'unflagged'} {page['name'][:32]} "
                    f"{part}: {verdict['pred']!r} (truth {verdict['truth']!r}){why}"
                )
    print("\n".join(notes))
    wrong = [0, 0]
    for part, by in counts.items():
        (wf, wn), (rf, rn) = by[False], by[True]
        wrong = [wrong[0] + wf, wrong[1] + wn]
        if wn + rn:
            print(f"{part}: {wf}/{wn} wrong flagged, {rf}/{rn} right flagged")
    print(f"attribution: {wrong[0]}/{wrong[1]} wrong values flagged ({wrong[0] / max(wrong[1], 1):.0%})")


if __name__ == "__main__":
    main()
