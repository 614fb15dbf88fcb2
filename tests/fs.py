"""The file system made hostile for a test: a folder where nothing can be deleted or replaced."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def undeletable(folder: Path) -> Iterator[None]:
    """No file in `folder` can be deleted: append-only for root (who ignores permissions), else read-only."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+a", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("this file system has no append-only folders")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-a", str(folder)], check=True)
