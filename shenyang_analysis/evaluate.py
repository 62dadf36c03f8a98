"""Score the extractor against a hand-annotated answer key.

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


def score_corpus(key_dir: str | Path | None = None) -> dict[str, Score]:
    """Score the extractor (no curation) on every ``<doc_id>.csv`` answer key in ``key_dir``."""
    from .documents import load_corpus
    from .indicators import load_catalog
    from .paths import ROOT
    from .targets import document_table

    key_dir = Path(key_dir) if key_dir is not None else ROOT / "tests" / "answer_key"
    docs = {d.doc_id: d for d in load_corpus()}
    catalog = load_catalog()
    out: dict[str, Score] = {}
    for path in sorted(key_dir.glob("*.csv")):
        if path.stem not in docs:
            raise ValueError(f"{path}: no document {path.stem!r} in the corpus manifest")
        out[path.stem] = score(document_table(docs[path.stem], catalog), load_answer_key(path))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print precision and recall per answer key (``-v`` lists misses and false positives)."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m shenyang_analysis.evaluate")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--key-dir", type=Path, default=None)
    args = p.parse_args(argv)
    scores = score_corpus(args.key_dir)
    for doc_id, s in scores.items():
        print(f"{doc_id}: {s}")
        if args.verbose:
            for r in s.misses.itertuples():
                print(f"   MISS {r.kind} {r.value:g} {r.unit} {r.year} [{r.char_start}:{r.char_end}] {r.quote}")
            for r in s.false_positives.itertuples():
                print(f"   FP   {r.kind} {r.value:g} {r.unit} {r.year} [{r.char_start}:{r.char_end}] {r.quote}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
