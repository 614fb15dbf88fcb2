from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from siteserver import Site

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def require(tool: str, install: str) -> None:
    """Skip a test whose outside tool is missing, saying how to install it; in CI (CI=true), where
    `.ci/run` installs every tool, a missing one fails the test instead."""
    if shutil.which(tool):
        return
    message = f"{tool} is not installed ({install})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have it")
    pytest.skip(message)


@pytest.fixture
def site() -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 with routes the test defines."""
    server = Site().start()
    yield server
    server.stop()


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
