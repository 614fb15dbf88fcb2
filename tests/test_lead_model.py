"""The learned lead, through the command line on pages the tests write: furniture no word list knows
taken out, a doubt where the model is unsure, a lead that ends at the next section, paragraphs run
together split as the page breaks them; and the training script, deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.extraction import lead
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, article_page
from siteserver import Site

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def extracted(url: str) -> dict[str, object]:
    result = runner.invoke(app, ["extract", "--json", url])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def grabbed(url: str, *args: str) -> tuple[dict[str, object], str]:
    result = runner.invoke(app, ["grab", url, *args])
    assert result.exit_code == 0, result.stderr
    front, body, _ = parse(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    return front, body


def test_a_line_set_as_a_paragraph_but_shaped_like_furniture_is_doubted(site: Site) -> None:
    """A dateline in capitals set as the article's paragraphs are: kept (the model takes out only what
    is set apart from them) but doubted, in the extraction and in the post that quotes it."""
    url = site.page("/news/dateline", article_page(paragraphs=["SPRINGFIELD", *PARAGRAPHS]))
    data = extracted(url)
    assert data["paragraphs"][0] == "SPRINGFIELD"  # type: ignore[index]
    assert {"part": "lead", "reason": "paragraph 1 may be page furniture", "block": 1} in data["doubts"]  # type: ignore[operator]
    front, _ = grabbed(url, "--pick", "1-3")
    assert front["review"] == ["lead"]


def test_a_clean_page_has_no_doubt_about_its_lead(site: Site) -> None:
    url = site.page("/news/clean", article_page())
    data = extracted(url)
    assert data["paragraphs"][:3] == PARAGRAPHS[:3]
    assert not [d for d in data["doubts"] if d["part"] == "lead"]  # type: ignore[union-attr,index]


def test_a_subhead_is_never_run_into_a_quoted_paragraph(site: Site) -> None:
    """A subhead set before a break in the paragraph it opens is a block of its own: the lead's
    paragraphs are the page's paragraphs, and the subhead is one of them, never part of one."""
    run_in = f"What happens next<br>{PARAGRAPHS[2]}"
    url = site.page(
        "/news/run-in", article_page(paragraphs=[*PARAGRAPHS[:2], run_in, *PARAGRAPHS[3:]], raw_paragraphs=True)
    )
    assert extracted(url)["paragraphs"][:4] == [*PARAGRAPHS[:2], "What happens next", PARAGRAPHS[2]]  # type: ignore[index]
    _, body = grabbed(url, "--lead", "2")
    assert "What happens next" not in body and PARAGRAPHS[1] in body


def test_paragraphs_run_together_are_split_where_the_page_breaks_them(site: Site) -> None:
    run_together = "<br>".join(PARAGRAPHS[:3])
    url = site.page("/news/one-p", article_page(paragraphs=[run_together, *PARAGRAPHS[3:]], raw_paragraphs=True))
    assert extracted(url)["paragraphs"][:4] == PARAGRAPHS[:4]  # type: ignore[index]
    front, _ = grabbed(url, "--lead", "3")
    assert front["quoted"] == "1-3"


def test_lines_of_another_shape_stay_lines_of_their_paragraph(site: Site) -> None:
    address = "The Town Hall<br>1 River Street<br>Springfield"
    url = site.page(
        "/news/address", article_page(paragraphs=[*PARAGRAPHS[:2], address, *PARAGRAPHS[2:]], raw_paragraphs=True)
    )
    assert "The Town Hall\n1 River Street\nSpringfield" in extracted(url)["paragraphs"]  # type: ignore[operator]


def test_the_shipped_model_is_data_read_in_plain_python() -> None:
    model = lead.model()
    assert model.trees and model.names
    assert 0 < model.drop_below < model.doubt_below < 1
    text = lead.MODEL.read_text(encoding="utf-8")
    assert "sklearn" not in text and "pickle" not in text


def _corpus(root: Path, name: str, pages: list[tuple[list[str], list[str]]]) -> Path:
    """A corpus in the page layout: a folder a page, its HTML (furniture, then the article) and its
    truth (the article)."""
    corpus = root / name
    for i, (furniture, paragraphs) in enumerate(pages):
        folder = corpus / f"{name}-{i}"
        folder.mkdir(parents=True)
        html = article_page(title=f"Story {i} of {name}", paragraphs=[*furniture, *paragraphs])
        (folder / "source.html").write_text(html, encoding="utf-8")
        truth = {"url": f"https://{name}.example/{i}", "body_paragraphs": paragraphs, "title": None}
        (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return corpus


@pytest.mark.slow
def test_training_is_deterministic_and_scores_each_corpus_left_out(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="the training extra: pip install '.[train]'")
    furniture = [["Share this article", "SPRINGFIELD"], [], ["Advertisement"], ["By Jane Doe"]]
    pages = [(lines, PARAGRAPHS[i % 3 :]) for i, lines in enumerate(furniture)]
    corpora = [_corpus(tmp_path, name, pages) for name in ("one", "two")]
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"model-{n}.json"
        result = subprocess.run(
            [sys.executable, str(ROOT / "training" / "train_lead.py"), *map(str, corpora), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert "one\n  rules" in result.stdout and "two\n  rules" in result.stdout
    model = lead.Model.from_dict(json.loads(outputs[0]))
    assert model.trees


def _item(position: int) -> dict[str, float]:
    """The features that matter to the verdict of a list item set apart above the article."""
    return {"kind:item": 1.0, "before_prose": 3 - position, "words": 2.0}


@pytest.mark.parametrize(("scores", "kept"), [([0.8, 0.2, 0.2], [3]), ([0.8, 0.7, 0.3], [0, 1, 2, 3])])
def test_a_list_is_judged_whole(scores: list[float], kept: list[int]) -> None:
    """A summary box goes whole and a list stays whole: its items by their mean score."""
    rows = [_item(i) for i in range(3)] + [{"kind:p": 1.0, "before_prose": 0, "same_signature": 1, "same_parent": 1}]
    assert lead.kept_blocks(rows, [*scores, 0.99], [False] * 4, 0.5) == kept
