"""The assessment table's schema: every contract column, in order, and the rules across them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..table.schema import ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS, schema_failure
from ..vocab import BASES, COMPARATORS, NO_STATUS_REASONS, OUTCOMES, PROGRESS_CLASSES, STATUSES

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = ["assessment_schema", "validate_assessments"]


def _bounds_ordered(df: pd.DataFrame) -> pd.Series:
    cols = ["lower95", "lower80", "projection", "upper80", "upper95"]
    present = df[cols].notna().all(axis=1)
    v = df[cols].to_numpy(dtype=float)
    tol = 1e-9 * np.maximum(1.0, np.abs(v).max(axis=1, initial=0.0))
    ordered = np.all(np.diff(v, axis=1) >= -tol[:, None], axis=1)
    none = df[cols].isna().all(axis=1)
    return pd.Series(np.where(present, ordered, none), index=df.index)


def _model_iff_projection(df: pd.DataFrame) -> pd.Series:
    return (df["model"] != "") == (df["projection"].notna() | (df["basis"] == "past targets"))


def _range_around_probability(df: pd.DataFrame) -> pd.Series:
    lo, p, hi = df["prob_meet_low"], df["prob_meet"], df["prob_meet_high"]
    both = lo.notna() & hi.notna()
    inside = (lo <= p + 1e-12) & (p <= hi + 1e-12) & (df["basis"] == "past targets")
    return (both & inside) | (lo.isna() & hi.isna())


def _calibrated_rows_say_why(df: pd.DataFrame) -> pd.Series:
    calibrated = df["basis"] == "past targets"
    return ~calibrated | ((df["probability_basis"] != "") & (df["calibration_evidence"] != "") & df["prob_meet"].notna())


def _reason_iff_no_status(df: pd.DataFrame) -> pd.Series:
    return (df["status_reason"] != "") == (df["status"] == "insufficient data")


def _settled_status(df: pd.DataFrame) -> pd.Series:
    settled = {"met": "achieved", "likely met": "likely achieved", "missed": "missed", "likely missed": "likely missed"}
    want = df["outcome"].map(settled)
    return want.isna() | (want == df["status"])


def assessment_schema() -> pa.DataFrameSchema:
    """Types and rules of the assessment table (every contract column present, in order)."""
    import pandera.pandas as pa

    cols: dict[str, pa.Column] = {c: pa.Column(d, nullable=True) for c, d in {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}.items()}
    cols["target_id"] = pa.Column("string", unique=True)
    cols["status"] = pa.Column("string", pa.Check.isin(list(STATUSES)))
    cols["progress_class"] = pa.Column("string", pa.Check.isin(list(PROGRESS_CLASSES)))
    cols["outcome"] = pa.Column("string", pa.Check.isin(list(OUTCOMES)))
    cols["comparator"] = pa.Column("string", pa.Check.isin(list(COMPARATORS)))
    cols["judged_as"] = pa.Column("string", pa.Check.isin(list(COMPARATORS)))
    cols["basis"] = pa.Column("string", pa.Check.isin(list(BASES)))
    cols["status_reason"] = pa.Column("string", pa.Check.isin(list(NO_STATUS_REASONS) + [""]))
    cols["prob_meet_alt"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["prob_meet"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["document_prob_meet"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["prob_meet_low"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["prob_meet_high"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["n_obs"] = pa.Column("int64", pa.Check.ge(0))
    return pa.DataFrameSchema(
        cols, strict=True, ordered=True,
        checks=[
            pa.Check(_bounds_ordered, error="lower95 <= lower80 <= projection <= upper80 <= upper95, all or none"),
            pa.Check(_model_iff_projection, error="a model is named exactly when there is a projection or a calibrated probability"),
            pa.Check(_range_around_probability,
                     error="prob_meet_low <= prob_meet <= prob_meet_high, both or neither, only for a calibrated probability"),
            pa.Check(_calibrated_rows_say_why, error="a calibrated probability states its basis and calibration evidence"),
            pa.Check(_reason_iff_no_status, error="a status_reason exactly when the status is insufficient data"),
            pa.Check(_settled_status, error="a settled outcome gives its status (met: achieved, missed: missed, …)"),
        ],
    )


def validate_assessments(df: pd.DataFrame) -> pd.DataFrame:
    """Check the assessment table; a violation raises TableError naming the target_id and rule."""
    import pandera.pandas as pa

    try:
        return assessment_schema().validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        ids = df["target_id"].astype(str).to_list() if "target_id" in df.columns else []
        label = (lambda i: f"target_id {ids[i]}") if ids else (lambda i: f"row {i}")
        raise schema_failure(exc, "the assessment table", label, len(df)) from None
