"""The credits an editor publishes (headline, publication, author, date), each rule shown on a small
page written here."""

from __future__ import annotations

import json

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
