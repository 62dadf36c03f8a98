"""Shared fixtures: the corpus is read once per session."""

from __future__ import annotations

import os
import shutil

import pytest

from shenyang_analysis.io.documents import load_corpus


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full build into a temporary directory (the repository's data/processed is untouched)."""
    from shenyang_analysis.pipeline import run_build

    out = tmp_path_factory.mktemp("processed")
    return run_build(out)


#: The project's Jupyter kernel (registered by scripts/setup.sh); papermill runs notebooks with it.
KERNEL = "shenyang-analysis"


def _require(*tools: str, kernel: bool = False) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if kernel:
        from jupyter_client.kernelspec import KernelSpecManager

        if KERNEL not in KernelSpecManager().find_kernel_specs():
            missing.append(f"Jupyter kernel {KERNEL!r}")
    if missing:
        _unavailable(f"needs {', '.join(missing)} (run `bash scripts/setup.sh`)")


def _unavailable(reason: str) -> None:
    """Skip the test; with ``$CI`` set fail instead, so CI cannot pass by skipping."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide it: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def require_tools():
    """``require_tools("xelatex", ..., kernel=True)`` skips the test when a program (or the
    project's kernel) is missing; with ``$CI`` set it fails instead, so CI cannot pass by skipping."""
    return _require


@pytest.fixture
def cjk_font():
    """The CJK font family matplotlib uses (rcParams restored afterwards); skip (fail on CI) without one."""
    import matplotlib

    from shenyang_analysis.present.fonts import MissingFontError, use_cjk_fonts

    with matplotlib.rc_context():
        try:
            yield use_cjk_fonts()
        except MissingFontError as exc:
            _unavailable(str(exc))
