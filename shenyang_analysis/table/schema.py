"""The tables' contracts in one field registry, and the target table's rules.

Every table the build writes has its columns (name → dtype) declared here and nowhere else:
the target table (:data:`TARGET_COLUMNS`, then :data:`EXTRA_COLUMNS`), the history
(:data:`HISTORY_COLUMNS`) and the assessments (:data:`ASSESSMENT_COLUMNS`, then
:data:`ASSESSMENT_EXTRA_COLUMNS`). Other parts of the project and outside tools read these
columns, so each table is checked against its schema whenever it is built; a violation
raises :class:`TableError` naming the row and the rule it breaks (:func:`schema_failure`).
The history's and the assessments' pandera schemas live with the stage that makes them
(:mod:`shenyang_analysis.history.schema`, :mod:`shenyang_analysis.model.schema`).

>>> list(TARGET_COLUMNS)[:4]
['target_id', 'doc_id', 'region', 'level']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from ..vocab import COMPARATORS, INDICATOR_ID, KINDS, LEVELS, ROW_ORIGINS, SLUG, UNITS

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = [
    "TARGET_COLUMNS", "EXTRA_COLUMNS", "HISTORY_COLUMNS", "ASSESSMENT_COLUMNS", "ASSESSMENT_EXTRA_COLUMNS",
    "TableError", "schema_failure", "target_schema", "validate_targets", "empty_targets", "empty_frame",
]

TARGET_COLUMNS: dict[str, str] = {
    "target_id": "string",
    "doc_id": "string",
    "region": "string",
    "level": "string",
    "kind": "string",
    "indicator": "string",
    "indicator_zh": "string",
    "category": "string",
    "comparator": "string",
    "value": "float64",
    "unit": "string",
    "value_raw": "string",
    "unit_raw": "string",
    "range_high": "float64",
    "year": "Int64",
    "is_growth_rate": "bool",
    "is_cumulative": "bool",
    "quote": "string",
    "char_start": "int64",
    "char_end": "int64",
    "origin": "string",
}
# columns after the contract ones: useful, but not part of the contract
EXTRA_COLUMNS: dict[str, str] = {
    "is_per_year": "bool",
    "is_change": "bool",
    "value_start": "int64",
    "value_end": "int64",
    "note": "string",
    "kind_rule": "string",  # the rule that decided the kind: genre, section or sentence (extract/statements.py)
    "base_year": "Int64",  # a change written against a base year (比2020年下降15%): that year
}

HISTORY_COLUMNS: dict[str, str] = {
    "region": "string",
    "indicator": "string",
    "year": "int64",
    "value": "float64",
    "unit": "string",
    "measure": "string",
    "source": "string",
    "source_detail": "string",
    "status": "string",
    "bound": "string",
    "is_lower_bound": "bool",
    "is_preliminary": "bool",
    "is_estimate": "bool",
    "origin": "string",
}

# the contract of data/processed/assessments.csv: name → dtype
ASSESSMENT_COLUMNS: dict[str, str] = {
    "target_id": "string", "region": "string", "indicator": "string", "year": "int64", "comparator": "string",
    "target_value": "float64", "unit": "string", "baseline_year": "Int64", "baseline_value": "float64",
    "required_growth": "float64", "historical_growth": "float64", "growth_ratio": "float64",
    "progress_class": "string", "model": "string", "projection": "float64", "lower80": "float64",
    "upper80": "float64", "lower95": "float64", "upper95": "float64", "prob_meet": "float64",
    "status": "string", "n_obs": "int64", "outcome": "string",
}
ASSESSMENT_EXTRA_COLUMNS: dict[str, str] = {
    "doc_id": "string", "indicator_zh": "string", "category": "string", "measure": "string",
    "growth_unit": "string", "target_high": "float64", "view": "string", "data_until": "Int64",
    "baseline_status": "string", "outcome_value": "float64", "outcome_basis": "string",
    "outside_share_all": "float64", "outside_share_recent": "float64", "outside_percentile": "float64",
    "document_published": "string", "document_baseline_year": "Int64", "document_model": "string",
    "document_prob_meet": "float64", "document_status": "string", "quote": "string", "note": "string",
    "judged_as": "string", "judged_value": "float64", "judged_unit": "string", "base_year": "Int64",
    "baseline_bound": "string", "basis": "string", "prob_meet_alt": "float64", "alt_basis": "string",
    "reference_class": "string", "outcome_chain": "string", "outside_share_northeast": "float64",
    "status_reason": "string", "data_needed": "string", "duplicate_ids": "string", "price_assumption": "string",
    "price_sensitivity": "string", "price_sensitive": "bool", "document_basis": "string", "basis_range": "string",
    # a growth-rate target's probability (model/growth_targets.py): the calibrated model's range over the
    # year shock (a bad year, a good one), what the probability rests on, the rolling test's evidence
    "prob_meet_low": "float64", "prob_meet_high": "float64", "probability_basis": "string",
    "calibration_evidence": "string",
}


class TableError(ValueError):
    """A table that breaks its contract; the message names the row and the rule."""


def empty_frame(columns: dict[str, str]) -> pd.DataFrame:
    """An empty table with these columns and dtypes.

    >>> empty_frame({"a": "string", "b": "int64"}).dtypes.astype(str).to_dict()
    {'a': 'string', 'b': 'int64'}
    """
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


def empty_targets() -> pd.DataFrame:
    """An empty target table with the contract's columns and dtypes."""
    return empty_frame({**TARGET_COLUMNS, **EXTRA_COLUMNS})


def _range_ok(df: pd.DataFrame) -> pd.Series:
    return df["range_high"].isna() | (df["range_high"] >= df["value"])


def _span_ok(df: pd.DataFrame) -> pd.Series:
    return (df["char_start"] >= 0) & (df["char_end"] > df["char_start"]) & (
        df["quote"].str.len() == df["char_end"] - df["char_start"]
    )


def _quote_has_number(df: pd.DataFrame) -> pd.Series:
    return df["quote"].str.contains(r"[0-9０-９〇零一二三四五六七八九十百千万亿两]", regex=True)


def target_schema() -> pa.DataFrameSchema:
    """The pandera schema of the target table."""
    import pandera.pandas as pa

    s = pa.Column
    return pa.DataFrameSchema(
        {
            "target_id": s("string", unique=True, nullable=False),
            "doc_id": s("string", pa.Check.str_length(min_value=1)),
            "region": s("string", pa.Check.str_matches(SLUG.pattern)),
            "level": s("string", pa.Check.isin(list(LEVELS))),
            "kind": s("string", pa.Check.isin(list(KINDS))),
            "indicator": s("string", pa.Check.str_matches(INDICATOR_ID.pattern), nullable=True),
            "indicator_zh": s("string", nullable=True),
            "category": s("string", nullable=True),
            "comparator": s("string", pa.Check.isin(list(COMPARATORS))),
            "value": s("float64", pa.Check(lambda v: v.notna() & (v.abs() < 1e16), element_wise=False, name="finite value")),
            "unit": s("string", pa.Check.isin(list(UNITS))),
            "value_raw": s("string", pa.Check.str_length(min_value=1)),
            "unit_raw": s("string", nullable=True),
            "range_high": s("float64", nullable=True),
            "year": s("Int64", pa.Check.in_range(1949, 2100), nullable=True),
            "is_growth_rate": s("bool"),
            "is_cumulative": s("bool"),
            "quote": s("string", pa.Check.str_length(min_value=1)),
            "char_start": s("int64", pa.Check.ge(0)),
            "char_end": s("int64", pa.Check.gt(0)),
            "origin": s("string", pa.Check.isin(list(ROW_ORIGINS))),
            "is_per_year": s("bool", required=False),
            "is_change": s("bool", required=False),
            "value_start": s("int64", required=False),
            "value_end": s("int64", required=False),
            "note": s("string", nullable=True, required=False),
            "kind_rule": s("string", nullable=True, required=False),
            "base_year": s("Int64", pa.Check.in_range(1949, 2100), nullable=True, required=False),
        },
        checks=[
            pa.Check(_range_ok, name="range_high >= value"),
            pa.Check(_span_ok, name="quote length == char_end - char_start"),
            pa.Check(_quote_has_number, name="quote holds a number"),
        ],
        strict=True,
        ordered=False,
    )


def schema_failure(
    exc: pa.errors.SchemaErrors, table: str, label: Callable[[int], str], n_rows: int, limit: int = 20
) -> TableError:
    """A :class:`TableError` listing pandera's failure cases by row (``label(i)``) and rule.

    A rule across columns names the row once; a column rule also names the column and value.
    """
    lines: list[str] = []
    for _, fc in exc.failure_cases.iterrows():
        idx = fc["index"]
        who = label(int(idx)) if pd.notna(idx) and 0 <= int(idx) < n_rows else "(table)"
        if fc["schema_context"] == "DataFrameSchema":
            line = f"{who}: rule {fc['check']!s} fails"
        else:
            line = f"{who}: column {fc['column']}: rule {fc['check']!s} fails (value {fc['failure_case']!r})"
        if line not in lines:
            lines.append(line)
    more = len(lines) - limit
    shown = "\n  ".join(lines[:limit]) + (f"\n  … and {more} more" if more > 0 else "")
    return TableError(f"{table} breaks its schema:\n  {shown}")


def validate_targets(df: pd.DataFrame, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Check ``df`` against the contract; with ``texts`` also that each quote is the document text.

    Raises :class:`TableError` listing every failing row by ``target_id`` and the rule.

    >>> validate_targets(empty_targets()).shape[0]
    0
    """
    missing = [c for c in TARGET_COLUMNS if c not in df.columns]
    if missing:
        raise TableError(f"target table: missing column(s) {', '.join(missing)}")
    import pandera.pandas as pa

    try:
        target_schema().validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise schema_failure(exc, "target table", lambda i: f"row {df['target_id'].iloc[i]}", len(df)) from None
    if texts is not None:
        bad = []
        for row in df.itertuples(index=False):
            text = texts.get(row.doc_id)
            if text is None:
                bad.append(f"row {row.target_id}: doc_id {row.doc_id!r} is not a known document")
            elif text[row.char_start:row.char_end] != row.quote:
                bad.append(f"row {row.target_id}: rule quote == document text[{row.char_start}:{row.char_end}] fails")
        if bad:
            raise TableError("target table breaks its schema:\n  " + "\n  ".join(bad[:20]))
    return df
