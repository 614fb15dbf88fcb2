"""The credits an editor publishes (headline, publication, author, date), each rule shown on a small
page written here."""

from __future__ import annotations

import html
import json

import pytest

from clipper.extraction.article import Article
from clipper.extraction.extract import extract
from clipper.web.page import Page

from pages import TITLE, article_page

URL = "https://www.riverside-courier.example/news/waterfront-plan"


def run(html: str, url: str = URL) -> Article:
    return extract(Page(url=url, final_url=url, content=html.encode(), text=html, encoding="utf-8"))


def ld_script(data: object, before: str = "", after: str = "") -> str:
    return f'<script type="application/ld+json">{before}{json.dumps(data)}{after}</script>'


def test_structured_data_wrapped_for_old_parsers_is_read() -> None:
    data = {
        "@type": "NewsArticle",
        "headline": TITLE,
        "datePublished": "2023-12-01T10:00:00Z",
        "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chan"}],
    }
    for before, after in [("\n<![CDATA[\n", "\n]]>\n"), ("//<![CDATA[\n", "\n//]]>"), ("<!--", "-->")]:
        page = article_page(author=None, published="2024-02-02T10:00:00Z", extra_head=ld_script(data, before, after))
        article = run(page)
        assert (article.date, article.author) == ("2023-12-01", "Ann Lee, Bo Chan"), before


def dated_page(
    under_headline: str = "", *, published: str | None = None, lang: str = "en", extra_head: str = ""
) -> str:
    """A page whose only dates are the ones given: stated in the head, shown under the headline."""
    page = article_page(published=published, before_body=under_headline, extra_head=extra_head)
    return page.replace('<html lang="en">', f'<html lang="{lang}">')


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en-US", "2014-05-08"), ("en", "2014-05-08"), ("en-GB", "2014-08-05"), ("fr", "2014-08-05")],
)
def test_a_stated_date_with_slashes_is_read_as_the_page_s_language_writes_it(lang: str, expected: str) -> None:
    page = dated_page(extra_head='<meta name="publish_date" content="05/08/2014 07:01:00">', lang=lang)
    assert run(page).date == expected
    # English without a region: the address's country decides
    if lang == "en":
        assert run(page, "https://www.riverside-courier.co.uk/news/plan").date == "2014-08-05"


def test_the_day_shown_under_the_headline_when_the_page_states_none() -> None:
    byline = '<div class="meta"><span>By Jane Doe</span> <span class="published">3/09/15 8:00am</span></div>'
    assert run(dated_page(byline, lang="en-US")).date == "2015-03-09"
    # a dateline opening the first paragraph
    opening = "<p>Feb. 23, 2015 -- The council met again on Monday to discuss the plan, which residents oppose.</p>"
    assert run(dated_page(opening)).date == "2015-02-23"
    # in other languages
    assert run(dated_page("<p class='date'>Mittwoch, 20. November 2019, 14:32 Uhr</p>", lang="de")).date == "2019-11-20"
    assert run(dated_page("<p class='date'>2017年3月10日 08:10</p>", lang="zh")).date == "2017-03-10"


def test_a_date_in_a_sentence_under_the_headline_is_no_dateline() -> None:
    sentence = "<p>The mayor, who first spoke about the plan on Friday, March 1st, 2024, was not there.</p>"
    assert run(dated_page(sentence + "<p>By Jane Doe, March 5, 2024</p>")).date == "2024-03-05"


def test_an_update_is_not_the_first_publication() -> None:
    dated = "https://www.riverside-courier.example/2024/03/01/waterfront-plan"
    shown = "<p>By Jane Doe | Updated March 5, 2024 10:00 am</p>"
    assert run(dated_page(shown), dated).date == "2024-03-01"  # the address's day, not the update
    assert run(dated_page(shown, published="2024-03-04 18:00:00")).date == "2024-03-04"
    shown = "<p>Published March 1, 2024 · Updated March 5, 2024</p>"
    assert run(dated_page(shown)).date == "2024-03-01"


def test_of_two_stated_publication_dates_the_one_the_page_shows_wins() -> None:
    head = (
        '<meta itemprop="datePublished" content="2015-03-12T13:11:07Z">'
        '<meta itemprop="datePublished" content="2015-03-11T19:46:14Z">'
    )
    byline = "<p class='byline'>By Jane Doe March 11, 2015 3:46 PM</p>"
    assert run(dated_page(byline, extra_head=head)).date == "2015-03-11"
    assert run(dated_page(extra_head=head)).date == "2015-03-12"  # without it, the first stated


@pytest.mark.parametrize(
    ("shown", "published", "head", "expected"),
    [
        # 9:59 pm in the publisher's evening is the next day in UTC: the page shows its own day
        ("<p>By Jane Doe | March 5, 2024 9:59 pm ET</p>", "2024-03-06T02:59:00Z", "", "2024-03-05"),
        # the page states its offset elsewhere: the UTC time is moved into it
        ("", "2024-03-05T22:00:00Z", '<meta property="article:modified_time" content="2024-03-06T09:00:00+09:00">',
         "2024-03-06"),
        # published after its own update (both the same evening): the UTC day is the next one
        ("<p>Updated 11:21 pm CST, Tuesday, March 5, 2024</p>", "2024-03-06T05:14:35Z", "", "2024-03-05"),
        # the day shown without its year, the evening before the UTC day; its <time> says the UTC day
        ('<p>Updated <time datetime="2024-03-06T14:41:32Z">Mar 6, 9:41 AM</time></p>'
         '<p>Posted <time datetime="2024-03-06T01:19:34Z">Mar 5, 8:19 PM</time></p>', "2024-03-06T01:19:34Z", "",
         "2024-03-05"),
        # a day stated without a time is in no other time zone
        ("<p>By Jane Doe | March 6, 2024</p>", "2024-03-05", "", "2024-03-05"),
        # a stated time in the page's own offset is its day, whatever date a site header shows
        ("<p>Subscribe | March 6, 2024</p>", "2024-03-05T06:30:00-05:00", "", "2024-03-05"),
    ],
)  # fmt: skip
def test_a_day_in_the_page_s_own_time_zone(shown: str, published: str, head: str, expected: str) -> None:
    assert run(dated_page(shown, published=published, extra_head=head)).date == expected


def titled_page(title: str, h1: str | None, head: str = "", lang: str = "en") -> str:
    """A page whose only statements of headline and publication are the ones given."""
    page = article_page(title=title, title_suffix=None, site_name=None, extra_head=head)
    page = page.replace('<html lang="en">', f'<html lang="{lang}">')
    return page.replace(f"<h1>{html.escape(title)}</h1>", f"<h1>{html.escape(h1)}</h1>" if h1 else "")


@pytest.mark.parametrize(
    ("title", "h1", "head", "headline", "site"),
    [
        # Chinese and Japanese titles set the site's name after "_" or "｜" without spaces
        ("海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网", None, "",
         "海外留学生看两会：出国前后关注点大不同", "中国青年网"),
        ("宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网", "宇航员在太空中喝酒会怎么样？后果很严重", "",
         "宇航员在太空中喝酒会怎么样？后果很严重", "光明网"),
        ("トレンドマイクロ、新アプリを発表｜テック日報", None, "", "トレンドマイクロ、新アプリを発表", "テック日報"),
        # a blog on a platform: "Post @ Blog :: Platform ::"; the blog's name holds a "_" of its own
        ("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::", None,
         '<meta property="og:site_name" content="史蒂文的家_藍天">', "新竹尖石_美樹營地賞楓 (2)", "史蒂文的家_藍天"),
        # after a colon, the name itself
        ("Council approves the waterfront plan: Riverside Courier", None,
         '<meta property="og:site_name" content="Riverside Courier">', "Council approves the waterfront plan",
         "Riverside Courier"),
        # the headline's own colon and dash stay
        ("How we designed Riverside's planner - an async task framework", None,
         '<meta property="og:site_name" content="Riverside">',
         "How we designed Riverside's planner - an async task framework", "Riverside"),
        ("Russia: Space ship breaks up over Siberia", None, '<meta property="og:site_name" content="Russia Today">',
         "Russia: Space ship breaks up over Siberia", "Russia Today"),
        # a site-wide og:title agrees with neither the title nor the h1
        ("Space ship breaks up over Siberia", "Space ship breaks up over Siberia",
         '<meta property="og:title" content="Harbour News - Latest News &amp; Headlines">'
         '<meta property="og:site_name" content="Harbour News">', "Space ship breaks up over Siberia", "Harbour News"),
        # a personal site: the author's name after the headline, which the h1 gives alone
        ("On Recent Controversial Events - Jo A. Bloggs ( Jo ) ( jbloggs )", "On Recent Controversial Events", "",
         "On Recent Controversial Events", None),
        # the title's suffix when nothing else names the publication, not the host name
        ("Saving Data: Reducing the size of App Updates | Android Developers Blog", None, "",
         "Saving Data: Reducing the size of App Updates", "Android Developers Blog"),
        ("Outside the web: standalone binaries · V8", "Outside the web: standalone binaries", "",
         "Outside the web: standalone binaries", "V8"),
    ],
)  # fmt: skip
def test_headline_and_publication_from_the_title(
    title: str, h1: str | None, head: str, headline: str, site: str | None
) -> None:
    url = "http://stevenhgm.pixnet.example/blog/post/39926056"  # a blog on a platform's subdomain
    article = run(titled_page(title, h1, head), url)
    assert article.title == headline
    assert article.site_name == (site or "stevenhgm.pixnet.example")


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        # a name shouted as an address, and an address where the page names itself
        ('<meta name="application-name" content="COURIER.EXAMPLE">', "https://www.courier.example/a", "COURIER"),
        ('<meta property="og:site_name" content="riversidecourier.example"><title>A | Riverside Courier</title>',
         "https://www.riversidecourier.example/a", "Riverside Courier"),
        # a company's legal form, a platform's credit
        ('<meta property="og:site_name" content="Riverside Courier Inc">', URL, "Riverside Courier"),
        ('<meta property="og:site_name" content="Riverside Courier, LLC">', URL, "Riverside Courier"),
        ('<meta property="og:site_name" content="Fandom powered by Wikia">', "https://fandom.wikia.example/a",
         "Fandom"),
        # the name in lower case is a slug, unless the title shows it so
        ('<meta property="og:site_name" content="riversidecourier"><title>A | riversidecourier</title>',
         "https://www.riversidecourier.example/a", "riversidecourier"),
        # a regional edition of an outlet in the table, which the address names too
        ('<meta property="og:site_name" content="BBC News Mundo">', "https://www.bbc.com/mundo/noticias-1",
         "BBC News Mundo"),
        ('<meta property="og:site_name" content="Slate Magazine">', "https://slate.com/culture/2019/a.html", "Slate"),
    ],
)  # fmt: skip
def test_publication_name_as_the_publication_writes_it(head: str, url: str, expected: str) -> None:
    page = article_page(site_name=None, title_suffix=None, extra_head=head)
    if "<title>A |" in head:
        page = page.replace(f"<title>{TITLE}</title>", "")
    assert run(page, url).site_name == expected


def test_a_publication_on_a_platform_is_named_not_the_platform() -> None:
    publisher = {
        "@type": "Organization",
        "name": "Voodoo Engineering",
        "url": "https://medium.example/voodoo-engineering",
    }
    data = {"@type": "NewsArticle", "headline": TITLE, "publisher": publisher}
    page = article_page(site_name="Medium", title_suffix=" | Medium", ld=data)
    assert run(page, "https://medium.example/voodoo-engineering/cpu-profiling-d6e62a").site_name == "Voodoo Engineering"
    # the platform's own publisher object: the platform it is
    data["publisher"] = {"@type": "Organization", "name": "Medium", "url": "https://medium.example/"}
    assert (
        run(article_page(site_name="Medium", ld=data), "https://medium.example/@jo/post-d6e62a").site_name == "Medium"
    )


@pytest.mark.parametrize(
    ("stated", "under_headline", "expected"),
    [
        # a profile address after the name, double spaces, a byline in capitals
        ("Jo A. Bloggs (http://jo.example/bloggs/)", "", "Jo A. Bloggs"),
        (None, "<p class='byline'>By <a rel='author' href='/jane'>Jane  Doe</a></p>", "Jane Doe"),
        (None, "<p>By JANE DOE March 11, 2015 3:46 PM</p>", "Jane Doe"),
        ("LISA MASCARO; ERIC TUCKER", "", "Lisa Mascaro; Eric Tucker"),
        ("By MEG KINNARD and ERRIN HAINES, Associated Press", "", "Meg Kinnard and Errin Haines"),
        # a month run into the name; a form label, a month or "Last" is nobody's name
        ("Jane Doe May", "", "Jane Doe"),
        ("Username", "<p>By Erin Cunningham</p>", "Erin Cunningham"),
        ("Last", "", None),
        ("June", "", None),
        # the publisher or its company: a person the page credits comes first
        ("Riverside Media Group", "<p>By Jane Doe | March 5, 2024</p>", "Jane Doe"),
        ("Acme Holdings Inc", "", None),
        # every author, when "By" stands on a line of its own and the names follow
        (None, "<div><span>By</span><a>Matthew Digby</a>, <a>Minh Do</a> <span>on Monday, November 18th, 2019</span>"
         "</div>", "Matthew Digby, Minh Do"),
        (None, "<p><em>Posted by Andrew Hayden, Software Engineer on Google Play</em></p>", "Andrew Hayden"),
        # names in a script without capitals, after a label
        (None, "<p>作者：张三 2017-03-10 08:10</p>", "张三"),
    ],
)  # fmt: skip
def test_author_as_the_page_credits_it(stated: str | None, under_headline: str, expected: str | None) -> None:
    assert run(article_page(author=stated, before_body=under_headline)).author == expected


def test_two_author_metas_are_two_authors() -> None:
    head = '<meta name="author" content="Ann Lee"><meta name="author" content="Bo Chan">'
    assert run(article_page(author=None, extra_head=head)).author == "Ann Lee, Bo Chan"


def test_a_related_story_s_byline_after_the_article_begins_is_not_the_author() -> None:
    under = (
        "<p>AFP</p><p>30 avril 2015 à 07:19</p>"
        "<p>Laurent Fabius a accueilli jeudi matin à Roissy un premier avion spécial ramenant des rescapés.</p>"
        "<aside><h3>Sur le même sujet</h3><a href='/a'>A Katmandou, exode sous pression</a>"
        "<p>Par</p><p>Sébastien Farcis</p><p>29 avril 2015</p></aside>"
    )
    assert run(article_page(author=None, before_body=under)).author is None  # only the related story names one


def test_a_personal_site_credits_its_owner() -> None:
    data = {"@type": "Article", "headline": TITLE, "author": {"@type": "Person", "name": "Haki Benita"}}
    page = article_page(author="Haki Benita", site_name=None, title_suffix=" | Haki Benita", ld=data)
    assert run(page, "https://hakibenita.example/sql-anomaly-detection").author == "Haki Benita"
    # the publication typed as an organisation is no author
    data["author"] = {"@type": "Organization", "name": "The Riverside Courier"}
    assert run(article_page(author=None, ld=data)).author is None


def test_a_title_the_h1_repeats_whole_is_all_headline() -> None:
    title = "Take C.A.R.E. - comwrap auf der DMEXCO 2018"
    article = run(titled_page(title, title), "https://blog.comwrap.example/comwrap-auf-der-dmexco-2018")
    assert (article.title, article.site_name) == (title, "blog.comwrap.example")


def test_of_two_stated_authors_the_one_the_byline_shows_wins() -> None:
    head = '<meta name="byl" content="By David Jeans">'
    page = article_page(author="Kevin Rebong", extra_head=head, before_body="<p>By David Jeans | Nov. 18, 2019</p>")
    assert run(page).author == "David Jeans"
    assert run(article_page(author="Kevin Rebong", extra_head=head)).author == "Kevin Rebong"  # no byline shown
