from __future__ import annotations

import multiprocessing
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from clipper.errors import FileError
from clipper.posts.files import _kakasi, file_stem, slug, write_new
from clipper.posts.folder import source_index
from clipper.web.urls import dedup_key


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("ISIS reconciles with Jabhat al-Nusra", "", "isis-reconciles-with-jabhat-al-nusra"),
        ("Café & Crème: 10% off?!", "", "cafe-creme-10-off"),
        ("../../etc/passwd", "", "etc-passwd"),
        ("a/b\\c\x00d", "", "a-b-c-d"),
        ("CON", "", "con"),
        ("🎉🎉🎉", "https://ex.com/news/2024/big-party.html", "big-party"),
        ("!!! ??? ...", "", "post"),
        ("Съешь же ещё этих булок", "", "sesh-zhe-eshche-etikh-bulok"),
        ("word " * 100, "", "word-" * 11 + "word"),
    ],
)
def test_slug_is_safe(title: str, url: str, expected: str) -> None:
    made = slug(title, url)
    assert made == expected
    assert len(made) <= 60 and all(c.isascii() and (c.isalnum() or c == "-") for c in made)


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        # kana: Japanese, whatever the page says
        ("消費増税の影響で個人消費が落ち込む", None, "shouhi-zouzei-no-eikyou-de-kojinshouhi-ga-ochikomu"),
        ("トヨタ、新型EVを発表", "ja", "toyota-shingata-ev-wo-happyou"),
        ("日銀総裁会見", "ja-JP", "nichigin-sousai-kaiken"),  # Han alone, on a page in Japanese
        ("日銀総裁会見", "zh", "ri-yin-zong-cai-hui-jian"),  # the same characters on a page in Chinese
        ("东京奥运会推迟至明年举行", "zh-CN", "dong-jing-ao-yun-hui-tui-chi-zhi-ming-nian-ju-xing"),
        ("서울시, 새 교통 정책 발표", "ko", "seoulsi-sae-gyotong-jeongcaeg-balpyo"),
    ],
)
def test_a_slug_reads_each_language_as_itself(title: str, language: str | None, expected: str) -> None:
    assert slug(title, "https://news.example/articles/20250114/k00m020123000c", language) == expected


def test_japanese_without_its_romaniser_takes_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the Chinese readings of a Japanese headline: failing romaji, the article's own address."""
    _kakasi.cache_clear()
    monkeypatch.setitem(sys.modules, "pykakasi", None)  # as where the library cannot be imported
    try:
        made = slug(
            "消費増税の影響で個人消費が落ち込む", "https://news.example/economy/consumption-tax-hits-spending.html"
        )
        assert made == "consumption-tax-hits-spending"
        assert slug("日銀総裁会見", "https://news.example/", "ja") == "post"
    finally:
        _kakasi.cache_clear()


def test_file_stem_starts_with_the_date() -> None:
    assert file_stem(datetime(2026, 11, 24, 9, 0), "Some story") == "2026-11-24-some-story"
    # a reserved device name can never be the whole file name
    assert file_stem(datetime(2026, 1, 1), "NUL") == "2026-01-01-nul"


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    first = write_new(folder, "2026-01-01-a", "one")
    second = write_new(folder, "2026-01-01-a", "two")
    assert first.name == "2026-01-01-a.md" and second.name == "2026-01-01-a-2.md"
    assert first.read_text() == "one" and second.read_text() == "two"
    assert sorted(p.name for p in folder.iterdir()) == ["2026-01-01-a-2.md", "2026-01-01-a.md"]


def _write(args: tuple[str, int]) -> str:
    folder, n = args
    return write_new(Path(folder), "2026-01-01-same", f"post {n}").name


def test_concurrent_writers_get_distinct_names(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        names = pool.map(_write, [(str(folder), n) for n in range(12)])
    assert len(set(names)) == 12
    assert sorted(p.read_text() for p in folder.iterdir()) == sorted(f"post {n}" for n in range(12))


@contextmanager
def small_filesystem(where: Path, options: str) -> Iterator[Path]:
    """A real tmpfs mounted for the test (needs root; skipped elsewhere)."""
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_full_disk_is_a_clear_error_and_leaves_no_partial_file(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "full", "size=16k") as folder:
        with pytest.raises(FileError, match="No space left"):
            write_new(folder, "2026-01-01-big", "x" * 200_000)
        assert list(folder.iterdir()) == []


def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "ro", "ro,size=16k") as folder:
        with pytest.raises(FileError, match="cannot write drafts here: Read-only"):
            write_new(folder, "2026-01-01-a", "text")
        assert list(folder.iterdir()) == []


def test_drafts_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "drafts").write_text("not a folder")
    with pytest.raises(FileError, match="cannot write drafts here"):
        write_new(tmp_path / "drafts", "2026-01-01-a", "text")


def test_drafts_folder_that_links_to_nothing_says_so(tmp_path: Path) -> None:
    (tmp_path / "drafts").symlink_to(tmp_path / "gone")
    with pytest.raises(FileError, match=r"cannot write drafts here: .*drafts is a link to .*gone, which does not"):
        write_new(tmp_path / "drafts" / "2026", "2026-01-01-a", "text")
    assert not (tmp_path / "gone").exists()


def test_source_index_normalises(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('+++\ntitle = "A"\nsource_url = "https://www.ex.com/story/"\n+++\n\nbody\n')
    (tmp_path / "b.md").write_text('---\ntitle: B\nsource_url: "https://ex.com/yaml?id=1"\n---\n')
    (tmp_path / "broken.md").write_text("+++\ntitle = \n+++\n")
    (tmp_path / "notes.txt").write_text('source_url = "https://ex.com/other"')
    index = source_index([tmp_path, tmp_path / "missing"])
    assert index == {
        dedup_key("https://ex.com/story"): str(tmp_path / "a.md"),
        dedup_key("https://ex.com/yaml?id=1"): str(tmp_path / "b.md"),
    }
    assert dedup_key("http://ex.com/story?utm_source=x#top") in index
