"""The plausible range of a figure by its base unit and measure: one declared table.

A raw figure outside its range is a typo or a wrong unit, never data: a GDP of −1300 亿元 or
0, a share of 130 %, a fall of 100 % or more, 400 days in a year. :data:`VALUE_RANGES` is
searched in order and the first row whose unit and measure match (``*`` matches any) gives
the range; the raw-input checks (:mod:`shenyang_analysis.table.raw_inputs`) apply it to
every history row and every curated value, with the unit and measure taken from the
indicator catalog, so new indicators and new files are checked without new rules.

>>> range_for("yuan", "level").check(-1.3e11)
"must be > 0 and ≤ 200000000000000 (a positive amount of money, below 200万亿元: more than China's GDP)"
>>> range_for("percent", "share").check(87.7) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from ..io.serialize import format_number

__all__ = ["ValueRange", "VALUE_RANGES", "range_for"]


@dataclass(frozen=True)
class ValueRange:
    """``low < x`` (or ``≤`` when ``low_closed``) and ``x ≤ high`` (``<`` when not ``high_closed``); ``None``: no bound."""

    low: float | None
    low_closed: bool
    high: float | None
    high_closed: bool
    why: str

    def check(self, x: float) -> str | None:
        """None when ``x`` is in range, else what the range is and why."""
        ok = True
        if self.low is not None:
            ok &= x >= self.low if self.low_closed else x > self.low
        if self.high is not None:
            ok &= x <= self.high if self.high_closed else x < self.high
        return None if ok else f"must be {self.describe()} ({self.why})"

    def describe(self) -> str:
        """The range in words: ``> 0 and ≤ 100``."""
        parts = []
        if self.low is not None:
            parts.append(f"{'≥' if self.low_closed else '>'} {format_number(self.low)}")
        if self.high is not None:
            parts.append(f"{'≤' if self.high_closed else '<'} {format_number(self.high)}")
        return " and ".join(parts) or "any number"


#: (base unit, measure, range): first match wins; ``*`` matches anything. Measures are the
#: catalog's (level, count, flow, growth, share); units the base units of ``vocab.UNITS``
#: plus ``index_prev_year_100`` (a price index, previous year = 100).
VALUE_RANGES: tuple[tuple[str, str, ValueRange], ...] = (
    ("*", "growth", ValueRange(-100.0, False, 1000.0, True,
                               "a level cannot fall by 100% or more; above 1000% a year is a typo")),
    ("percent", "*", ValueRange(0.0, True, 100.0, True, "a share or rate of a whole")),
    ("percentage_point", "*", ValueRange(-100.0, True, 100.0, True, "a change of a share, in points")),
    ("yuan", "*", ValueRange(0.0, False, 2e14, True,
                             "a positive amount of money, below 200万亿元: more than China's GDP")),
    ("usd", "*", ValueRange(0.0, False, 3e13, True, "a positive amount of money, below 30万亿 US dollars")),
    ("day", "*", ValueRange(0.0, True, 366.0, True, "days in a year")),
    ("index_prev_year_100", "*", ValueRange(50.0, True, 200.0, True,
                                            "a price index with the previous year at 100: between −50% and +100%")),
    ("*", "*", ValueRange(0.0, True, None, True, "a count, an amount or an area is not negative")),
)


def range_for(unit: str, measure: str) -> ValueRange:
    """The range of :data:`VALUE_RANGES` for a figure in ``unit`` measuring ``measure``.

    >>> range_for("count", "flow").describe(), range_for("percent", "growth").describe()
    ('≥ 0', '> -100 and ≤ 1000')
    """
    for u, m, rng in VALUE_RANGES:
        if u in ("*", unit) and m in ("*", measure):
            return rng
    raise AssertionError("VALUE_RANGES ends with a catch-all row")
