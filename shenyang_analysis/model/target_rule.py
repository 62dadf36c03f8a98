"""What "met" means for a growth-rate target: one rule for the model, the rolling test and the assessments.

A growth-rate target names the least progress wanted, in the indicator's good direction
(``higher_is_better`` in the indicator catalog):

* ``>=`` (以上, 不低于) is a floor and ``<=`` (以内, 控制在) a ceiling, as written;
* a bare figure (``==``, 增长7%) is the figure in the good direction: a floor for a growth rate,
  a ceiling for a fall (能耗下降15%, stored as −15: a change at or below −15 %); a range
  (``target_high``: 6–6.5 %) counts from its less demanding end in that direction;
* "about" (``~``, 左右, 约; also ``<``, 接近) allows a shortfall of ``tolerance`` × |figure| and no
  limit in the good direction: 6.9 % meets "7 % 左右", and so does 7.8 %. An overshoot of a
  growth target is never a miss (the two-sided band of ``~`` is for levels).

:func:`growth_target_threshold` gives the line and its direction, :func:`growth_target_met`
the verdict on an observed rate, :func:`growth_target_event` the event of the calibrated model
(``floor``: growth ≥ the figure, ``about``: growth ≥ the figure − tolerance × |figure|; ``None``
where the model does not apply: a ceiling or a fall).

>>> growth_target_met(6.9, 7.0, "~"), growth_target_met(7.8, 7.0, "~"), growth_target_met(6.9, 7.0, "==")
(True, True, False)
>>> growth_target_met(-16.0, -15.0, "==", higher_is_better=False), growth_target_met(-14.0, -15.0, "==", higher_is_better=False)
(True, False)
>>> growth_target_threshold(7.0, "~")
(6.86, '>=')
>>> growth_target_event(">="), growth_target_event("~"), growth_target_event("<=")
('floor', 'about', None)
"""

from __future__ import annotations

import math

from ..config import DEFAULT_PARAMS
from ..vocab import COMPARATORS, GROWTH_EVENTS

__all__ = ["ABOUT_COMPARATORS", "growth_target_threshold", "growth_target_met", "growth_target_event"]

#: comparators read as "about" for a growth-rate target: a shortfall of ``tolerance`` is allowed
ABOUT_COMPARATORS: tuple[str, ...] = ("~", "<")
#: rounding slack of a comparison: growth figures carry one or two decimals
_EPS = 1e-9


def _check(figure: float, comparator: str, target_high: float | None) -> tuple[float, float | None]:
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator {comparator!r} is not one of {', '.join(COMPARATORS)}")
    figure = float(figure)
    if not math.isfinite(figure):
        raise ValueError(f"a growth-rate target must be a finite figure, got {figure}")
    high = None if target_high is None or (isinstance(target_high, float) and math.isnan(target_high)) else float(target_high)
    if high is not None and (not math.isfinite(high) or comparator != "=="):
        raise ValueError(f"a range ({figure} to {target_high}) needs the bare comparator '==' and finite ends")
    return figure, high


def growth_target_threshold(figure: float, comparator: str, higher_is_better: bool = True,
                            target_high: float | None = None, tolerance: float = DEFAULT_PARAMS.tolerance
                            ) -> tuple[float, str]:
    """(threshold, direction): the target is met when the rate is ``>=`` or ``<=`` the threshold.

    >>> growth_target_threshold(6.0, "==", target_high=6.5), growth_target_threshold(-3.0, "==", False, -4.0)
    ((6.0, '>='), (-3.0, '<='))
    >>> growth_target_threshold(3.0, "<="), growth_target_threshold(-15.0, "~", higher_is_better=False)
    ((3.0, '<='), (-14.7, '<='))
    """
    figure, high = _check(figure, comparator, target_high)
    if comparator in (">=", "<="):
        return figure, comparator
    direction = ">=" if higher_is_better else "<="
    if high is not None:
        return (min(figure, high) if higher_is_better else max(figure, high)), direction
    if comparator in ABOUT_COMPARATORS:
        slack = tolerance * abs(figure)
        return round(figure - slack if higher_is_better else figure + slack, 12), direction
    return figure, direction


def growth_target_met(value: float, figure: float, comparator: str, higher_is_better: bool = True,
                      target_high: float | None = None, tolerance: float = DEFAULT_PARAMS.tolerance) -> bool:
    """Whether an observed rate ``value`` meets the growth-rate target (the rule of the module docstring).

    >>> growth_target_met(9.8, 10.0, "~"), growth_target_met(9.7, 10.0, "~"), growth_target_met(12.0, 12.0, ">=")
    (True, False, True)
    """
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"the observed rate must be finite, got {value}")
    threshold, direction = growth_target_threshold(figure, comparator, higher_is_better, target_high, tolerance)
    slack = _EPS * max(1.0, abs(threshold))
    return value >= threshold - slack if direction == ">=" else value <= threshold + slack


def growth_target_event(comparator: str, higher_is_better: bool = True, target_high: float | None = None) -> str | None:
    """The event of the calibrated model that judges this target, or ``None`` (a ceiling, a fall).

    The calibrated model is about growth rates that should rise (GDP growth): ``floor`` for
    ``>=``, a bare figure or a range, ``about`` for ``~`` and ``<``.

    >>> growth_target_event("==", target_high=6.5), growth_target_event("~", higher_is_better=False)
    ('floor', None)
    """
    _check(0.0, comparator, target_high)
    if comparator == "<=" or not higher_is_better:
        return None
    return GROWTH_EVENTS[1] if comparator in ABOUT_COMPARATORS else GROWTH_EVENTS[0]
