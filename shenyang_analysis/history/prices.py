"""Prices: Liaoning's CPI, the default inflation assumption, deflators, real → nominal growth.

>>> round(deflator(2019, 2021), 6)
1.035264
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, paths
from .csvrows import csv_rows, parse_decimal, parse_year

__all__ = ["load_cpi", "default_inflation_pct", "deflator", "nominal_from_real"]


def load_cpi(path: str | Path | None = None) -> pd.Series:
    """Liaoning's CPI (previous year = 100) by year, from ``data/raw/history/liaoning_cpi.csv``.

    >>> float(load_cpi().loc[2021])
    101.1
    """
    path = Path(path) if path is not None else paths().cpi_csv
    data = {}
    for line, raw in csv_rows(path, ("year", "cpi_prev_year_100")):
        where = f"{path}: line {line}"
        data[parse_year(raw["year"], where)] = float(parse_decimal(raw["cpi_prev_year_100"], where, "cpi_prev_year_100"))
    s = pd.Series(data, dtype="float64", name="cpi_prev_year_100").sort_index()
    s.index = pd.Index(s.index.astype("int64"), name="year")
    return s


def _cpi(cpi: pd.Series | Mapping[int, float] | None) -> pd.Series:
    s = load_cpi() if cpi is None else pd.Series(cpi, dtype="float64")
    s.index = s.index.astype(int)
    return s.dropna().sort_index()


def default_inflation_pct(cpi: pd.Series | Mapping[int, float] | None = None, years: int = DEFAULT_PARAMS.inflation_years) -> float:
    """The default inflation assumption: mean CPI inflation (%) over the last ``years`` years available.

    With ``liaoning_cpi.csv`` (Liaoning 2017-2021: 101.3574, 102.4902, 102.3641, 102.4, 101.1)
    this is (1.3574 + 2.4902 + 2.3641 + 2.4 + 1.1) / 5 = 1.94234 % a year.

    >>> round(default_inflation_pct(), 5)
    1.94234
    """
    s = _cpi(cpi)
    if len(s) < years:
        raise ValueError(f"default_inflation_pct: need {years} years of CPI, have {len(s)}")
    return float((s.iloc[-years:] - 100).mean())


def deflator(
    start_year: int, end_year: int, cpi: pd.Series | Mapping[int, float] | None = None, inflation_pct: float | None = None
) -> float:
    """Price level of ``end_year`` relative to ``start_year``: the product of CPI/100 for the years after start.

    Years after the last CPI year use ``inflation_pct`` (default :func:`default_inflation_pct`,
    1.94234 % with the committed Liaoning CPI); a missing year inside the CPI's range, or a
    year before it, is an error. ``end_year < start_year`` gives the reciprocal.

    >>> round(deflator(2019, 2021), 6)
    1.035264
    >>> round(deflator(2021, 2023, inflation_pct=2.0), 4), deflator(2020, 2020)
    (1.0404, 1.0)
    """
    if end_year < start_year:
        return 1.0 / deflator(end_year, start_year, cpi, inflation_pct)
    s = _cpi(cpi)
    last = int(s.index.max())
    factor = 1.0
    for y in range(int(start_year) + 1, int(end_year) + 1):
        if y in s.index:
            factor *= float(s.loc[y]) / 100
        elif y > last:
            rate = default_inflation_pct(s) if inflation_pct is None else float(inflation_pct)
            factor *= 1 + rate / 100
        else:
            raise ValueError(f"deflator: no CPI for {y} (CPI covers {int(s.index.min())}-{last} with gaps)")
    return factor


def nominal_from_real(
    real_growth_pct: float | np.ndarray | pd.Series, inflation_pct: float | None = None
) -> float | np.ndarray | pd.Series:
    """Nominal growth (%) from real growth (%): (1 + real)(1 + inflation) − 1.

    ``inflation_pct`` defaults to :func:`default_inflation_pct` (1.94234 %: mean Liaoning CPI
    inflation 2017-2021). Works on numbers, arrays and Series.

    >>> round(nominal_from_real(5.0, 2.0), 10)
    7.1
    >>> round(nominal_from_real(5.5), 4)
    7.5492
    """
    rate = default_inflation_pct() if inflation_pct is None else float(inflation_pct)
    out = ((1 + np.asarray(real_growth_pct, dtype=float) / 100) * (1 + rate / 100) - 1) * 100
    if isinstance(real_growth_pct, pd.Series):
        res = pd.Series(out, index=real_growth_pct.index, name=real_growth_pct.name)
        res.attrs = {**real_growth_pct.attrs, "basis": "nominal (current prices)", "inflation_pct": rate}
        return res
    return float(out) if np.ndim(out) == 0 else out
