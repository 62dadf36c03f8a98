"""Prices: implicit GDP deflators by region and year, the assumption where none exists yet.

The price change of year ``y`` in region ``r`` is the **implicit GDP deflator**: nominal GDP
growth over real growth, ``(L_y / L_{y-1}) / (1 + g_y / 100) − 1`` (:func:`implicit_deflators`,
from the history's ``gdp`` levels and ``gdp_real_growth`` rates; a year whose level pair
straddles a recorded series break has none). :func:`price_table` puts together

1. each region's own implicit deflators (Shenyang 1992–2023 from the city panel and the
   bulletins; Liaoning 2022–2023 from its bulletins);
2. Liaoning's deflator on the NBS revised basis 2001–2019 and 2021–2023
   (``data/raw/history/liaoning_gdp_deflator.csv``, carried from the province panel);
3. Liaoning's CPI (``liaoning_cpi.csv``) for years no deflator covers (before 2001).

:func:`price_path` walks a region's chain (the region, its parent, its province:
:data:`shenyang_analysis.vocab.PARENT_REGION`) year by year; a year no source covers yet gets
the **assumption**: ``inflation_pct`` when given (a price scenario), else the latest deflator
change available along the chain (Shenyang 2023: −0.53 %), and every such year is named in
the path's notes.

>>> t = price_table(pd.DataFrame(columns=["region", "indicator", "year", "value", "measure", "status"]))
>>> p = price_path("tiexi", 2018, 2020, t)
>>> [round(100 * (f - 1), 3) for f in p.changes.values()], p.sources[2019], p.sources[2020]
([0.304, 2.4], 'liaoning: liaoning_gdp_deflator.csv', 'liaoning: CPI (no GDP deflator for the year)')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import paths
from ..vocab import PARENT_REGION
from .csvrows import csv_rows, parse_decimal, parse_year

__all__ = [
    "PriceError", "PricePath", "load_cpi", "load_province_deflator", "implicit_deflators", "price_table",
    "region_chain", "latest_change", "price_path", "nominal_from_real",
]

PROVINCE = "liaoning"


class PriceError(ValueError):
    """A price path that cannot be built (no source and no assumption for a year)."""


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


def load_province_deflator(path: str | Path | None = None) -> pd.Series:
    """Liaoning's implicit GDP deflator change (%) by year, the usable years of the carried table.

    Years whose ``implicit_deflator_change_pct`` is empty (2000, 2020, 2024, 2025: no real
    index, or a census break between the two levels) are left out.

    >>> d = load_province_deflator()
    >>> float(d.loc[2023]), 2024 in d.index
    (-0.988, False)
    """
    path = Path(path) if path is not None else paths().province_deflator_csv
    data = {}
    for line, raw in csv_rows(path, ("year", "implicit_deflator_change_pct", "flag")):
        where = f"{path}: line {line}"
        year = parse_year(raw["year"], where)
        if raw["implicit_deflator_change_pct"]:
            data[year] = float(parse_decimal(raw["implicit_deflator_change_pct"], where, "implicit_deflator_change_pct"))
    s = pd.Series(data, dtype="float64", name="deflator_change_pct").sort_index()
    s.index = pd.Index(s.index.astype("int64"), name="year")
    return s


def implicit_deflators(chosen: pd.DataFrame, breaks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Implicit GDP deflator change (%) per region and year from the chosen history.

    Needs the ``gdp`` level of ``y`` and ``y − 1`` (exact figures, no bound) and the real growth
    of ``y``; a break recorded at ``y`` (levels before it not comparable) gives no deflator.

    >>> h = pd.DataFrame({"region": "r", "indicator": ["gdp", "gdp", "gdp_real_growth"], "year": [2020, 2021, 2021],
    ...                   "value": [100.0, 110.0, 5.0], "measure": ["level", "level", "growth"], "status": "official"})
    >>> implicit_deflators(h)[["region", "year", "change_pct"]].round(4).values.tolist()
    [['r', 2021, 4.7619]]
    """
    cols = ["region", "year", "change_pct", "source"]
    h = chosen
    if "bound" in h.columns:
        h = h[h["bound"].isin(["exact", "about"])]
    levels = h[(h["indicator"] == "gdp") & (h["measure"] == "level")]
    growth = h[(h["indicator"] == "gdp_real_growth") & (h["measure"] == "growth")]
    cut = set() if breaks is None else {(str(r), int(y)) for r, i, y in zip(breaks["region"], breaks["indicator"], breaks["year"]) if i == "gdp"}
    rows = []
    for region, lv in levels.groupby("region"):
        lv_by = dict(zip(lv["year"].astype(int), lv["value"].astype(float)))
        g = growth[growth["region"] == region]
        for y, rate in zip(g["year"].astype(int), g["value"].astype(float)):
            if y in lv_by and y - 1 in lv_by and (str(region), y) not in cut and lv_by[y - 1] > 0:
                change = 100 * (lv_by[y] / lv_by[y - 1] / (1 + rate / 100) - 1)
                rows.append((str(region), y, change, f"{region}: implicit (nominal {y - 1}→{y} ÷ real growth {rate:g}%)"))
    return pd.DataFrame(rows, columns=cols).sort_values(["region", "year"]).reset_index(drop=True)


def price_table(chosen: pd.DataFrame, breaks: pd.DataFrame | None = None, province: pd.Series | None = None,
                cpi: pd.Series | None = None) -> pd.DataFrame:
    """Every price change known: own implicit deflators, then Liaoning's carried deflator, then its CPI.

    Columns ``region, year, change_pct, source, rank`` (rank: 0 own implicit, 1 carried
    province table, 2 CPI); one row per (region, year), the lowest rank kept.
    """
    own = implicit_deflators(chosen, breaks).assign(rank=0)
    prov = load_province_deflator() if province is None else province
    carried = pd.DataFrame({"region": PROVINCE, "year": prov.index.astype(int), "change_pct": prov.to_numpy(float),
                            "source": f"{PROVINCE}: liaoning_gdp_deflator.csv", "rank": 1})
    c = load_cpi() if cpi is None else cpi
    cpi_rows = pd.DataFrame({"region": PROVINCE, "year": c.index.astype(int), "change_pct": c.to_numpy(float) - 100,
                             "source": f"{PROVINCE}: CPI (no GDP deflator for the year)", "rank": 2})
    t = pd.concat([own, carried, cpi_rows], ignore_index=True)
    t = t.sort_values(["region", "year", "rank"], kind="stable").drop_duplicates(["region", "year"], keep="first")
    return t.astype({"year": "int64", "change_pct": "float64", "rank": "int64"}).reset_index(drop=True)


def region_chain(region: str) -> list[str]:
    """The region, its parent, its parent's parent …, ending at the province.

    >>> region_chain("tiexi")
    ['tiexi', 'shenyang', 'liaoning']
    """
    chain = [region]
    while chain[-1] in PARENT_REGION and PARENT_REGION[chain[-1]] not in chain:
        chain.append(PARENT_REGION[chain[-1]])
    if PROVINCE not in chain:
        chain.append(PROVINCE)
    return chain


def latest_change(region: str, table: pd.DataFrame) -> tuple[float, str]:
    """The most recent implicit GDP deflator change along the region's chain, and where from.

    The latest year wins (a district's own deflator of 2013 does not beat its city's of 2023);
    in a tie the region nearest in the chain. CPI rows do not count: the assumption is a GDP
    deflator.
    """
    chain = region_chain(region)
    t = table[(table["rank"] < 2) & table["region"].isin(chain)].copy()
    if t.empty:
        raise PriceError(f"no GDP deflator for {region} or its parents: give an explicit inflation_pct")
    t["_near"] = t["region"].map({r: i for i, r in enumerate(chain)})
    last = t.sort_values(["year", "_near"], ascending=[False, True]).iloc[0]
    return float(last["change_pct"]), f"latest implicit GDP deflator: {last['region']} {int(last['year'])}"


@dataclass
class PricePath:
    """Price factors year by year (``changes[y]`` = P_y / P_{y−1}) and where each came from."""

    region: str
    changes: dict[int, float]
    sources: dict[int, str]
    assumed_years: list[int] = field(default_factory=list)
    assumption_pct: float | None = None
    assumption_source: str = ""

    def factor(self, start: int, end: int) -> float:
        """P_end / P_start (the reciprocal when end < start)."""
        if end < start:
            return 1.0 / self.factor(end, start)
        return float(np.prod([self.changes[y] for y in range(start + 1, end + 1)])) if end > start else 1.0

    def note(self) -> str:
        """The assumption in words, empty when every year has a deflator."""
        if not self.assumed_years:
            return ""
        yrs = f"{self.assumed_years[0]}" + (f"–{self.assumed_years[-1]}" if len(self.assumed_years) > 1 else "")
        return f"prices {yrs}: assumed {self.assumption_pct:+.2f}% a year ({self.assumption_source})"


def price_path(region: str, start: int, end: int, table: pd.DataFrame, inflation_pct: float | None = None) -> PricePath:
    """The price factors of ``region`` for the years ``start + 1 … end``.

    Each year takes the first source of the region's chain that has it (own implicit deflator,
    parent's, province's, Liaoning CPI); years after every source ends take the assumption
    (``inflation_pct``, else :func:`latest_change`). Years in the past that no source covers
    are an error.
    """
    by_region = {r: dict(zip(g["year"], zip(g["change_pct"], g["source"]))) for r, g in table.groupby("region")}
    chain = region_chain(region)
    changes, sources, assumed = {}, {}, []
    assumption, where = (float(inflation_pct), "price scenario") if inflation_pct is not None else (None, "")
    for y in range(int(start) + 1, int(end) + 1):
        found = next((by_region[r][y] for r in chain if y in by_region.get(r, {})), None)
        if found is not None:
            changes[y], sources[y] = 1 + found[0] / 100, found[1]
            continue
        if not _after_sources(y, chain, by_region):
            raise PriceError(f"no price change for {region} in {y} (no deflator or CPI covers it)")
        if assumption is None:
            assumption, where = latest_change(region, table)
        changes[y], sources[y] = 1 + assumption / 100, f"assumed ({where})"
        assumed.append(y)
    return PricePath(region, changes, sources, assumed, assumption, where)


def _after_sources(year: int, chain: list[str], by_region: Mapping[str, Mapping[int, object]]) -> bool:
    """Whether ``year`` lies after the last year any source of the chain covers (no deflator yet)."""
    last = max((max(by_region[r]) for r in chain if by_region.get(r)), default=-1)
    return year > last


def nominal_from_real(real_growth_pct: float | np.ndarray | pd.Series, inflation_pct: float) -> float | np.ndarray | pd.Series:
    """Nominal growth (%) from real growth (%) and a price change (%): (1 + real)(1 + inflation) − 1.

    >>> round(nominal_from_real(5.0, 2.0), 10)
    7.1
    """
    rate = float(inflation_pct)
    out = ((1 + np.asarray(real_growth_pct, dtype=float) / 100) * (1 + rate / 100) - 1) * 100
    if isinstance(real_growth_pct, pd.Series):
        res = pd.Series(out, index=real_growth_pct.index, name=real_growth_pct.name)
        res.attrs = {**real_growth_pct.attrs, "basis": "nominal (current prices)", "inflation_pct": rate}
        return res
    return float(out) if np.ndim(out) == 0 else out
