"""Page furniture at the top of an article and between its paragraphs, each kind on a small page."""

from __future__ import annotations

import pytest

from clipper.extraction.article import Article, Block
from clipper.extraction.credits import Credits
from clipper.extraction.extract import extract
from clipper.extraction.furniture import furniture_kind
from clipper.extraction.kinds import is_byline, line_kind
from clipper.web.page import Page

from pages import PARAGRAPHS, article_page

URL = "https://www.riverside-courier.example/news/2024/03/05/waterfront-plan"


def run(html: str, url: str = URL) -> Article:
    return extract(Page(url=url, final_url=url, content=html.encode(), text=html, encoding="utf-8"))


FURNITURE_AT_THE_TOP = [
    ("Topics: waterfront, housing, city council, Editor's Picks, planning", "label"),
    ("Schlagworte: Hafen, Wohnungen, Stadtrat", "label"),
    ("[What you need to know to start the day: Get the Morning Briefing in your inbox.]", "promo"),
    ("Turn on notifications to get breaking news as it happens", "label"),
    ("Gallery: The new waterfront | 14 Photos", "caption"),
    ("Bildergalerie: Der neue Hafen (12 Bilder)", "caption"),
    ("(All photos: Courier staff)", "caption"),
    ("Photo: Jo Bloggs / Riverside Courier", "caption"),
    ("Foto: dpa", "caption"),
    ("图为河滨公园的设计效果图。", "caption"),
    ("图注：市议会周二投票通过了滨水区规划", "caption"),
    ("写真：市議会の投票", "caption"),
    ("Sponsored Links", "label"),
    ("Promoted Stories", "label"),
    ("Anzeige", "label"),
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE_AT_THE_TOP)
def test_furniture_above_the_first_paragraph_is_not_the_lead(line: str, kind: str) -> None:
    assert line_kind(line) == kind
    assert run(article_page(paragraphs=[line, *PARAGRAPHS])).paragraphs[:3] == PARAGRAPHS[:3]


@pytest.mark.parametrize(
    "line",
    [
        "Posted by Jo Bloggs, Software Engineer on the Platform team",
        "Reviewed by Dr Ann Lee, MD",
        "Medically reviewed by Dr Ann Lee",
        "Written by Jo Bloggs",
        "Par Jean Dupont",
        "文：张三",
    ],
)
def test_bylines_with_their_roles_are_not_the_lead(line: str) -> None:
    assert is_byline(line)
    assert run(article_page(paragraphs=[line, *PARAGRAPHS])).paragraphs[:3] == PARAGRAPHS[:3]


@pytest.mark.parametrize(
    "line",
    [
        "Topics of the evening included the budget and the flood defences, the chair said.",
        "Photographs of the old freight yard were shown to the council before the vote.",
        "Sponsored by the county, the plan was drawn up over three years of hearings.",
        "De Vries said the vote was a turning point.",
        "Posted notices around the yard warned of the coming works.",
        "图书馆将在下个月展出滨水区规划的全部设计。",
        "Newsletter readers asked the council about the flood defences last spring.",
    ],
)
def test_sentences_that_open_like_furniture_stay(line: str) -> None:
    assert line_kind(line) is None
    assert not is_byline(line)
    assert run(article_page(paragraphs=[*PARAGRAPHS[:2], line, *PARAGRAPHS[2:]])).paragraphs[2] == line


def test_a_promotion_set_apart_by_its_link() -> None:
    promo = "Get breaking news alerts: download our app"
    between = '<p>Get breaking news alerts: <a href="/app">download our app</a></p>'
    article = run(article_page(between=between))
    assert promo not in article.paragraphs
    assert article.paragraphs == PARAGRAPHS


def test_a_link_label_without_a_colon_before_a_story_link() -> None:
    between = '<p><strong>Revivez <a href="/live/vote">le direct du vote avec vos questions.</a></strong></p>'
    assert run(article_page(between=between)).paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        (Block("p", "By Jane Doe"), "byline"),
        (Block("p", "5 March 2024 09:30 GMT"), "dateline"),
        (Block("p", "Share this article"), "label"),
        (Block("p", "Facebook Twitter Email"), "share"),
        (Block("p", "(All photos: Courier staff)"), "caption"),
        (Block("p", PARAGRAPHS[0]), None),
    ],
)
def test_the_kind_of_furniture_a_block_looks_like(block: Block, kind: str | None) -> None:
    headline = "Council approves plan"
    credits = Credits(URL, headline, None, "Jane Doe", None, None, None, False, (headline,))
    assert furniture_kind(block, credits) == kind
