"""Past growth-rate targets with what happened, and the growth history of the same cities.

Two inputs, both outside the repository by default (``../shared/data/``):

* the **pairs file** (``target_outcomes/city_gdp_growth_targets.csv``): one row per city and
  year with the city's real GDP-growth target (``target_pct``, empty where unknown), its
  wording (``target_wording``: ``above`` for "X% or more" (以上), ``plain`` otherwise), the real
  growth achieved (``actual_real_growth_pct``) and the province's target
  (``province_target_pct``) — :func:`read_target_pairs`;
* the **city panel** (``city_panel/city_gdp.csv``): real GDP growth ``GDPYoY`` by city code
  (``Ctnm_id``) and year (``Sgnyea``) since 1990 — :func:`read_panel_growth`.

:func:`growth_histories` merges them into one real-growth series per city: the pairs file's
achieved growth where it has one (the same figure a target's outcome is judged on), the
panel's elsewhere.

Bad input is refused with one line naming the file, the row (and its line in the file) and
the column: a missing column, a non-numeric figure, an unknown wording, a repeated city-year,
or a target year outside the history (a target needs growth history before its year).

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "pairs.csv").write_text(
...     "city_code,province_code,year,target_pct,target_wording,actual_real_growth_pct,province_target_pct\\n"
...     "210100,21,2008,14.5,plain,16.3,12\\n210100,21,2009,abc,plain,14.1,11\\n")
>>> read_target_pairs(d / "pairs.csv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
shenyang_analysis.history.csvrows.HistoryError: .../pairs.csv: row 2 (line 3), column target_pct: 'abc' is not a number
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..config import paths
from ..vocab import TARGET_WORDINGS
from .csvrows import HistoryError, csv_rows, parse_decimal, parse_year

__all__ = ["PAIR_COLUMNS", "PANEL_GROWTH_COLUMNS", "read_target_pairs", "read_panel_growth", "growth_histories",
           "history_span"]

PAIR_COLUMNS: tuple[str, ...] = (
    "city_code", "province_code", "year", "target_pct", "target_wording", "actual_real_growth_pct",
    "province_target_pct",
)
PANEL_GROWTH_COLUMNS: tuple[str, ...] = ("Sgnyea", "Ctnm_id", "GDPYoY")
_NUMERIC = ("target_pct", "actual_real_growth_pct", "province_target_pct")


def _where(path: Path, line: int, column: str) -> str:
    return f"{path}: row {line - 1} (line {line}), column {column}"


def _number(raw: dict[str, str], column: str, path: Path, line: int) -> float:
    """The cell as a float, NaN when empty; a HistoryError naming file, row and column otherwise."""
    text = raw.get(column, "")
    if text == "":
        return math.nan
    where = _where(path, line, column)
    try:
        return float(parse_decimal(text, where, column))
    except HistoryError:
        raise HistoryError(f"{where}: {text!r} is not a number") from None


def _code(raw: dict[str, str], column: str, path: Path, line: int) -> int:
    text = raw.get(column, "")
    if not text.isdigit():
        raise HistoryError(f"{_where(path, line, column)}: {text!r} is not an integer code")
    return int(text)


def _year(raw: dict[str, str], column: str, path: Path, line: int, span: tuple[int, int] | None) -> int:
    where = _where(path, line, column)
    try:
        year = parse_year(raw.get(column, ""), where)
    except HistoryError:
        raise HistoryError(f"{where}: {raw.get(column, '')!r} is not a year (four digits, 1949-2100)") from None
    if span is not None and not span[0] < year <= span[1] + 1:
        raise HistoryError(f"{where}: {year} is outside the history ({span[0]}–{span[1]}): "
                           f"a target needs growth history before its year")
    return year


def _pair_row(raw: dict[str, str], path: Path, line: int, span: tuple[int, int] | None) -> dict[str, object]:
    row: dict[str, object] = {
        "city_code": _code(raw, "city_code", path, line),
        "province_code": _code(raw, "province_code", path, line),
        "year": _year(raw, "year", path, line, span),
        "city_name": raw.get("city_name_en", ""),
    }
    for column in _NUMERIC:
        row[column] = _number(raw, column, path, line)
    wording = raw.get("target_wording", "")
    if wording and wording not in TARGET_WORDINGS:
        raise HistoryError(f"{_where(path, line, 'target_wording')}: {wording!r} is not one of {', '.join(TARGET_WORDINGS)}")
    if not wording and not math.isnan(row["target_pct"]):  # type: ignore[arg-type]
        raise HistoryError(f"{_where(path, line, 'target_wording')}: empty for a target of {raw['target_pct']}%")
    row["target_wording"] = wording
    row["line"] = line
    return row


def read_target_pairs(path: str | Path | None = None, span: tuple[int, int] | None = None) -> pd.DataFrame:
    """The pairs file as a table: one row per city-year, targets and outcomes as floats (NaN: unknown).

    Columns: city_code, province_code, year, city_name, target_pct, actual_real_growth_pct,
    province_target_pct, target_wording (``above``, ``plain`` or empty without a target), line
    (the row's line in the file). ``span`` = (first, last) year of the growth history: a year
    must lie in ``first + 1 … last + 1`` (:func:`history_span`). Default path: ``Paths.target_outcomes_csv``.
    """
    path = Path(path) if path is not None else paths().target_outcomes_csv
    rows, seen = [], {}
    for line, raw in csv_rows(path, PAIR_COLUMNS):
        row = _pair_row(raw, path, line, span)
        key = (row["city_code"], row["year"])
        if key in seen:
            raise HistoryError(f"{_where(path, line, 'year')}: city {key[0]} has a second row for {key[1]} "
                               f"(first on line {seen[key]})")
        seen[key] = line
        rows.append(row)
    columns = ["city_code", "province_code", "year", "city_name", *_NUMERIC, "target_wording", "line"]
    df = pd.DataFrame(rows, columns=columns)
    return df.astype({"city_code": "int64", "province_code": "int64", "year": "int64", "line": "int64",
                      **{c: "float64" for c in _NUMERIC}})


def read_panel_growth(path: str | Path | None = None) -> pd.DataFrame:
    """Real GDP growth (%) by city and year from a city panel CSV (``GDPYoY``; empty cells dropped).

    Columns: city_code, year, growth_pct. A city with two rows for one year keeps the first
    only if both agree; otherwise the file is refused. Default: ``city_panel/city_gdp.csv``.
    """
    path = Path(path) if path is not None else paths().city_panel_dir / "city_gdp.csv"
    rows, seen = [], {}
    for line, raw in csv_rows(path, PANEL_GROWTH_COLUMNS):
        city, year = _code(raw, "Ctnm_id", path, line), _year(raw, "Sgnyea", path, line, None)
        value = _number(raw, "GDPYoY", path, line)
        if (city, year) in seen:
            first_line, first_value = seen[(city, year)]
            if not (math.isnan(value) or value == first_value or math.isnan(first_value)):
                raise HistoryError(f"{_where(path, line, 'GDPYoY')}: city {city} has a second, different value "
                                   f"for {year} (first on line {first_line})")
            continue
        seen[(city, year)] = (line, value)
        if not math.isnan(value):
            rows.append((city, year, value))
    df = pd.DataFrame(rows, columns=["city_code", "year", "growth_pct"])
    return df.astype({"city_code": "int64", "year": "int64", "growth_pct": "float64"})


def history_span(panel_growth: pd.DataFrame) -> tuple[int, int]:
    """(first, last) year of a growth history table (ValueError when it is empty).

    >>> history_span(pd.DataFrame({"city_code": [1, 1], "year": [1990, 2021], "growth_pct": [9.0, 6.0]}))
    (1990, 2021)
    """
    if panel_growth.empty:
        raise ValueError("the growth history is empty")
    return int(panel_growth["year"].min()), int(panel_growth["year"].max())


def growth_histories(pairs: pd.DataFrame, panel_growth: pd.DataFrame) -> dict[int, pd.Series]:
    """One real-growth series (%) per city, indexed by year: the pairs' achieved growth, else the panel's.

    >>> pairs = pd.DataFrame({"city_code": [1], "year": [2004], "actual_real_growth_pct": [12.0]})
    >>> panel = pd.DataFrame({"city_code": [1, 1], "year": [2003, 2004], "growth_pct": [10.0, 11.5]})
    >>> growth_histories(pairs, panel)[1].to_dict()
    {2003: 10.0, 2004: 12.0}
    """
    own = pairs.dropna(subset=["actual_real_growth_pct"])
    merged = pd.concat([
        own[["city_code", "year"]].assign(growth_pct=own["actual_real_growth_pct"], rank=0),
        panel_growth[["city_code", "year", "growth_pct"]].assign(rank=1),
    ], ignore_index=True)
    merged = merged.sort_values(["city_code", "year", "rank"]).drop_duplicates(["city_code", "year"], keep="first")
    out: dict[int, pd.Series] = {}
    for city, g in merged.groupby("city_code", sort=True):
        out[int(city)] = pd.Series(g["growth_pct"].to_numpy(float), index=pd.Index(g["year"].astype("int64"), name="year"),
                                   name=int(city))
    return out
