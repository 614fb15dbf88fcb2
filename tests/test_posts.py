"""Reviewing the posts folder: list, show, edit, publish and rm, broken files, the listing cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clipper.cli import app
from clipper.errors import ExitCode
from clipper.posts.frontmatter import parse
from clipper.posts.model import Post, Quote, save
from clipper.settings import PostSettings

from fs import undeletable

runner = CliRunner()
JSON_KEYS = [
    "number",
    "id",
    "path",
    "status",
    "title",
    "date",
    "source_name",
    "source_url",
    "quoted_words",
    "source_words",
    "review",
]


def clipper_post(folder: Path, title: str, when: str, source: str = "The Riverside Courier", fmt: str = "toml") -> Path:
    post = Post(
        title=title,
        created=datetime.fromisoformat(when),
        source_url=f"https://news.example/{title[:5]}",
        quotes=(Quote(number=1, kind="p", text="Some quoted words here."),),
        source_words=100,
        source_name=source,
    )
    return save(post, folder, PostSettings(front_matter=fmt))


@pytest.fixture
def folder(isolated: Path) -> Path:
    drafts = isolated / "drafts"
    clipper_post(drafts, "Council approves waterfront plan", "2026-03-05T09:00:00+00:00")
    clipper_post(drafts, "Ferry fares rise again", "2026-03-07T09:00:00+00:00", source="Harbour News")
    clipper_post(drafts, "Library opens late on Fridays", "2026-03-06T09:00:00+00:00", fmt="yaml")
    (drafts / "2025-12-01-by-hand.md").write_text(
        '+++\ntitle = "Written by hand"\ndate = 2025-12-01\n# my own comment\ntags = ["old"]\n+++\n\nHello.\n'
    )
    (drafts / "imported.md").write_text("---\ntitle: Imported from the old blog\ndate: 2019-05-01\n---\nOld.\n")
    return drafts


def listing(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["list", "--json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_list_json_newest_first_with_stable_keys(folder: Path) -> None:
    rows = listing()
    assert [r["title"] for r in rows] == [
        "Ferry fares rise again",
        "Library opens late on Fridays",
        "Council approves waterfront plan",
        "Written by hand",
        "Imported from the old blog",
    ]
    assert list(rows[0]) == JSON_KEYS
    assert [r["number"] for r in rows] == [5, 4, 3, 2, 1]  # numbered in the order they were made
    assert rows[0]["source_name"] == "Harbour News" and rows[0]["quoted_words"] == 4
    assert rows[0]["source_words"] == 100 and rows[0]["status"] == "draft"
    assert rows[4]["status"] == "draft"  # no draft key: the folder it is in decides
    assert rows[3]["date"] == "2025-12-01" and rows[3]["source_name"] is None


@pytest.mark.parametrize(
    ("args", "titles"),
    [
        (
            ["--status", "draft"],
            [
                "Ferry fares rise again",
                "Library opens late on Fridays",
                "Council approves waterfront plan",
                "Written by hand",
                "Imported from the old blog",
            ],
        ),
        (["--status", "published"], []),
        (["--source", "harbour"], ["Ferry fares rise again"]),
        (["--since", "2026-03-06"], ["Ferry fares rise again", "Library opens late on Fridays"]),
        (["--search", "LIBRARY"], ["Library opens late on Fridays"]),
        (["--search", "courier"], ["Library opens late on Fridays", "Council approves waterfront plan"]),
        (["--limit", "2"], ["Ferry fares rise again", "Library opens late on Fridays"]),
    ],
)
def test_list_filters(folder: Path, args: list[str], titles: list[str]) -> None:
    rows = listing(*args)
    assert [r["title"] for r in rows] == titles
    # numbers are those of the whole listing, so `show N` means the same post whatever the filter
    full = {r["title"]: r["number"] for r in listing()}
    assert all(r["number"] == full[r["title"]] for r in rows)


def test_list_plain_text_when_piped(folder: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and "\x1b[" not in result.stdout
    assert lines[0].split()[:3] == ["5", "2026-03-07", "draft"] and lines[0].endswith("Ferry fares rise again")


def test_list_piped_columns_line_up_after_wide_characters(isolated: Path) -> None:
    drafts = isolated / "drafts"
    clipper_post(drafts, "Council votes", "2026-03-05T09:00:00+00:00", source="Harbour News")
    clipper_post(drafts, "日銀総裁が会見", "2026-03-06T09:00:00+00:00", source="毎日新聞")
    clipper_post(drafts, "Another one", "2026-03-07T09:00:00+00:00", source="台北時報" * 8)  # cut to its cells

    def cells(text: str) -> int:  # as a terminal sets them: a CJK character takes two
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    lines = runner.invoke(app, ["list"]).stdout.splitlines()
    titles = ["Another one", "日銀総裁が会見", "Council votes"]
    assert [line.endswith(title) for line, title in zip(lines, titles, strict=True)] == [True] * 3
    assert len({cells(line[: -len(title)]) for line, title in zip(lines, titles, strict=True)}) == 1


def test_broken_files_are_named_and_skipped(folder: Path) -> None:
    (folder / "README.md").write_text("# My drafts\n")
    (folder / "broken.md").write_text('+++\ntitle = "unclosed\n+++\n')
    (folder / "empty.md").write_text("")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "untitled.md").write_text("+++\ndate = 2024-01-01\n+++\n")
    (folder / "notes.txt").write_text("not markdown, not looked at")
    before = sorted(os.listdir(folder))
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 5
    skipped = result.stderr.splitlines()
    assert len(skipped) == 5 and all(line.startswith("clipper: skipped ") for line in skipped)
    for name, reason in [
        ("README.md", "no front matter"),
        ("broken.md", "TOML front matter"),
        ("empty.md", "empty"),
        ("binary.md", "binary"),
        ("untitled.md", "no title"),
    ]:
        assert any(name in line and reason in line for line in skipped), (name, skipped)
    # list writes no post: only the numbers it gave, in its own dot folder
    assert sorted(set(os.listdir(folder)) - {".clipper"}) == before


def test_cache_is_never_stale(folder: Path, isolated: Path) -> None:
    assert len(listing()) == 5
    post = folder / "2025-12-01-by-hand.md"
    post.write_text(post.read_text().replace("Written by hand", "Rewritten by hand!"))
    os.utime(post, ns=(post.stat().st_atime_ns, post.stat().st_mtime_ns + 1))
    (folder / "new.md").write_text('+++\ntitle = "Added by hand"\ndate = 2030-01-01\n+++\n')
    (folder / "imported.md").unlink()
    titles = [r["title"] for r in listing()]
    assert titles[0] == "Added by hand" and "Rewritten by hand!" in titles
    assert "Imported from the old blog" not in titles and "Written by hand" not in titles
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "clipper"
    assert any(cache.iterdir())
    for item in cache.iterdir():
        item.unlink()
    assert [r["title"] for r in listing()] == titles  # deleting the cache loses nothing


def test_published_folder(folder: Path, isolated: Path) -> None:
    published = isolated / "site" / "posts"
    clipper_post(published, "An older published piece", "2026-01-01T09:00:00+00:00")
    (published / "by-hand.md").write_text('+++\ntitle = "Published by hand"\ndate = 2024-01-01\n+++\n')
    rows = listing("--published-dir", str(published))
    assert len(rows) == 7
    status = {r["title"]: r["status"] for r in rows}
    assert status["An older published piece"] == "draft"  # its own flag wins
    assert status["Published by hand"] == "published"  # no flag: the folder decides
    assert [r["title"] for r in listing("--published-dir", str(published), "--status", "published")] == [
        "Published by hand"
    ]


def test_posts_are_numbered_without_a_drafts_folder(isolated: Path) -> None:
    published = isolated / "site" / "posts"
    clipper_post(published, "An older published piece", "2026-01-01T09:00:00+00:00")
    clipper_post(published, "A newer published piece", "2026-02-01T09:00:00+00:00")
    rows = listing("--drafts-dir", str(isolated / "none"), "--published-dir", str(published))
    numbered = [(r["number"], r["title"]) for r in rows]
    assert numbered == [(2, "A newer published piece"), (1, "An older published piece")]
    assert not (isolated / "none").exists()  # nothing is kept where there is no folder


@pytest.mark.parametrize(
    "ident",
    ["5", "2026-03-07", "ferry", "fares-rise", "ferry-fares-rise-again", "2026-03-07-ferry-fares-rise-again.md"],
)
def test_show_by_number_prefix_or_slug(folder: Path, ident: str) -> None:
    result = runner.invoke(app, ["show", ident])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Ferry fares rise again" in out and "Harbour News reports:" in out
    assert "Some quoted words here." in out and "draft · 2026-03-07 · Harbour News · 4 of 100 words quoted" in out


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        ("2026-03", "matches 3 posts: 5 2026-03-07-ferry-fares-rise-again, 4 2026-03-06-library-opens-late-on-fridays"),
        ("nothing-like-this", "no post matches"),
        ("99", "no post number 99"),
    ],
)
def test_ambiguous_and_unknown_ids(folder: Path, ident: str, message: str) -> None:
    result = runner.invoke(app, ["show", ident])
    assert result.exit_code == ExitCode.NOT_FOUND
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_post_whose_front_matter_broke_keeps_its_number(folder: Path, tmp_path: Path) -> None:
    """Post 5, broken by an edit, is still post 5: show, render, review, publish, push and check name the
    file and what is wrong (exit 11), by its number or its name; edit opens it to be mended."""
    number = next(r["number"] for r in listing() if r["title"] == "Ferry fares rise again")
    path = Path("drafts") / "2026-03-07-ferry-fares-rise-again.md"
    good = path.read_text()
    path.write_text(good.replace("draft = true", "draft = tru e"))
    broken = path.read_bytes()
    for command in ("show", "render", "review", "publish", "push", "check"):
        for ident in (str(number), "ferry"):
            result = runner.invoke(app, [command, ident])
            assert result.exit_code == ExitCode.INVALID_POST, (command, ident, result.stderr)
            assert f"clipper: error: {path}: TOML front matter: Invalid value (at line 4" in result.stderr
    assert path.read_bytes() == broken
    mend = _editor(tmp_path, "p.write_text(p.read_text().replace('tru e', 'true'))")
    result = runner.invoke(app, ["edit", str(number)], env={"EDITOR": mend})
    assert result.exit_code == 0 and result.stdout == f"{path}\n", result.stderr
    assert path.read_text() == good
    assert [r["number"] for r in listing() if r["title"] == "Ferry fares rise again"] == [number]


def test_an_empty_listing_says_why_on_stderr(isolated: Path) -> None:
    result = runner.invoke(app, ["list", "--drafts-dir", "nowhere"])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "clipper: no posts in nowhere/ (no such folder yet)\n"
    clipper_post(isolated / "drafts", "Ferry fares rise again", "2026-03-07T09:00:00+00:00")
    result = runner.invoke(app, ["list", "--search", "bridge"])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == "clipper: no post matches (of 1)\n"
    result = runner.invoke(app, ["list", "--search", "bridge", "--json"])
    assert result.stdout == "[]\n" and result.stderr == ""


def test_a_prefix_of_one_name_and_words_of_another_are_two_candidates(isolated: Path) -> None:
    """`rm isis --yes` must not pick one of two posts about it because its name starts with the word."""
    drafts = isolated / "drafts"
    first = clipper_post(drafts, "Isis and al-Nusra reconcile", "2026-03-01T09:00:00+00:00")
    second = clipper_post(drafts, "Second story: Isis and al-Nusra", "2026-03-02T09:00:00+00:00")
    result = runner.invoke(app, ["rm", "isis", "--yes"])
    assert result.exit_code == ExitCode.NOT_FOUND and "matches 2 posts" in result.stderr
    assert first.exists() and second.exists()
    result = runner.invoke(app, ["show", "isis-and-al-nusra-reconcile"])  # a whole name still wins
    assert result.exit_code == 0 and "reconcile" in result.stdout


def _editor(tmp_path: Path, code: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(f"import sys, pathlib\np = pathlib.Path(sys.argv[1])\n{code}\n")
    return f"{sys.executable} {script}"


def test_edit_keeps_a_good_edit(folder: Path, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('Hello.', 'Hello, edited.'))")
    result = runner.invoke(app, ["edit", "by-hand"], env={"VISUAL": editor})
    assert result.exit_code == 0 and result.stdout.strip().endswith("2025-12-01-by-hand.md")
    assert "Hello, edited." in (folder / "2025-12-01-by-hand.md").read_text()


def test_edit_reports_a_broken_front_matter_and_keeps_the_text(folder: Path, tmp_path: Path) -> None:
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('title = ', 'title = = ') + 'my new words')")
    result = runner.invoke(app, ["edit", "by-hand"], env={"EDITOR": editor})
    assert result.exit_code == ExitCode.INVALID_POST
    assert "no longer parses" in result.stderr and "as you left it" in result.stderr
    assert (folder / "2025-12-01-by-hand.md").read_text().endswith("my new words")


def test_publish_in_place_keeps_every_other_line(folder: Path) -> None:
    path = folder / "2025-12-01-by-hand.md"
    (folder / "2025-12-01-by-hand.md").write_text(path.read_text().replace("+++\ntitle", "+++\ndraft = true\ntitle"))
    result = runner.invoke(app, ["publish", "by-hand"])
    assert result.exit_code == 0 and result.stdout.strip() == str(Path("drafts") / path.name)
    text = path.read_text()
    meta, body, _ = parse(text)
    assert meta["draft"] is False and isinstance(meta["publishDate"], datetime)
    assert "# my own comment" in text and body == "\nHello.\n" and meta["tags"] == ["old"]


def test_publish_twice_says_so_and_changes_nothing(folder: Path, isolated: Path) -> None:
    path = Path("drafts") / "2026-03-07-ferry-fares-rise-again.md"
    first = runner.invoke(app, ["publish", "ferry"])
    assert (first.exit_code, first.stdout, first.stderr) == (0, f"{path}\n", "")
    published, stamp = path.read_bytes(), path.stat().st_mtime_ns
    second = runner.invoke(app, ["publish", "ferry"])
    assert (second.exit_code, second.stdout) == (0, f"{path}\n")
    assert second.stderr == f"clipper: {path} is already published; nothing changed\n"
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (published, stamp)
    # a post of the published folder with no `draft` of its own is published too
    elsewhere = isolated / "published"
    kept = clipper_post(elsewhere, "Old news from the archive", "2025-01-01T09:00:00+00:00")
    kept.write_text(kept.read_text().replace("draft = true\n", ""))
    before = kept.read_bytes()
    again = runner.invoke(app, ["publish", "old-news", "--published-dir", str(elsewhere)])
    assert again.exit_code == 0 and "already published" in again.stderr and kept.read_bytes() == before


def test_publish_moves_to_the_published_folder(folder: Path, isolated: Path) -> None:
    published = isolated / "published"
    result = runner.invoke(app, ["publish", "library", "--published-dir", str(published)])
    assert result.exit_code == 0, result.stderr
    moved = Path(result.stdout.strip())
    assert moved.parent == published and not list(folder.glob("*library*"))
    meta, _, fmt = parse(moved.read_text())
    assert fmt == "yaml" and meta["draft"] is False and meta["title"] == "Library opens late on Fridays"
    rows = listing("--published-dir", str(published), "--status", "published")
    assert "Library opens late on Fridays" in [r["title"] for r in rows]


def test_a_publish_that_cannot_move_the_draft_leaves_it_where_it_was(folder: Path, isolated: Path) -> None:
    published = isolated / "published"
    published.mkdir()
    before = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    with undeletable(folder):
        result = runner.invoke(app, ["publish", "library", "--published-dir", str(published)])
    assert result.exit_code == ExitCode.FILE and result.stderr.count("\n") == 1, result.stderr
    assert "library" in result.stderr and "cannot move it to" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.md")} == before
    assert list(published.iterdir()) == []


def test_rm_asks_or_needs_yes(folder: Path) -> None:
    result = runner.invoke(app, ["rm", "ferry"])
    assert result.exit_code == ExitCode.USAGE and "--yes" in result.stderr
    assert list(folder.glob("*ferry*"))
    result = runner.invoke(app, ["rm", "ferry", "--yes"])
    assert result.exit_code == 0 and not list(folder.glob("*ferry*"))
    assert "Deleted" in result.stderr


@pytest.mark.parametrize("args", [["list", "--json"], ["show", "1"], ["--help"], ["--version"], ["list", "--help"]])
def test_review_commands_never_import_the_fetching_stack(folder: Path, args: list[str]) -> None:
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
        "from clipper.cli import main\n"
        f"sys.argv = ['clipper', *{args!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    modules = set(done.stderr.split("MODULES ", 1)[1].split())
    assert not modules & {"requests", "trafilatura", "lxml", "urllib3", "charset_normalizer"}
    if args[0] in ("list", "show"):  # only the commands it runs: the others cost start-up time
        assert not modules & {"clipper.cli.grab", "clipper.cli.feed", "clipper.cli.push", "slugify"}


def test_list_on_a_missing_folder_is_empty(isolated: Path) -> None:
    assert listing("--drafts-dir", str(isolated / "none")) == []


def test_dates_sort_across_offsets(isolated: Path) -> None:
    drafts = isolated / "drafts"
    clipper_post(drafts, "Late in Tokyo", "2026-03-06T08:00:00+09:00")  # 2026-03-05T23:00Z
    clipper_post(drafts, "Early in London", "2026-03-06T00:30:00+00:00")
    assert [r["title"] for r in listing()] == ["Early in London", "Late in Tokyo"]
    assert datetime.fromisoformat(str(listing()[0]["date"])) == datetime(2026, 3, 6, 0, 30, tzinfo=timezone.utc)


def test_terminal_table_shows_the_newest_screenful(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from clipper.cli import views as view
    from clipper.posts.listing import all_posts

    for n in range(20):
        clipper_post(folder, f"Story number {n}", f"2027-01-{n + 1:02d}T09:00:00+00:00")
    rows = list(enumerate(all_posts([(folder, "draft")]).posts, 1))
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(0, 0): os.terminal_size((100, 12)))
    view.print_table(rows, len(rows), everything=False)
    out = capsys.readouterr().out
    assert "Story number 19" in out and "Story number 0" not in out
    assert "5 of 25 posts shown; --all shows every row" in out
    view.print_table(rows, len(rows), everything=True)
    assert "Story number 0" in capsys.readouterr().out


def test_render_formats(folder: Path) -> None:
    html_out = runner.invoke(app, ["render", "ferry"]).stdout
    assert html_out.startswith('<p>Harbour News reports:</p>\n<blockquote cite="https://news.example/Ferry">')
    assert "<p>Some quoted words here.</p>" in html_out and '<a href="https://news.example/Ferry">' in html_out
    text = runner.invoke(app, ["render", "ferry", "--format", "text"]).stdout
    assert text == (
        "Harbour News reports:\n\n    Some quoted words here.\n\n[Continue reading…] <https://news.example/Ferry>\n"
    )
    markdown = runner.invoke(app, ["render", "ferry", "--format", "markdown"]).stdout
    assert markdown.startswith("Harbour News reports:\n\n> Some quoted words here.") and "+++" not in markdown


def test_render_never_passes_raw_html_from_a_hand_edited_post(folder: Path) -> None:
    (folder / "hand.md").write_text('+++\ntitle = "Hand"\ndate = 2031-01-01\n+++\n\n<script>x()</script>\n\n> ok\n')
    out = runner.invoke(app, ["render", "hand"]).stdout
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_a_number_stays_with_its_post(folder: Path) -> None:
    """Posts are numbered in the order they were made; a new post takes the next number and a deleted
    one takes its number away, so `rm 3` never means another post than it did yesterday."""
    numbers = {r["title"]: r["number"] for r in listing()}
    assert numbers["Imported from the old blog"] == 1 and numbers["Ferry fares rise again"] == 5
    clipper_post(folder, "A story from last year", "2025-01-01T09:00:00+00:00")  # made today, dated earlier
    assert runner.invoke(app, ["rm", "2", "--yes"]).exit_code == 0  # "Written by hand"
    after = {r["title"]: r["number"] for r in listing()}
    assert after == {**{k: v for k, v in numbers.items() if v != 2}, "A story from last year": 6}
    result = runner.invoke(app, ["rm", "2", "--yes"])
    assert result.exit_code == ExitCode.NOT_FOUND and "no post number 2" in result.stderr
    assert "Library opens late" in runner.invoke(app, ["show", "4"]).stdout


def test_two_listings_at_once_give_each_post_one_number(folder: Path, isolated: Path) -> None:
    for n in range(40):
        clipper_post(folder, f"Story {n}", f"2026-04-{n % 28 + 1:02d}T09:00:00+00:00")
    command = [sys.executable, "-m", "clipper", "list", "--json"]
    runs = [subprocess.Popen(command, cwd=isolated, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    seen = [{r["path"]: r["number"] for r in json.loads(p.communicate()[0])} for p in runs]
    assert seen[0] == seen[1] == seen[2]
    assert sorted(seen[0].values()) == list(range(1, 46))


def test_a_word_of_the_slug_finds_a_post_but_never_one_of_several(folder: Path) -> None:
    clipper_post(folder, "Michael Webb on the harbour", "2026-03-08T09:00:00+00:00")
    result = runner.invoke(app, ["show", "webb"])
    assert result.exit_code == 0 and "Michael Webb on the harbour" in result.stdout
    result = runner.invoke(app, ["show", "again"])  # "ferry-fares-rise-again" only
    assert result.exit_code == 0 and "Ferry fares rise again" in result.stdout
    clipper_post(folder, "An answer from Webb", "2026-03-09T09:00:00+00:00")
    result = runner.invoke(app, ["show", "webb"])
    assert result.exit_code == ExitCode.NOT_FOUND and "matches 2 posts" in result.stderr
