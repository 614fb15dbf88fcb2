"""`clipper config`: write and show the settings file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clipper.cli.root import app, handle_errors, settings, settings_file, stderr
from clipper.errors import FileError

config_app = typer.Typer(
    help="Write and show the settings file (clipper.toml).", no_args_is_help=True, add_completion=False
)
app.add_typer(config_app, name="config")


@config_app.command("init")
@handle_errors
def config_init(
    user: Annotated[bool, typer.Option("--user", help="Write the user's file instead of ./clipper.toml.")] = False,
) -> None:
    """Write ./clipper.toml (or the user's file) with every setting at its default, explained."""
    from clipper.settings import LOCAL_FILE, template_file, user_file

    target = user_file() if user else Path(LOCAL_FILE)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:  # "x": never over an existing file
            fh.write(template_file())
    except FileExistsError:
        raise FileError(
            f"{target}: already exists; clipper never overwrites it (edit it, or remove it first)"
        ) from None
    except OSError as exc:
        raise FileError(f"{target}: cannot write: {exc.strerror or exc}") from None
    typer.echo(str(target))


@config_app.command("show")
@handle_errors
def config_show(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: name -> {value, from}.")] = False,
) -> None:
    """Print the effective settings and where each comes from."""
    from clipper.settings import effective, toml_value

    rows = effective(settings())
    if as_json:
        data = {name: {"value": str(v) if isinstance(v, Path) else v, "from": origin} for name, v, origin in rows}
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    width = max(len(name) for name, _, _ in rows)
    for name, value, origin in rows:
        typer.echo(f"{name:<{width}} = {toml_value(value)}  # {origin}")


@config_app.command("path")
@handle_errors
def config_path() -> None:
    """Print the settings file in use (nothing, and a note on stderr, when none is)."""
    path = settings_file()
    if path is None:
        stderr().print("no settings file: built-in defaults (clipper config init writes one)", markup=False)
        return
    typer.echo(str(path))
