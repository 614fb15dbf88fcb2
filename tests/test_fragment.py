"""`post.link_to_quote`: the link after the quote carries a text fragment (#:~:text=…) made from the
words where the quote stops, percent-encoded as the syntax requires, and a real browser (Debian's
Chromium, headless) opens the article right there."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.posts.fragment import directive, first_words, last_words, link
from clipper.posts.frontmatter import parse

from conftest import unavailable
from pages import PARAGRAPHS, article_page
from siteserver import Site

runner = CliRunner()
LINK = re.compile(r"\[\\\[Continue reading…\\\]\]\((\S+)\)")
# a paragraph whose first words hold the characters that separate a text directive's parts
AFTER = "Rock-and-roll, jazz & blues: the river festival returns in June, the council said on Tuesday."


def continue_link(path: str) -> str:
    _, body, _ = parse(Path(path).read_text(encoding="utf-8"))
    found = LINK.search(body)
    assert found, body
    return found.group(1)


def grab(url: str, *args: str) -> str:
    result = runner.invoke(app, ["grab", url, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def test_the_directive_is_percent_encoded_as_the_syntax_requires() -> None:
    assert (
        directive("Rock-and-roll, jazz & blues: 50% off!")
        == "Rock%2Dand%2Droll%2C%20jazz%20%26%20blues:%2050%25%20off!"
    )
    assert directive("“Quoted” café") == "%E2%80%9CQuoted%E2%80%9D%20caf%C3%A9"
    assert directive("a\n  b") == "a%20b"
    assert link("https://news.example/a", "x y") == "https://news.example/a#:~:text=x%20y"
    assert link("https://news.example/a#top", "x") == "https://news.example/a#top:~:text=x"


def test_the_words_where_a_paragraph_begins_and_ends() -> None:
    assert first_words(PARAGRAPHS[2]) == "Supporters said the vote would finally"
    assert last_words(PARAGRAPHS[5]) == "new river park and its paths."
    assert first_words("first line here\nsecond line") == "first line here"
    japanese = "消費増税の影響で、個人消費が落ち込んだ。政府は対策を急ぐ。"
    assert (first_words(japanese), last_words(japanese)) == ("消費増税の影響で、", "政府は対策を急ぐ。")


def test_off_by_default_and_on_with_the_setting(site: Site, isolated: Path) -> None:
    url = site.page("/news/plan", article_page(paragraphs=[*PARAGRAPHS[:2], AFTER, *PARAGRAPHS[2:]]))
    assert continue_link(grab(url, "--pick", "1-2")) == url
    (isolated / "clipper.toml").write_text("[post]\nlink_to_quote = true\n")
    expected = f"{url}#:~:text=Rock%2Dand%2Droll%2C%20jazz%20%26%20blues:%20the%20river"
    assert continue_link(grab(url, "--pick", "1-2", "--force")) == expected
    # a quote that ends the article: the link opens at its own last words
    post = grab(url, "--pick", "6-7", "--force")
    ending = continue_link(post)
    assert ending == f"{url}#:~:text=new%20river%20park%20and%20its%20paths."
    rendered = runner.invoke(app, ["render", Path(post).stem, "--format", "html"]).stdout
    assert 'href="' + ending + '"' in rendered  # as WordPress and any editor get it


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, under Selenium."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        unavailable("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (the test extra)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=900,700"):
        options.add_argument(argument)
    session = webdriver.Chrome(service=Service(driver), options=options)
    try:
        yield session
    finally:
        session.quit()


def opened_at(browser: Any, address: str) -> str:
    """The text of the first paragraph the browser shows at the top of its window after opening
    `address` (the page is long: a paragraph to a screen)."""
    browser.get("about:blank")
    browser.get(address)
    deadline = time.monotonic() + 5
    shown = ""
    while time.monotonic() < deadline:
        shown = browser.execute_script(
            "return [...document.querySelectorAll('.article-body p')]"
            ".find(p => p.getBoundingClientRect().bottom > 0)?.textContent || ''"
        )
        if browser.execute_script("return window.scrollY") > 0:
            break
        time.sleep(0.1)
    return str(shown)


@pytest.mark.slow
def test_a_browser_opens_the_article_where_the_quote_stops(site: Site, isolated: Path, browser: Any) -> None:
    paragraphs = [*PARAGRAPHS[:2], AFTER, *PARAGRAPHS[2:]]
    tall = article_page(paragraphs=paragraphs).replace("<p>", '<p style="margin-bottom: 1200px">')
    url = site.page("/news/tall", tall)
    (isolated / "clipper.toml").write_text("[post]\nlink_to_quote = true\n")
    assert opened_at(browser, url) == PARAGRAPHS[0]  # without a fragment: the top of the article
    assert opened_at(browser, continue_link(grab(url, "--pick", "1-2"))) == AFTER
    assert opened_at(browser, continue_link(grab(url, "--pick", "5-7", "--force"))) == PARAGRAPHS[5]
    # what the encoding is for: the same words unencoded are read as the directive's syntax, not found
    assert opened_at(browser, f"{url}#:~:text=Rock-and-roll, jazz") == PARAGRAPHS[0]
