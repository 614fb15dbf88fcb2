"""Shell completion through the protocol the installed scripts speak (an environment variable naming
the shell, the words typed so far), run against the installed `clipper` as a shell runs it: post
numbers and names with their titles, feed names; for bash through the script bash itself sources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app

from feedpages import entries, rss
from pages import article_page
from siteserver import Site

CLIPPER = Path(sys.executable).parent / "clipper"
runner = CliRunner()
TITLES = {
    "/news/ferry": "Ferry fares rise: what it means",
    "/news/library": "Library opens late on Fridays",
    "/news/bridge": "Bridge closed for repairs",
}
IDENT_COMMANDS = ["show", "edit", "publish", "rm", "push", "review", "check", "render"]


def complete(shell: str, typed: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Ask for the completions of `typed` (the command line up to the cursor) as `shell`'s script asks."""
    env = {**os.environ, "_CLIPPER_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = typed.split() + ([""] if typed.endswith(" ") else [])
        env |= {"COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)}
    else:
        env |= {
            "_TYPER_COMPLETE_ARGS": typed,
            **({"_TYPER_COMPLETE_FISH_ACTION": "get-args"} if shell == "fish" else {}),
        }
    env |= extra
    return subprocess.run([str(CLIPPER)], env=env, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def posts(site: Site, isolated: Path) -> dict[str, str]:
    """Three drafts grabbed in order; their numbers are 1, 2, 3 and their names the headlines'."""
    for day, (path, title) in enumerate(TITLES.items(), 5):
        page = site.page(path, article_page(title))
        result = runner.invoke(app, ["grab", page, "--lead", "1", "--date", f"2026-03-{day:02}T09:00:00+00:00"])
        assert result.exit_code == 0, result.stderr
    return {str(n): title for n, title in enumerate(TITLES.values(), 1)}


@pytest.mark.parametrize("command", IDENT_COMMANDS)
def test_bash_completes_post_numbers_and_names(posts: dict[str, str], isolated: Path, command: str) -> None:
    done = complete("bash", f"clipper {command} ", isolated)
    assert done.returncode == 0 and done.stderr == ""
    assert sorted(done.stdout.split()) == ["1", "2", "3"]
    assert complete("bash", f"clipper {command} fe", isolated).stdout.split() == ["ferry-fares-rise-what-it-means"]
    named = complete("bash", f"clipper {command} 2026", isolated).stdout.split()
    assert len(named) == 3 and all(
        name.endswith(("-ferry-fares-rise-what-it-means", "-fridays", "-repairs")) for name in named
    )


def test_zsh_and_fish_show_each_post_s_title(posts: dict[str, str], isolated: Path) -> None:
    zsh = complete("zsh", "clipper show ", isolated).stdout
    assert zsh.startswith("_arguments '*: :((") and '"1":"Ferry fares rise\\\\: what it means"' in zsh
    assert '"3":"Bridge closed for repairs"' in zsh
    fish = complete("fish", "clipper publish ", isolated).stdout.splitlines()
    assert sorted(fish) == sorted(f"{n}\t{title}" for n, title in posts.items())
    fish = complete("fish", "clipper edit lib", isolated).stdout.splitlines()
    assert fish == ["library-opens-late-on-fridays\tLibrary opens late on Fridays"]


def test_completion_reads_the_drafts_folder_the_command_line_names(posts: dict[str, str], isolated: Path) -> None:
    (isolated / "drafts").rename(isolated / "elsewhere")
    assert complete("bash", "clipper show ", isolated).stdout.split() == []  # nothing where the settings look
    assert sorted(complete("bash", "clipper show -d elsewhere ", isolated).stdout.split()) == ["1", "2", "3"]


def test_feed_rm_completes_the_feeds_followed(site: Site, isolated: Path) -> None:
    for name in ("harbour", "council", "courts"):
        url = site.page(f"/{name}.xml", rss(entries(2)), content_type="application/rss+xml")
        assert runner.invoke(app, ["feed", "add", url, "--name", name]).exit_code == 0
    assert sorted(complete("bash", "clipper feed rm ", isolated).stdout.split()) == ["council", "courts", "harbour"]
    assert complete("bash", "clipper feed rm co", isolated).stdout.split() == ["council", "courts"]
    fish = complete("fish", "clipper feed pull har", isolated).stdout.splitlines()
    assert fish == [f"harbour\t{site.url('/harbour.xml')}"]


def test_bash_itself_completes_through_the_script_it_sources(posts: dict[str, str], isolated: Path) -> None:
    script = subprocess.run(
        [str(CLIPPER)], env={**os.environ, "_CLIPPER_COMPLETE": "source_bash"}, capture_output=True, text=True
    )
    assert script.returncode == 0 and "complete -o default -F _clipper_completion clipper" in script.stdout
    session = (
        f"{script.stdout}\nCOMP_WORDS=(clipper show '') COMP_CWORD=2\n_clipper_completion clipper\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{CLIPPER.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "--norc", "-c", session], env=env, cwd=isolated, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.split()) == ["1", "2", "3"]


def test_completion_loads_neither_the_fetching_nor_the_extraction_stack(posts: dict[str, str], isolated: Path) -> None:
    """A shell asks at every Tab: the answer reads the listing, never imports requests or trafilatura."""
    for typed in ("clipper show ", "clipper feed rm ", "clipper check 1"):
        done = complete("bash", typed, isolated, PYTHONPROFILEIMPORTTIME="1")
        imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
        assert "clipper" in imported and not imported & {"requests", "trafilatura", "lxml", "urllib3"}, typed


def test_a_broken_settings_file_completes_nothing_and_says_nothing(posts: dict[str, str], isolated: Path) -> None:
    (isolated / "clipper.toml").write_text("drafts_dir = [\n")
    done = complete("bash", "clipper show ", isolated)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, [], "")
