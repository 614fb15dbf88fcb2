"""The installation's secret: made at first use, kept in the user's config folder (mode 0600) and
written into the bookmarklet. A request that hands clipper a page or writes a draft without it is
refused, so that no other web page can make clipper write (see docs/serve.md)."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from clipper.errors import ConfigError, FileError

FILE_NAME = "serve-secret"
_SIZE = 32  # bytes of randomness: 43 URL-safe characters


def secret_file() -> Path:
    """Where the secret is kept: beside the user's settings file (`~/.config/clipper/` on Linux)."""
    from clipper.settings import user_file

    return user_file().parent / FILE_NAME


def load_or_make(path: Path | None = None, renew: bool = False) -> str:
    """The secret kept at `path` (the user's file by default), made there first if there is none,
    or made anew with `renew` (bookmarklets made before stop working)."""
    path = path or secret_file()
    if not renew:
        try:
            return _read(path)
        except FileNotFoundError:
            pass
    return _make(path, replace=renew)


def _read(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            os.chmod(path, 0o600)  # readable by others: keep it to the user
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a clipper secret"
        raise FileError(f"{path}: cannot read the secret of clipper serve: {reason}") from None
    if len(text) < 32 or not text.replace("-", "").replace("_", "").isalnum():
        raise ConfigError(f"{path}: not a clipper secret; remove the file (or use --new-secret) to make a new one")
    return text


def _make(path: Path, replace: bool) -> str:
    """A new secret written to `path` whole, mode 0600 from the start: never over another file
    unless `replace` (two servers starting at once agree on the first one written)."""
    value = secrets.token_urlsafe(_SIZE)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(value + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
            return value
        try:
            os.link(tmp, path)
        except FileExistsError:  # another server made it first: use theirs
            return _read(path)
        return value
    except OSError as exc:
        raise FileError(f"{path}: cannot write the secret of clipper serve: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
