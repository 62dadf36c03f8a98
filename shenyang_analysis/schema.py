"""The target table's contract: its columns, their types and the rules every row obeys.

Other parts of the project and outside tools read these columns, so the schema is checked
whenever the table is built. :func:`validate_targets` raises :class:`TableError` naming the
row (its ``target_id``) and the rule it breaks.

>>> list(TARGET_COLUMNS)[:4]
['target_id', 'doc_id', 'region', 'level']
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

__all__ = ["TARGET_COLUMNS", "EXTRA_COLUMNS", "TableError", "schema_failure", "target_schema", "validate_targets", "empty_targets"]

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
}

KINDS = ["target", "observation"]
COMPARATORS = [">=", "<=", "~", "=="]
ORIGINS = ["extracted", "curated"]
LEVELS = ["city", "district", "province", "county", "national"]
UNITS = [
    "yuan", "usd", "percent", "percentage_point", "count", "mu", "jin", "ton", "kw", "kwh", "kv",
    "sqm", "sqkm", "km", "m", "cubic_m", "hectare", "day", "hour", "workday", "pflops", "times", "ug_m3",
]


class TableError(ValueError):
    """A table that breaks its contract; the message names the row and the rule."""


def empty_targets() -> pd.DataFrame:
    """An empty target table with the contract's columns and dtypes."""
    cols = {**TARGET_COLUMNS, **EXTRA_COLUMNS}
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})


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
    s = pa.Column
    return pa.DataFrameSchema(
        {
            "target_id": s("string", unique=True, nullable=False),
            "doc_id": s("string", pa.Check.str_length(min_value=1)),
            "region": s("string", pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
            "level": s("string", pa.Check.isin(LEVELS)),
            "kind": s("string", pa.Check.isin(KINDS)),
            "indicator": s("string", pa.Check.str_matches(r"^[a-z0-9][a-z0-9_]*$"), nullable=True),
            "indicator_zh": s("string", nullable=True),
            "category": s("string", nullable=True),
            "comparator": s("string", pa.Check.isin(COMPARATORS)),
            "value": s("float64", pa.Check(lambda v: v.notna() & (v.abs() < 1e16), element_wise=False, name="finite value")),
            "unit": s("string", pa.Check.isin(UNITS)),
            "value_raw": s("string", pa.Check.str_length(min_value=1)),
            "unit_raw": s("string", nullable=True),
            "range_high": s("float64", nullable=True),
            "year": s("Int64", pa.Check.in_range(1949, 2100), nullable=True),
            "is_growth_rate": s("bool"),
            "is_cumulative": s("bool"),
            "quote": s("string", pa.Check.str_length(min_value=1)),
            "char_start": s("int64", pa.Check.ge(0)),
            "char_end": s("int64", pa.Check.gt(0)),
            "origin": s("string", pa.Check.isin(ORIGINS)),
            "is_per_year": s("bool", required=False),
            "is_change": s("bool", required=False),
            "value_start": s("int64", required=False),
            "value_end": s("int64", required=False),
            "note": s("string", nullable=True, required=False),
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
