"""The lead: what opens the article comes out first and whole, and what opens the page does not,
each shown on a small page written here."""

from __future__ import annotations

import html as html_lib

import pytest

from clipper.extraction.article import Article
from clipper.extraction.extract import extract
from clipper.extraction.kinds import is_byline, is_caption_line, is_dateline
from clipper.web.page import Page

from pages import PARAGRAPHS, TITLE, article_page

URL = "https://www.riverside-courier.example/news/2024/03/05/waterfront-plan"
LEAD = (
    "Three years of hearings ended on Tuesday. The council backed the waterfront plan by seven votes to "
    "two, and the first homes could stand by the river within two years."
)
DESCRIPTION = "The council backs the waterfront plan after three years of hearings."


def run(html: str, url: str = URL) -> Article:
    return extract(Page(url=url, final_url=url, content=html.encode(), text=html, encoding="utf-8"))


def page(opening: str, body: str | None = None, *, title: str = TITLE, head: str = "") -> str:
    """A news page: the headline block, then `opening`, then the body's own container."""
    paragraphs = body if body is not None else "".join(f"<p>{html_lib.escape(p)}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html_lib.escape(title)} | The Riverside Courier</title>
<meta property="og:site_name" content="The Riverside Courier">
<meta name="description" content="{DESCRIPTION}">{head}</head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article>
<h1>{html_lib.escape(title)}</h1>
<div class="author">By <a href="/staff/jane-doe">Jane Doe</a> <span class="date">5 March 2024</span></div>
{opening}
<div class="article__content">{paragraphs}</div>
</article><aside><h2>Most read</h2><ul><li><a href="/a">Another story about the harbour</a></li></ul></aside>
</main><footer><p>© 2024 The Riverside Courier</p></footer></body></html>"""


PHOTO = '<div class="article__photo"><img src="/river.jpg" alt=""><div class="desc">The river at dawn.</div></div>'


@pytest.mark.parametrize(
    "opening",
    [
        f'<div class="article__perex">{LEAD}</div>{PHOTO}',  # a perex in a container of its own
        f'<div class="intro"><p><strong>{LEAD}</strong></p></div>{PHOTO}',  # a lead-in set in bold
    ],
)
def test_a_lead_in_of_its_own_above_the_body_is_the_first_paragraph(opening: str) -> None:
    assert run(page(opening)).paragraphs[:3] == [LEAD, *PARAGRAPHS[:2]]


@pytest.mark.parametrize(
    "opening",
    [
        f'<p class="summary">{DESCRIPTION}</p>{PHOTO}',  # the page's own summary of itself
        f'<div class="highlights"><p>{PARAGRAPHS[2]}</p></div>{PHOTO}',  # a box repeating a later paragraph
        f'<div class="claim"><p>“{PARAGRAPHS[1]}”</p></div>',  # a quotation set apart
        f'<div class="author-bio"><p>{LEAD}</p></div>',  # the author's box
    ],
)
def test_what_is_not_the_article_above_the_body_stays_out(opening: str) -> None:
    assert run(page(opening)).paragraphs[:3] == PARAGRAPHS[:3]


def test_a_subhead_that_opens_the_first_section_comes_first() -> None:
    body = "<h2>The release plan (kovarex)</h2>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = run(page("", body))
    assert article.paragraphs[:2] == ["The release plan (kovarex)", PARAGRAPHS[0]]


@pytest.mark.parametrize("label", ["Article content", "Článek", "Kort fortalt", "In brief"])
def test_a_label_set_apart_above_the_article_is_not_its_lead(label: str) -> None:
    """A label in a box of its own between the headline block and the article's container, in any
    language: no word list knows it, its place and shape give it away."""
    opening = f'<div class="label-box"><h2 class="label">{label}</h2></div>'
    assert run(page(opening)).paragraphs[:3] == PARAGRAPHS[:3]


def test_a_label_goes_with_the_list_it_opens() -> None:
    """A list set apart above the article's first paragraph is a summary box, its label with it."""
    items = "".join(f"<li>{x}</li>" for x in ("Cloche", "Planter saucer", "Floral foam oasis", "Ruler"))
    body = f'<div class="step"><span class="head">What you will need:</span><ul>{items}</ul></div>' + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS
    )
    assert run(page("", body)).paragraphs[:2] == PARAGRAPHS[:2]


def test_subheads_that_hold_a_link_stay_where_they_open_their_section() -> None:
    body = (
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
        + '<h2 id="money">What it costs <a class="anchor" href="#money">#</a></h2>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:4])
        + '<h3><a href="https://shop.example/park-guide">“The River Park Guide” ($30)</a></h3>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[4:])
    )
    paragraphs = run(page("", body)).paragraphs
    assert paragraphs == [
        *PARAGRAPHS[:2],
        "What it costs #",
        *PARAGRAPHS[2:4],
        "“The River Park Guide” ($30)",
        *PARAGRAPHS[4:],
    ]


def test_a_table_of_contents_goes_and_the_headings_it_leads_to_stay() -> None:
    toc = (
        '<ul class="toc"><li><a href="#plan">What the plan says</a></li>'
        '<li><a href="#next">What happens next</a></li></ul>'
    )
    body = (
        toc
        + '<h2 id="plan"><a href="#plan">What the plan says</a></h2>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + '<h2 id="next"><a href="#next">What happens next</a></h2>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    )
    assert run(page("", body)).paragraphs == [
        "What the plan says",
        *PARAGRAPHS[:3],
        "What happens next",
        *PARAGRAPHS[3:],
    ]


def test_the_headline_set_in_two_blocks_is_not_the_lead() -> None:
    title = "The Open Waterfront Project: Better Homes by the River"
    opening = "<h2>Open Waterfront Project:</h2><h4><em>Better Homes by the River</em></h4>"
    body = opening + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert run(page("", body, title=title)).paragraphs[:2] == PARAGRAPHS[:2]


def test_a_subtitle_that_the_title_carries_on_with_is_not_the_lead() -> None:
    subtitle = "How a freight yard became a park after three years of argument"
    head = f'<meta property="og:title" content="{TITLE}. How a freight yard became a park after three…">'
    body = f"<p>{subtitle}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert run(page("", body, head=head)).paragraphs[:2] == PARAGRAPHS[:2]


def test_an_epigraph_above_the_article_is_not_the_lead() -> None:
    body = "<blockquote><p>Rivers know this: there is no hurry.</p></blockquote>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS
    )
    assert run(page("", body)).paragraphs[:2] == PARAGRAPHS[:2]


def test_a_review_score_box_is_not_the_review() -> None:
    box = (
        "<h4>Courier Score</h4><h4>Pros</h4><ul><li>Plenty of green space</li><li>Homes below market rent</li></ul>"
        "<h4>Cons</h4><ul><li>No money for flood defences</li></ul><h4>Summary</h4>"
    )
    body = f"<p>{PARAGRAPHS[0]}</p>{box}" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    assert run(page("", body)).paragraphs[:3] == PARAGRAPHS[:3]


def test_a_caption_in_italics_in_the_pictures_box_is_not_a_paragraph() -> None:
    caption = "A new survey looks at when the river floods, and how often it did in the last century."
    photo = f'<div class="photobox"><img src="/flood.jpg"><br><em>{caption}</em></div>'
    body = photo + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert run(page("", body)).paragraphs == PARAGRAPHS


def test_the_title_of_a_call_out_box_is_not_a_paragraph() -> None:
    box = (
        '<div class="admonition tip"><p class="admonition-title">Interactive Editor</p>'
        "<div><p>To follow along with the plans, open the interactive map on the council's website.</p></div></div>"
    )
    # further down than the lead model looks: the rule for a box's title alone decides
    more = [
        f"{p} The {n} meeting of the committee heard the same."
        for n, p in zip(("first", "second"), PARAGRAPHS[:2], strict=True)
    ]
    before = [*PARAGRAPHS, *more, *PARAGRAPHS[2:5]]
    body = "".join(f"<p>{p}</p>" for p in before) + box + f"<p>{PARAGRAPHS[5]} Nothing else was decided.</p>"
    tip = "To follow along with the plans, open the interactive map on the council's website."
    last = f"{PARAGRAPHS[5]} Nothing else was decided."
    assert run(page("", body)).paragraphs[-3:] == [PARAGRAPHS[4], tip, last]  # the box's words stay, not its title


def test_a_platform_that_sets_section_headings_as_h1_keeps_them() -> None:
    body = "<h1>Why the vote matters</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert run(page("", body)).paragraphs[:2] == ["Why the vote matters", PARAGRAPHS[0]]


@pytest.mark.parametrize(
    "caption",
    [
        "The mayor at the freight yard on Monday. (AP Photo/Jo Lee)",
        "The launch pad in the morning.(Jo Lee/Roscosmos Press Service photo via AP)",
        "The stage at the plant. (credit: NASA)",
    ],
)
def test_a_caption_that_ends_with_its_credit(caption: str) -> None:
    assert is_caption_line(caption)
    assert run(article_page(paragraphs=[caption, *PARAGRAPHS])).paragraphs[:2] == PARAGRAPHS[:2]


def test_a_sentence_with_a_photo_in_brackets_is_no_caption() -> None:
    assert not is_caption_line("It rained all day (photos were taken anyway)")


def test_a_dateline_in_parts_with_the_byline_and_the_publication() -> None:
    line = (
        "Le Courier | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Jean Dupont (avec Ann Lee et Bo Chan)"
    )
    assert is_dateline(line)
    assert run(article_page(paragraphs=[line, *PARAGRAPHS])).paragraphs[:2] == PARAGRAPHS[:2]


def test_a_byline_with_a_date_run_into_it() -> None:
    line = "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m."
    assert is_byline(line)
    assert run(article_page(paragraphs=[line, *PARAGRAPHS])).paragraphs[:2] == PARAGRAPHS[:2]


def test_a_paragraph_left_out_between_two_kept_paragraphs_is_put_back() -> None:
    # WordPress marks where the teaser ends with an empty span; trafilatura drops its paragraph
    marked = f'<p><span id="more-5662"></span>{PARAGRAPHS[2]}</p>'
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + marked + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    assert run(page("", body)).paragraphs == PARAGRAPHS


def test_a_sponsors_promotion_that_ends_in_a_call_to_action_is_not_the_lead() -> None:
    promo = (
        "<p><strong>Start your day with the Morning Bell powered by The River Letter. "
        '<a href="https://letter.example/">The River Letter</a> is the favourite reading of commuters. '
        '<a href="https://letter.example/join">Sign up</a> for the free daily newsletter.</strong></p>'
    )
    body = promo + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert run(page("", body)).paragraphs[:2] == PARAGRAPHS[:2]
