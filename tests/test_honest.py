"""Keeping quotes honest: snapshots at grab time, `show --source`, `check` against pages that change
between grab and check, and the archive link."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, TITLE, article_page
from siteserver import Handler, Site, delayed

runner = CliRunner()


def grab(url: str, *args: str) -> Path:
    result = runner.invoke(app, ["grab", url, "--lead", "2", *args])
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip())


class Changing:
    """A page the test can change after it was grabbed."""

    def __init__(self, site: Site, path: str, body: bytes | str | None = None) -> None:
        # each page its own bytes (its address in the canonical link): the same bytes are the same source
        self.body: bytes | str = article_page(canonical=path) if body is None else body
        self.status = 200
        self.headers: dict[str, str] = {}
        self.url = site.url(path)
        site.routes[path] = self.serve

    def serve(self, h: Handler) -> None:
        h.send_page(self.body, status=self.status, headers=self.headers)


def check(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["check", "--json", "--timeout", "2", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def test_grab_keeps_a_snapshot_and_the_fetch_facts(site: Site, isolated: Path) -> None:
    page = Changing(site, "/news/a")
    post = grab(page.url)
    meta, _, _ = parse(post.read_text())
    assert meta["fetch_status"] == 200 and meta["final_url"] == page.url and len(str(meta["content_sha256"])) == 64
    kept = post.parent / str(meta["snapshot"])
    assert kept.parent.name == ".snapshots" and gzip.decompress(kept.read_bytes()) == str(page.body).encode()
    rows = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert [r["path"] for r in rows] == [str(post)]  # snapshots are not posts


def test_snapshots_can_be_turned_off(site: Site, isolated: Path) -> None:
    (isolated / "clipper.toml").write_text("[post]\nsnapshot = false\n")
    meta, _, _ = parse(grab(Changing(site, "/news/a").url).read_text())
    assert "snapshot" not in meta and not (isolated / "drafts" / ".snapshots").exists()
    result = runner.invoke(app, ["show", "1", "--source"])
    assert result.exit_code == ExitCode.FILE and "no snapshot" in result.stderr


def test_show_source_against_the_snapshot(site: Site, isolated: Path) -> None:
    page = Changing(site, "/news/a")
    post = grab(page.url)
    text = post.read_text().replace("voted seven to two", "voted eight to one")
    post.write_text(text)  # an editor changed the quote after grabbing
    result = runner.invoke(app, ["show", "1", "--source"])
    assert result.exit_code == 0
    out = result.stdout
    assert "✓ in the source as fetched" in out and "✗ not in the source as fetched" in out
    assert "[-eight to one-]" in out.replace("\n", " ") or "[-eight-]" in out


def test_check_outcomes(site: Site, isolated: Path) -> None:
    pages = {
        name: Changing(site, f"/news/{name}") for name in ("same", "quote", "headline", "404", "410", "front", "busy")
    }
    posts = {name: grab(page.url) for name, page in pages.items()}
    pages["quote"].body = article_page(
        paragraphs=[PARAGRAPHS[0].replace("seven to two", "six to three"), *PARAGRAPHS[1:]]
    )
    pages["headline"].body = article_page("Council approves waterfront plan, with conditions")
    pages["404"].status = 404
    pages["410"].status = 410
    pages["front"].status, pages["front"].headers, pages["front"].body = 301, {"Location": "/"}, ""
    site.page("/", article_page("Front page", [p[::-1] for p in PARAGRAPHS]))
    pages["busy"].status, pages["busy"].headers = 503, {"Retry-After": "0"}
    before = {name: path.read_bytes() for name, path in posts.items()}

    code, lines = check()
    assert code == ExitCode.CHANGED
    status = {Path(str(line["path"])).name: line for line in lines}
    by_name = {name: status[path.name] for name, path in posts.items()}
    assert {name: line["status"] for name, line in by_name.items()} == {
        "same": "unchanged",
        "quote": "quote-changed",
        "headline": "headline-changed",
        "404": "gone",
        "410": "gone",
        "front": "gone",
        "busy": "unreachable",
    }
    change = by_name["quote"]["changes"][0]  # type: ignore[index]
    assert change["diff"].startswith("The city council voted [-seven-] {+six+} to [-two-] {+three+}")
    assert by_name["headline"]["headline_then"] == TITLE
    assert by_name["headline"]["headline_now"] == "Council approves waterfront plan, with conditions"
    assert list(by_name["same"]) == [
        "id",
        "path",
        "url",
        "status",
        "detail",
        "headline_then",
        "headline_now",
        "changes",
    ]
    assert {name: path.read_bytes() for name, path in posts.items()} == before  # check never writes unasked


def test_a_page_that_is_no_longer_the_article_is_gone(site: Site, isolated: Path) -> None:
    """HTTP 200, but no article at the address any more: a directory listing, a page saying hello, another
    story. An article that was edited keeps something of itself: its quote changed, not gone."""
    names = ("listing", "hello", "another", "edited")
    pages = {name: Changing(site, f"/news/{name}") for name in names}
    posts = {name: grab(page.url) for name, page in pages.items()}
    files = "".join(f'<li><a href="story-{i}.html">story-{i}.html</a></li>' for i in range(12))
    heading = "Directory listing for /news/"
    pages["listing"].body = f"<html><title>{heading}</title><body><h1>{heading}</h1><ul>{files}</ul></body>"
    pages["hello"].body = "<html><body><p>Hello</p></body></html>"
    pages["another"].body = article_page("Harbour ferry returns after winter", [p[::-1] for p in PARAGRAPHS])
    pages["edited"].body = article_page(paragraphs=[p.replace("the", "a") for p in PARAGRAPHS])
    code, lines = check()
    assert code == ExitCode.CHANGED
    by_name = {name: next(line for line in lines if line["path"] == str(posts[name])) for name in names}
    assert {name: line["status"] for name, line in by_name.items()} == {
        "listing": "gone",
        "hello": "gone",
        "another": "gone",
        "edited": "quote-changed",
    }
    assert "only links" in str(by_name["listing"]["detail"]) and by_name["listing"]["changes"] == []
    assert "no article text" in str(by_name["hello"]["detail"])
    assert len(by_name["edited"]["changes"]) == 2  # type: ignore[arg-type]


def test_plain_check_shows_a_changed_headline_beside_a_changed_quote(site: Site, isolated: Path) -> None:
    page = Changing(site, "/news/both")
    grab(page.url)
    page.body = article_page(
        "Council approves waterfront plan, with conditions", [PARAGRAPHS[0][::-1], *PARAGRAPHS[1:]]
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == ExitCode.CHANGED
    assert "quote-changed" in result.stdout
    assert "now:  Council approves waterfront plan, with conditions" in result.stdout


def test_check_exit_codes_and_record(site: Site, isolated: Path) -> None:
    page = Changing(site, "/news/a")
    post = grab(page.url)
    assert check()[0] == 0
    page.status, page.headers = 503, {"Retry-After": "0"}
    assert check()[0] == ExitCode.UNREACHABLE
    page.status = 200
    original = post.read_text()
    code, _ = check("1", "--record")
    assert code == 0
    meta, body, _ = parse(post.read_text())
    assert meta["check_status"] == "unchanged" and "checked" in meta
    added = [line for line in post.read_text().splitlines() if line not in original.splitlines()]
    assert [line.split(" = ")[0] for line in added] == ["checked", "check_status"]  # and no other line changed
    assert [line for line in post.read_text().splitlines() if line not in added] == original.splitlines()
    assert body == parse(original)[1]


def test_ctrl_c_ends_a_check_at_once(site: Site, isolated: Path) -> None:
    """Ctrl-C during a check ends it there (exit 130), waiting for no fetch under way, and records
    nothing; a batch and a feed pull behave alike (they fetch through the same fan-out)."""
    page = Changing(site, "/news/a")
    post = grab(page.url)
    before = post.read_text()
    site.routes["/news/a"] = delayed(30, page.serve)
    check = subprocess.Popen(
        [sys.executable, "-m", "clipper", "check", "--record"],
        cwd=isolated,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while site.hits["/news/a"] < 2 and time.monotonic() < deadline:  # the grab's, then the check's
        time.sleep(0.05)
    time.sleep(0.3)
    check.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, err = check.communicate(timeout=20)
    assert check.returncode == ExitCode.INTERRUPTED, err
    assert time.monotonic() - started < 5  # not the 30 s the page takes
    assert "clipper: error: interrupted" in err and "Traceback" not in err
    assert post.read_text() == before


def test_human_check_output(site: Site, isolated: Path) -> None:
    page = Changing(site, "/news/a")
    grab(page.url)
    page.body = article_page(paragraphs=[PARAGRAPHS[0].replace("Tuesday", "Wednesday"), *PARAGRAPHS[1:]])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == ExitCode.CHANGED
    assert "quote-changed" in result.stdout and "[-Tuesday-] {+Wednesday+}" in result.stdout


def availability_api(site: Site, captured: str | None) -> str:
    def answer(h: Handler) -> None:
        closest = {"available": True, "url": captured, "timestamp": "20240305093000", "status": "200"}
        h.send_page(
            json.dumps({"archived_snapshots": {"closest": closest} if captured else {}}),
            content_type="application/json",
        )

    site.routes["/wayback/available"] = answer
    return site.url("/wayback/available")


def test_archive_link_is_recorded(site: Site, isolated: Path) -> None:
    api = availability_api(site, "https://web.archive.example/web/20240305093000/https://news.example/a")
    (isolated / "clipper.toml").write_text(f'[archive]\nservice = "{api}"\n')
    meta, _, _ = parse(grab(Changing(site, "/news/a").url).read_text())
    assert meta["archive_url"] == "https://web.archive.example/web/20240305093000/https://news.example/a"
    asked = [path for path, _ in site.requests if path.startswith("/wayback/available")]
    assert asked and "url=http" in asked[0]


def test_no_capture_and_no_network(site: Site, isolated: Path) -> None:
    api = availability_api(site, None)
    (isolated / "clipper.toml").write_text(f'[archive]\nservice = "{api}"\n')
    meta, _, _ = parse(grab(Changing(site, "/news/a").url).read_text())
    assert "archive_url" not in meta
    (isolated / "clipper.toml").write_text('[archive]\nservice = "http://127.0.0.1:9/wayback/available"\n')
    result = runner.invoke(app, ["grab", Changing(site, "/news/b").url, "--lead", "1"])
    assert result.exit_code == 0 and Path(result.stdout.strip()).exists()
    assert "archive step skipped" in result.stderr
    batch = runner.invoke(
        app,
        [
            "grab",
            "--json",
            "--lead",
            "1",
            Changing(site, "/news/c").url,
            Changing(site, "/news/d").url,
            Changing(site, "/news/e").url,
        ],
    )
    assert batch.exit_code == 0 and "note: archive step skipped" in batch.stderr


@pytest.mark.parametrize("value", ["ftp://archive.example", "archive.org"])
def test_archive_service_must_be_http(isolated: Path, value: str) -> None:
    (isolated / "clipper.toml").write_text(f'[archive]\nservice = "{value}"\n')
    result = runner.invoke(app, ["list"])
    assert result.exit_code == ExitCode.CONFIG and "archive.service" in result.stderr


def test_snapshots_follow_publish_and_go_with_rm(site: Site, isolated: Path) -> None:
    first = grab(Changing(site, "/news/a", body=article_page()).url)
    # the same bytes: the same source (so --force), and one snapshot for both posts
    second = grab(Changing(site, "/news/b", body=article_page()).url, "--title", "Same page, another post", "--force")
    kept = isolated / "drafts" / str(parse(first.read_text())[0]["snapshot"])
    assert kept.exists()
    assert runner.invoke(app, ["rm", first.stem, "--yes"]).exit_code == 0
    assert kept.exists()  # the other post still names it
    published = isolated / "site"
    result = runner.invoke(app, ["publish", second.stem, "--published-dir", str(published)])
    assert result.exit_code == 0
    moved = Path(result.stdout.strip())
    assert (published / str(parse(moved.read_text())[0]["snapshot"])).exists()
    # the post keeps its number (2) in its new folder
    assert runner.invoke(app, ["show", "2", "--source", "--published-dir", str(published)]).exit_code == 0
    assert runner.invoke(app, ["rm", moved.stem, "--yes", "--published-dir", str(published)]).exit_code == 0
    assert not list((published / ".snapshots").iterdir())  # no post names it any more


def test_the_path_grab_prints_names_the_post_for_every_command(site: Site, isolated: Path) -> None:
    printed = runner.invoke(app, ["grab", Changing(site, "/news/a").url, "--lead", "2"]).stdout.strip()
    assert printed.startswith("drafts/")
    for command in (["show", printed], ["review", printed], ["show", f"./{printed}"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.stderr)
    result = runner.invoke(app, ["publish", printed, "--published-dir", str(isolated / "site")])
    assert result.exit_code == 0, result.stderr
    moved = result.stdout.strip()
    # the path it had names no post now; the one publish printed does
    result = runner.invoke(app, ["show", printed, "--published-dir", str(isolated / "site")])
    assert result.exit_code == ExitCode.NOT_FOUND and "no post in the posts folders" in result.stderr
    result = runner.invoke(app, ["rm", moved, "--yes", "--published-dir", str(isolated / "site")])
    assert result.exit_code == 0 and not Path(moved).exists()
