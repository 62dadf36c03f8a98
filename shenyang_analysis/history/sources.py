"""Past figures for Shenyang and its districts from three sources, in one tidy table.

Three sources enter :func:`load_history`, each row tagged with its ``origin``:

* ``history_file`` -- ``data/raw/history/history_observations.csv``: figures read from public
  web pages (estimates, bulletins, reposts), with a free-text ``note`` on their status
  (:func:`note_status`);
* ``city_panel`` -- ``data/raw/history/shenyang_gdp_panel.csv``: Shenyang's GDP (current
  prices) and real growth 1990-2021 from the city panel's statistical-yearbook tables;
* ``document`` -- the ``observation`` rows of the project's target table whose indicator is
  known (past figures the plan documents themselves report).

Values are in the project's base units (亿元 → yuan ×1e8, 万人 → count ×1e4, % stays
percent, 家/个 → count, 天 → day). Several rows can describe the same (region, indicator,
year, measure): :mod:`shenyang_analysis.history.series` picks one.

>>> h = load_history(documents=False)
>>> sorted(set(h["origin"]))
['city_panel', 'history_file']
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import paths
from ..table.schema import HISTORY_COLUMNS
from ..vocab import INDICATOR_ID, SLUG
from .csvrows import HistoryError, csv_rows, parse_decimal, parse_year
from .schema import validate_history

__all__ = [
    "HISTORY_FILE_COLUMNS", "UNIT_FACTORS", "REAL_GROWTH_INDICATORS", "PANEL_SOURCE", "SHENYANG_CITY_ID",
    "LIAONING_PROVINCE_ID", "to_base_unit", "note_status", "read_history_csv", "history_targets",
    "load_shenyang_panel", "document_observations", "load_history", "typed_history",
]

# the panel: China Regional Economy tables (official city/provincial yearbook statistics) as
# redistributed in the public repository eileenCHEN-9/PhD_2022_2025, data/raw_data/statistics/
PANEL_SOURCE = "city_panel: city_gdp.csv (eileenCHEN-9/PhD_2022_2025, China Regional Economy tables)"
SHENYANG_CITY_ID = 210100
LIAONING_PROVINCE_ID = 210000

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


def typed_history(rows: list[dict[str, object]] | pd.DataFrame, extra: Mapping[str, str] | None = None) -> pd.DataFrame:
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
    return {row["indicator"] for _, row in csv_rows(Path(path), ["indicator"])}


def read_history_csv(path: str | Path | None = None, indicators_csv: str | Path | None = "") -> pd.DataFrame:
    """Every row of the history file (targets too), converted, with its file ``line`` and ``note``.

    Errors name the file and the line: a missing column, a bad year or value, an unknown unit
    or measure, a growth/share figure not in %, an empty source, an indicator id that is not a
    snake_case id or (unless ``indicators_csv`` is None) not in the indicator catalog.

    >>> df = read_history_csv()
    >>> df.loc[df["line"] == 22, ["indicator", "year", "value", "unit", "status"]].values.tolist()
    [['gdp', 2018, 610190000000.0, 'yuan', 'revised']]
    """
    path = Path(path) if path is not None else paths().history_csv
    if indicators_csv == "":
        indicators_csv = paths().indicators_csv
    known = _catalog_ids(Path(indicators_csv)) if indicators_csv is not None else None
    out: list[dict[str, object]] = []
    for line, raw in csv_rows(path, HISTORY_FILE_COLUMNS):
        where = f"{path}: line {line}"
        region, indicator = raw["region"], raw["indicator"]
        if not SLUG.match(region):
            raise HistoryError(f"{where}: region {region!r} is not a lower-case pinyin slug")
        if not INDICATOR_ID.match(indicator):
            raise HistoryError(f"{where}: indicator {indicator!r} is not a snake_case id")
        is_target = indicator.endswith("_target")
        if known is not None and not is_target and indicator not in known:
            raise HistoryError(f"{where}: indicator {indicator!r} is not in the catalog {indicators_csv}")
        year = parse_year(raw["year"], where)
        value = parse_decimal(raw["value"], where, "value")
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
    return typed_history(out, {"line": "int64", "note": "string"})


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
    return typed_history(df, {"base_indicator": "string", "comparator": "string", "note": "string"})


# --------------------------------------------------------------------------- the other two sources


def load_shenyang_panel(path: str | Path | None = None) -> pd.DataFrame:
    """Shenyang's rows of the city panel (year, GDP in 亿元, real growth %) as carried into ``data/raw``.

    >>> float(load_shenyang_panel().set_index("year").loc[2016, "gdp_100m_yuan"])
    5546.4498
    """
    path = Path(path) if path is not None else paths().shenyang_panel_csv
    rows = []
    for line, raw in csv_rows(path, ("year", "gdp_100m_yuan", "gdp_real_growth_pct")):
        where = f"{path}: line {line}"
        rows.append(
            {
                "year": parse_year(raw["year"], where),
                "gdp_100m_yuan": float(parse_decimal(raw["gdp_100m_yuan"], where, "gdp_100m_yuan")) if raw["gdp_100m_yuan"] else np.nan,
                "gdp_real_growth_pct": float(parse_decimal(raw["gdp_real_growth_pct"], where, "gdp_real_growth_pct")) if raw["gdp_real_growth_pct"] else np.nan,
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
    return typed_history(df)


def load_history(
    history_csv: str | Path | None = None,
    panel_csv: str | Path | None = None,
    targets: pd.DataFrame | None = None,
    documents: bool = True,
    indicators_csv: str | Path | None = "",
) -> pd.DataFrame:
    """One tidy table of past figures: history file, Shenyang's panel rows, document observations.

    Rows keep their source order (history file, then panel, then documents); ``_target``
    rows are left out (see :func:`history_targets`). ``targets`` is the project's target
    table (required with ``documents``; :func:`shenyang_analysis.load_history` reads it for you). The table is checked with :func:`validate_history`.

    >>> h = load_history(documents=False)
    >>> sorted(set(h["origin"])), bool(h["indicator"].str.endswith("_target").any())
    (['city_panel', 'history_file'], False)
    """
    hist = read_history_csv(history_csv, indicators_csv)
    hist = hist[~hist["indicator"].str.endswith("_target")].drop(columns=["line", "note"])
    parts = [hist, typed_history(_panel_rows(load_shenyang_panel(panel_csv)))]
    if documents:
        if targets is None:
            raise ValueError("load_history: the documents' own figures need the target table (targets=...); "
                             "pass documents=False to leave them out")
        parts.append(document_observations(targets))
    table = pd.concat([p for p in parts if len(p)], ignore_index=True)
    return validate_history(typed_history(table))
