"""A post that may be wrong says so: doubts from extraction to the post's `review`, the batch, the
listing and `clipper review`, on pages the tests write (one for each kind of doubt, and clean ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, article_page
from siteserver import Site

runner = CliRunner()


def extracted(url: str) -> dict[str, object]:
    result = runner.invoke(app, ["extract", "--json", url])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def grabbed(url: str, *args: str) -> dict[str, object]:
    chosen = [] if "--pick" in args else ["--lead", "3"]
    result = runner.invoke(app, ["grab", url, *chosen, *args])
    assert result.exit_code == 0, result.stderr
    return parse(Path(result.stdout.strip()).read_text(encoding="utf-8"))[0]


CAPTION = "Jo Bloggs/Getty Images"
MET_ON = "The council first met on the plan on March 5, 2024, after a long wait for its budget."  # a date in the text
DOUBTFUL = {
    # the page, the settings, and the part of its post to review
    "caption on top": (article_page(paragraphs=[CAPTION, *PARAGRAPHS]), "", "lead"),
    "no headline": (article_page(title="", title_suffix=None).replace("<h1></h1>", ""), "", "headline"),
    "only an address": (article_page(site_name=None, title_suffix=None), "", "publication"),
    "an author nowhere in a byline": (
        article_page(author=None).replace("<footer>", '<footer><div class="author">Jane Doe</div>'),
        'attribution = "{author} for {site}:"',
        "author",
    ),
    "a date searched for": (
        article_page(published=None, paragraphs=[*PARAGRAPHS[:3], MET_ON, *PARAGRAPHS[3:]]),
        'attribution = "{site} reported on {date}:"',
        "date",
    ),
    "a longer stated body": (
        article_page(paragraphs=PARAGRAPHS[:4], ld={"@type": "NewsArticle", "articleBody": "\n".join(PARAGRAPHS)}),
        "",
        "body",
    ),
}


@pytest.mark.parametrize("kind", list(DOUBTFUL))
def test_each_kind_of_doubt_reaches_the_post(site: Site, isolated: Path, kind: str) -> None:
    page, setting, part = DOUBTFUL[kind]
    if setting:
        (isolated / "clipper.toml").write_text(f"[post]\n{setting}\n")
    url = site.page(f"/news/{kind.replace(' ', '-')}", page)
    doubts = extracted(url)["doubts"]
    assert part in {d["part"] for d in doubts}, doubts  # type: ignore[union-attr]
    assert all(d["reason"] for d in doubts)  # type: ignore[union-attr]
    # the lead passes over a block that looks like furniture: the doubt reaches a post that quotes it
    assert part in grabbed(url, *(["--pick", "1-3"] if part == "lead" else []))["review"]  # type: ignore[operator]


def test_the_settings_name_for_a_site_is_the_publication_and_no_doubt(site: Site, isolated: Path) -> None:
    """A page that names its publication only by its address: with the settings' name for the site,
    that name is the publication everywhere (extract, the post), and nothing is left to doubt."""
    page, _, _ = DOUBTFUL["only an address"]
    url = site.page("/news/named", page)
    assert "publication" in {d["part"] for d in extracted(url)["doubts"]}  # type: ignore[union-attr]
    (isolated / "clipper.toml").write_text('[sites]\n"127.0.0.1" = "The Loopback Times"\n')
    found = extracted(url)
    assert found["site_name"] == "The Loopback Times"
    assert "publication" not in {d["part"] for d in found["doubts"]}  # type: ignore[union-attr]
    post = grabbed(url)
    assert post["source_name"] == "The Loopback Times" and "publication" not in post.get("review", [])  # type: ignore[operator]


def test_the_lead_passes_over_furniture_on_top(site: Site) -> None:
    url = site.page("/news/captioned", article_page(paragraphs=[CAPTION, *PARAGRAPHS]))
    post = grabbed(url)
    assert post["quoted"] == "2-4", post
    assert "review" not in post


def test_a_byline_under_a_caption_is_marked(site: Site) -> None:
    """Furniture above the article, however many pieces: the byline after a photo's credit too."""
    url = site.page(
        "/news/credited", article_page(paragraphs=[CAPTION, "By Jane Doe, Senior Correspondent", *PARAGRAPHS])
    )
    blocks = extracted(url)["blocks"]
    assert [b["looks_like"] for b in blocks[:3]] == ["caption", "byline", None]  # type: ignore[index]


def test_an_address_for_a_headline_is_flagged(site: Site) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    url = site.page("/news/bare", f"<!DOCTYPE html><html><body><article>{paragraphs}</article></body></html>")
    post = grabbed(url)
    assert post["title"] == url and "headline" in post["review"]  # type: ignore[operator]


def test_a_clean_page_is_not_flagged(site: Site) -> None:
    url = site.page("/news/clean", article_page(canonical="/news/clean"))
    data = extracted(url)
    assert data["doubts"] == [] and all(b["looks_like"] is None for b in data["blocks"])  # type: ignore[union-attr]
    assert "review" not in grabbed(url)


@pytest.mark.parametrize(
    ("page", "day"),
    [
        (article_page(published=None, paragraphs=["Published March 5, 2024.", *PARAGRAPHS]), "2024-03-05"),
        (article_page(published="05/08/2014").replace('lang="en"', 'lang="en-GB"'), "2014-08-05"),
    ],
    ids=["a day shown under the headline", "a day-first statement"],
)
def test_a_stated_or_shown_date_is_no_doubt(site: Site, page: str, day: str) -> None:
    found = extracted(site.page("/news/dated", page))
    assert found["date"] == day
    assert "date" not in {d["part"] for d in found["doubts"]}  # type: ignore[union-attr]


def test_a_doubt_flags_only_the_parts_the_post_shows(site: Site, isolated: Path) -> None:
    """A doubtful paragraph the quote leaves out, a guessed date the attribution does not show: the post
    has nothing to review. Quoted, or shown, they are."""
    url = site.page("/news/late-caption", article_page(paragraphs=[*PARAGRAPHS[:4], CAPTION, PARAGRAPHS[4]]))
    assert "lead" in {d["part"] for d in extracted(url)["doubts"]}  # type: ignore[union-attr]
    assert "review" not in grabbed(url)
    assert grabbed(url, "--pick", "1-5", "--force")["review"] == ["lead"]
    page, setting, _ = DOUBTFUL["a date searched for"]
    undated = site.page("/news/undated", page)
    assert "review" not in grabbed(undated)  # "{site} reports:" shows no date
    (isolated / "clipper.toml").write_text(f"[post]\n{setting}\n")
    assert grabbed(undated, "--force")["review"] == ["date"]


def test_the_picker_marks_what_it_doubts_and_skips_furniture_in_the_default(site: Site) -> None:
    import io

    from rich.console import Console

    from clipper.cli.picker import Picker
    from clipper.extraction.extract import extract
    from clipper.web.page import Page

    html = article_page(paragraphs=[CAPTION, *PARAGRAPHS], site_name=None, title_suffix=None)
    article = extract(
        Page(
            url="https://news.example/a",
            final_url="https://news.example/a",
            content=html.encode(),
            text=html,
            encoding="utf-8",
        )
    )
    screen = io.StringIO()
    prompts: list[str] = []
    answers = iter(["", "", "The Courier", ""])
    picker = Picker(Console(file=screen, width=100), ask=lambda p: prompts.append(p) or next(answers))
    choice = picker.choose(article, article.lead(3))
    shown = screen.getvalue()
    assert "1 (4 w) caption? Jo Bloggs/Getty Images" in shown  # the block marked
    assert "publication? only the site's address names it" in shown  # the header line
    assert prompts[0] == "Quote [2-4]: "  # the default lead passes over the caption
    assert [q.number for q in choice.quotes] == [2, 3, 4] and choice.site_name == "The Courier"


def test_review_in_a_batch_the_listing_and_review_ok(site: Site, isolated: Path) -> None:
    doubtful = site.page("/news/caption", DOUBTFUL["caption on top"][0])
    clean = site.page("/news/clean", article_page(canonical="/news/clean"))
    result = runner.invoke(app, ["grab", "--json", "--pick", "1-3", doubtful, clean])
    assert result.exit_code == 0, result.stderr
    lines = {line["source"]: line for line in map(json.loads, result.stdout.splitlines())}
    assert lines[doubtful]["review"] == ["lead"] and lines[clean]["review"] == []
    assert "2 written (1 to review)" in result.stderr and "review: drafts/" in result.stderr
    listed = json.loads(runner.invoke(app, ["list", "--json", "--review"]).stdout)
    assert [row["source_url"] for row in listed] == [doubtful] and listed[0]["review"] == ["lead"]
    path = Path(str(listed[0]["path"]))
    before = path.read_text(encoding="utf-8").splitlines()
    assert runner.invoke(app, ["review", str(listed[0]["number"])]).stdout == "lead\n"
    result = runner.invoke(app, ["review", str(listed[0]["number"]), "--ok"])
    assert result.exit_code == 0
    after = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(before) if line.startswith("review"))
    end = next(i for i in range(start, len(before)) if before[i].rstrip().endswith("]"))
    assert before[:start] + before[end + 1 :] == after  # the key, over its lines, and no other line
    assert parse(path.read_text(encoding="utf-8"))[0].get("review") is None
    assert json.loads(runner.invoke(app, ["list", "--json", "--review"]).stdout) == []


def test_review_is_clippers_own_key(site: Site, isolated: Path) -> None:
    (isolated / "clipper.toml").write_text('[post.extra]\nreview = ["nothing"]\n')
    result = runner.invoke(app, ["grab", site.page("/news/a", article_page()), "--lead", "1"])
    assert result.exit_code == ExitCode.CONFIG and "cannot set review" in result.stderr
