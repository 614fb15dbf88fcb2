"""clipper in scripts: real pipes and files, a terminal only on stderr, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from clipper.errors import ExitCode

from pages import article_page
from siteserver import Site

CLIPPER = [sys.executable, "-m", "clipper"]


def run(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLIPPER, *args], cwd=cwd, input=stdin, capture_output=True, text=True, check=False)


def stories(site: Site, count: int) -> list[str]:
    return [site.page(f"/news/s{i}", article_page(title=f"Story {i} about the waterfront")) for i in range(count)]


def test_batch_json_reaches_the_file_when_stderr_is_a_terminal(site: Site, isolated: Path) -> None:
    """`clipper grab --from links.txt --json > out.jsonl` typed at a terminal: the progress bar is on
    the terminal, the JSON in the file."""
    (isolated / "links.txt").write_text("\n".join(stories(site, 3)) + "\n")
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    command = " ".join([*CLIPPER, "grab", "--from", "links.txt", "--json", "--lead", "1", ">", "out.jsonl"])
    child = pexpect.spawn("/bin/sh", ["-c", command], cwd=str(isolated), env=env, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    lines = [json.loads(line) for line in (isolated / "out.jsonl").read_text().splitlines()]
    assert [line["status"] for line in lines] == ["written"] * 3
    assert "3 written, 0 skipped, 0 failed" in child.before and '"status"' not in child.before


def test_a_closed_pipe_is_a_quiet_end(isolated: Path) -> None:
    drafts = isolated / "drafts"
    drafts.mkdir()
    for n in range(3000):
        (drafts / f"post-{n}.md").write_text(f'+++\ntitle = "Post {n}"\ndate = 2026-01-01\n+++\n')
    long = [f"Paragraph {n} of a long article about the waterfront plan and its many hearings." for n in range(2000)]
    (drafts / "post-long.md").write_text('+++\ntitle = "Long"\ndate = 2026-01-01\n+++\n\n> ' + "\n>\n> ".join(long))
    (isolated / "long.html").write_text(article_page(paragraphs=long))
    # each prints far more than a pipe holds, so the reader is gone before the writing ends
    for command in (["list"], ["list", "--json"], ["show", "long"], ["extract", "long.html"]):
        done = subprocess.run(
            f"{' '.join(CLIPPER)} {' '.join(command)} | head -1; exit ${{PIPESTATUS[0]}}",
            shell=True,
            executable="/bin/bash",
            cwd=isolated,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == "" and done.stdout.count("\n") == 1


def test_a_list_on_stdin_not_in_utf8_is_refused_whatever_the_locale(isolated: Path) -> None:
    """In a C locale Python passes undecodable bytes on as escapes; they are not taken for sources."""
    done = subprocess.run(
        [*CLIPPER, "grab", "--from", "-", "--lead", "1"],
        cwd=isolated,
        input=b"\xff\xfehttp://news.example/a\n",
        capture_output=True,
        env={**os.environ, "LC_ALL": "C"},
        check=False,
    )
    assert done.returncode == ExitCode.FILE
    assert done.stderr == b"clipper: error: stdin: the list of sources is not UTF-8 text\n"


def test_an_empty_list_of_sources_is_nothing_to_do(isolated: Path) -> None:
    (isolated / "links.txt").write_text("# a quiet morning\n\n")
    done = run(["grab", "--from", "links.txt"], isolated)
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr == "clipper: nothing to grab: links.txt lists no source\n"
    done = run(["grab", "--from", "-", "--json"], isolated, stdin="")
    assert done.returncode == 0 and done.stdout == "" and "stdin lists no source" in done.stderr
    assert run(["grab"], isolated).returncode == ExitCode.USAGE  # no source at all is still a mistake


def test_usage_errors_are_one_line(isolated: Path) -> None:
    for args, words in (
        (["list", "--status", "foo"], "'foo' is not one of 'draft', 'published', 'all'"),
        (["grab", "--nope"], "No such option: --nope"),
        (["show"], "Missing argument 'ID'"),  # as the usage line names it
        (["feed", "add"], "Missing argument 'URL'"),
    ):
        done = run(args, isolated)
        assert done.returncode == ExitCode.USAGE
        assert done.stderr.startswith("clipper: error: ") and done.stderr.count("\n") == 1, done.stderr
        assert words in done.stderr and "╭" not in done.stderr


@pytest.mark.slow
def test_a_short_option_means_one_thing(site: Site, isolated: Path) -> None:
    """-n is --dry-run and -f is --force, wherever they are accepted."""
    url = stories(site, 1)[0]
    dry = run(["grab", url, "--lead", "1", "-n"], isolated)
    assert dry.returncode == 0 and dry.stdout.startswith("+++") and not (isolated / "drafts").exists()
    assert run(["grab", url, "--lead", "1"], isolated).returncode == 0
    assert run(["grab", url, "--lead", "1", "-f"], isolated).returncode == 0
    assert run(["list", "-n", "1"], isolated).returncode == ExitCode.USAGE
    assert run(["render", "1", "-f", "text"], isolated).returncode == ExitCode.USAGE
    assert run(["list", "--limit", "1"], isolated).stdout.count("\n") == 1


def test_paragraphs_apart_in_the_source_are_apart_in_the_quote(site: Site, isolated: Path) -> None:
    url = stories(site, 1)[0]
    body = run(["grab", url, "--pick", "1,2,4", "-n"], isolated).stdout.split("+++", 2)[2]
    quote = [line for line in body.splitlines() if line.startswith(">")]
    assert quote[3:6] == [">", "> \\[…\\]", ">"]  # 1 and 2 run on; 4 does not follow 2
    assert sum(line == "> \\[…\\]" for line in quote) == 1


def test_a_dry_run_says_the_real_run_would_be_refused(site: Site, isolated: Path) -> None:
    url = stories(site, 1)[0]
    assert run(["grab", url, "--lead", "1"], isolated).returncode == 0
    dry = run(["grab", url, "--lead", "1", "-n"], isolated)
    assert dry.returncode == 0 and dry.stdout.startswith("+++")
    assert "already drafted in drafts/" in dry.stderr and "a real run would stop here" in dry.stderr
    assert run(["grab", url, "--lead", "1"], isolated).returncode == ExitCode.EXISTS


def test_a_post_published_elsewhere_is_known_to_grab(site: Site, isolated: Path) -> None:
    url = stories(site, 1)[0]
    assert run(["grab", url, "--lead", "1"], isolated).returncode == 0
    assert run(["publish", "1", "--published-dir", "site"], isolated).returncode == 0
    again = run(["grab", url, "--lead", "1", "--published-dir", "site"], isolated)
    assert again.returncode == ExitCode.EXISTS and "already published in site/" in again.stderr


def test_a_broken_post_can_be_edited_by_its_path(isolated: Path, tmp_path: Path) -> None:
    drafts = isolated / "drafts"
    drafts.mkdir()
    post = drafts / "a.md"
    post.write_text('+++\ntitle = "A"\ndraft = tru e\n+++\nBody\n')
    listed = run(["list"], isolated)
    assert "skipped drafts/a.md" in listed.stderr and "line 3" in listed.stderr  # the file's own line
    fixer = tmp_path / "fix.py"
    fixer.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text().replace('tru e', 'true'))\n"
    )
    env = {**os.environ, "EDITOR": f"{sys.executable} {fixer}"}
    done = subprocess.run([*CLIPPER, "edit", "drafts/a.md"], cwd=isolated, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and run(["list", "--json"], isolated).stdout.count('"title": "A"') == 1


def test_piped_output_keeps_a_line_a_line(isolated: Path) -> None:
    drafts = isolated / "drafts"
    drafts.mkdir()
    title = "A very long headline " * 8
    (drafts / f"2026-01-01-{'very-long-name-' * 8}post.md").write_text(f'+++\ntitle = "{title}"\n+++\n\n> Quoted.\n')
    shown = run(["show", "1"], isolated).stdout
    assert title.strip() in shown.splitlines()[0]


def test_a_selection_that_cannot_be_and_slugs_with_apostrophes(site: Site, isolated: Path) -> None:
    url = stories(site, 1)[0]
    bad = run(["grab", url, "--pick", "0"], isolated)
    assert bad.returncode == ExitCode.USAGE and "paragraphs are numbered from 1" in bad.stderr
    done = run(["grab", url, "--lead", "1", "--title", "You’re broke: Taylor Swift's answer"], isolated)
    assert done.stdout.strip().endswith("-youre-broke-taylor-swifts-answer.md")
