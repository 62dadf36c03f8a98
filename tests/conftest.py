"""Shared fixtures: the corpus is read once per session."""

from __future__ import annotations

import pytest

from shenyang_analysis.documents import load_corpus


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full build into a temporary directory (the repository's data/processed is untouched)."""
    from shenyang_analysis.build import run_build

    out = tmp_path_factory.mktemp("processed")
    return run_build(out)
