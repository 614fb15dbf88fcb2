"""Small feeds (RSS 2.0, RDF, Atom, JSON Feed) and pages linking them, written by the tests themselves."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

START = datetime(2026, 11, 2, 7, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    when: datetime
    summary: str
    ident: str


def entries(count: int, first: int = 1, site: str = "https://news.example") -> list[Entry]:
    """Articles numbered `first`..., an hour apart, oldest first."""
    return [
        Entry(
            f"Story {n}: the council & the river",
            f"{site}/2026/story-{n}",
            START + timedelta(hours=n),
            f"<p>What happened in <b>story {n}</b>, in a sentence.</p>",
            f"tag:news.example,2026:{n}",
        )
        for n in range(first, first + count)
    ]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def rss(items: list[Entry], title: str = "News Example", link: str = "https://news.example/") -> bytes:
    """RSS 2.0, newest item first as feeds list them."""
    body = "".join(
        f"<item><title>{_e(e.title)}</title><link>{_e(e.url)}</link>"
        f'<guid isPermaLink="false">{_e(e.ident)}</guid><pubDate>{format_datetime(e.when)}</pubDate>'
        f"<description>{_e(e.summary)}</description></item>\n"
        for e in reversed(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{_e(title)}</title><link>{_e(link)}</link><description>News</description>\n{body}</channel></rss>"
    ).encode()


def rdf(items: list[Entry], title: str = "News Example", link: str = "https://news.example/") -> bytes:
    """RSS 1.0 (RDF) with Dublin Core dates."""
    body = "".join(
        f'<item rdf:about="{_e(e.url)}"><title>{_e(e.title)}</title><link>{_e(e.url)}</link>'
        f"<dc:date>{e.when.isoformat()}</dc:date><description>{_e(e.summary)}</description></item>\n"
        for e in reversed(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{_e(link)}"><title>{_e(title)}</title><link>{_e(link)}</link>'
        f"<description>News</description></channel>\n{body}</rdf:RDF>"
    ).encode()


def atom(items: list[Entry], title: str = "News Example", link: str = "https://news.example/") -> bytes:
    """Atom 1.0 with HTML summaries."""
    body = "".join(
        f'<entry><title type="html">{_e(e.title)}</title><link rel="alternate" type="text/html" href="{_e(e.url)}"/>'
        f"<id>{_e(e.ident)}</id><published>{e.when.isoformat()}</published><updated>{e.when.isoformat()}</updated>"
        f'<summary type="html">{_e(e.summary)}</summary></entry>\n'
        for e in reversed(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{_e(title)}</title><link rel="alternate" href="{_e(link)}"/><id>urn:example</id>'
        f"<updated>{START.isoformat()}</updated>\n{body}</feed>"
    ).encode()


def json_feed(items: list[Entry], title: str = "News Example", link: str = "https://news.example/") -> bytes:
    """JSON Feed 1.1."""
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "home_page_url": link,
            "items": [
                {
                    "id": e.ident,
                    "url": e.url,
                    "title": e.title,
                    "content_html": e.summary,
                    "date_published": e.when.isoformat().replace("+00:00", "Z"),
                }
                for e in reversed(items)
            ],
        }
    ).encode()


FORMATS = {
    "rss": (rss, "application/rss+xml"),
    "rdf": (rdf, "application/rdf+xml"),
    "atom": (atom, "application/atom+xml"),
    "json": (json_feed, "application/feed+json"),
}


def page_linking(*links: tuple[str, str, str], base: str | None = None) -> str:
    """An HTML page whose head links feeds: (media type, href, title) each."""
    head = "".join(f'<link rel="alternate" type="{t}" href="{_e(h)}" title="{_e(n)}">' for t, h, n in links)
    base_tag = f'<base href="{_e(base)}">' if base else ""
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>News Example</title>{base_tag}'
        '<link rel="stylesheet" href="/site.css">'
        f"{head}</head><body><h1>News Example</h1><p>Front page.</p></body></html>"
    )
