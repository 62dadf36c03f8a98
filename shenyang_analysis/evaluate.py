"""``python -m shenyang_analysis.evaluate``: the extractor's scores on the hand-made answer keys.

Three key sets, each a folder of ``<doc_id>.csv`` keys (see ``tests/answer_key/README.md``):

* ``seeds``: ``tests/answer_key/``, keys of the project's own documents (``data/raw/documents``);
* ``heldout``: ``tests/heldout/``, three invented texts with their own ``MANIFEST.csv`` and ``docs/``;
* ``unseen``: ``tests/unseen/``, fourteen real documents from outside Shenyang, annotated before
  the extractor first ran on them;
* ``fresh``: ``tests/fresh/``, seven more real documents from seven other regions, collected and
  annotated after the extractor had been tuned on ``unseen``, before it first ran on them.

For each set it prints precision, recall and F1 per document, per kind, per genre and for the
whole set, with the year and comparator accuracy (:func:`~shenyang_analysis.extract.scoring.breakdown`).
The extractor runs without curation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import paths
from .extract.scoring import Breakdown, Score, breakdown, load_answer_key, score
from .io.documents import Document, load_corpus, load_manifest, read_text
from .table.catalog import load_catalog
from .table.targets import document_table

__all__ = ["KEY_SETS", "KeySet", "load_key_set", "score_corpus", "score_key_set", "main", "load_answer_key", "score"]

#: The key sets and their folders under ``tests/``.
KEY_SETS: dict[str, str] = {"seeds": "answer_key", "heldout": "heldout", "unseen": "unseen", "fresh": "fresh"}


@dataclass
class KeySet:
    """Documents and their keys, one pair per document."""

    name: str
    docs: list[Document]
    keys: dict[str, pd.DataFrame]


def _set_dir(name_or_dir: str | Path) -> Path:
    if str(name_or_dir) in KEY_SETS:
        return paths().root / "tests" / KEY_SETS[str(name_or_dir)]
    return Path(name_or_dir)


def load_key_set(name_or_dir: str | Path) -> KeySet:
    """A key set by name (``seeds``, ``heldout``, ``unseen``) or folder.

    A folder with its own ``MANIFEST.csv`` holds its texts in ``docs/``; one without takes its
    documents from the project's corpus.
    """
    key_dir = _set_dir(name_or_dir)
    manifest = key_dir / "MANIFEST.csv"
    if manifest.exists():
        docs = [
            Document(doc_id=str(r["doc_id"]), text=read_text(key_dir / "docs" / f"{r['doc_id']}.txt"),
                     reference_date=r["reference_date"], region=str(r["region"]), level=str(r["level"]),  # type: ignore[arg-type]
                     genre=str(r["genre"]), title=str(r["title"]), published=r["published"])  # type: ignore[arg-type]
            for r in load_manifest(manifest)
        ]
    else:
        docs = load_corpus()
    keys = {p.stem: load_answer_key(p) for p in sorted(key_dir.glob("*.csv")) if p.name != "MANIFEST.csv"}
    by_id = {d.doc_id: d for d in docs}
    missing = sorted(set(keys) - set(by_id))
    if missing:
        raise ValueError(f"{key_dir}: no document for the key(s) {', '.join(missing)}")
    return KeySet(str(name_or_dir), [by_id[k] for k in keys], keys)


def score_key_set(ks: KeySet, catalog: pd.DataFrame | None = None) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """The extractor's rows and the key of every document of the set, by doc_id."""
    catalog = load_catalog() if catalog is None else catalog
    return {d.doc_id: (document_table(d, catalog), ks.keys[d.doc_id]) for d in ks.docs}


def score_corpus(key_dir: str | Path | None = None) -> dict[str, Score]:
    """Score the extractor (no curation) on every answer key of a set (default: the seeds)."""
    ks = load_key_set(key_dir if key_dir is not None else "seeds")
    return {doc_id: score(pred, key) for doc_id, (pred, key) in score_key_set(ks).items()}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["doc_id", "kind", "value", "year", "comparator", "char_start", "char_end"])


def _comparator_mismatches(pred: pd.DataFrame, key: pd.DataFrame, s: Score) -> list[str]:
    """One line per matched row whose comparator differs from the key's."""
    return [
        f"   COMP extracted {pred.at[p, 'comparator']}, key {key.at[k, 'comparator']} "
        f"[{key.at[k, 'char_start']}:{key.at[k, 'char_end']}] {key.at[k, 'quote']}"
        for p, k in s.pairs if str(pred.at[p, "comparator"]) != str(key.at[k, "comparator"])
    ]


def set_report(ks: KeySet, verbose: bool = False) -> tuple[Breakdown, list[str]]:
    """The set's overall breakdown and the printable lines (per document, per genre, overall)."""
    results = score_key_set(ks)
    lines = [f"== {ks.name}: {len(ks.docs)} documents"]
    genre_of = {d.doc_id: d.genre or "unknown" for d in ks.docs}
    for doc_id, (pred, key) in results.items():
        s = score(pred, key)
        lines.append(f"{doc_id} [{genre_of[doc_id]}]: {s}")
        if verbose:
            lines += [f"   MISS {r.kind} {r.value:g} {r.year} {r.comparator} [{r.char_start}:{r.char_end}] {r.quote}"
                      for r in s.misses.itertuples()]
            lines += [f"   FP   {r.kind} {r.value:g} {r.year} {r.comparator} [{r.char_start}:{r.char_end}] {r.quote}"
                      for r in s.false_positives.itertuples()]
            lines += _comparator_mismatches(pred.reset_index(drop=True), key.reset_index(drop=True), s)
    for genre in sorted(set(genre_of.values())):
        ids = [d for d in results if genre_of[d] == genre]
        b = breakdown(_concat([results[d][0] for d in ids]), _concat([results[d][1] for d in ids]))
        lines.append(f"-- genre {genre} ({len(ids)} documents): {b.overall}")
    total = breakdown(_concat([p for p, _ in results.values()]), _concat([k for _, k in results.values()]))
    lines += [f"-- {ks.name} " + line if i == 0 else line for i, line in enumerate(total.lines())]
    return total, lines


def main(argv: list[str] | None = None) -> int:
    """Print the scores of each key set (``-v`` lists misses, false positives and wrong comparators)."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m shenyang_analysis.evaluate")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("sets", nargs="*", default=list(KEY_SETS), help="key set names or folders")
    args = p.parse_args(argv)
    for name in args.sets:
        _, lines = set_report(load_key_set(name), verbose=args.verbose)
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
