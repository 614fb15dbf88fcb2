"""Settings: built-in defaults (kept here, in one place), a TOML file, the environment, options.

The file is `--config PATH` or `$CLIPPER_CONFIG` if given, else `./clipper.toml`, else the user's
file in the platform's config folder (`~/.config/clipper/config.toml` on Linux). Every setting is
checked when the file is loaded, before anything is fetched.
"""

from __future__ import annotations

import os
import string
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError, ExitCode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LOCAL_FILE = "clipper.toml"
ATTRIBUTION_FIELDS = ("site", "author", "title", "date")
FILE_NAME_FIELDS = ("date", "slug", "year", "month", "day", "site")
# Front matter keys clipper writes itself; extra front matter may not replace them.
RESERVED_KEYS = frozenset(
    {
        "title",
        "date",
        "draft",
        "source_url",
        "source_name",
        "source_title",
        "source_author",
        "source_date",
        "fetched",
        "quoted",
        "edited",
        "quoted_words",
        "source_words",
    }
)


class ConfigError(ClipperError):
    exit_code = ExitCode.CONFIG


@dataclass(frozen=True)
class Setting:
    """One setting: where it lives in the file, its default, and what it means."""

    section: str | None
    key: str
    default: Any
    help: str


# The defaults, their place in clipper.toml and their explanation: `config init` writes the file
# from this table, and loading checks the file against it.
SETTINGS = (
    Setting(None, "drafts_dir", "drafts", "Folder where new drafts are written (relative to where you run clipper)."),
    Setting(None, "published_dir", "", 'Folder of published posts, if they live apart ("" = none).'),
    Setting("post", "front_matter", "toml", 'Front matter format: "toml" (Hugo, Zola) or "yaml" (Jekyll, Eleventy).'),
    Setting(
        "post",
        "file_name",
        "{date}-{slug}",
        "File name pattern, without .md: {date} {year} {month} {day} {slug} {site}.",
    ),
    Setting(
        "post", "attribution", "{site} reports:", "Line before the quote for news: {site} {author} {title} {date}."
    ),
    Setting(
        "post",
        "attribution_opinion",
        "{author} writes:",
        "Line before the quote when the page presents itself as opinion, a column or a blog post.",
    ),
    Setting("post", "link_site", False, "Make the publication's name a link to its home page."),
    Setting("post", "continue_text", "[Continue reading…]", "Text of the link to the source after the quote."),
    Setting("post", "lead", 4, "Paragraphs quoted by default (Enter in the picker, scripts without --pick)."),
    Setting("post", "warn_share", 0.3, "Warn when a post quotes more than this share of the source (0-1)."),
    Setting("post", "warn_words", 300, "Warn when a post quotes more than this many words."),
    Setting(
        "post", "snapshot", True, "Keep a compressed copy of each page as fetched in .snapshots/ beside the posts."
    ),
    Setting(
        "post",
        "keys_table",
        "",
        'Table for clipper\'s source keys ("" = top level; "extra" for Zola, which allows no others).',
    ),
    Setting("post", "extra", {}, 'Extra front matter for every post, e.g. categories = ["links"], layout = "link".'),
    Setting("fetch", "timeout", 45.0, "Seconds a page may take in all, retries included."),
    Setting("fetch", "user_agent", "", 'User-Agent header ("" = clipper/VERSION).'),
    Setting("fetch", "max_mb", 10.0, "Largest page accepted, in megabytes."),
    Setting(
        "archive",
        "service",
        "",
        'Wayback-style availability API to record an existing capture ("" = off), '
        'e.g. "https://archive.org/wayback/available".',
    ),
    Setting("sites", "", {}, 'Publication names by domain, winning over the page: "theguardian.com" = "The Guardian".'),
)


@dataclass(frozen=True)
class Config:
    """The effective settings, and where each came from (`default`, a file, or an environment variable)."""

    drafts_dir: Path = Path("drafts")
    published_dir: Path | None = None
    front_matter: str = "toml"
    file_name: str = "{date}-{slug}"
    attribution: str = "{site} reports:"
    attribution_opinion: str = "{author} writes:"
    link_site: bool = False
    continue_text: str = "[Continue reading…]"
    lead: int = 4
    warn_share: float = 0.3
    warn_words: int = 300
    keys_table: str = ""
    snapshot: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    timeout: float = 45.0
    user_agent: str = ""
    max_mb: float = 10.0
    service: str = ""
    sites: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # the file read, if any
    origins: dict[str, str] = field(default_factory=dict)

    def origin(self, name: str) -> str:
        return self.origins.get(name, "default")


def _name(setting: Setting) -> str:
    return setting.section if setting.key == "" else setting.key  # type: ignore[return-value]


def _dotted(setting: Setting) -> str:
    return f"{setting.section}.{setting.key}" if setting.section and setting.key else _name(setting)


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


def load(explicit: Path | None = None) -> Config:
    """The effective settings: defaults, then the settings file, then the environment."""
    path = find_file(explicit)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if path is not None:
        values = _read(path)
        origins = dict.fromkeys(values, str(path))
    for env, name in (("CLIPPER_DRAFTS_DIR", "drafts_dir"), ("CLIPPER_PUBLISHED_DIR", "published_dir")):
        if os.environ.get(env):
            values[name] = os.environ[env]
            origins[name] = env
    config = Config(path=path, origins=origins)
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("drafts_dir", "published_dir"):
            changes[name] = Path(value) if value else (Path("drafts") if name == "drafts_dir" else None)
        else:
            changes[name] = value
    return replace(config, **changes)


def _read(path: Path) -> dict[str, Any]:
    """The settings a file sets, checked: unknown keys, wrong types and broken templates are errors."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    known_sections = {s.section for s in SETTINGS if s.section}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in known_sections:
            continue
        setting = _find(None, key)
        if setting is None:
            raise ConfigError(f"{path}: unknown setting {key!r}; known: " + _known(None))
        out[key] = _check(path, setting, value)
    for section in known_sections:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
        if section == "sites":
            out["sites"] = _check(path, _find("sites", ""), table)  # type: ignore[arg-type]
            continue
        for key, value in table.items():
            setting = _find(section, key)
            if setting is None:
                raise ConfigError(f"{path}: unknown setting {key!r} in [{section}]; known: " + _known(section))
            out[key] = _check(path, setting, value)
    return out


def _find(section: str | None, key: str) -> Setting | None:
    return next((s for s in SETTINGS if s.section == section and s.key == key), None)


def _known(section: str | None) -> str:
    return ", ".join(s.key for s in SETTINGS if s.section == section and s.key)


TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string", dict: "a table"}


def _check(path: Path, setting: Setting, value: Any) -> Any:
    where = f"{path}: {_dotted(setting)}"
    kind = type(setting.default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {TYPE_NAMES[kind]}, got {value!r}")
    name = _name(setting)
    if name in ("attribution", "attribution_opinion", "continue_text"):
        check_template(value, ATTRIBUTION_FIELDS if name != "continue_text" else (), where)
    elif name == "file_name":
        check_template(value, FILE_NAME_FIELDS, where)
        if "/" in value or "\\" in value or "{slug}" not in value:
            raise ConfigError(f"{where}: the file name must contain {{slug}} and no / or \\")
    elif name == "front_matter" and value not in ("toml", "yaml"):
        raise ConfigError(f'{where}: expected "toml" or "yaml", got {value!r}')
    elif name == "service" and value and not value.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: expected an http(s) address, got {value!r}")
    elif name == "keys_table" and value and not value.replace("_", "").isalnum():
        raise ConfigError(f"{where}: expected a plain key such as extra, got {value!r}")
    elif name == "lead" and value < 1:
        raise ConfigError(f"{where}: expected at least 1, got {value}")
    elif name in ("timeout", "max_mb", "warn_words") and value <= 0:
        raise ConfigError(f"{where}: expected a number above 0, got {value}")
    elif name == "warn_share" and not 0 < value <= 1:
        raise ConfigError(f"{where}: expected a share between 0 and 1, got {value}")
    elif name == "extra":
        clash = sorted(RESERVED_KEYS & set(value))
        if clash:
            raise ConfigError(f"{where}: {', '.join(clash)} are written by clipper and cannot be set here")
    elif name == "sites":
        bad = next((k for k, v in value.items() if not isinstance(v, str) or not v.strip()), None)
        if bad is not None:
            raise ConfigError(f"{where}: {bad!r} must name the publication in a string")
        value = {k.lower().removeprefix("www."): v for k, v in value.items()}
    return value


def check_template(template: str, allowed: tuple[str, ...], where: str) -> None:
    """Raise ConfigError for a field the template may not use, or for broken braces."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ConfigError(f"{where}: broken template ({exc}); write a literal brace as {{{{ or }}}}") from None
    for name in names:
        if name not in allowed:
            use = ", ".join(f"{{{a}}}" for a in allowed[:-1]) + f" or {{{allowed[-1]}}}" if allowed else "no fields"
            raise ConfigError(f"{where}: unknown field {{{name}}}; use {use}")


def effective(config: Config) -> list[tuple[str, Any, str]]:
    """(dotted name, value, origin) of every setting, for `config show`."""
    out = []
    for setting in SETTINGS:
        name = _name(setting)
        value = getattr(config, name)
        out.append((_dotted(setting), "" if value is None else value, config.origin(name)))
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
    section: str | None = None
    for setting in SETTINGS:
        if setting.key == "":
            lines += ["", f"# {setting.help}", f"[{setting.section}]", '# "example.com" = "The Example Times"']
            continue
        if setting.section != section:
            section = setting.section
            lines += ["", f"[{section}]"]
        if isinstance(setting.default, dict):
            lines += [
                f"# {setting.help}",
                f"[{setting.section}.{setting.key}]",
                '# categories = ["links"]',
                '# layout = "link"',
                '# author = "Your Name"',
            ]
            section = f"{setting.section}.{setting.key}"
            continue
        lines += [f"# {setting.help}", tomli_w.dumps({setting.key: setting.default}).rstrip()]
    return "\n".join(lines) + "\n"


def post_style(config: Config) -> Any:
    """The PostStyle these settings ask for."""
    from clipper.posts.model import PostStyle

    return PostStyle(
        attribution=config.attribution,
        attribution_opinion=config.attribution_opinion,
        continue_text=config.continue_text,
        front_matter=config.front_matter,
        link_site=config.link_site,
        file_name=config.file_name,
        keys_table=config.keys_table,
    )
