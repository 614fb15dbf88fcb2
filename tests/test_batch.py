"""Batch grabs against a loopback server: mixed outcomes, JSON Lines, exit codes, duplicates,
stdin, politeness and Ctrl-C."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse
from clipper.settings import Settings
from clipper.workflows import batch as batches
from clipper.workflows.batch import read_sources
from clipper.workflows.grab import Outcome, Pipeline
from clipper.workflows.plan import GrabPlan, Selection

from pages import PARAGRAPHS, article_page
from siteserver import Handler, Site, delayed

runner = CliRunner()


def batch(*args: str, stdin: str | None = None) -> tuple[int, list[dict[str, object]], str]:
    choice = [] if {"--pick", "--all"} & set(args) else ["--lead", "2"]
    result = runner.invoke(app, ["grab", "--json", *choice, *args], input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, lines, result.stderr


def stories(site: Site, n: int, title: str = "Story") -> list[str]:
    return [
        site.page(f"/news/{title.lower()}-{i}", article_page(f"{title} number {i} about the river park"))
        for i in range(n)
    ]


def test_mixed_successes_and_faults(site: Site) -> None:
    good = stories(site, 3)
    site.page("/gone", "<p>no</p>", status=404)
    site.page("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    site.page("/nav", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    bad = [site.url("/gone"), site.url("/file.pdf"), site.url("/nav")]
    code, lines, err = batch(*good, *bad)
    assert code == ExitCode.SOME_FAILED
    assert all(list(line) == ["source", "url", "status", "path", "error", "review"] for line in lines)
    by_source = {line["source"]: line for line in lines}
    assert set(by_source) == {*good, *bad}
    for url in good:
        assert by_source[url]["status"] == "written" and by_source[url]["error"] is None
        meta, body, _ = parse(Path(str(by_source[url]["path"])).read_text())
        assert meta["source_url"] == url and PARAGRAPHS[1] in body and PARAGRAPHS[2] not in body
    assert "HTTP 404" in str(by_source[bad[0]]["error"]) and by_source[bad[0]]["status"] == "failed"
    assert "application/pdf" in str(by_source[bad[1]]["error"])
    assert "no article text" in str(by_source[bad[2]]["error"])
    assert "3 written, 0 skipped, 3 failed" in err


def test_exit_codes(site: Site) -> None:
    ok = stories(site, 2)
    site.page("/gone", "<p>no</p>", status=404)
    assert batch(*ok)[0] == 0
    assert batch(*ok)[0] == 0  # all skipped (already drafted) is success too
    assert batch(site.url("/gone"), site.url("/gone?again=1"))[0] == ExitCode.ALL_FAILED


def test_duplicates_in_the_batch_and_already_drafted(site: Site, isolated: Path) -> None:
    first, second = stories(site, 2)
    code, lines, _ = batch(first, first + "/?utm_source=feed#top", "HTTP://127.0.0.1:" + first.split(":")[2])
    assert code == 0
    assert [line["status"] for line in lines].count("written") == 1
    assert [line["status"] for line in lines].count("skipped") == 2
    assert all("same article as" in str(line["error"]) for line in lines if line["status"] == "skipped")
    code, lines, _ = batch(first, second)
    statuses = {line["source"]: (line["status"], line["error"]) for line in lines}
    assert statuses[first] == ("skipped", "already drafted") and statuses[second][0] == "written"
    assert len(list((isolated / "drafts").glob("*.md"))) == 2
    # a source already drafted: its url is the article's address as the post records it, its path the post's
    tracked = first + "/?utm_source=feed#top"
    code, lines, _ = batch(tracked)
    assert (lines[0]["source"], lines[0]["url"], lines[0]["status"]) == (tracked, first, "skipped")
    assert parse(Path(str(lines[0]["path"])).read_text())[0]["source_url"] == first
    code, lines, _ = batch(first, "--force")
    assert lines[0]["status"] == "written"


def test_same_article_under_two_links_is_written_once(site: Site) -> None:
    canonical = site.url("/news/canonical")
    a = site.page("/a", article_page(canonical=canonical))
    b = site.page("/b", article_page(canonical=canonical))
    code, lines, _ = batch(a, b)
    assert code == 0 and sorted(str(line["status"]) for line in lines) == ["skipped", "written"]


def test_same_file_name_gets_two_files(site: Site, isolated: Path) -> None:
    urls = [
        site.page(f"/edition-{i}", article_page("Same headline everywhere", canonical=f"/edition-{i}"))
        for i in range(4)
    ]
    code, lines, _ = batch(*urls)
    assert code == 0
    paths = {str(line["path"]) for line in lines}
    assert len(paths) == 4 and all(Path(p).exists() for p in paths)


def test_sources_from_a_file_and_from_stdin(site: Site, isolated: Path) -> None:
    urls = stories(site, 3)
    listing = isolated / "links.txt"
    listing.write_text(f"# morning links\n\n{urls[0]}\n   {urls[1]}  \n# {urls[2]}\n")
    code, lines, _ = batch("--from", str(listing))
    assert code == 0 and {line["source"] for line in lines} == {urls[0], urls[1]}
    code, lines, _ = batch("--from", "-", stdin=f"{urls[2]}\n")
    assert code == 0 and [line["source"] for line in lines] == [urls[2]]
    assert read_sources(["# x", "", " a ", "b"]) == ["a", "b"]


def test_a_list_of_sources_not_in_utf8_is_one_line_of_error(isolated: Path) -> None:
    listing = isolated / "links.txt"
    listing.write_bytes("https://news.example/caf\xe9\n".encode("latin-1"))
    for args, given in ((["--from", str(listing)], None), (["--from", "-"], listing.read_bytes())):
        result = runner.invoke(app, ["grab", *args], input=given)
        assert result.exit_code == ExitCode.FILE, result.output
        assert result.stderr.count("\n") == 1 and "not UTF-8 text" in result.stderr
    assert sorted(p.name for p in isolated.rglob("*.md")) == []


def test_batch_options_that_need_one_source(site: Site) -> None:
    a, b = stories(site, 2)
    for option in (["--title", "x"], ["--url", "https://x.org"], ["--dry-run"], ["--date", "2026-01-01"]):
        result = runner.invoke(app, ["grab", a, b, *option])
        assert result.exit_code == ExitCode.USAGE and "works with one source" in result.stderr


def test_one_source_as_json_takes_the_options_of_one_source(site: Site, isolated: Path) -> None:
    """A script's JSON for a saved page that names no address of its own."""
    saved = isolated / "saved.html"
    saved.write_text(article_page())
    code, lines, _ = batch(str(saved), "--url", "https://news.example/saved", "--title", "Our own headline")
    assert code == 0 and [line["status"] for line in lines] == ["written"]
    assert lines[0]["url"] == "https://news.example/saved"
    meta, _, _ = parse(Path(str(lines[0]["path"])).read_text())
    assert meta["title"] == "Our own headline"
    result = runner.invoke(app, ["grab", str(saved), "--json", "--dry-run"])
    assert result.exit_code == ExitCode.USAGE and "not JSON" in result.stderr


def test_one_source_as_json_keeps_its_own_exit_code(site: Site) -> None:
    """One source ends with the code it would end with without --json (7: already drafted; 4: HTTP 404);
    a batch keeps its rule (0 when every source was written or skipped, 13 or 14 when some failed)."""
    story = stories(site, 1, "Single")[0]
    site.page("/gone", "<p>no</p>", status=404)
    assert batch(story)[0] == 0
    code, lines, _ = batch(story)
    assert code == ExitCode.EXISTS and [(line["status"], line["error"]) for line in lines] == [
        ("skipped", "already drafted")
    ]
    assert runner.invoke(app, ["grab", story, "--lead", "2"]).exit_code == ExitCode.EXISTS  # the same without --json
    code, lines, _ = batch(site.url("/gone"))
    assert code == ExitCode.HTTP and lines[0]["status"] == "failed"
    assert batch(story, "--from", "-", stdin="")[0] == 0  # a list, even of one source, is a batch
    assert batch("--from", "-", stdin=f"{story}\n")[0] == 0


def test_pick_is_clamped_to_short_articles(site: Site) -> None:
    short = site.page("/short", article_page(paragraphs=PARAGRAPHS[:2]))
    code, lines, err = batch(short, "--pick", "2-5")
    assert code == 0, err
    meta, _, _ = parse(Path(str(lines[0]["path"])).read_text())
    assert meta["quoted"] == "2"


def test_plain_output_is_the_paths(site: Site) -> None:
    urls = stories(site, 2)
    result = runner.invoke(app, ["grab", *urls, "--lead", "1"])
    assert result.exit_code == 0
    assert all(Path(line).exists() for line in result.stdout.splitlines()) and len(result.stdout.splitlines()) == 2
    assert "2 written, 0 skipped, 0 failed" in result.stderr


def test_a_malformed_address_fails_alone(site: Site) -> None:
    good = stories(site, 1)
    code, lines, _ = batch(*good, "https://news.example:99999/story", "http://[::1/story")
    assert code == ExitCode.SOME_FAILED
    by_source = {line["source"]: line for line in lines}
    assert by_source[good[0]]["status"] == "written"
    assert "not a valid URL" in str(by_source["http://[::1/story"]["error"])
    assert "not a valid URL" in str(by_source["https://news.example:99999/story"]["error"])


def test_fail_fast_stops_at_the_first_failure(site: Site) -> None:
    site.page("/gone", "<p>no</p>", status=404)
    slow = [f"/slow-{i}" for i in range(6)]
    for path in slow:
        site.routes[path] = delayed(1.0, lambda h: h.send_page(article_page()))
    code, lines, err = batch(site.url("/gone"), *[site.url(p) for p in slow], "--fail-fast", "--jobs", "2")
    assert code == ExitCode.SOME_FAILED  # not all failed: most were never tried
    assert lines[0]["status"] == "failed" and len(lines) < 7
    assert "not done (stopped at the first failure)" in err


def test_at_most_two_requests_at_once_to_one_host(site: Site) -> None:
    active = {"now": 0, "most": 0}
    lock = threading.Lock()

    def counted(h: Handler) -> None:
        with lock:
            active["now"] += 1
            active["most"] = max(active["most"], active["now"])
        time.sleep(0.3)
        with lock:
            active["now"] -= 1
        h.send_page(article_page(f"Counted story {h.path}"))

    for i in range(6):
        site.routes[f"/c{i}"] = counted
    code, lines, _ = batch(*[site.url(f"/c{i}") for i in range(6)], "--jobs", "6")
    assert code == 0 and len(lines) == 6
    assert active["most"] == 2


def test_ctrl_c_stops_cleanly(site: Site, isolated: Path) -> None:
    fast = stories(site, 2, title="Quick")
    for i in range(6):
        site.routes[f"/stuck{i}"] = delayed(20, lambda h: h.send_page(article_page()))
    sources = [*fast, *[site.url(f"/stuck{i}") for i in range(6)]]
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "grab", "--json", "--lead", "1", *sources],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=isolated,
        stdin=subprocess.DEVNULL,
    )
    drafts = isolated / "drafts"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(list(drafts.glob("*.md")) if drafts.exists() else []) < 2:
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert process.returncode == ExitCode.INTERRUPTED
    assert "2 written, 0 skipped, 0 failed, 6 not done (interrupted)" in err
    assert "the 2 posts written before the interruption are whole" in err
    assert "Traceback" not in err and "leaked" not in err and "Warning" not in err
    written = [json.loads(line) for line in out.splitlines()]
    assert len(written) == 2
    names = [n for n in os.listdir(drafts) if n != ".snapshots"]
    assert sorted(names) == sorted(Path(str(w["path"])).name for w in written)  # no temp files
    for line in written:
        parse(Path(isolated / str(line["path"])).read_text())  # whole posts


@pytest.mark.parametrize("jobs", ["1", "16"])
def test_many_sources_any_concurrency(site: Site, jobs: str) -> None:
    urls = stories(site, 12, title=f"Jobs{jobs}")
    code, lines, _ = batch(*urls, "--jobs", jobs)
    assert code == 0 and sorted(str(line["source"]) for line in lines) == sorted(urls)


def test_the_example_morning_script(site: Site, isolated: Path) -> None:
    good = stories(site, 2, title="Morning")
    site.page("/gone", "<p>no</p>", status=404)
    links = isolated / "links.txt"
    links.write_text("# today\n" + "\n".join([*good, site.url("/gone")]) + "\n")
    script = Path(__file__).resolve().parent.parent / "examples" / "batch.sh"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", str(script), str(links), str(isolated / "posts")],
        capture_output=True,
        text=True,
        env=env,
        cwd=isolated,
        check=False,
    )
    assert done.returncode == ExitCode.SOME_FAILED, done.stderr
    assert "some links failed" in done.stdout and "written: 2" in done.stdout and "failed: 1" in done.stdout
    assert (isolated / "links.failed.txt").read_text().split() == [site.url("/gone")]
    assert len(list((isolated / "posts").glob("*.md"))) == 2


def test_bad_choices_fail_before_fetching(site: Site) -> None:
    a, b = stories(site, 2)
    for option in (["--lead", "0"], ["--pick", "x"]):
        result = runner.invoke(app, ["grab", a, b, *option])
        assert result.exit_code == ExitCode.USAGE
    assert not site.hits


def pool_left() -> list[str]:
    """What an extraction pool leaves running in this process: its manager thread, its workers."""
    threads = [t.name for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    return threads + [p.name for p in multiprocessing.active_children()]


def test_the_extraction_pool_is_wound_down_before_a_batch_returns(site: Site, isolated: Path) -> None:
    """A pool still winding down at interpreter exit races Python's exit hook (a traceback after the
    summary); so the pool is gone when the run returns, whether it ended or its reader went away."""
    plan = GrabPlan(settings=Settings(), folder=isolated / "drafts", selection=Selection(lead=1), clamp=True)
    outcomes = batches.run(stories(site, 4, "Pooled"), Pipeline(plan), lambda outcome: None)
    assert [o.status for o in outcomes] == ["written"] * 4
    assert pool_left() == []

    def reader_gone(outcome: Outcome) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):
        batches.run(stories(site, 4, "Unread"), Pipeline(plan), reader_gone)
    assert pool_left() == []


def morning(site: Site, isolated: Path, reader: str, runs: int) -> None:
    """A list of links piped into a batch as `clipper feed pull | clipper grab --from - --lead 3` pipes
    it, `runs` times, through real pipes and processes, the batch's paths read by `reader`; any
    traceback on stderr fails."""
    urls = stories(site, 6, "Piped")
    site.page("/gone", "<p>no</p>", status=404)
    listing = isolated / "pulled.txt"
    listing.write_text("\n".join([*urls, site.url("/gone")]) + "\n")
    clipper = Path(sys.executable).parent / "clipper"
    script = f'set -o pipefail; cat "$1" | "$2" grab --from - --lead 3 -d "$3" | {reader} >/dev/null'
    for run in range(runs):
        folder = isolated / f"{reader.split()[0]}-{run}"
        done = subprocess.run(
            ["bash", "-c", script, "-", str(listing), str(clipper), str(folder)],
            capture_output=True,
            text=True,
            cwd=isolated,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
        if reader == "cat":  # read to the end: the whole batch ran
            assert done.returncode == ExitCode.SOME_FAILED and "6 written, 0 skipped, 1 failed" in done.stderr
        else:  # the reader went away: quiet, whether the batch noticed (0) or had written every path first
            assert done.returncode in (0, ExitCode.SOME_FAILED), done.stderr


@pytest.mark.slow
def test_many_batches_through_pipes_never_print_a_traceback(site: Site, isolated: Path) -> None:
    morning(site, isolated, "cat", 12)
    morning(site, isolated, "head -1", 12)  # the reader leaves after the first path: a broken pipe
