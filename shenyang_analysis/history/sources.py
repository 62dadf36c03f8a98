"""Past figures for Shenyang and its districts from three sources, in one tidy table.

Four sources enter :func:`load_history`, each row tagged with its ``origin``:

* ``history_file`` -- ``data/raw/history/history_observations.csv`` and
  ``history_observations_added.csv``: figures read from public web pages (estimates, bulletins,
  reposts), with a free-text ``note`` on their status (:func:`note_status`) and bound
  (:func:`figure_bound`);
* ``city_panel`` -- ``data/raw/history/shenyang_gdp_panel.csv``: Shenyang's GDP (current
  prices) and real growth 1990-2021 from the city panel's statistical-yearbook tables;
* ``document`` -- the ``observation`` rows of the project's target table whose indicator is
  known (past figures the plan documents themselves report), and the baselines the documents
  state in words (``document_baselines.csv``, :mod:`shenyang_analysis.history.derived`);
* ``derived`` -- figures computed from the others (a stock minus its net increase, a level
  from a ratio), each saying how (:mod:`shenyang_analysis.history.derived`).

Values are in the project's base units (亿元 → yuan ×1e8, 万人 → count ×1e4, % stays
percent, 家/个 → count, 天 → day, 亿斤 → jin ×1e8, 万吨 → ton ×1e4, 亿美元 → usd ×1e8, 万亩 → mu
×1e4); a series that mixes jin and ton is put in ton. Several rows can describe the same
(region, indicator, year, measure): :mod:`shenyang_analysis.history.series` picks one.

>>> h = load_history(documents=False)
>>> sorted(set(h["origin"]))
['city_panel', 'derived', 'history_file']
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
from ..vocab import COMPARATOR_BOUND, INDICATOR_ID, SLUG
from .csvrows import HistoryError, csv_rows, parse_decimal, parse_year
from .derived import derived_rows, document_baselines
from .schema import validate_history

__all__ = [
    "HISTORY_FILE_COLUMNS", "UNIT_FACTORS", "REAL_GROWTH_INDICATORS", "PANEL_SOURCE", "SHENYANG_CITY_ID",
    "LIAONING_PROVINCE_ID", "UNREPRESENTABLE_UNITS", "to_base_unit", "note_status", "figure_bound", "read_history_csv",
    "history_files", "left_out_rows", "history_targets", "harmonise_units",
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
    "亿斤": ("jin", Decimal(10) ** 8),
    "万吨": ("ton", Decimal(10) ** 4),
    "亿美元": ("usd", Decimal(10) ** 8),
    "万亩": ("mu", Decimal(10) ** 4),
    "亿人次": ("count", Decimal(10) ** 8),  # visits (person-trips), counted
}
# units the project has no base unit for: such rows are carried in the file but not loaded
# (listed by left_out_rows and in the build summary)
UNREPRESENTABLE_UNITS: dict[str, str] = {"斤/亩": "a yield per area: no per-area unit in the catalog"}
# exact conversions between base units, used where one series mixes them
UNIT_CONVERSIONS: dict[tuple[str, str], float] = {("jin", "ton"): 0.0005}
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
    """How a history-file figure was produced, from its ``note`` (first matching rule wins).

    The wording about the figure's bound (``lower bound``, ``upper-bound approximation``) is set
    aside first: the bound is :func:`figure_bound`'s business. Then:

    1. the word ``revised`` → ``revised`` (after the economic census or a later revision);
    2. ``estimate``/预计 in the note's first clause (before the first ``;``) → ``estimate``;
    3. ``preliminary``/初步核算/初核 in the first clause → ``preliminary``;
    4. ``official`` (not ``unofficial``) in the first clause → ``official``;
    5. ``derived`` or ``implies`` in the first clause → ``derived``;
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
    'secondary'
    >>> note_status("2026 government work report as reported by 香港商報; 'approaching 1.1万亿' (upper-bound approximation, not exact)")
    'official'
    """
    n = re.sub(r"upper-bound approximation|upper bound|lower bound", " ", note.lower())
    first = n.split(";", 1)[0]
    if re.search(r"\brevised\b", n):
        return "revised"
    if "estimate" in first or "预计" in first:
        return "estimate"
    if any(w in first for w in ("preliminary", "初步核算", "初核")):
        return "preliminary"
    if re.search(r"(?<!un)official", first):
        return "official"
    if re.search(r"\bderived\b|\bimplies\b", first):
        return "derived"
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


_NUMBER = r"(?:[0-9０-９][0-9０-９,.]*|[一二三四五六七八九十两][一二三四五六七八九十百千万亿两]*)(?:万亿|亿|万|千)?"
_SCALE_ONLY = r"(?:千亿|万亿|亿|万)"
_UNITS = r"[%％个家亿万元人项天吨斤亩户座处条所套场名台次]{0,3}"


def _bound_patterns(percent: bool) -> dict[str, re.Pattern[str]]:
    """Bound words touching a figure: before it (突破1200亿, 突破万亿) or after it and its unit
    (86%以上); for a percent figure the figure must carry the % sign, so 突破2.1万家、增长42.5%
    says nothing about the 42.5 %. 亿元以上项目 names a class of projects, not a bound."""
    num = rf"{_NUMBER}\s*[%％]" if percent else rf"(?:{_NUMBER}|{_SCALE_ONLY})"
    after = rf"{_NUMBER}\s*[%％]" if percent else rf"{_NUMBER}{_UNITS}"
    return {
        "upper": re.compile(rf"(逼近|接近|不超过|不高于)\s*{num}|{after}(以内|以下)|\bnearly\b|\balmost\b"),
        "lower": re.compile(rf"(突破|超过|不低于|不少于|多于)\s*{num}|{after}以上(?!项目|的项目|企业)|\bmore than\b|\bexceed"),
        "about": re.compile(rf"(?<![签合预节制公条契])约为?\s*{_NUMBER}|{after}左右|\babout\b"),
    }


_BOUND_WORDS = {False: _bound_patterns(False), True: _bound_patterns(True)}


def figure_bound(note: str, source_phrase: str = "", percent: bool = False) -> str:
    """What the wording says about the true value: ``lower``, ``upper``, ``about`` or ``exact``.

    The note's explicit words win (``lower bound``; ``upper bound``/``approaching``), then the
    source phrase, where the bound word must touch a figure: 逼近/接近 before it or 以内/以下
    after it (and nearly) → ``upper`` (逼近1.1万亿 is below 1.1万亿); 突破/超过/不低于 before
    or 以上 after → ``lower``; 约 before or 左右 after (or about) → ``about``.

    >>> figure_bound("", "“10+1”重点产业集群规模总量逼近1.1万亿元"), figure_bound("official", "突破2.5万家")
    ('upper', 'lower')
    >>> figure_bound("estimate (预计, about)", "增长7%左右"), figure_bound("official", "达到5902家")
    ('about', 'exact')
    >>> figure_bound("", "开复工亿元以上项目定格在2223个上"), figure_bound("", "优良天数比例提高到86%以上", percent=True)
    ('exact', 'lower')
    >>> figure_bound("", "科技型企业总数突破2.1万家、同比增长42.5%", percent=True)
    'exact'

    """
    n = note.lower()
    if "lower bound" in n:
        return "lower"
    if "upper bound" in n or "upper-bound" in n or "approaching" in n:
        return "upper"
    phrase = source_phrase.lower()
    words = _BOUND_WORDS[percent]
    for bound in ("upper", "lower", "about"):
        if words[bound].search(phrase):
            return bound
    return "about" if "(约)" in n else "exact"


def _flags(note: str, source_phrase: str, status: str, bound: str) -> dict[str, object]:
    n = note.lower()
    first = n.split(";", 1)[0]
    return {
        "bound": bound,
        "is_lower_bound": bound == "lower",
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
        if col not in df.columns and col in (extra or {}):
            df[col] = None
        df[col] = df[col].astype(dtype)
    return df[list(cols)].reset_index(drop=True)


# --------------------------------------------------------------------------- the history file


def _catalog_ids(path: Path | None) -> set[str] | None:
    if path is None or not Path(path).exists():
        return None
    return {row["indicator"] for _, row in csv_rows(Path(path), ["indicator"])}


def _history_row(raw: Mapping[str, str], where: str, known: set[str] | None, catalog: object) -> dict[str, object] | None:
    """One history-file row converted, ``None`` for a row in a unit the project cannot hold."""
    region, indicator = raw["region"], raw["indicator"]
    if not SLUG.match(region):
        raise HistoryError(f"{where}: region {region!r} is not a lower-case pinyin slug")
    if not INDICATOR_ID.match(indicator):
        raise HistoryError(f"{where}: indicator {indicator!r} is not a snake_case id")
    if raw["unit"] in UNREPRESENTABLE_UNITS:
        return None
    if known is not None and not indicator.endswith("_target") and indicator not in known:
        raise HistoryError(f"{where}: indicator {indicator!r} is not in the catalog {catalog}")
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
    bound = figure_bound(raw["note"], raw["source_phrase"], percent=raw["unit"] == "%")
    return {
        "region": region, "indicator": indicator, "year": year, "value": base, "unit": unit,
        "measure": measure, "source": raw["source_url"], "source_detail": raw["source_phrase"] or None,
        "status": status, **_flags(raw["note"], raw["source_phrase"], status, bound),
        "origin": "history_file", "note": raw["note"] or None,
    }


def read_history_csv(path: str | Path | None = None, indicators_csv: str | Path | None = "") -> pd.DataFrame:
    """Every row of a history file (targets too), converted, with its ``file``, file ``line`` and ``note``.

    Errors name the file and the line: a missing column, a bad year or value, an unknown unit
    or measure, a growth/share figure not in %, an empty source, an indicator id that is not a
    snake_case id or (unless ``indicators_csv`` is None) not in the indicator catalog. Rows in
    a unit the project has no base unit for (:data:`UNREPRESENTABLE_UNITS`) are not loaded
    (:func:`left_out_rows` lists them).

    >>> df = read_history_csv()
    >>> df.loc[df["line"] == 22, ["indicator", "year", "value", "unit", "status", "bound"]].values.tolist()
    [['gdp', 2018, 610190000000.0, 'yuan', 'revised', 'exact']]
    """
    path = Path(path) if path is not None else paths().history_csv
    if indicators_csv == "":
        indicators_csv = paths().indicators_csv
    known = _catalog_ids(Path(indicators_csv)) if indicators_csv is not None else None
    out: list[dict[str, object]] = []
    for line, raw in csv_rows(path, HISTORY_FILE_COLUMNS):
        row = _history_row(raw, f"{path}: line {line}", known, indicators_csv)
        if row is not None:
            out.append({**row, "file": path.name, "line": line})
    return typed_history(out, {"file": "string", "line": "int64", "note": "string"})


def history_files() -> list[Path]:
    """The history files that exist: ``history_observations.csv``, then ``history_observations_added.csv``."""
    p = paths()
    return [f for f in (p.history_csv, p.history_added_csv) if f.exists()]


def left_out_rows(files: list[Path] | None = None) -> list[str]:
    """One line per history-file row that is carried but not loaded (file, line, why).

    >>> left_out_rows()[0]  # doctest: +ELLIPSIS
    'history_observations_added.csv: line ...: shenyang grain_yield 2023 (斤/亩): a yield per area: no per-area unit in the catalog'
    """
    out = []
    for path in history_files() if files is None else files:
        for line, raw in csv_rows(Path(path), HISTORY_FILE_COLUMNS):
            if raw["unit"] in UNREPRESENTABLE_UNITS:
                out.append(f"{Path(path).name}: line {line}: {raw['region']} {raw['indicator']} {raw['year']} "
                           f"({raw['unit']}): {UNREPRESENTABLE_UNITS[raw['unit']]}")
    return out


def harmonise_units(history: pd.DataFrame) -> pd.DataFrame:
    """Rows of a series that mixes convertible units (jin and ton) put in one unit, exactly.

    >>> h = pd.DataFrame({"region": "r", "indicator": "grain_output", "measure": "level", "year": [2021, 2024],
    ...                   "value": [2.5387e7, 5.001e10], "unit": ["ton", "jin"]})
    >>> harmonise_units(h)[["value", "unit"]].values.tolist()
    [[25387000.0, 'ton'], [25005000.0, 'ton']]
    """
    h = history.copy()
    key = ["region", "indicator", "measure"]
    for (src, dst), factor in UNIT_CONVERSIONS.items():
        has_dst = (h["unit"] == dst).groupby([h[k] for k in key]).transform("any")
        mixed = has_dst & (h["unit"] == src)
        h.loc[mixed, "value"] = h.loc[mixed, "value"].astype(float) * factor
        h.loc[mixed, "unit"] = dst
    return h


def _comparator(phrase: str) -> str:
    if re.search(r"以上|突破|超过|不少于|不低于|力[争爭]", phrase):
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
    ``note``, ``file`` and ``line``; every history file unless ``path`` names one. The
    assessments judge them beside the documents' targets.

    >>> t = history_targets()
    >>> t.loc[t["indicator"] == "gdp_real_growth_target", ["base_indicator", "year", "value", "comparator", "line"]].values.tolist()
    [['gdp_real_growth', 2025, 5.5, '>=', 44]]
    """
    files = [Path(path)] if path is not None else history_files()
    df = pd.concat([read_history_csv(f, indicators_csv=None) for f in files], ignore_index=True)
    df = df[df["indicator"].str.endswith("_target")].copy()
    df["status"] = "target"
    df["base_indicator"] = df["indicator"].str.removesuffix("_target").astype("string")
    df["comparator"] = [_comparator(p or "") for p in df["source_detail"].fillna("")]
    extra = {"base_indicator": "string", "comparator": "string", "note": "string", "file": "string", "line": "int64"}
    return typed_history(df, extra)


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
    base = {"region": "shenyang", "source": PANEL_SOURCE, "status": "official", "bound": "exact", "is_lower_bound": False,
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
    quote says 预计 and ``document`` otherwise; ``bound`` from the comparator (``>=`` 突破/超过/
    以上 → ``lower``, ``<=``/``<`` 以内/逼近 → ``upper``, ``~`` → ``about``). Rows without a
    year, and per-year averages (年均) and cumulative totals (累计) -- period figures, not the
    year's own value -- are left out.

    >>> t = pd.DataFrame({"kind": ["observation"], "indicator": ["gdp"], "region": ["tiexi"], "year": [2020],
    ...     "value": [1.0e11], "unit": ["yuan"], "is_growth_rate": [False], "comparator": [">="],
    ...     "doc_id": ["d1"], "quote": ["预计地区生产总值突破1000亿元"]})
    >>> document_observations(t)[["measure", "status", "bound", "is_lower_bound", "origin"]].values.tolist()
    [['level', 'estimate', 'lower', True, 'document']]
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
            "bound": obs["comparator"].map(COMPARATOR_BOUND).fillna("exact"),
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
    derive: bool = True,
) -> pd.DataFrame:
    """One tidy table of past figures: history files, Shenyang's panel rows, the documents'
    figures, and the figures derived from them.

    Rows keep their source order (history files, panel, documents, derived); ``_target`` rows
    are left out (see :func:`history_targets`). ``history_csv`` replaces the two history files
    by one. ``targets`` is the project's target table (required with ``documents``;
    :func:`shenyang_analysis.load_history` reads it for you). ``derive`` adds
    :func:`~shenyang_analysis.history.derived.derived_rows`. The table is checked with
    :func:`validate_history`.

    >>> h = load_history(documents=False)
    >>> sorted(set(h["origin"])), bool(h["indicator"].str.endswith("_target").any())
    (['city_panel', 'derived', 'history_file'], False)
    """
    files = [Path(history_csv)] if history_csv is not None else history_files()
    hist = pd.concat([read_history_csv(f, indicators_csv) for f in files], ignore_index=True)
    notes = {"note": "string"}
    hist = hist[~hist["indicator"].str.endswith("_target")].drop(columns=["file", "line"])
    parts = [hist, typed_history(_panel_rows(load_shenyang_panel(panel_csv)), notes)]
    if documents:
        if targets is None:
            raise ValueError("load_history: the documents' own figures need the target table (targets=...); "
                             "pass documents=False to leave them out")
        parts.append(typed_history(document_observations(targets), notes))
        parts.append(typed_history(document_baselines(), notes))
    table = typed_history(pd.concat([p for p in parts if len(p)], ignore_index=True), notes)
    if derive:
        table = pd.concat([table, typed_history(derived_rows(table), notes)], ignore_index=True)
    return validate_history(typed_history(harmonise_units(typed_history(table))))
