from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from siteserver import Site

if TYPE_CHECKING:
    from wordpress import WordPress

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def unavailable(message: str) -> NoReturn:
    """Skip a test whose outside service is missing, saying why; in CI (CI=true), where `.ci/run`
    installs every service, a missing one fails the test instead."""
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{message}; CI must have it", pytrace=False)
    pytest.skip(message)


def require(tool: str, install: str) -> None:
    """A command the test runs must be installed (see `unavailable`)."""
    if not shutil.which(tool):
        unavailable(f"{tool} is not installed ({install})")


@pytest.fixture
def site() -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 with routes the test defines."""
    server = Site().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def wp_site() -> Iterator[WordPress]:
    """A real WordPress on 127.0.0.1 for the whole session (Debian's package over a throwaway
    MariaDB; see wordpress.py). Skipped where the packages are missing; under CI=true that fails."""
    from wordpress import WordPress, missing, sweep

    reason = missing()
    if reason is not None:
        unavailable(f"no WordPress here: {reason}")
    sweep()
    site = WordPress().start()
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in its own folder with its own home: nothing touches the user's files."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    for name in ("CLIPPER_DRAFTS_DIR", "CLIPPER_PUBLISHED_DIR", "CLIPPER_CACHE_DIR", "CLIPPER_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    os.environ.setdefault("COLUMNS", "100")
    return work
