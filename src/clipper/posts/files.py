"""Post files on disk: their names, and writing them safely (a new file never over another, a
changed file replaced whole)."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from clipper.errors import FileError
from clipper.web.urls import split

SLUG_MAX = 60
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")  # hiragana and katakana: only Japanese has them
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def slug(title: str, url: str = "", language: str | None = None) -> str:
    """An ASCII file-name slug from the headline, else from the URL's last path segment, else `post`.

    Transliterated and limited to [a-z0-9-], so it is safe on every file system whatever the headline:
    Chinese reads as pinyin, Korean in its romanisation, Japanese (kana, or Han characters on a page
    in Japanese, `language`) in Hepburn romaji, not in the Chinese readings of its characters.
    """
    from slugify import slugify  # only commands that name a new file pay for it

    # An apostrophe is part of its word ("you're", "Swift's"), not a gap between two.
    title = re.sub(r"(?<=\w)['’ʼ](?=\w)", "", title)
    candidates = [title]
    if _KANA.search(title) or (_HAN.search(title) and (language or "").lower().startswith("ja")):
        candidates = [romaji(title)]  # failing that, the address: never Chinese readings of Japanese
    parts = split(url) if url else None
    if parts is not None:
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            candidates.append(re.sub(r"\.\w{2,5}$", "", unquote(segments[-1])))
    for text in candidates:
        made = slugify(text, max_length=SLUG_MAX, word_boundary=True, save_order=True)
        if made:
            return made
    return "post"


def romaji(text: str) -> str:
    """Japanese text in Hepburn romaji, word by word (pykakasi reads each word of kanji from its
    dictionary); "" when that cannot be done here."""
    try:
        converter = _kakasi()
    except ImportError:
        return ""
    return " ".join(part["hepburn"] for part in converter.convert(text))


@functools.cache
def _kakasi() -> Any:
    # Imported only for a Japanese headline: loading its dictionary takes most of a second, once.
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def file_stem(
    created: datetime,
    title: str,
    url: str = "",
    pattern: str = "{date}-{slug}",
    site: str = "",
    language: str | None = None,
) -> str:
    """The file name without `.md`: by default `2026-11-24-some-headline`, the date then the slug."""
    from slugify import slugify

    made = slug(title, url, language)
    return (
        pattern.format(
            date=f"{created:%Y-%m-%d}",
            year=f"{created:%Y}",
            month=f"{created:%m}",
            day=f"{created:%d}",
            slug=made,
            site=slugify(site, max_length=30) if site else "",
        ).strip("-.")
        or made
    )


def write_new(folder: Path, stem: str, text: str) -> Path:
    """Write `text` to `folder/stem.md`, or `stem-2.md`, ... if taken; never overwrites.

    The post is written to a temporary file in the same folder, flushed to disk, then linked to its
    name, which fails if the name exists: a crash leaves the whole post or nothing, and two
    processes writing the same slug both succeed under different names.
    """
    import tempfile  # writing posts only: listing them must stay quick to start

    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep(folder)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError(f"{folder}: cannot write drafts here: {why_not(folder, exc)}") from None
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, file_mode())  # mkstemp makes 0600; a post is an ordinary file of the user's
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        return _link_free_name(tmp, folder, stem)
    except OSError as exc:
        raise FileError(f"{folder}: cannot write the post: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def why_not(folder: Path, error: OSError) -> str:
    """Why `folder` cannot be made or written to, as its owner should hear it: a link to nothing on
    its way is named (the system says only "File exists"); otherwise the system's reason."""
    for step in (folder, *folder.parents):
        if step.is_symlink() and not step.exists():
            return f"{step} is a link to {os.readlink(step)}, which does not exist"
    return error.strerror or str(error)


@functools.cache
def file_mode() -> int:
    """The mode a new file gets here: 0666 less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


STALE_SECONDS = 600  # a temporary file this old belongs to a write that was killed


_swept: set[Path] = set()


def _sweep(folder: Path) -> None:
    """Remove what killed writes left behind: hidden temporary files, never posts. Once a folder per
    process: a batch writing a hundred posts into a folder of ten thousand need not scan it each time."""
    if folder in _swept:
        return
    _swept.add(folder)
    limit = time.time() - STALE_SECONDS
    for entry in os.scandir(folder):
        if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
            try:
                if entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass  # another process's, or already gone


def _link_free_name(tmp: Path, folder: Path, stem: str) -> Path:
    for n in range(1, 1000):
        target = folder / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        try:
            os.link(tmp, target)
            return target
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            # No hard links here (some network and FAT file systems): claim the name, then replace.
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                continue
            try:
                os.replace(tmp, target)
            except OSError:
                target.unlink(missing_ok=True)  # the empty file that claimed the name is ours
                raise
            return target
    raise FileError(f"{folder}: no free file name for {stem}.md")


def replace_file(path: Path, text: str) -> None:
    """Replace a file's content atomically: the old post or the new one, never half of either."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # where nothing can be removed, a later write sweeps it
            tmp.unlink(missing_ok=True)
        raise FileError(f"{path}: cannot write: {exc.strerror or exc}") from None
