"""Backtest the projection models on a panel of city GDP series and choose the default model by rule.

Runs :func:`shenyang_analysis.backtest.panel_backtest` (expanding window, origins from the 6th
point, horizons 1–5, log scale) for every model and the combination, prints one row per model
(median MASE ratio to drift, median sMAPE, 80%/95% interval coverage, series), the default model
chosen by :func:`~shenyang_analysis.backtest.choose_default_model`, the wall time, and last one
line ``mase_vs_drift=… coverage80=… coverage95=… series=…`` for the default model.

    .venv/bin/python benchmarks/forecast_accuracy.py [PANEL_CSV] [--max-series N] [--workers W]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# one BLAS thread per process: the fits are tiny and the series run in parallel processes
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shenyang_analysis.backtest import ALL_MODELS, choose_default_model, panel_backtest  # noqa: E402

DEFAULT_PANEL = Path(__file__).resolve().parents[1].parent / "shared/data/city_panel/city_gdp.csv"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("panel_csv", nargs="?", default=str(DEFAULT_PANEL), help=f"panel CSV (default {DEFAULT_PANEL})")
    p.add_argument("--max-series", type=int, default=None, help="only the first N usable series (quick run)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="parallel processes")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    bt = panel_backtest(args.panel_csv, models=ALL_MODELS, max_series=args.max_series, workers=args.workers)
    wall = time.perf_counter() - t0
    s = bt.summary
    print(f"panel: {args.panel_csv}")
    print(f"series backtested: {int(s['series'].max()) if len(s) else 0} "
          f"(skipped, too short after breaks: {len(bt.skipped)}); model failures: {len(bt.failures)}")
    if len(bt.failures):
        counts = bt.failures.groupby("model").size()
        print("failures by model: " + ", ".join(f"{m} {n}" for m, n in counts.items()))
    print(f"{'model':<12} {'mase_vs_drift':>13} {'smape%':>8} {'cov80':>7} {'cov95':>7} {'cases':>7} {'series':>7}")
    for m, r in s.iterrows():
        print(f"{m:<12} {r['mase_ratio']:>13.3f} {r['smape']:>8.2f} {r['coverage80']:>7.3f} "
              f"{r['coverage95']:>7.3f} {int(r['n']):>7d} {int(r['series']):>7d}")
    best = choose_default_model(s)
    r = s.loc[best]
    print(f"default model (rule: coverage within 10 points of nominal, then lowest median MASE ratio): {best}")
    print(f"wall_seconds={wall:.1f}")
    print(f"mase_vs_drift={r['mase_ratio']:.3f} coverage80={r['coverage80']:.3f} "
          f"coverage95={r['coverage95']:.3f} series={int(r['series'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
