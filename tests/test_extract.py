"""Extraction rules, each shown on a small page written here."""

from __future__ import annotations

import pytest

from clipper.errors import ContentError, NoArticleError
from clipper.extraction import page_meta
from clipper.extraction.article import Article, Block
from clipper.extraction.clues import read_clues
from clipper.extraction.extract import doubtful, extract
from clipper.extraction.kinds import is_dateline, is_link_box, line_kind
from clipper.extraction.recovered import with_sibling_sections
from clipper.web.page import Page

from pages import PARAGRAPHS, TITLE, article_page

URL = "https://www.riverside-courier.example/news/2024/03/05/waterfront-plan"


def run(html: str, url: str = URL) -> Article:
    return extract(Page(url=url, final_url=url, content=html.encode(), text=html, encoding="utf-8"))


def test_paragraphs_in_order_without_page_furniture() -> None:
    article = run(article_page())
    assert article.paragraphs == PARAGRAPHS
    assert all(b.kind == "p" for b in article.blocks)
    joined = " ".join(article.paragraphs)
    for furniture in ("Print Friendly", "Facebook", "Most read", "All rights reserved", "Home"):
        assert furniture not in joined


def test_metadata() -> None:
    article = run(article_page())
    assert article.title == TITLE  # without " | The Riverside Courier"
    assert article.site_name == "The Riverside Courier"
    assert article.author == "Jane Doe"
    assert article.date == "2024-03-05"
    assert article.url == URL


def test_headings_and_list_items_stay_apart() -> None:
    html = article_page(
        paragraphs=[
            *PARAGRAPHS[:3],
            "<h2>What happens next</h2>",
            "<ul><li>Designs go on show in March.</li><li>Work starts in spring.</li></ul>",
            *PARAGRAPHS[3:],
        ],
        raw_paragraphs=True,
    )
    article = run(
        html.replace("<p><h2>", "<h2>")
        .replace("</h2></p>", "</h2>")
        .replace("<p><ul>", "<ul>")
        .replace("</ul></p>", "</ul>")
    )
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("heading", "What happens next") in kinds
    assert ("item", "Designs go on show in March.") in kinds
    assert ("item", "Work starts in spring.") in kinds
    assert article.paragraphs.index("What happens next") == 3


def test_headline_standfirst_byline_and_dateline_are_not_the_lead() -> None:
    standfirst = "Three years of hearings end with a seven to two vote for the riverside park and homes"
    html = article_page(
        paragraphs=[TITLE, "By Jane Doe", "5 March 2024 09:30 GMT", "4 min read", *PARAGRAPHS],
        extra_head=f'<meta name="description" content="{standfirst}">',
    )
    assert run(html).paragraphs[0] == PARAGRAPHS[0]


@pytest.mark.parametrize(
    "line",
    [
        "Continue reading…",
        "Print Friendly, PDF & Email",
        "Share this article",
        "Advertisement",
        "Read more: x",
        "Sign up for our newsletter",
        "Lesen Sie auch: Die neue Regierung",
        "À lire aussi : la réforme des retraites",
        "Leia também",
        "Publicidad",
        "Читайте также: новости",
        "Partager sur Facebook",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


def is_furniture(line: str) -> bool:
    """Furniture by a line's text alone: a label, a row of share buttons, a notice."""
    return line_kind(line) in ("label", "share", "notice")


def test_real_sentences_are_not_furniture() -> None:
    assert not is_furniture(PARAGRAPHS[0])
    assert not is_furniture("Facebook said on Tuesday it would ban political ads.")
    assert not is_furniture("Advertising revenue fell five percent in the quarter.")
    assert not is_furniture("Most popular among voters was the river park.")
    assert is_furniture("Facebook Twitter Email")
    assert is_furniture("Comments (12)")
    assert not is_furniture("Subscribers to the scheme will pay less, officials said on Monday, after a long review.")
    assert not is_furniture("Anzeige gegen Unbekannt erstattet, sagte die Polizei am Montag.")
    assert not is_furniture("Partager le gâteau est une tradition.")


@pytest.mark.parametrize(
    ("site_name", "url", "title_suffix", "expected"),
    [
        ("iNews", "https://inews.co.uk/news/a-story", None, "iNews"),  # never re-capitalised
        ("the Guardian", "https://www.theguardian.com/a", None, "The Guardian"),  # the table spells the name
        ("Mozilla Hacks – the Web developer blog", "https://hacks.mozilla.org/2024/a", None, "Mozilla Hacks"),
        ("nytimes.com", "https://www.nytimes.com/2024/a.html", None, "The New York Times"),  # a domain gives way
        (None, "https://www.theguardian.com/world/a", None, "The Guardian"),  # the table
        (None, "https://www.smalltownnews.example/a", " - Small Town News", "Small Town News"),  # title suffix
        (None, "https://blog.unknown-site.example/a", None, "blog.unknown-site.example"),  # the domain, last
    ],
)
def test_site_name(site_name: str | None, url: str, title_suffix: str | None, expected: str) -> None:
    assert run(article_page(site_name=site_name, title_suffix=title_suffix), url).site_name == expected


def test_structured_data_wins_and_gives_first_publication_date() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": TITLE,
        "datePublished": "2023-12-01T10:00:00Z",
        "dateModified": "2024-02-02T10:00:00Z",
        "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chan"}],
        "publisher": {"@type": "Organization", "name": "Riverside Courier Group"},
    }
    page = article_page(ld=ld, published="2024-02-02T10:00:00Z", author=None, site_name=None, title_suffix=None)
    article = run(page)
    assert article.date == "2023-12-01"
    assert article.author == "Ann Lee, Bo Chan"
    assert article.site_name == "Riverside Courier Group"


def test_author_without_by() -> None:
    assert run(article_page(author="By Jane Doe")).author == "Jane Doe"
    assert run(article_page(author="https://facebook.com/janedoe")).author is None  # an address names no one


def test_canonical_link_and_tracking() -> None:
    page = article_page(canonical="https://www.riverside-courier.example/news/waterfront?utm_source=x")
    assert run(page, URL + "?utm_medium=social").url == "https://www.riverside-courier.example/news/waterfront"


def test_page_without_article_text() -> None:
    with pytest.raises(NoArticleError, match="no article text"):
        run("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ContentError, match="not an HTML page"):  # nothing at all: exit 5, as an empty file
        run("   ")


def test_opinion_pieces_are_recognised() -> None:
    ld = {"@type": "OpinionNewsArticle", "headline": TITLE}
    assert run(article_page(ld=ld)).opinion
    assert not run(article_page()).opinion


def test_link_boxes_and_labels_between_paragraphs_are_dropped() -> None:
    box = (
        "<p>More:</p>"
        "<p><a href='/other'>Harbour ferry fares to rise again in the spring</a></p>"
        "<p>Related: <a href='/more'>What the new waterfront means for house prices</a></p>"
    )
    assert run(article_page(between=box)).paragraphs == PARAGRAPHS


def test_a_paragraph_with_links_in_it_stays() -> None:
    linked = (
        "The <a href='/council'>council</a> said the <a href='/plan'>full plan</a> would be published "
        "online next week, together with the answers to the consultation."
    )
    paras = [*PARAGRAPHS[:2], linked, *PARAGRAPHS[2:]]
    article = run(article_page(paragraphs=paras, raw_paragraphs=True))
    assert article.paragraphs[2].startswith("The council said the full plan would be published")


def test_headline_repeated_inside_the_body_is_dropped() -> None:
    between = f"<p>{TITLE}</p>"
    assert run(article_page(between=between)).paragraphs == PARAGRAPHS


def test_dateline_with_time_and_byline_at_the_start() -> None:
    lines = ["5:45 AM PST 11/19/2019 by Patrick Shanley", "Tempo de leitura: 2 minutos"]
    assert run(article_page(paragraphs=[*lines, *PARAGRAPHS])).paragraphs[0] == PARAGRAPHS[0]


def test_hidden_text_and_hover_cards_are_not_read() -> None:
    card = (
        "Mayor <a href='/people/ann'>Ann Lee</a><span class='card'><img src='a.jpg'>"
        "<a href='/people/ann'>Ann Margaret Lee</a><a href='/x'>Other story about her</a></span> said the "
        "vote was a turning point for the riverside and thanked residents for their patience and ideas."
        "<span style='display: none'>hidden tracking text</span>"
    )
    article = run(article_page(paragraphs=[card, *PARAGRAPHS], raw_paragraphs=True))
    assert article.paragraphs[0].startswith("Mayor Ann Lee said the vote was a turning point")
    assert "hidden tracking text" not in " ".join(article.paragraphs)


def test_a_standfirst_set_as_a_heading_is_not_the_lead() -> None:
    standfirst = "Three years of hearings end with a seven to two vote for the riverside park and homes"
    html = article_page(
        paragraphs=[f"<h2>{standfirst}</h2>", *PARAGRAPHS],
        raw_paragraphs=True,
        extra_head=f'<meta name="description" content="{standfirst}">',
    )
    assert run(html.replace("<p><h2>", "<h2>").replace("</h2></p>", "</h2>")).paragraphs[0] == PARAGRAPHS[0]


def test_hand_wrapped_lines_are_one_paragraph_and_verse_stays_verse() -> None:
    wrapped = (
        "Veteran actress Kate Henshaw, who in 2008 won the<br>Africa Movie Academy Award for Best "
        "Actress in a<br>leading role, has taken to her page to share<br>some stunning photos of herself."
    )
    verse = "Roses are red,<br>Violets are blue,<br>The council has voted,<br>And the park will be new."
    article = run(article_page(paragraphs=[wrapped, *PARAGRAPHS[:2], verse, *PARAGRAPHS[2:]], raw_paragraphs=True))
    assert article.paragraphs[0].startswith("Veteran actress Kate Henshaw, who in 2008 won the Africa Movie")
    assert "\n" not in article.paragraphs[0]
    assert article.paragraphs[3].split("\n") == [
        "Roses are red,",
        "Violets are blue,",
        "The council has voted,",
        "And the park will be new.",
    ]


def test_captions_are_not_paragraphs() -> None:
    figure = (
        "<figure><img src='park.jpg' alt='The disused freight yard seen from the river'>"
        "<figcaption>The freight yard that the new river park will replace</figcaption></figure>"
    )
    paras = [*PARAGRAPHS[:2], "<p>The freight yard that the new river park will replace</p>", *PARAGRAPHS[2:]]
    article = run(article_page(paragraphs=paras, before_body=figure, raw_paragraphs=True))
    assert "The freight yard that the new river park will replace" not in article.paragraphs
    assert article.paragraphs[:2] == PARAGRAPHS[:2]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Analysis by Chris Cillizza, CNN", "Chris Cillizza"),  # an affiliation is no co-author
        ("Words: Ann Lee", "Ann Lee"),
        ("Carrie Arnold November 15, 2019", "Carrie Arnold"),
        ("Anna May", "Anna May"),
        ("Maya Novak", "Maya Novak"),
        ("Byron Lee", "Byron Lee"),
        ("Textor Smith", "Textor Smith"),
    ],
)
def test_author_names_without_bylines_and_dates(given: str, expected: str) -> None:
    assert run(article_page(author=given)).author == expected


def test_a_handle_is_not_the_publication_name() -> None:
    page = article_page(site_name="@riversidecourier", title_suffix=" - Riverside Courier")
    assert run(page, "https://www.riversidecourier.example/a").site_name == "Riverside Courier"


@pytest.mark.parametrize(
    ("ld_publisher", "site_name", "title_suffix", "url", "expected"),
    [
        # a wire service's name in the structured data of a syndicated story; the page and its title agree
        (
            "Associated Press",
            "Riverside Courier",
            " - Riverside Courier",
            "https://www.rcourier.example/a",
            "Riverside Courier",
        ),
        # a section's name in og:site_name; the table and the title agree on the outlet
        (None, "U.S.", " - Reuters", "https://www.reuters.com/article/a", "Reuters"),
        # the blogging platform's name; the page's own name resembles the domain
        ("Blogger", "Link Daily | the news you need", None, "https://www.linkdaily.example/2024/a", "Link Daily"),
        # the host name in lower case is a slug; the page's copyright line writes the name
        (
            None,
            "riversidecourier",
            " - riversidecourier.com",
            "https://www.riversidecourier.example/a",
            "The Riverside Courier",
        ),
        # an address or a copyright line is no name: the domain, last
        (None, "https://www.harbour-news.example", None, "https://www.harbour-news.example/a", "harbour-news.example"),
        (None, "Copyright 2014", None, "https://www.harbour-news.example/a", "harbour-news.example"),
        # a tagline in place of the name, even where the page says it three times: the name its
        # copyright line writes
        (
            None,
            "Expert how-to for English riders",
            " - Expert how-to for English riders",
            URL,
            "The Riverside Courier",
        ),
    ],
)
def test_publication_name_is_the_one_the_sources_agree_on(
    ld_publisher: str | None, site_name: str | None, title_suffix: str | None, url: str, expected: str
) -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "publisher": {"name": ld_publisher}} if ld_publisher else None
    page = article_page(site_name=site_name, title_suffix=title_suffix, ld=ld)
    assert run(page, url).site_name == expected


def test_a_site_name_before_a_colon_is_the_publication_not_the_headline() -> None:
    page = article_page(title="The Harbour Review: " + TITLE, site_name=None, title_suffix=None)
    article = run(page, "https://www.theharbourreview.example/article/31/1")
    assert article.site_name == "The Harbour Review"
    assert article.title == TITLE


def test_a_headline_escaped_twice_is_read_once() -> None:
    from trafilatura.utils import load_html

    from clipper.extraction.page_meta import read

    page = article_page(extra_head='<meta property="og:title" content="Mayor: &amp;#8220;We won&amp;#8221;">')
    assert read(load_html(page)).first("og:title") == "Mayor: “We won”"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Tom Krisher, AP Auto Writer", "Tom Krisher"),
        ("Amy Lee | Special to The Riverside Courier", "Amy Lee"),
        ("Troy Smith, Riverside-Courier.example", "Troy Smith"),
        ("Jo Bloggs Monday, November 18, 2019", "Jo Bloggs"),
        ("Jo Bloggs Published 11:11 PM EST Nov 19, 2019", "Jo Bloggs"),
        ("Ann Lee, Bo Chan", "Ann Lee, Bo Chan"),
        ("The Riverside Courier", None),  # the publication is no author
        ("Riverside", None),  # nor is part of its name
        ("Riverside Courier News Desk", "Riverside Courier News Desk"),  # a desk is what the page credits
        ("Tom Gillespie News reporter", "Tom Gillespie"),
        ("Bruce Y. Lee Senior Contributor", "Bruce Y. Lee"),
        ("Ilana Muhlstein, MS, RDN", "Ilana Muhlstein"),
    ],
)
def test_authors_without_job_titles_or_the_publication(given: str, expected: str | None) -> None:
    assert run(article_page(author=given)).author == expected


@pytest.mark.parametrize(
    ("url", "published", "expected"),
    [
        # 9:59 pm in the publisher's evening is the next day in UTC; the URL has the day the page shows
        ("https://www.riverside-courier.example/2024/03/05/plan", "2024-03-06T02:59:00Z", "2024-03-05"),
        ("https://www.riverside-courier.example/2024/03/01/plan", "2024-03-06T02:59:00Z", "2024-03-06"),
        ("https://www.riverside-courier.example/news/plan", "2024-03-06T02:59:00Z", "2024-03-06"),
        # no date stated: the address's day comes before a search of the page (which finds 1 March here)
        ("https://www.riverside-courier.example/statements/2024/mar/05/plan", None, "2024-03-05"),
    ],
)
def test_publication_date_and_the_day_in_the_url(url: str, published: str | None, expected: str) -> None:
    quoted = "<p>The mayor first spoke about the plan on Friday, March 1st, 2024 at the town hall.</p>"
    assert run(article_page(published=published, before_body=quoted), url).date == expected


def test_the_h1_and_what_sits_around_it_are_not_the_lead() -> None:
    promo = (
        "<section class='promo'><h3>Awards season</h3><a href='/x'>Ten films to watch before the awards night</a>"
        "<a href='/y'>Who will host the ceremony this year</a></section>"
    )
    deck = "<h5 class='deck'>Seven votes to two end three years of hearings</h5>"
    page = article_page(
        title="Waterfront plan", title_suffix=None, before_body=deck, paragraphs=["Waterfront plan", *PARAGRAPHS]
    )
    page = page.replace("<main><article>", f"<main>{promo}<article>")
    article = run(page)
    assert article.paragraphs[:3] == PARAGRAPHS[:3]


def test_a_heading_inside_the_body_stays() -> None:
    paras = ["<h2>What the plan changes</h2>", *[f"<p>{p}</p>" for p in PARAGRAPHS]]
    article = run(
        article_page(paragraphs=paras, raw_paragraphs=True).replace("<p><h2>", "<h2>").replace("</h2></p>", "</h2>")
    )
    assert article.paragraphs[0] == "What the plan changes"


TABLE_LAYOUT = """<!DOCTYPE html><html><head><title>The Harbour Review: {title}</title></head><body>
<table><tr><td class="logo"><img src="/logo.png"></td>
<td class="main"><h1>{title}</h1><h3 class="byline">by Jo Bloggs<br><span>Monday, March 4, 2024</span></h3>
{paragraphs}
<table align="right"><tr><td><div class="info2">The old freight yard before the works began.
(credit: City of Riverside)</div></td></tr></table>
</td></tr></table></body></html>"""


def test_a_table_layout_page_gives_its_paragraphs_one_by_one() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = run(
        TABLE_LAYOUT.format(title=TITLE, paragraphs=paras), "https://www.theharbourreview.example/article/3/1"
    )
    assert article.paragraphs[: len(PARAGRAPHS)] == PARAGRAPHS
    assert not any("credit:" in p for p in article.paragraphs)
    assert article.site_name == "The Harbour Review"
    assert article.author == "Jo Bloggs"


def test_the_headline_with_the_byline_run_into_it_is_not_the_lead() -> None:
    first = f"{TITLE}by Jo Bloggs<br>Monday, March 4, 2024<br>{PARAGRAPHS[0]}"
    article = run(article_page(paragraphs=[first, *PARAGRAPHS[1:]], raw_paragraphs=True))
    assert article.paragraphs[0] == PARAGRAPHS[0]


SECTIONED = """<!DOCTYPE html><html><head><title>{title}</title></head><body>
<main><h1>{title}</h1>
<div class="row"><div class="body-part">{first}</div><div class="rail"><a href="/x">Most popular</a></div></div>
<div class="row ad"><span>Advertisement</span></div>
<div class="row"><div class="body-part">{second}</div><div class="rail"></div></div>
<div class="row"><div class="body-part">{third}</div></div>
</main>
<footer><div class="body-part"><p>Our newsletter brings the week's stories to your inbox every Friday
morning, free of charge for every reader who signs up today.</p></div></footer></body></html>"""


def test_a_body_cut_into_sections_comes_out_whole_and_in_order() -> None:
    p = [f"<p>{t}</p>" for t in PARAGRAPHS]
    html = SECTIONED.format(title=TITLE, first="".join(p[:2]), second="".join(p[2:4]), third="".join(p[4:]))
    article = run(html)
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "This copy is for your personal, non-commercial use only. To order presentation-ready copies for "
        "distribution to your colleagues, clients or customers visit the reprints page.",
        "https://www.riverside-courier.example/news/2024/03/05/waterfront-plan",
        "You may also like...",
        "Order Reprints",
        "Filed under: Politics |",
        "Leave a Reply",
    ],
)
def test_notices_are_furniture_at_any_length(line: str) -> None:
    assert is_furniture(line)


def test_a_short_body_unlike_the_description_is_doubtful() -> None:
    from clipper.extraction.credits import Credits

    credits = Credits(
        url=URL,
        title=TITLE,
        site_name=None,
        author=None,
        date=None,
        section=None,
        opinion=False,
        description="The council voted seven to two to approve the waterfront redevelopment plan.",
    )
    lead = [Block("p", PARAGRAPHS[0])]
    notice = [Block("p", "Print this page for your records or share it with a friend who might like it.")]
    assert not doubtful(lead, credits)
    assert doubtful(notice, credits)
    assert doubtful([], credits)
    assert not doubtful([Block("p", " ".join(PARAGRAPHS))], credits)  # long enough to stand


def test_later_sections_of_the_body_are_put_back_after_the_first() -> None:
    from trafilatura.utils import load_html

    p = [f"<p>{t}</p>" for t in PARAGRAPHS]
    tree = load_html(SECTIONED.format(title=TITLE, first="".join(p[:2]), second="".join(p[2:4]), third="".join(p[4:])))
    found_first = [Block("p", t) for t in PARAGRAPHS[:2]]  # what an extractor keeping one section finds
    assert [b.text for b in with_sibling_sections(tree, found_first)] == PARAGRAPHS


def test_a_page_that_states_no_date_still_gets_one_from_the_page_itself() -> None:
    before = "<p class='date'><time datetime='2024-03-05T09:30:00'>5 March 2024</time></p>"
    article = run(article_page(published=None, before_body=before), "https://www.riverside-courier.example/news/plan")
    assert article.date == "2024-03-05"


def test_a_subhead_that_paraphrases_the_headline_stays() -> None:
    title = "Best tech gadgets of 2024"
    paras = [*PARAGRAPHS[:2], "<h2>Some of 2024's best tech gadgets</h2>", *PARAGRAPHS[2:]]
    html = article_page(title=title, paragraphs=paras, raw_paragraphs=True)
    article = run(html.replace("<p><h2>", "<h2>").replace("</h2></p>", "</h2>"))
    assert article.paragraphs[2] == "Some of 2024's best tech gadgets"


def test_a_short_line_set_as_a_caption_under_a_picture_is_not_a_paragraph() -> None:
    # a blog post of divs and spans, as blogging platforms write them
    picture = "<div class='separator' style='text-align: center;'><a href='/p.jpg'><img src='/p.jpg'></a></div>"
    caption = "<div style='text-align: center;'><span style='font-size: small;'><em>Mayor Ann Lee</em></span></div>"
    plain = "<div><span style='font-size: small;'>The park in numbers</span></div>"
    p = [f"<div><span style='font-size: small;'>{t}</span></div><div><br></div>" for t in PARAGRAPHS]
    body = "".join([p[0], picture, caption, *p[1:3], picture, plain, *p[3:]])
    html = article_page(paragraphs=["BODY"]).replace("<p>BODY</p>", f"<div class='post-body'>{body}</div>")
    article = run(html)
    assert article.paragraphs[:3] == PARAGRAPHS[:3]
    assert "The park in numbers" in article.paragraphs  # a plain line under a picture is the article's own


@pytest.mark.parametrize(
    "line",
    [
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "Mittwoch, 20. November 2019, 14:32 Uhr",
        "Publié le 20/11/2019 à 10h30",
        "20 de noviembre de 2019 - 10:30 CET",
        "Pubblicato il 20 novembre 2019",
        "20 ноября 2019, 10:30",
        "2019年11月20日 10:30",
        "Written by Jo Bloggs",
        "Texto: João Silva",
        "Автор: Иван Петров",
        "文：山田太郎",
        "홍길동 기자",
    ],
)
def test_datelines_in_other_languages_are_not_the_lead(line: str) -> None:
    assert run(article_page(paragraphs=[line, *PARAGRAPHS])).paragraphs[0] == PARAGRAPHS[0]


def test_a_sentence_with_a_date_in_it_is_not_a_dateline() -> None:

    assert not is_dateline("The council voted 7 to 2 on Tuesday")
    assert not is_dateline("de la")


def test_a_long_teaser_that_is_all_link_is_not_a_paragraph() -> None:
    from trafilatura.utils import load_html

    teaser = (
        "Night mode is an automatic setting which takes advantage of the new wide-angle camera in the latest "
        "phones. It is equipped with a larger sensor that is able to let in more light, allowing for brighter "
        "photos when the light is low."
    )
    page = article_page(before_body=f"<ul><li><a href='/guide/night-mode'><p>{teaser}</p></a></li></ul>")
    tree = load_html(page)
    links = read_clues(tree, page_meta.read(tree), "").links
    assert is_link_box(teaser, links)
    assert not any(is_link_box(p, links) for p in PARAGRAPHS)


def test_co_authors_stay_when_the_publication_is_run_into_the_last_name() -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "publisher": {"name": "Riverside Courier"}}
    page = article_page(author="Ann Lee; Bo Chan Riverside Courier", site_name="Riverside Courier", ld=ld)
    assert run(page, "https://www.riversidecourier.example/a").author == "Ann Lee; Bo Chan"


def test_a_title_spelling_of_the_name_wins_over_the_same_name_in_structured_data() -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "publisher": {"name": "Harbours"}}
    page = article_page(site_name=None, title_suffix=" - Harbour's", ld=ld)
    assert run(page, "https://www.harbours.example/a").site_name == "Harbour's"


def test_a_kicker_right_above_the_headline_is_not_the_lead() -> None:
    page = article_page(paragraphs=["Analysis", *PARAGRAPHS])
    page = page.replace("<h1>", "<div class='label'><span>Analysis</span></div><h1>", 1)
    assert run(page).paragraphs[0] == PARAGRAPHS[0]


@pytest.mark.parametrize(
    "before", ["", "<nav class='straßenbahn-ßßßßßßßßßßßßßßßßßßßß'></nav>"], ids=["alone", "after names that grow"]
)
def test_a_standfirst_known_by_its_class_is_not_the_lead(before: str) -> None:
    """Whatever class names come before it, even ones that grow when case is folded."""
    standfirst = "Three years of hearings end with a seven to two vote for the riverside park and four hundred homes."
    page = article_page(paragraphs=["STANDFIRST", *PARAGRAPHS])
    page = page.replace("<p>STANDFIRST</p>", f"{before}<p class='article__standfirst'>{standfirst}</p>")
    assert run(page).paragraphs[0] == PARAGRAPHS[0]


def test_the_visible_headline_wins_over_a_reworded_one_for_search_engines() -> None:
    page = article_page(
        title="Council approves new waterfront plan after long debate",
        extra_head='<meta property="og:title" content="Waterfront plan: council approves new plan after debate">',
    )
    assert run(page).title == "Council approves new waterfront plan after long debate"


LEAD = (
    "Welcome to the new riverside plan. While it looks familiar, the council's new scheme moves the "
    "city forward in a big way, and residents have spent weeks taking it apart."
)


def test_a_first_paragraph_missed_but_stated_in_structured_data_is_put_back() -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "articleBody": "\n".join([LEAD, *PARAGRAPHS])}
    page = article_page(ld=ld, before_body=f"<span class='leader'>{LEAD}</span>")
    assert run(page).paragraphs == [LEAD, *PARAGRAPHS]


def test_a_stated_body_that_does_not_lead_into_the_article_changes_nothing() -> None:
    other = "Another story altogether, with words of its own that the page does not show anywhere at all."
    ld = {"@type": "NewsArticle", "headline": TITLE, "articleBody": f"<p>{LEAD}</p><p>{other}</p>"}
    assert run(article_page(ld=ld)).paragraphs == PARAGRAPHS


def test_a_teaser_page_that_states_its_whole_body_for_machines_gives_that_body() -> None:
    teaser = [PARAGRAPHS[0], "Subscribers can read the rest of this story. Already a member? Log in to continue."]
    ld = {"@type": "NewsArticle", "headline": TITLE, "articleBody": "\n\n".join(PARAGRAPHS)}
    article = run(article_page(paragraphs=teaser, ld=ld))
    assert article.paragraphs == PARAGRAPHS


def test_what_the_article_header_holds_is_the_headline_block() -> None:
    from trafilatura.utils import load_html

    from clipper.extraction.clues import headline_area
    from clipper.extraction.page_meta import read
    from clipper.text import plain

    standfirst = "Three years of hearings end with a seven to two vote for the riverside park"
    header = f"<header><h1>{TITLE}</h1><p class='intro'>{standfirst}</p><p>By Jane Doe</p></header>"
    tree = load_html(article_page().replace(f"<h1>{TITLE}</h1>", header))
    found = headline_area(tree, read(tree))
    assert plain(standfirst) in found
    assert not any(plain(p) in found for p in PARAGRAPHS)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Ann Lee, Bo Chan and Cy Park", "Ann Lee, Bo Chan, Cy Park"),  # the co-authors the data left out
        ("By Dee Fox and Eve Grant", "Ann Lee"),  # a byline of other people (a related story's) changes nothing
        ("By Ann Lee, Riverside Courier", "Ann Lee"),
        ("By Ann Lee, Bo Chan 2024-03-05T09:30:00Z Politics Shares", "Ann Lee, Bo Chan"),
    ],
)
def test_co_authors_from_the_visible_byline(byline: str, expected: str) -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Person", "name": "Ann Lee"}}
    page = article_page(ld=ld, author=None, before_body=f"<p class='article-byline'>{byline}</p>")
    assert run(page).author == expected


def test_the_opening_run_of_a_body_set_among_line_breaks_is_put_back() -> None:
    from trafilatura.utils import load_html

    from clipper.extraction.clues import NO_CLUES
    from clipper.extraction.recovered import with_leading_text

    body = (
        f"<div class='content'>{PARAGRAPHS[0]} <em><a href='/x'>Read the plan</a></em> online.<br><br>"
        f"<img src='/p.jpg'><center><em>The freight yard</em></center><br>{PARAGRAPHS[1]}<br><br>{PARAGRAPHS[2]}</div>"
    )
    tree = load_html(article_page(paragraphs=["BODY"]).replace("<p>BODY</p>", body))
    found = [Block("p", PARAGRAPHS[1]), Block("p", PARAGRAPHS[2])]  # what trafilatura kept
    assert [b.text for b in with_leading_text(tree, found, NO_CLUES)] == [
        f"{PARAGRAPHS[0]} Read the plan online.",
        *PARAGRAPHS[1:3],
    ]
    whole = [Block("p", p) for p in PARAGRAPHS]
    paragraphs = load_html(article_page())  # each paragraph its own <p>: nothing runs before the first
    assert with_leading_text(paragraphs, whole, NO_CLUES) == whole


@pytest.mark.parametrize(
    "opening",
    [
        "By the end of the day, the council had voted seven to two.",
        "De nombreux habitants ont manifesté samedi.",
        "The vote itself took all of 45 minutes.",
    ],
)
def test_a_short_opening_sentence_that_starts_like_a_byline_stays(opening: str) -> None:
    assert run(article_page(paragraphs=[opening, *PARAGRAPHS])).paragraphs[0] == opening


@pytest.mark.parametrize(
    ("footer", "date"),
    [
        ("<footer>© 2024 The Riverside Courier</footer>", None),  # a year, not a day the page gives
        ("<footer>Copyright 2019-2024 The Riverside Courier</footer>", None),
        ("<footer>Posted on January 1, 2024</footer>", "2024-01-01"),
    ],
)
def test_a_copyright_year_is_no_publication_date(footer: str, date: str | None) -> None:
    page = article_page(published=None).replace("</body>", f"{footer}</body>")
    assert run(page, "https://news.example/story").date == date
