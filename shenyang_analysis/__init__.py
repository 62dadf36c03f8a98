"""shenyang_analysis: the numeric targets of Chinese development plans as tidy data.

The small public API for notebooks:

* :func:`load_targets` — the tidy target table (built from ``data/raw`` if not yet built);
* :func:`extract_text` — the extractor's rows for any plan text;
* :func:`parse_quantity` — one quantity such as ``"1.1万亿"`` into a value in its base unit;
* :func:`load_assessments` — one row per target with a history: baseline, required and
  historical growth, projection with 80/95% intervals, probability, status, outcome;
* :func:`assessment_for` — one target's assessment with its series and projection, and
  :func:`target_paths` / :func:`describe` for its growth paths and a paragraph in words;
* :func:`load_history` — the tidy table of past figures with their sources;
* :func:`load_data` — all of a build's tables at once (what the notebooks read);
* :mod:`shenyang_analysis.plots` and :mod:`shenyang_analysis.tables` — the charts and small
  tables of the reports.

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

from .assessments import HEADLINE_TARGETS, assessment_for, describe, target_paths
from .datasets import load_data
from .history import load_history

__all__ = [
    "load_targets", "load_assessments", "load_history", "load_data", "HEADLINE_TARGETS", "assessment_for", "target_paths", "describe", "extract_text",
    "parse_quantity", "Quantity", "QuantityError", "__version__",
]
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


def load_assessments(path: str | Path | None = None, rebuild: bool = False) -> pd.DataFrame:
    """The assessment table: read ``data/processed/assessments.csv``, building first if needed.

    >>> df = load_assessments()
    >>> row = df.set_index("target_id").loc["002_74a2a09f36767d0c@9774"]
    >>> row["indicator"], int(row["year"]), row["comparator"], float(row["target_value"])
    ('gdp', 2025, '>=', 150000000000.0)
    """
    from .build import build_assessments, build_targets, run_build
    from .paths import PROCESSED_DIR

    csv = Path(path) if path is not None else PROCESSED_DIR / "assessments.csv"
    if path is None and (rebuild or not csv.exists()):
        try:
            return run_build(PROCESSED_DIR).assessments
        except OSError:  # read-only checkout: build in memory
            return build_assessments(build_targets()).assessments
    from .assessments import ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS

    dtypes = {c: ("Int64" if d == "int64" else d) for c, d in {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}.items()}
    df = pd.read_csv(csv, dtype=dtypes, keep_default_na=False, na_values={c: [""] for c, d in dtypes.items() if d != "string"})
    return df


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
