"""The extractor against the hand-annotated answer keys (tests/answer_key/, see its README).

A row counts when kind, value and year match and the spans overlap. The keys were made by
reading the documents, not the extractor's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shenyang_analysis.evaluate import load_answer_key, score
from shenyang_analysis.table.targets import document_table

KEY_DIR = Path(__file__).resolve().parent / "answer_key"
KEYS = sorted(KEY_DIR.glob("*.csv"))
THRESHOLD = 0.95


def test_at_least_two_whole_documents_are_annotated():
    assert len(KEYS) >= 2
    assert all(len(load_answer_key(k)) >= 30 for k in KEYS)


@pytest.mark.parametrize("key_path", KEYS, ids=[k.stem[:3] for k in KEYS])
def test_precision_and_recall_on_answer_key(key_path, corpus):
    doc = next(d for d in corpus if d.doc_id == key_path.stem)
    key = load_answer_key(key_path)
    assert (key["doc_id"] == doc.doc_id).all()
    for row in key.itertuples():  # the key itself points into the document
        assert doc.text[row.char_start:row.char_end] == row.quote
    s = score(document_table(doc), key)
    detail = "\n".join(
        [f"MISS {r.value:g} {r.year} {r.quote}" for r in s.misses.itertuples()]
        + [f"FP   {r.value:g} {r.year} {r.quote}" for r in s.false_positives.itertuples()]
    )
    assert s.precision >= THRESHOLD and s.recall >= THRESHOLD, f"{doc.doc_id}: {s}\n{detail}"


def test_scoring_counts_a_wrong_year_as_a_miss_and_a_false_positive(corpus):
    key_path = KEYS[0]
    doc = next(d for d in corpus if d.doc_id == key_path.stem)
    key = load_answer_key(key_path)
    pred = document_table(doc)
    shifted = pred.copy()
    shifted["year"] = shifted["year"] + 1
    s = score(shifted, key)
    assert s.matched == 0 and s.recall == 0.0 and len(s.false_positives) == len(pred)
