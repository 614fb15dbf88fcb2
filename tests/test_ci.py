"""What CI checks besides the tests: `.ci/lint` (run by `.ci/run` before them) fails on a lint error,
on code not formatted as ruff formats it, and on a type error mypy --strict finds; it passes the
project as it is. Run on a copy of the project, with the tools of the environment running the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, unavailable

TOOLS = Path(sys.executable).parent


def lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(project / ".ci" / "lint")],
        env={"PATH": "/usr/bin:/bin", "CLIPPER_TOOLS": str(TOOLS), "HOME": str(project)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_lint_fails_on_each_check_and_passes_the_project(tmp_path: Path) -> None:
    if not all((TOOLS / tool).exists() for tool in ("ruff", "mypy")):
        unavailable("ruff and mypy are not installed (the dev extra)")
    project = tmp_path / "clipper"
    for part in ("src", "tests", ".ci", "pyproject.toml", "README.md"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
        else:
            shutil.copy(source, project / part)
    module = project / "src" / "clipper" / "text.py"
    clean = module.read_text(encoding="utf-8")

    module.write_text(clean + "\nimport os\n", encoding="utf-8")  # an unused import, at the end
    done = lint(project)
    assert done.returncode != 0 and "F401" in done.stdout, done.stdout + done.stderr

    module.write_text(clean + "\n\ndef spaced( x: int ) -> int:\n    return x\n", encoding="utf-8")
    done = lint(project)
    assert done.returncode != 0 and "1 file would be reformatted" in done.stdout, done.stdout + done.stderr

    module.write_text(clean + '\n\ndef typed() -> int:\n    return "not a number"\n', encoding="utf-8")
    done = lint(project)
    assert done.returncode != 0 and "Incompatible return value type" in done.stdout, done.stdout + done.stderr

    module.write_text(clean, encoding="utf-8")
    done = lint(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_ci_runs_the_checks_before_the_tests() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "'.[dev]'" in run  # the tools the checks need
    assert run.index("\nbash .ci/lint\n") < run.index(".venv/bin/python -m pytest")
