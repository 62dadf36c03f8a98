"""One annual series per indicator: conflicts resolved, breaks respected, gaps chained.

* :func:`resolve_conflicts` picks one figure per (region, indicator, year, measure) by a single
  documented rule and lists the disagreements;
* :func:`series` gives one annual series, cut at the last recorded series break
  (``series_breaks.csv``, :func:`load_breaks`);
* :func:`chain_growth` and :func:`extend_by_growth` link levels with growth rates.

>>> from shenyang_analysis.history.sources import load_history
>>> h = load_history(documents=False)
>>> s = series(h, "shenyang", "gdp")
>>> int(s.index.min()), float(s.loc[2018]), s.attrs["status"][2018], s.attrs["basis"]
(2018, 610190000000.0, 'revised', 'nominal (current prices)')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, paths
from ..vocab import HISTORY_STATUSES, INDICATOR_ID, MEASURES, MONEY_UNITS, SLUG
from .csvrows import HistoryError, csv_rows, parse_year
from .prices import deflator
from .sources import REAL_GROWTH_INDICATORS

__all__ = [
    "KEY", "STATUS_RANK", "resolve_conflicts", "load_breaks", "series", "chain_growth", "extend_by_growth",
    "trailing_run", "growth_companion",
]

KEY = ["region", "indicator", "year", "measure"]
STATUS_RANK = {s: i for i, s in enumerate(HISTORY_STATUSES)}


def resolve_conflicts(
    history: pd.DataFrame, rel_tol: float = DEFAULT_PARAMS.conflict_rel_tol,
    pct_tol: float = DEFAULT_PARAMS.conflict_pct_tol,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(chosen, conflicts): one row per (region, indicator, year, measure), and the disagreements.

    The rule: the best ``status`` wins, in the order revised > official (panel, bulletin,
    agency) > preliminary > document > estimate > secondary > lower_bound; among equals the
    row latest in the table's order (history file in file order, then panel, then documents).
    ``chosen`` gets ``n_sources`` (rows sharing the key). ``conflicts`` has one row per
    candidate of every key whose values spread (max − min) by more than ``rel_tol`` of the
    largest absolute value (0.5 %), or by more than ``pct_tol`` (0.05) for percent and
    percentage-point figures; with ``is_chosen``, ``spread`` and ``tolerance``.

    >>> h = pd.DataFrame({"region": "r", "indicator": "gdp", "year": 2018, "measure": "level", "unit": "yuan",
    ...     "value": [100.0, 103.0, 101.0], "status": ["preliminary", "revised", "estimate"],
    ...     "source": ["a", "b", "c"], "origin": "history_file"})
    >>> chosen, conflicts = resolve_conflicts(h)
    >>> chosen[["value", "status", "n_sources"]].values.tolist()
    [[103.0, 'revised', 3]]
    >>> conflicts[["value", "is_chosen"]].values.tolist()
    [[100.0, False], [103.0, True], [101.0, False]]
    """
    h = history.reset_index(drop=True).copy()
    unknown = sorted(set(h["status"]) - set(HISTORY_STATUSES))
    if unknown:
        raise ValueError(f"resolve_conflicts: unknown status value(s) {unknown}; expected one of {list(HISTORY_STATUSES)}")
    h["_pos"] = np.arange(len(h))
    h["_rank"] = h["status"].map(STATUS_RANK).astype(int)
    order = h.sort_values(KEY + ["_rank", "_pos"], ascending=[True] * len(KEY) + [True, False], kind="stable")
    chosen_pos = order.drop_duplicates(KEY, keep="first")["_pos"]
    h["is_chosen"] = h["_pos"].isin(chosen_pos)
    h["n_sources"] = h.groupby(KEY)["value"].transform("size").astype("int64")
    chosen = h[h["is_chosen"]].sort_values(KEY, kind="stable")
    chosen = chosen.drop(columns=["_pos", "_rank", "is_chosen"]).reset_index(drop=True)

    g = h.groupby(KEY)["value"]
    h["spread"] = g.transform("max") - g.transform("min")
    scale = h["value"].abs().groupby([h[k] for k in KEY]).transform("max")
    pct = h["unit"].isin(["percent", "percentage_point"])
    h["tolerance"] = np.where(pct, pct_tol, rel_tol * scale)
    bad = h["spread"] > h["tolerance"] * (1 + 1e-9)
    conflicts = h[bad].sort_values(KEY + ["_pos"], kind="stable").drop(columns=["_pos", "_rank"])
    return chosen, conflicts.reset_index(drop=True)


def load_breaks(path: str | Path | None = None) -> pd.DataFrame:
    """The recorded series breaks (region, indicator, year, description, source).

    A break at year Y means levels before Y are not comparable with Y and later.

    >>> b = load_breaks()
    >>> b.loc[b["region"] == "shenyang", ["indicator", "year"]].values.tolist()
    [['gdp', 2016], ['gdp', 2018]]
    """
    path = Path(path) if path is not None else paths().breaks_csv
    rows = []
    for line, raw in csv_rows(path, ("region", "indicator", "year", "description", "source")):
        where = f"{path}: line {line}"
        if not SLUG.match(raw["region"]) or not INDICATOR_ID.match(raw["indicator"]):
            raise HistoryError(f"{where}: region {raw['region']!r} / indicator {raw['indicator']!r} are not ids")
        if not raw["source"]:
            raise HistoryError(f"{where}: a break needs a source")
        rows.append({**raw, "year": parse_year(raw["year"], where)})
    df = pd.DataFrame(rows, columns=["region", "indicator", "year", "description", "source"])
    return df.astype({"region": "string", "indicator": "string", "year": "int64", "description": "string", "source": "string"})


def _basis(indicator: str, measure: str, unit: str, catalog_units: Mapping[str, str]) -> str:
    if measure == "growth":
        if indicator in REAL_GROWTH_INDICATORS:
            return "real (comparable prices)"
        base = indicator.removesuffix("_growth")
        if unit == "percent" and catalog_units.get(base) in MONEY_UNITS:
            return "nominal (current prices)"
        return "not a price measure"
    if unit in MONEY_UNITS:
        return "nominal (current prices)"
    return "not a price measure"


def _catalog_units() -> dict[str, str]:
    path = paths().indicators_csv
    if not path.exists():
        return {}
    return {row["indicator"]: row.get("unit", "") for _, row in csv_rows(path, ["indicator"])}


def series(
    history: pd.DataFrame,
    region: str,
    indicator: str,
    measure: str = "level",
    since_break: bool = True,
    breaks: pd.DataFrame | None = None,
) -> pd.Series:
    """The chosen annual values of one indicator, indexed by int year, sorted.

    ``history`` is the tidy table (conflicts are resolved here) or an already ``chosen``
    table. With ``since_break``, years before the last recorded break for this region and
    indicator (``series_breaks.csv``) are dropped. ``attrs``: region, indicator, measure,
    unit, ``basis`` (real / nominal / not a price measure), ``break_year``,
    ``dropped_years``, ``status`` and ``source`` (dicts year → value).

    >>> from shenyang_analysis.history.sources import load_history
    >>> h = load_history(documents=False)
    >>> s = series(h, "shenyang", "gdp")
    >>> 2015 in s.index, s.attrs["break_year"], s.attrs["dropped_years"][-2:]
    (False, 2018, [2016, 2017])
    >>> series(h, "shenyang", "gdp_real_growth", "growth").attrs["basis"]
    'real (comparable prices)'
    """
    if measure not in MEASURES:
        raise ValueError(f"series: measure {measure!r} is not one of {list(MEASURES)}")
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    rows = chosen[(chosen["region"] == region) & (chosen["indicator"] == indicator) & (chosen["measure"] == measure)]
    rows = rows.sort_values("year", kind="stable")
    breaks = load_breaks() if breaks is None else breaks
    mine = breaks[(breaks["region"] == region) & (breaks["indicator"] == indicator)]
    break_year = int(mine["year"].max()) if len(mine) else None
    dropped: list[int] = []
    if since_break and break_year is not None:
        dropped = [int(y) for y in rows.loc[rows["year"] < break_year, "year"]]
        rows = rows[rows["year"] >= break_year]
    units = sorted(set(rows["unit"]))
    unit = units[0] if units else None
    s = pd.Series(rows["value"].to_numpy(dtype=float), index=pd.Index(rows["year"].to_numpy(dtype="int64"), name="year"), name=indicator)
    s.attrs = {
        "region": region, "indicator": indicator, "measure": measure, "unit": unit,
        "basis": _basis(indicator, measure, unit or "", _catalog_units()),
        "break_year": break_year, "since_break": since_break, "dropped_years": dropped,
        "status": dict(zip(rows["year"].astype(int), rows["status"].astype(str))),
        "source": dict(zip(rows["year"].astype(int), rows["source"].astype(str))),
    }
    return s



def chain_growth(level_anchor_year: int, level_anchor_value: float, growth: pd.Series) -> pd.Series:
    """Levels from one anchor level and y/y growth rates (percent; growth[y] is y-1 → y).

    Forward: L[y] = L[y-1]·(1 + g[y]/100); backward: L[y-1] = L[y] / (1 + g[y]/100). Only the
    run of consecutive growth years around the anchor is chained; growth years beyond a
    gap are not used (listed in ``attrs['unused_growth_years']``). Chaining real growth from a
    nominal anchor gives levels at constant anchor-year prices: ``attrs['basis']`` says so
    (from the growth series' own ``attrs['basis']``).

    >>> g = pd.Series({2019: 10.0, 2020: 25.0, 2021: 10.0, 2022: -50.0})
    >>> chain_growth(2020, 100.0, g).round(4).to_dict()
    {2018: 72.7273, 2019: 80.0, 2020: 100.0, 2021: 110.0, 2022: 55.0}
    """
    g = growth.dropna()
    g.index = g.index.astype(int)
    anchor = int(level_anchor_year)
    levels = {anchor: float(level_anchor_value)}
    y = anchor
    while y + 1 in g.index:
        levels[y + 1] = levels[y] * (1 + float(g.loc[y + 1]) / 100)
        y += 1
    y = anchor
    while y in g.index:
        levels[y - 1] = levels[y] / (1 + float(g.loc[y]) / 100)
        y -= 1
    used = set(range(min(levels) + 1, max(levels) + 1))
    out = pd.Series(levels, dtype="float64").sort_index()
    out.index = pd.Index(out.index.astype("int64"), name="year")
    basis = str(growth.attrs.get("basis", ""))
    if basis.startswith("real"):
        label = f"real: constant {anchor} prices"
    elif basis.startswith("nominal"):
        label = "nominal (current prices)"
    else:
        label = "unknown (the growth series carries no basis)"
    out.attrs = {"anchor_year": anchor, "anchor_value": float(level_anchor_value), "basis": label,
                 "unused_growth_years": sorted(int(v) for v in set(g.index) - used)}
    return out


def growth_companion(chosen: pd.DataFrame, region: str, indicator: str) -> tuple[str, pd.Series] | None:
    """The growth-rate series that continues a level series (real first), if any."""
    for name in (f"{indicator}_real_growth", f"{indicator}_growth"):
        rows = chosen[(chosen["region"] == region) & (chosen["indicator"] == name) & (chosen["measure"] == "growth")]
        if len(rows):
            s = pd.Series(rows["value"].to_numpy(float), index=rows["year"].astype(int).to_numpy()).sort_index()
            return name, s
    return None


def extend_by_growth(
    levels: pd.Series, growth: pd.Series, real: bool, inflation_pct: float | None = None
) -> tuple[pd.Series, list[str]]:
    """Levels continued past their last year with y/y growth rates (percent), and notes on how.

    A real rate is made nominal with the deflator (Liaoning CPI; ``inflation_pct`` after it
    ends, default the mean of the last CPI years). Only consecutive years right after the last level are filled.

    >>> lv = pd.Series([100.0], index=[2024])
    >>> out, notes = extend_by_growth(lv, pd.Series({2025: 6.0}), real=True, inflation_pct=2.0)
    >>> round(float(out.loc[2025]), 4), notes[0].startswith("2025: derived")
    (108.12, True)
    """
    out = levels.copy()
    notes: list[str] = []
    y = int(levels.index.max())
    while y + 1 in growth.index:
        g = float(growth.loc[y + 1])
        price = deflator(y, y + 1, inflation_pct=inflation_pct) if real else 1.0
        out.loc[y + 1] = float(out.loc[y]) * (1 + g / 100) * price
        kind = f"real growth {g:g}% × prices {100 * (price - 1):.2f}%" if real else f"nominal growth {g:g}%"
        notes.append(f"{y + 1}: derived from {y} level with {kind}")
        y += 1
    return out.sort_index(), notes


def trailing_run(s: pd.Series) -> pd.Series:
    """The last run of consecutive years of ``s``."""
    if s.empty:
        return s
    years = s.index.to_numpy(dtype=int)
    start = len(years) - 1
    while start > 0 and years[start - 1] == years[start] - 1:
        start -= 1
    return s.iloc[start:]

