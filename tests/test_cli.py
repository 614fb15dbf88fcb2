"""The commands through Typer's runner, and the installed console script for what a shell sees."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper import __version__
from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, TITLE, article_page
from siteserver import Site

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def grab(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["grab", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def read_post(path: str) -> tuple[dict[str, object], str]:
    meta, body, _ = parse(Path(path).read_text(encoding="utf-8"))
    return meta, body


@pytest.fixture
def story(site: Site) -> str:
    return site.page("/news/2024/waterfront-plan", article_page())


def test_grab_writes_the_default_lead_and_prints_the_path(story: str) -> None:
    code, out, err = grab(story)
    assert code == 0, err
    path = out.strip()
    assert path.startswith("drafts/") and path.endswith("-council-approves-new-waterfront-plan-after-long-debate.md")
    meta, body = read_post(path)
    assert meta["title"] == TITLE and meta["source_url"] == story and meta["quoted"] == "1-4"
    assert meta["source_name"] == "The Riverside Courier" and meta["draft"] is True
    assert "fetched" in meta
    assert body.startswith("\nThe Riverside Courier reports:\n\n> The city council voted")
    assert PARAGRAPHS[3] in body and PARAGRAPHS[4] not in body
    assert body.rstrip().endswith(f"]({story})")


@pytest.mark.parametrize(
    ("option", "quoted", "first", "count"),
    [
        (["--pick", "2,4-5"], "2,4-5", PARAGRAPHS[1], 4),  # and a […] line: 4 does not follow 2
        (["--lead", "2"], "1-2", PARAGRAPHS[0], 2),
        (["--all"], "1-6", PARAGRAPHS[0], 6),
        (["-p", "6"], "6", PARAGRAPHS[5], 1),
    ],
)
def test_choosing_paragraphs(story: str, option: list[str], quoted: str, first: str, count: int) -> None:
    code, out, err = grab(story, *option)
    assert code == 0, err
    meta, body = read_post(out.strip())
    assert meta["quoted"] == quoted
    assert body.count("\n> ") == count and f"> {first}" in body


def test_title_date_and_drafts_dir(story: str, tmp_path: Path) -> None:
    code, out, _ = grab(
        story,
        "--title",
        "Waterfront: the vote",
        "--date",
        "2025-01-02T03:04:05+00:00",
        "--drafts-dir",
        str(tmp_path / "posts"),
    )
    assert code == 0
    assert out.strip() == str(tmp_path / "posts" / "2025-01-02-waterfront-the-vote.md")
    meta, _ = read_post(out.strip())
    assert meta["title"] == "Waterfront: the vote" and meta["source_title"] == TITLE
    assert meta["date"].isoformat() == "2025-01-02T03:04:05+00:00"  # type: ignore[attr-defined]


def test_drafts_dir_from_the_environment(story: str, tmp_path: Path) -> None:
    code, out, _ = grab(story, env={"CLIPPER_DRAFTS_DIR": str(tmp_path / "elsewhere")})
    assert code == 0 and out.startswith(str(tmp_path / "elsewhere"))


def test_dry_run_prints_the_post_and_writes_nothing(story: str) -> None:
    code, out, _ = grab(story, "--dry-run", "--lead", "1")
    assert code == 0
    meta, body, _ = parse(out)
    assert meta["quoted"] == "1" and PARAGRAPHS[0] in body
    assert not Path("drafts").exists()


def test_a_source_already_drafted_is_refused_unless_forced(site: Site, story: str) -> None:
    _, first, _ = grab(story)
    requests_before = len(site.requests)
    code, out, err = grab(story + "/?utm_source=feed#top")
    assert code == ExitCode.EXISTS and out == ""
    assert len(site.requests) == requests_before  # known before fetching
    assert err.startswith("clipper: error: ") and first.strip() in err and "--force" in err
    code, second, _ = grab(story, "--force")
    assert code == 0 and second.strip() != first.strip()
    assert len(list(Path("drafts").glob("*.md"))) == 2


def test_saved_page_with_its_address(tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(article_page(), encoding="utf-8")
    code, out, err = grab(str(saved), "--url", "https://news.example/2024/waterfront?fbclid=1", "--lead", "1")
    assert code == 0, err
    meta, _ = read_post(out.strip())
    assert meta["source_url"] == "https://news.example/2024/waterfront" and "fetched" not in meta


def test_saved_page_without_an_address_is_refused(tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(article_page(), encoding="utf-8")
    code, _, err = grab(str(saved))
    assert code == ExitCode.USAGE and "--url" in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--pick", "1", "--lead", "2"], ExitCode.USAGE, "only one of"),
        (["--pick", "9"], ExitCode.USAGE, "out of range"),
        (["--lead", "0"], ExitCode.USAGE, "at least 1"),
        (["--date", "yesterday"], ExitCode.USAGE, "--date"),
        (["--url", "https://ex.com/a"], ExitCode.USAGE, "--url is for saved pages"),
    ],
)
def test_usage_errors(story: str, args: list[str], code: int, message: str) -> None:
    result, out, err = grab(story, *args)
    assert result == code and message in err and out == ""
    assert not Path("drafts").exists()


@pytest.mark.parametrize("url", ["https://news.example:99999/story", "http://[::1/story"])
def test_a_malformed_url_is_a_usage_error(url: str) -> None:
    result, out, err = grab(url, "--lead", "1")
    assert (result, out, err) == (ExitCode.USAGE, "", f"clipper: error: {url}: not a valid URL (its host or port)\n")


@pytest.mark.slow
def test_failures_are_one_line_with_the_url_and_a_code(site: Site) -> None:
    site.page("/missing", "<p>gone</p>", status=404)
    site.page("/doc.pdf", b"%PDF-1.4", content_type="application/pdf")
    site.page("/nav", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    cases = [
        (site.url("/missing"), ExitCode.HTTP, "HTTP 404"),
        (site.url("/doc.pdf"), ExitCode.CONTENT, "not an HTML page (application/pdf)"),
        (site.url("/nav"), ExitCode.NO_ARTICLE, "no article text"),
        ("http://127.0.0.1:9/x", ExitCode.NETWORK, "cannot connect"),
        ("missing-file.html", ExitCode.FILE, "no such file"),
        ("ftp://ex.com/a", ExitCode.USAGE, "only http and https"),
    ]
    for source, code, message in cases:
        result, out, err = grab(source, "--lead", "1")
        assert result == code, (source, err)
        assert out == "" and err.count("\n") == 1 and message in err and source in err, err
    assert not Path("drafts").exists()


def test_a_page_that_is_no_article_writes_no_post(site: Site, isolated: Path) -> None:
    """ "Hello", a line saying the article is gone, or a listing of links is no article (exit 6), and
    text without markup no HTML page (exit 5); a one-sentence brief is an article, and a round-up of
    links too."""
    for path, text in (("/hello", "Hello"), ("/removed", "This article is no longer available.")):
        page = site.page(path, f"<html><head><title>{text}</title></head><body><p>{text}</p></body></html>")
        result, out, err = grab(page, "--lead", "1")
        assert (result, out) == (ExitCode.NO_ARTICLE, "") and f"{page}: no article text" in err, err
    assert "(only 1 word)" in grab(site.url("/hello"))[2]
    assert not Path("drafts").exists()
    # a folder's listing is links and nothing else: no article (exit 6)
    items = "".join(f'<li><a href="story-{n}.html">story-{n}.html</a></li>' for n in range(40))
    listing = site.page(
        "/files/",
        f"<html><head><title>Index of /files</title></head><body><h1>Index of /files</h1>"
        f"<ul>{items}</ul></body></html>",
    )
    result, out, err = grab(listing, "--lead", "1")
    assert (result, out) == (ExitCode.NO_ARTICLE, "") and "only links" in err, err
    # text with no markup at all, saved or served as HTML, is no HTML page (exit 5), not a short one
    Path("notes.txt").write_text("Notes on the bike lanes, first proposed by the council last spring.\n" * 30)
    for source in ("notes.txt", site.page("/notes", Path("notes.txt").read_text())):
        result, out, err = grab(source, "--lead", "1")
        assert (result, out) == (ExitCode.CONTENT, "") and "not an HTML page" in err, err
    assert not Path("drafts").exists()
    brief = "The council approved the waterfront plan by seven votes to two on Tuesday night."
    result, out, err = grab(site.page("/brief", article_page(paragraphs=[brief])), "--lead", "1")
    assert result == 0, err
    assert read_post(out.strip())[1].count(brief) == 1
    # a round-up whose every paragraph links its sources is an article all the same
    linked = "".join(
        f'<p>The council\'s <a href="/r{n}">report on the river path number {n}</a> was read by the members, '
        f"who asked the mayor for the costs of the work before the vote in the spring.</p>"
        for n in range(6)
    )
    roundup = site.page(
        "/roundup",
        f"<html><head><title>Round-up</title></head><body><article><h1>Round-up</h1>{linked}</article></body></html>",
    )
    result, out, err = grab(roundup, "--lead", "1")
    assert result == 0, err


def test_a_japanese_headline_names_the_file_in_romaji(site: Site) -> None:
    page = article_page("日銀総裁会見").replace('lang="en"', 'lang="ja"')  # Han alone: the page's language says how
    result, out, err = grab(site.page("/articles/20250114/k00m020123000c", page), "--lead", "1")
    assert result == 0, err
    assert Path(out.strip()).name.endswith("-nichigin-sousai-kaiken.md")


def test_extract_json(story: str) -> None:
    result = runner.invoke(app, ["extract", "--json", story])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    for key in ("url", "title", "site_name", "author", "date", "paragraphs"):
        assert key in data
    assert data["paragraphs"] == PARAGRAPHS and data["date"] == "2024-03-05" and data["title"] == TITLE
    assert data["url"] == story


def test_extract_json_of_a_page_that_does_not_say_its_address(isolated: Path) -> None:
    saved = isolated / "saved.html"
    saved.write_text(article_page(canonical=None, author=None))
    data = json.loads(runner.invoke(app, ["extract", "--json", str(saved)]).stdout)
    assert data["url"] is None and data["author"] is None  # unknown is null, whatever the key


def test_shell_completion_through_the_real_entry_point(isolated: Path) -> None:
    clipper = str(Path(sys.executable).parent / "clipper")  # the installed command, as a shell runs it
    # the script `--install-completion` installs (asked for by name: `--show-completion` guesses the shell
    # from the parent processes, which a test runner does not have)
    env = {**os.environ, "_CLIPPER_COMPLETE": "source_bash"}
    script = subprocess.run([clipper], env=env, capture_output=True, text=True, check=False)
    assert script.returncode == 0 and "_clipper_completion" in script.stdout
    env = {**os.environ, "_CLIPPER_COMPLETE": "complete_bash", "COMP_WORDS": "clipper list --st", "COMP_CWORD": "2"}
    done = subprocess.run([clipper], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["--status"]


def test_extract_for_people(story: str) -> None:
    result = runner.invoke(app, ["extract", story])
    assert result.exit_code == 0
    assert TITLE in result.stdout and "The Riverside Courier · Jane Doe · 2024-03-05" in result.stdout
    assert "6 (34 w) The next public meeting" in " ".join(result.stdout.split())


EXAMPLE_URL = "https://www.theguardian.com/world/2014/oct/05/isis-al-nusra-reconcile-syria-air-strikes"


def imported(*args: str) -> set[str]:
    """The modules a run of `clipper ARGS` imports, as `python -X importtime` lists them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "clipper", *args], capture_output=True, text=True, check=True
    )
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()[1:] if "|" in line}


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_a_saved_page_needs_no_http_client(isolated: Path) -> None:
    """Extracting and grabbing a saved page never loads requests (urllib3 comes with trafilatura)."""
    page = str(ROOT / "examples" / "isis-nusra-article.html")
    extracting = packages(imported("extract", page, "--url", EXAMPLE_URL))
    grabbing = packages(imported("grab", page, "--url", EXAMPLE_URL, "--lead", "4"))
    assert "trafilatura" in extracting and "trafilatura" in grabbing  # the runs did extract
    assert "requests" not in extracting and "requests" not in grabbing
    assert len(list((isolated / "drafts").glob("*.md"))) == 1


def test_the_version_is_told_before_the_command_line_is_built() -> None:
    modules = imported("--version")
    assert {name for name in modules if name.startswith("clipper")} == {"clipper", "clipper.cli"}
    assert not packages(modules) & {"typer", "click", "rich", "typing"}


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).stdout == f"clipper {__version__}\n"
    for command in ([], ["grab"], ["extract"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
    assert "--pick" in runner.invoke(app, ["grab", "--help"]).stdout


COMMANDS = [
    [],
    *([c] for c in ("grab", "extract", "list", "show", "render", "edit", "publish", "rm", "review", "check", "push")),
    *(["feed", c] for c in ("add", "list", "pull", "rm", "import", "export")),
    *(["config", c] for c in ("init", "show")),
]


def described(help_text: str) -> list[list[str]]:
    """The paragraphs of a help screen's description (between the usage line and the first panel),
    each a list of its lines as shown."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Usage:")) + 1
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("╭"))
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:end]:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "clipper")
def test_help_reads_as_written_paragraphs(command: list[str], width: int) -> None:
    """Every line of a paragraph is filled before the next begins, at any width: no line ends where
    the next line's first word would still have fitted."""
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    paragraphs = described(result.stdout)
    assert paragraphs, result.stdout
    for paragraph in paragraphs:
        for line, after in itertools.pairwise(paragraph):
            room = width - 2  # the help's margins
            assert len(line) + 1 + len(after.split()[0]) > room, f"{' '.join(command)} at {width}: {line!r}"


def test_console_script_and_module(site: Site) -> None:
    """The installed `clipper` and `python -m clipper`: no traceback, one line on stderr."""
    site.page("/missing", "<p>gone</p>", status=404)
    script = Path(sys.executable).with_name("clipper")
    for command in ([str(script)], [sys.executable, "-m", "clipper"]):
        done = subprocess.run(
            [*command, "grab", site.url("/missing")],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert done.returncode == ExitCode.HTTP
        assert done.stderr == f"clipper: error: {site.url('/missing')}: HTTP 404 Not Found\n"
        assert done.stdout == ""


def test_a_saved_copy_of_a_page_already_grabbed_is_the_same_source(site: Site, isolated: Path) -> None:
    """Grab a page by its URL, then the same page saved to a file: a syndicated copy whose canonical
    link names another site, so the two posts would name different addresses. The same bytes are the
    same source."""
    page = article_page(canonical="https://original.example/news/saved")
    url = site.page("/news/saved", page)
    assert runner.invoke(app, ["grab", url, "--lead", "1"]).exit_code == 0
    saved = isolated / "saved.html"
    saved.write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["grab", str(saved), "--lead", "1"])
    assert result.exit_code == ExitCode.EXISTS, result.stderr
    assert "the same page is already drafted in drafts/" in result.stderr
    assert len(list((isolated / "drafts").glob("*.md"))) == 1
    assert runner.invoke(app, ["grab", str(saved), "--lead", "1", "--force", "--url", url]).exit_code == 0
