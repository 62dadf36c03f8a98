"""Build ``data/processed/`` from ``data/raw/``: the target table and its summary.

Steps: read the corpus and its manifest → extract → match indicators → apply curation →
check the schema (a violation stops the build naming the row and the rule) → write
``targets.csv``, ``targets.parquet`` and ``build_summary.json``, each through a temporary
file renamed into place, so an interrupted or failed build leaves the previous outputs whole.
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

__all__ = ["BuildResult", "build_targets", "format_number", "to_csv_frame", "run_build"]


@dataclass
class BuildResult:
    """What a build produced, with the counts its summary reports."""

    targets: pd.DataFrame
    summary: dict[str, object] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)


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
    """The table as written to CSV: numbers in exact decimal text, booleans as true/false."""
    out = df.copy()
    for col in ("value", "range_high"):
        out[col] = [format_number(v) for v in out[col]]
    for col in out.columns:
        if out[col].dtype == bool:
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


def run_build(out_dir: Path = PROCESSED_DIR, **kwargs: Path) -> BuildResult:
    """Build and write ``targets.csv``, ``targets.parquet`` and ``build_summary.json`` to ``out_dir``."""
    result = build_targets(**kwargs)
    out_dir = Path(out_dir)
    csv_path, pq_path, summary_path = out_dir / "targets.csv", out_dir / "targets.parquet", out_dir / "build_summary.json"
    write_csv(to_csv_frame(result.targets), csv_path)
    write_parquet(result.targets, pq_path)
    write_text(summary_path, json.dumps(result.summary, ensure_ascii=False, indent=2) + "\n")
    result.outputs = [csv_path, pq_path, summary_path]
    return result
