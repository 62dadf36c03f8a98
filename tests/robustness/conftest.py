"""Fixtures for tests that damage inputs, fill disks, kill builds: a throw-away copy of the
project's raw inputs, the command line in a fresh interpreter, and line editors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_cli(*args: str, timeout: int = 300, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    if "SHENYANG_PROCESSED_DIR" not in (env or {}):
        full_env.pop("SHENYANG_PROCESSED_DIR", None)
    kw.setdefault("text", True)  # text=False: bytes, no newline translation (CR stays CR)
    return subprocess.run([sys.executable, "-m", "shenyang_analysis", *args], capture_output=True,
                          env=full_env, cwd=ROOT, timeout=timeout, **kw)


def _replace_line(path: Path, old: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[i] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return i + 1


def _append_lines(path: Path, *lines: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    first = text.count("\n") + 1
    path.write_text(text + "".join(line + "\n" for line in lines), encoding="utf-8")
    return first


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``tmp_path/project``: a project root with a copy of ``data/raw`` and ``data/derived`` (the
    growth-target model the assessments read)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "data" / "derived", root / "data" / "derived")
    return root


@pytest.fixture(scope="session")
def cli():
    """``cli(*args, timeout=, env=)``: ``python -m shenyang_analysis ARGS`` in a fresh interpreter."""
    return _run_cli


@pytest.fixture(scope="session")
def edit():
    """``edit.replace_line(path, prefix, new)`` and ``edit.append_lines(path, *lines)``: both
    return the file line they wrote."""
    return SimpleNamespace(replace_line=_replace_line, append_lines=_append_lines, root=ROOT)
