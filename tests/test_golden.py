"""Golden outputs: the build and the extractor write exactly what ``tests/golden/outputs.sha256`` records.

A failure names the outputs that changed. If the change is intended (a fix, a new column,
a new document), re-record in the same commit: ``python scripts/golden.py record``, so that
every change of outputs is a visible diff of that file.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.slow
def test_outputs_match_the_recorded_fingerprints():
    recorded = golden.read_golden()
    changed = golden.compare(golden.fingerprints(), recorded)
    assert changed == [], f"outputs changed: {changed}; if intended, run `python scripts/golden.py record`"
    assert any(n.startswith("processed/") for n in recorded) and any(n.startswith("extract/") for n in recorded)


def test_compare_names_what_changed_appeared_or_disappeared():
    old = {"a": "1", "b": "2", "c": "3"}
    new = {"a": "1", "b": "9", "d": "4"}
    assert golden.compare(new, old) == ["b", "c", "d"]
    assert golden.compare(old, old) == []
