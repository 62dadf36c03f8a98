"""Reference classes carried as small tables: how comparable regions moved, year by year.

Three tables in ``data/raw/history/``, each regenerated from the panels beside the project
(``python -m shenyang_analysis history refresh``) and read without them:

* ``panel_real_growth_quantiles.csv`` (:func:`real_growth_summary`): percentiles p0 … p100 of
  the k-year **real** GDP growth (% a year, chained from ``GDPYoY``) of Chinese cities, k = 1..10,
  for three samples: ``all``, ``recent`` (windows ending 2015 or later) and ``northeast``
  (recent windows of cities in Liaoning, Jilin, Heilongjiang). Liaoning's growth before 2017
  (the 2016 restatement) is not used. A money level's reference-class projection is its
  baseline grown at these rates and turned nominal with the price path.
* ``panel_share_drift.csv`` (:func:`share_drift_summary`): how fast a city's share of its
  province's GDP drifts: the standard deviation of the yearly change of the log share (cities
  of the panel, shares of the panel cities of the same province present in both years), by
  sample. The variance a district's share of its city is given when the district's own share
  points are too few to estimate one.
* ``province_rd_intensity.csv`` (:func:`carry_province_rd`): R&D intensity (%) of the 31
  provinces 2011–2023 (NBS R&D bulletins via ``huhuaping/techme``, ``RDIntense``); its
  yearly changes are the reference class of a district's R&D intensity.

>>> t = load_real_growth_quantiles()
>>> sorted(set(t["sample"])), int(t["k"].max())
(['all', 'northeast', 'recent'], 10)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, paths
from ..io.atomic import write_csv
from ..vocab import NORTHEAST_PROVINCES
from .csvrows import HistoryError, csv_rows, parse_decimal, parse_year
from .panels import PERCENTILES, PROVINCE_FIRST_YEAR, pcol, probable_breaks

__all__ = [
    "SAMPLES", "read_panel_growth", "real_growth_windows", "real_growth_summary", "share_drift_summary",
    "carry_province_rd", "load_real_growth_quantiles", "load_share_drift", "load_province_rd", "refresh_reference_tables",
    "quantile_row",
]

SAMPLES = ("all", "recent", "northeast")
NORTHEAST_NAMES = tuple(NORTHEAST_PROVINCES.values())
TECHME_SOURCE = "huhuaping/techme @ 9ad60a190dec4a56953da9c478d42cd44c80762a, data/RDIntense.rda (NBS R&D bulletins)"


def read_panel_growth(path: str | Path | None = None) -> pd.DataFrame:
    """city_id, province_id, year, gdp_100m_yuan, real_growth_pct from a panel CSV in the format of ``city_gdp.csv``.

    Errors name the file and line; empty cells stay missing.
    """
    path = Path(path) if path is not None else paths().city_panel_dir / "city_gdp.csv"
    rows = []
    for line, raw in csv_rows(path, ("Sgnyea", "Ctnm_id", "Prvcnm_id", "Gdpct01", "GDPYoY")):
        where = f"{path}: line {line}"
        try:
            city, prov = int(raw["Ctnm_id"]), int(raw["Prvcnm_id"])
        except ValueError:
            raise HistoryError(f"{where}: Ctnm_id {raw['Ctnm_id']!r} / Prvcnm_id {raw['Prvcnm_id']!r} are not integer codes") from None
        gdp = float(parse_decimal(raw["Gdpct01"], where, "Gdpct01")) if raw["Gdpct01"] else np.nan
        growth = float(parse_decimal(raw["GDPYoY"], where, "GDPYoY")) if raw["GDPYoY"] else np.nan
        rows.append((city, prov, parse_year(raw["Sgnyea"], where), gdp, growth))
    df = pd.DataFrame(rows, columns=["city_id", "province_id", "year", "gdp_100m_yuan", "real_growth_pct"])
    return df.drop_duplicates(["city_id", "year"], keep="first").sort_values(["city_id", "year"]).reset_index(drop=True)


def real_growth_windows(panel: pd.DataFrame, max_k: int = 10, province_first_year: Mapping[int, int] | None = None) -> pd.DataFrame:
    """Real growth (% a year) of every city over every run of k = 1..max_k consecutive growth years.

    The window ending in ``y`` over ``k`` years chains the growth rates of ``y − k + 1 … y``;
    a province's growth before its first usable year (Liaoning: 2017) is not used.

    >>> p = pd.DataFrame({"city_id": 1, "province_id": 9, "year": [2001, 2002, 2003], "real_growth_pct": [10.0, 10.0, 21.0]})
    >>> real_growth_windows(p, max_k=2)[["end_year", "k", "cagr_pct"]].round(4).values.tolist()
    [[2001.0, 1.0, 10.0], [2002.0, 1.0, 10.0], [2002.0, 2.0, 10.0], [2003.0, 1.0, 21.0], [2003.0, 2.0, 15.369]]
    """
    firsts = PROVINCE_FIRST_YEAR if province_first_year is None else province_first_year
    out = []
    for (city, prov), g in panel.groupby(["city_id", "province_id"], sort=True):
        g = g[g["real_growth_pct"].notna() & (g["year"] >= firsts.get(int(prov), -10**9))]
        growth = dict(zip(g["year"].astype(int), 1 + g["real_growth_pct"].astype(float) / 100))
        for end in sorted(growth):
            factor = 1.0
            for k in range(1, max_k + 1):
                y = end - k + 1
                if y not in growth:
                    break
                factor *= growth[y]
                out.append((int(city), int(prov), end, k, 100 * (factor ** (1 / k) - 1)))
    df = pd.DataFrame(out, columns=["city_id", "province_id", "end_year", "k", "cagr_pct"])
    return df.astype({"city_id": "int64", "province_id": "int64", "end_year": "int64", "k": "int64", "cagr_pct": "float64"})


def _sample(df: pd.DataFrame, sample: str, recent_from: int) -> pd.DataFrame:
    if sample == "all":
        return df
    recent = df[df["end_year"] >= recent_from]
    return recent if sample == "recent" else recent[recent["province_id"].isin(list(NORTHEAST_PROVINCES))]


def real_growth_summary(panel_csv: str | Path | None = None, max_k: int = 10,
                        recent_from: int = DEFAULT_PARAMS.recent_from) -> pd.DataFrame:
    """One row per (``sample``, ``k``): ``n`` city-windows, ``n_cities`` and percentiles p0 … p100 (%)."""
    windows = real_growth_windows(read_panel_growth(panel_csv), max_k)
    rows = []
    for sample in SAMPLES:
        w = _sample(windows, sample, recent_from)
        for k in range(1, max_k + 1):
            v = w.loc[w["k"] == k, "cagr_pct"].to_numpy(dtype=float)
            qs = np.percentile(v, PERCENTILES) if len(v) else np.full(len(PERCENTILES), np.nan)
            row: dict[str, object] = {"sample": sample, "k": k, "n": int(len(v)), "n_cities": int(w.loc[w["k"] == k, "city_id"].nunique())}
            row.update({pcol(p): round(float(q), 4) for p, q in zip(PERCENTILES, qs)})
            rows.append(row)
    return pd.DataFrame(rows)


def _share_changes(panel: pd.DataFrame, break_log_change: float) -> pd.DataFrame:
    """Yearly change of log(city GDP / GDP of the province's panel cities present both years)."""
    p = panel[panel["gdp_100m_yuan"] > 0]
    p = p[p["year"] >= p["province_id"].map(PROVINCE_FIRST_YEAR).fillna(-10**9)]
    out = []
    for prov, g in p.groupby("province_id"):
        wide = g.pivot_table(index="year", columns="city_id", values="gdp_100m_yuan")
        for y in wide.index[1:]:
            if y - 1 not in wide.index:
                continue
            both = wide.loc[[y - 1, y]].dropna(axis=1)
            if both.shape[1] < 2:
                continue
            share = both.div(both.sum(axis=1), axis=0)
            jump = probable_breaks(np.array([y - 1, y]), both.sum(axis=1).to_numpy(), break_log_change)[0]
            city_jump = np.abs(np.log(both.iloc[1] / both.iloc[0])) > break_log_change
            d = np.log(share.iloc[1] / share.iloc[0])
            for city, v in d[~city_jump].items():
                if not jump:
                    out.append((int(city), int(prov), int(y), float(v)))
    return pd.DataFrame(out, columns=["city_id", "province_id", "end_year", "dlog_share"])


def share_drift_summary(panel_csv: str | Path | None = None, recent_from: int = DEFAULT_PARAMS.recent_from,
                        break_log_change: float = DEFAULT_PARAMS.break_log_change) -> pd.DataFrame:
    """One row per sample: ``n`` city-years, ``n_cities``, ``mean`` and ``sd`` of the yearly log-share change.

    The sd is the OLS residual scale of the changes on a constant (statsmodels), i.e. the
    sample standard deviation.
    """
    from statsmodels.regression.linear_model import OLS  # lighter than statsmodels.api

    changes = _share_changes(read_panel_growth(panel_csv), break_log_change)
    rows = []
    for sample in SAMPLES:
        v = _sample(changes, sample, recent_from)["dlog_share"].to_numpy(float)
        fit = OLS(v, np.ones_like(v)).fit()
        rows.append({"sample": sample, "n": int(len(v)), "n_cities": int(_sample(changes, sample, recent_from)["city_id"].nunique()),
                     "mean": round(float(fit.params[0]), 6), "sd": round(float(np.sqrt(fit.scale)), 6)})
    return pd.DataFrame(rows)


def carry_province_rd(panel_dir: str | Path | None = None) -> pd.DataFrame:
    """province, year, rd_intensity_pct: the ``RDIntense`` R&D intensity rows of the province panel."""
    panel_dir = Path(panel_dir) if panel_dir is not None else paths().province_panel_dir
    path = panel_dir / "techme_province_innovation_2000_2024.csv"
    rows = []
    for line, raw in csv_rows(path, ("dataset", "province", "year", "item", "code", "value", "units")):
        if raw["dataset"] == "RDIntense" and raw["code"] == "v4_ztr_qd_RD" and raw["value"] and raw["province"] != "全国":
            where = f"{path}: line {line}"
            rows.append((raw["province"], parse_year(raw["year"], where), float(parse_decimal(raw["value"], where, "value"))))
    df = pd.DataFrame(rows, columns=["province", "year", "rd_intensity_pct"]).sort_values(["province", "year"])
    df["source"] = TECHME_SOURCE
    return df.reset_index(drop=True)


def refresh_reference_tables(city_panel_csv: str | Path | None = None, province_panel_dir: str | Path | None = None) -> list[Path]:
    """Regenerate the three tables (atomically) from the panels; returns the paths written."""
    p = paths()
    out = [p.panel_real_growth_csv, p.history_dir / "panel_share_drift.csv", p.province_rd_csv]
    write_csv(real_growth_summary(city_panel_csv), out[0])
    write_csv(share_drift_summary(city_panel_csv), out[1])
    write_csv(carry_province_rd(province_panel_dir), out[2])
    return out


@functools.lru_cache(maxsize=8)
def _read(path_text: str, mtime_ns: int, required: tuple[str, ...]) -> pd.DataFrame:
    path = Path(path_text)
    df = pd.read_csv(path)
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise HistoryError(f"{path}: line 1: missing column(s) {', '.join(missing[:5])}")
    return df


def _load(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        stat = path.stat()
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    return _read(str(path), stat.st_mtime_ns, required).copy()


def load_real_growth_quantiles(path: str | Path | None = None) -> pd.DataFrame:
    """The committed real-growth percentile table."""
    return _load(Path(path) if path else paths().panel_real_growth_csv, ("sample", "k", "n", "p0", "p50", "p100"))


def load_share_drift(path: str | Path | None = None) -> pd.DataFrame:
    """The committed share-drift table (sample, n, n_cities, mean, sd).

    >>> d = load_share_drift().set_index("sample")
    >>> 0 < float(d.loc["recent", "sd"]) < 0.2
    True
    """
    return _load(Path(path) if path else paths().history_dir / "panel_share_drift.csv", ("sample", "n", "mean", "sd"))


def load_province_rd(path: str | Path | None = None) -> pd.DataFrame:
    """The committed province R&D intensity table (province, year, rd_intensity_pct, source).

    >>> r = load_province_rd()
    >>> float(r[(r["province"] == "辽宁") & (r["year"] == 2021)]["rd_intensity_pct"].iloc[0])
    2.18
    """
    return _load(Path(path) if path else paths().province_rd_csv, ("province", "year", "rd_intensity_pct"))


def quantile_row(table: pd.DataFrame, sample: str, k: int) -> np.ndarray:
    """The 101 percentiles of one (sample, k) row; ValueError naming what is missing."""
    row = table[(table["sample"] == sample) & (table["k"] == int(k))]
    if row.empty or int(row["n"].iloc[0]) == 0:
        raise ValueError(f"no {sample} windows of k = {k} years in the reference table")
    return row[[pcol(p) for p in PERCENTILES]].iloc[0].to_numpy(dtype=float)
