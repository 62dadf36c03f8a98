"""Benchmark what the build adds around its stages: the raw-input checks, decoding with the
garbled-text check, CSV writing, and writing + switching in the outputs.

Prints (best of ``--repeat`` runs each):

* ``check_inputs_seconds``: every raw input read and checked (``pipeline.check_inputs``);
* ``decode_gb18030_mb_per_second`` with and without the garbled-text check, on the corpus
  written in GB18030 and repeated to about 8 MB;
* ``csv_text_seconds`` against ``DataFrame.to_csv`` for the target table repeated to about
  100,000 rows (the price of quoting every field with a CR);
* ``write_and_switch_seconds``: writing the build's outputs into a staging folder, fsync,
  and the switch (``io/builds.py``), against ``build_in_memory_seconds``.

    .venv/bin/python benchmarks/inputs_and_outputs.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from shenyang_analysis.io.builds import staged_build  # noqa: E402
from shenyang_analysis.io.documents import load_corpus  # noqa: E402
from shenyang_analysis.io.serialize import csv_text  # noqa: E402
from shenyang_analysis.pipeline import (  # noqa: E402
    OUTPUT_NAMES, _write_outputs, build_assessments, build_targets, check_inputs,
)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=3, help="runs of each measurement (best is reported)")
    args = p.parse_args()

    print(f"check_inputs_seconds={best(check_inputs, args.repeat):.3f}")

    text = "".join(d.text.replace("\xa0", " ") for d in load_corpus())
    data = (text * (8_000_000 // len(text.encode("gb18030")) + 1)).encode("gb18030")
    mb = len(data) / 1e6
    from shenyang_analysis.io.text import decode_bytes

    checked = best(lambda: decode_bytes(data), args.repeat)
    plain = best(lambda: data.decode("gb18030"), args.repeat)
    print(f"decode_gb18030_mb={mb:.1f}")
    print(f"decode_gb18030_mb_per_second_checked={mb / checked:.1f}")
    print(f"decode_gb18030_mb_per_second_plain={mb / plain:.1f}")

    t0 = time.perf_counter()
    result = build_assessments(build_targets())
    in_memory = time.perf_counter() - t0
    targets = pd.concat([result.targets] * (100_000 // len(result.targets) + 1), ignore_index=True)
    print(f"csv_rows={len(targets)}")
    print(f"csv_text_seconds={best(lambda: csv_text(targets), args.repeat):.3f}")
    print(f"to_csv_seconds={best(lambda: targets.to_csv(index=False, lineterminator=chr(10)), args.repeat):.3f}")

    result.summary["inputs"] = []
    with tempfile.TemporaryDirectory() as out:
        def write_and_switch() -> None:
            with staged_build(Path(out), OUTPUT_NAMES) as stage:
                _write_outputs(result, stage)

        print(f"build_in_memory_seconds={in_memory:.3f}")
        print(f"write_and_switch_seconds={best(write_and_switch, args.repeat):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
