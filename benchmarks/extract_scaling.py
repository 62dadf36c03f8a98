"""Extractor time against text length: 1, 2, 4 and 8 MB of plan text and one long line.

Prints, for each size, the wall-clock seconds, the CPU seconds of this process, the characters
per second (of CPU time: on a machine shared with other jobs the wall clock measures the load as
much as the extractor) and the CPU time per character relative to the smallest size (a linear
extractor keeps it near 1.0), then the same for a line of 200,000 characters without
punctuation, and the load average before and after. The plan text is the project's documents
repeated.

Run: ``.venv/bin/python benchmarks/extract_scaling.py [--sizes-mb 1 2 4 8] [--line-chars 200000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

from shenyang_analysis.extract.statements import extract_statements
from shenyang_analysis.io.documents import load_corpus


def _text_of(n_chars: int, seed: str) -> str:
    reps = n_chars // len(seed) + 1
    return (seed * reps)[:n_chars]


def _time(text: str) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, rows found."""
    t0, c0 = time.perf_counter(), time.process_time()
    rows = extract_statements(text, doc_id="bench", region="shenyang", level="city",
                              reference_date=dt.date(2021, 5, 17), genre="plan")
    return time.perf_counter() - t0, time.process_time() - c0, len(rows)


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return "not available"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes-mb", type=float, nargs="*", default=[1, 2, 4, 8])
    p.add_argument("--line-chars", type=int, default=200_000)
    args = p.parse_args(argv)
    seed = "\n".join(d.text for d in load_corpus()) + "\n"
    first = None
    print(f"load average before: {_load()}")
    print("size_mb  chars      wall_s   cpu_s    cpu_chars_per_s  rows    cpu_time_per_char_vs_first")
    for mb in args.sizes_mb:
        text = _text_of(int(mb * 1_000_000), seed)
        wall, cpu, n = _time(text)
        per_char = cpu / len(text)
        first = first or per_char
        print(f"{mb:<8g} {len(text):<10d} {wall:<8.2f} {cpu:<8.2f} {len(text) / cpu:<16.0f} {n:<7d} {per_char / first:.2f}")
    line = _text_of(args.line_chars, "地区生产总值突破1500亿元研发投入强度达到3.5%新增企业80家")
    wall, cpu, n = _time(line)
    print(f"one line of {len(line)} characters without punctuation: {wall:.2f} s wall, {cpu:.2f} s CPU, {n} rows, "
          f"{len(line) / cpu:.0f} chars/s of CPU time")
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
