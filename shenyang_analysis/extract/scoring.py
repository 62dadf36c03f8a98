"""Score extracted rows against a hand-annotated answer key.

A predicted row matches a key row when ``kind``, ``value`` and ``year`` are equal and their
spans ``[char_start, char_end)`` overlap; matching is one-to-one (each key row is used once).
Precision = matched / predicted, recall = matched / key rows, F1 their harmonic mean.
:func:`breakdown` adds the rates per kind, the year accuracy (rows found with the right value
at the right place: is the year right?) and the comparator accuracy (matched rows: is the
comparator right?).

>>> import pandas as pd
>>> key = pd.DataFrame({"kind": ["target"], "value": [5.0], "year": [2021], "char_start": [0], "char_end": [4]})
>>> pred = pd.DataFrame({"kind": ["target", "target"], "value": [5.0, 7.0], "year": [2021, 2021],
...                      "char_start": [2, 9], "char_end": [6, 12]})
>>> s = score(pred, key)
>>> (s.precision, s.recall, round(s.f1, 3))
(0.5, 1.0, 0.667)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["Score", "Breakdown", "score", "breakdown", "load_answer_key"]


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
    pairs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f} ({self.matched}/{self.predicted}), "
                f"recall {self.recall:.3f} ({self.matched}/{self.expected}), F1 {self.f1:.3f}")


def load_answer_key(path: str | Path) -> pd.DataFrame:
    """Read one answer-key CSV (see ``tests/answer_key/README.md`` for its columns)."""
    df = pd.read_csv(path, dtype={"doc_id": "string", "quote": "string", "indicator_zh": "string",
                                  "comparator": "string"}, keep_default_na=False)
    df["value"] = df["value"].astype(float)
    df["year"] = pd.to_numeric(df["year"]).astype("Int64")
    return df


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _same_doc(p, k) -> bool:
    pd_id, kd_id = getattr(p, "doc_id", None), getattr(k, "doc_id", None)
    return pd_id is None or kd_id is None or pd_id == kd_id


def _full_match(p, k) -> bool:
    return (p.kind == k.kind and _same_value(float(p.value), float(k.value))
            and pd.notna(p.year) and pd.notna(k.year) and int(p.year) == int(k.year)
            and p.char_start < k.char_end and k.char_start < p.char_end)


def _place_match(p, k) -> bool:
    return _same_value(float(p.value), float(k.value)) and p.char_start < k.char_end and k.char_start < p.char_end


def _pairs(pred: pd.DataFrame, key: pd.DataFrame, same: Callable[[object, object], bool]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    key_rows = list(key.itertuples())
    for p in pred.itertuples():
        for k in key_rows:
            if k.Index not in used and _same_doc(p, k) and same(p, k):
                used.add(k.Index)
                pairs.append((p.Index, k.Index))
                break
    return pairs


def score(predicted: pd.DataFrame, key: pd.DataFrame) -> Score:
    """Precision and recall of ``predicted`` rows against ``key`` rows (one document or many)."""
    pred, key = predicted.reset_index(drop=True), key.reset_index(drop=True)
    pairs = _pairs(pred, key, _full_match)
    n_pred, n_key, n = len(pred), len(key), len(pairs)
    return Score(
        precision=n / n_pred if n_pred else 1.0,
        recall=n / n_key if n_key else 1.0,
        matched=n,
        predicted=n_pred,
        expected=n_key,
        false_positives=pred.drop(index=[p for p, _ in pairs]),
        misses=key.drop(index=[k for _, k in pairs]),
        pairs=pairs,
    )


@dataclass
class Breakdown:
    """Rates of one scoring: overall, per kind, year and comparator accuracy (see :func:`breakdown`)."""

    overall: Score
    per_kind: dict[str, tuple[float, float, int, int]]
    year_accuracy: float
    year_found: int
    comparator_accuracy: float

    def lines(self) -> list[str]:
        """The figures as printable lines."""
        out = [f"all: {self.overall}"]
        for kind, (p, r, n_pred, n_key) in self.per_kind.items():
            out.append(f"  {kind}: precision {p:.3f} of {n_pred}, recall {r:.3f} of {n_key}")
        out.append(f"  year accuracy {self.year_accuracy:.3f} (of {self.year_found} figures found at their place), "
                   f"comparator accuracy {self.comparator_accuracy:.3f} (of {self.overall.matched} matched)")
        return out


def breakdown(predicted: pd.DataFrame, key: pd.DataFrame) -> Breakdown:
    """Precision and recall per kind, year accuracy and comparator accuracy.

    >>> key = pd.DataFrame({"kind": ["target", "observation"], "value": [5.0, 3.0], "year": [2025, 2024],
    ...                     "comparator": [">=", "=="], "char_start": [0, 10], "char_end": [4, 14]})
    >>> pred = pd.DataFrame({"kind": ["target", "target"], "value": [5.0, 3.0], "year": [2025, 2025],
    ...                      "comparator": ["~", "=="], "char_start": [0, 10], "char_end": [4, 14]})
    >>> b = breakdown(pred, key)
    >>> b.per_kind["target"][:2], b.per_kind["observation"][:2], b.year_accuracy, b.comparator_accuracy
    ((0.5, 1.0), (1.0, 0.0), 0.5, 0.0)
    """
    pred, key = predicted.reset_index(drop=True), key.reset_index(drop=True)
    s = score(pred, key)
    per_kind = {}
    for kind in ("target", "observation"):
        n_pred = int((pred["kind"] == kind).sum())
        n_key = int((key["kind"] == kind).sum())
        hits = sum(1 for _, k in s.pairs if key.at[k, "kind"] == kind)
        per_kind[kind] = (hits / n_pred if n_pred else 1.0, hits / n_key if n_key else 1.0, n_pred, n_key)
    placed = _pairs(pred, key, _place_match)
    years_right = sum(1 for p, k in placed if pd.notna(pred.at[p, "year"]) and pd.notna(key.at[k, "year"])
                      and int(pred.at[p, "year"]) == int(key.at[k, "year"]))
    comps_right = sum(1 for p, k in s.pairs if str(pred.at[p, "comparator"]) == str(key.at[k, "comparator"])) \
        if "comparator" in pred.columns and "comparator" in key.columns else 0
    return Breakdown(
        overall=s, per_kind=per_kind,
        year_accuracy=years_right / len(placed) if placed else 1.0, year_found=len(placed),
        comparator_accuracy=comps_right / s.matched if s.matched else 1.0,
    )
