"""The interactive picker in a real pseudo-terminal: keystrokes in, the post out, a screen that
reads at 80 columns."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse

from pages import PARAGRAPHS, TITLE, article_page
from siteserver import Site, delayed

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, size: tuple[int, int] = (24, 80)
) -> pexpect.spawn:
    rows, columns = size
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows), **(env or {})}
    full_env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "clipper", *args],
        cwd=str(cwd),
        env=full_env,
        dimensions=size,
        encoding="utf-8",
        timeout=20,
    )


def finish(child: pexpect.spawn, note: str = "") -> str:
    """Answer the note prompt and write the post; what the screen showed meanwhile."""
    child.expect_exact("(Enter for none, < goes back): ")
    seen = child.before + child.after
    child.sendline(note)
    child.expect_exact("Write this post? [Y/n, < to choose again]: ")
    seen += child.before + child.after
    child.sendline("")
    child.expect(pexpect.EOF)
    return str(seen + child.before)


def screen_lines(text: str) -> list[str]:
    """The lines as a terminal leaves them: what follows a carriage return overwrites the line."""
    return [ANSI.sub("", line.rstrip("\r").split("\r")[-1]) for line in text.split("\n")]


def test_pick_paragraphs_and_a_headline(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    child.expect_exact("Quote [1-4]: ")
    screen = child.before
    child.sendline("2-3")
    child.expect_exact("Headline [")
    screen += child.before + child.after
    child.expect_exact("]: ")
    child.sendline("Waterfront: what the vote means")
    screen += finish(child, note="A long time coming.")
    child.close()
    assert child.exitstatus == 0
    lines = screen_lines(screen)
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert any(line.startswith("1 (28 w) The city council voted") for line in lines)
    assert any("Quoting 2-3: 62 of 183 words (34% of the article)" in line for line in lines)
    path = next(line.strip() for line in lines if line.strip().startswith("drafts/"))
    meta, body, _ = parse((isolated / path).read_text())
    assert "A long time coming." in body.split("> ")[-1]  # the note, after the quote
    assert any(line.startswith("▌ The plan replaces the disused freight yard") for line in lines)  # the preview
    assert meta["title"] == "Waterfront: what the vote means" and meta["source_title"] == TITLE
    assert meta["quoted"] == "2-3" and PARAGRAPHS[1] in body and PARAGRAPHS[0] not in body


def test_enter_takes_the_lead_and_the_source_headline(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    child.expect_exact("Quote [1-4]: ")
    child.sendline("")
    child.expect_exact("]: ")
    child.sendline("")
    finish(child)
    child.close()
    assert child.exitstatus == 0
    post = next((isolated / "drafts").glob("*.md"))
    meta, _, _ = parse(post.read_text())
    assert meta["quoted"] == "1-4" and meta["title"] == TITLE


def test_quit_writes_nothing(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    child.expect_exact("Quote [1-4]: ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.CANCELLED
    assert not (isolated / "drafts").exists()


def test_cut_down_in_the_editor(site: Site, isolated: Path, tmp_path: Path) -> None:
    editor = tmp_path / "cut.py"
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "keep = [l for l in p.read_text().splitlines() if l.strip() and not l.startswith('#')][0]\n"
        "p.write_text(keep.split(',')[0] + '.\\n')\n"
    )
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated, env={"VISUAL": f"{sys.executable} {editor}"})
    child.expect_exact("Quote [1-4]: ")
    child.sendline("e 1")
    child.expect_exact("]: ")
    child.sendline("")
    finish(child)
    child.close()
    assert child.exitstatus == 0
    meta, body, _ = parse(next((isolated / "drafts").glob("*.md")).read_text())
    assert meta["edited"] is True and meta["quoted"] == "1"
    assert (
        "> The city council voted seven to two on Tuesday night to approve the long-awaited waterfront "
        "redevelopment plan." in body
    )


@pytest.mark.parametrize("command", [["list"], ["show", "1"]])
def test_review_commands_fit_80_columns(isolated: Path, command: list[str]) -> None:
    drafts = isolated / "drafts"
    drafts.mkdir()
    for n in range(30):
        (drafts / f"2026-01-{n + 1:02d}-post-{n}.md").write_text(
            f'+++\ntitle = "A rather long headline about the waterfront plan, number {n}, and its many critics"\n'
            f'date = 2026-01-{n + 1:02d}\nsource_name = "The Riverside Courier and Evening Gazette"\n'
            "quoted_words = 120\nsource_words = 900\n+++\n\nThe Courier reports:\n\n> A quoted paragraph.\n"
        )
    child = spawn(command, isolated)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = screen_lines(child.before)
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    if command == ["list"]:
        assert any("of 30 posts shown" in line for line in lines) and len(lines) <= 24


def many_posts(drafts: Path, count: int = 120) -> None:
    drafts.mkdir()
    for n in range(count):
        (drafts / f"2026-01-{n % 28 + 1:02d}-post-{n}.md").write_text(
            f'+++\ntitle = "Harbour story {n}: a rather long headline about the waterfront plan and its critics"\n'
            f"date = 2026-01-{n % 28 + 1:02d}T{n % 24:02d}:00:00Z\n"
            'source_name = "The Riverside Courier and Evening Gazette"\nquoted_words = 120\nsource_words = 900\n'
            "+++\n\nThe Courier reports:\n\n> A quoted paragraph.\n"
        )


@pytest.mark.parametrize("columns", [60, 80, 100, 120])
def test_list_always_shows_the_number_and_the_title(isolated: Path, columns: int) -> None:
    """The number (what you type next) and the start of the title show at any width; the other
    columns give way first."""
    many_posts(isolated / "drafts")
    child = spawn(["list"], isolated, size=(30, columns))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    rows = [line for line in screen_lines(child.before) if "Harbour story" in line]
    assert len(rows) >= 20
    for line in rows:
        assert len(line) <= columns
        match = re.match(r"^\s*(\d+)\s+(\S.*)$", line)
        assert match, line
        story = re.search(r"Harbour story (\d+)", line)
        assert story and int(match.group(1)) >= 1, line
    if columns >= 100:
        assert any("Riverside" in line for line in rows)


def test_show_sets_quoted_paragraphs_apart(isolated: Path) -> None:
    drafts = isolated / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(
        '+++\ntitle = "Two paragraphs"\n+++\n\nThe Courier reports:\n\n> First quoted paragraph.\n>\n'
        "> Second quoted paragraph.\n\n[Continue reading](https://news.example/a)\n"
    )
    child = spawn(["show", "1"], isolated)
    child.expect(pexpect.EOF)
    child.close()
    lines = screen_lines(child.before)
    first = next(i for i, line in enumerate(lines) if "First quoted paragraph." in line)
    assert lines[first + 1].strip() == "" and "Second quoted paragraph." in lines[first + 2]
    assert lines[first].startswith("▌ ")


@pytest.mark.parametrize("at", ["Quote [1-4]: ", "]: "])
def test_ctrl_d_cancels_and_writes_nothing(site: Site, isolated: Path, at: str) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    if at == "]: ":
        child.expect_exact("Quote [1-4]: ")
        child.sendline("")
    child.expect_exact(at)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.CANCELLED
    assert "cancelled: nothing written" in child.before and "Aborted" not in child.before
    assert not list(isolated.glob("drafts/*.md"))


def test_a_slow_fetch_shows_a_spinner_with_the_host(site: Site, isolated: Path) -> None:
    site.routes["/slow"] = delayed(2, lambda h: h.send_page(article_page()))
    child = spawn(["grab", site.url("/slow"), "--lead", "1"], isolated)
    child.expect_exact("Fetching 127.0.0.1…", timeout=1.5)  # while the page is still on its way
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and list(isolated.glob("drafts/*.md"))


def test_typed_ahead_numbers_are_no_headline_and_back_is_possible(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    child.expect_exact("Quote [1-4]: ")
    child.sendline("1")
    child.expect_exact("]: ")
    child.sendline("5-2")  # meant for the paragraph prompt
    child.expect_exact("use it as the headline? [y/N]: ")
    child.sendline("")
    child.expect_exact("]: ")
    child.sendline("<")  # back to the paragraphs, what was chosen offered again
    child.expect_exact("Quote [1]: ")
    child.sendline("2-3")
    child.expect_exact("]: ")
    child.sendline("")
    child.expect_exact("(Enter for none, < goes back): ")
    child.sendline("")
    child.expect_exact("Write this post? [Y/n, < to choose again]: ")
    assert not list(isolated.glob("drafts/*.md"))  # nothing written before the editor says so
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    meta, _, _ = parse(next(isolated.glob("drafts/*.md")).read_text())
    assert child.exitstatus == 0 and meta["quoted"] == "2-3" and meta["title"] == TITLE


def test_a_dry_run_in_the_picker_prints_the_post_without_asking_to_write_it(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url, "--dry-run"], isolated)
    for prompt, answer in (("Quote [1-4]: ", "1-5"), ("]: ", ""), ("(Enter for none, < goes back): ", "")):
        child.expect_exact(prompt)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    screen = " ".join(screen_lines(child.before))
    assert child.exitstatus == 0 and "Write this post?" not in screen
    assert "warning: quoting 149 of 183 words" in screen and "title = " in screen
    assert not (isolated / "drafts").exists()


def test_the_share_warning_comes_before_writing_and_no_means_nothing(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    child.expect_exact("Quote [1-4]: ")
    child.sendline("1-5")
    child.expect_exact("]: ")
    child.sendline("")
    child.expect_exact("(Enter for none, < goes back): ")
    child.sendline("")
    child.expect_exact("Write this post? [Y/n, < to choose again]: ")
    assert "warning: quoting 149 of 183 words (81%), over 30%" in " ".join(screen_lines(child.before))
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.CANCELLED and not (isolated / "drafts").exists()
    child = spawn(["grab", url], isolated)  # written after all: the warning was shown once, before
    child.expect_exact("Quote [1-4]: ")
    child.sendline("1-5")
    child.expect_exact("]: ")
    child.sendline("")
    finish(child)  # child.before: what came after "Write this post?"
    child.close()
    assert child.exitstatus == 0 and " ".join(screen_lines(child.before)).count("warning: quoting") == 0


def test_editor_cut_keeps_hash_lines_and_breaks_and_check_trusts_it(site: Site, isolated: Path, tmp_path: Path) -> None:
    """A paragraph starting with # survives the cut, a cut inside a paragraph is marked […], an
    emptied file goes back to the prompt, and `check` finds the cut quote in the unchanged page."""
    paragraphs = ["#MeToo activists marched through the city centre on Saturday, in the rain.", *PARAGRAPHS[1:]]
    url = site.page("/news/story", article_page(paragraphs=paragraphs))
    runs = tmp_path / "runs"
    editor = tmp_path / "cut.py"
    editor.write_text(
        "import sys, pathlib\n"
        f"runs = pathlib.Path({str(runs)!r})\n"
        "first = not runs.exists()\nruns.write_text('x')\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "if first:\n    p.write_text('')\n"
        "else:\n"
        "    text = p.read_text().replace(' through the city centre', '').replace(', in the rain.', '')\n"
        "    p.write_text(text)\n"
    )
    child = spawn(["grab", url], isolated, env={"VISUAL": f"{sys.executable} {editor}"})
    child.expect_exact("Quote [1-4]: ")
    child.sendline("e 1")
    child.expect_exact("Quote [1-4]: ")  # the emptied file: choose again
    child.sendline("e 1")
    child.expect_exact("]: ")
    child.sendline("")
    finish(child)
    child.close()
    assert child.exitstatus == 0
    post = next(isolated.glob("drafts/*.md"))
    meta, body, _ = parse(post.read_text())
    assert meta["edited"] is True
    assert "> \\#MeToo activists marched \\[…\\] on Saturday \\[…\\]" in body
    checked = spawn(["check", "1"], isolated)
    checked.expect(pexpect.EOF)
    checked.close()
    assert checked.exitstatus == 0 and "unchanged" in checked.before


def test_a_batch_on_the_terminal_keeps_paths_and_the_bar_apart(site: Site, isolated: Path) -> None:
    for i in range(4):
        site.routes[f"/news/s{i}"] = delayed(
            0.3 * i, lambda h, i=i: h.send_page(article_page(title=f"Story {i} of four"))
        )
    (isolated / "links.txt").write_text("\n".join(site.url(f"/news/s{i}") for i in range(4)) + "\n")
    child = spawn(["grab", "--from", "links.txt", "--lead", "1"], isolated)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = screen_lines(child.before)
    paths = [line for line in lines if "drafts/" in line]
    assert len(paths) == 4 and all(line.startswith("drafts/") and line.endswith(".md") for line in paths), lines


@pytest.mark.parametrize(("answer", "code"), [("n", ExitCode.CANCELLED), ("ctrl-c", ExitCode.INTERRUPTED), ("y", 0)])
def test_rm_asks_and_ctrl_c_is_an_interruption(isolated: Path, answer: str, code: int) -> None:
    post = isolated / "drafts" / "2026-03-01-ferry-fares.md"
    post.parent.mkdir()
    post.write_text('+++\ntitle = "Ferry fares"\ndate = 2026-03-01\n+++\n\n> quoted\n')
    child = spawn(["rm", "ferry"], isolated)
    child.expect_exact("(Ferry fares)? [y/N]: ")
    child.sendintr() if answer == "ctrl-c" else child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code and post.exists() == (answer != "y")
