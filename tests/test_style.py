"""The code passes ruff's and mypy's checks (the rules and versions pinned in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _check(tool: str, *args: str) -> None:
    """Run ``tool`` (the one beside this Python, else on PATH) from the project root; it must pass."""
    beside = Path(sys.executable).with_name(tool)
    command = str(beside) if beside.exists() else shutil.which(tool) or tool
    done = subprocess.run([command, *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_style_ruff_finds_nothing() -> None:
    _check("ruff", "check", "--no-cache", "src", "tests", "benchmarks")


def test_style_mypy_finds_nothing(tmp_path: Path) -> None:
    _check("mypy", "--cache-dir", str(tmp_path / "mypy_cache"), "src")
