"""From documents to the tidy target table (one row per quantitative statement).

This module ties extraction (:mod:`~shenyang_analysis.extract.statements`), the indicator catalog
(:mod:`~shenyang_analysis.table.catalog`) and the contract (:mod:`~shenyang_analysis.table.schema`) together, without any file I/O: the build and the command
line do the reading and writing.

>>> import datetime as dt
>>> from shenyang_analysis.io.documents import Document
>>> doc = Document("d1", "到2025年,科技研发投入占地区生产总值比重达到3.5%。", dt.date(2021, 5, 17), "tiexi", "district")
>>> df = document_table(doc)
>>> df[["indicator", "comparator", "value", "unit", "year"]].to_dict("records")
[{'indicator': 'rd_intensity', 'comparator': '>=', 'value': 3.5, 'unit': 'percent', 'year': 2025}]
"""

from __future__ import annotations

import pandas as pd

from ..extract.statements import Statement, extract_statements
from ..io.documents import Document
from .catalog import load_catalog, match_indicator
from .schema import EXTRA_COLUMNS, TARGET_COLUMNS, empty_targets

__all__ = ["document_table", "corpus_table", "attach_indicators", "targets_without_indicator"]


def _row(stmt: Statement, doc: Document) -> dict[str, object]:
    return {
        "target_id": f"{doc.doc_id}@{stmt.value_start}",
        "doc_id": doc.doc_id,
        "region": doc.region,
        "level": doc.level,
        "kind": stmt.kind,
        "indicator": None,
        "indicator_zh": stmt.indicator_zh or None,
        "category": None,
        "comparator": stmt.comparator,
        "value": float(stmt.value),
        "unit": stmt.unit,
        "value_raw": stmt.value_raw,
        "unit_raw": stmt.unit_raw,
        "range_high": float(stmt.range_high) if stmt.range_high is not None else None,
        "year": stmt.year,
        "is_growth_rate": stmt.is_growth_rate,
        "is_cumulative": stmt.is_cumulative,
        "quote": stmt.quote,
        "char_start": stmt.char_start,
        "char_end": stmt.char_end,
        "origin": "extracted",
        "is_per_year": stmt.is_per_year,
        "is_change": stmt.is_change,
        "value_start": stmt.value_start,
        "value_end": stmt.value_end,
        "kind_rule": stmt.kind_rule or None,
        "base_year": stmt.base_year,
        "note": "; ".join(stmt.notes + (["absolute change of a level: no indicator"] if stmt.is_change else [])) or None,
    }


def _typed(rows: list[dict[str, object]]) -> pd.DataFrame:
    if not rows:
        return empty_targets()
    df = pd.DataFrame(rows)
    for col, dtype in {**TARGET_COLUMNS, **EXTRA_COLUMNS}.items():
        df[col] = df[col].astype(dtype)
    return df[list(TARGET_COLUMNS) + list(EXTRA_COLUMNS)]


def attach_indicators(df: pd.DataFrame, catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """Fill ``indicator`` and ``category`` from the catalog (left empty where no phrase matches, or
    where the matched indicator is measured in another dimension than the row's unit)."""
    catalog = load_catalog() if catalog is None else catalog
    out = df.copy()
    changes = out["is_change"] if "is_change" in out.columns else pd.Series(False, index=out.index)
    ids = [
        match_indicator(p, catalog, is_growth_rate=bool(g), unit=str(u)) if isinstance(p, str) and p and not bool(c) else None
        for p, g, c, u in zip(out["indicator_zh"], out["is_growth_rate"], changes.fillna(False), out["unit"])
    ]
    out["indicator"] = pd.Series(ids, index=out.index, dtype="string")
    category = catalog.set_index("indicator")["category"]
    out["category"] = out["indicator"].map(category).astype("string")
    return out


def document_table(doc: Document, catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """The extractor's rows for one document, with indicators matched; no curation applied."""
    statements = extract_statements(
        doc.text, doc_id=doc.doc_id, region=doc.region, level=doc.level,
        reference_date=doc.reference_date, title=doc.title, genre=doc.genre,
    )
    return attach_indicators(_typed([_row(s, doc) for s in statements]), catalog)


def corpus_table(docs: list[Document], catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """All documents' rows in one table, in document order."""
    catalog = load_catalog() if catalog is None else catalog
    frames = [document_table(d, catalog) for d in docs]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty_targets()


def targets_without_indicator(table: pd.DataFrame) -> list[dict[str, str]]:
    """The target rows no catalog indicator fits, each as ``{"target_id", "phrase"}`` (for the build summary).

    >>> df = pd.DataFrame({"target_id": ["d@1", "d@9"], "kind": ["target", "target"],
    ...                    "indicator": ["gdp", None], "indicator_zh": ["地区生产总值", "签约率"]})
    >>> targets_without_indicator(df)
    [{'target_id': 'd@9', 'phrase': '签约率'}]
    """
    rows = table[(table["kind"] == "target") & table["indicator"].isna()]
    return [{"target_id": str(t), "phrase": "" if pd.isna(p) else str(p)}
            for t, p in zip(rows["target_id"], rows["indicator_zh"])]
