"""The build: ``data/raw/`` → ``data/processed/``, the stages in order.

0. **inputs** (:func:`check_inputs`): every raw input is checked before anything is computed:
   the manifest and exactly its documents, plain ids, text that decodes
   (:mod:`shenyang_analysis.io.documents`), the indicator catalog, the curation file (required
   unless ``curation=False``; read strictly) and every file of ``data/raw/history/`` (ranges per
   unit and measure, units, unique keys: :mod:`shenyang_analysis.table.raw_inputs`);
1. **extract** (:mod:`shenyang_analysis.extract`): find the statements in every document;
2. **table** (:mod:`shenyang_analysis.table`): match indicators, apply curation (its values
   checked against their ranges), check the target table's schema (a violation stops the
   build naming the row and the rule);
3. **history** (:mod:`shenyang_analysis.history`): the tidy history (history file, Shenyang's
   panel series, the documents' own past figures) and its conflicts;
4. **model** (:mod:`shenyang_analysis.model`): the assessment of every target with a
   history, and the calibration table.

Everything is computed in memory first; then ``targets.csv``, ``targets.parquet``,
``history.csv``, ``history_conflicts.csv``, ``assessments.csv``, ``calibration.csv`` and
``build_summary.json`` are written into a staging directory and switched in together, in one
step (:mod:`shenyang_analysis.io.builds`), holding the lock the report command shares
(:mod:`shenyang_analysis.io.locks`): a failed, interrupted or killed build leaves the previous
set whole, and readers never see a mix of two builds. The summary records the parameters
used (:class:`~shenyang_analysis.config.AnalysisParams`) and every input file with its
sha256 (the provenance of the run).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import DEFAULT_PARAMS, AnalysisParams, paths
from .history.conflicts import resolve_conflicts
from .history.prices import latest_change, price_table
from .history.series import load_breaks
from .history.sources import (
    FILE_MEASURES, UNIT_CONVERSIONS, UNIT_FACTORS, UNREPRESENTABLE_UNITS, history_targets, left_out_rows, load_history,
)
from .io.atomic import write_csv, write_parquet, write_text
from .io.builds import prepare, staged_build
from .io.digest import file_sha256
from .io.documents import Document, load_corpus
from .model.assessments import assessment_table, history_target_rows
from .model.context import catalog_info
from .model.calibration import brier, calibration_table
from .table.catalog import load_catalog
from .table.curation import CURATION_COLUMNS, apply_curation, load_curation
from .table.raw_inputs import HistoryUnits, catalog_units, check_curated_values, check_history_dir
from .table.schema import EXTRA_COLUMNS, TARGET_COLUMNS, validate_targets
from .table.targets import attach_indicators, corpus_table, targets_without_indicator
from .vocab import DATA_BACKED_STATUSES

__all__ = ["BuildResult", "Inputs", "check_inputs", "build_targets", "build_assessments", "run_build", "input_files"]

#: How the history files write units and measures (the history stage's own tables).
HISTORY_UNITS = HistoryUnits(UNIT_FACTORS, FILE_MEASURES, UNIT_CONVERSIONS, UNREPRESENTABLE_UNITS)

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


@dataclass
class Inputs:
    """The raw inputs of a build, read and checked (:func:`check_inputs`)."""

    documents: list[Document]
    catalog: pd.DataFrame
    curation: pd.DataFrame
    files: list[Path]


def check_inputs(
    documents_dir: Path | None = None,
    indicators_csv: Path | None = None,
    curation_csv: Path | None = None,
    curation: bool = True,
    history_dir: Path | None = None,
) -> Inputs:
    """Read and check every raw input before the build uses any (module doc, stage 0); paths
    default to the project's. ``curation=False`` builds without hand corrections (the file is
    then neither required nor read)."""
    p = paths()
    documents_dir = documents_dir or p.documents_dir
    indicators_csv = indicators_csv or p.indicators_csv
    curation_csv = curation_csv or p.curation_csv
    docs = load_corpus(documents_dir)
    catalog = load_catalog(indicators_csv)
    lines = load_curation(curation_csv) if curation else pd.DataFrame(columns=CURATION_COLUMNS + ["line", "source"])
    history = check_history_dir(history_dir or p.history_dir, catalog_units(catalog), HISTORY_UNITS)
    files = [documents_dir / "MANIFEST.csv", *(d.path for d in docs if d.path), indicators_csv]
    files += [curation_csv] if curation else []
    return Inputs(docs, catalog, lines, files + history)


def build_targets(
    documents_dir: Path | None = None,
    indicators_csv: Path | None = None,
    curation_csv: Path | None = None,
    curation: bool = True,
) -> BuildResult:
    """Build the target table in memory (no files written); paths default to the project's.

    ``curation=False``: without the hand corrections of ``curation.csv`` (recorded in the summary).
    """
    inputs = check_inputs(documents_dir, indicators_csv, curation_csv, curation)
    docs, catalog, lines = inputs.documents, inputs.catalog, inputs.curation
    texts = {d.doc_id: d.text for d in docs}
    table, changed = apply_curation(corpus_table(docs, catalog), lines, texts)
    # curated rows without an explicit indicator are matched like extracted ones
    need = table["indicator"].isna() & (table["origin"] == "curated")
    if need.any():
        table.loc[need, ["indicator", "category"]] = attach_indicators(table.loc[need], catalog)[["indicator", "category"]]
    unknown = sorted(set(table["indicator"].dropna()) - set(catalog["indicator"]))
    if unknown:
        raise ValueError(f"{curation_csv or paths().curation_csv}: indicator id(s) {unknown} are not in the indicator catalog")
    check_curated_values(table, lines, catalog_units(catalog))
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
        "curation_applied": bool(curation),
        "curation_lines": int(len(lines)),
        "rows_changed_by_curation": int(changed),
        "indicators_in_catalog": int(len(catalog)),
    }
    summary["inputs"] = [str(f) for f in inputs.files]
    return BuildResult(targets=table, summary=summary)


def _typed_again(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col, dtype in {**TARGET_COLUMNS, **EXTRA_COLUMNS}.items():
        if col in out.columns:
            out[col] = out[col].astype(dtype)
    out = out.sort_values(["doc_id", "value_start"], kind="stable").reset_index(drop=True)
    return out[[c for c in list(TARGET_COLUMNS) + list(EXTRA_COLUMNS) if c in out.columns]]


def _coverage(targets: pd.DataFrame, table: pd.DataFrame, reasons: pd.DataFrame) -> dict[str, object]:
    """The coverage lines of the summary: every target with a status or a reason, counted."""
    unjudged = {"indicator not in the catalog", "no target year", "absolute change, not a level",
                "no history for this region and indicator", "history in another unit", "cumulative total over a period"}
    skipped = reasons[reasons["reason"].isin(unjudged)]
    n_dups = int(sum(len(x.split(";")) for x in table["duplicate_ids"] if x))
    backed = table[table["status"].isin(sorted(DATA_BACKED_STATUSES))]
    return {
        "targets": int((targets["kind"] == "target").sum()),
        "target_statements": int(len(table)),
        "targets_repeated": n_dups,
        "targets_with_data_backed_status": int(len(backed)),
        "targets_without_status": int(len(reasons)),
        "targets_without_status_by_reason": {k: int(v) for k, v in reasons["reason"].value_counts().sort_index().items()},
        "targets_assessed": int(len(table) - len(skipped)),
        "targets_without_history": int(len(skipped)),
        "targets_without_history_by_reason": {k: int(v) for k, v in skipped["reason"].value_counts().sort_index().items()},
        "assessments_by_status": {k: int(v) for k, v in table["status"].value_counts().sort_index().items()},
        "assessments_by_outcome": {(k or "to come"): int(v) for k, v in table["outcome"].value_counts().sort_index().items()},
        "assessments_by_basis": {(k or "none"): int(v) for k, v in table["basis"].value_counts().sort_index().items()},
        "assessments_by_model": {(k or "none"): int(v) for k, v in table["model"].value_counts().sort_index().items()},
        "money_verdicts_changed_by_prices": sorted(table.loc[table["price_sensitive"], "target_id"].astype(str)),
        "growth_rate_targets": _growth_targets(table),
    }


def _growth_targets(table: pd.DataFrame) -> dict[str, object]:
    """The growth-rate targets by what gave their probability: the calibrated model (``past targets``),
    their own series' projection view, or nothing."""
    g = table[table["measure"] == "growth"]
    return {
        "targets": int(len(g)),
        "by_basis": {(k or "none"): int(v) for k, v in g["basis"].value_counts().sort_index().items()},
        "by_model": {(k or "none"): int(v) for k, v in g["model"].value_counts().sort_index().items()},
        "calibrated": sorted(g.loc[g["basis"] == "past targets", "target_id"].astype(str)),
    }


def build_assessments(result: BuildResult, params: AnalysisParams = DEFAULT_PARAMS) -> BuildResult:
    """Add the tidy history, its conflicts, the assessments and the calibration table to ``result``."""
    history = load_history(targets=result.targets)
    chosen, conflicts = resolve_conflicts(history, params.conflict_rel_tol, params.conflict_pct_tol)
    measures, _, categories = catalog_info()
    catalog = load_catalog()
    extra, extra_dates = history_target_rows(history_targets(), categories, dict(zip(catalog["indicator"], catalog["name_zh"])))
    table, reasons = assessment_table(result.targets, chosen, params=params, extra_targets=extra, extra_dates=extra_dates)
    calibration = calibration_table(table, params)
    prices = price_table(chosen, load_breaks())
    assumption = (f"{params.inflation_pct:+.2f}% a year (given)" if params.inflation_pct is not None
                  else "{:+.2f}% a year ({})".format(*latest_change("shenyang", prices)))
    result.history, result.conflicts, result.assessments = history, conflicts, table
    result.skipped, result.calibration = reasons, calibration
    result.summary.update({
        "history_rows": int(len(history)),
        "history_rows_by_origin": {k: int(v) for k, v in history["origin"].value_counts().sort_index().items()},
        "history_rows_left_out": left_out_rows(),
        "history_series": int(len(chosen[["region", "indicator", "measure"]].drop_duplicates())),
        "history_conflicting_keys": int(len(conflicts.drop_duplicates(["region", "indicator", "year", "measure"]))),
        "price_assumption": assumption,
        "inflation_assumption_pct": round(float(params.inflation_pct) if params.inflation_pct is not None
                                          else latest_change("shenyang", prices)[0], 5),
        "price_scenarios_pct": [float(x) for x in params.price_scenarios],
        **_coverage(result.targets, table, reasons),
        "calibration": brier(calibration),
        "parameters": params.to_dict(),
    })
    # the growth-target model and its rolling test's reliability table (data/derived/) are inputs too
    derived = (paths().target_model_json, paths().target_calibration_bins_csv)
    result.summary["inputs"] = [*result.summary.get("inputs", []), *(str(f) for f in derived if f.exists())]
    return result


def input_files(names: list[str]) -> list[dict[str, str]]:
    """Each input file with its path (relative to the project root where it lies inside) and sha256."""
    root = paths().root
    out = []
    for name in names:
        path = Path(name)
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        out.append({"path": str(shown), "sha256": file_sha256(path)})
    return out


def _write_outputs(result: BuildResult, directory: Path) -> None:
    """Write :data:`OUTPUT_NAMES` into ``directory`` (a staging directory)."""
    write_csv(result.targets, directory / "targets.csv")
    write_parquet(result.targets, directory / "targets.parquet")
    write_csv(result.history, directory / "history.csv")
    write_csv(result.conflicts, directory / "history_conflicts.csv")
    write_csv(result.assessments, directory / "assessments.csv")
    write_csv(result.calibration, directory / "calibration.csv")
    write_text(directory / "build_summary.json", json.dumps(result.summary, ensure_ascii=False, indent=2) + "\n")


def run_build(
    out_dir: Path | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
    curation: bool = True,
    message: Callable[[str], None] | None = None,
    **kwargs: Path,
) -> BuildResult:
    """Build everything in memory, then switch the outputs (:data:`OUTPUT_NAMES`) into ``out_dir``
    (default ``data/processed``) together (module doc); ``kwargs`` are :func:`build_targets`'
    paths. ``message`` gets a line when the build waits for a report run (default: stderr)."""
    out_dir = Path(out_dir) if out_dir is not None else paths().processed_dir
    prepare(out_dir, OUTPUT_NAMES)
    result = build_assessments(build_targets(curation=curation, **kwargs), params)
    result.summary["inputs"] = input_files(list(result.summary["inputs"]))
    with staged_build(out_dir, OUTPUT_NAMES, **({"message": message} if message else {})) as stage:
        _write_outputs(result, stage)
    result.outputs = [out_dir / name for name in OUTPUT_NAMES]
    return result
