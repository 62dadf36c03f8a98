"""Every parameter of an analysis in one place, and where the project's files are.

Two things live here and nowhere else:

* :class:`AnalysisParams` -- the choices an analysis makes (default model, inflation
  assumption, thresholds, tolerance, …), each with its default and the reason for it. The
  build (``python -m shenyang_analysis build --model NAME --inflation-pct X``), the report
  command and the notebooks' parameters cells set them; ``build_summary.json`` records the
  values a build used.
* :class:`Paths` -- the project root and the files under it. The root is, in order: the
  ``--root`` option of the command line (:func:`set_root`), the environment variable
  ``SHENYANG_ANALYSIS_ROOT``, the current directory when it holds ``data/raw/documents``, or
  the source checkout the package was imported from. A regular (non-editable) install
  therefore finds its data from the project folder it is run in, or from the variable.

>>> p = AnalysisParams()
>>> p.model, p.tolerance
('drift_recent', 0.02)
>>> p.replace(model="theta").model
'theta'
>>> paths().documents_dir.name
'documents'
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "AnalysisParams", "DEFAULT_PARAMS", "HEADLINE_TARGETS", "Paths", "ConfigError", "ENV_ROOT",
    "find_root", "paths", "set_root",
]

ENV_ROOT = "SHENYANG_ANALYSIS_ROOT"

#: The three headline targets, all for 2025: Tiexi GDP 1500亿元, Tiexi R&D share 3.5%,
#: Shenyang's "10+1" industrial clusters 1.1万亿元 (target ids: ``<doc_id>@<offset>``).
HEADLINE_TARGETS: tuple[str, ...] = (
    "002_74a2a09f36767d0c@9774",
    "002_74a2a09f36767d0c@9965",
    "003_2e6eae32420e2f95@620",
)


class ConfigError(ValueError):
    """A parameter or a project root that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class AnalysisParams:
    """The parameters of one analysis run (immutable; :meth:`replace` makes a changed copy)."""

    #: Projection model for series with enough own history. ``drift_recent`` is the model the
    #: forecast benchmark's rule picks (``benchmarks/forecast_accuracy.py``).
    model: str = "drift_recent"
    #: Model used when the default cannot be fitted: drift has no parameters to fail on.
    fallback_model: str = "drift"
    #: Price change (% a year) assumed for years that have no implicit GDP deflator yet (of the
    #: region, its parent or its province). ``None``: the latest deflator change available in that
    #: order (Shenyang 2023: −0.5 %), stated in every money verdict.
    inflation_pct: float | None = None
    #: The price sensitivity of every money verdict: the deflator change (% a year) put in place of
    #: the assumption, each giving a status (does the verdict change with prices?).
    price_scenarios: tuple[float, ...] = (-1.0, 0.0, 2.0)
    #: The year the committed data reach (the history was last compiled in 2026-12): a target
    #: whose year is before it and has no figure is ``overdue``, its probability as of the last data.
    as_of_year: int = 2026
    #: Reference class of growth rates for short money series: ``northeast`` (cities of Liaoning,
    #: Jilin, Heilongjiang in windows ending ``recent_from`` or later: the region's own recent
    #: experience), ``recent`` (all cities, same windows) or ``all``; the assessments show both
    #: ``northeast`` and ``recent``.
    reference_class: str = "northeast"
    #: Windows (or yearly changes) a reference-class sample needs for the window length asked
    #: for: with 20 the 10th and 90th percentiles rest on two windows each; a smaller sample
    #: falls back to ``recent`` (the Northeast has 24 five-year real-growth windows, 10 of six).
    reference_min_windows: int = 20
    #: Share-of-parent points needed to fit a trend in the share (OLS on the log share); with
    #: fewer the share is held at its last value and drifts with the pooled variance of district shares.
    share_trend_min_points: int = 3
    #: Draws of the simulations that combine two uncertainties (a share and its parent's
    #: projection; a rate and its reference class of yearly changes).
    simulation_draws: int = 20000
    #: Seed of those simulations: the same inputs give the same probabilities.
    random_seed: int = 20251
    #: Years at most between two observations that bracket a target year for interpolating it.
    max_interpolation_gap: int = 4
    #: A bare figure (``==``) of an indicator with a direction in the catalog is read as a floor
    #: (higher is better) or a ceiling: a plan's 吸引17万名 is met by 18万, not missed.
    bare_as_bound: bool = True
    #: Relative tolerance for "about" (~) and bare (==) targets: within 2% of the figure.
    tolerance: float = 0.02
    #: Probability thresholds of the statuses (lower bounds, highest first): the IPCC's
    #: calibrated language (very likely ≥ 0.90, likely ≥ 0.66, about as likely as not ≥ 0.33).
    status_thresholds: tuple[tuple[float, str], ...] = (
        (0.90, "on track"), (0.66, "likely"), (0.33, "uncertain"), (0.10, "unlikely"), (0.0, "off track"),
    )
    #: Ratio of historical to required growth (lower bounds, highest first): Eurostat's and
    #: Statistics Canada's progress classes.
    progress_thresholds: tuple[tuple[float, str], ...] = (
        (0.95, "on track"), (0.60, "acceleration needed"), (0.0, "limited progress"),
    )
    #: Consecutive years a statistical model of the series itself needs.
    min_own_points: int = 4
    #: Observations below which a statistical projection gives no status.
    min_obs_for_status: int = 3
    #: Years over which historical growth is measured (or the longest span available).
    historical_window: int = 5
    #: First end year of the "recent" windows in the panel's outside view and reference class
    #: (growth in China slowed after the mid-2010s).
    recent_from: int = 2015
    #: Conflicting sources: relative spread tolerated for levels (0.5%) ...
    conflict_rel_tol: float = 0.005
    #: ... and absolute spread for percent figures (0.05 points).
    conflict_pct_tol: float = 0.05
    #: A year-on-year level change larger than this in |log| marks a probable break in a panel
    #: series (a restatement, a boundary change): about +35% / −26%.
    break_log_change: float = 0.3
    #: drift_recent: weight of a difference relative to the next newer one (tuned on the panel).
    recent_weight: float = 0.5
    #: drift_recent: growth k years ahead is growth × damping ** k (tuned on the panel).
    recent_damping: float = 0.9
    #: drift_recent: in-sample errors are collected up to this horizon.
    calibration_horizon: int = 5
    #: drift_recent: the first in-sample origin uses this many points.
    calibration_min_points: int = 2
    #: Growth-target model: the projection's z-score (projected growth minus target, in
    #: predictive scale units) is clipped to ±this; beyond 4 scale units the projection says
    #: "certain" either way and a wild projection (a city projected at 60 %) must not dominate.
    target_z_clip: float = 4.0
    #: Growth-target model: a year's common growth surprise (the median over cities of growth
    #: minus its projection) counts only with at least this many cities (the panel has fewer
    #: before 1996, and a median of a handful of cities is mostly noise).
    shock_min_cities: int = 30
    #: Growth-target model: the low–high range of a probability, and the per-year interval of
    #: the share of targets met, cover the middle 90 % of the year-wide shock.
    shock_interval: float = 0.90
    #: Growth-target rolling test: seeded Monte Carlo draws of the year shock for the per-year
    #: interval of the share met (about ±0.01 precision on its bounds).
    shock_draws: int = 2000
    #: Growth-target rolling test: the first year scored. Each year is fitted on the targets of
    #: earlier years only, and the pairs start in 2003: 2005 is the first with two past years.
    calibration_from: int = 2005
    #: Reliability tables: equal-width bins of the predicted probability (10: 0–10 %, …, 90–100 %).
    calibration_bins: int = 10
    #: Growth-target rolling test: the second stage (beta calibration of the combined model)
    #: is fitted only on out-of-sample predictions of earlier scored years, and only once there
    #: are at least this many of them (with 2005 the first scored year: from 2007 on); before
    #: that the map is the identity. Two years, because one year's predictions share one shock.
    recalibration_min_years: int = 2
    #: Growth-target rolling test: the projection view's PIT recalibration G is built from this
    #: many quantiles of the earlier PITs (100: percentiles), linear in between.
    pit_quantiles: int = 100
    #: Growth-rate targets whose probability comes from the model calibrated on past targets:
    #: the indicators its evidence covers. Its 1,836 targets are real GDP growth; other rates
    #: (revenue, investment, trade, energy intensity) are set and met differently and keep the
    #: projection view of their own series, which says so.
    calibrated_growth_indicators: tuple[str, ...] = ("gdp_real_growth",)
    #: ... and the administrative levels it covers: the calibration's targets are prefecture-level
    #: cities'; a district's growth (a few figures, more volatile) or a province's is outside it.
    calibrated_growth_levels: tuple[str, ...] = ("city",)
    #: Whether the calibrated growth-target model may answer when the target or the recent growth
    #: lies outside the central 98 % of its data (city targets of 2003–2012: 7.8–23 %). No: a logit
    #: fitted in an era of targets routinely exceeded says little about a 5.5 % target of the
    #: 2020s; the projection view answers and the calibrated figure is shown beside it.
    calibrated_extrapolation: bool = False

    def __post_init__(self) -> None:
        if self.inflation_pct is not None and not -20.0 <= float(self.inflation_pct) <= 50.0:
            raise ConfigError(f"inflation_pct {self.inflation_pct!r} is not a plausible rate (% a year, -20 to 50)")
        if not 0.0 <= self.tolerance < 1.0:
            raise ConfigError(f"tolerance {self.tolerance!r} must be in [0, 1)")
        if not self.model:
            raise ConfigError("model must be named")
        if not 0.0 < self.shock_interval < 1.0:
            raise ConfigError(f"shock_interval {self.shock_interval!r} must be in (0, 1)")
        if self.calibration_bins < 2 or self.shock_draws < 100 or self.target_z_clip <= 0:
            raise ConfigError("calibration_bins must be at least 2, shock_draws at least 100, target_z_clip positive")
        if self.reference_class not in ("northeast", "recent", "all"):
            raise ConfigError(f"reference_class {self.reference_class!r} is not one of northeast, recent, all")
        if not all(-20.0 <= float(s) <= 50.0 for s in self.price_scenarios):
            raise ConfigError(f"price_scenarios {self.price_scenarios!r} are not plausible rates (% a year, -20 to 50)")
        if self.simulation_draws < 1000:
            raise ConfigError(f"simulation_draws {self.simulation_draws!r} is too few (at least 1000)")
        if self.recalibration_min_years < 1 or self.pit_quantiles < 2:
            raise ConfigError("recalibration_min_years must be at least 1 and pit_quantiles at least 2")
        for name in ("calibrated_growth_indicators", "calibrated_growth_levels"):
            value = getattr(self, name)
            if isinstance(value, str) or not all(isinstance(x, str) and x for x in value):
                raise ConfigError(f"{name} {value!r} must be a sequence of names (indicator ids, levels)")
            object.__setattr__(self, name, tuple(value))

    @classmethod
    def from_options(cls, **options: Any) -> AnalysisParams:
        """The defaults with every option that is set (not ``None`` or ``""``) applied: what a
        command line or a notebook's parameters cell passes.

        >>> AnalysisParams.from_options(model="", inflation_pct=1.0).inflation_pct
        1.0
        """
        return cls().replace(**{k: v for k, v in options.items() if v is not None and v != ""})

    def replace(self, **changes: Any) -> AnalysisParams:
        """A copy with some parameters changed (unknown names are an error).

        >>> AnalysisParams().replace(speed=1)
        Traceback (most recent call last):
        shenyang_analysis.config.ConfigError: unknown parameter(s): speed
        """
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ConfigError(f"unknown parameter(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The parameters as plain JSON-able values (for the build summary and the reports)."""
        out = dataclasses.asdict(self)
        for key in ("status_thresholds", "progress_thresholds"):
            out[key] = [[bound, label] for bound, label in out[key]]
        out["price_scenarios"] = [float(x) for x in out["price_scenarios"]]
        for key in ("calibrated_growth_indicators", "calibrated_growth_levels"):
            out[key] = list(out[key])
        return out


DEFAULT_PARAMS = AnalysisParams()


@dataclass(frozen=True)
class Paths:
    """The project's files under one root (environment overrides are read at each access)."""

    root: Path
    _overrides: dict[str, Path] = field(default_factory=dict, compare=False, repr=False)

    @property
    def raw_dir(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def documents_dir(self) -> Path:
        return self.raw_dir / "documents"

    @property
    def manifest_csv(self) -> Path:
        return self.documents_dir / "MANIFEST.csv"

    @property
    def indicators_csv(self) -> Path:
        return self.raw_dir / "indicators.csv"

    @property
    def curation_csv(self) -> Path:
        return self.raw_dir / "curation.csv"

    @property
    def history_dir(self) -> Path:
        return self.raw_dir / "history"

    @property
    def history_csv(self) -> Path:
        return self.history_dir / "history_observations.csv"

    @property
    def shenyang_panel_csv(self) -> Path:
        return self.history_dir / "shenyang_gdp_panel.csv"

    @property
    def history_added_csv(self) -> Path:
        return self.history_dir / "history_observations_added.csv"

    @property
    def document_baselines_csv(self) -> Path:
        return self.history_dir / "document_baselines.csv"

    @property
    def cpi_csv(self) -> Path:
        return self.history_dir / "liaoning_cpi.csv"

    @property
    def province_deflator_csv(self) -> Path:
        return self.history_dir / "liaoning_gdp_deflator.csv"

    @property
    def province_rd_csv(self) -> Path:
        return self.history_dir / "province_rd_intensity.csv"

    @property
    def panel_real_growth_csv(self) -> Path:
        return self.history_dir / "panel_real_growth_quantiles.csv"

    @property
    def province_panel_dir(self) -> Path:
        """``$SHENYANG_PROVINCE_PANEL_DIR`` if set, else ``../shared/data/province_panel``."""
        return Path(os.environ.get("SHENYANG_PROVINCE_PANEL_DIR") or self.shared_dir / "data" / "province_panel")

    @property
    def breaks_csv(self) -> Path:
        return self.history_dir / "series_breaks.csv"

    @property
    def panel_cagr_csv(self) -> Path:
        return self.history_dir / "panel_cagr_quantiles.csv"

    @property
    def derived_dir(self) -> Path:
        """Small results derived from data outside the repository, committed with their source named."""
        return self.root / "data" / "derived"

    @property
    def target_model_json(self) -> Path:
        """The growth-target model fitted on every past target (``benchmarks/target_calibration.py --write``)."""
        return self.derived_dir / "target_model.json"

    @property
    def target_calibration_bins_csv(self) -> Path:
        """The last rolling test's reliability table: predicted-probability bin vs share met, per model."""
        return self.derived_dir / "target_calibration_bins.csv"

    @property
    def target_calibration_years_csv(self) -> Path:
        """The last rolling test's scores per year and per model."""
        return self.derived_dir / "target_calibration_years.csv"

    @property
    def processed_dir(self) -> Path:
        """``$SHENYANG_PROCESSED_DIR`` if set, else ``data/processed``."""
        return Path(os.environ.get("SHENYANG_PROCESSED_DIR") or self.root / "data" / "processed")

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def notebooks_dir(self) -> Path:
        """``$SHENYANG_NOTEBOOKS_DIR`` if set, else ``notebooks/``."""
        return Path(os.environ.get("SHENYANG_NOTEBOOKS_DIR") or self.root / "notebooks")

    @property
    def answer_key_dir(self) -> Path:
        return self.root / "tests" / "answer_key"

    @property
    def shared_dir(self) -> Path:
        """The shared data beside the project (not committed): ``$SHENYANG_SHARED_DIR`` or ``../shared``."""
        return Path(os.environ.get("SHENYANG_SHARED_DIR") or self.root.parent / "shared")

    @property
    def target_outcomes_csv(self) -> Path:
        """Past city GDP-growth targets with outcomes: ``$SHENYANG_TARGET_OUTCOMES_CSV`` or
        ``../shared/data/target_outcomes/city_gdp_growth_targets.csv``."""
        return Path(os.environ.get("SHENYANG_TARGET_OUTCOMES_CSV")
                    or self.shared_dir / "data" / "target_outcomes" / "city_gdp_growth_targets.csv")

    @property
    def city_panel_dir(self) -> Path:
        """``$SHENYANG_CITY_PANEL_DIR`` if set, else ``../shared/data/city_panel``."""
        return Path(os.environ.get("SHENYANG_CITY_PANEL_DIR") or self.shared_dir / "data" / "city_panel")


_PACKAGE_PARENT = Path(__file__).resolve().parents[1]
_root_override: Path | None = None


def _is_root(path: Path) -> bool:
    return (path / "data" / "raw" / "documents").is_dir()


def find_root(explicit: str | Path | None = None) -> Path:
    """The project root: ``explicit``, ``$SHENYANG_ANALYSIS_ROOT``, the current directory, or the
    source checkout of the package -- the first that holds ``data/raw/documents``.

    >>> (find_root() / "data" / "raw").is_dir()
    True
    """
    for candidate, origin in ((explicit, "--root"), (os.environ.get(ENV_ROOT), f"${ENV_ROOT}")):
        if candidate:
            path = Path(candidate).expanduser().resolve()
            if not _is_root(path):
                raise ConfigError(f"{origin} {path} is not a project root (no data/raw/documents in it)")
            return path
    for path in (Path.cwd(), _PACKAGE_PARENT):
        if _is_root(path):
            return path.resolve()
    raise ConfigError(
        f"no project root found: run from the project folder, or set {ENV_ROOT} or --root "
        "to a folder with data/raw/documents"
    )


def set_root(root: str | Path | None) -> Path:
    """Use ``root`` as the project root from now on (``None``: find it again); returns it."""
    global _root_override
    _root_override = find_root(root) if root is not None else None
    if _root_override is not None:  # worker processes and notebook kernels inherit it
        os.environ[ENV_ROOT] = str(_root_override)
    return paths().root


def paths() -> Paths:
    """The project's paths under the current root (see :func:`find_root`)."""
    return Paths(_root_override or find_root())
