"""What a notebook reads: the build's tables, one target's assessment, the extractor on any text.

* :func:`load_targets`, :func:`load_assessments`, :func:`load_history` -- one table each
  (built first from ``data/raw`` when ``data/processed`` has no build yet);
* :func:`load_data` -- all of a build's tables at once (what the report notebooks read);
* :func:`assessment_for` -- one target's assessment with its series and projection;
* :func:`extract_text` -- the extractor's rows for any plan text.

>>> REQUIRED_FILES  # what a build must have written; the history is re-read from data/raw
('targets.parquet', 'assessments.csv', 'calibration.csv', 'build_summary.json')
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import DEFAULT_PARAMS, AnalysisParams, paths
from .history.series import resolve_conflicts
from .history.sources import load_history as _load_history
from .io.builds import current_build
from .io.documents import Document
from .model.assess import Assessment, assess_target
from .model.assessments import publication_dates, skip_reason
from .pipeline import build_assessments, build_targets, run_build
from .table.schema import ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS
from .table.targets import document_table

__all__ = [
    "Data", "REQUIRED_FILES", "load_targets", "load_assessments", "load_history", "load_data",
    "assessment_for", "extract_text",
]

REQUIRED_FILES = ("targets.parquet", "assessments.csv", "calibration.csv", "build_summary.json")


def load_targets(path: str | Path | None = None, rebuild: bool = False) -> pd.DataFrame:
    """The target table: read ``data/processed/targets.parquet``, building it first if needed.

    >>> df = load_targets()
    >>> {"target", "observation"} >= set(df["kind"])
    True
    """
    if path is not None:
        return pd.read_parquet(path)
    processed = paths().processed_dir
    pq = processed / "targets.parquet"
    if rebuild or not pq.exists():
        try:
            return run_build(processed).targets
        except OSError:  # read-only checkout: build in memory
            return build_targets().targets
    return pd.read_parquet(pq)


def load_assessments(path: str | Path | None = None, rebuild: bool = False) -> pd.DataFrame:
    """The assessment table: read ``data/processed/assessments.csv``, building first if needed.

    >>> df = load_assessments()
    >>> row = df.set_index("target_id").loc["002_74a2a09f36767d0c@9774"]
    >>> row["indicator"], int(row["year"]), row["comparator"], float(row["target_value"])
    ('gdp', 2025, '>=', 150000000000.0)
    """
    processed = paths().processed_dir
    csv = Path(path) if path is not None else processed / "assessments.csv"
    if path is None and (rebuild or not csv.exists()):
        try:
            return run_build(processed).assessments
        except OSError:  # read-only checkout: build in memory
            return build_assessments(build_targets()).assessments
    columns = {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}
    dtypes = {c: ("Int64" if d == "int64" else d) for c, d in columns.items()}
    na = {c: [""] for c, d in dtypes.items() if d != "string"}
    return pd.read_csv(csv, dtype=dtypes, keep_default_na=False, na_values=na)


def load_history(targets: pd.DataFrame | None = None, documents: bool = True) -> pd.DataFrame:
    """The tidy table of past figures: history file, Shenyang's panel rows and, with
    ``documents``, the documents' own past figures (from ``targets``, default :func:`load_targets`).

    >>> h = load_history()
    >>> sorted(set(h["origin"]))
    ['city_panel', 'derived', 'document', 'history_file']
    """
    if documents and targets is None:
        targets = load_targets()
    return _load_history(targets=targets, documents=documents)


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
    """Read a build's outputs from ``processed_dir`` (default ``data/processed``), all from the
    same complete set (its ``current`` link is resolved once, :mod:`shenyang_analysis.io.builds`).

    Missing outputs are built first when ``build_if_missing``; otherwise the error names the
    missing file and the command that makes it.
    """
    directory = Path(processed_dir) if processed_dir else paths().processed_dir
    missing = [n for n in REQUIRED_FILES if not (directory / n).exists()]
    if missing:
        if not build_if_missing:
            raise FileNotFoundError(f"{directory}: no {', '.join(missing)}; run `python -m shenyang_analysis build` first")
        run_build(directory)
    one_set = current_build(directory)  # every table from the same build, even if a new one is switched in meanwhile
    targets = pd.read_parquet(one_set / "targets.parquet")
    assessments = load_assessments(one_set / "assessments.csv")
    na = {"prob_then": [""], "squared_error": [""], "outcome_value": [""], "target_value": [""]}
    calibration = pd.read_csv(one_set / "calibration.csv", keep_default_na=False, na_values=na)
    summary = json.loads((one_set / "build_summary.json").read_text(encoding="utf-8"))
    history = _load_history(targets=targets)
    return Data(directory, targets, assessments, calibration, history, summary)


def assessment_for(
    target_id: str,
    view: str = "latest",
    targets: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
) -> Assessment:
    """The assessment of one target by id, with its series and projection (for notebooks).

    ``targets`` defaults to :func:`load_targets`, ``history`` to :func:`load_history` on those targets.

    >>> a = assessment_for("003_2e6eae32420e2f95@620")
    >>> a.row["indicator"], a.row["model"], a.row["status"], a.row["outcome_basis"]
    ('industrial_clusters_scale', 'reference class', 'missed', 'official, an upper bound (below)')
    """
    targets = load_targets() if targets is None else targets
    rows = targets[targets["target_id"] == target_id]
    if rows.empty:
        known = ", ".join(targets.loc[targets["kind"] == "target", "target_id"].astype(str).head(5))
        raise KeyError(f"no target {target_id!r} in the target table (e.g. {known})")
    history = _load_history(targets=targets) if history is None else history
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    t = rows.iloc[0].to_dict()
    reason = skip_reason(t, chosen[["region", "indicator", "unit"]].drop_duplicates())
    if t.get("kind") != "target" or reason:
        raise ValueError(f"{target_id} cannot be assessed: {reason or 'it is an observation, not a target'}")
    pub = publication_dates().get(str(t["doc_id"])) if view == "document" else None
    return assess_target(t, chosen, view, pub, params=params)


def extract_text(
    text: str, reference_date: dt.date | str, region: str, level: str = "city", doc_id: str = "text", title: str = ""
) -> pd.DataFrame:
    """The extractor's rows for ``text`` (no curation), as a data frame with the table's columns.

    >>> extract_text("全年新增城镇就业9万人以上。", "2021-02-06", "shenyang")[["value", "unit", "comparator", "year"]].values.tolist()
    [[90000.0, 'count', '>=', 2021]]
    """
    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)
    doc = Document(doc_id=doc_id, text=text, reference_date=reference_date, region=region, level=level, title=title)
    return document_table(doc)
