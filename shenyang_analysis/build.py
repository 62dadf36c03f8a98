"""Build ``data/processed/`` from ``data/raw/``: the target table, the history, the assessments.

Steps: read the corpus and its manifest → extract → match indicators → apply curation →
check the schema (a violation stops the build naming the row and the rule) → the tidy
history (history file, Shenyang's panel series, the documents' own past figures) and its
conflicts → the assessment of every target with a history and the calibration table.
Everything is computed in memory first; then ``targets.csv``, ``targets.parquet``,
``history.csv``, ``history_conflicts.csv``, ``assessments.csv``, ``calibration.csv`` and
``build_summary.json`` are written, each through a temporary file renamed into place, so an
interrupted or failed build leaves the previous outputs whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .atomic import write_csv, write_parquet, write_text
from .curation import apply_curation, load_curation
from .documents import load_corpus
from .indicators import load_catalog
from .paths import CURATION_CSV, DOCUMENTS_DIR, INDICATORS_CSV, PROCESSED_DIR
from .schema import validate_targets
from .targets import attach_indicators, corpus_table

__all__ = ["BuildResult", "build_targets", "build_assessments", "format_number", "to_csv_frame", "run_build"]

OUTPUT_NAMES = (
    "targets.csv", "targets.parquet", "history.csv", "history_conflicts.csv", "assessments.csv", "calibration.csv",
    "build_summary.json",
)


@dataclass
class BuildResult:
    """What a build produced, with the counts its summary reports."""

    targets: pd.DataFrame
    summary: dict[str, object] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    history: pd.DataFrame | None = None
    conflicts: pd.DataFrame | None = None
    assessments: pd.DataFrame | None = None
    skipped: pd.DataFrame | None = None
    calibration: pd.DataFrame | None = None


def format_number(x: float | None) -> str:
    """Exact, exponent-free text for a table value (1.5e11 → '150000000000').

    >>> format_number(1.64e9), format_number(3.5), format_number(-15.0), format_number(None)
    ('1640000000', '3.5', '-15', '')
    """
    if x is None or pd.isna(x):
        return ""
    d = Decimal(repr(float(x)))
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def to_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table as written to CSV: numbers in exact decimal text, booleans as true/false.

    >>> to_csv_frame(pd.DataFrame({"v": [1.5e11, None], "b": [True, False]})).values.tolist()
    [['150000000000', 'true'], ['', 'false']]
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col].dtype):
            out[col] = [format_number(v) for v in out[col]]
        elif out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
    return out


def build_targets(
    documents_dir: Path = DOCUMENTS_DIR,
    indicators_csv: Path = INDICATORS_CSV,
    curation_csv: Path = CURATION_CSV,
) -> BuildResult:
    """Build the target table in memory (no files written)."""
    docs = load_corpus(documents_dir)
    catalog = load_catalog(indicators_csv)
    texts = {d.doc_id: d.text for d in docs}
    extracted = corpus_table(docs, catalog)
    curation = load_curation(curation_csv)
    table, changed = apply_curation(extracted, curation, texts)
    # curated rows without an explicit indicator are matched like extracted ones
    need = table["indicator"].isna() & (table["origin"] == "curated")
    if need.any():
        table.loc[need, ["indicator", "category"]] = attach_indicators(table.loc[need], catalog)[["indicator", "category"]]
    known = set(catalog["indicator"])
    unknown = sorted(set(table["indicator"].dropna()) - known)
    if unknown:
        raise ValueError(f"{curation_csv}: indicator id(s) {unknown} are not in {indicators_csv}")
    table["category"] = table["indicator"].map(catalog.set_index("indicator")["category"]).astype("string")
    table = _typed_again(table)
    validate_targets(table, texts)
    unmatched = table[table["indicator"].isna()]
    summary: dict[str, object] = {
        "documents": len(docs),
        "rows": int(len(table)),
        "by_kind": {k: int(v) for k, v in table["kind"].value_counts().sort_index().items()},
        "by_document": {k: int(v) for k, v in table["doc_id"].value_counts().sort_index().items()},
        "rows_without_indicator": int(len(unmatched)),
        "rows_without_indicator_by_document": {k: int(v) for k, v in unmatched["doc_id"].value_counts().sort_index().items()},
        "curation_lines": int(len(curation)),
        "rows_changed_by_curation": int(changed),
        "indicators_in_catalog": int(len(catalog)),
    }
    return BuildResult(targets=table, summary=summary)


def _typed_again(df: pd.DataFrame) -> pd.DataFrame:
    from .schema import EXTRA_COLUMNS, TARGET_COLUMNS

    out = df.copy()
    for col, dtype in {**TARGET_COLUMNS, **EXTRA_COLUMNS}.items():
        if col in out.columns:
            out[col] = out[col].astype(dtype)
    out = out.sort_values(["doc_id", "value_start"], kind="stable").reset_index(drop=True)
    return out[[c for c in list(TARGET_COLUMNS) + list(EXTRA_COLUMNS) if c in out.columns]]


def build_assessments(result: BuildResult, inflation_pct: float | None = None) -> BuildResult:
    """Add the tidy history, its conflicts, the assessments and the calibration table to ``result``."""
    from .assessments import assessment_table, brier, calibration_table
    from .history import default_inflation_pct, load_history, resolve_conflicts

    history = load_history(targets=result.targets)
    chosen, conflicts = resolve_conflicts(history)
    table, skipped = assessment_table(result.targets, chosen, inflation_pct=inflation_pct)
    calibration = calibration_table(table)
    n_targets = int((result.targets["kind"] == "target").sum())
    result.history, result.conflicts, result.assessments = history, conflicts, table
    result.skipped, result.calibration = skipped, calibration
    result.summary.update({
        "history_rows": int(len(history)),
        "history_series": int(len(chosen[["region", "indicator", "measure"]].drop_duplicates())),
        "history_conflicting_keys": int(len(conflicts.drop_duplicates(["region", "indicator", "year", "measure"]))),
        "inflation_assumption_pct": round(default_inflation_pct() if inflation_pct is None else float(inflation_pct), 5),
        "targets": n_targets,
        "targets_assessed": int(len(table)),
        "targets_without_history": int(len(skipped)),
        "targets_without_history_by_reason": {k: int(v) for k, v in skipped["reason"].value_counts().sort_index().items()},
        "assessments_by_status": {k: int(v) for k, v in table["status"].value_counts().sort_index().items()},
        "assessments_by_model": {(k or "none"): int(v) for k, v in table["model"].value_counts().sort_index().items()},
        "calibration": brier(calibration),
    })
    return result


def run_build(out_dir: Path = PROCESSED_DIR, **kwargs: Path) -> BuildResult:
    """Build everything in memory, then write the outputs (:data:`OUTPUT_NAMES`) to ``out_dir``."""
    result = build_assessments(build_targets(**kwargs))
    out_dir = Path(out_dir)
    paths = [out_dir / name for name in OUTPUT_NAMES]
    targets_csv, targets_pq, history_csv, conflicts_csv, assessments_csv, calibration_csv, summary_path = paths
    write_csv(to_csv_frame(result.targets), targets_csv)
    write_parquet(result.targets, targets_pq)
    write_csv(to_csv_frame(result.history), history_csv)
    write_csv(to_csv_frame(result.conflicts), conflicts_csv)
    write_csv(to_csv_frame(result.assessments), assessments_csv)
    write_csv(to_csv_frame(result.calibration), calibration_csv)
    write_text(summary_path, json.dumps(result.summary, ensure_ascii=False, indent=2) + "\n")
    result.outputs = paths
    return result
