"""The history table's schema: types, allowed words and the rules across columns.

:func:`validate_history` raises :class:`~shenyang_analysis.table.schema.TableError` naming the
rows (region, indicator, year, origin) and the rules they break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..table.schema import HISTORY_COLUMNS, TableError, schema_failure
from ..vocab import FIGURE_BOUNDS, HISTORY_ORIGINS, HISTORY_STATUSES, INDICATOR_ID, MEASURES, SLUG, UNITS

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = ["history_schema", "validate_history"]


def _measure_unit_ok(df: pd.DataFrame) -> pd.Series:
    return (
        ((df["measure"] == "growth") & df["unit"].isin(["percent", "percentage_point"]))
        | ((df["measure"] == "share") & (df["unit"] == "percent"))
        | (df["measure"] == "level")
    )


def _one_unit_per_series(df: pd.DataFrame) -> pd.Series:
    return df.groupby(["region", "indicator", "measure"])["unit"].transform("nunique") == 1


def _document_status_ok(df: pd.DataFrame) -> pd.Series:
    return (df["status"] != "document") | (df["origin"] == "document")


def _lower_flag_ok(df: pd.DataFrame) -> pd.Series:
    return df["is_lower_bound"] == (df["bound"] == "lower")


def history_schema() -> pa.DataFrameSchema:
    """The pandera schema of the history table."""
    import pandera.pandas as pa

    s = pa.Column
    return pa.DataFrameSchema(
        {
            "region": s("string", pa.Check.str_matches(SLUG.pattern)),
            "indicator": s("string", [
                pa.Check.str_matches(INDICATOR_ID.pattern),
                pa.Check(lambda v: ~v.str.endswith("_target"), name="not a _target indicator"),
            ]),
            "year": s("int64", pa.Check.in_range(1949, 2100)),
            "value": s("float64", pa.Check(lambda v: pd.Series(np.isfinite(v.to_numpy(float)), index=v.index), name="finite value")),
            "unit": s("string", pa.Check.isin(list(UNITS))),
            "measure": s("string", pa.Check.isin(list(MEASURES))),
            "source": s("string", pa.Check.str_length(min_value=1)),
            "source_detail": s("string", nullable=True),
            "status": s("string", pa.Check.isin(list(HISTORY_STATUSES))),
            "bound": s("string", pa.Check.isin(list(FIGURE_BOUNDS))),
            "is_lower_bound": s("bool"),
            "is_preliminary": s("bool"),
            "is_estimate": s("bool"),
            "origin": s("string", pa.Check.isin(list(HISTORY_ORIGINS))),
        },
        checks=[
            pa.Check(_measure_unit_ok, name="growth in percent (or percentage_point), share in percent"),
            pa.Check(_one_unit_per_series, name="one unit per region/indicator/measure"),
            pa.Check(_document_status_ok, name="status 'document' only for origin 'document'"),
            pa.Check(_lower_flag_ok, name="is_lower_bound exactly when bound is 'lower'"),
        ],
        strict=True,
        ordered=False,
    )


def validate_history(df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against :func:`history_schema`; raise :class:`TableError` naming rows and rules.

    >>> from shenyang_analysis.history.sources import load_history
    >>> bad = load_history(documents=False).head(2).assign(measure=["level", "speed"])
    >>> validate_history(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    shenyang_analysis.table.schema.TableError: history table breaks its schema:
      row 1 (shenyang 5g_base_stations 2022, history_file): rule growth in percent (or percentage_point), share in percent fails
      row 1 (shenyang 5g_base_stations 2022, history_file): column measure: rule isin(...) fails (value 'speed')
    """
    missing = [c for c in HISTORY_COLUMNS if c not in df.columns]
    if missing:
        raise TableError(f"history table: missing column(s) {', '.join(missing)}")
    import pandera.pandas as pa

    flat = df.reset_index(drop=True)
    try:
        history_schema().validate(flat, lazy=True)
    except pa.errors.SchemaErrors as exc:
        def label(i: int) -> str:
            r = flat.iloc[i]
            return f"row {i} ({r['region']} {r['indicator']} {r['year']}, {r['origin']})"

        raise schema_failure(exc, "history table", label, len(flat)) from None
    return df
