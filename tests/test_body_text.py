"""The article's text as the page sets it: code listings keep their lines, wrapped paragraphs are
one line, each shown on a small page."""

from __future__ import annotations

import pytest
from lxml import etree

from clipper.extraction.article import Article
from clipper.extraction.blocks import inline_text
from clipper.extraction.extract import extract
from clipper.web.page import Page

from pages import PARAGRAPHS, article_page

URL = "https://dev.example/blog/2024/03/wasm-add"


def run(html: str, url: str = URL) -> Article:
    return extract(Page(url=url, final_url=url, content=html.encode(), text=html, encoding="utf-8"))


LISTING = "// add.c\n#include <emscripten.h>\n\nint add(int a, int b) {\n  return a + b;\n}"


def _escaped(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


LINES = LISTING.split("\n")
SPAN_LINES = "".join(f'<span class="line">{_escaped(x)}</span>' for x in LINES)
DIV_LINES = "".join(f'<div class="code-line">{_escaped(x)}</div>' for x in LINES)
GUTTER = "\n".join(f'<span class="lineno">{i + 1}</span>{_escaped(x)}' for i, x in enumerate(LINES))


@pytest.mark.parametrize(
    "markup",
    [
        f"<pre><code>{SPAN_LINES}</code></pre>",  # each line an element of its own, no newline between
        f"<pre>{DIV_LINES}</pre>",
        "<pre><code>{}</code></pre>".format("<br>".join(_escaped(x) for x in LINES)),
        f"<pre><code>{_escaped(LISTING)}</code></pre>",  # newlines in the source
        f'<div class="highlight"><pre>{GUTTER}</pre></div>',  # line numbers in a gutter
    ],
)
def test_a_code_listing_keeps_its_lines(markup: str) -> None:
    html = article_page(paragraphs=[*PARAGRAPHS[:2], markup, *PARAGRAPHS[2:]], raw_paragraphs=True)
    html = html.replace("<p><pre", "<pre").replace("</pre></p>", "</pre>").replace("<p><div", "<div")
    html = html.replace("</pre></div></p>", "</pre></div>")
    article = run(html)
    code = [b.text for b in article.blocks if b.kind == "code"]
    assert code == [LISTING]
    assert article.paragraphs[:2] == PARAGRAPHS[:2]


def test_a_paragraph_wrapped_in_the_source_is_one_line_and_a_break_stays_a_break() -> None:
    node = etree.fromstring("<p>Life-threatening allergies have been\n   on the rise.<lb/>A second line</p>")
    assert inline_text(node) == "Life-threatening allergies have been on the rise.\nA second line"


def test_japanese_paragraphs_set_apart_by_breaks_and_an_indent_are_paragraphs() -> None:
    paragraphs = [
        "トレンドマイクロは3月9日、通信を暗号化し保護するアプリの発売を開始すると発表した。",
        "同アプリは、App Storeおよび、Google Playにて販売される。",
        "一方で、偽のフリーWi-Fiへの接続などによる情報漏えいの危険もある。",
        "こうした状況を鑑み、同アプリの提供を開始する。",
    ]
    # an indent opens each of the first two; a blank line (two breaks) parts the last two
    body = "<br>".join(f"　{p}" for p in paragraphs[:2]) + "<br>\n<br>".join(["", *paragraphs[2:]])
    html = article_page(title="フリーWi-Fiプロテクションを発売", paragraphs=[body], raw_paragraphs=True)
    assert run(html.replace('lang="en"', 'lang="ja"')).paragraphs == paragraphs


def test_lines_of_one_paragraph_stay_one_paragraph() -> None:
    address = "The Town Hall<br>1 River Street<br>Riverside"
    html = article_page(paragraphs=[*PARAGRAPHS[:2], address, *PARAGRAPHS[2:]], raw_paragraphs=True)
    assert run(html).paragraphs[2] == "The Town Hall\n1 River Street\nRiverside"


def test_a_brief_whose_one_paragraph_repeats_its_headline_is_still_an_article() -> None:
    brief = "The council approved the waterfront plan on Tuesday by seven votes to two."
    html = (
        f"<html><head><title>Plan approved</title><meta property='og:title' content='{brief}'></head>"
        f"<body><article><h1>{brief}</h1><p>{brief}</p></article></body></html>"
    )
    assert run(html).paragraphs == [brief]


def test_a_subhead_run_into_its_paragraph_before_a_break_is_a_heading() -> None:
    merged = f"<b>What happens next</b><br>{PARAGRAPHS[3]}"
    html = article_page(paragraphs=[*PARAGRAPHS[:3], merged, *PARAGRAPHS[4:]], raw_paragraphs=True)
    blocks = [(b.kind, b.text) for b in run(html).blocks]
    assert blocks[3:5] == [("heading", "What happens next"), ("p", PARAGRAPHS[3])]
