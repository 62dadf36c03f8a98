"""The outside view: how fast Chinese cities' GDP grew, from the city panel.

:func:`panel_growth_summary` turns the panel (``../shared/data/city_panel/city_gdp.csv``, not
committed) into percentiles of k-year nominal GDP growth; :func:`write_panel_cagr_quantiles`
commits them as ``data/raw/history/panel_cagr_quantiles.csv``, so that
:func:`share_at_or_above` and :func:`outside_view` need no panel at run time.

>>> round(share_at_or_above(8.0, 5), 2) < round(share_at_or_above(4.0, 5), 2)
True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, paths
from ..growth import cagr
from ..io.atomic import write_csv, write_text
from ..vocab import NORTHEAST_PROVINCES
from .csvrows import HistoryError, csv_rows, parse_decimal, parse_year
from .sources import LIAONING_PROVINCE_ID, SHENYANG_CITY_ID

__all__ = [
    "PERCENTILES", "HEADLINE_PERCENTILES", "PROVINCE_FIRST_YEAR", "OutsideView", "read_city_panel",
    "panel_cagr_windows", "panel_growth_summary", "write_panel_cagr_quantiles", "load_panel_cagr_quantiles",
    "share_at_or_above", "outside_view", "carry_panel_facts", "pcol", "load_panel_series", "probable_breaks",
]

PERCENTILES = tuple(range(101))
HEADLINE_PERCENTILES = (1, 5, 10, 25, 50, 75, 90, 95, 99)
PANEL_COLUMNS = ("Sgnyea", "Ctnm_id", "Prvcnm_id", "Gdpct01")
# first year whose level may be used, by province: Liaoning restated its GDP in 2016-2017
PROVINCE_FIRST_YEAR: dict[int, int] = {LIAONING_PROVINCE_ID: 2017}


def read_city_panel(path: str | Path | None = None) -> pd.DataFrame:
    """A city panel CSV in the format of ``city_gdp.csv`` → city_id, province_id, year, gdp_100m_yuan.

    Only ``Sgnyea``, ``Ctnm_id``, ``Prvcnm_id`` and ``Gdpct01`` are needed; empty GDP cells are
    dropped. Errors name the file and line: a missing column, a bad year, id or number, or
    a city with two rows for one year.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "panel.csv"
    >>> _ = path.write_text("Sgnyea,Ctnm_id,Prvcnm_id,Gdpct01\\n2014,1,9,100\\n20I5,1,9,110\\n")
    >>> read_city_panel(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    shenyang_analysis.history.csvrows.HistoryError: .../panel.csv: line 3: year '20I5' is not a year (four digits, 1949-2100)
    """
    path = Path(path) if path is not None else paths().city_panel_dir / "city_gdp.csv"
    rows, seen = [], {}
    for line, raw in csv_rows(path, PANEL_COLUMNS):
        where = f"{path}: line {line}"
        year = parse_year(raw["Sgnyea"], where)
        try:
            city, prov = int(raw["Ctnm_id"]), int(raw["Prvcnm_id"])
        except ValueError:
            raise HistoryError(f"{where}: Ctnm_id {raw['Ctnm_id']!r} / Prvcnm_id {raw['Prvcnm_id']!r} are not integer codes") from None
        if (city, year) in seen:
            raise HistoryError(f"{where}: city {city} has a second row for {year} (first on line {seen[(city, year)]})")
        seen[(city, year)] = line
        if raw["Gdpct01"]:
            rows.append((city, prov, year, float(parse_decimal(raw["Gdpct01"], where, "Gdpct01"))))
    df = pd.DataFrame(rows, columns=["city_id", "province_id", "year", "gdp_100m_yuan"])
    return df.astype({"city_id": "int64", "province_id": "int64", "year": "int64", "gdp_100m_yuan": "float64"})


def probable_breaks(years: np.ndarray, levels: np.ndarray, threshold: float = DEFAULT_PARAMS.break_log_change) -> np.ndarray:
    """For each step between consecutive available years: is it a probable break in the series?

    The one rule of the project (``AnalysisParams.break_log_change``): the level's log change,
    annualised across a gap, exceeds ``threshold`` in absolute value (0.3: about +35% or −26%
    in a year, far outside what city GDP does without a restatement or a boundary change).

    >>> probable_breaks(np.array([2000, 2001, 2002, 2004]), np.array([100.0, 110.0, 200.0, 220.0])).tolist()
    [False, True, False]
    """
    gaps = np.diff(np.asarray(years, dtype=float))
    lv = np.asarray(levels, dtype=float)
    return np.abs(np.log(lv[1:] / lv[:-1]) / gaps) > threshold


def panel_cagr_windows(
    panel: pd.DataFrame,
    max_k: int = 10,
    province_first_year: Mapping[int, int] | None = None,
    break_log_change: float = DEFAULT_PARAMS.break_log_change,
) -> pd.DataFrame:
    """Nominal GDP CAGR (%) of every city over every window of k = 1..max_k years.

    A window needs a positive level at both ends. Levels before a province's first usable
    year (``PROVINCE_FIRST_YEAR``: Liaoning from 2017) are not used. A window is skipped when
    any step inside it is a probable break (:func:`probable_breaks`).

    >>> p = pd.DataFrame({"city_id": 1, "province_id": 9, "year": [2000, 2001, 2002, 2003],
    ...                   "gdp_100m_yuan": [100.0, 110.0, 200.0, 220.0]})
    >>> panel_cagr_windows(p, max_k=3)[["start_year", "end_year", "cagr_pct"]].round(2).values.tolist()
    [[2000.0, 2001.0, 10.0], [2002.0, 2003.0, 10.0]]
    """
    firsts = PROVINCE_FIRST_YEAR if province_first_year is None else province_first_year
    out = []
    for (city, prov), grp in panel.groupby(["city_id", "province_id"], sort=True):
        grp = grp[(grp["gdp_100m_yuan"] > 0) & (grp["year"] >= firsts.get(int(prov), -10**9))].sort_values("year")
        yrs = grp["year"].to_numpy(dtype=int)
        lv = grp["gdp_100m_yuan"].to_numpy(dtype=float)
        if len(yrs) < 2:
            continue
        jumps = np.concatenate([[0], np.cumsum(probable_breaks(yrs, lv, break_log_change))])
        pos = {int(y): i for i, y in enumerate(yrs)}
        for i, start in enumerate(yrs):
            for k in range(1, max_k + 1):
                j = pos.get(int(start) + k)
                if j is None or jumps[j] - jumps[i] > 0:
                    continue
                out.append((int(city), int(prov), int(start), int(start) + k, k, cagr(lv[i], lv[j], k)))
    df = pd.DataFrame(out, columns=["city_id", "province_id", "start_year", "end_year", "k", "cagr_pct"])
    return df.astype({"city_id": "int64", "province_id": "int64", "start_year": "int64", "end_year": "int64", "k": "int64", "cagr_pct": "float64"})


def pcol(p: int) -> str:
    return f"p{p}"


def panel_growth_summary(
    panel_csv: str | Path | None = None,
    max_k: int = 10,
    recent_from: int = DEFAULT_PARAMS.recent_from,
    province_first_year: Mapping[int, int] | None = None,
    break_log_change: float = DEFAULT_PARAMS.break_log_change,
) -> pd.DataFrame:
    """Distribution of city nominal GDP CAGRs (%) per window length k, over all and recent windows.

    One row per (``sample``, ``k``): ``sample`` is ``all``, ``recent`` (windows ending in
    ``recent_from`` = 2015 or later) or ``northeast`` (recent windows of the cities of Liaoning,
    Jilin and Heilongjiang); ``n`` city-periods, ``n_cities``, and every percentile
    ``p0`` … ``p100`` of the CAGR in percent (numpy's linear interpolation); the headline
    quantiles are p1, p5, p10, p25, p50, p75, p90, p95, p99. ``panel_csv`` is any CSV in the
    format of the panel's ``city_gdp.csv`` (default ``../shared/data/city_panel/city_gdp.csv``).
    Windows are built by :func:`panel_cagr_windows`.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "panel.csv"
    >>> _ = path.write_text("Sgnyea,Ctnm_id,Prvcnm_id,Gdpct01\\n2014,1,9,100\\n2015,1,9,110\\n2016,1,9,121\\n")
    >>> panel_growth_summary(path, max_k=2)[["sample", "k", "n", "p0", "p50", "p100"]].values.tolist()
    [['all', 1, 2, 10.0, 10.0, 10.0], ['all', 2, 1, 10.0, 10.0, 10.0], ['recent', 1, 2, 10.0, 10.0, 10.0], ['recent', 2, 1, 10.0, 10.0, 10.0], ['northeast', 1, 0, nan, nan, nan], ['northeast', 2, 0, nan, nan, nan]]
    """
    windows = panel_cagr_windows(read_city_panel(panel_csv), max_k, province_first_year, break_log_change)
    rows = []
    for sample in ("all", "recent", "northeast"):
        w = windows if sample == "all" else windows[windows["end_year"] >= recent_from]
        if sample == "northeast":
            w = w[w["province_id"].isin(list(NORTHEAST_PROVINCES))]
        for k in range(1, max_k + 1):
            v = w.loc[w["k"] == k, "cagr_pct"].to_numpy(dtype=float)
            qs = np.percentile(v, PERCENTILES) if len(v) else np.full(len(PERCENTILES), np.nan)
            row: dict[str, object] = {"sample": sample, "k": k, "n": int(len(v)),
                                      "n_cities": int(w.loc[w["k"] == k, "city_id"].nunique())}
            row.update({pcol(p): round(float(q), 4) for p, q in zip(PERCENTILES, qs)})
            rows.append(row)
    return pd.DataFrame(rows)


def write_panel_cagr_quantiles(panel_csv: str | Path | None = None, path: str | Path | None = None) -> Path:
    """Recompute :func:`panel_growth_summary` from the panel and write the committed table (atomically)."""
    path = Path(path) if path is not None else paths().panel_cagr_csv
    write_csv(panel_growth_summary(panel_csv), path)
    return path


def load_panel_cagr_quantiles(path: str | Path | None = None) -> pd.DataFrame:
    """The committed CAGR percentile table (``data/raw/history/panel_cagr_quantiles.csv``).

    >>> t = load_panel_cagr_quantiles()
    >>> sorted(set(t["sample"])), int(t["k"].max()), len(t.columns)
    (['all', 'northeast', 'recent'], 10, 105)
    """
    path = Path(path) if path is not None else paths().panel_cagr_csv
    try:
        stat = path.stat()
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    return _read_quantiles(str(path), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=8)
def _read_quantiles(path_text: str, mtime_ns: int, size: int) -> pd.DataFrame:
    path = Path(path_text)
    df = pd.read_csv(path)
    missing = [c for c in ["sample", "k", "n"] + [pcol(p) for p in PERCENTILES] if c not in df.columns]
    if missing:
        raise HistoryError(f"{path}: line 1: missing column(s) {', '.join(missing[:5])}")
    return df


def _percentile_below(x: float, q: np.ndarray) -> float:
    """Approximate percent of the distribution strictly below ``x`` from its 101 percentiles."""
    if x <= q[0]:
        return 0.0
    if x > q[-1]:
        return 100.0
    b = int(np.searchsorted(q, x, side="left"))  # first percentile >= x
    if q[b] == x:
        return float(b)
    a = b - 1
    return float(a + (x - q[a]) / (q[b] - q[a]))


def _quantile_row(table: pd.DataFrame, k: int, recent: bool | str) -> tuple[np.ndarray, int]:
    if int(k) != k:
        raise ValueError(f"window length k must be a whole number of years, not {k!r}")
    sample = recent if isinstance(recent, str) else ("recent" if recent else "all")
    row = table[(table["sample"] == sample) & (table["k"] == int(k))]
    if row.empty:
        ks = sorted(int(v) for v in table.loc[table["sample"] == sample, "k"])
        raise ValueError(f"no {sample} windows of k = {k} years in the CAGR table (k available: {ks})")
    n = int(row["n"].iloc[0])
    q = row[[pcol(p) for p in PERCENTILES]].iloc[0].to_numpy(dtype=float)
    return q, n


def share_at_or_above(required_cagr: float, k: int, recent: bool | str = False, table: pd.DataFrame | None = None) -> float:
    """Share of city-periods of ``k`` years whose nominal GDP CAGR was at least ``required_cagr`` (%).

    Read from the committed percentile table (no panel needed). The approximation: the
    CAGR's distribution function is interpolated linearly between the 101 stored
    percentiles (p0 … p100), so the share is exact to about one percentile; below p0 it is
    1, above p100 it is 0. ``recent`` uses only windows ending 2015 or later; a sample name
    (``"northeast"``) picks that sample.

    >>> t = load_panel_cagr_quantiles()
    >>> median = float(t.loc[(t["sample"] == "all") & (t["k"] == 5), "p50"].iloc[0])
    >>> share_at_or_above(median, 5)
    0.5
    """
    t = load_panel_cagr_quantiles() if table is None else table
    q, n = _quantile_row(t, k, recent)
    if n == 0 or np.isnan(q).any():
        return float("nan")
    return 1.0 - _percentile_below(float(required_cagr), q) / 100


@dataclass(frozen=True)
class OutsideView:
    """How often cities grew at least as fast as required, over windows of the same length."""

    required_cagr_pct: float
    k: int
    share_overall: float
    share_recent: float
    percentile: float
    percentile_recent: float
    n_overall: int
    n_recent: int
    share_northeast: float = float("nan")
    n_northeast: int = 0


def outside_view(
    required_cagr: float, k: int, panel_csv: str | Path | None = None, table: pd.DataFrame | None = None
) -> OutsideView:
    """The outside view of a required nominal CAGR (%) over ``k`` years.

    Shares of city-periods at or above it (all windows, windows ending 2015+, and those of
    Northeast cities) and its percentile among all windows (percent of city-periods below
    it). By default from the
    committed table; with ``panel_csv`` (any CSV in the panel's format) recomputed from it.

    >>> v = outside_view(10.0, 5)
    >>> 0 < v.share_overall < 1, round(v.percentile + 100 * v.share_overall, 6)
    (True, 100.0)
    """
    t = table if table is not None else (panel_growth_summary(panel_csv) if panel_csv is not None else load_panel_cagr_quantiles())
    share = share_at_or_above(required_cagr, k, False, t)
    share_recent = share_at_or_above(required_cagr, k, True, t)
    has_ne = bool(((t["sample"] == "northeast") & (t["k"] == int(k))).any())
    share_ne = share_at_or_above(required_cagr, k, "northeast", t) if has_ne else float("nan")
    return OutsideView(
        required_cagr_pct=float(required_cagr), k=int(k), share_overall=share, share_recent=share_recent,
        percentile=100 * (1 - share), percentile_recent=100 * (1 - share_recent),
        n_overall=_quantile_row(t, k, False)[1], n_recent=_quantile_row(t, k, True)[1],
        share_northeast=share_ne, n_northeast=_quantile_row(t, k, "northeast")[1] if has_ne else 0,
    )


# --------------------------------------------------------------------------- city series for backtests


def load_panel_series(panel_csv: str | Path, min_points: int = 1) -> dict[str, pd.Series]:
    """Each city's GDP level series (亿元) from a panel CSV, cut after its last break.

    Columns used: ``Sgnyea`` (year), ``Ctnm_id`` (city code), ``Prvcnm_id`` (province code),
    ``Gdpct01`` (GDP); spaces around names and values are stripped. Breaks: Liaoning cities
    (province 210000) keep only 2017 on (the province restated its figures); every series keeps
    only the years from the last missing year, non-positive value or probable break
    (:func:`probable_breaks`) on. A repeated (city, year) keeps its first
    row. Series with fewer than ``min_points`` points are left out.
    """
    df = pd.read_csv(panel_csv, dtype=str, skipinitialspace=True)
    df.columns = [str(c).strip() for c in df.columns]
    need = {"Sgnyea", "Ctnm_id", "Gdpct01"}
    if not need <= set(df.columns):
        raise ValueError(f"{panel_csv}: needs columns {sorted(need)}, has {list(df.columns)}")
    df = df.apply(lambda c: c.str.strip())
    year = pd.to_numeric(df["Sgnyea"], errors="coerce")
    gdp = pd.to_numeric(df["Gdpct01"], errors="coerce")
    prov = pd.to_numeric(df["Prvcnm_id"], errors="coerce") if "Prvcnm_id" in df.columns else pd.Series(np.nan, index=df.index)
    t = pd.DataFrame({"year": year, "city": df["Ctnm_id"], "prov": prov, "gdp": gdp})
    t = t.dropna(subset=["year", "city"]).astype({"year": "int64"})
    t = t.drop_duplicates(["city", "year"], keep="first").sort_values(["city", "year"])
    out: dict[str, pd.Series] = {}
    for city, g in t.groupby("city", sort=True):
        if (g["prov"] == LIAONING_PROVINCE_ID).any():
            g = g[g["year"] >= PROVINCE_FIRST_YEAR[LIAONING_PROVINCE_ID]]
        g = g[g["gdp"].notna()]
        years = g["year"].to_numpy()
        v = g["gdp"].to_numpy(float)
        start = 0
        for i in range(len(v)):
            if not v[i] > 0:
                start = i + 1
            elif i > start and (years[i] - years[i - 1] != 1 or probable_breaks(years[i - 1:i + 1], v[i - 1:i + 1])[0]):
                start = i
        if len(v) - start >= max(1, min_points):
            out[str(city)] = pd.Series(v[start:], index=pd.Index(years[start:], dtype="int64", name="year"), name=str(city))
    return out



# --------------------------------------------------------------------------- carrying panel facts


def carry_panel_facts(panel_dir: str | Path | None = None, out_dir: str | Path | None = None) -> list[Path]:
    """Copy Shenyang's GDP rows and Liaoning's CPI from the city panel into ``data/raw/history``.

    Figures are carried as written in the panel (same decimal text); only Shenyang
    (Ctnm_id 210100) and Liaoning (Prvcnm_id 210000) rows, 1990-2021 for GDP and the years
    with a CPI value. The panel itself is not copied.
    """
    panel_dir = Path(panel_dir) if panel_dir is not None else paths().city_panel_dir
    out_dir = Path(out_dir) if out_dir is not None else paths().history_dir
    gdp_path, cpi_path = panel_dir / "city_gdp.csv", panel_dir / "province_cpi.csv"
    gdp = sorted(
        (int(r["Sgnyea"]), r["Gdpct01"], r["GDPYoY"])
        for _, r in csv_rows(gdp_path, ("Sgnyea", "Ctnm_id", "Gdpct01", "GDPYoY"))
        if r["Ctnm_id"] == str(SHENYANG_CITY_ID) and 1990 <= int(r["Sgnyea"]) <= 2021
    )
    cpi = sorted(
        (int(r["Sgnyea"]), r["Pi0101"])
        for _, r in csv_rows(cpi_path, ("Sgnyea", "Prvcnm_id", "Pi0101"))
        if r["Prvcnm_id"] == str(LIAONING_PROVINCE_ID) and r["Pi0101"]
    )
    gdp_out, cpi_out = out_dir / paths().shenyang_panel_csv.name, out_dir / paths().cpi_csv.name
    write_text(gdp_out, "year,gdp_100m_yuan,gdp_real_growth_pct\n" + "".join(f"{y},{g},{r}\n" for y, g, r in gdp))
    write_text(cpi_out, "year,cpi_prev_year_100\n" + "".join(f"{y},{c}\n" for y, c in cpi))
    return [gdp_out, cpi_out]
