"""Score extracted rows against a hand-annotated answer key.

A predicted row matches a key row when ``kind``, ``value`` and ``year`` are equal and their
spans ``[char_start, char_end)`` overlap; matching is one-to-one (each key row is used once).
Precision = matched / predicted, recall = matched / key rows.

>>> import pandas as pd
>>> key = pd.DataFrame({"kind": ["target"], "value": [5.0], "year": [2021], "char_start": [0], "char_end": [4]})
>>> pred = pd.DataFrame({"kind": ["target", "target"], "value": [5.0, 7.0], "year": [2021, 2021],
...                      "char_start": [2, 9], "char_end": [6, 12]})
>>> s = score(pred, key)
>>> (s.precision, s.recall)
(0.5, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["Score", "score", "load_answer_key"]


@dataclass
class Score:
    """Result of :func:`score`: the rates and the rows behind them."""

    precision: float
    recall: float
    matched: int
    predicted: int
    expected: int
    false_positives: pd.DataFrame
    misses: pd.DataFrame

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f} ({self.matched}/{self.predicted}), "
                f"recall {self.recall:.3f} ({self.matched}/{self.expected})")


def load_answer_key(path: str | Path) -> pd.DataFrame:
    """Read one answer-key CSV (see ``tests/answer_key/README.md`` for its columns)."""
    df = pd.read_csv(path, dtype={"doc_id": "string", "quote": "string", "indicator_zh": "string"}, keep_default_na=False)
    df["value"] = df["value"].astype(float)
    df["year"] = pd.to_numeric(df["year"]).astype("Int64")
    return df


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def score(predicted: pd.DataFrame, key: pd.DataFrame) -> Score:
    """Precision and recall of ``predicted`` rows against ``key`` rows (one document or many)."""
    used: set[int] = set()
    matched_pred: set[int] = set()
    key_rows = list(key.reset_index(drop=True).itertuples())
    pred = predicted.reset_index(drop=True)
    for p in pred.itertuples():
        for k in key_rows:
            if k.Index in used:
                continue
            if getattr(p, "doc_id", None) is not None and getattr(k, "doc_id", None) is not None and p.doc_id != k.doc_id:
                continue
            if (p.kind == k.kind and _same_value(float(p.value), float(k.value))
                    and pd.notna(p.year) and pd.notna(k.year) and int(p.year) == int(k.year)
                    and p.char_start < k.char_end and k.char_start < p.char_end):
                used.add(k.Index)
                matched_pred.add(p.Index)
                break
    n_pred, n_key, n = len(pred), len(key_rows), len(used)
    return Score(
        precision=n / n_pred if n_pred else 1.0,
        recall=n / n_key if n_key else 1.0,
        matched=n,
        predicted=n_pred,
        expected=n_key,
        false_positives=pred.drop(index=list(matched_pred)),
        misses=key.reset_index(drop=True).drop(index=list(used)),
    )
