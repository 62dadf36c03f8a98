"""One annual series per indicator: conflicts resolved, breaks respected, gaps chained.

* :func:`resolve_conflicts` (:mod:`~shenyang_analysis.history.conflicts`) picks one figure per
  (region, indicator, year, measure) by a single documented rule and lists the disagreements;
* :func:`series` gives one annual series, cut at the last recorded series break
  (``series_breaks.csv``, :func:`load_breaks`), or the basis before a break that is bridged;
* :func:`chain_growth` and :func:`extend_by_growth` link levels with growth rates (real
  growth made nominal with a :class:`~shenyang_analysis.history.prices.PricePath`).

>>> from shenyang_analysis.history.sources import load_history
>>> h = load_history(documents=False)
>>> s = series(h, "shenyang", "gdp", basis="before")
>>> int(s.index.min()), float(s.loc[2018]), s.attrs["status"][2018], s.attrs["basis"]
(2018, 610190000000.0, 'revised', 'nominal (current prices)')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..config import paths
from ..vocab import INDICATOR_ID, MEASURES, MONEY_UNITS, SLUG
from .conflicts import KEY, STATUS_RANK, resolve_conflicts
from .csvrows import HistoryError, csv_rows, parse_year
from .prices import PricePath
from .sources import REAL_GROWTH_INDICATORS

__all__ = [
    "KEY", "STATUS_RANK", "BRIDGES", "resolve_conflicts", "load_breaks", "series", "chain_growth", "extend_by_growth",
    "trailing_run", "growth_companion",
]

#: How a recorded break can be crossed: ``""`` not at all (the series starts after it);
#: ``real_growth``: nominal levels are not comparable, but real growth rates are published on a
#: comparable basis, so constant-price levels chain across it; ``lower_bound``: the definition
#: widened (10 → 10+1 clusters), so earlier levels are lower bounds of the new aggregate.
BRIDGES: tuple[str, ...] = ("", "real_growth", "lower_bound")


def load_breaks(path: str | Path | None = None) -> pd.DataFrame:
    """The recorded series breaks (region, indicator, year, description, source, bridge).

    A break at year Y means levels before Y are not comparable with Y and later; ``bridge``
    (:data:`BRIDGES`, optional column, empty by default) says how it may be crossed.

    >>> b = load_breaks()
    >>> b.loc[b["region"] == "shenyang", ["indicator", "year", "bridge"]].values.tolist()[:4]
    [['gdp', 2016, ''], ['gdp', 2018, ''], ['gdp', 2024, 'real_growth'], ['industrial_clusters_scale', 2025, 'lower_bound']]
    """
    path = Path(path) if path is not None else paths().breaks_csv
    rows = []
    for line, raw in csv_rows(path, ("region", "indicator", "year", "description", "source")):
        where = f"{path}: line {line}"
        if not SLUG.match(raw["region"]) or not INDICATOR_ID.match(raw["indicator"]):
            raise HistoryError(f"{where}: region {raw['region']!r} / indicator {raw['indicator']!r} are not ids")
        if not raw["source"]:
            raise HistoryError(f"{where}: a break needs a source")
        bridge = raw.get("bridge", "") or ""
        if bridge not in BRIDGES:
            raise HistoryError(f"{where}: bridge {bridge!r} is not one of {', '.join(repr(b) for b in BRIDGES)}")
        rows.append({**raw, "year": parse_year(raw["year"], where), "bridge": bridge})
    cols = ["region", "indicator", "year", "description", "source", "bridge"]
    df = pd.DataFrame(rows, columns=cols)
    return df.astype({"region": "string", "indicator": "string", "year": "int64", "description": "string",
                      "source": "string", "bridge": "string"})


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


def _cut(rows: pd.DataFrame, mine: pd.DataFrame, since_break: bool, basis: str) -> tuple[pd.DataFrame, int | None, list[int], list[str]]:
    """Rows kept, the break year that cut them, the years dropped and notes (see :func:`series`)."""
    notes: list[str] = []
    bridge = mine["bridge"] if "bridge" in mine.columns else pd.Series("", index=mine.index)
    cuts = mine[bridge.fillna("") != "lower_bound"]
    widened = mine[bridge.fillna("") == "lower_bound"]
    if basis == "before":
        bridged = cuts[cuts["bridge"].fillna("") == "real_growth"] if "bridge" in cuts.columns else cuts.iloc[0:0]
        if len(bridged):
            last = int(bridged["year"].max())
            rows = rows[rows["year"] < last]
            notes.append(f"on the basis before the {last} break (levels from {last} on are revised)")
            cuts = cuts[cuts["year"] < last]
    break_year = int(cuts["year"].max()) if len(cuts) else None
    dropped: list[int] = []
    if since_break and break_year is not None:
        dropped = [int(y) for y in rows.loc[rows["year"] < break_year, "year"]]
        rows = rows[rows["year"] >= break_year]
    if len(widened):
        y = int(widened["year"].max())
        earlier = rows["year"] < y
        if earlier.any():
            rows = rows.copy()
            rows.loc[earlier & (rows["bound"] != "upper"), "bound"] = "lower"
            notes.append(f"figures before {y} cover a narrower definition: lower bounds of the later aggregate")
    return rows, break_year, dropped, notes


def series(
    history: pd.DataFrame,
    region: str,
    indicator: str,
    measure: str = "level",
    since_break: bool = True,
    breaks: pd.DataFrame | None = None,
    basis: str = "latest",
) -> pd.Series:
    """The chosen annual values of one indicator, indexed by int year, sorted.

    ``history`` is the tidy table (conflicts are resolved here) or an already ``chosen``
    table. With ``since_break``, years before the last recorded break for this region and
    indicator (``series_breaks.csv``) are dropped; a break bridged as ``lower_bound`` does not
    cut, it makes the earlier figures lower bounds. ``basis="before"`` gives the basis before
    the last ``real_growth``-bridged break instead (the years after it are left out, a
    district's figures of those years being on the older basis). ``attrs``: region,
    indicator, measure, unit, ``basis`` (real / nominal / not a price measure),
    ``break_year``, ``dropped_years``, ``notes``, and dicts year → ``status``, ``bound``,
    ``source``.

    >>> from shenyang_analysis.history.sources import load_history
    >>> h = load_history(documents=False)
    >>> s = series(h, "shenyang", "gdp")
    >>> list(s.index), s.attrs["break_year"]
    ([2024], 2024)
    >>> old = series(h, "shenyang", "gdp", basis="before")
    >>> int(old.index.min()), int(old.index.max()), old.attrs["status"][2018], old.attrs["basis"]
    (2018, 2023, 'revised', 'nominal (current prices)')
    >>> series(h, "shenyang", "gdp_real_growth", "growth").attrs["basis"]
    'real (comparable prices)'
    """
    if measure not in MEASURES:
        raise ValueError(f"series: measure {measure!r} is not one of {list(MEASURES)}")
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    rows = chosen[(chosen["region"] == region) & (chosen["indicator"] == indicator) & (chosen["measure"] == measure)]
    rows = rows.sort_values("year", kind="stable")
    if "bound" not in rows.columns:
        rows = rows.assign(bound="exact")
    breaks = load_breaks() if breaks is None else breaks
    mine = breaks[(breaks["region"] == region) & (breaks["indicator"] == indicator)]
    rows, break_year, dropped, notes = _cut(rows, mine, since_break, basis)
    units = sorted(set(rows["unit"]))
    unit = units[0] if units else None
    s = pd.Series(rows["value"].to_numpy(dtype=float), index=pd.Index(rows["year"].to_numpy(dtype="int64"), name="year"), name=indicator)
    years = rows["year"].astype(int)
    s.attrs = {
        "region": region, "indicator": indicator, "measure": measure, "unit": unit,
        "basis": _basis(indicator, measure, unit or "", _catalog_units()),
        "break_year": break_year, "since_break": since_break, "dropped_years": dropped, "notes": notes,
        "status": dict(zip(years, rows["status"].astype(str))),
        "bound": dict(zip(years, rows["bound"].astype(str))),
        "source": dict(zip(years, rows["source"].astype(str))),
        "detail": dict(zip(years, rows["source_detail"].astype("string").fillna("").astype(str))) if "source_detail" in rows.columns else {},
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


def extend_by_growth(levels: pd.Series, growth: pd.Series, real: bool, prices: PricePath | None = None) -> tuple[pd.Series, list[str]]:
    """Levels continued past their last year with y/y growth rates (percent), and notes on how.

    A real rate is made nominal with the price path (``prices.changes[y]``, the implicit GDP
    deflator of the year or the stated assumption); without one, real growth cannot be made
    nominal and is an error. Only consecutive years right after the last level are filled.

    >>> from shenyang_analysis.history.prices import PricePath
    >>> lv = pd.Series([100.0], index=[2024])
    >>> out, notes = extend_by_growth(lv, pd.Series({2025: 6.0}), real=True, prices=PricePath("r", {2025: 1.02}, {2025: "assumed"}))
    >>> round(float(out.loc[2025]), 4), notes[0]
    (108.12, '2025: derived from 2024 level × real growth 6% × prices +2.00% (assumed)')
    """
    out = levels.copy()
    notes: list[str] = []
    y = int(levels.index.max())
    while y + 1 in growth.index:
        g = float(growth.loc[y + 1])
        if real and (prices is None or y + 1 not in prices.changes):
            raise ValueError(f"extend_by_growth: real growth of {y + 1} needs a price change for {y + 1}")
        price = prices.changes[y + 1] if real and prices is not None else 1.0
        out.loc[y + 1] = float(out.loc[y]) * (1 + g / 100) * price
        kind = (f"real growth {g:g}% × prices {100 * (price - 1):+.2f}% ({prices.sources[y + 1]})" if real and prices is not None
                else f"nominal growth {g:g}%")
        notes.append(f"{y + 1}: derived from {y} level × {kind}")
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

