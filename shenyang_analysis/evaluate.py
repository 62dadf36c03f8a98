"""``python -m shenyang_analysis.evaluate``: the extractor's precision and recall on the answer keys.

The scoring rule is :func:`shenyang_analysis.extract.scoring.score`; this module runs the
extractor (no curation) on the documents that have a key in ``tests/answer_key/``.
"""

from __future__ import annotations

from pathlib import Path

from .config import paths
from .extract.scoring import Score, load_answer_key, score
from .io.documents import load_corpus
from .table.catalog import load_catalog
from .table.targets import document_table

__all__ = ["score_corpus", "main"]


def score_corpus(key_dir: str | Path | None = None) -> dict[str, Score]:
    """Score the extractor (no curation) on every ``<doc_id>.csv`` answer key in ``key_dir``."""
    key_dir = Path(key_dir) if key_dir is not None else paths().answer_key_dir
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
