"""`clipper feed` through the command line: following, pulling, triage on a terminal, OPML, and the
morning script. Feeds and their articles are served on loopback; pulls and grabs are real."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse
from test_terminal import screen_lines, spawn

from feedpages import Entry, atom, entries, json_feed, page_linking, rss
from pages import article_page
from siteserver import Handler, Site, delayed

runner = CliRunner()
CLIPPER = [sys.executable, "-m", "clipper"]
ROOT = Path(__file__).resolve().parent.parent
STORE = Path("drafts/.clipper/feeds.sqlite3")


def feed(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["feed", *args])
    return result.exit_code, result.stdout, result.stderr


def run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLIPPER, *args], cwd=cwd, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def serve(site: Site, path: str, body: bytes, media: str = "application/rss+xml") -> str:
    return site.page(path, body, content_type=media)


def with_articles(site: Site, items: list[Entry]) -> list[Entry]:
    """Serve an article page for every item (its headline the item's title)."""
    for entry in items:
        site.page(entry.url.removeprefix(site.base), article_page(title=entry.title))
    return items


def stories(site: Site, count: int, first: int = 1) -> list[Entry]:
    return with_articles(site, entries(count, first, site=site.base))


def urls(text: str) -> list[str]:
    return text.splitlines()


def post_sources(drafts: Path) -> dict[str, dict[str, object]]:
    """Each post's source URL -> its front matter."""
    found = {}
    for path in drafts.glob("*.md"):
        meta, _, _ = parse(path.read_text(encoding="utf-8"))
        found[str(meta["source_url"])] = meta
    return found


def test_add_discovers_the_feed_from_a_page_and_keeps_it_in_the_blog_state(site: Site, isolated: Path) -> None:
    assert feed("list") == (0, "", "clipper: no feed followed yet (clipper feed add URL)\n")
    assert feed("list", "--json")[:2] == (0, "[]\n") and feed("pull")[0] == 0 and feed("export")[0] == 0
    assert feed("rm", "news")[0] == feed("pull", "news")[0] == ExitCode.NOT_FOUND
    assert not (isolated / "drafts").exists()  # reading and an empty pull create nothing
    serve(site, "/world/feed.xml", rss(entries(2), title="World news"))
    page = site.page("/world/", page_linking(("application/rss+xml", "feed.xml", "World")))
    code, out, err = feed("add", page)
    assert (code, out, err) == (0, "World news\n", f"clipper: following World news: {site.url('/world/feed.xml')}\n")
    assert (isolated / STORE).is_file() and not list((isolated / "drafts").glob("*feeds*"))
    code, out, err = feed("add", site.url("/world/feed.xml"))
    assert code == ExitCode.EXISTS and out == "" and err.count("\n") == 1 and "already followed, as World news" in err
    code, out, _ = feed("list")
    assert code == 0 and out.split() == ["World", "news", "new", "never", site.url("/world/feed.xml")]
    assert run(["list"], isolated).returncode == 0  # the post listing passes the state folder by


def test_add_with_a_name_and_list_json(site: Site) -> None:
    url = serve(site, "/feed.json", json_feed(entries(1), title="News Example"), "application/feed+json")
    assert feed("add", url, "--name", "example")[:2] == (0, "example\n")
    assert feed("pull")[0] == 0
    code, out, _ = feed("list", "--json")
    (listed,) = json.loads(out)
    assert code == 0
    assert list(listed) == ["name", "url", "title", "site_url", "added", "last_pull", "pulls", "last_error"]
    assert (listed["name"], listed["url"], listed["title"], listed["pulls"], listed["last_error"]) == (
        "example",
        url,
        "News Example",
        1,
        None,
    )
    assert listed["site_url"] == "https://news.example/" and listed["last_pull"].endswith("+00:00")


def test_a_page_with_several_feeds_asks_or_takes_pick(site: Site) -> None:
    serve(site, "/rss.xml", rss(entries(1), title="Main RSS"))
    serve(site, "/atom.xml", atom(entries(1), title="Main Atom"), "application/atom+xml")
    page = site.page(
        "/", page_linking(("application/rss+xml", "/rss.xml", "RSS"), ("application/atom+xml", "/atom.xml", "Atom"))
    )
    code, out, err = feed("add", page)  # no terminal here: an error that lists them
    assert code == ExitCode.USAGE and out == "" and err.count("\n") == 1
    assert "links 2 feeds; choose one with --pick K: 1 RSS " + site.url("/rss.xml") in err
    assert "2 Atom " + site.url("/atom.xml") in err
    assert feed("list")[1] == ""
    assert feed("add", page, "--pick", "3")[0] == ExitCode.USAGE
    assert feed("add", page, "--pick", "2")[:2] == (0, "Main Atom\n")


def test_several_feeds_on_a_terminal(site: Site, isolated: Path) -> None:
    serve(site, "/rss.xml", rss(entries(1), title="Main RSS"))
    serve(site, "/atom.xml", atom(entries(1), title="Main Atom"), "application/atom+xml")
    page = site.page(
        "/", page_linking(("application/rss+xml", "/rss.xml", "RSS"), ("application/atom+xml", "/atom.xml", "Atom"))
    )
    child = spawn(["feed", "add", page], isolated)
    child.expect_exact("Follow which feed [1-2, q to quit]: ")
    lines = screen_lines(child.before)
    child.sendline("3")
    child.expect_exact("Answer a number from 1 to 2, or q.")
    child.expect_exact("]: ")
    child.sendline("2")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert any(line.split()[:2] == ["1", "RSS"] and site.url("/rss.xml") in line for line in lines)
    assert any(line.split()[:2] == ["2", "Atom"] for line in lines)
    assert "Main Atom" in screen_lines(child.before)[-2]


def test_first_pull_then_only_what_is_new(site: Site, isolated: Path) -> None:
    url = serve(site, "/feed.xml", rss(entries(30)))
    feed("add", url, "--name", "news")
    code, out, err = feed("pull")
    assert (code, err) == (0, "") and urls(out) == [f"https://news.example/2026/story-{n}" for n in range(11, 31)]
    assert feed("pull")[:2] == (0, "")
    serve(site, "/feed.xml", rss(entries(32)))
    assert urls(feed("pull")[1]) == ["https://news.example/2026/story-31", "https://news.example/2026/story-32"]
    (isolated / "clipper.toml").write_text("[feeds]\nfirst_pull = 3\n")
    feed("add", serve(site, "/b.atom", atom(entries(10, site="https://b.example")), "application/atom+xml"))
    assert urls(feed("pull")[1]) == [f"https://b.example/2026/story-{n}" for n in (8, 9, 10)]
    (isolated / "clipper.toml").write_text("[feeds]\njobs = 0\n")
    code, _, err = feed("pull")
    assert code == ExitCode.CONFIG and "feeds.jobs: expected at least 1" in err


def test_ctrl_c_ends_a_pull_at_once_and_it_offers_everything_again(site: Site, isolated: Path) -> None:
    """Ctrl-C while a feed is still downloading: the pull ends there (exit 130), waiting for no
    download under way, and remembers nothing: the next pull offers the same items."""
    body = rss(entries(2))
    feed("add", serve(site, "/fast.xml", body), "--name", "fast")
    feed("add", serve(site, "/slow.xml", rss(entries(1, 5))), "--name", "slow")
    site.routes["/slow.xml"] = delayed(30, lambda h: h.send_page(body, content_type="application/rss+xml"))
    pulling = subprocess.Popen(
        [*CLIPPER, "feed", "pull"], cwd=isolated, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 20
    while site.hits["/slow.xml"] < 2 and time.monotonic() < deadline:  # the add's, then the pull's
        time.sleep(0.05)
    time.sleep(0.3)
    pulling.send_signal(signal.SIGINT)
    started = time.monotonic()
    out, err = pulling.communicate(timeout=20)
    assert pulling.returncode == ExitCode.INTERRUPTED, err
    assert time.monotonic() - started < 5  # not the 30 s the slow feed takes
    assert out == "" and "clipper: error: interrupted" in err and "Traceback" not in err
    site.routes["/slow.xml"] = lambda h: h.send_page(body, content_type="application/rss+xml")
    assert len(urls(feed("pull")[1])) == 2  # the fast feed's items, offered now: nothing was remembered


def test_pull_json_lines(site: Site) -> None:
    feed("add", serve(site, "/feed.xml", rss(entries(2))), "--name", "news")
    code, out, _ = feed("pull", "--json")
    first, second = (json.loads(line) for line in urls(out))
    assert code == 0 and list(first) == ["feed", "title", "url", "date", "summary"]
    assert first == {
        "feed": "news",
        "title": "Story 1: the council & the river",
        "url": "https://news.example/2026/story-1",
        "date": "2026-11-02T08:00:00+00:00",
        "summary": "What happened in story 1 , in a sentence.",
    }
    assert second["url"].endswith("story-2")


def test_a_broken_feed_is_one_line_and_the_others_are_pulled(site: Site) -> None:
    feed("add", serve(site, "/good.xml", rss(entries(2))), "--name", "good")
    feed("add", serve(site, "/other.json", json_feed(entries(1, 5)), "application/feed+json"), "--name", "other")
    for name, path in (("gone", "/gone.xml"), ("page", "/page.xml")):
        serve(site, path, rss(entries(1, 9)))
        feed("add", site.url(path), "--name", name)
    del site.routes["/gone.xml"]
    serve(site, "/page.xml", page_linking().encode(), "text/html")
    code, out, err = feed("pull")
    assert code == ExitCode.FEEDS_FAILED == 20
    assert urls(out) == [f"https://news.example/2026/story-{n}" for n in (1, 2, 5)]
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert lines[0].startswith("clipper: feed gone failed: ") and "HTTP 404" in lines[0]
    assert lines[1].startswith("clipper: feed page failed: ") and "an HTML page, not a feed" in lines[1]
    assert all(site.base in line for line in lines)
    assert [line.split()[1] for line in urls(feed("list")[1])] == ["failing", "ok", "ok", "failing"]
    assert feed("pull", "good") == (0, "", "")


def test_rm(site: Site) -> None:
    feed("add", serve(site, "/feed.xml", rss(entries(1))), "--name", "news")
    code, out, err = feed("rm", "NEWS")
    assert (code, out) == (0, "") and err == f"clipper: stopped following news: {site.url('/feed.xml')}\n"
    assert feed("list")[1] == ""
    code, _, err = feed("rm", "news")
    assert code == ExitCode.NOT_FOUND and err.count("\n") == 1 and "no feed of that name" in err


def test_import_export_round_trip(site: Site, isolated: Path) -> None:
    opml = isolated / "reader.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head><title>Mine</title></head><body>'
        '<outline text="News"><outline type="rss" text="World" xmlUrl="https://news.example/world.xml"'
        ' htmlUrl="https://news.example/"/></outline>'
        '<outline type="rss" text="Science" xmlUrl="https://science.example/feed.atom"/>'
        '<outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/></body></opml>'
    )
    code, out, err = feed("import", str(opml))
    assert (code, out) == (0, "World\nScience\n")
    assert "skipped file:///etc/passwd: not an http(s) address" in err and "2 feeds added, 1 skipped" in err
    code, exported, _ = feed("export")
    assert code == 0 and exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    (isolated / "export.opml").write_text(exported)
    assert feed("import", "export.opml", "-d", "other")[1] == "Science\nWorld\n"
    assert feed("export", "-d", "other")[1].split("<body>")[1] == exported.split("<body>")[1]
    assert feed("import", "export.opml")[2].endswith("0 feeds added, 2 skipped\n")
    code, _, err = feed("import", "missing.opml")
    assert code == ExitCode.FILE and err == "clipper: error: missing.opml: no such file\n"


def test_an_article_already_drafted_is_not_offered(site: Site, isolated: Path) -> None:
    items = stories(site, 3)
    assert run(["grab", items[1].url + "?utm_source=feed", "--lead", "1"], isolated).returncode == 0
    feed("add", serve(site, "/feed.xml", rss(items)))
    assert urls(feed("pull")[1]) == [items[0].url, items[2].url]


def test_a_closed_pipe_ends_quietly_and_offers_the_items_again(site: Site, isolated: Path) -> None:
    """More than a pipe holds: the reader hangs up mid-way, nothing is remembered as offered."""
    (isolated / "clipper.toml").write_text("[feeds]\nfirst_pull = 3000\n")
    feed("add", serve(site, "/feed.xml", rss(entries(3000))))
    done = subprocess.run(
        f"{' '.join(CLIPPER)} feed pull --json | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        cwd=isolated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr, done.stdout.count("\n")) == (0, "", 1)
    assert len(urls(feed("pull")[1])) == 3000


@pytest.mark.slow
def test_two_pulls_at_once_print_each_item_once(site: Site, isolated: Path) -> None:
    at_once = most = 0
    lock = threading.Lock()
    bodies = {"/a.xml": rss(entries(40)), "/b.atom": atom(entries(30, site="https://b.example"))}

    def slow(h: Handler) -> None:
        nonlocal at_once, most
        with lock:
            at_once += 1
            most = max(most, at_once)
        time.sleep(0.8)
        with lock:
            at_once -= 1
        h.send_page(bodies[h.path], content_type="text/xml")

    for path in bodies:
        site.routes[path] = slow
        feed("add", site.url(path))
    pulls = [subprocess.Popen([*CLIPPER, "feed", "pull"], cwd=isolated, stdout=subprocess.PIPE, text=True)]
    time.sleep(0.3)
    pulls.append(subprocess.Popen([*CLIPPER, "feed", "pull"], cwd=isolated, stdout=subprocess.PIPE, text=True))
    outputs = [set(urls(p.communicate(timeout=60)[0])) for p in pulls]
    assert [p.returncode for p in pulls] == [0, 0]
    assert most >= 3  # the two processes were fetching at the same time
    newest = {f"https://news.example/2026/story-{n}" for n in range(21, 41)}  # a first pull: the 20 newest of each
    newest |= {f"https://b.example/2026/story-{n}" for n in range(11, 31)}
    assert not outputs[0] & outputs[1] and outputs[0] | outputs[1] == newest
    assert feed("pull")[1] == ""


def test_pick_needs_a_terminal(site: Site) -> None:
    feed("add", serve(site, "/feed.xml", rss(entries(2))))
    code, out, err = feed("pull", "--pick")
    assert code == ExitCode.USAGE and out == "" and err.count("\n") == 1 and "--pick asks on a terminal" in err
    assert feed("pull", "--lead", "2")[0] == ExitCode.USAGE
    assert len(urls(feed("pull")[1])) == 2  # nothing was pulled by the refused commands


def test_pick_triage_grabs_the_chosen_headlines_as_a_batch(site: Site, isolated: Path) -> None:
    now = datetime.now(timezone.utc)
    items = with_articles(
        site,
        [
            Entry(f"Headline {n}", f"{site.base}/2026/story-{n}", now - age, f"Summary {n}", f"id-{n}")
            for n, age in enumerate([timedelta(days=2), timedelta(hours=26), timedelta(hours=3), timedelta(minutes=5)])
        ],
    )
    feed("add", serve(site, "/feed.xml", rss(items, title="The Riverside Courier")))
    child = spawn(["feed", "pull", "--pick", "--lead", "2"], isolated, size=(24, 80))
    child.expect_exact("Grab which (like 1,3-5; Enter or q for none): ")
    shown = [line.split() for line in screen_lines(child.before) if "Headline" in line]
    child.sendline("0")
    child.expect_exact("headlines are numbered from 1")
    child.expect_exact("for none): ")
    child.sendline("9")
    child.expect_exact("out of range: this pull has 4 headlines")
    child.expect_exact("for none): ")
    child.sendline("1,3")
    child.expect(pexpect.EOF)
    child.close()
    screen = screen_lines(child.before)
    assert child.exitstatus == 0, screen
    assert shown == [
        ["1", "The", "Riverside", "Courier", "2", "d", "Headline", "0"],
        ["2", "The", "Riverside", "Courier", "26", "h", "Headline", "1"],
        ["3", "The", "Riverside", "Courier", "3", "h", "Headline", "2"],
        ["4", "The", "Riverside", "Courier", "5", "min", "Headline", "3"],
    ]
    assert any("clipper: 2 written, 0 skipped, 0 failed" in line for line in screen)
    posts = post_sources(isolated / "drafts")
    assert sorted(posts) == [items[0].url, items[2].url]
    assert {meta["quoted"] for meta in posts.values()} == {"1-2"}
    assert feed("pull") == (0, "", "")  # the headlines not chosen were offered: not again


def test_pick_enter_takes_none(site: Site, isolated: Path) -> None:
    feed("add", serve(site, "/feed.xml", rss(stories(site, 2))))
    child = spawn(["feed", "pull", "--pick"], isolated)
    child.expect_exact("for none): ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "nothing grabbed" in child.before
    assert not list((isolated / "drafts").glob("*.md"))
    assert feed("pull") == (0, "", "")


@pytest.mark.parametrize("leave", ["ctrl-d", "ctrl-c"])
def test_leaving_the_triage_offers_the_headlines_again(site: Site, isolated: Path, leave: str) -> None:
    stories_now = stories(site, 2)
    body = rss(stories_now)

    def answer(h: Handler) -> None:  # a feed with an ETag: a 304 must not hide the headlines
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_page(b"", status=304, content_type=None)
        else:
            h.send_page(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    site.routes["/feed.xml"] = answer
    feed("add", site.url("/feed.xml"))
    child = spawn(["feed", "pull", "--pick"], isolated)
    child.expect_exact("for none): ")
    child.sendeof() if leave == "ctrl-d" else child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == (ExitCode.CANCELLED if leave == "ctrl-d" else ExitCode.INTERRUPTED)
    assert not list((isolated / "drafts").glob("*.md"))
    code, out, _ = feed("pull")
    assert code == 0 and urls(out) == [entry.url for entry in stories_now]


def path_with_clipper(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH finds `clipper` as this interpreter runs it, as a user's shell would."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "clipper"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m clipper "$@"\n')
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def test_the_morning_script(site: Site, isolated: Path, tmp_path: Path) -> None:
    env = path_with_clipper(tmp_path)
    script = str(ROOT / "examples" / "morning.sh")
    news = stories(site, 3)
    other = with_articles(site, entries(2, 10, site=site.base))
    del site.routes[other[1].url.removeprefix(site.base)]  # an article that is not there (yet)
    feed("add", serve(site, "/news.xml", rss(news)), "--name", "news")
    feed("add", serve(site, "/other.atom", atom(other), "application/atom+xml"), "--name", "other")
    feed("add", serve(site, "/broken.xml", rss(entries(1, 20))), "--name", "broken")
    serve(site, "/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>cut sh", "text/xml")
    done = subprocess.run([script], cwd=isolated, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == ExitCode.SOME_FAILED, done.stdout + done.stderr
    assert "clipper: feed broken failed:" in done.stderr
    assert "some feeds could not be read" in done.stdout and "some articles failed" in done.stdout
    assert "written: 4" in done.stdout and "failed: 1" in done.stdout
    posts = post_sources(isolated / "drafts")
    assert sorted(posts) == sorted([*(e.url for e in news), other[0].url])
    assert {meta["quoted"] for meta in posts.values()} == {"1-3"}
    assert (isolated / "morning.failed.txt").read_text() == other[1].url + "\n"
    with_articles(site, other[1:])  # the missing article is back; a new story in the news feed
    serve(site, "/news.xml", rss([*news, *stories(site, 1, 4)]))
    done = subprocess.run([script], cwd=isolated, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == ExitCode.FEEDS_FAILED, done.stdout + done.stderr
    assert "written: 2" in done.stdout and "failed: 0" in done.stdout
    assert len(post_sources(isolated / "drafts")) == 6 and not (isolated / "morning.failed.txt").exists()


def test_the_morning_script_keeps_what_an_interruption_left_undone(site: Site, isolated: Path, tmp_path: Path) -> None:
    """Ctrl-C in the middle: the posts written are whole, and the articles not reached (which the pull
    will not offer again) are kept in morning.failed.txt for the next run."""
    env = path_with_clipper(tmp_path)
    env.pop("NO_COLOR", None)
    news = stories(site, 4)
    for entry in news[2:]:  # two that answer at once, two that take their time
        site.routes[entry.url.removeprefix(site.base)] = delayed(
            30, lambda h, e=entry: h.send_page(article_page(title=e.title))
        )
    feed("add", serve(site, "/news.xml", rss(news)), "--name", "news")
    child = pexpect.spawn(
        str(ROOT / "examples" / "morning.sh"), cwd=str(isolated), env=env, encoding="utf-8", timeout=40
    )
    deadline = time.monotonic() + 30
    while len(list((isolated / "drafts").glob("*.md"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.INTERRUPTED, child.before
    assert "interrupted: the posts written so far are whole" in child.before
    assert sorted(post_sources(isolated / "drafts")) == sorted(e.url for e in news[:2])
    kept = (isolated / "morning.failed.txt").read_text().split()
    assert sorted(kept) == sorted(e.url for e in news[2:])


def test_newsboat_bookmark_command(site: Site, isolated: Path, tmp_path: Path) -> None:
    """As newsboat runs it with bookmark-interactive: URL, title, description and feed title, shell-quoted,
    in the reader's terminal."""
    env = path_with_clipper(tmp_path)
    env.pop("NO_COLOR", None)
    (url,) = (entry.url for entry in stories(site, 1))
    drafts = tmp_path / "blog" / "drafts"
    command = f"{ROOT / 'examples' / 'newsboat-bookmark.sh'} '{url}' 'Story 1' 'What happened' 'News Example'"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        cwd=str(isolated),
        env={**env, "TERM": "xterm-256color", "CLIPPER_DRAFTS_DIR": str(drafts)},
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("Quote [1-4]: ")
    child.sendline("2")
    child.expect_exact("]: ")
    child.sendline("")
    child.expect_exact("(Enter for none, < goes back): ")
    child.sendline("")
    child.expect_exact("Write this post? [Y/n, < to choose again]: ")
    child.sendline("")
    child.expect_exact("Press Enter to go back to newsboat. ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert {meta["quoted"] for meta in post_sources(drafts).values()} == {"2"}
