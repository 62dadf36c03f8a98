"""What happened in the target year: met, missed, likely either way, undetermined or overdue.

:func:`settle` compares one figure with a target, respecting the figure's **bound** (a lower
bound 突破X settles a floor only when X reaches it; an upper bound 逼近X settles a floor as
missed when X is at or below it) and its **status** (only an observed figure, official or
preliminary or a document's own, gives ``met``/``missed``; an estimate, a derived or
interpolated figure or a secondary source gives ``likely met``/``likely missed``).
:func:`target_year_figure` finds the figure: the target year's own, else an interpolation
between the two nearest figures that bracket it (log-linear for levels, linear for shares,
at most ``AnalysisParams.max_interpolation_gap`` years apart), and says how it was made.
:func:`settle_growth` settles a growth-rate target the same way, with the one rule for "met"
of :func:`~shenyang_analysis.model.target_rule.growth_target_met` (beating 增长10% is never a
miss; 能耗下降15% is a ceiling on the change).

>>> settle(1.1e12, "upper", "official", 1.1e12, ">=")
'missed'
>>> settle_growth(12.0, "exact", "official", 10.0, "=="), settle_growth(-16.0, "exact", "estimate", -15.0, "==", False)
('met', 'likely met')
>>> settle(1.4e11, "exact", "derived", 1.5e11, ">="), settle(3.0e3, "lower", "official", 3.5e3, ">=")
('likely missed', 'undetermined')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..config import DEFAULT_PARAMS
from ..vocab import OBSERVED_STATUSES
from .feasibility import is_met
from .target_rule import growth_target_met, growth_target_threshold

__all__ = ["Figure", "settle", "settle_growth", "target_year_figure", "OUTCOME_STATUS"]

#: The status a settled outcome gives in the ``latest`` view.
OUTCOME_STATUS: dict[str, str] = {
    "met": "achieved", "likely met": "likely achieved", "likely missed": "likely missed", "missed": "missed",
}


@dataclass
class Figure:
    """The figure for the target year and how it was obtained."""

    value: float
    bound: str
    status: str
    how: str


def _settles(value: float, bound: str, target: float, comparator: str, high: float | None, tolerance: float,
             met: bool | None = None) -> bool | None:
    """True (met), False (missed) or None (the bound does not settle it); ``met``: the verdict on
    the figure itself when a rule other than :func:`is_met` gives it (growth-rate targets)."""
    if met is None:
        comp = "<=" if comparator == "<" else comparator
        met = is_met(value, target, comp, high, tolerance) if comparator != "<" else value < target
    if bound in ("exact", "about"):
        if bound == "about" and comparator in (">=", "<=", "<") and abs(value - target) <= tolerance * abs(target):
            return None  # about the target itself: either side
        return met
    if bound == "lower":  # the true value is at least this
        if comparator == ">=":
            return True if met else None
        if comparator in ("<=", "<"):
            return False if not met else None
        return False if value > (high if high is not None and math.isfinite(high) else target * (1 + tolerance)) else None
    # upper: the true value is at most (逼近: below) this
    if comparator == ">=":
        return False if value <= target else None
    if comparator in ("<=", "<"):
        return True if value <= target else None
    return False if value < target * (1 - tolerance) else None


def settle(value: float, bound: str, status: str, target: float, comparator: str, high: float | None = None,
           tolerance: float = DEFAULT_PARAMS.tolerance) -> str:
    """The outcome word for one figure: ``met``, ``missed``, ``likely met``, ``likely missed`` or ``undetermined``.

    >>> settle(3.6, "upper", "document", 3.8, "<="), settle(83.71e8, "exact", "secondary", 75e8, ">=")
    ('met', 'likely met')
    """
    return _word(_settles(float(value), bound, float(target), comparator, high, tolerance), status)


def _word(result: bool | None, status: str) -> str:
    if result is None:
        return "undetermined"
    word = "met" if result else "missed"
    return word if status in OBSERVED_STATUSES else f"likely {word}"


def settle_growth(value: float, bound: str, status: str, figure: float, comparator: str, higher_is_better: bool = True,
                  high: float | None = None, tolerance: float = DEFAULT_PARAMS.tolerance) -> str:
    """The outcome word for an observed rate against a growth-rate target (the figure and comparator
    as stated), by :func:`~shenyang_analysis.model.target_rule.growth_target_met`; a bound settles
    it only where it can, as in :func:`settle`.

    >>> settle_growth(6.9, "exact", "official", 7.0, "~"), settle_growth(5.0, "lower", "official", 5.5, ">=")
    ('met', 'undetermined')
    """
    threshold, direction = growth_target_threshold(figure, comparator, higher_is_better, high, tolerance)
    met = growth_target_met(value, figure, comparator, higher_is_better, high, tolerance)
    return _word(_settles(float(value), bound, threshold, direction, None, tolerance, met), status)


def target_year_figure(full: pd.Series, year: int, measure: str, max_gap: int = DEFAULT_PARAMS.max_interpolation_gap) -> Figure | None:
    """The figure for ``year`` in a series (``attrs`` status and bound by year), or an interpolation.

    Interpolation needs an exact (or about) figure on each side, at most ``max_gap`` years
    apart; the result is ``interpolated``.

    >>> s = pd.Series([2560.0, 4200.0], index=[2020, 2022])
    >>> s.attrs = {"status": {2020: "official", 2022: "estimate"}, "bound": {2020: "exact", 2022: "exact"}}
    >>> f = target_year_figure(s, 2021, "level")
    >>> round(f.value), f.status, f.how
    (3279, 'interpolated', 'interpolated log-linearly between 2020 (2,560) and 2022 (4,200)')
    """
    statuses, bounds = full.attrs.get("status", {}), full.attrs.get("bound", {})
    if year in full.index:
        return Figure(float(full.loc[year]), bounds.get(year, "exact"), statuses.get(year, ""), f"{year} figure ({statuses.get(year, '')})")
    usable = [int(y) for y in full.index if bounds.get(int(y), "exact") in ("exact", "about")]
    before = [y for y in usable if y < year]
    after = [y for y in usable if y > year]
    if not before or not after or after[0] - before[-1] > max_gap:
        return None
    y0, y1 = before[-1], after[0]
    v0, v1 = float(full.loc[y0]), float(full.loc[y1])
    w = (year - y0) / (y1 - y0)
    if measure in ("level",) and v0 > 0 and v1 > 0:
        value, how = v0 * (v1 / v0) ** w, "log-linearly"
    else:
        value, how = v0 + (v1 - v0) * w, "linearly"
    return Figure(value, "exact", "interpolated", f"interpolated {how} between {y0} ({v0:,.4g}) and {y1} ({v1:,.4g})")
