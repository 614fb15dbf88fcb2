"""The attribution right on any site: the publication, the author, the date, opinion and the link,
each case on a page written here, through `clipper extract --json` (a saved page given the address
it came from, where the address matters) or `clipper grab` against the test server."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, TITLE, article_page
from siteserver import Site

runner = CliRunner()


def extracted(page: str, url: str, tmp_path: Path) -> dict[str, Any]:
    """What `clipper extract --json` says of a page saved from `url`."""
    saved = tmp_path / "saved.html"
    saved.write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--json", str(saved), "--url", url])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def doubted(data: dict[str, Any]) -> set[str]:
    return {d["part"] for d in data["doubts"]}


def plain_page(title: str, head: str = "", body_top: str = "", footer: str = "", h1: str | None = None) -> str:
    """A page that states nothing but what is given: its title, the head's extra tags, what stands
    above the article, its footer."""
    heading = f"<h1>{html.escape(h1 if h1 is not None else TITLE)}</h1>" if h1 != "" else ""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{head}</head>'
        f"<body><nav><a href='/news'>News</a> <a href='/sport'>Sport</a></nav><main><article>{body_top}{heading}"
        f"<div class='article-body'>{paragraphs}</div></article></main><footer>{footer}</footer></body></html>"
    )


# The publication


@pytest.mark.parametrize(
    ("head", "title", "footer", "url", "expected"),
    [
        # a legal form that is a word of the brand stays ("Fast Company"); an abbreviated one goes
        ('<meta property="og:site_name" content="Harbour Company">', f"{TITLE} | Harbour Company", "",
         "https://www.harbourcompany.example/a", "Harbour Company"),
        ('<meta property="og:site_name" content="Harbour Works Inc.">', TITLE, "",
         "https://www.harbourworks.example/a", "Harbour Works"),
        # the word goes where the page also names itself without it
        ('<meta property="og:site_name" content="Harbour Company">', f"{TITLE} | Harbour", "",
         "https://www.harbour.example/a", "Harbour"),
        # a squashed site name: the title's spelling
        ('<meta property="og:site_name" content="Harbourmag">', f"{TITLE} | Harbour", "",
         "https://www.harbourmag.example/a", "Harbour"),
        # a generic word is no name
        ('<meta property="og:site_name" content="Magazine">', f"{TITLE} | Harbour Weekly", "",
         "https://www.harbourweekly.example/a", "Harbour Weekly"),
        # no statement but the copyright line: its name, not the bare domain
        ("", TITLE, "<p>© 2024 Harbour Post. All rights reserved.</p>", "https://www.harbourpost.example/a",
         "Harbour Post"),
        ("", TITLE, "<p>Copyright © 2005-2024 Harbour Post, LLC</p>", "https://www.harbourpost.example/a",
         "Harbour Post"),
        # a section's name at the end of the title is no publication; the structured data names it
        ('<meta property="article:section" content="World"><script type="application/ld+json">'
         '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Wire Service Daily"}}</script>',
         f"{TITLE} | World", "", "https://mirror.example/world/story-1", "Wire Service Daily"),
        # the table of known sites does not outvote a page that names an edition of its own
        ('<meta property="og:site_name" content="BBC Sport"><meta name="application-name" content="BBC Sport">',
         f"{TITLE} - BBC Sport", "", "https://www.bbc.co.uk/sport/football/12345", "BBC Sport"),
    ],
)  # fmt: skip
def test_the_publication_from_the_names_the_page_gives_itself(
    tmp_path: Path, head: str, title: str, footer: str, url: str, expected: str
) -> None:
    assert extracted(plain_page(title, head, footer=footer), url, tmp_path)["site_name"] == expected


def test_a_section_at_the_end_of_the_title_is_no_publication(tmp_path: Path) -> None:
    """A wire story under another address: the section its title ends with ("| U.S.") is not the
    publication; without another name, the address, and the post says to review it."""
    page = plain_page(f"{TITLE} | U.S.", '<meta property="article:section" content="U.S.">')
    data = extracted(page, "https://mirror.example/us/story-1", tmp_path)
    assert data["site_name"] == "mirror.example" and "publication" in doubted(data)


@pytest.mark.parametrize(
    ("title", "masthead"),
    [
        ("Thoughts on the river park – Jo's Notes", "<h1><a href='/'>Jo's Notes</a></h1>"),
        ("Jo's Notes | Thoughts on the river park", "<a href='/'><h1>Jo's Notes</h1></a>"),
        ("Jo's Notes | Thoughts on the river park", "<h1 class='site-title'>Jo's Notes</h1>"),
    ],
)
def test_a_blog_s_name_is_not_its_headline_nor_the_headline_its_name(tmp_path: Path, title: str, masthead: str) -> None:
    """A blog that sets its name as the page's <h1> (a link home, or so classed) and the post's
    title under it, at an address that does not spell its name."""
    page = plain_page(title, h1="").replace(
        "<article>", f"<header>{masthead}</header><article><h2>Thoughts on the river park</h2>"
    )
    data = extracted(page, "https://writing.example/2024/03/river-park", tmp_path)
    assert (data["title"], data["site_name"]) == ("Thoughts on the river park", "Jo's Notes")


def test_a_name_is_not_run_on_from_a_kicker(tmp_path: Path) -> None:
    """The site's name in a link home, under a label set as a block of its own."""
    top = '<header><a href="/"><span style="display:block">Local news</span>The Harbour Post</a></header>'
    data = extracted(plain_page(TITLE, body_top=top), "https://www.harbourpost.example/a", tmp_path)
    assert data["site_name"] == "The Harbour Post"


def test_the_names_the_page_states_disagree(tmp_path: Path) -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Post">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Northwind Times"}}'
        "</script>"
    )
    data = extracted(plain_page(TITLE, head), "https://news.example/a", tmp_path)
    assert "publication" in doubted(data)
    agreed = plain_page(TITLE, head.replace("Northwind Times", "Harbour Post"))
    assert "publication" not in doubted(extracted(agreed, "https://news.example/a", tmp_path))
    # a sub-brand in og:site_name, the site's own name in the title, both like the address
    sub_brand = plain_page(f"{TITLE} | Northwind Times", '<meta property="og:site_name" content="Harbour Post">')
    assert "publication" in doubted(extracted(sub_brand, "https://harbourpost.northwind.example/a", tmp_path))


# The author


@pytest.mark.parametrize(
    ("stated", "byline", "expected"),
    [
        # a social network's link glued to the name, a trailing separator, a handle after it
        (None, '<p class="byline">By <a href="/jane">Jane Doe</a><a href="https://social.example/jd">Twitter</a></p>',
         "Jane Doe"),
        (None, '<p class="byline"><a href="/jane">Jane Doe</a> ·</p>', "Jane Doe"),
        (None, '<p class="byline">By Jane Doe @janedoe</p>', "Jane Doe"),
        # the next line's text (the publication, the date) run into the name
        (None, '<div class="byline"><div>Jane Doe</div><div>The Daily Post</div><div>Dec. 5, 2024</div></div>',
         "Jane Doe"),
        # a name said twice: a link's text and the name beside it
        (None, '<p class="byline"><a href="/jane">Jane Doe</a> Jane Doe</p>', "Jane Doe"),
        # a second author in an element of their own
        ("Jane Doe", '<p>By <span class="byline"><a rel="author" href="/jane">Jane Doe</a></span> and '
         '<span class="byline"><a rel="author" href="/sam">Sam Levin</a></span></p>', "Jane Doe, Sam Levin"),
        # an agency or an account in the metadata where the byline names a person
        ("AFP", "<p>By Jane Doe | March 5, 2024</p>", "Jane Doe"),
        ("jdoe42", "<p>By Jane Doe | March 5, 2024</p>", "Jane Doe"),
    ],
)  # fmt: skip
def test_the_author_from_the_visible_byline_cleaned(
    tmp_path: Path, stated: str | None, byline: str, expected: str
) -> None:
    page = article_page(author=stated, before_body=byline)
    assert extracted(page, "https://www.riverside-courier.example/news/a", tmp_path)["author"] == expected


def test_the_publisher_s_company_is_no_author(tmp_path: Path) -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Organization", "name": "Northwind"}}
    page = article_page(author=None, ld=ld).replace(
        "© 2024 The Riverside Courier. All rights reserved.", "© 2024 Northwind, Inc. All rights reserved."
    )
    url = "https://www.riverside-courier.example/news/a"
    assert extracted(page, url, tmp_path)["author"] is None
    with_byline = page.replace('<div class="share">', '<p>By Jane Doe | March 5, 2024</p><div class="share">')
    assert extracted(with_byline, url, tmp_path)["author"] == "Jane Doe"


def test_the_publication_by_its_initials_or_its_address_is_no_author(tmp_path: Path) -> None:
    url = "https://www.rco.example/news/a"
    page = article_page(author="RCO", site_name="Riverside Courier Online")
    assert extracted(page, url, tmp_path)["author"] is None
    assert extracted(article_page(author="rco.example"), url, tmp_path)["author"] is None


# Opinion


@pytest.mark.parametrize(
    ("title", "head", "path"),
    [
        ("Opinion | The river park is worth its price", "", "/opinions/2024/03/05/river-park"),
        ("Opinion: The river park is worth its price", "", "/news/river-park"),
        ("The river park is worth its price", "", "/opinion/river-park"),
        ("The river park is worth its price", '<meta property="article:section" content="Opinion">', "/news/a"),
        ("The river park is worth its price",
         '<script type="application/ld+json">{"@type": "OpinionNewsArticle"}</script>', "/news/a"),
    ],
)  # fmt: skip
def test_an_opinion_column_says_so(site: Site, isolated: Path, title: str, head: str, path: str) -> None:
    """The page's own signals give opinion, the opinion template and the author's name once; the
    label is no part of the headline."""
    byline = '<p class="byline"><a href="/jane">Jane Doe</a> Jane Doe</p>'
    page = article_page(title=title, title_suffix=None, before_body=byline, extra_head=head, author=None)
    url = site.page(path, page)
    data = json.loads(runner.invoke(app, ["extract", "--json", url]).stdout)
    assert data["opinion"] is True and data["title"] == "The river park is worth its price"
    result = runner.invoke(app, ["grab", url, "--lead", "1"])
    assert result.exit_code == 0, result.stderr
    _, body, _ = parse(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    assert body.lstrip().startswith("Jane Doe writes:\n")


def test_news_is_not_opinion(tmp_path: Path) -> None:
    data = extracted(article_page(), "https://www.riverside-courier.example/news/opinion-poll-shows", tmp_path)
    assert data["opinion"] is False


# The date


@pytest.mark.parametrize(
    "under",
    [
        # both on the page's own elements, the update first
        '<p><time itemprop="dateModified" datetime="2024-03-05">March 5, 2024</time> '
        '<time itemprop="datePublished" datetime="2024-03-01">March 1, 2024</time></p>',
        # the update marked by its class (WordPress), and stated as the page's "date" too
        '<p><time class="updated" datetime="2024-03-05T10:00:00+00:00">March 5, 2024</time></p>',
    ],
)
def test_the_publication_date_over_the_modified_date(tmp_path: Path, under: str) -> None:
    head = '<meta property="article:modified_time" content="2024-03-05T10:00:00+00:00">'
    page = article_page(published=None, before_body=under, extra_head=head)
    if "datePublished" not in under:
        dates = '<meta name="pubdate" content="2024-03-01T09:00:00+00:00"><meta name="date" content="2024-03-05">'
        page = page.replace("</head>", f"{dates}</head>")
    assert extracted(page, "https://www.riverside-courier.example/news/a", tmp_path)["date"] == "2024-03-01"


def test_a_date_the_title_states(tmp_path: Path) -> None:
    page = plain_page(f"{TITLE} | Europe | Riverside | 28.04.2023")
    data = extracted(page, "https://www.riverside.example/de/a-65464327", tmp_path)
    assert data["date"] == "2023-04-28" and "date" not in doubted(data)


def test_a_year_in_the_text_is_no_date(tmp_path: Path) -> None:
    # a page that states no date: a search of its text finds only a year, which is no day
    page = plain_page(TITLE, footer="<p>The bike lanes were first proposed in 2019.</p>")
    data = extracted(page, "https://www.riverside.example/news/bike-lanes", tmp_path)
    assert data["date"] is None


def test_a_day_in_the_text_is_a_guess_and_says_so(tmp_path: Path) -> None:
    page = plain_page(TITLE, footer="<p>Last reviewed on 14 March 2021.</p>")
    data = extracted(page, "https://www.riverside.example/news/bike-lanes", tmp_path)
    assert data["date"] == "2021-03-14" and "date" in doubted(data)


# The link


@pytest.mark.parametrize(
    ("canonical", "linked"),
    [
        ("/news/undefined", True),  # a template's placeholder
        ("null", True),
        ("/", True),  # the site's home page
        ("/news/2023/mayor-opens-new-library", True),  # another article's path
    ],
)
def test_a_broken_canonical_link_is_not_trusted(site: Site, isolated: Path, canonical: str, linked: bool) -> None:
    url = site.page("/news/2024/council-approves-waterfront-plan", article_page(canonical=canonical))
    result = runner.invoke(app, ["grab", url, "--lead", "1"])
    assert result.exit_code == 0, result.stderr
    _, body, _ = parse(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    assert f"]({url})" in body and "undefined" not in body


def test_a_canonical_link_to_this_article_is_used(tmp_path: Path) -> None:
    url = "https://www.riverside-courier.example/amp/news/council-approves-waterfront-plan?utm_source=x"
    page = article_page(canonical="https://www.riverside-courier.example/news/council-approves-waterfront-plan")
    assert extracted(page, url, tmp_path)["url"] == page.split('rel="canonical" href="')[1].split('"')[0]


def test_a_canonical_link_to_another_site(tmp_path: Path) -> None:
    """Used only where the page's og:url names that site too and the page credits it."""
    original = "https://www.harbourpost.example/news/council-approves-waterfront-plan"
    url = "https://partner.example/stories/council-approves-waterfront-plan"
    head = f'<meta property="og:url" content="{original}">'
    credited = article_page(canonical=original, site_name="Harbour Post", title_suffix=None, extra_head=head)
    assert extracted(credited, url, tmp_path)["url"] == original
    other = article_page(canonical=original, site_name="Partner News", title_suffix=None, extra_head=head)
    assert extracted(other, url, tmp_path)["url"] == url
    unnamed = article_page(canonical=original, site_name="Harbour Post", title_suffix=None)
    assert extracted(unnamed, url, tmp_path)["url"] == url


# The headline


@pytest.mark.parametrize(
    ("title", "path", "head"),
    [
        (f"{TITLE} | Australia News", "/australia-news/2024/mar/05/waterfront-plan", ""),  # a section of the address
        (f"{TITLE} | World News", "/2024/03/05/waterfront-plan", ""),  # an edition's name no other wording holds
        (f"{TITLE} | Politics", "/a/1234", '<meta property="article:section" content="Politics">'),
        (f"Opinion | {TITLE}", "/a/1234", ""),
    ],
)
def test_a_section_or_an_edition_around_the_headline_goes(tmp_path: Path, title: str, path: str, head: str) -> None:
    """Where the title is the headline's only wording and no site's name follows the section's."""
    head += '<meta property="og:site_name" content="Riverside Herald">'
    data = extracted(plain_page(title, head, h1=""), f"https://www.riverside.example{path}", tmp_path)
    assert (data["title"], data["site_name"]) == (TITLE, "Riverside Herald") and "headline" not in doubted(data)


def test_a_headline_s_own_words_after_a_bar_stay(tmp_path: Path) -> None:
    title = "Council approves the plan | A long debate ends"
    data = extracted(plain_page(title, h1=title), "https://www.riverside.example/2024/03/05/plan", tmp_path)
    assert data["title"] == title
