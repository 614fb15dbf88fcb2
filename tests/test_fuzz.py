"""Malformed and adversarial HTML through extraction and post writing: nothing but clean clipper
errors. A short run is part of the suite; for a long one:

    CLIPPER_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clipper.errors import ClipperError, NoArticleError
from clipper.extraction.extract import extract
from clipper.posts.frontmatter import parse
from clipper.posts.model import compose
from clipper.settings import Settings
from clipper.web.page import Page, decode_html, looks_binary
from clipper.workflows.choice import Choice, quotes
from clipper.workflows.compose import compose as draft_of
from clipper.workflows.loading import Clipping, Loaded
from clipper.workflows.plan import GrabPlan

EXAMPLES = int(os.environ.get("CLIPPER_FUZZ_EXAMPLES", "120"))
# The short run in the suite is the same every time (a test run must not fail by luck); a long run
# asked for with CLIPPER_FUZZ_EXAMPLES explores new inputs.
FIXED = "CLIPPER_FUZZ_EXAMPLES" not in os.environ
TAGS = [
    "html",
    "head",
    "body",
    "article",
    "main",
    "div",
    "p",
    "span",
    "a",
    "h1",
    "h2",
    "h5",
    "em",
    "center",
    "ul",
    "li",
    "table",
    "tr",
    "td",
    "script",
    "style",
    "title",
    "meta",
    "br",
    "img",
    "iframe",
    "svg",
    "math",
    "template",
    "noscript",
    "blockquote",
    "pre",
    "code",
    "figure",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "!--",
    "![CDATA[",
]
ATTRS = [
    'class="article"',
    'id="content"',
    'property="og:title" content="T<>"',
    'href="javascript:x"',
    'charset="utf-7"',
    'http-equiv="refresh" content="0;url=file:///etc"',
    'style="display:none"',
    "hidden",
    'type="application/ld+json"',
    'lang="zz"',
    'onerror="x()"',
    'rel="canonical" href="file:///x"',
    'class="article__standfirst"',
    'class="body"',
    'style="text-align: center"',
]
WORDS = [
    "The council voted on Tuesday",
    "\x00",
    "\ufffd",
    "&nbsp;",
    "&#0;",
    "&bogus;",
    "<<<",
    ">>>",
    "{{x}}",
    '{"@type": "NewsArticle", "headline": [1, {}], "author": {"name": null}}',
    "é" * 40,
    "\u202e",
    "\r\n",
    "a " * 200,
    "¯\\_(ツ)_/¯",
    "]]>",
    "--->",
]


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag} {draw(st.sampled_from(ATTRS))}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(WORDS)))
        elif kind == 3:
            parts.append(draw(st.text(max_size=30)))
        else:
            depth = draw(st.integers(1, 300))
            parts.append("<div>" * depth + draw(st.sampled_from(WORDS)))
    text = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "shift_jis", "latin-1"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=FIXED)
@given(data=html_pages())
def test_malformed_html_gives_a_post_or_a_clean_error(data: bytes) -> None:
    if looks_binary(data):
        return  # refused before extraction (fetch and load_file check this)
    text, encoding = decode_html(data)
    page = Page(
        url="https://news.example/a", final_url="https://news.example/a", content=data, text=text, encoding=encoding
    )
    try:
        article = extract(page)
    except ClipperError:
        return
    plan = GrabPlan(settings=Settings(), folder=Path("drafts"), created=datetime(2026, 1, 1, tzinfo=timezone.utc))
    choice = Choice(quotes=quotes(article, [1]), title="")
    post = draft_of(Clipping(loaded=Loaded(page=page), article=article), choice, plan).post
    meta, _, _ = parse(compose(post))
    assert meta["source_url"].startswith("https://news.example/")


def test_html_that_trips_the_libraries_is_a_clean_error() -> None:
    data = b'<iframe class="article"><html class="article">'  # an assertion deep in htmldate, once
    page = Page(
        url="https://news.example/a",
        final_url="https://news.example/a",
        content=data,
        text=data.decode(),
        encoding="utf-8",
    )
    with pytest.raises(NoArticleError, match=r"https://news\.example/a"):
        extract(page)
