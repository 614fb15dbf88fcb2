"""The terminal: Typer commands (one module per group of verbs), the picker, the views and the
batch's progress. The only package that knows Typer; each command checks its options, calls the
library once, and prints."""

from __future__ import annotations

import os
import sys

import typer

from clipper.cli import check, config, feed, grab, posts, push  # noqa: F401 - each module adds its commands to the app
from clipper.cli.app import app
from clipper.errors import ExitCode


def main() -> None:
    """Console-script entry point: Typer's own errors (a bad option, say) become one line on stderr
    like clipper's, instead of a boxed panel."""
    if os.environ.get("CLIPPER_DEBUG"):
        app.pretty_exceptions_enable = True
    try:
        code = app(standalone_mode=False)
    except typer.Abort:  # Ctrl-C or Ctrl-D at one of Typer's own prompts
        sys.stderr.write("clipper: error: cancelled: nothing written\n")
        sys.exit(int(ExitCode.CANCELLED))
    except typer.TyperException as exc:  # Click's errors: bad usage, a missing argument
        message: str = exc.format_message()
        if type(exc).__name__ == "NoArgsIsHelpError":  # `clipper` alone: the help it asks for
            sys.stderr.write(message + "\n")
        else:
            context = getattr(exc, "ctx", None)
            hint = f" (see `{context.command_path} --help`)" if context is not None else ""
            sys.stderr.write(f"clipper: error: {' '.join(message.split())}{hint}\n")
        sys.exit(getattr(exc, "exit_code", int(ExitCode.USAGE)))
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["app", "main"]
