"""One post file as it is on disk: read once through one reader with one error (InvalidPost), its
status, and edits of its front matter that leave every other line as it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from clipper.errors import InvalidPost
from clipper.posts import frontmatter

if TYPE_CHECKING:
    from clipper.settings import FrontMatter

Status = Literal["draft", "published"]


@dataclass(frozen=True, kw_only=True)
class PostFile:
    """A post file's text, its front matter and its body."""

    path: Path
    text: str
    meta: dict[str, Any]
    body: str
    fmt: FrontMatter

    @property
    def source(self) -> dict[str, Any]:
        """clipper's source keys, wherever the post keeps them."""
        return source_keys(self.meta)

    def rewrite(self, text: str) -> None:
        """Replace the file with `text`, atomically."""
        from clipper.posts.files import replace_file  # writing: a listing never needs it

        replace_file(self.path, text)


def read(path: Path) -> PostFile:
    """The post at `path`; InvalidPost naming what is wrong when it cannot be read or is not a post."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidPost(path, f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise InvalidPost(path, "empty file")
    if b"\x00" in raw[:4096]:
        raise InvalidPost(path, "binary file, not a post")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidPost(path, "not UTF-8 text") from None
    try:
        meta, body, fmt = frontmatter.parse(text)
    except ValueError as exc:
        raise InvalidPost(path, str(exc)) from None
    return PostFile(path=path, text=text, meta=meta, body=body, fmt=fmt)


def status_of(draft: Any, default: Status = "draft") -> Status:
    """A post's status: its own `draft` key when it has one, else its folder's."""
    return "draft" if draft is True else "published" if draft is False else default


def holding(meta: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The table of the front matter that holds `key`: the top level, or a table such as Zola's
    `extra`, where a post keeps clipper's keys; None when no table has it."""
    if key in meta:
        return meta
    return next((value for value in meta.values() if isinstance(value, dict) and key in value), None)


def source_keys(meta: dict[str, Any]) -> dict[str, Any]:
    """Where a post keeps clipper's source keys: the top level, or a table such as Zola's `extra`."""
    found = holding(meta, "source_url")
    return meta if found is None else found


def recorded(meta: dict[str, Any], key: str) -> Any:
    """The value of a key clipper wrote into a post: at the top level, or in the table where the
    post keeps clipper's keys; None when it has none."""
    found = holding(meta, key)
    return None if found is None else found[key]


def _line(fmt: FrontMatter, key: str, value: Any) -> str:
    """`key = value` (TOML) or `key: value` (YAML), written by the format's serialiser."""
    return frontmatter.dump({key: value}, fmt).split("\n")[1]  # between the delimiter lines


def _set_key(raw: str, fmt: FrontMatter, line: str, replace: bool, at_end: bool = False) -> str:
    """Front matter text with the key of `line` set, every other line as it was."""
    sep = "=" if fmt == "toml" else ":"
    key = line.split(sep, 1)[0].strip()
    lines = raw.split("\n")
    for i, old in enumerate(lines):
        if old.split(sep, 1)[0].strip() == key and not old.startswith((" ", "\t")):
            if replace:
                lines[i] = line
            return "\n".join(lines)
    # A new top-level key goes before the first TOML table (after it, it would belong to the table);
    # `at_end` puts it in the last table, where clipper keeps its keys for Zola.
    tables = (i for i, old in enumerate(lines) if fmt == "toml" and old.lstrip().startswith("["))
    at = None if at_end else next(tables, None)
    if at is None:
        at = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    lines.insert(at, line)
    return "\n".join(lines)


def set_keys(text: str, values: dict[str, Any], replace: bool = True, in_table: bool | None = None) -> str:
    """A post's text with these front matter keys set, its other lines untouched. Where the post keeps
    clipper's keys in a table (Zola's `extra`), new keys go there, unless `in_table` says otherwise."""
    meta, _, _ = frontmatter.parse(text)
    fmt, raw, body = frontmatter.split(text)
    at_end = source_keys(meta) is not meta if in_table is None else in_table
    for key, value in values.items():
        raw = _set_key(raw, fmt, _line(fmt, key, value), replace, at_end=at_end)
    return _rejoined(fmt, raw, body)


def remove_key(text: str, key: str) -> str:
    """A post's text without `key` in its front matter (at the top or in clipper's table), every other
    line as it was; a value over several lines (a long TOML array, a YAML list) goes whole."""
    fmt, raw, body = frontmatter.split(text)
    sep = "=" if fmt == "toml" else ":"
    lines = raw.split("\n")
    kept: list[str] = []
    skipping = False
    depth = 0
    for line in lines:
        if skipping:
            if fmt == "toml" and depth > 0:
                depth += line.count("[") - line.count("]")
                continue
            if fmt == "yaml" and (line.startswith((" ", "\t", "-")) and line.strip()):
                continue
            skipping = False
        if line.split(sep, 1)[0].strip() == key and not line.startswith((" ", "\t")) and sep in line:
            skipping = True
            value = line.split(sep, 1)[1]
            depth = value.count("[") - value.count("]") if fmt == "toml" else 0
            continue
        kept.append(line)
    return _rejoined(fmt, "\n".join(kept), body)


def _rejoined(fmt: FrontMatter, raw: str, body: str) -> str:
    """A post's text from its front matter's text and its body; ValueError, and nothing to write,
    when the front matter no longer parses."""
    mark = frontmatter.DELIMITERS[fmt]
    new = f"{mark}\n{raw}{'' if raw.endswith(chr(10)) else chr(10)}{mark}\n{body}"
    frontmatter.parse(new)  # never write a post that no longer parses
    return new


def mark_published(text: str, when: datetime) -> str:
    """A post's text with `draft = false` and a `publishDate`, its other lines untouched. A post that
    keeps its keys in a table (Zola, which refuses unknown top-level keys) gets no publishDate."""
    meta, _, _ = frontmatter.parse(text)
    text = set_keys(text, {"draft": False}, in_table=False)
    if source_keys(meta) is meta:
        text = set_keys(text, {"publishDate": when}, replace=False, in_table=False)
    return text


def now() -> datetime:
    """This moment in local time, to the second, as front matter dates are written."""
    return datetime.now(timezone.utc).astimezone().replace(microsecond=0)
