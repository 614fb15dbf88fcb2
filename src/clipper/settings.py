"""Settings: every setting is declared once, here, as a field of a section with its default, its
help and its check; the file's layout, `config init`, `config show` and the typed values that the
rest of clipper reads all come from these declarations.

The file is `--config PATH` or `$CLIPPER_CONFIG` if given, else `./clipper.toml`, else the user's
file in the platform's config folder (`~/.config/clipper/config.toml` on Linux). Every setting is
checked when the file is loaded, before anything is fetched.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import string
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from clipper.errors import ConfigError

LOCAL_FILE = "clipper.toml"
ATTRIBUTION_FIELDS = ("site", "author", "title", "date")
FILE_NAME_FIELDS = ("date", "slug", "year", "month", "day", "site")
BODY_FIELDS = ("attribution", "quote", "note", "link")
FrontMatter = Literal["toml", "yaml"]  # TOML between +++ lines (Hugo, Zola), YAML between --- (Jekyll, Eleventy)

Check = Callable[[Any], Any]  # returns the value to keep; raises ValueError saying what is expected


@dataclass(frozen=True)
class Declaration:
    """What a setting is beyond its default: its help, the type the file gives it, its check, and the
    environment variable that overrides it."""

    help: str
    kind: type = object  # the type in the file; `object` means the default's own type
    check: Check | None = None
    env: str | None = None
    example: tuple[str, ...] = ()  # commented lines under a table in `config init`


def setting(default: Any, help: str, **declared: Any) -> Any:
    """A dataclass field that is a setting."""
    meta = {"setting": Declaration(help, **declared)}
    if isinstance(default, dict):
        return field(default_factory=dict, metadata=meta)
    return field(default=default, metadata=meta)


def section(kind: type) -> Any:
    """A dataclass field that is a `[section]` of the file."""
    return field(default_factory=kind, metadata={"section": True})


# Checks: each takes the value as the file gives it and says what is wrong in a ValueError.


def _template(allowed: tuple[str, ...]) -> Check:
    def check(value: str) -> str:
        check_template(value, allowed)
        return value

    return check


@functools.cache
def template_fields(template: str) -> tuple[tuple[str, str], ...]:
    """The fields a template names, with their format specs, in order: the one parse of a template
    (its check here; what an attribution line shows). ValueError for broken braces."""
    try:
        return tuple((name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name is not None)
    except ValueError as exc:
        raise ValueError(f"broken template ({exc}); write a literal brace as {{{{ or }}}}") from None


def check_template(template: str, allowed: tuple[str, ...]) -> None:
    """ValueError for a field the template may not use, broken braces, or a format spec that the
    fields, which are all text, do not take."""
    for name, spec in template_fields(template):
        if name not in allowed:
            use = ", ".join(f"{{{a}}}" for a in allowed[:-1]) + f" or {{{allowed[-1]}}}" if allowed else "no fields"
            raise ValueError(f"unknown field {{{name}}}; use {use}")
        try:
            format("text", spec)
        except ValueError:  # {date:%d %B}: a date's format, given to text
            raise ValueError(
                f"{{{name}:{spec}}}: a field is text (a date is YYYY-MM-DD) and takes no date format"
            ) from None


def _body(value: str) -> str:
    check_template(value, BODY_FIELDS)
    if "{quote}" not in value:
        raise ValueError("the body must hold the {quote}")
    return value


def _file_name(value: str) -> str:
    check_template(value, FILE_NAME_FIELDS)
    if "/" in value or "\\" in value or "{slug}" not in value:
        raise ValueError("the file name must contain {slug} and no / or \\")
    return value


def _one_of(*choices: str) -> Check:
    def check(value: str) -> str:
        if value not in choices:
            quoted = " or ".join(f'"{c}"' for c in choices)
            raise ValueError(f"expected {quoted}, got {value!r}")
        return value

    return check


def _at_least(low: int) -> Check:
    def check(value: int) -> int:
        if value < low:
            raise ValueError(f"expected at least {low}, got {value}")
        return value

    return check


def _above_zero(value: float) -> float:
    if value <= 0:
        raise ValueError(f"expected a number above 0, got {value}")
    return value


def _share(value: float) -> float:
    if not 0 < value <= 1:
        raise ValueError(f"expected a share between 0 and 1, got {value}")
    return value


def _web_address(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise ValueError(f"expected an http(s) address, got {value!r}")
    return value


def _plain_key(value: str) -> str:
    if value and not value.replace("_", "").isalnum():
        raise ValueError(f"expected a plain key such as extra, got {value!r}")
    return value


def _header_value(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("expected one line of text: an HTTP header cannot hold control characters or line breaks")
    return value


def _port(value: int) -> int:
    if not 0 <= value <= 65535:
        raise ValueError(f"expected a port from 0 to 65535 (0: any free port), got {value}")
    return value


def _folder(value: str) -> Path:
    return Path(value or "drafts")


def _optional_folder(value: str) -> Path | None:
    return Path(value) if value else None


def _names_by_domain(value: dict[str, Any]) -> dict[str, str]:
    bad = next((k for k, v in value.items() if not isinstance(v, str) or not v.strip()), None)
    if bad is not None:
        raise ValueError(f"{bad!r} must name the publication in a string")
    return {k.lower().removeprefix("www."): v for k, v in value.items()}


@dataclass(frozen=True)
class PostSettings:
    """`[post]`: how a post is worded, named and written."""

    front_matter: FrontMatter = setting(
        "toml",
        'Front matter format: "toml" (Hugo, Zola) or "yaml" (Jekyll, Eleventy).',
        check=_one_of(*get_args(FrontMatter)),
    )
    file_name: str = setting(
        "{date}-{slug}", "File name pattern, without .md: {date} {year} {month} {day} {slug} {site}.", check=_file_name
    )
    attribution: str = setting(
        "{site} reports:",
        "Line before the quote for news: {site} {author} {title} {date}.",
        check=_template(ATTRIBUTION_FIELDS),
    )
    attribution_opinion: str = setting(
        "{author} writes:",
        "Line before the quote when the page presents itself as opinion, a column or a blog post.",
        check=_template(ATTRIBUTION_FIELDS),
    )
    link_site: bool = setting(False, "Make the publication's name a link to its home page.")
    continue_text: str = setting(
        "[Continue reading…]", "Text of the link to the source after the quote.", check=_template(())
    )
    link_to_quote: bool = setting(
        False,
        "The link to the source opens the article where the quote stops (a text fragment, #:~:text=…).",
    )
    body: str = setting(
        "{attribution}\n\n{quote}\n\n{note}\n\n{link}",
        "The body's parts in order: {attribution} {quote} {note} (yours, from --note or the picker) {link}.",
        check=_body,
    )
    lead: int = setting(
        4, "Paragraphs quoted by default (Enter in the picker, scripts without --pick).", check=_at_least(1)
    )
    warn_share: float = setting(0.3, "Warn when a post quotes more than this share of the source (0-1).", check=_share)
    warn_words: int = setting(300, "Warn when a post quotes more than this many words.", check=_above_zero)
    snapshot: bool = setting(True, "Keep a compressed copy of each page as fetched in .snapshots/ beside the posts.")
    keys_table: str = setting(
        "",
        'Table for clipper\'s source keys ("" = top level; "extra" for Zola, which allows no others).',
        check=_plain_key,
    )
    extra: dict[str, Any] = setting(
        {},
        'Extra front matter for every post, e.g. categories = ["links"], layout = "link".',
        example=('categories = ["links"]', 'layout = "link"', 'author = "Your Name"'),
    )


@dataclass(frozen=True)
class FetchSettings:
    """`[fetch]`: the limits of a fetch."""

    timeout: float = setting(45.0, "Seconds a page may take in all, retries included.", check=_above_zero)
    user_agent: str = setting("", 'User-Agent header ("" = clipper/VERSION).', check=_header_value)
    max_mb: float = setting(10.0, "Largest page accepted, in megabytes.", check=_above_zero)


@dataclass(frozen=True)
class ArchiveSettings:
    """`[archive]`: a web archive asked for an existing capture of each source."""

    service: str = setting(
        "",
        'Wayback-style availability API to record an existing capture ("" = off), '
        'e.g. "https://archive.org/wayback/available".',
        check=_web_address,
    )


@dataclass(frozen=True)
class WordPressSettings:
    """`[wordpress]`: the site `clipper push` publishes to, and the account it publishes as. The password
    is never a setting: it comes from $CLIPPER_WORDPRESS_PASSWORD or from `password_command`."""

    url: str = setting(
        "",
        'The WordPress site\'s address, e.g. "https://blog.example.org" (https, or plain http on loopback).',
        check=_web_address,
        env="CLIPPER_WORDPRESS_URL",
    )
    user: str = setting("", "The WordPress user name clipper publishes as.", env="CLIPPER_WORDPRESS_USER")
    password_command: str = setting(
        "",
        'Command that prints the application password, e.g. "pass show blog" (no shell; '
        "$CLIPPER_WORDPRESS_PASSWORD wins).",
    )


@dataclass(frozen=True)
class FeedsSettings:
    """`[feeds]`: following feeds with `clipper feed`."""

    first_pull: int = setting(
        20, "Items a newly followed feed offers on its first pull, its most recent (0 = none).", check=_at_least(0)
    )
    jobs: int = setting(8, "Feeds downloaded at once by a pull (at most two from one server).", check=_at_least(1))


@dataclass(frozen=True)
class ServeSettings:
    """`[serve]`: the local web app of `clipper serve` and its bookmarklet."""

    port: int = setting(
        8732,
        "Port `clipper serve` listens on, at 127.0.0.1 (the bookmarklet names it; 0 = any free port).",
        check=_port,
    )


@dataclass(frozen=True)
class Settings:
    """The effective settings, and where each came from (`default`, a file, or an environment variable)."""

    drafts_dir: Path = setting(
        Path("drafts"),
        "Folder where new drafts are written (relative to where you run clipper).",
        kind=str,
        check=_folder,
        env="CLIPPER_DRAFTS_DIR",
    )
    published_dir: Path | None = setting(
        None,
        'Folder of published posts, if they live apart ("" = none).',
        kind=str,
        check=_optional_folder,
        env="CLIPPER_PUBLISHED_DIR",
    )
    post: PostSettings = section(PostSettings)
    fetch: FetchSettings = section(FetchSettings)
    archive: ArchiveSettings = section(ArchiveSettings)
    wordpress: WordPressSettings = section(WordPressSettings)
    feeds: FeedsSettings = section(FeedsSettings)
    serve: ServeSettings = section(ServeSettings)
    sites: dict[str, str] = setting(
        {},
        'Publication names by domain, winning over the page: "theguardian.com" = "The Guardian".',
        check=_names_by_domain,
        example=('"example.com" = "The Example Times"',),
    )
    path: Path | None = None  # the file read, if any
    origins: dict[str, str] = field(default_factory=dict)  # dotted name -> file or variable

    def origin(self, name: str) -> str:
        return self.origins.get(name, "default")


@dataclass(frozen=True, kw_only=True)
class Declared:
    """One setting as declared: its dotted name, where it lives in the file, its default."""

    name: str  # "post.lead", "drafts_dir", "sites"
    section: str | None  # the [section] it sits in, if any
    key: str
    default: Any
    declaration: Declaration

    @property
    def kind(self) -> type:
        kind = self.declaration.kind
        return type(self.default) if kind is object else kind

    @property
    def table(self) -> bool:
        return self.kind is dict


def declared() -> Iterator[Declared]:
    """Every setting, in the order of the file."""
    for top in dataclasses.fields(Settings):
        if top.metadata.get("section"):
            for item in dataclasses.fields(top.default_factory):  # type: ignore[arg-type]
                yield Declared(
                    name=f"{top.name}.{item.name}",
                    section=top.name,
                    key=item.name,
                    default=_default(item),
                    declaration=item.metadata["setting"],
                )
        elif "setting" in top.metadata:
            yield Declared(
                name=top.name, section=None, key=top.name, default=_default(top), declaration=top.metadata["setting"]
            )


def _default(item: dataclasses.Field[Any]) -> Any:
    return item.default_factory() if item.default_factory is not dataclasses.MISSING else item.default


def user_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("clipper", appauthor=False)) / "config.toml"


def find_file(explicit: Path | None = None) -> Path | None:
    """The settings file in use: --config, $CLIPPER_CONFIG, ./clipper.toml, the user's file, or none."""
    for chosen, how in ((explicit, "--config"), (os.environ.get("CLIPPER_CONFIG"), "CLIPPER_CONFIG")):
        if chosen:
            path = Path(chosen)
            if not path.is_file():
                raise ConfigError(f"{path}: no such settings file (given by {how})")
            return path
    local = Path(LOCAL_FILE)
    if local.is_file():
        return local
    user = user_file()
    return user if user.is_file() else None


def load(explicit: Path | None = None) -> Settings:
    """The effective settings: defaults, then the settings file, then the environment."""
    path = find_file(explicit)
    values: dict[str, Any] = _read(path) if path is not None else {}
    origins = dict.fromkeys(values, str(path))
    for item in declared():
        env = item.declaration.env
        if env and os.environ.get(env):
            values[item.name] = _checked(item, os.environ[env], env)
            origins[item.name] = env
    return _build(values, path, origins)


def _build(values: dict[str, Any], path: Path | None, origins: dict[str, str]) -> Settings:
    sections: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for name, value in values.items():
        head, _, key = name.partition(".")
        if key:
            sections.setdefault(head, {})[key] = value
        else:
            top[name] = value
    for head, changes in sections.items():
        top[head] = dataclasses.replace(getattr(Settings(), head), **changes)
    return Settings(**top, path=path, origins=origins)


def _read(path: Path) -> dict[str, Any]:
    """The settings a file sets, by dotted name, checked: unknown keys, wrong types and broken
    templates are errors naming the file and the setting."""
    if sys.version_info >= (3, 11):  # only when there is a file: most commands run without one
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    known = {item.name: item for item in declared()}
    sections = {item.section for item in known.values() if item.section}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in sections:
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: [{key}] must be a table")
            for inner, inner_value in value.items():
                item = known.get(f"{key}.{inner}")
                if item is None:
                    raise ConfigError(f"{path}: unknown setting {inner!r} in [{key}]; known: {_keys_of(key)}")
                out[item.name] = _checked(item, inner_value, str(path))
        elif key in known:
            out[key] = _checked(known[key], value, str(path))
        else:
            tables = ", ".join(f"[{name}]" for name in dict.fromkeys(i.section for i in declared() if i.section))
            raise ConfigError(f"{path}: unknown setting {key!r}; known: {_keys_of(None)}, and the tables {tables}")
    return out


def _keys_of(section_name: str | None) -> str:
    return ", ".join(i.key for i in declared() if i.section == section_name)


TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string", dict: "a table"}


def _checked(item: Declared, value: Any, where: str) -> Any:
    """The value a setting takes, or ConfigError naming where it came from, the setting and what is expected."""
    where = f"{where}: {item.name}"
    kind = item.kind
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {TYPE_NAMES[kind]}, got {value!r}")
    check = item.declaration.check
    try:
        return check(value) if check else value
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def effective(settings: Settings) -> list[tuple[str, Any, str]]:
    """(dotted name, value, origin) of every setting, for `config show`."""
    out = []
    for item in declared():
        value = getattr(getattr(settings, item.section), item.key) if item.section else getattr(settings, item.key)
        out.append((item.name, "" if value is None else value, settings.origin(item.name)))
    return out


def toml_value(value: Any) -> str:
    """A value as TOML on one line (tables inline), for `config show`."""
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items())
        return f"{{ {inner} }}" if inner else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    import tomli_w

    return tomli_w.dumps({"v": str(value) if isinstance(value, Path) else value})[4:].strip()


def template_file() -> str:
    """clipper.toml with every setting at its default value and a comment explaining it."""
    import tomli_w

    lines = ["# clipper settings. Every setting is shown at its default value.", ""]
    table: str | None = None
    for item in declared():
        help_line = f"# {item.declaration.help}"
        if item.table:
            name = item.name
            lines += ["", help_line, f"[{name}]", *(f"# {line}" for line in item.declaration.example)]
            table = name
            continue
        if item.section != table:
            table = item.section
            lines += ["", f"[{table}]"]
        default = "" if item.default is None else str(item.default) if isinstance(item.default, Path) else item.default
        lines += [help_line, tomli_w.dumps({item.key: default}).rstrip()]
    return "\n".join(lines) + "\n"
