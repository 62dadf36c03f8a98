"""How long ``import shenyang_analysis`` takes next to ``import pandas`` (fresh interpreters).

    python benchmarks/import_time.py [REPEATS]

Prints the median wall time of each import over REPEATS (default 7) fresh processes, then
``import_ratio=<package / pandas>``; the aim is at most 1.5. A third line times the import of
the modules a report notebook needs (``datasets`` and ``present.plots``) for reference.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def _median_seconds(statement: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - t0)
    baseline = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - t0)
    return statistics.median(times) - statistics.median(baseline)


def main(argv: list[str]) -> int:
    repeats = int(argv[0]) if argv else 7
    pandas = _median_seconds("import pandas", repeats)
    package = _median_seconds("import shenyang_analysis", repeats)
    notebook = _median_seconds("import shenyang_analysis.datasets, shenyang_analysis.present.plots", repeats)
    print(f"import pandas: {pandas:.3f} s (median of {repeats}, interpreter start subtracted)")
    print(f"import shenyang_analysis: {package:.3f} s")
    print(f"import shenyang_analysis.datasets + present.plots: {notebook:.3f} s")
    print(f"import_ratio={package / pandas:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
