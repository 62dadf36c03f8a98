"""Everything a notebook reads, in one call: :func:`load_data`.

The build's outputs in ``data/processed/`` (or another directory, e.g. a report run's
``processed_dir`` parameter): the target table, the assessments, the calibration table, the
build summary, and the tidy history. When the directory has no build yet, the build runs
first (into that directory).

>>> REQUIRED_FILES  # what a build must have written; the history is re-read from data/raw
('targets.parquet', 'assessments.csv', 'calibration.csv', 'build_summary.json')

Reading (or first building) ``data/processed``:

>>> d = load_data()  # doctest: +SKIP
>>> d.summary["targets_assessed"], len(d.assessments)  # doctest: +SKIP
(18, 18)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import PROCESSED_DIR

__all__ = ["Data", "load_data", "REQUIRED_FILES"]

REQUIRED_FILES = ("targets.parquet", "assessments.csv", "calibration.csv", "build_summary.json")


@dataclass(frozen=True)
class Data:
    """The processed tables of one build."""

    directory: Path
    targets: pd.DataFrame
    assessments: pd.DataFrame
    calibration: pd.DataFrame
    history: pd.DataFrame
    summary: dict


def load_data(processed_dir: str | Path | None = None, build_if_missing: bool = True) -> Data:
    """Read a build's outputs from ``processed_dir`` (default ``data/processed``).

    Missing outputs are built first when ``build_if_missing``; otherwise the error names the
    missing file and the command that makes it.
    """
    from . import load_assessments
    from .history import load_history

    directory = Path(processed_dir) if processed_dir else PROCESSED_DIR
    missing = [n for n in REQUIRED_FILES if not (directory / n).exists()]
    if missing:
        if not build_if_missing:
            raise FileNotFoundError(f"{directory}: no {', '.join(missing)}; run `python -m shenyang_analysis build` first")
        from .build import run_build

        run_build(directory)
    targets = pd.read_parquet(directory / "targets.parquet")
    assessments = load_assessments(directory / "assessments.csv")
    calibration = pd.read_csv(directory / "calibration.csv", keep_default_na=False, na_values={"prob_then": [""], "squared_error": [""], "outcome_value": [""], "target_value": [""]})
    summary = json.loads((directory / "build_summary.json").read_text(encoding="utf-8"))
    history = load_history(targets=targets)
    return Data(directory, targets, assessments, calibration, history, summary)
