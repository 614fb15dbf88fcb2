"""Running the user's text editor ($VISUAL, then $EDITOR)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from clipper.errors import Cancelled, FileError


def editor_command() -> list[str]:
    """The editor to run: $VISUAL, then $EDITOR, then a platform default."""
    name = next((v for v in ("VISUAL", "EDITOR") if os.environ.get(v, "").strip()), None)
    if name is None:
        return ["notepad" if os.name == "nt" else "vi"]
    try:
        return shlex.split(os.environ[name], posix=os.name != "nt")
    except ValueError as exc:  # an unclosed quote
        raise FileError(f"cannot read the editor command in ${name}: {exc}") from None


def open_in_editor(path: Path) -> None:
    """Let the user edit `path`; Cancelled when the editor fails."""
    command = editor_command()
    try:
        result = subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        raise FileError(
            f"cannot start the editor {command[0]!r}: {exc.strerror or exc}; set $VISUAL or $EDITOR"
        ) from None
    if result.returncode != 0:
        raise Cancelled(f"the editor exited with status {result.returncode}")


def edit_text(text: str, suffix: str = ".md") -> str:
    """Open `text` in the user's editor and return what they saved."""
    with tempfile.TemporaryDirectory(prefix="clipper-") as tmp:
        path = Path(tmp) / f"quote{suffix}"
        path.write_text(text, encoding="utf-8")
        open_in_editor(path)
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise FileError("the editor saved text that is not UTF-8") from None
