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
from siteserver import Site

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> pexpect.spawn:
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", **(env or {})}
    full_env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "clipper", *args],
        cwd=str(cwd),
        env=full_env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )


def screen_lines(text: str) -> list[str]:
    return [ANSI.sub("", line) for line in text.replace("\r", "").split("\n")]


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
    child.expect(pexpect.EOF)
    screen += child.before
    child.close()
    assert child.exitstatus == 0
    lines = screen_lines(screen)
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert any(line.startswith("1 (28 w) The city council voted") for line in lines)
    assert any("Quoting 2-3: 62 of 183 words (34% of the article)" in line for line in lines)
    path = next(line.strip() for line in lines if line.strip().startswith("drafts/"))
    meta, body, _ = parse((isolated / path).read_text())
    assert meta["title"] == "Waterfront: what the vote means" and meta["source_title"] == TITLE
    assert meta["quoted"] == "2-3" and PARAGRAPHS[1] in body and PARAGRAPHS[0] not in body


def test_enter_takes_the_lead_and_the_source_headline(site: Site, isolated: Path) -> None:
    url = site.page("/news/story", article_page())
    child = spawn(["grab", url], isolated)
    child.expect_exact("Quote [1-4]: ")
    child.sendline("")
    child.expect_exact("]: ")
    child.sendline("")
    child.expect(pexpect.EOF)
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
    child.expect(pexpect.EOF)
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
