"""The bookmarklet and the picker page in a real Chromium, against `clipper serve` run as its own
process and article pages served over https under a public name, with strict security headers."""

from __future__ import annotations

import gzip
import html
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from clipper.posts import postfile

from browser import (
    EVIL,
    NEWS,
    Served,
    bookmarklet_code,
    chromium,
    click_bookmarklet,
    missing,
    other_window,
    tls_context,
)
from browser import wait_for as wait
from conftest import unavailable
from pages import PARAGRAPHS, article_page
from siteserver import Handler, Site
from wordpress import WordPress

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

pytestmark = pytest.mark.slow

STRICT = {
    # What a careful news site sends: no connections, no forms, no frames to anywhere else.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-src 'none'; base-uri 'none'",
}
SEVERING = {"Cross-Origin-Opener-Policy": "same-origin"}  # windows it opens lose their opener
LATE = "This paragraph was added by the page's own script after it loaded, as many sites build their text."
ADD_PARAGRAPH = f"""
document.addEventListener("DOMContentLoaded", function () {{
  var p = document.createElement("p");
  p.textContent = {LATE!r};
  document.querySelector(".article-body").appendChild(p);
}});
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Site]]:
    """The news site and another one, over https, for the whole module."""
    reason = missing()
    if reason is not None:
        unavailable(f"no browser tests here: {reason}")
    context = tls_context(tmp_path_factory.mktemp("tls"))
    news, evil = Site(tls=context, name=NEWS).start(), Site(tls=context, name=EVIL).start()
    yield news, evil
    news.stop()
    evil.stop()


@pytest.fixture(scope="module")
def driver(sites: tuple[Site, Site]) -> Iterator[WebDriver]:
    news, evil = sites
    browser = chromium([news.port, evil.port])
    yield browser
    browser.quit()


@pytest.fixture
def browser(driver: WebDriver, sites: tuple[Site, Site]) -> Iterator[WebDriver]:
    """The module's browser, left with one window and the sites with no routes after each test."""
    yield driver
    for site in sites:
        site.routes.clear()
    handles = driver.window_handles
    for handle in handles[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(handles[0])
    driver.get("about:blank")


@pytest.fixture
def served(isolated: Path) -> Iterator[Served]:
    server = Served(isolated)
    yield server
    server.stop()


def article(
    site: Site, path: str = "/2024/03/05/council-votes", headers: dict[str, str] | None = None, **kw: Any
) -> str:
    """An article page at `path`, sent with `headers`, whose script adds a last paragraph."""
    page = article_page(extra_head='<script src="/app.js"></script>', **kw)
    site.routes["/app.js"] = lambda h: h.send_page(ADD_PARAGRAPH, content_type="text/javascript")
    site.routes[path] = lambda h: h.send_page(page, headers={**STRICT, **(headers or {})})
    return site.url(path)


def picker(browser: WebDriver, served: Served, url: str) -> str:
    """Open `url`, click the bookmarklet, and go to the picker it opens; its window's handle."""
    code = bookmarklet_code(browser, served.url)
    browser.get(url)
    wait(lambda: browser.execute_script("return document.readyState") == "complete")
    known = set(browser.window_handles)
    click_bookmarklet(browser, code)
    handle = other_window(browser, known)
    browser.switch_to.window(handle)
    shown(browser)
    return handle


def shown(browser: WebDriver) -> None:
    wait(lambda: browser.execute_script("return !document.getElementById('picker').hidden"))


def ticked(browser: WebDriver) -> list[int]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#blocks input')].map((b, i) => b.checked ? i + 1 : 0).filter(Boolean)"
    )


def text_of(browser: WebDriver, element_id: str) -> str:
    return browser.execute_script(f"return document.getElementById('{element_id}').textContent")


def press(browser: WebDriver, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys(*keys).perform()


def written(browser: WebDriver, folder: Path) -> Path:
    """The draft the picker says it wrote, once it says so."""
    line = wait(lambda: text_of(browser, "written"))
    assert line.startswith("Written: ")
    path = folder / line.removeprefix("Written: ")
    assert path.is_file()
    return path


def test_the_bookmarklet_sends_the_page_as_shown_and_the_picker_writes_the_draft(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    url = article(news)
    code = bookmarklet_code(browser, served.url)
    browser.get(url)
    wait(lambda: LATE in browser.execute_script("return document.body.textContent"))
    # The page's conditions are those of the web: a plain fetch to clipper, or a form, goes nowhere.
    fetched = browser.execute_async_script(
        "fetch(arguments[0], {method: 'POST', body: 'x'})"
        ".then(() => arguments[1]('sent'), e => arguments[1]('blocked'))",
        served.url + "api/pages",
    )
    assert fetched == "blocked"
    known = set(browser.window_handles)
    click_bookmarklet(browser, code)
    browser.switch_to.window(other_window(browser, known))
    shown(browser)

    assert browser.current_url.startswith(served.origin + "/clip#")
    blocks = browser.execute_script("return [...document.querySelectorAll('#blocks .text')].map(t => t.textContent)")
    assert blocks == [*PARAGRAPHS, LATE]  # the paragraph the page's script added is there
    assert ticked(browser) == [1, 2, 3, 4]  # the lead, as the terminal's picker offers it
    assert text_of(browser, "share").startswith("Quoting 1-4: ")
    assert browser.execute_script("return document.querySelectorAll('input[type=checkbox]').length") == len(blocks)
    assert text_of(browser, "write") == "Write draft"
    assert browser.execute_script("return document.getElementById('push').hidden")

    press(browser, "4", "7")  # number keys: untick 4, tick the late paragraph
    wait(lambda: ticked(browser) == [1, 2, 3, 7])
    assert text_of(browser, "share").startswith("Quoting 1-3,7: ")
    title = browser.find_element("id", "title")
    title.clear()
    title.send_keys("Waterfront plan approved")
    browser.find_element("id", "note").send_keys("The river, at last.")
    browser.find_element("id", "tags").send_keys("city, rivers")
    title.send_keys("\n")  # Enter writes

    path = written(browser, isolated)
    assert path.parent == isolated / "drafts"
    post = postfile.read(path)
    meta = post.meta
    assert meta["title"] == "Waterfront plan approved"
    assert meta["quoted"] == "1-3,7"
    assert meta["source_url"] == url
    assert meta["source_name"] == "The Riverside Courier"
    assert meta["tags"] == ["city", "rivers"]
    assert "fetch_status" not in meta and meta["fetched"]
    assert LATE in post.body and PARAGRAPHS[0] in post.body and PARAGRAPHS[3] not in post.body
    assert "The river, at last." in post.body
    # The snapshot is the HTML the browser sent: the page after its script ran.
    kept = gzip.decompress((path.parent / meta["snapshot"]).read_bytes()).decode("utf-8")
    assert LATE in kept
    # The picker shows the post as it will read.
    assert text_of(browser, "post-title") == "Waterfront plan approved"
    assert "The Riverside Courier reports:" in text_of(browser, "post-body")
    assert LATE in text_of(browser, "post-body")


def test_a_selection_on_the_page_ticks_the_paragraphs_that_hold_it(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    url = article(news)
    code = bookmarklet_code(browser, served.url)
    browser.get(url)
    wait(lambda: LATE in browser.execute_script("return document.body.textContent"))
    # From the middle of the third paragraph to the middle of the fifth, as a mouse would select.
    browser.execute_script(
        """const ps = document.querySelectorAll('.article-body p');
        const range = document.createRange();
        range.setStart(ps[2].firstChild, 20);
        range.setEnd(ps[4].firstChild, 30);
        getSelection().removeAllRanges();
        getSelection().addRange(range);"""
    )
    known = set(browser.window_handles)
    click_bookmarklet(browser, code)
    browser.switch_to.window(other_window(browser, known))
    shown(browser)
    assert ticked(browser) == [3, 4, 5]
    assert "selection" in text_of(browser, "status")
    press(browser, "\n")
    post = postfile.read(written(browser, isolated))
    assert post.meta["quoted"] == "3-5"


def test_the_picker_marks_furniture_and_doubts_and_the_post_carries_its_review(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    furniture = ["Jo Bloggs/Getty Images", "By Jane Doe, Senior Correspondent"]
    url = article(news, paragraphs=[*furniture, *PARAGRAPHS], site_name=None, title_suffix=None)
    picker(browser, served, url)
    marks = browser.execute_script(
        "return [...document.querySelectorAll('#blocks li')].map(l => l.querySelector('.mark')?.textContent || '')"
    )
    assert marks[:3] == ["caption?", "byline?", ""]
    assert ticked(browser) == [3, 4, 5, 6]  # the lead passes over the furniture, as on the terminal
    publication = browser.find_element("id", "site").find_element("xpath", "..")
    assert "doubted" in (publication.get_attribute("class") or "")
    assert publication.get_attribute("title") == "only the site's address names it"
    assert text_of(browser, "doubts") == "publication? only the site's address names it"
    press(browser, "1")  # quote the caption too: a doubtful lead
    wait(lambda: ticked(browser) == [1, 3, 4, 5, 6])
    press(browser, "\n")
    path = written(browser, isolated)
    assert postfile.read(path).meta["review"] == ["lead", "publication"]
    notes = browser.execute_script("return [...document.querySelectorAll('#warnings li')].map(l => l.textContent)")
    assert "to review: lead, publication" in notes


def test_a_page_already_drafted_says_so_and_writes_nothing(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    url = article(news)
    saved = isolated / "saved.html"
    saved.write_text(article_page(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "clipper", "grab", str(saved), "--url", url, "--lead", "2"],
        cwd=isolated, capture_output=True, text=True, check=True,
    )  # fmt: skip
    first = done.stdout.strip()
    code = bookmarklet_code(browser, served.url)
    browser.get(url)
    known = set(browser.window_handles)
    click_bookmarklet(browser, code)
    browser.switch_to.window(other_window(browser, known))
    status = wait(lambda: "Already" in text_of(browser, "status") and text_of(browser, "status"))
    assert status == f"Already drafted, in {first}: nothing was written."
    assert browser.execute_script("return document.getElementById('picker').hidden")
    assert sorted(p.name for p in (isolated / "drafts").glob("*.md")) == [Path(first).name]


HOSTILE = [
    '<img src=x onerror="window.top.pwned = (window.top.pwned || 0) + 1; alert(1)"> said the council.',
    "<script>window.pwned = 1; alert(2)</script> The plan passed seven to two after a long night of debate.",
    'A link: <a href="javascript:alert(3)">javascript:alert(3)</a> and <b onmouseover="alert(4)">bold</b> words.',
    "Opponents warned that the budget leaves no margin for the flood defences the site will need soon.",
]


def test_a_hostile_page_shows_its_text_as_text_and_runs_nothing(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    url = article(news, title='<svg onload="alert(5)"> Council <i>approves</i> plan', paragraphs=HOSTILE)
    handle = picker(browser, served, url)
    assert handle
    texts = browser.execute_script("return [...document.querySelectorAll('#blocks .text')].map(t => t.textContent)")
    assert texts[: len(HOSTILE)] == HOSTILE  # the markup is shown as the page's text
    assert browser.find_element("id", "title").get_attribute("value").startswith('<svg onload="alert(5)">')
    press(browser, "\n")
    written(browser, isolated)
    # Nothing of the page's text became an element, and nothing of it ran.
    made = "main img, main svg, main script, main b, #blocks a, #post-body a"
    assert browser.execute_script(f"return document.querySelectorAll('{made}').length") == 0
    assert browser.execute_script("return window.pwned") is None
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    # The page's policy refuses markup from a string, whatever a script would try.
    refused = browser.execute_script(
        "try { document.body.innerHTML = '<b>x</b>'; return 'set'; } catch (e) { return e.name; }"
    )
    assert refused == "TypeError"
    assert html.escape(HOSTILE[0]) not in text_of(browser, "post-body")  # shown once, as text, not escaped twice
    assert HOSTILE[0] in text_of(browser, "post-body")


def test_a_page_that_cuts_off_its_windows_sends_itself_by_a_form(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    url = article(news, headers={**SEVERING, "Content-Security-Policy": "connect-src 'none'"})
    code = bookmarklet_code(browser, served.url)
    browser.get(url)
    wait(lambda: LATE in browser.execute_script("return document.body.textContent"))
    article_tab = browser.current_window_handle
    click_bookmarklet(browser, code)
    # The article's own tab goes to the picker; the window it cut off closes itself.
    wait(lambda: browser.current_url.startswith(served.origin + "/clip#"))
    shown(browser)
    wait(lambda: browser.window_handles == [article_tab])
    assert ticked(browser) == [1, 2, 3, 4]
    # A reload shows the same page again (a GET: the form is not sent twice); clipper set no cookie,
    # which every server on 127.0.0.1 would be sent.
    browser.refresh()
    shown(browser)
    assert browser.get_cookies() == []
    press(browser, "\n")
    post = postfile.read(written(browser, isolated))
    assert post.meta["source_url"] == url and LATE in gzip.decompress(
        (post.path.parent / post.meta["snapshot"]).read_bytes()
    ).decode("utf-8")


def test_a_page_that_cuts_off_its_windows_and_refuses_forms_says_to_save_it(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, _ = sites
    url = article(news, headers=SEVERING)  # and the strict policy: forms only to itself
    code = bookmarklet_code(browser, served.url)
    browser.get(url)
    click_bookmarklet(browser, code)
    alert = wait(lambda: _alert(browser))
    assert alert.text.startswith("clipper: this page keeps its content to itself")
    assert "clipper grab FILE --url ADDRESS" in alert.text
    alert.accept()
    assert browser.current_url == url and not (isolated / "drafts").exists()


def _alert(browser: WebDriver) -> Any:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = browser.switch_to.alert
        alert.text  # noqa: B018 - raises when there is none
        return alert
    except NoAlertPresentException:
        return None


def test_requests_forged_by_another_site_write_nothing(
    browser: WebDriver, sites: tuple[Site, Site], served: Served, isolated: Path
) -> None:
    news, evil = sites
    url = article(news)
    # The curator has a page held in a picker: its address is what a forger would aim at.
    picker(browser, served, url)
    clip = browser.current_url.rsplit("#", 1)[1]
    browser.switch_to.window(browser.window_handles[0])

    def forge(route: Handler) -> None:
        route.send_page(
            f"""<!DOCTYPE html><html><body><script>
            const base = {served.origin!r};
            const page = {{url: {url!r}, html: "<p>forged</p>", type: "text/html", selection: ""}};
            window.results = [];
            for (const [path, body] of [
                ["/api/pages", JSON.stringify(page)],
                ["/api/clips/{clip}/write", JSON.stringify({{numbers: [1, 2]}})],
            ]) {{
              fetch(base + path, {{method: "POST", mode: "no-cors", credentials: "include",
                                   headers: {{"Content-Type": "text/plain"}}, body}})
                .then(r => results.push(path + " sent"), e => results.push(path + " failed"));
            }}
            </script>
            <form method="post" action="{served.origin}/api/clips/{clip}/write" enctype="text/plain">
              <input name='{{"numbers": [1], "x": "' value='"}}'></form>
            <form method="post" action="{served.origin}/clip"><input name="url" value="{url}">
              <input name="html" value="<p>forged</p>"><input name="key" value="guessed"></form>
            </body></html>"""
        )

    evil.routes["/"] = forge
    browser.get(evil.url("/"))
    wait(lambda: len(browser.execute_script("return window.results") or []) == 2)
    for index in (0, 1):
        browser.get(evil.url("/"))
        browser.execute_script(f"document.forms[{index}].submit()")
        wait(lambda: browser.current_url.startswith(served.origin))
        body = wait(lambda: browser.execute_script("return document.body && document.body.textContent"))
        assert body.startswith("clipper: refused:")
    assert not (isolated / "drafts").exists() or not list((isolated / "drafts").glob("*.md"))


def test_write_and_push_sends_the_draft_to_wordpress(
    browser: WebDriver, sites: tuple[Site, Site], wp_site: WordPress, isolated: Path
) -> None:
    news, _ = sites
    url = article(news, path="/2024/03/06/pushed", title="Waterfront plan goes to the printers")
    server = Served(
        isolated,
        env={
            "CLIPPER_WORDPRESS_URL": wp_site.url,
            "CLIPPER_WORDPRESS_USER": wp_site.user,
            "CLIPPER_WORDPRESS_PASSWORD": wp_site.password,
        },
    )
    try:
        picker(browser, server, url)
        push = browser.find_element("id", "push")
        assert push.is_displayed() and push.text == "Write and push"
        push.click()
        path = written(browser, isolated)
        lines = wait(
            lambda: browser.execute_script(
                "return [...document.querySelectorAll('#warnings li')].map(l => l.textContent)"
            )
        )
    finally:
        server.stop()
    meta = postfile.read(path).meta
    assert lines[-1] == f"Pushed to WordPress (draft): {meta['wordpress_url']}"
    assert lines[0].startswith("warning: quoting ")  # the share warning, as the command line gives it
    remote = wp_site.rest("GET", f"/wp/v2/posts/{meta['wordpress_id']}", context="edit").json()
    assert remote["title"]["raw"] == "Waterfront plan goes to the printers" and remote["status"] == "draft"
    assert PARAGRAPHS[0] in remote["content"]["raw"]
