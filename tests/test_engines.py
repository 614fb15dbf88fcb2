"""The posts build in Hugo (TOML front matter) and Jekyll (YAML front matter): the page shows the
attribution, one blockquote of the chosen paragraphs in order and the link to the source, with no
front matter warnings and nothing injected by hostile page text. Skipped where an engine is not
installed (CI installs both)."""

from __future__ import annotations

import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from clipper.cli import app

from conftest import require
from pages import PARAGRAPHS, article_page
from siteserver import Site

runner = CliRunner()
HOSTILE = [
    "<script>alert('x')</script> and <img src=x onerror=alert(1)> stay text, says the council.",
    "Shortcodes {{< youtube id >}} and {{% notice %}} and Liquid {% include evil.html %} {{ site.title }} stay text.",
    "Markdown *stars* _under_ `code` [link](javascript:alert(1)) ![img](x.png) stays text too.",
    "Names with underscores inside, snake_case_name and 史蒂文的家_藍天, are no emphasis either.",
    "---",
    "+++ and | table | cells | and $$math$$ and ~~strike~~ and a line of = signs",
]
HOSTILE_TITLE = "Council <b>plan</b> {{ .Site.Title }} {% raw %} --- *vote*"
ELEMENTS = {"h1", "p", "blockquote", "a", "br"}


class Page(HTMLParser):
    """The article element of a built page: its tags, the blockquote's paragraphs, the links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.tags: list[str] = []
        self.quotes: list[str] = []
        self.paragraphs: list[str] = []
        self.links: list[tuple[str | None, str]] = []
        self.title = ""
        self._stack: list[str] = []
        self._text: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside += 1
            return
        if not self.inside:
            return
        self.tags.append(tag)
        self._stack.append(tag)
        if tag in ("p", "h1"):
            self._text = []
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text: list[str] = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside -= 1
            return
        if not self.inside or not self._stack:
            return
        self._stack.pop()
        text = " ".join("".join(self._text).split())
        if tag == "p":
            (self.quotes if "blockquote" in self._stack else self.paragraphs).append(text)
        elif tag == "h1":
            self.title = text
        elif tag == "a":
            self.links.append((self._href, "".join(self._link_text)))

    def handle_data(self, data: str) -> None:
        if self.inside:
            self._text.append(data)
            if self._stack and self._stack[-1] == "a":
                self._link_text.append(data)


def plain(text: str) -> str:
    """What typographers change (curly quotes, dashes, ellipses) put back, whitespace collapsed."""
    table = str.maketrans(
        {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "—": "---", "…": "...", "«": "<<", "»": ">>"}
    )
    text = text.translate(table).replace("&hellip;", "...")
    return " ".join(text.split())


def write_posts(site: Site, folder: Path, fmt: str) -> list[tuple[str, list[str]]]:
    """Grab an ordinary story and a hostile one into `folder`; returns (source URL, quoted paragraphs)."""
    config = Path("clipper.toml")
    config.write_text(f'[post]\nfront_matter = "{fmt}"\n')
    ordinary = site.page("/news/ordinary", article_page())
    hostile = site.page("/news/hostile", article_page(HOSTILE_TITLE, [*HOSTILE, *PARAGRAPHS]))
    out = []
    for url, pick, quoted in ((ordinary, "1-3", PARAGRAPHS[:3]), (hostile, "1-6", HOSTILE)):
        result = runner.invoke(app, ["grab", url, "--pick", pick, "--drafts-dir", str(folder)])
        assert result.exit_code == 0, result.stderr
        out.append((url, quoted))
    return out


def check_page(built: Path, url: str, quoted: list[str], site_name: str = "The Riverside Courier") -> Page:
    page = Page()
    page.feed(built.read_text(encoding="utf-8"))
    assert set(page.tags) <= ELEMENTS, page.tags  # nothing injected
    assert page.tags.count("blockquote") == 1
    assert [plain(q) for q in page.quotes] == [plain(q) for q in quoted]
    assert plain(page.paragraphs[0]) == f"{site_name} reports:"
    assert [(h, plain(t)) for h, t in page.links] == [(url, "[Continue reading...]")]
    return page


def test_hugo_builds_the_posts(site: Site, isolated: Path) -> None:
    require("hugo", "apt-get install hugo")
    root = isolated / "hugo"
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://links.example/"\ntitle = "Links"\nbuildDrafts = true\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "home", "section", "404"]\n'
    )
    (root / "layouts" / "_default" / "single.html").write_text(
        "<!DOCTYPE html><html><body><article><h1>{{ .Title }}</h1>{{ .Content }}</article></body></html>\n"
    )
    posts = write_posts(site, root / "content" / "posts", "toml")
    done = subprocess.run(
        ["hugo", "--source", str(root), "--destination", str(root / "public")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not re.search(r"WARN|ERROR", done.stdout + done.stderr), done.stdout + done.stderr
    pages = {p.parent.name: p for p in (root / "public" / "posts").glob("*/index.html")}
    assert len(pages) == 2
    titles = []
    for url, quoted in posts:
        built = next(p for p in pages.values() if url in html.unescape(p.read_text()))
        titles.append(check_page(built, url, quoted).title)
    assert plain(HOSTILE_TITLE) in [plain(t) for t in titles]  # the headline shown as text


def test_jekyll_builds_the_posts(site: Site, isolated: Path) -> None:
    require("jekyll", "apt-get install jekyll")
    root = isolated / "jekyll"
    (root / "_layouts").mkdir(parents=True)
    (root / "_config.yml").write_text(
        'title: Links\nmarkdown: kramdown\ndefaults:\n  - scope: {path: ""}\n    values: {layout: post}\n'
    )
    (root / "_layouts" / "post.html").write_text(
        "<!DOCTYPE html><html><body><article><h1>{{ page.title | escape }}</h1>{{ content }}</article></body></html>\n"
    )
    posts = write_posts(site, root / "_posts", "yaml")
    done = subprocess.run(
        ["jekyll", "build", "--source", str(root), "--destination", str(root / "_site")],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not re.search(r"(?i)warn|error|invalid", done.stdout + done.stderr), done.stdout + done.stderr
    pages = list((root / "_site").rglob("*.html"))
    assert len(pages) == 2, pages
    titles = []
    for url, quoted in posts:
        built = next(p for p in pages if url in html.unescape(p.read_text()))
        titles.append(check_page(built, url, quoted).title)
    assert plain(HOSTILE_TITLE) in [plain(t) for t in titles]
