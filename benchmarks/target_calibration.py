"""Rolling test of the growth-target probabilities on real past targets: are they calibrated?

For each year t from 2005 (``AnalysisParams.calibration_from``) on, every model is fitted on the
targets of years before t and the growth history before each target's own year, the year
shock on panel years before t, and every target of year t is predicted (module
``shenyang_analysis.model.target_calibration``). Prints the inputs, a table per year and per
model (Brier skill against climatology, mean probability against the share met), the pooled
scores of every model, the reliability table (probability bin against share met, with
counts), the year-shock check per year, the projection view's interval coverage on real
targets before and after its PIT recalibration, the second stage of each year, the coefficients
of the final model, the wall time, and last one line

    brier=<x> brier_base=<x> skill=<x> log_loss=<x> ece=<x> n=<int>

for the headline model, pooled over every year scored on the floor event (growth ≥ the
figure): ``combined``, or ``combined_recal`` when the pre-registered rule keeps the second stage
(``docs/methods.md``). The about event (growth ≥ the figure − ``tolerance``, for 左右 targets) is
tested the same way and printed above it.

    .venv/bin/python benchmarks/target_calibration.py [PAIRS_CSV] [PANEL_CSV] [--write] [--out DIR]

``--write`` also stores the reliability table, the per-year table and the final fitted models
in ``data/derived/`` (or ``--out``), where reports and ``growth_target_probability`` read them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from shenyang_analysis.config import AnalysisParams, paths  # noqa: E402
from shenyang_analysis.history.csvrows import HistoryError  # noqa: E402
from shenyang_analysis.history.target_outcomes import (  # noqa: E402
    growth_histories, history_span, read_panel_growth, read_target_pairs,
)
from shenyang_analysis.model.target_calibration import (  # noqa: E402
    BASE_MODEL, RECALIBRATED_MODEL, ROLLING_MODELS, RollingResult, final_models, projection_coverage,
    reliability_table, rolling_test, shock_check, summary_line, write_results, year_table,
)
from shenyang_analysis.model.target_features import common_surprises, pair_features  # noqa: E402
from shenyang_analysis.model.target_logit import coefficient_table  # noqa: E402
from shenyang_analysis.model.target_recalibration import coverage_after, pit_adopted  # noqa: E402
from shenyang_analysis.vocab import GROWTH_EVENTS  # noqa: E402

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 30)


def _section(title: str, frame: pd.DataFrame) -> None:
    print(f"\n## {title}")
    print(frame.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


def _per_year(result: RollingResult, tag: str) -> None:
    preds, params = result.predictions, result.params
    years = year_table(preds, params.calibration_bins)
    _section(f"{tag}Brier skill against climatology, per year (rows) and model (columns)",
             years.pivot(index="year", columns="model", values="skill")[list(ROLLING_MODELS)].reset_index())
    wide = years.pivot(index="year", columns="model", values="mean_p")[list(ROLLING_MODELS)]
    wide.insert(0, "n", years.groupby("year")["n"].first())
    wide.insert(1, "share_met", years.groupby("year")["share_met"].first())
    _section(f"{tag}Mean probability per year and model, next to the share met", wide.reset_index())
    pooled = pd.DataFrame([{"model": m, **result.scores(m)} for m in ROLLING_MODELS])
    _section(f"{tag}Pooled over {preds['year'].min()}–{preds['year'].max()}", pooled)
    rel = reliability_table(preds, params.calibration_bins)
    for model in (BASE_MODEL, RECALIBRATED_MODEL, "projection", "projection_recal"):
        _section(f"{tag}Reliability: {model} (probability bin, targets, mean probability, share met)",
                 rel[rel["model"] == model].drop(columns="model"))
    maps = pd.DataFrame([{"year": y, "map": m.describe()} for y, m in result.beta_maps.items()])
    _section(f"{tag}Second stage of {BASE_MODEL}: the map of each year (fitted on earlier years only)", maps)


def _report(results: dict[str, RollingResult], surprises: pd.DataFrame) -> None:
    floor = results["floor"]
    params = floor.params
    _per_year(floor, "")
    for model in (BASE_MODEL, RECALIBRATED_MODEL):
        _section(f"Year-shock check of {model} (middle {params.shock_interval:.0%} of simulated years)",
                 shock_check(floor, model=model))
    first, last = int(floor.predictions["year"].min()), int(floor.predictions["year"].max())
    _section("Projection view on real targets: interval coverage of achieved growth (scored years)",
             projection_coverage(floor.features, first, last))
    coverage = coverage_after(floor.features, floor.pit_maps)
    _section("Projection view: coverage before and after the PIT recalibration (G from earlier years only)", coverage)
    print(f"PIT recalibration adopted by its rule (both coverages closer to nominal): {pit_adopted(coverage)}")
    a, b = floor.scores(BASE_MODEL), floor.scores(RECALIBRATED_MODEL)
    print(f"headline by the pre-registered rule: {floor.headline} "
          f"(Brier {a['brier']:.4f} → {b['brier']:.4f}, ECE {a['ece']:.4f} → {b['ece']:.4f})")
    final = final_models(floor.features, surprises, params)[BASE_MODEL]
    _section(f"Coefficients of {BASE_MODEL}, fitted on all {final.n} targets {final.years[0]}–{final.years[-1]} "
             f"(SE {final.se_type}); year shock: σ_c {final.shock_sd:.2f} points over {final.shock_years} panel years "
             f"→ {final.shock_logit:.2f} log-odds, τ from year effects {final.tau_direct:.2f}",
             coefficient_table(final))
    _per_year(results["about"], "About event (growth ≥ figure − tolerance): ")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pairs_csv", nargs="?", default=None, help=f"pairs CSV (default {paths().target_outcomes_csv})")
    p.add_argument("panel_csv", nargs="?", default=None,
                   help=f"city panel CSV (default {paths().city_panel_dir / 'city_gdp.csv'})")
    p.add_argument("--write", action="store_true", help="store the results and the fitted models in data/derived/")
    p.add_argument("--out", default=None, help="folder for --write (default data/derived/)")
    args = p.parse_args(argv)
    params = AnalysisParams()
    pairs_csv = Path(args.pairs_csv) if args.pairs_csv else paths().target_outcomes_csv
    panel_csv = Path(args.panel_csv) if args.panel_csv else paths().city_panel_dir / "city_gdp.csv"
    t0 = time.perf_counter()
    try:
        panel = read_panel_growth(panel_csv)
        pairs = read_target_pairs(pairs_csv, span=history_span(panel))
    except (HistoryError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    histories = growth_histories(pairs, panel)
    features = pair_features(pairs, histories, params)
    surprises = common_surprises(histories, params)
    results = {event: rolling_test(features, surprises, params, event=event) for event in GROWTH_EVENTS}
    print(f"pairs: {pairs_csv} ({int(pairs['target_pct'].notna().sum())} targets, "
          f"{int(features['met'].notna().sum())} with an outcome); panel: {panel_csv} "
          f"({panel['city_code'].nunique()} cities, {history_span(panel)[0]}–{history_span(panel)[1]})")
    print(f"projection view: {params.model} (fallback {params.fallback_model}) on the growth series, "
          f"{int(features['has_projection'].sum())} targets with one; usable panel years for the year shock: "
          f"{int(surprises['usable'].sum())}")
    _report(results, surprises)
    if args.write:
        written = write_results(results, surprises, {"pairs": pairs_csv, "panel": panel_csv},
                                Path(args.out) if args.out else None)
        print("\nwrote " + ", ".join(str(w) for w in written))
    print(f"\nwall time: {time.perf_counter() - t0:.1f} s")
    floor, about = results["floor"], results["about"]
    for model in (BASE_MODEL, RECALIBRATED_MODEL):
        print(f"floor event, {model}: {summary_line(floor.scores(model))}")
        print(f"about event, {model}: {summary_line(about.scores(model))}")
    print(f"headline ({floor.headline}, floor event):")
    print(summary_line(floor.scores(floor.headline)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
