from __future__ import annotations

import pytest

from clipper.web.urls import article_url, dedup_key, is_web_url, same_site, strip_tracking


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ex.com/a?utm_source=x&utm_medium=y", "https://ex.com/a"),
        ("https://ex.com/a?id=3&fbclid=abc&gclid=1#comments", "https://ex.com/a?id=3"),
        ("https://ex.com/a?page=2", "https://ex.com/a?page=2"),
        ("https://ex.com/a?UTM_Campaign=z&mc_cid=1&s=keep", "https://ex.com/a?s=keep"),
    ],
)
def test_strip_tracking(url: str, expected: str) -> None:
    assert strip_tracking(url) == expected


def test_article_url_prefers_a_canonical_link_on_the_same_site() -> None:
    final = "https://www.ex.com/story?utm_source=rss"
    assert article_url(final, "https://ex.com/2024/story") == "https://ex.com/2024/story"
    assert article_url(final, "/2024/story?gclid=1") == "https://www.ex.com/2024/story"
    # a canonical link to another site (syndicated copies, hijacked pages) is not trusted
    assert article_url(final, "https://other.org/story") == "https://www.ex.com/story"
    assert article_url(final, None) == "https://www.ex.com/story"
    assert article_url(final, "javascript:alert(1)") == "https://www.ex.com/story"


def test_saved_page_without_address_uses_its_canonical_link() -> None:
    assert article_url("", "https://ex.com/story?utm_medium=x") == "https://ex.com/story"
    assert article_url("", None) == ""


def test_dedup_key_ignores_what_does_not_change_the_article() -> None:
    base = dedup_key("https://ex.com/2024/story")
    for variant in [
        "http://ex.com/2024/story",
        "https://WWW.EX.COM/2024/story/",
        "https://ex.com/2024/story?utm_source=x#top",
        "https://ex.com:443/2024/story",
    ]:
        assert dedup_key(variant) == base, variant
    assert dedup_key("https://ex.com/2024/other") != base
    assert dedup_key("https://ex.com/2024/story?id=2") != base
    assert dedup_key("https://ex.com/a?b=2&a=1") == dedup_key("https://ex.com/a?a=1&b=2")


def test_same_site_and_web_urls() -> None:
    assert same_site("https://www.ex.com/a", "https://amp.ex.com/b")
    assert not same_site("https://ex.com/a", "https://notex.com/a")
    assert is_web_url("http://127.0.0.1:8000/x")
    assert not is_web_url("mailto:a@b.c")
    assert not is_web_url("/tmp/page.html")


@pytest.mark.parametrize("url", ["http://[::1/story", "https://news.example:99999/story", "http://[zz]/"])
def test_a_malformed_address_is_no_web_url_and_breaks_nothing(url: str) -> None:
    """Pages and feeds give whatever their authors typed: a broken host or port is refused, not a crash."""
    assert not is_web_url(url)
    assert dedup_key(url) == url
    assert strip_tracking(url) == url
    assert article_url("https://ex.com/story", url) == "https://ex.com/story"
    assert not same_site(url, "https://news.example/")
