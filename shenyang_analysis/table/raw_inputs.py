"""Every raw input checked before the build uses it: ranges, units, keys, ids.

The build's first stage (:func:`shenyang_analysis.pipeline.check_inputs`) reads the corpus
(:func:`~shenyang_analysis.io.documents.load_corpus`: exactly the manifest's files, plain
ids, text that decodes), the indicator catalog and the curation file, and then checks here:

* every CSV file in ``data/raw/history/`` (:func:`check_history_dir`), read strictly
  (:func:`~shenyang_analysis.io.csvfile.read_records`). A file with the history columns
  (region, indicator, year, value, unit, measure) is checked row by row: plain region and
  indicator ids, the indicator in the catalog (a ``_target`` row: its base indicator, when
  there), a year, a number, a known unit and measure, a level in the catalog's unit, the value
  (in the base unit) inside the range of its unit and measure (:mod:`~shenyang_analysis.table.ranges`:
  a GDP of −1300 亿元 or 0 is refused), and no figure twice from the same source. Other
  files are checked by their columns: ``region``/``indicator``/``year`` as above, value
  columns of :data:`VALUE_COLUMNS` against their range, percentile columns (``p0`` … ``p100``)
  in order, and, when every column is known, one row per key (:data:`KEY_COLUMNS`);
* every curated value (:func:`check_curated_values`) against the range of its unit and
  measure.

The rules come from the catalog, the declared ranges and the history stage's own unit
table (:class:`HistoryUnits`, passed in by the pipeline), never from particular rows, so new
history files and rows are checked too. Every problem is a :class:`RawInputError` naming
the file, the line and what is wrong.

>>> import tempfile, pathlib
>>> from decimal import Decimal
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "h.csv").write_text("region,indicator,year,value,unit,measure,source_url\\n"
...     "tiexi,gdp,2020,-1300,亿元,level,https://example.org\\n", encoding="utf-8")
>>> units = HistoryUnits({"亿元": ("yuan", Decimal(10) ** 8)}, {"level": "level"})
>>> check_history_dir(d, catalog_units({"gdp": ("yuan", "level")}), units)
Traceback (most recent call last):
shenyang_analysis.table.raw_inputs.RawInputError: ...h.csv: line 2: value -1300 亿元 (tiexi gdp 2020, yuan level) is out of range: must be > 0 and ≤ 200000000000000 (a positive amount of money, below 200万亿元: more than China's GDP)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path

import pandas as pd

from ..io.csvfile import YEARS, parse_decimal, parse_year, read_records
from ..vocab import INDICATOR_ID, SLUG
from .ranges import range_for

__all__ = [
    "RawInputError", "HistoryUnits", "CatalogUnits", "catalog_units", "check_history_dir", "check_history_file",
    "check_curated_values", "OBSERVATION_COLUMNS", "VALUE_COLUMNS", "KEY_COLUMNS", "TEXT_COLUMNS",
]

#: Columns that make a file a list of history figures, checked row by row.
OBSERVATION_COLUMNS = ("region", "indicator", "year", "value", "unit", "measure")
#: Wide value columns: name → (unit as written, measure) for their range.
VALUE_COLUMNS: dict[str, tuple[str, str]] = {
    "gdp_100m_yuan": ("亿元", "level"),
    "gdp_real_growth_pct": ("%", "growth"),
    "cpi_prev_year_100": ("index_prev_year_100", "level"),
    "n": ("count", "count"),
    "n_cities": ("count", "count"),
}
#: Percentile columns of a distribution (p0 … p100): growth in %, in increasing order.
PERCENTILE = re.compile(r"p\d{1,3}")
#: Columns that, when present, together identify a row of a wide file ...
KEY_COLUMNS = ("sample", "k", "region", "indicator", "year")
#: ... whose other columns are all known: value columns, percentiles or these (a file with
#: other columns, say a city code, may have other keys: its rows are checked, its keys not).
TEXT_COLUMNS = ("description", "source", "source_url", "source_phrase", "note", "bridge")

CatalogUnits = Mapping[str, tuple[str, str]]


class RawInputError(ValueError):
    """A raw input that must not enter the build; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class HistoryUnits:
    """How history files write units and measures: unit as written → (base unit, factor to it),
    measure as written → measure (the history stage's tables, passed in by the pipeline)."""

    factors: Mapping[str, tuple[str, Decimal]]
    measures: Mapping[str, str]
    #: exact conversions between base units (jin → ton) that the history stage applies
    conversions: Mapping[tuple[str, str], float] = field(default_factory=dict)
    #: units the history stage carries but does not load (a yield per area): such rows are only
    #: checked for their ids' form and their year
    left_out: Mapping[str, str] = field(default_factory=dict)

    def convertible(self, unit: str, to: str) -> bool:
        """Whether a figure in base unit ``unit`` can stand in a series kept in ``to``."""
        return unit == to or (unit, to) in self.conversions or (to, unit) in self.conversions

    def base(self, unit: str) -> tuple[str, Decimal]:
        """(base unit, factor); a unit without a factor is its own base unit."""
        return self.factors.get(unit, (unit, Decimal(1)))


def catalog_units(catalog: pd.DataFrame | Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """indicator → (unit, measure) from the indicator catalog (a frame with those columns).

    >>> catalog_units(pd.DataFrame({"indicator": ["gdp"], "unit": ["yuan"], "measure": ["level"]}))
    {'gdp': ('yuan', 'level')}
    """
    if isinstance(catalog, pd.DataFrame):
        return {str(i): (str(u), str(m)) for i, u, m in zip(catalog["indicator"], catalog["unit"], catalog["measure"])}
    return dict(catalog)


#: A year (:data:`~shenyang_analysis.io.csvfile.YEARS`) and a number of a raw file, or a RawInputError.
_year = partial(parse_year, error=RawInputError, rule=f"{YEARS[0]}-{YEARS[1]}")
_number = partial(parse_decimal, error=RawInputError)


def _in_range(value: Decimal, raw_unit: str, measure: str, units: HistoryUnits, where: str, what: str) -> None:
    base, factor = units.base(raw_unit)
    problem = range_for(base, measure).check(float(value * factor))
    if problem:
        raise RawInputError(f"{where}: value {value} {raw_unit} ({what}, {base} {measure}) is out of range: {problem}")


def _ids(row: Mapping[str, str], where: str, catalog: CatalogUnits) -> None:
    if "region" in row and not SLUG.fullmatch(row["region"]):
        raise RawInputError(f"{where}: region {row['region']!r} is not a lower-case pinyin slug")
    if "indicator" in row:
        indicator = row["indicator"]
        if not INDICATOR_ID.fullmatch(indicator):
            raise RawInputError(f"{where}: indicator {indicator!r} is not a snake_case id")
        if not indicator.endswith("_target") and indicator not in catalog:
            raise RawInputError(f"{where}: indicator {indicator!r} is not in the indicator catalog")


def _observation(row: Mapping[str, str], where: str, catalog: CatalogUnits, units: HistoryUnits) -> tuple[str, ...]:
    """Check one history figure; return its key (region, indicator, year, measure, source, value)."""
    if row["unit"] in units.left_out:  # carried, not loaded: no catalog unit to check against
        _ids(row, where, {row["indicator"]: ("", "")})
        return (row["region"], row["indicator"], str(_year(row["year"], where)), row["measure"], row.get("source_url", ""), row["value"])
    _ids(row, where, catalog)
    year = _year(row["year"], where)
    value = _number(row["value"], where, "value")
    raw_unit, indicator = row["unit"], row["indicator"]
    if raw_unit not in units.factors:
        raise RawInputError(f"{where}: unit {raw_unit!r} is not one of {', '.join(units.factors)}")
    if row["measure"] not in units.measures:
        raise RawInputError(f"{where}: measure {row['measure']!r} is not one of {', '.join(units.measures)}")
    measure = units.measures[row["measure"]]
    base_unit = units.base(raw_unit)[0]
    about = catalog.get(indicator.removesuffix("_target"))
    if measure == "level" and about is not None:
        if not units.convertible(base_unit, about[0]):
            raise RawInputError(
                f"{where}: unit {raw_unit!r} is {base_unit}, but the catalog's {indicator.removesuffix('_target')} is in {about[0]}"
            )
        measure = about[1]
    _in_range(value, raw_unit, measure, units, where, f"{row['region']} {indicator} {year}")
    return (row["region"], indicator, str(year), row["measure"], row.get("source_url", ""), str(value.normalize()))


def _wide_row(row: Mapping[str, str], where: str, catalog: CatalogUnits, units: HistoryUnits) -> tuple[str, ...]:
    """Check one row of a file without the history columns; return its key."""
    _ids(row, where, catalog)
    if "year" in row:
        _year(row["year"], where)
    for column, (raw_unit, measure) in VALUE_COLUMNS.items():
        if row.get(column, ""):
            _in_range(_number(row[column], where, column), raw_unit, measure, units, where, column)
    percentiles = [(c, _number(v, where, c)) for c, v in row.items() if PERCENTILE.fullmatch(c) and v != ""]
    for (c0, v0), (c1, v1) in zip(percentiles, percentiles[1:]):
        if v1 < v0:
            raise RawInputError(f"{where}: {c1} {v1} is below {c0} {v0}: percentiles must not decrease")
    for c, v in percentiles:
        _in_range(v, "%", "growth", units, where, c)
    return tuple(row[c] for c in KEY_COLUMNS if c in row)


def check_history_file(path: Path, catalog: CatalogUnits, units: HistoryUnits) -> int:
    """Check one history CSV file (see the module doc); return its number of rows."""
    names, records = read_records(path)
    observations = all(c in names for c in OBSERVATION_COLUMNS)
    known = all(c in KEY_COLUMNS or c in VALUE_COLUMNS or c in TEXT_COLUMNS or PERCENTILE.fullmatch(c) for c in names)
    keyed = observations or (known and any(c in names for c in KEY_COLUMNS))
    seen: dict[tuple[str, ...], int] = {}
    for line, raw in records:
        row = {k: v.strip() for k, v in raw.items()}
        where = f"{path}: line {line}"
        key = _observation(row, where, catalog, units) if observations else _wide_row(row, where, catalog, units)
        if keyed and key in seen:
            what = "the same figure from the same source" if observations else f"the same {', '.join(c for c in KEY_COLUMNS if c in names)}"
            raise RawInputError(f"{where}: repeats line {seen[key]}: {what} ({' '.join(key)})")
        seen.setdefault(key, line)
    return len(records)


def check_history_dir(directory: Path, catalog: CatalogUnits, units: HistoryUnits) -> list[Path]:
    """Check every ``*.csv`` file in ``directory`` (:func:`check_history_file`); return them."""
    files = sorted(Path(directory).glob("*.csv"))
    for path in files:
        check_history_file(path, catalog, units)
    return files


def check_curated_values(table: pd.DataFrame, curation: pd.DataFrame, catalog: CatalogUnits) -> None:
    """Every value a curation line sets (``add``, or ``fix`` with a value) must be in the range of
    its unit and measure: growth for a growth rate, else the catalog's measure of its indicator.
    An absolute change of a level (``is_change``) can be negative and is not checked."""
    lines = curation[curation["value"].astype(str).str.strip() != ""] if "value" in curation else curation.iloc[0:0]
    for _, line in lines.iterrows():
        target_id = f"{line['doc_id']}@{str(line['offset']).strip()}"
        rows = table[table["target_id"] == target_id]
        for _, row in rows.iterrows():
            if bool(row.get("is_change", False)) is True:
                continue
            measure = "growth" if bool(row["is_growth_rate"]) else catalog.get(str(row["indicator"]), ("", "level"))[1]
            for column in ("value", "range_high"):
                if pd.isna(row.get(column)):
                    continue
                problem = range_for(str(row["unit"]), measure).check(float(row[column]))
                if problem:
                    raise RawInputError(
                        f"{line['source']}: line {line['line']}: {column} {row[column]:g} {row['unit']} "
                        f"({target_id}, {row['unit']} {measure}) is out of range: {problem}"
                    )
