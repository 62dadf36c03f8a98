"""shenyang_analysis: the numeric targets of Chinese development plans as tidy data.

The small public API for notebooks:

* :func:`load_targets` — the tidy target table (built from ``data/raw`` if not yet built);
* :func:`extract_text` — the extractor's rows for any plan text;
* :func:`parse_quantity` — one quantity such as ``"1.1万亿"`` into a value in its base unit.

>>> import shenyang_analysis as sa
>>> q = sa.parse_quantity("16.4亿元")
>>> q.value, q.unit
(Decimal('1640000000'), 'yuan')
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from .units import Quantity, QuantityError, parse_quantity

__all__ = ["load_targets", "extract_text", "parse_quantity", "Quantity", "QuantityError", "__version__"]
__version__ = "0.1.0"


def load_targets(path: str | Path | None = None, rebuild: bool = False) -> pd.DataFrame:
    """The target table: read ``data/processed/targets.parquet``, building it first if needed.

    >>> df = load_targets()
    >>> {"target", "observation"} >= set(df["kind"])
    True
    """
    from .build import build_targets, run_build
    from .paths import PROCESSED_DIR

    if path is not None:
        return pd.read_parquet(path)
    pq = PROCESSED_DIR / "targets.parquet"
    if rebuild or not pq.exists():
        try:
            return run_build(PROCESSED_DIR).targets
        except OSError:  # read-only checkout: build in memory
            return build_targets().targets
    return pd.read_parquet(pq)


def extract_text(
    text: str, reference_date: dt.date | str, region: str, level: str = "city", doc_id: str = "text", title: str = ""
) -> pd.DataFrame:
    """The extractor's rows for ``text`` (no curation), as a data frame with the table's columns.

    >>> extract_text("全年新增城镇就业9万人以上。", "2021-02-06", "shenyang")[["value", "unit", "comparator", "year"]].values.tolist()
    [[90000.0, 'count', '>=', 2021]]
    """
    from .documents import Document
    from .targets import document_table

    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)
    doc = Document(doc_id=doc_id, text=text, reference_date=reference_date, region=region, level=level, title=title)
    return document_table(doc)
