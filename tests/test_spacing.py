"""Text at block boundaries keeps its space: a kicker over its headline, a name over the next line,
blocks of a paragraph set apart by the page's markup, in the body and in every metadata field
(`clipper extract --json`); and the helper that does it, on its own."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html
from typer.testing import CliRunner

from clipper.cli import app
from clipper.extraction.spacing import block_text, separate_blocks, text_lines

from pages import PARAGRAPHS, TITLE, article_page
from siteserver import Site

runner = CliRunner()


def extracted(site: Site, page: str) -> dict[str, object]:
    result = runner.invoke(app, ["extract", "--json", site.page("/news/a", page)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_kicker_set_as_a_block_over_its_headline(site: Site, isolated: Path) -> None:
    page = article_page().replace(f"<h1>{TITLE}</h1>", f'<h1><span style="display:block">Local news</span>{TITLE}</h1>')
    assert extracted(site, page)["title"] == TITLE


def test_a_byline_s_lines_are_not_one_name(site: Site, isolated: Path) -> None:
    byline = '<div class="byline"><div>Jane Doe</div><div>The Daily Post</div><div>Dec. 5, 2024</div></div>'
    assert extracted(site, article_page(author=None, before_body=byline))["author"] == "Jane Doe"


def test_the_body_s_blocks_keep_their_words_apart(site: Site, isolated: Path) -> None:
    """A label set as a block in the first paragraph's box, and a paragraph that sets its second
    half as a block, on a page without white space between its elements."""
    first, second = PARAGRAPHS[3], PARAGRAPHS[4]
    body = (
        f'<div><span style="display:block">Local news</span>{PARAGRAPHS[0]}</div><div>{PARAGRAPHS[1]}</div>'
        f'<div>{PARAGRAPHS[2]}</div><p>{first}<span style="display:block">{second}</span></p><p>{PARAGRAPHS[5]}</p>'
    )
    page = article_page(paragraphs=["-"]).replace("<p>-</p>", body)
    text = "\n".join(extracted(site, page)["paragraphs"])  # type: ignore[arg-type]
    assert f"Local news {PARAGRAPHS[0]}" in text and f"{first} {second}" in text
    assert "newsThe" not in text and "weeks.Residents" not in text


def test_lines_of_an_element_as_a_reader_sees_them() -> None:
    node = lxml_html.fromstring(
        "<div>By <a href='/jane'>Jane</a> <b>Doe</b><div>The Daily Post</div>Dec. 5<br>2024"
        "<p style='display: block'>Share</p><script>var a = 1;</script></div>"
    )
    assert text_lines(node) == ["By Jane Doe", "The Daily Post", "Dec. 5", "2024", "Share"]
    assert block_text(node) == "By Jane Doe The Daily Post Dec. 5 2024 Share"


def test_blocks_set_apart_in_the_page_once_listings_as_they_are() -> None:
    tree = lxml_html.fromstring(
        "<html><body><header><span>Local news</span><h1>Headline</h1></header><p>One<br>two</p>"
        "<ul><li>First</li><li>Second</li></ul><pre><code><div>int a;</div><div>int b;</div></code></pre></body></html>"
    )
    separate_blocks(tree)
    body = tree.find("body")
    assert " ".join(body.find("header").text_content().split()) == "Local news Headline"
    assert " ".join(body.find("p").text_content().split()) == "One two"
    assert "First Second" in body.find("ul").text_content()
    assert body.find("pre").text_content() == "int a;int b;"  # a listing's white space is its own
    before = lxml_html.tostring(tree)
    separate_blocks(tree)
    assert lxml_html.tostring(tree) == before  # nothing more the second time
