"""Front matter: TOML between `+++` lines (Hugo, Zola) or YAML between `---` lines (Jekyll,
Eleventy), read and written by real serialisers."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clipper.settings import FrontMatter

DELIMITERS: dict[FrontMatter, str] = {"toml": "+++", "yaml": "---"}


def split(text: str) -> tuple[FrontMatter, str, str]:
    """(format, front matter text, body) of a post file. Raises ValueError without front matter."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0].strip()
    for fmt, mark in DELIMITERS.items():
        if first_line == mark:
            start = len(text.split("\n", 1)[0]) + 1
            end = _closing(text, mark, start)
            if end < 0:
                raise ValueError(f"the front matter is not closed by a {mark} line")
            rest = text[end + len(mark) :]
            body = rest.split("\n", 1)[1] if "\n" in rest else ""
            return fmt, text[start:end], body
    raise ValueError("no front matter (the file must start with +++ or ---)")


def _closing(text: str, mark: str, start: int) -> int:
    at = start
    while True:
        end = text.find(mark, at)
        if end < 0:
            return -1
        line_end = text.find("\n", end)
        line = text[end : line_end if line_end >= 0 else len(text)]
        if (end == start or text[end - 1] == "\n") and line.strip() == mark:
            return end
        at = end + len(mark)


def parse(text: str) -> tuple[dict[str, Any], str, FrontMatter]:
    """(front matter, body, format) of a post file. Raises ValueError naming what is wrong."""
    fmt, raw, body = split(text)
    if fmt == "toml":
        if sys.version_info >= (3, 11):  # imported when a post is read: a listing from its cache reads none
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            # the parser counts from the first line after +++: say the file's own line
            message = re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + 1}", str(exc))
            raise ValueError(f"TOML front matter: {message}") from None
    else:
        data = _load_yaml(raw)
    if not isinstance(data, dict):
        raise ValueError("the front matter is not a table of keys and values")
    return data, body, fmt


def _load_yaml(raw: str) -> Any:
    import yaml  # only folders with YAML posts pay for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(raw, Loader=loader) or {}
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ValueError(f"YAML front matter: {problem}{where}") from None


def dump(data: dict[str, Any], fmt: FrontMatter = "toml") -> str:
    """The front matter block, delimiters included, written by the format's serialiser."""
    if fmt == "toml":
        import tomli_w

        return f"+++\n{tomli_w.dumps(data)}+++\n"
    if fmt == "yaml":
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{text}---\n"
    raise ValueError(f"unknown front matter format {fmt!r}; use toml or yaml")


def date_value(value: Any) -> datetime | date | None:
    """A date as front matter gives it: a date-time or a date (TOML, YAML), or ISO 8601 text (a
    quoted YAML value, a hand edit: `2026-11-24`, `2026-11-24 08:30:00Z`); text that only starts
    with a day is that day. None for anything else."""
    if isinstance(value, (datetime, date)):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
