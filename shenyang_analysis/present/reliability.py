"""The calibration of the growth-target probabilities, for the calibration report (``05_calibration``).

Charts and tables from the committed results of the rolling test (``data/derived/``,
:mod:`~shenyang_analysis.model.target_probability`): the reliability diagram (probability bin
against share met, with counts), the share met per year against the model's interval for it,
and the tables behind them. The tables hold two events (``floor``: growth ≥ the figure;
``about``: growth ≥ the figure less the tolerance); every function reads one (``event``,
default ``floor``).

>>> b = pd.DataFrame({"model": "combined", "lo": [0.6, 0.7], "hi": [0.7, 0.8], "n": [121, 391],
...                   "mean_p": [0.657, 0.758], "share_met": [0.562, 0.706]})
>>> calibration_table(b)["Share met"].tolist()
['56 %', '71 %']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..model.target_calibration import BASE_MODEL, RECALIBRATED_MODEL, ROLLING_MODELS
from ..model.target_recalibration import BetaMap

__all__ = ["MODEL_LABELS", "plot_reliability", "plot_year_shares", "calibration_table", "year_skill_table",
           "scores_table", "shock_table", "second_stage_table", "pit_coverage_table", "summary_text"]

MODEL_LABELS: dict[str, str] = {
    "climatology": "climatology (past share met)",
    "ambition": "logit on ambition alone",
    "target_level": "logit on the target alone",
    "projection": "projection view alone (uncalibrated)",
    "projection_recal": "projection view through earlier PITs",
    "target_setting": "target-setting logit",
    "combined_no_shock": "combined, no year shock",
    "combined": "combined, year shock integrated out",
    "combined_recal": "combined, then beta calibration (second stage)",
}


def _event(frame: pd.DataFrame, event: str) -> pd.DataFrame:
    return frame[frame["event"] == event] if "event" in frame else frame


def _pct(x: float) -> str:
    return "" if pd.isna(x) else f"{100 * x:.0f} %"


def plot_reliability(bins: pd.DataFrame, models: Sequence[str] = (BASE_MODEL, RECALIBRATED_MODEL, "projection"),
                     event: str = "floor") -> plt.Figure:
    """Reliability diagram: mean probability against share met per bin (marker area ∝ targets), counts below."""
    bins = _event(bins, event)
    fig, (ax, axn) = plt.subplots(2, 1, figsize=(6.4, 6.4), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    ax.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label="perfect calibration")
    width = 0.9 / (10 * max(len(models), 1))
    for i, model in enumerate(models):
        b = bins[bins["model"] == model]
        ax.plot(b["mean_p"], b["share_met"], marker="o", lw=1.2, label=MODEL_LABELS.get(model, model))
        ax.scatter(b["mean_p"], b["share_met"], s=np.sqrt(b["n"]) * 6, alpha=0.25)
        axn.bar(b["lo"] + 0.05 + (i - (len(models) - 1) / 2) * width, b["n"], width=width,
                label=MODEL_LABELS.get(model, model))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of targets met")
    ax.legend(loc="upper left", fontsize=8)
    axn.set_xlabel("probability given in the rolling test (bins of 10 %)")
    axn.set_ylabel("targets")
    fig.tight_layout()
    return fig


def plot_year_shares(years: pd.DataFrame, model: str = BASE_MODEL, event: str = "floor") -> plt.Figure:
    """Share met per year against the model's expected share and its year-shock interval."""
    years = _event(years, event)
    y = years[years["model"] == model].sort_values("year")
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    err = np.vstack([y["expected_share"] - y["share_low"], y["share_high"] - y["expected_share"]])
    ax.errorbar(y["year"], y["expected_share"], yerr=err, fmt="o", color="tab:blue", capsize=3,
                label="expected share, with the year-shock interval")
    ax.plot(y["year"], y["share_met"], "s", color="tab:red", label="share met")
    clim = years[years["model"] == "climatology"].sort_values("year")
    ax.plot(clim["year"], clim["mean_p"], "_", color="0.4", markersize=14, label="climatology")
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of targets met")
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def calibration_table(bins: pd.DataFrame, model: str = BASE_MODEL, event: str = "floor") -> pd.DataFrame:
    """The reliability table of one model in words: bin, targets, mean probability, share met."""
    bins = _event(bins, event)
    b = bins[bins["model"] == model]
    return pd.DataFrame({
        "Probability given": [f"{100 * lo:.0f}–{100 * hi:.0f} %" for lo, hi in zip(b["lo"], b["hi"])],
        "Targets": b["n"].astype(int).to_numpy(),
        "Mean probability": [_pct(v) for v in b["mean_p"]],
        "Share met": [_pct(v) for v in b["share_met"]],
    })


def year_skill_table(years: pd.DataFrame, models: Sequence[str] = ROLLING_MODELS, event: str = "floor") -> pd.DataFrame:
    """Brier skill against climatology per year (rows) and model (columns), with the share met."""
    years = _event(years, event)
    wide = years.pivot(index="year", columns="model", values="skill")[[m for m in models if m != "climatology"]]
    wide = wide.round(2)
    wide.insert(0, "share met", years.groupby("year")["share_met"].first().map(_pct))
    wide.insert(0, "targets", years.groupby("year")["n"].first())
    return wide.rename(columns=lambda c: MODEL_LABELS.get(c, c)).reset_index().rename(columns={"year": "Year"})


def scores_table(scores: dict[str, dict], models: Sequence[str] = ROLLING_MODELS) -> pd.DataFrame:
    """Pooled scores per model (Brier, skill, log loss, ECE, targets) from the model file's ``rolling_test``."""
    rows = [{"Model": MODEL_LABELS.get(m, m), "Brier": round(scores[m]["brier"], 4), "Skill": round(scores[m]["skill"], 3),
             "Log loss": round(scores[m]["log_loss"], 3), "ECE": round(scores[m]["ece"], 3), "Targets": scores[m]["n"]}
            for m in models if m in scores]
    return pd.DataFrame(rows)


def shock_table(years: pd.DataFrame, model: str = BASE_MODEL, event: str = "floor") -> pd.DataFrame:
    """Per year: share met, expected share, the year-shock interval, and whether the year lies inside it."""
    years = _event(years, event)
    y = years[years["model"] == model].sort_values("year")
    return pd.DataFrame({
        "Year": y["year"].to_numpy(), "Share met": [_pct(v) for v in y["share_met"]],
        "Expected": [_pct(v) for v in y["expected_share"]],
        "Interval": [f"{_pct(a)}–{_pct(b)}" for a, b in zip(y["share_low"], y["share_high"])],
        "Inside": ["yes" if bool(v) else "no" for v in y["share_within"]],
        "Skill": y["skill"].round(2).to_numpy(),
    })


def second_stage_table(by_year: Mapping[int, BetaMap]) -> pd.DataFrame:
    """The second stage of each year of the rolling test: which map, fitted on which earlier years.

    >>> second_stage_table({2005: BetaMap("identity", 1.0, 1.0, 0.0, 0, (), "fewer than 2 earlier years")})
       Year                                    Map
    0  2005  identity (fewer than 2 earlier years)
    """
    return pd.DataFrame({"Year": list(by_year), "Map": [m.describe() for m in by_year.values()]})


def pit_coverage_table(coverage: Sequence[Mapping]) -> pd.DataFrame:
    """The projection view's 80 % / 95 % interval coverage on real targets, before and after the PIT recalibration."""
    c = pd.DataFrame(list(coverage))
    return pd.DataFrame({
        "Year": c["year"], "Targets": c["n"],
        "80 % interval": [f"{_pct(a)} → {_pct(b)}" for a, b in zip(c["cov80"], c["cov80_recal"])],
        "95 % interval": [f"{_pct(a)} → {_pct(b)}" for a, b in zip(c["cov95"], c["cov95_recal"])],
        "Mean PIT": [f"{a:.2f} → {b:.2f}" for a, b in zip(c["mean_pit"], c["mean_pit_recal"])],
    })


def summary_text(scores: dict[str, dict], years: pd.DataFrame, model: str = BASE_MODEL) -> str:
    """The rolling test in words: skill and calibration against the aims, the second stage, the years outside
    the shock interval (``model``: the headline model the pre-registered rule picked).

    >>> s = {m: {"skill": v, "ece": e, "n": 10} for m, v, e in (("combined", 0.19, 0.06), ("ambition", 0.06, 0.1),
    ...      ("target_level", 0.12, 0.1), ("projection", 0.04, 0.1), ("combined_recal", 0.18, 0.05))}
    >>> y = pd.DataFrame({"year": [2011, 2012], "model": "combined", "share_met": [0.64, 0.33],
    ...                   "share_within": [True, False], "skill": [0.28, 0.21]})
    >>> text = summary_text(s, y)
    >>> "calibration error is 0.060 (aim 0.05, not met)" in text, "outside the year-shock interval in 2012 (33 % met)" in text
    (True, True)
    >>> "second stage (beta calibration on earlier years' predictions) gives skill 0.18 and ECE 0.050" in text
    True
    """
    s = scores[model]
    y = _event(years, "floor")
    y = y[y["model"] == model].sort_values("year")
    first, last = int(y["year"].min()), int(y["year"].max())
    outside = [f"{int(r.year)} ({_pct(r.share_met)} met)" for r in y.itertuples() if not bool(r.share_within)]
    worse = [str(int(r.year)) for r in y.itertuples() if r.skill < 0]
    text = (f"Over {first}–{last} ({s['n']} targets), the {model} model scores a Brier skill of {s['skill']:.2f} "
            f"against climatology (aim 0.15), {s['skill'] - scores['ambition']['skill']:+.2f} over a logit on "
            f"ambition alone and {s['skill'] - scores['target_level']['skill']:+.2f} over a logit on the target alone; "
            f"its expected calibration error is {s['ece']:.3f} (aim 0.05"
            f"{', met' if s['ece'] <= 0.05 else ', not met'}). ")
    other = RECALIBRATED_MODEL if model == BASE_MODEL else BASE_MODEL
    if other in scores:
        o = scores[other]
        label = ("the second stage (beta calibration on earlier years' predictions)" if other == RECALIBRATED_MODEL
                 else "without the second stage it")
        text += (f"By the rule fixed before the test, {label} gives skill {o['skill']:.2f} and ECE {o['ece']:.3f}"
                 f"{' and is not used' if other == RECALIBRATED_MODEL else ''}. ")
    text += (f"It is worse than climatology in {', '.join(worse)}. " if worse
             else "It is better than climatology in every year. ")
    text += (f"The share met falls outside the year-shock interval in {', '.join(outside)}: a common shock larger "
             "than the past ones. " if outside else "Every year's share met lies inside the year-shock interval. ")
    text += (f"The projection view alone scores {scores['projection']['skill']:.2f}: the package's own projections "
             "are not calibrated probabilities for real targets.")
    return text
