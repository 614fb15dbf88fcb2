"""`clipper serve` as a real process, spoken to over HTTP without a browser: where it listens and how it
stops, its secret, the requests it refuses (no secret, another site, a rebinding Host), the bounds of
what it takes, and drafts written through the grab workflow. The browser's side is in
test_serve_browser.py."""

from __future__ import annotations

import json
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import requests

from clipper.extraction.article import Article, Block
from clipper.posts import postfile
from clipper.serve.picking import holding

from browser import Served
from pages import PARAGRAPHS, TITLE, article_page

URL = "https://news.example/2024/03/05/council-votes"


@pytest.fixture
def served(isolated: Path) -> Iterator[Served]:
    server = Served(isolated)
    yield server
    server.stop()


def secret(isolated: Path) -> str:
    return (isolated.parent / "home" / ".config" / "clipper" / "serve-secret").read_text().strip()


def send(served: Served, key: str | None, html: str | None = None, url: str = URL, **fields: Any) -> requests.Response:
    """A page sent as the picker page sends it (with `key` as its secret, if any)."""
    headers = {"Content-Type": "application/json", **fields.pop("headers", {})}
    if key is not None:
        headers["X-Clipper-Key"] = key
    body = {
        "url": url,
        "html": article_page() if html is None else html,
        "type": "text/html",
        "selection": "",
        **fields,
    }
    return requests.post(served.url + "api/pages", data=json.dumps(body), headers=headers, timeout=30)


def write(
    served: Served, key: str | None, clip: str, headers: dict[str, str] | None = None, **answer: Any
) -> requests.Response:
    body = {"numbers": [1, 2], "title": "", "note": "", "tags": [], **answer}
    sent = {"Content-Type": "application/json", **(headers or {})}
    if key is not None:
        sent["X-Clipper-Key"] = key
    return requests.post(f"{served.url}api/clips/{clip}/write", data=json.dumps(body), headers=sent, timeout=30)


def drafts(isolated: Path) -> list[str]:
    return sorted(p.name for p in (isolated / "drafts").glob("*.md"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_says_where_it_listens_and_ctrl_c_stops_it_quietly(isolated: Path) -> None:
    server = Served(isolated)
    assert requests.get(server.url, timeout=10).status_code == 200
    code, err = server.stop(signal.SIGINT)
    assert code == 0
    assert err.splitlines() == [
        f"clipper: serving at {server.url}: open it for the bookmarklet; drafts go to drafts/. Ctrl-C stops.",
        "clipper: stopped",
    ]
    server = Served(isolated)
    code, err = server.stop(signal.SIGTERM)
    assert code == 0 and "Traceback" not in err and err.endswith("clipper: stopped\n")


def test_the_secret_is_made_once_kept_to_the_user_and_written_into_the_bookmarklet(isolated: Path) -> None:
    server = Served(isolated)
    key = secret(isolated)
    path = isolated.parent / "home" / ".config" / "clipper" / "serve-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) >= 40
    start = requests.get(server.url, timeout=10).text
    assert f'key = \\"{key}\\"' in unquote(start) or f'key = "{key}"' in unquote(start)
    assert f"http://127.0.0.1:{server.port}" in unquote(start)
    server.stop()
    again = Served(isolated)
    assert secret(isolated) == key  # kept, not made again
    again.stop()
    renewed = Served(isolated, "--new-secret")
    assert secret(isolated) != key
    assert send(renewed, key).status_code == 403  # a bookmarklet taken before no longer works
    assert send(renewed, secret(isolated)).status_code == 200
    renewed.stop()


def test_a_secret_file_made_elsewhere_is_kept_to_the_user_or_refused(isolated: Path) -> None:
    path = isolated.parent / "home" / ".config" / "clipper" / "serve-secret"
    path.parent.mkdir(parents=True)
    path.write_text("x" * 43 + "\n")
    path.chmod(0o644)
    server = Served(isolated)
    server.stop()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and secret(isolated) == "x" * 43
    path.write_text("short\n")
    bad = subprocess.run([sys.executable, "-m", "clipper", "serve"], cwd=isolated, capture_output=True, text=True)
    assert bad.returncode == 12
    assert (
        bad.stderr
        == f"clipper: error: {path}: not a clipper secret; remove the file (or use --new-secret) to make a new one\n"
    )


def test_the_port_comes_from_the_option_or_the_setting_and_a_taken_one_is_one_error(isolated: Path) -> None:
    port = free_port()
    Path("clipper.toml").write_text(f"[serve]\nport = {port}\n", encoding="utf-8")
    first = subprocess.Popen(
        [sys.executable, "-m", "clipper", "serve"],
        cwd=isolated,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.stdout is not None and first.stdout.readline().strip() == f"http://127.0.0.1:{port}/"
    taken = subprocess.run(
        [sys.executable, "-m", "clipper", "serve", "--port", str(port)], cwd=isolated, capture_output=True, text=True
    )
    first.send_signal(signal.SIGINT)
    first.communicate(timeout=15)
    assert taken.returncode == 3 and taken.stdout == ""
    assert (
        taken.stderr.startswith(f"clipper: error: 127.0.0.1:{port}: cannot listen (")
        and len(taken.stderr.splitlines()) == 1
    )
    Path("clipper.toml").write_text("[serve]\nport = 70000\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "clipper", "serve"], cwd=isolated, capture_output=True, text=True)
    assert bad.returncode == 12 and "serve.port: expected a port from 0 to 65535" in bad.stderr


def test_a_page_without_the_secret_or_from_elsewhere_is_refused_and_nothing_is_written(
    served: Served, isolated: Path
) -> None:
    key = secret(isolated)
    assert send(served, None).status_code == 403
    assert send(served, "not-the-secret-" + key[:30]).status_code == 403
    assert send(served, key, headers={"Origin": "https://evil.example"}).status_code == 403
    assert send(served, key, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    # A name rebound to 127.0.0.1 reaches the port, but not clipper.
    rebound = {"Host": f"evil.example:{served.port}"}
    assert send(served, key, headers=rebound).status_code == 403
    assert requests.get(served.url, headers=rebound, timeout=10).status_code == 403
    assert requests.get(served.url, headers={"Host": "127.0.0.1"}, timeout=10).status_code == 403
    # The form a blocked window falls back to needs the secret too.
    form = {"url": URL, "html": article_page(), "type": "text/html", "key": "guessed"}
    assert requests.post(served.url + "clip", data=form, timeout=10, allow_redirects=False).status_code == 403
    held = send(served, key)
    assert held.status_code == 200
    clip = held.json()["id"]
    assert requests.get(f"{served.url}api/clips/{clip}", timeout=10).status_code == 403
    assert write(served, None, clip).status_code == 403
    assert write(served, key, clip, headers={"Origin": "null"}).status_code == 403
    assert write(served, key, clip, headers={"Content-Type": "text/plain"}).status_code == 415
    assert not (isolated / "drafts").exists()
    assert write(served, key, clip).status_code == 200
    assert len(drafts(isolated)) == 1


def test_what_is_sent_is_bounded_like_a_fetch(isolated: Path) -> None:
    Path("clipper.toml").write_text("[fetch]\nmax_mb = 0.05\n", encoding="utf-8")
    served = Served(isolated)
    key = secret(isolated)
    big = article_page(paragraphs=[*PARAGRAPHS, "word " * 12_000])
    too_large = send(served, key, big)
    assert too_large.status_code == 422
    assert too_large.json()["error"] == f"{URL}: the page is too large (over 51 KB)"
    huge = requests.post(
        served.url + "api/pages",
        data=b"x" * 200_000,
        headers={"Content-Type": "application/json", "X-Clipper-Key": key},
        timeout=10,
    )
    assert huge.status_code == 413
    assert send(served, key, type="application/pdf").json()["error"] == f"{URL}: not an HTML page (application/pdf)"
    assert send(served, key, " \n").json()["error"] == f"{URL}: the page is empty"
    local = send(served, key, url="file:///home/me/page.html")
    assert local.status_code == 400 and "web address" in local.json()["error"]
    empty = send(served, key, html="<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert empty.status_code == 422 and empty.json()["kind"] == "no_article"
    assert not (isolated / "drafts").exists()
    served.stop()


def test_a_draft_is_written_through_the_grab_workflow(served: Served, isolated: Path) -> None:
    key = secret(isolated)
    shown = send(served, key, article_page(published=None, author=None)).json()
    assert shown["title"] == TITLE and shown["site_name"] == "The Riverside Courier"
    assert shown["lead"] == [1, 2, 3, 4] and shown["selected"] == []
    assert [b["text"] for b in shown["blocks"]] == PARAGRAPHS
    result = write(served, key, shown["id"], numbers=[1, 2, 3, 4, 5], title="Plan approved", tags=["city"]).json()
    assert result["warnings"] and result["warnings"][0].startswith("quoting ")  # the share warning
    assert result["paragraphs"][0] == [0, "The Riverside Courier reports:"]
    assert [text for depth, text in result["paragraphs"] if depth] == [*PARAGRAPHS[:5]]
    post = postfile.read(isolated / result["path"])
    assert post.meta["quoted"] == "1-5" and post.meta["tags"] == ["city"] and post.meta["title"] == "Plan approved"
    assert (isolated / "drafts" / post.meta["snapshot"]).is_file()
    # The same page again, however it comes: refused, naming the draft; nothing more is written.
    again = write(served, key, shown["id"])
    assert again.status_code == 409 and again.json()["path"] == result["path"]
    resent = send(served, key, article_page(published=None, author=None), url=URL + "?utm_source=feed")
    assert resent.status_code == 409 and resent.json() == {
        "error": f"{URL}?utm_source=feed: already drafted in {result['path']} (use --force to draft it again)",
        "kind": "exists",
        "path": result["path"],
    }
    # Another article with the same headline: a name of its own, never over the first draft.
    other = send(served, key, article_page(paragraphs=PARAGRAPHS[::-1]), url=URL + "-2").json()
    second = write(served, key, other["id"], numbers=[1], title="Plan approved").json()
    assert second["path"] != result["path"] and len(drafts(isolated)) == 2
    assert postfile.read(isolated / result["path"]).text == post.text


def test_only_the_latest_pages_are_held(served: Served, isolated: Path) -> None:
    key = secret(isolated)
    ids = [send(served, key, url=f"{URL}-{n}").json()["id"] for n in range(17)]
    held = [requests.get(f"{served.url}api/clips/{i}", headers={"X-Clipper-Key": key}, timeout=10) for i in ids]
    assert [r.status_code for r in held] == [404] + [200] * 16
    assert held[0].json()["error"].startswith("clipper no longer holds this page")


def test_a_choice_the_picker_never_sends_is_refused(served: Served, isolated: Path) -> None:
    key = secret(isolated)
    clip = send(served, key).json()["id"]
    assert write(served, key, clip, numbers=[]).json()["error"] == "no paragraph ticked: tick the paragraphs to quote"
    assert write(served, key, clip, numbers=[9]).json()["error"] == "paragraph 9 is not in the article (1-6)"
    assert write(served, key, clip, numbers="1-3").status_code == 400
    assert write(served, key, "no-such-page").status_code == 404
    assert not (isolated / "drafts").exists()


def test_only_serve_imports_the_web_server() -> None:
    example = Path(__file__).parent.parent / "examples" / "isis-nusra-article.html"
    for args in (["--version"], ["extract", str(example), "--url", URL], ["grab", "--help"], ["--help"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "clipper", *args], capture_output=True, text=True, check=True
        )
        imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
        assert not imported & {"starlette", "uvicorn", "anyio", "h11", "clipper.serve"}, args
        assert "clipper.serve" not in done.stderr


def article_of(*texts: str) -> Article:
    return Article(
        url=URL, title=TITLE, site_name=None, author=None, date=None, blocks=tuple(Block("p", t) for t in texts)
    )


def test_a_selection_picks_the_paragraphs_that_hold_it() -> None:
    story = article_of(*PARAGRAPHS)
    assert holding(story, "") == ()
    assert holding(story, "four hundred homes") == (2,)
    # From the middle of one paragraph to the middle of another, as a browser copies it.
    selected = f"{PARAGRAPHS[1][40:]}\n\n{PARAGRAPHS[2]}\n{PARAGRAPHS[3][:50]}"
    assert holding(story, selected) == (2, 3, 4)
    # Spaces, line breaks and curly quotes as the page shows them do not matter.
    assert holding(story, "council’s   website,\nwhere the FULL plans") == (5,)
    # A short line of a long selection says nothing of where it is.
    assert holding(story, f"the\n{PARAGRAPHS[4][:60]}") == (5,)
    assert holding(story, "a sentence that is not in the article at all") == ()
    # Two blocks on one line of the selection (a list the browser copies without breaks).
    items = article_of("First item of the list", "Second item of the list", "Then a paragraph", "the list")
    assert holding(items, "First item of the list Second item of the list") == (1, 2)  # not 4, further on
