"""The build: ``data/raw/`` → ``data/processed/``, the stages in order.

1. **extract** (:mod:`shenyang_analysis.extract`): read the corpus and its manifest, find the
   statements in every document;
2. **table** (:mod:`shenyang_analysis.table`): match indicators, apply curation, check the
   target table's schema (a violation stops the build naming the row and the rule);
3. **history** (:mod:`shenyang_analysis.history`): the tidy history (history file, Shenyang's
   panel series, the documents' own past figures) and its conflicts;
4. **model** (:mod:`shenyang_analysis.model`): the assessment of every target with a
   history, and the calibration table.

Everything is computed in memory first; then ``targets.csv``, ``targets.parquet``,
``history.csv``, ``history_conflicts.csv``, ``assessments.csv``, ``calibration.csv`` and
``build_summary.json`` are written, each through a temporary file renamed into place, so an
interrupted or failed build leaves the previous outputs whole. The summary records the
parameters used (:class:`~shenyang_analysis.config.AnalysisParams`) and every input file with
its sha256 (the provenance of the run).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import DEFAULT_PARAMS, AnalysisParams, paths
from .history.prices import default_inflation_pct
from .history.series import resolve_conflicts
from .history.sources import load_history
from .io.atomic import write_csv, write_parquet, write_text
from .io.documents import load_corpus
from .io.serialize import to_csv_frame
from .model.assessments import assessment_table
from .model.calibration import brier, calibration_table
from .table.catalog import load_catalog
from .table.curation import apply_curation, load_curation
from .table.schema import EXTRA_COLUMNS, TARGET_COLUMNS, validate_targets
from .table.targets import attach_indicators, corpus_table, targets_without_indicator

__all__ = ["BuildResult", "build_targets", "build_assessments", "run_build", "input_files"]

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


def build_targets(
    documents_dir: Path | None = None,
    indicators_csv: Path | None = None,
    curation_csv: Path | None = None,
) -> BuildResult:
    """Build the target table in memory (no files written); paths default to the project's."""
    p = paths()
    documents_dir = documents_dir or p.documents_dir
    indicators_csv = indicators_csv or p.indicators_csv
    curation_csv = curation_csv or p.curation_csv
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
        "targets_without_indicator": targets_without_indicator(table),
        "curation_lines": int(len(curation)),
        "rows_changed_by_curation": int(changed),
        "indicators_in_catalog": int(len(catalog)),
    }
    summary["inputs"] = [str(documents_dir / "MANIFEST.csv")] + [str(d.path) for d in docs if d.path] + [
        str(indicators_csv), str(curation_csv)]
    return BuildResult(targets=table, summary=summary)


def _typed_again(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col, dtype in {**TARGET_COLUMNS, **EXTRA_COLUMNS}.items():
        if col in out.columns:
            out[col] = out[col].astype(dtype)
    out = out.sort_values(["doc_id", "value_start"], kind="stable").reset_index(drop=True)
    return out[[c for c in list(TARGET_COLUMNS) + list(EXTRA_COLUMNS) if c in out.columns]]


def build_assessments(result: BuildResult, params: AnalysisParams = DEFAULT_PARAMS) -> BuildResult:
    """Add the tidy history, its conflicts, the assessments and the calibration table to ``result``."""
    history = load_history(targets=result.targets)
    chosen, conflicts = resolve_conflicts(history, params.conflict_rel_tol, params.conflict_pct_tol)
    table, skipped = assessment_table(result.targets, chosen, params=params)
    calibration = calibration_table(table)
    n_targets = int((result.targets["kind"] == "target").sum())
    result.history, result.conflicts, result.assessments = history, conflicts, table
    result.skipped, result.calibration = skipped, calibration
    result.summary.update({
        "history_rows": int(len(history)),
        "history_series": int(len(chosen[["region", "indicator", "measure"]].drop_duplicates())),
        "history_conflicting_keys": int(len(conflicts.drop_duplicates(["region", "indicator", "year", "measure"]))),
        "inflation_assumption_pct": round(
            default_inflation_pct(years=params.inflation_years) if params.inflation_pct is None else float(params.inflation_pct), 5),
        "targets": n_targets,
        "targets_assessed": int(len(table)),
        "targets_without_history": int(len(skipped)),
        "targets_without_history_by_reason": {k: int(v) for k, v in skipped["reason"].value_counts().sort_index().items()},
        "assessments_by_status": {k: int(v) for k, v in table["status"].value_counts().sort_index().items()},
        "assessments_by_model": {(k or "none"): int(v) for k, v in table["model"].value_counts().sort_index().items()},
        "calibration": brier(calibration),
        "parameters": params.to_dict(),
    })
    p = paths()
    result.summary["inputs"] = list(result.summary.get("inputs", [])) + [
        str(f) for f in (p.history_csv, p.shenyang_panel_csv, p.cpi_csv, p.breaks_csv, p.panel_cagr_csv)]
    return result


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def input_files(names: list[str]) -> list[dict[str, str]]:
    """Each input file with its path (relative to the project root where it lies inside) and sha256."""
    root = paths().root
    out = []
    for name in names:
        path = Path(name)
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        out.append({"path": str(shown), "sha256": _sha256(path)})
    return out


def run_build(out_dir: Path | None = None, params: AnalysisParams = DEFAULT_PARAMS, **kwargs: Path) -> BuildResult:
    """Build everything in memory, then write the outputs (:data:`OUTPUT_NAMES`) to ``out_dir``
    (default ``data/processed``); ``kwargs`` are :func:`build_targets`' paths."""
    result = build_assessments(build_targets(**kwargs), params)
    result.summary["inputs"] = input_files(list(result.summary["inputs"]))
    out_dir = Path(out_dir) if out_dir is not None else paths().processed_dir
    outputs = [out_dir / name for name in OUTPUT_NAMES]
    targets_csv, targets_pq, history_csv, conflicts_csv, assessments_csv, calibration_csv, summary_path = outputs
    write_csv(to_csv_frame(result.targets), targets_csv)
    write_parquet(result.targets, targets_pq)
    write_csv(to_csv_frame(result.history), history_csv)
    write_csv(to_csv_frame(result.conflicts), conflicts_csv)
    write_csv(to_csv_frame(result.assessments), assessments_csv)
    write_csv(to_csv_frame(result.calibration), calibration_csv)
    write_text(summary_path, json.dumps(result.summary, ensure_ascii=False, indent=2) + "\n")
    result.outputs = outputs
    return result
