"""Benchmark the build and the extractor over the corpus in data/raw/documents.

Prints: the build's wall time and peak memory (Python allocations traced by tracemalloc, and
the process's maximum resident set size), and the extractor's throughput in characters per
second (best of several passes over the whole corpus).

    .venv/bin/python benchmarks/build_benchmark.py [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shenyang_analysis.pipeline import run_build  # noqa: E402
from shenyang_analysis.io.documents import load_corpus  # noqa: E402
from shenyang_analysis.extract.statements import extract_statements  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=5, help="extractor passes over the corpus (best is reported)")
    args = p.parse_args()

    with tempfile.TemporaryDirectory() as out:
        tracemalloc.start()
        t0 = time.perf_counter()
        result = run_build(Path(out))
        wall = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    docs = load_corpus()
    chars = sum(len(d.text) for d in docs)
    best = float("inf")
    rows = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        rows = sum(
            len(extract_statements(d.text, doc_id=d.doc_id, region=d.region, level=d.level,
                                   reference_date=d.reference_date, title=d.title))
            for d in docs
        )
        best = min(best, time.perf_counter() - t0)

    print(f"corpus: {len(docs)} documents, {chars} characters, {result.summary['rows']} rows")
    print(f"build_wall_seconds={wall:.3f}")
    print(f"build_peak_traced_mib={peak / 2**20:.1f}")
    print(f"process_max_rss_mib={maxrss_mib:.1f}")
    print(f"extract_seconds_best={best:.3f} rows={rows}")
    print(f"extract_chars_per_second={chars / best:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
