"""Backtest the projection models on a panel of city GDP series and choose the default model by rule.

Runs :func:`shenyang_analysis.backtest.panel_backtest` (expanding window, origins from the 6th
point, horizons 1–5, log scale) for every model and the combination, prints one row per model
(median MASE ratio to drift, median sMAPE, 80%/95% interval coverage, series), the same
scores split by origin period (origins up to 2008, when growth re-accelerated, and later, when
it decelerated: a check that a model's gain is not one period's), the default model
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

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from shenyang_analysis.model.backtest import ALL_MODELS, choose_default_model, panel_backtest, score_backtest  # noqa: E402

DEFAULT_PANEL = Path(__file__).resolve().parents[1].parent / "shared/data/city_panel/city_gdp.csv"


SPLIT_YEAR = 2008


def by_period(results: pd.DataFrame) -> pd.DataFrame:
    """Median per-series MASE ratio to drift and pooled coverage, origins up to SPLIT_YEAR and after."""
    out = {}
    for p, sub in (("early", results[results["origin"] <= SPLIT_YEAR]), ("late", results[results["origin"] > SPLIT_YEAR])):
        per = [score_backtest(g).assign(series=n) for n, g in sub.groupby("series")]
        per = pd.concat(per) if per else pd.DataFrame(columns=["mase_ratio"])
        for m, g in sub.groupby("model", sort=False):
            r = per.loc[per.index == m, "mase_ratio"].to_numpy(float)
            r = r[np.isfinite(r)]
            out.setdefault(m, {})[f"ratio_{p}"] = float(np.median(r)) if len(r) else float("nan")
            out[m][f"cov80_{p}"] = float(g["covered80"].mean())
            out[m][f"cov95_{p}"] = float(g["covered95"].mean())
    return pd.DataFrame.from_dict(out, orient="index")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("panel_csv", nargs="?", default=str(DEFAULT_PANEL), help=f"panel CSV (default {DEFAULT_PANEL})")
    p.add_argument("--max-series", type=int, default=None, help="only the first N usable series (quick run)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="parallel processes")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    bt = panel_backtest(args.panel_csv, models=ALL_MODELS, max_series=args.max_series, workers=args.workers,
                        keep_results=True)
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
    print(f"by origin period (median MASE ratio to drift, cov80, cov95; origins <= {SPLIT_YEAR} / later):")
    for m, row in by_period(bt.results).iterrows():
        print(f"{m:<12} " + "   ".join(f"{row[f'ratio_{p}']:.3f} {row[f'cov80_{p}']:.3f} {row[f'cov95_{p}']:.3f}"
                                        for p in ("early", "late")))
    best = choose_default_model(s)
    r = s.loc[best]
    print("default model (rule: both coverages within 5 points of nominal, else 10, then lowest median "
          f"MASE ratio): {best}")
    print(f"wall_seconds={wall:.1f}")
    print(f"mase_vs_drift={r['mase_ratio']:.3f} coverage80={r['coverage80']:.3f} "
          f"coverage95={r['coverage95']:.3f} series={int(r['series'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
