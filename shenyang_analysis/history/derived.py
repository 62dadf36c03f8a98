"""Figures derived from other figures, and baselines the documents state in words.

Every derived figure says how it was made (``source_detail`` gives the formula and its inputs)
and has status ``derived``; it never beats a figure read from a source for the same key
(:func:`~shenyang_analysis.history.conflicts.resolve_conflicts` ranks ``derived`` after
``estimate``). Four rules (:func:`derived_rows`; for one key the first rule that gives a
figure wins):

* **stock minus its increase**: a ``<stock>_new`` figure for year ``y`` whose wording gives a
  net or year-on-year increase together with the stock (净增, 同比增加, 比上年增加, or 新增 next
  to 达到/总数) gives the stock of ``y − 1``: 4200家, 净增859家 → 3341 at the end of 2021. The
  stock is the one the same source reports for ``y``, else the chosen one;
* **比上年增加 N**: a stock or count figure whose wording (or the history file's note) adds
  比上年增加/同比增加 N (个, 家, 项, 人), or 新增 N with the total (新增3个…(总数79家)), gives
  ``value − N`` for the year before;
* **a level from a ratio**: an amount and its share of GDP for the same region, year and
  source give GDP = amount ÷ share (31.4亿元 R&D at 3.2 % of GDP → 981亿元, ``about``: the share
  is rounded to 0.1 point, so 966–997亿元);
* **同比增长 g%**: a count whose wording gives its own growth on the year before gives
  ``value ÷ (1 + g)`` for that year (1710个, 同比增长13% → about 1513), ``about``.

:func:`document_baselines` reads ``data/raw/history/document_baselines.csv``: figures a
document states in words (地区生产总值达到千亿体量), each with its document, character offsets
and exact quote, checked against the document text.

>>> h = pd.DataFrame({"region": "r", "indicator": ["x", "x_new"], "year": 2022, "value": [4200.0, 859.0],
...     "unit": "count", "measure": "level", "source": "s", "source_detail": ["预计4200家", "预计4200家,净增859家"],
...     "status": "estimate", "bound": "exact", "is_estimate": True, "origin": "history_file"})
>>> d = derived_rows(h)
>>> d[["indicator", "year", "value", "status"]].values.tolist()
[['x', 2021, 3341.0, 'derived']]
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..config import paths
from ..io.documents import read_text
from ..vocab import FIGURE_BOUNDS, INDICATOR_ID, SLUG
from .conflicts import KEY, resolve_conflicts
from .csvrows import HistoryError, csv_rows, parse_decimal, parse_year

__all__ = ["RATIO_RULES", "DOCUMENT_BASELINE_COLUMNS", "derived_rows", "document_baselines"]

#: (amount, its share of GDP in %, the level the pair implies)
RATIO_RULES: tuple[tuple[str, str, str], ...] = (("rd_expenditure", "rd_intensity", "gdp"),)
DOCUMENT_BASELINE_COLUMNS = (
    "doc_id", "char_start", "char_end", "quote", "region", "indicator", "year", "value", "unit", "bound", "status", "note",
)
_NET = re.compile(r"净增|凈增|同比增加|比上年增加")
_NEW_WITH_STOCK = re.compile(r"新增.*(达到|达|总数|总量)|(达到|达|总数|总量).*新增")
_PREVIOUS = re.compile(r"(?:比上年|同比)增加\s*([0-9][0-9,.]*)\s*(个|家|项|人)")
_NEW_IN_TOTAL = re.compile(r"新增\s*([0-9][0-9,.]*)\s*(个|家|项)[^;；。]*?(?:总数|总量)")
_GROWTH = re.compile(r"(?:比上年|同比)增长\s*([0-9][0-9.]*)\s*[%％]")


def _text(x: object) -> str:
    return "" if x is None or x is pd.NA or (isinstance(x, float) and x != x) else str(x)


def _row(base: pd.Series, **changes: object) -> dict[str, object]:
    out = {c: base[c] for c in ("region", "indicator", "unit", "measure", "source")}
    out.update({"status": "derived", "bound": "exact", "is_lower_bound": False, "is_preliminary": False,
                "is_estimate": bool(base.get("is_estimate", False)), "origin": "derived"})
    out.update(changes)
    out["is_lower_bound"] = out["bound"] == "lower"
    return out


def _stock_for(chosen: pd.DataFrame, tidy: pd.DataFrame, flow: pd.Series, stock_id: str) -> pd.Series | None:
    """The stock figure the increase refers to: the same source's, else the chosen one."""
    same = tidy[(tidy["region"] == flow["region"]) & (tidy["indicator"] == stock_id) & (tidy["year"] == flow["year"])
                & (tidy["source"] == flow["source"]) & (tidy["measure"] == "level")]
    if len(same):
        return same.iloc[-1]
    pick = chosen[(chosen["region"] == flow["region"]) & (chosen["indicator"] == stock_id) & (chosen["year"] == flow["year"])
                  & (chosen["measure"] == "level")]
    return pick.iloc[0] if len(pick) else None


def _stock_minus_increase(tidy: pd.DataFrame, chosen: pd.DataFrame) -> list[dict[str, object]]:
    out = []
    flows = tidy[tidy["indicator"].str.endswith("_new") & (tidy["measure"] == "level")]
    for _, f in flows.iterrows():
        words = _text(f.get("source_detail"))
        if not (_NET.search(words) or _NEW_WITH_STOCK.search(words)):
            continue
        stock = _stock_for(chosen, tidy, f, str(f["indicator"]).removesuffix("_new"))
        if stock is None or stock["bound"] not in ("exact", "about"):
            continue
        value = float(stock["value"]) - float(f["value"])
        detail = (f"derived: {int(f['year'])} stock {float(stock['value']):g} ({stock['source_detail'] or stock['source']}) "
                  f"− increase {float(f['value']):g} ({words}) = {value:g} at the end of {int(f['year']) - 1}")
        out.append(_row(stock, year=int(f["year"]) - 1, value=value, source_detail=detail, bound=stock["bound"],
                        is_estimate=bool(stock.get("is_estimate")) or bool(f.get("is_estimate"))))
    return out


def _previous_year(tidy: pd.DataFrame) -> list[dict[str, object]]:
    out = []
    counts = tidy[(tidy["unit"] == "count") & (tidy["measure"] == "level") & ~tidy["indicator"].str.endswith("_new")]
    for _, r in counts.iterrows():
        words = f"{_text(r.get('source_detail'))} {_text(r.get('note'))}"
        m = _PREVIOUS.search(words) or _NEW_IN_TOTAL.search(_text(r.get("source_detail")))
        if not m or r["bound"] not in ("exact", "about"):
            continue
        n = float(m.group(1).replace(",", ""))
        if n == float(r["value"]):
            continue
        value = float(r["value"]) - n
        detail = f"derived: {int(r['year'])} figure {float(r['value']):g} − {m.group(0)} = {value:g} for {int(r['year']) - 1}"
        out.append(_row(r, year=int(r["year"]) - 1, value=value, source_detail=detail, bound=r["bound"]))
    return out


def _previous_by_growth(tidy: pd.DataFrame) -> list[dict[str, object]]:
    """A count whose own wording gives its growth on the year before (1710个,同比增长13%) → value ÷ (1 + g)."""
    out = []
    counts = tidy[(tidy["unit"] == "count") & (tidy["measure"] == "level") & ~tidy["indicator"].str.endswith("_new")]
    for _, r in counts.iterrows():
        m = _GROWTH.search(_text(r.get("source_detail")))
        if not m or r["bound"] not in ("exact", "about"):
            continue
        g = float(m.group(1))
        value = float(r["value"]) / (1 + g / 100)
        detail = f"derived: {int(r['year'])} figure {float(r['value']):g} ÷ (1 + {m.group(0)}) = {value:.0f} for {int(r['year']) - 1}"
        out.append(_row(r, year=int(r["year"]) - 1, value=value, source_detail=detail, bound="about"))
    return out


def _from_ratio(tidy: pd.DataFrame) -> list[dict[str, object]]:
    out = []
    for amount_id, share_id, level_id in RATIO_RULES:
        amounts = tidy[(tidy["indicator"] == amount_id) & (tidy["measure"] == "level") & (tidy["bound"] == "exact")]
        shares = tidy[(tidy["indicator"] == share_id) & (tidy["measure"] == "share") & (tidy["bound"] == "exact")]
        pairs = amounts.merge(shares, on=["region", "year", "source"], suffixes=("", "_share"))
        for _, p in pairs.iterrows():
            share = float(p["value_share"])
            if share <= 0:
                continue
            value = float(p["value"]) / (share / 100)
            lo, hi = float(p["value"]) / ((share + 0.05) / 100), float(p["value"]) / ((share - 0.05) / 100)
            detail = (f"derived: {amount_id} {float(p['value']) / 1e8:g}亿元 ÷ {share_id} {share:g}% = {value / 1e8:.1f}亿元 "
                      f"(the share rounded to 0.1 point gives {lo / 1e8:.0f}–{hi / 1e8:.0f}亿元); {p['source_detail']}")
            out.append(_row(p, indicator=level_id, year=int(p["year"]), value=value, source_detail=detail, bound="about",
                            unit="yuan", measure="level"))
    return out


def derived_rows(history: pd.DataFrame) -> pd.DataFrame:
    """The figures the three rules of the module derive from ``history`` (tidy; a ``note`` column is used when present).

    A derived figure whose key already has a figure read from a source is still returned
    (the conflict rule ranks it last among exact figures); columns as the history table.
    """
    if history.empty:
        return pd.DataFrame()
    tidy = history.reset_index(drop=True)
    if "bound" not in tidy.columns:
        tidy = tidy.assign(bound="exact")
    chosen = resolve_conflicts(tidy)[0]
    rows = _stock_minus_increase(tidy, chosen) + _previous_year(tidy) + _from_ratio(tidy) + _previous_by_growth(tidy)
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.drop_duplicates(KEY).reset_index(drop=True)


def document_baselines(path: str | Path | None = None, documents_dir: str | Path | None = None) -> pd.DataFrame:
    """Figures the documents state in words, as history rows (``origin`` document).

    Each line of ``document_baselines.csv`` names its document and the character offsets of
    its exact quote; a quote that is not the document's text at those offsets, an unknown
    document, region, indicator, bound or status is an error naming the file and line.

    >>> b = document_baselines()
    >>> b.loc[b["indicator"] == "gdp", ["region", "year", "value", "bound", "status"]].values.tolist()
    [['tiexi', 2020, 100000000000.0, 'about', 'estimate']]
    """
    path = Path(path) if path is not None else paths().document_baselines_csv
    if not path.exists():
        return pd.DataFrame()
    docs = Path(documents_dir) if documents_dir is not None else paths().documents_dir
    rows, texts = [], {}
    for line, raw in csv_rows(path, DOCUMENT_BASELINE_COLUMNS):
        where = f"{path}: line {line}"
        doc = docs / f"{raw['doc_id']}.txt"
        if not doc.exists():
            raise HistoryError(f"{where}: no document {raw['doc_id']!r} in {docs}")
        text = texts.setdefault(raw["doc_id"], read_text(doc))
        start, end = int(parse_decimal(raw["char_start"], where, "char_start")), int(parse_decimal(raw["char_end"], where, "char_end"))
        if text[start:end] != raw["quote"]:
            raise HistoryError(f"{where}: quote {raw['quote']!r} is not the text of {raw['doc_id']} at {start}:{end} "
                               f"({text[start:end]!r})")
        if not SLUG.match(raw["region"]) or not INDICATOR_ID.match(raw["indicator"]):
            raise HistoryError(f"{where}: region {raw['region']!r} / indicator {raw['indicator']!r} are not ids")
        if raw["bound"] not in FIGURE_BOUNDS or raw["status"] not in ("document", "estimate"):
            raise HistoryError(f"{where}: bound {raw['bound']!r} must be one of {FIGURE_BOUNDS}, status document or estimate")
        value = float(parse_decimal(raw["value"], where, "value"))
        rows.append({"region": raw["region"], "indicator": raw["indicator"], "year": parse_year(raw["year"], where),
                     "value": value, "unit": raw["unit"], "measure": "level", "source": raw["doc_id"],
                     "source_detail": f"{raw['quote']} ({raw['note']})", "status": raw["status"], "bound": raw["bound"],
                     "is_lower_bound": raw["bound"] == "lower", "is_preliminary": False,
                     "is_estimate": raw["status"] == "estimate", "origin": "document"})
    return pd.DataFrame(rows)
