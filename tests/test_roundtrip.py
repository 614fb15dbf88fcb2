"""Text from a page is data, never markup: hostile headlines, names and paragraphs come out of the
post as the same visible text, and the front matter parses back to the same values."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from clipper.posts.frontmatter import parse
from clipper.posts.model import Post, Quote, compose
from clipper.settings import PostSettings

MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "](javascript:alert(1))",
    "*",
    "_",
    "[",
    "]",
    "`",
    "```",
    "\n---\n",
    "\n+++\n",
    "---",
    "+++",
    "{{< shortcode >}}",
    "{{% x %}}",
    "{% liquid %}",
    "{{ var }}",
    "<!--",
    "-->",
    "&amp;",
    "&#x3C;",
    "\\",
    "#",
    "> ",
    "1. ",
    "- ",
    "|",
    "~~",
    "$$",
    "https://evil.example",
    "www.evil.example",
    "me@evil.example",
    '"',
    "'",
    "\t",
    "=",
    ":",
    "\u2028",
    "é",
    "☃",
    "🙂",
]
PIECES = st.one_of(
    st.sampled_from(MARKUP), st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=5)
)
TEXT = st.lists(PIECES, min_size=1, max_size=12).map("".join).map(lambda t: " ".join(t.split())).filter(bool)
MD = MarkdownIt("commonmark")
SOURCE = "https://news.example/story?id=1&x=(2)"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str | None] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        elif attrs:
            self.tags.append(f"{tag} with attributes")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(text: str) -> str:
    import re

    return " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text).split())


@settings(
    max_examples=int(os.environ.get("CLIPPER_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize="CLIPPER_FUZZ_EXAMPLES" not in os.environ,  # the suite's run is the same every time
)
@given(
    title=TEXT,
    site=TEXT,
    author=TEXT,
    headline=TEXT,
    paragraphs=st.lists(TEXT, min_size=1, max_size=3),
    fmt=st.sampled_from(["toml", "yaml"]),
)
def test_post_round_trips(title: str, site: str, author: str, headline: str, paragraphs: list[str], fmt: str) -> None:
    post = Post(
        title=title,
        created=datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc),
        source_url=SOURCE,
        quotes=tuple(Quote(number=i + 1, kind="p", text=p) for i, p in enumerate(paragraphs)),
        source_words=1000,
        source_name=site,
        source_title=headline,
        source_author=author,
    )
    meta, body, found = parse(compose(post, PostSettings(front_matter=fmt)))
    assert found == fmt
    assert (meta["title"], meta["source_name"], meta["source_author"], meta["source_title"]) == (
        title,
        site,
        author,
        headline,
    )
    assert meta["source_url"] == SOURCE and meta["draft"] is True

    html = _Collect()
    html.feed(MD.render(body))
    assert set(html.tags) <= {"p", "blockquote", "br", "a"}, html.tags
    assert html.links == ["https://news.example/story?id=1&x=%282%29"]  # only the continue link
    shown = visible(" ".join(html.text))
    expected = visible(" ".join([f"{site} reports:", *paragraphs, "[Continue reading…]"]))
    assert shown == expected
