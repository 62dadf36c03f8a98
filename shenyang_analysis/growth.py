"""Growth arithmetic, declared once: compound annual growth, compounding, points a year.

Used by the history (panel windows), the reference class and the feasibility measures, so
that every CAGR in the project is the same formula: ``100 · ((end / start) ** (1 / years) − 1)``.
Works on numbers and on numpy arrays.

>>> round(cagr(100.0, 121.0, 2), 10)
10.0
>>> round(compound(100.0, 10.0, 2), 10)
121.0
>>> points_per_year(3.2, 3.5, 5)
0.06
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np

__all__ = ["cagr", "compound", "points_per_year"]

Number = TypeVar("Number", float, np.ndarray)


def cagr(start: Number, end: Number, years: float | np.ndarray) -> Number:
    """Compound annual growth rate in percent a year from ``start`` to ``end`` over ``years``.

    Scalars must be positive (a ValueError names them); arrays are computed element-wise
    (non-positive entries give nan or inf, as numpy does).

    >>> cagr(0.0, 1.0, 1)
    Traceback (most recent call last):
    ValueError: a CAGR needs positive levels and years (got 0.0, 1.0, 1)
    """
    if np.ndim(start) == 0 and np.ndim(end) == 0 and np.ndim(years) == 0:
        if not (start > 0 and end > 0 and years > 0):
            raise ValueError(f"a CAGR needs positive levels and years (got {start}, {end}, {years})")
        return 100.0 * ((end / start) ** (1.0 / years) - 1.0)
    return 100.0 * ((np.asarray(end, float) / np.asarray(start, float)) ** (1.0 / np.asarray(years, float)) - 1.0)


def compound(start: Number, rate_pct: float, years: float) -> Number:
    """``start`` grown at ``rate_pct`` percent a year for ``years`` years."""
    return start * (1.0 + rate_pct / 100.0) ** years


def points_per_year(start: float, end: float, years: float) -> float:
    """Percentage points a year from ``start`` to ``end`` (rounded to 12 decimals against float noise)."""
    if years <= 0:
        raise ValueError(f"points a year need a positive span of years (got {years})")
    return round((end - start) / years, 12)
