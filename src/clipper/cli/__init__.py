"""The terminal: Typer commands (one module per group of verbs), the picker, the views and the
batch's progress. The only package that knows Typer; each command checks its options, calls the
library once, and prints.

A run loads only the module of the command it runs: Typer inspects every command it is given at
start-up, and `clipper list` should not pay for `feed` and `push`. `app` (for tests and programs)
is the whole application.
"""

from __future__ import annotations

import importlib
import os
import sys

TYPE_CHECKING = False  # typing itself costs a tenth of what `clipper --version` may take
if TYPE_CHECKING:
    from typing import Any

    import typer

# The command (or command group) each module adds to the application.
COMMANDS = {
    "grab": "grab",
    "extract": "grab",
    "list": "posts",
    "show": "posts",
    "render": "posts",
    "edit": "posts",
    "publish": "posts",
    "rm": "posts",
    "review": "posts",
    "check": "check",
    "push": "push",
    "feed": "feed",
    "config": "config",
    "serve": "serve",
}
ROOT_OPTIONS_WITH_VALUES = ("--config", "-c")


def load(commands: list[str] | None = None) -> typer.Typer:
    """The application with these commands (every command without a list)."""
    from clipper.cli.root import app

    for module in dict.fromkeys(COMMANDS[c] for c in (COMMANDS if commands is None else commands)):
        importlib.import_module(f"clipper.cli.{module}")
    _as_paragraphs(app)
    return app


def _as_paragraphs(app: typer.Typer) -> None:
    """Each command's help as the paragraphs it is written in. Typer keeps the line breaks of a
    docstring after its first paragraph, and the terminal wraps those lines again: ragged at any
    width but the source's."""
    import inspect

    for info in app.registered_commands:
        if info.help is None and info.callback is not None:
            doc = inspect.getdoc(info.callback) or ""
            info.help = "\n\n".join(" ".join(paragraph.split()) for paragraph in doc.split("\n\n"))
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _as_paragraphs(group.typer_instance)


def invoked(argv: list[str]) -> list[str] | None:
    """The command a command line runs, when it names one clipper knows; none for `--version`; None
    (load them all) for the help, completion, or an error that lists them."""
    if os.environ.get("_CLIPPER_COMPLETE"):
        return None
    words = iter(argv)
    for word in words:
        if word in ROOT_OPTIONS_WITH_VALUES:
            next(words, None)
        elif word == "--version":
            return []
        elif not word.startswith("-"):
            return [word] if word in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point: Typer's own errors (a bad option, say) become one line on stderr
    like clipper's, instead of a boxed panel. `clipper --version` alone is answered before Typer is
    imported: scripts ask it, and it should cost no more than starting Python."""
    if sys.argv[1:] == ["--version"]:
        from clipper import __version__

        sys.stdout.write(f"clipper {__version__}\n")
        return
    import typer

    from clipper.errors import ExitCode

    app = load(invoked(sys.argv[1:]))
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
    # The process ends here: the interpreter's last collection would walk the whole heap (ten
    # thousand posts of a listing, say) for cycles that ending the process frees all the same.
    import gc

    gc.freeze()
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["app", "load", "main"]
