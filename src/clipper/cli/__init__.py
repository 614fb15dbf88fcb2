"""The terminal: Typer commands, the picker, tables and progress. The only package that knows Typer."""

from clipper.cli.app import app, main

__all__ = ["app", "main"]
