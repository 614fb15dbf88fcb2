"""The terminal: Typer commands (one module per group of verbs), the picker, the views and the
batch's progress. The only package that knows Typer; each command checks its options, calls the
library once, and prints."""

from __future__ import annotations

import os

from clipper.cli import check, config, grab, posts  # noqa: F401 - each module adds its commands to the app
from clipper.cli.app import app


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("CLIPPER_DEBUG"):
        app.pretty_exceptions_enable = True
    app()


__all__ = ["app", "main"]
