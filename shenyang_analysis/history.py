"""Past figures for Shenyang and its districts in one tidy table, and an outside view of growth.

Three sources enter :func:`load_history`, each row tagged with its ``origin``:

* ``history_file`` -- ``data/raw/history/history_observations.csv``: figures read from public
  web pages (estimates, bulletins, reposts), with a free-text ``note`` on their status;
* ``city_panel`` -- ``data/raw/history/shenyang_gdp_panel.csv``: Shenyang's GDP (current
  prices) and real growth 1990-2021 from the city panel's statistical-yearbook tables;
* ``document`` -- the ``observation`` rows of the project's target table whose indicator is
  known (past figures the plan documents themselves report).

Values are in the project's base units (亿元 → yuan ×1e8, 万人 → count ×1e4, % stays
percent, 家/个 → count, 天 → day). Several rows can describe the same (region, indicator,
year, measure); :func:`resolve_conflicts` picks one by a single documented rule and lists the
disagreements. :func:`series` gives one annual series, cut at the last recorded series break
(``series_breaks.csv``). :func:`chain_growth`, :func:`deflator` and :func:`nominal_from_real`
link real growth rates to nominal levels; :func:`outside_view` says how often Chinese cities
have grown as fast as a target requires (from ``panel_cagr_quantiles.csv``, committed, so no
panel is needed at run time).

>>> h = load_history(documents=False)
>>> s = series(h, "shenyang", "gdp")
>>> int(s.index.min()), float(s.loc[2018]), s.attrs["status"][2018], s.attrs["basis"]
(2018, 610190000000.0, 'revised', 'nominal (current prices)')
>>> round(share_at_or_above(8.0, 5), 2) < round(share_at_or_above(4.0, 5), 2)
True
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .atomic import write_csv, write_text
from .documents import read_text
from .paths import INDICATORS_CSV, RAW_DIR, ROOT
from .schema import UNITS, TableError, schema_failure

__all__ = [
    "HISTORY_COLUMNS", "STATUSES", "ORIGINS", "MEASURES", "HistoryError", "OutsideView",
    "to_base_unit", "read_history_csv", "load_history", "history_targets", "document_observations", "note_status",
    "history_schema", "validate_history", "resolve_conflicts", "load_breaks", "series",
    "chain_growth", "load_cpi", "default_inflation_pct", "deflator", "nominal_from_real",
    "cagr_pct", "read_city_panel", "panel_cagr_windows", "panel_growth_summary",
    "load_panel_cagr_quantiles", "write_panel_cagr_quantiles", "share_at_or_above",
    "outside_view", "carry_panel_facts",
]

HISTORY_DIR = RAW_DIR / "history"
HISTORY_CSV = HISTORY_DIR / "history_observations.csv"
SHENYANG_PANEL_CSV = HISTORY_DIR / "shenyang_gdp_panel.csv"
LIAONING_CPI_CSV = HISTORY_DIR / "liaoning_cpi.csv"
BREAKS_CSV = HISTORY_DIR / "series_breaks.csv"
PANEL_CAGR_CSV = HISTORY_DIR / "panel_cagr_quantiles.csv"
# the city panel lives outside the project (it must not be committed): ../shared/data/city_panel
CITY_PANEL_DIR = Path(os.environ.get("SHENYANG_CITY_PANEL_DIR", ROOT.parent / "shared" / "data" / "city_panel"))
CITY_GDP_CSV = CITY_PANEL_DIR / "city_gdp.csv"
PROVINCE_CPI_CSV = CITY_PANEL_DIR / "province_cpi.csv"

# the panel: China Regional Economy tables (official city/provincial yearbook statistics) as
# redistributed in the public repository eileenCHEN-9/PhD_2022_2025, data/raw_data/statistics/
PANEL_SOURCE = "city_panel: city_gdp.csv (eileenCHEN-9/PhD_2022_2025, China Regional Economy tables)"
SHENYANG_CITY_ID = 210100
LIAONING_PROVINCE_ID = 210000

HISTORY_COLUMNS: dict[str, str] = {
    "region": "string",
    "indicator": "string",
    "year": "int64",
    "value": "float64",
    "unit": "string",
    "measure": "string",
    "source": "string",
    "source_detail": "string",
    "status": "string",
    "is_lower_bound": "bool",
    "is_preliminary": "bool",
    "is_estimate": "bool",
    "origin": "string",
}
# in order of preference when several rows describe the same figure (see resolve_conflicts)
STATUSES = ("revised", "official", "preliminary", "document", "estimate", "secondary", "lower_bound")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
ORIGINS = ("history_file", "city_panel", "document")
MEASURES = ("level", "growth", "share")
KEY = ["region", "indicator", "year", "measure"]

HISTORY_FILE_COLUMNS = (
    "region", "indicator", "year", "value", "unit", "measure", "source_url", "source_phrase", "note",
)
# unit as written in the history file → (project unit id, factor to the base unit)
UNIT_FACTORS: dict[str, tuple[str, Decimal]] = {
    "亿元": ("yuan", Decimal(10) ** 8),
    "万元": ("yuan", Decimal(10) ** 4),
    "元": ("yuan", Decimal(1)),
    "万人": ("count", Decimal(10) ** 4),
    "人": ("count", Decimal(1)),
    "家": ("count", Decimal(1)),
    "个": ("count", Decimal(1)),
    "个/万人": ("count", Decimal(1)),  # per 10,000 residents, as the catalog's 5g_base_stations_per_10k
    "%": ("percent", Decimal(1)),
    "天": ("day", Decimal(1)),
}
FILE_MEASURES = {"level": "level", "growth_pct": "growth", "share_pct": "share"}
# growth rates published at comparable prices (history_observations.md); other money growth is nominal
REAL_GROWTH_INDICATORS = frozenset(
    {"gdp_real_growth", "industrial_va_growth", "industrial_va_growth_avg_2016_2020", "hightech_manufacturing_va_growth"}
)
MONEY_UNITS = frozenset({"yuan", "usd"})
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_INDICATOR = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class HistoryError(ValueError):
    """A history, panel or break file that cannot be read; the message names the file, line and problem."""


# --------------------------------------------------------------------------- parsing helpers


def _csv_rows(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(file line, row) for each data row; a missing column is an error naming line 1."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise HistoryError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    rows = []
    for raw in reader:
        if None in raw:
            raise HistoryError(f"{path}: line {reader.line_num}: more fields than the header's {len(reader.fieldnames or [])}")
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in raw.items()}))
    return rows


def _parse_year(text: str, where: str) -> int:
    if not re.fullmatch(r"\d{4}", text) or not 1949 <= int(text) <= 2100:
        raise HistoryError(f"{where}: year {text!r} is not a year (four digits, 1949-2100)")
    return int(text)


def _parse_decimal(text: str, where: str, column: str) -> Decimal:
    try:
        d = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise HistoryError(f"{where}: {column} {text!r} is not a number") from None
    if not d.is_finite():
        raise HistoryError(f"{where}: {column} {text!r} is not a finite number")
    return d


def to_base_unit(value: Decimal | str, unit: str) -> tuple[float, str]:
    """A figure in a history-file unit → (value in the project's base unit, unit id), exactly.

    >>> to_base_unit("6101.9", "亿元")
    (610190000000.0, 'yuan')
    >>> to_base_unit("911.8", "万人"), to_base_unit("3.5", "%")
    ((9118000.0, 'count'), (3.5, 'percent'))
    """
    unit_id, factor = UNIT_FACTORS[unit]
    return float(Decimal(value) * factor), unit_id


def note_status(note: str, source_url: str = "http") -> str:
    """The status of a history-file row from its ``note`` (first matching rule wins).

    1. ``lower bound`` anywhere in the note → ``lower_bound`` (突破/超过: a threshold, not a level);
    2. the word ``revised`` → ``revised`` (after the economic census or a later revision);
    3. ``estimate``/预计 in the note's first clause (before the first ``;``) → ``estimate``;
    4. ``preliminary``/初步核算/初核 in the first clause → ``preliminary``;
    5. ``official`` (not ``unofficial``) in the first clause → ``official``;
    6. a secondary-source marker anywhere (secondary source, repost, content farm, blog,
       encyclopedia, Wikipedia mirror, translation, compilation, journal article, VERIFY) or a
       source without a URL → ``secondary``;
    7. ``estimate``/预计/approximation/'about' anywhere → ``estimate``;
    8. ``preliminary`` anywhere → ``preliminary``;
    9. otherwise ``official`` (a figure from the issuing agency with no flag).

    >>> note_status("revised after 4th national economic census; secondary source")
    'revised'
    >>> note_status("preliminary (初核) before census revision; superseded by 6101.9; secondary source")
    'preliminary'
    >>> note_status("official (Feb 2025); Jan-2025 plan report had estimate 16.9%")
    'official'
    >>> note_status("secondary source; 'exceeded 1200亿元' (lower bound, not exact)")
    'lower_bound'
    """
    n = note.lower()
    first = n.split(";", 1)[0]
    if "lower bound" in n:
        return "lower_bound"
    if re.search(r"\brevised\b", n):
        return "revised"
    if "estimate" in first or "预计" in first:
        return "estimate"
    if any(w in first for w in ("preliminary", "初步核算", "初核")):
        return "preliminary"
    if re.search(r"(?<!un)official", first):
        return "official"
    secondary = (
        "secondary", "repost", "content-farm", "content farm", "blog", "encyclopedia", "wikipedia",
        "mirror", "translation", "translated", "compilation", "journal article", "verify",
    )
    if any(w in n for w in secondary) or not source_url.lower().startswith("http"):
        return "secondary"
    if any(w in n for w in ("estimate", "预计", "approximation", "'about")):
        return "estimate"
    if "preliminary" in n:
        return "preliminary"
    return "official"


def _flags(note: str, source_phrase: str, status: str) -> dict[str, bool]:
    n = note.lower()
    first = n.split(";", 1)[0]
    return {
        "is_lower_bound": status == "lower_bound" or "lower bound" in n,
        "is_preliminary": status == "preliminary"
        or any(w in first for w in ("preliminary", "初步核算", "初核"))
        or "(preliminary)" in n,
        "is_estimate": status == "estimate" or "estimate" in first or "预计" in source_phrase,
    }


def _typed(rows: list[dict[str, object]] | pd.DataFrame, extra: Mapping[str, str] | None = None) -> pd.DataFrame:
    cols = {**HISTORY_COLUMNS, **(extra or {})}
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.copy()
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})
    for col, dtype in cols.items():
        df[col] = df[col].astype(dtype)
    return df[list(cols)].reset_index(drop=True)


# --------------------------------------------------------------------------- the history file


def _catalog_ids(path: Path | None) -> set[str] | None:
    if path is None or not Path(path).exists():
        return None
    return {row["indicator"] for _, row in _csv_rows(Path(path), ["indicator"])}


def read_history_csv(path: str | Path | None = None, indicators_csv: str | Path | None = INDICATORS_CSV) -> pd.DataFrame:
    """Every row of the history file (targets too), converted, with its file ``line`` and ``note``.

    Errors name the file and the line: a missing column, a bad year or value, an unknown unit
    or measure, a growth/share figure not in %, an empty source, an indicator id that is not a
    snake_case id or (unless ``indicators_csv`` is None) not in the indicator catalog.

    >>> df = read_history_csv()
    >>> df.loc[df["line"] == 22, ["indicator", "year", "value", "unit", "status"]].values.tolist()
    [['gdp', 2018, 610190000000.0, 'yuan', 'revised']]
    """
    path = Path(path) if path is not None else HISTORY_CSV
    known = _catalog_ids(Path(indicators_csv)) if indicators_csv is not None else None
    out: list[dict[str, object]] = []
    for line, raw in _csv_rows(path, HISTORY_FILE_COLUMNS):
        where = f"{path}: line {line}"
        region, indicator = raw["region"], raw["indicator"]
        if not _SLUG.match(region):
            raise HistoryError(f"{where}: region {region!r} is not a lower-case pinyin slug")
        if not _INDICATOR.match(indicator):
            raise HistoryError(f"{where}: indicator {indicator!r} is not a snake_case id")
        is_target = indicator.endswith("_target")
        if known is not None and not is_target and indicator not in known:
            raise HistoryError(f"{where}: indicator {indicator!r} is not in the catalog {indicators_csv}")
        year = _parse_year(raw["year"], where)
        value = _parse_decimal(raw["value"], where, "value")
        if raw["unit"] not in UNIT_FACTORS:
            raise HistoryError(f"{where}: unit {raw['unit']!r} is not one of {', '.join(UNIT_FACTORS)}")
        if raw["measure"] not in FILE_MEASURES:
            raise HistoryError(f"{where}: measure {raw['measure']!r} is not one of {', '.join(FILE_MEASURES)}")
        measure = FILE_MEASURES[raw["measure"]]
        if measure != "level" and raw["unit"] != "%":
            raise HistoryError(f"{where}: a {raw['measure']} figure must be in %, not {raw['unit']!r}")
        if not raw["source_url"]:
            raise HistoryError(f"{where}: empty source_url")
        base, unit = to_base_unit(value, raw["unit"])
        status = note_status(raw["note"], raw["source_url"])
        out.append(
            {
                "region": region, "indicator": indicator, "year": year, "value": base, "unit": unit,
                "measure": measure, "source": raw["source_url"], "source_detail": raw["source_phrase"] or None,
                "status": status, **_flags(raw["note"], raw["source_phrase"], status),
                "origin": "history_file", "line": line, "note": raw["note"] or None,
            }
        )
    return _typed(out, {"line": "int64", "note": "string"})


def _comparator(phrase: str) -> str:
    if re.search(r"以上|突破|超过|不少于|不低于|力争", phrase):
        return ">="
    if re.search(r"以内|以下|控制在|不高于", phrase):
        return "<="
    if re.search(r"左右|约", phrase):
        return "~"
    return "=="


def history_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The ``_target`` rows of the history file (plan targets, not observations).

    Same columns as :func:`load_history` with ``status`` = ``target``, plus ``base_indicator``
    (the indicator the target is about: ``gdp_real_growth_target`` → ``gdp_real_growth``),
    ``comparator`` (from the source phrase, as the target table: 以上/突破/力争 → ``>=``) and
    ``note``. The feasibility step can read planned growth rates from here.

    >>> t = history_targets()
    >>> t.loc[t["indicator"] == "gdp_real_growth_target", ["base_indicator", "year", "value", "comparator"]].values.tolist()
    [['gdp_real_growth', 2025, 5.5, '>=']]
    """
    df = read_history_csv(path, indicators_csv=None)
    df = df[df["indicator"].str.endswith("_target")].copy()
    df["status"] = "target"
    df["base_indicator"] = df["indicator"].str.removesuffix("_target").astype("string")
    df["comparator"] = [_comparator(p or "") for p in df["source_detail"].fillna("")]
    return _typed(df, {"base_indicator": "string", "comparator": "string", "note": "string"})


# --------------------------------------------------------------------------- the other two sources


def load_shenyang_panel(path: str | Path | None = None) -> pd.DataFrame:
    """Shenyang's rows of the city panel (year, GDP in 亿元, real growth %) as carried into ``data/raw``.

    >>> float(load_shenyang_panel().set_index("year").loc[2016, "gdp_100m_yuan"])
    5546.4498
    """
    path = Path(path) if path is not None else SHENYANG_PANEL_CSV
    rows = []
    for line, raw in _csv_rows(path, ("year", "gdp_100m_yuan", "gdp_real_growth_pct")):
        where = f"{path}: line {line}"
        rows.append(
            {
                "year": _parse_year(raw["year"], where),
                "gdp_100m_yuan": float(_parse_decimal(raw["gdp_100m_yuan"], where, "gdp_100m_yuan")) if raw["gdp_100m_yuan"] else np.nan,
                "gdp_real_growth_pct": float(_parse_decimal(raw["gdp_real_growth_pct"], where, "gdp_real_growth_pct")) if raw["gdp_real_growth_pct"] else np.nan,
                "gdp_text": raw["gdp_100m_yuan"],
            }
        )
    df = pd.DataFrame(rows, columns=["year", "gdp_100m_yuan", "gdp_real_growth_pct", "gdp_text"])
    return df.astype({"year": "int64", "gdp_100m_yuan": "float64", "gdp_real_growth_pct": "float64"})


def _panel_rows(panel: pd.DataFrame) -> list[dict[str, object]]:
    base = {"region": "shenyang", "source": PANEL_SOURCE, "status": "official", "is_lower_bound": False,
            "is_preliminary": False, "is_estimate": False, "origin": "city_panel"}
    rows: list[dict[str, object]] = []
    for r in panel.itertuples(index=False):
        if r.gdp_text:
            rows.append({**base, "indicator": "gdp", "year": r.year, "value": to_base_unit(r.gdp_text, "亿元")[0],
                         "unit": "yuan", "measure": "level",
                         "source_detail": f"Ctnm_id {SHENYANG_CITY_ID} (Shenyang) Gdpct01 = {r.gdp_text} 亿元, current prices"})
    for r in panel.itertuples(index=False):
        if not math.isnan(r.gdp_real_growth_pct):
            rows.append({**base, "indicator": "gdp_real_growth", "year": r.year, "value": float(r.gdp_real_growth_pct),
                         "unit": "percent", "measure": "growth",
                         "source_detail": f"Ctnm_id {SHENYANG_CITY_ID} (Shenyang) GDPYoY = {r.gdp_real_growth_pct:g} %, real"})
    return rows


def document_observations(targets: pd.DataFrame) -> pd.DataFrame:
    """The target table's ``observation`` rows with a known indicator, as history rows.

    ``measure`` is ``growth`` for a growth rate, ``share`` for another percent, else ``level``;
    ``source`` is the doc_id, ``source_detail`` the quote, ``status`` ``estimate`` when the
    quote says 预计 and ``document`` otherwise; ``is_lower_bound`` when the comparator is ``>=``
    (突破/超过/以上). Rows without a year, and per-year averages (年均) and cumulative totals
    (累计) -- period figures, not the year's own value -- are left out.

    >>> t = pd.DataFrame({"kind": ["observation"], "indicator": ["gdp"], "region": ["tiexi"], "year": [2020],
    ...     "value": [1.0e11], "unit": ["yuan"], "is_growth_rate": [False], "comparator": [">="],
    ...     "doc_id": ["d1"], "quote": ["预计地区生产总值突破1000亿元"]})
    >>> document_observations(t)[["measure", "status", "is_lower_bound", "origin"]].values.tolist()
    [['level', 'estimate', True, 'document']]
    """
    t = targets
    keep = (t["kind"] == "observation") & t["indicator"].notna() & t["year"].notna()
    for col in ("is_per_year", "is_cumulative"):
        if col in t.columns:
            keep &= ~t[col].fillna(False).astype(bool)
    obs = t[keep]
    growth = obs["is_growth_rate"].astype(bool)
    measure = np.where(growth, "growth", np.where(obs["unit"] == "percent", "share", "level"))
    estimate = obs["quote"].str.contains("预计", regex=False).fillna(False).astype(bool)
    df = pd.DataFrame(
        {
            "region": obs["region"], "indicator": obs["indicator"], "year": obs["year"].astype("int64"),
            "value": obs["value"].astype("float64"), "unit": obs["unit"], "measure": measure,
            "source": obs["doc_id"], "source_detail": obs["quote"],
            "status": np.where(estimate, "estimate", "document"),
            "is_lower_bound": (obs["comparator"] == ">=").astype(bool), "is_preliminary": False,
            "is_estimate": estimate.to_numpy(), "origin": "document",
        }
    )
    return _typed(df)


def load_history(
    history_csv: str | Path | None = None,
    panel_csv: str | Path | None = None,
    targets: pd.DataFrame | None = None,
    documents: bool = True,
    indicators_csv: str | Path | None = INDICATORS_CSV,
) -> pd.DataFrame:
    """One tidy table of past figures: history file, Shenyang's panel rows, document observations.

    Rows keep their source order (history file, then panel, then documents); ``_target``
    rows are left out (see :func:`history_targets`). ``targets`` is the project's target
    table (built with :func:`shenyang_analysis.build.build_targets` when None and
    ``documents``). The table is checked with :func:`validate_history`.

    >>> h = load_history(documents=False)
    >>> sorted(set(h["origin"])), bool(h["indicator"].str.endswith("_target").any())
    (['city_panel', 'history_file'], False)
    """
    hist = read_history_csv(history_csv, indicators_csv)
    hist = hist[~hist["indicator"].str.endswith("_target")].drop(columns=["line", "note"])
    parts = [hist, _typed(_panel_rows(load_shenyang_panel(panel_csv)))]
    if documents:
        if targets is None:
            from .build import build_targets

            targets = build_targets().targets
        parts.append(document_observations(targets))
    table = pd.concat([p for p in parts if len(p)], ignore_index=True)
    return validate_history(_typed(table))


# --------------------------------------------------------------------------- schema


def _measure_unit_ok(df: pd.DataFrame) -> pd.Series:
    return (
        ((df["measure"] == "growth") & df["unit"].isin(["percent", "percentage_point"]))
        | ((df["measure"] == "share") & (df["unit"] == "percent"))
        | (df["measure"] == "level")
    )


def _one_unit_per_series(df: pd.DataFrame) -> pd.Series:
    return df.groupby(["region", "indicator", "measure"])["unit"].transform("nunique") == 1


def _document_status_ok(df: pd.DataFrame) -> pd.Series:
    return (df["status"] != "document") | (df["origin"] == "document")


def history_schema() -> pa.DataFrameSchema:
    """The pandera schema of the history table."""
    s = pa.Column
    return pa.DataFrameSchema(
        {
            "region": s("string", pa.Check.str_matches(_SLUG.pattern)),
            "indicator": s("string", [
                pa.Check.str_matches(_INDICATOR.pattern),
                pa.Check(lambda v: ~v.str.endswith("_target"), name="not a _target indicator"),
            ]),
            "year": s("int64", pa.Check.in_range(1949, 2100)),
            "value": s("float64", pa.Check(lambda v: pd.Series(np.isfinite(v.to_numpy(float)), index=v.index), name="finite value")),
            "unit": s("string", pa.Check.isin(UNITS)),
            "measure": s("string", pa.Check.isin(MEASURES)),
            "source": s("string", pa.Check.str_length(min_value=1)),
            "source_detail": s("string", nullable=True),
            "status": s("string", pa.Check.isin(STATUSES)),
            "is_lower_bound": s("bool"),
            "is_preliminary": s("bool"),
            "is_estimate": s("bool"),
            "origin": s("string", pa.Check.isin(ORIGINS)),
        },
        checks=[
            pa.Check(_measure_unit_ok, name="growth in percent (or percentage_point), share in percent"),
            pa.Check(_one_unit_per_series, name="one unit per region/indicator/measure"),
            pa.Check(_document_status_ok, name="status 'document' only for origin 'document'"),
        ],
        strict=True,
        ordered=False,
    )


def validate_history(df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against :func:`history_schema`; raise :class:`TableError` naming rows and rules.

    >>> bad = load_history(documents=False).head(2).assign(measure=["level", "speed"])
    >>> validate_history(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    shenyang_analysis.schema.TableError: history table breaks its schema:
      row 1 (shenyang 5g_base_stations 2022, history_file): rule growth in percent (or percentage_point), share in percent fails
      row 1 (shenyang 5g_base_stations 2022, history_file): column measure: rule isin(...) fails (value 'speed')
    """
    missing = [c for c in HISTORY_COLUMNS if c not in df.columns]
    if missing:
        raise TableError(f"history table: missing column(s) {', '.join(missing)}")
    flat = df.reset_index(drop=True)
    try:
        history_schema().validate(flat, lazy=True)
    except pa.errors.SchemaErrors as exc:
        def label(i: int) -> str:
            r = flat.iloc[i]
            return f"row {i} ({r['region']} {r['indicator']} {r['year']}, {r['origin']})"

        raise schema_failure(exc, "history table", label, len(flat)) from None
    return df


# --------------------------------------------------------------------------- conflicts and series


def resolve_conflicts(
    history: pd.DataFrame, rel_tol: float = 0.005, pct_tol: float = 0.05
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
    unknown = sorted(set(h["status"]) - set(STATUSES))
    if unknown:
        raise ValueError(f"resolve_conflicts: unknown status value(s) {unknown}; expected one of {list(STATUSES)}")
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
    path = Path(path) if path is not None else BREAKS_CSV
    rows = []
    for line, raw in _csv_rows(path, ("region", "indicator", "year", "description", "source")):
        where = f"{path}: line {line}"
        if not _SLUG.match(raw["region"]) or not _INDICATOR.match(raw["indicator"]):
            raise HistoryError(f"{where}: region {raw['region']!r} / indicator {raw['indicator']!r} are not ids")
        if not raw["source"]:
            raise HistoryError(f"{where}: a break needs a source")
        rows.append({**raw, "year": _parse_year(raw["year"], where)})
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
    if not INDICATORS_CSV.exists():
        return {}
    return {row["indicator"]: row.get("unit", "") for _, row in _csv_rows(INDICATORS_CSV, ["indicator"])}


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


# --------------------------------------------------------------------------- real and nominal


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


def load_cpi(path: str | Path | None = None) -> pd.Series:
    """Liaoning's CPI (previous year = 100) by year, from ``data/raw/history/liaoning_cpi.csv``.

    >>> float(load_cpi().loc[2021])
    101.1
    """
    path = Path(path) if path is not None else LIAONING_CPI_CSV
    data = {}
    for line, raw in _csv_rows(path, ("year", "cpi_prev_year_100")):
        where = f"{path}: line {line}"
        data[_parse_year(raw["year"], where)] = float(_parse_decimal(raw["cpi_prev_year_100"], where, "cpi_prev_year_100"))
    s = pd.Series(data, dtype="float64", name="cpi_prev_year_100").sort_index()
    s.index = pd.Index(s.index.astype("int64"), name="year")
    return s


def _cpi(cpi: pd.Series | Mapping[int, float] | None) -> pd.Series:
    s = load_cpi() if cpi is None else pd.Series(cpi, dtype="float64")
    s.index = s.index.astype(int)
    return s.dropna().sort_index()


def default_inflation_pct(cpi: pd.Series | Mapping[int, float] | None = None, years: int = 5) -> float:
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


def cagr_pct(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate in percent.

    >>> round(cagr_pct(100.0, 121.0, 2), 10)
    10.0
    """
    if start_value <= 0 or end_value <= 0 or years <= 0:
        raise ValueError(f"cagr_pct: needs positive values and years (got {start_value}, {end_value}, {years})")
    return ((end_value / start_value) ** (1 / years) - 1) * 100


# --------------------------------------------------------------------------- the outside view

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
    shenyang_analysis.history.HistoryError: .../panel.csv: line 3: year '20I5' is not a year (four digits, 1949-2100)
    """
    path = Path(path) if path is not None else CITY_GDP_CSV
    rows, seen = [], {}
    for line, raw in _csv_rows(path, PANEL_COLUMNS):
        where = f"{path}: line {line}"
        year = _parse_year(raw["Sgnyea"], where)
        try:
            city, prov = int(raw["Ctnm_id"]), int(raw["Prvcnm_id"])
        except ValueError:
            raise HistoryError(f"{where}: Ctnm_id {raw['Ctnm_id']!r} / Prvcnm_id {raw['Prvcnm_id']!r} are not integer codes") from None
        if (city, year) in seen:
            raise HistoryError(f"{where}: city {city} has a second row for {year} (first on line {seen[(city, year)]})")
        seen[(city, year)] = line
        if raw["Gdpct01"]:
            rows.append((city, prov, year, float(_parse_decimal(raw["Gdpct01"], where, "Gdpct01"))))
    df = pd.DataFrame(rows, columns=["city_id", "province_id", "year", "gdp_100m_yuan"])
    return df.astype({"city_id": "int64", "province_id": "int64", "year": "int64", "gdp_100m_yuan": "float64"})


def panel_cagr_windows(
    panel: pd.DataFrame,
    max_k: int = 10,
    province_first_year: Mapping[int, int] | None = None,
    max_jump_pct: float = 35.0,
) -> pd.DataFrame:
    """Nominal GDP CAGR (%) of every city over every window of k = 1..max_k years.

    A window needs a positive level at both ends. Levels before a province's first usable
    year (``PROVINCE_FIRST_YEAR``: Liaoning from 2017) are not used. A window is skipped when
    any level change inside it -- from one available year to the next, annualised across
    gaps -- exceeds ``max_jump_pct`` in absolute value (a probable break in the series).

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
        gaps = np.diff(yrs)
        change = (lv[1:] / lv[:-1]) ** (1 / gaps) - 1
        jumps = np.concatenate([[0], np.cumsum(np.abs(change) * 100 > max_jump_pct)])
        pos = {int(y): i for i, y in enumerate(yrs)}
        for i, start in enumerate(yrs):
            for k in range(1, max_k + 1):
                j = pos.get(int(start) + k)
                if j is None or jumps[j] - jumps[i] > 0:
                    continue
                out.append((int(city), int(prov), int(start), int(start) + k, k, ((lv[j] / lv[i]) ** (1 / k) - 1) * 100))
    df = pd.DataFrame(out, columns=["city_id", "province_id", "start_year", "end_year", "k", "cagr_pct"])
    return df.astype({"city_id": "int64", "province_id": "int64", "start_year": "int64", "end_year": "int64", "k": "int64", "cagr_pct": "float64"})


def _pcol(p: int) -> str:
    return f"p{p}"


def panel_growth_summary(
    panel_csv: str | Path | None = None,
    max_k: int = 10,
    recent_from: int = 2015,
    province_first_year: Mapping[int, int] | None = None,
    max_jump_pct: float = 35.0,
) -> pd.DataFrame:
    """Distribution of city nominal GDP CAGRs (%) per window length k, over all and recent windows.

    One row per (``sample``, ``k``): ``sample`` is ``all`` or ``recent`` (windows ending in
    ``recent_from`` = 2015 or later); ``n`` city-periods, ``n_cities``, and every percentile
    ``p0`` … ``p100`` of the CAGR in percent (numpy's linear interpolation); the headline
    quantiles are p1, p5, p10, p25, p50, p75, p90, p95, p99. ``panel_csv`` is any CSV in the
    format of the panel's ``city_gdp.csv`` (default ``../shared/data/city_panel/city_gdp.csv``).
    Windows are built by :func:`panel_cagr_windows`.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "panel.csv"
    >>> _ = path.write_text("Sgnyea,Ctnm_id,Prvcnm_id,Gdpct01\\n2014,1,9,100\\n2015,1,9,110\\n2016,1,9,121\\n")
    >>> panel_growth_summary(path, max_k=2)[["sample", "k", "n", "p0", "p50", "p100"]].values.tolist()
    [['all', 1, 2, 10.0, 10.0, 10.0], ['all', 2, 1, 10.0, 10.0, 10.0], ['recent', 1, 2, 10.0, 10.0, 10.0], ['recent', 2, 1, 10.0, 10.0, 10.0]]
    """
    windows = panel_cagr_windows(read_city_panel(panel_csv), max_k, province_first_year, max_jump_pct)
    rows = []
    for sample in ("all", "recent"):
        w = windows if sample == "all" else windows[windows["end_year"] >= recent_from]
        for k in range(1, max_k + 1):
            v = w.loc[w["k"] == k, "cagr_pct"].to_numpy(dtype=float)
            qs = np.percentile(v, PERCENTILES) if len(v) else np.full(len(PERCENTILES), np.nan)
            row: dict[str, object] = {"sample": sample, "k": k, "n": int(len(v)),
                                      "n_cities": int(w.loc[w["k"] == k, "city_id"].nunique())}
            row.update({_pcol(p): round(float(q), 4) for p, q in zip(PERCENTILES, qs)})
            rows.append(row)
    return pd.DataFrame(rows)


def write_panel_cagr_quantiles(panel_csv: str | Path | None = None, path: str | Path | None = None) -> Path:
    """Recompute :func:`panel_growth_summary` from the panel and write the committed table (atomically)."""
    path = Path(path) if path is not None else PANEL_CAGR_CSV
    write_csv(panel_growth_summary(panel_csv), path)
    return path


def load_panel_cagr_quantiles(path: str | Path | None = None) -> pd.DataFrame:
    """The committed CAGR percentile table (``data/raw/history/panel_cagr_quantiles.csv``).

    >>> t = load_panel_cagr_quantiles()
    >>> sorted(set(t["sample"])), int(t["k"].max()), len(t.columns)
    (['all', 'recent'], 10, 105)
    """
    path = Path(path) if path is not None else PANEL_CAGR_CSV
    try:
        stat = path.stat()
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    return _read_quantiles(str(path), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=8)
def _read_quantiles(path_text: str, mtime_ns: int, size: int) -> pd.DataFrame:
    path = Path(path_text)
    df = pd.read_csv(path)
    missing = [c for c in ["sample", "k", "n"] + [_pcol(p) for p in PERCENTILES] if c not in df.columns]
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


def _quantile_row(table: pd.DataFrame, k: int, recent: bool) -> tuple[np.ndarray, int]:
    if int(k) != k:
        raise ValueError(f"window length k must be a whole number of years, not {k!r}")
    sample = "recent" if recent else "all"
    row = table[(table["sample"] == sample) & (table["k"] == int(k))]
    if row.empty:
        ks = sorted(int(v) for v in table.loc[table["sample"] == sample, "k"])
        raise ValueError(f"no {sample} windows of k = {k} years in the CAGR table (k available: {ks})")
    n = int(row["n"].iloc[0])
    q = row[[_pcol(p) for p in PERCENTILES]].iloc[0].to_numpy(dtype=float)
    return q, n


def share_at_or_above(required_cagr: float, k: int, recent: bool = False, table: pd.DataFrame | None = None) -> float:
    """Share of city-periods of ``k`` years whose nominal GDP CAGR was at least ``required_cagr`` (%).

    Read from the committed percentile table (no panel needed). The approximation: the
    CAGR's distribution function is interpolated linearly between the 101 stored
    percentiles (p0 … p100), so the share is exact to about one percentile; below p0 it is
    1, above p100 it is 0. ``recent`` uses only windows ending 2015 or later.

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


def outside_view(
    required_cagr: float, k: int, panel_csv: str | Path | None = None, table: pd.DataFrame | None = None
) -> OutsideView:
    """The outside view of a required nominal CAGR (%) over ``k`` years.

    Shares of city-periods at or above it (all windows, and windows ending 2015+) and its
    percentile among all windows (percent of city-periods below it). By default from the
    committed table; with ``panel_csv`` (any CSV in the panel's format) recomputed from it.

    >>> v = outside_view(10.0, 5)
    >>> 0 < v.share_overall < 1, round(v.percentile + 100 * v.share_overall, 6)
    (True, 100.0)
    """
    t = table if table is not None else (panel_growth_summary(panel_csv) if panel_csv is not None else load_panel_cagr_quantiles())
    share = share_at_or_above(required_cagr, k, False, t)
    share_recent = share_at_or_above(required_cagr, k, True, t)
    return OutsideView(
        required_cagr_pct=float(required_cagr), k=int(k), share_overall=share, share_recent=share_recent,
        percentile=100 * (1 - share), percentile_recent=100 * (1 - share_recent),
        n_overall=_quantile_row(t, k, False)[1], n_recent=_quantile_row(t, k, True)[1],
    )


# --------------------------------------------------------------------------- carrying panel facts


def carry_panel_facts(panel_dir: str | Path | None = None, out_dir: str | Path | None = None) -> list[Path]:
    """Copy Shenyang's GDP rows and Liaoning's CPI from the city panel into ``data/raw/history``.

    Figures are carried as written in the panel (same decimal text); only Shenyang
    (Ctnm_id 210100) and Liaoning (Prvcnm_id 210000) rows, 1990-2021 for GDP and the years
    with a CPI value. The panel itself is not copied.
    """
    panel_dir = Path(panel_dir) if panel_dir is not None else CITY_PANEL_DIR
    out_dir = Path(out_dir) if out_dir is not None else HISTORY_DIR
    gdp_path, cpi_path = panel_dir / "city_gdp.csv", panel_dir / "province_cpi.csv"
    gdp = sorted(
        (int(r["Sgnyea"]), r["Gdpct01"], r["GDPYoY"])
        for _, r in _csv_rows(gdp_path, ("Sgnyea", "Ctnm_id", "Gdpct01", "GDPYoY"))
        if r["Ctnm_id"] == str(SHENYANG_CITY_ID) and 1990 <= int(r["Sgnyea"]) <= 2021
    )
    cpi = sorted(
        (int(r["Sgnyea"]), r["Pi0101"])
        for _, r in _csv_rows(cpi_path, ("Sgnyea", "Prvcnm_id", "Pi0101"))
        if r["Prvcnm_id"] == str(LIAONING_PROVINCE_ID) and r["Pi0101"]
    )
    gdp_out, cpi_out = out_dir / SHENYANG_PANEL_CSV.name, out_dir / LIAONING_CPI_CSV.name
    write_text(gdp_out, "year,gdp_100m_yuan,gdp_real_growth_pct\n" + "".join(f"{y},{g},{r}\n" for y, g, r in gdp))
    write_text(cpi_out, "year,cpi_prev_year_100\n" + "".join(f"{y},{c}\n" for y, c in cpi))
    return [gdp_out, cpi_out]


def _report(history: pd.DataFrame) -> str:
    chosen, conflicts = resolve_conflicts(history)
    lines = [f"{len(history)} history rows, {len(chosen)} distinct figures, "
             f"{conflicts.groupby(KEY).ngroups if len(conflicts) else 0} conflicting"]
    for key, grp in conflicts.groupby(KEY, sort=False):
        cands = "; ".join(
            f"{v:g}{'*' if c else ''} [{s}] {src[:60]}" for v, c, s, src in zip(grp["value"], grp["is_chosen"], grp["status"], grp["source"])
        )
        lines.append(f"  {' '.join(map(str, key))} ({grp['unit'].iloc[0]}): {cands}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m shenyang_analysis.history [refresh|conflicts]``: regenerate carried files, or list conflicts."""
    args = list(sys.argv[1:] if argv is None else argv)
    action = args[0] if args else "conflicts"
    if action == "refresh":
        for p in carry_panel_facts() + [write_panel_cagr_quantiles()]:
            print(f"wrote {p} ({p.stat().st_size} bytes)")
        return 0
    if action == "conflicts":
        print(_report(load_history()))
        return 0
    print("usage: python -m shenyang_analysis.history [refresh|conflicts]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
