"""What every assessment of a build shares: the chosen history, breaks, prices, catalog, documents.

Built once per build (:func:`build_context`) and passed to each
:func:`~shenyang_analysis.model.assess.assess_target`; a single call builds its own.

>>> import pandas as pd
>>> ctx = build_context(pd.DataFrame(columns=["region", "indicator", "year", "value", "unit", "measure", "status", "bound"]))
>>> ctx.genres["002_74a2a09f36767d0c"], ctx.direction("gdp"), ctx.is_flow("urban_employment_new")
('plan', True, True)
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.prices import PricePath, price_path, price_table
from ..history.reference_tables import load_share_drift
from ..history.series import load_breaks
from ..io.documents import load_manifest
from ..table.catalog import load_catalog
from .short_series import pooled_scale

__all__ = ["Context", "build_context", "catalog_info"]


@functools.lru_cache(maxsize=1)
def catalog_info() -> tuple[dict[str, str], dict[str, bool], dict[str, str]]:
    """(indicator → catalog measure, indicator → higher is better, indicator → category), read once."""
    c = load_catalog()
    return (dict(zip(c["indicator"], c["measure"])), dict(zip(c["indicator"], c["higher_is_better"].astype(bool))),
            dict(zip(c["indicator"], c["category"])))


@dataclass
class Context:
    """Shared inputs of the assessments (see the module docstring)."""

    chosen: pd.DataFrame
    breaks: pd.DataFrame
    prices: pd.DataFrame
    genres: dict[str, str]
    published: dict[str, dt.date]
    share_drift: pd.DataFrame
    measures: dict[str, str] = field(default_factory=dict)
    directions: dict[str, bool] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    #: (region, indicator, year) → growth-rate target figure: a parent's target for its children's
    #: calibrated probability (:func:`~shenyang_analysis.model.growth_targets.parent_growth_targets`)
    growth_targets: dict[tuple[str, str, int], float] = field(default_factory=dict)
    _scales: dict[str, tuple[float, float, str]] = field(default_factory=dict)

    def direction(self, indicator: str) -> bool | None:
        """True when higher is better, False when lower is, None when the catalog does not say."""
        return self.directions.get(indicator)

    def is_flow(self, indicator: str) -> bool:
        return self.measures.get(indicator) == "flow"

    def price_path(self, region: str, start: int, end: int, params: AnalysisParams = DEFAULT_PARAMS,
                   until: int | None = None) -> PricePath:
        """The region's price path; with ``until`` only the deflators of years before it are known
        (the document view: what the plan's readers knew), later years take the assumption."""
        table = self.prices if until is None else self.prices[self.prices["year"] < until]
        return price_path(region, start, end, table, params.inflation_pct)

    def count_scale(self, indicator: str) -> tuple[float, float, str]:
        """(σ, df, label): the pooled within-series scale of yearly log changes of the history's
        counts (not money, not shares) in the indicator's category, else in every category."""
        category = self.categories.get(indicator, "")
        if category not in self._scales:
            self._scales[category] = self._pool(category)
        return self._scales[category]

    def _pool(self, category: str) -> tuple[float, float, str]:
        h = self.chosen[(self.chosen["measure"] == "level") & (self.chosen["unit"] == "count")]
        if "bound" in h.columns:
            h = h[h["bound"].isin(["exact", "about"])]
        groups = {f"{r}/{i}": pd.Series(g["value"].to_numpy(float), index=g["year"].astype(int).to_numpy())
                  for (r, i), g in h.groupby(["region", "indicator"])}
        mine = {k: s for k, s in groups.items() if self.categories.get(k.split("/", 1)[1]) == category}
        sd, df, n = pooled_scale(mine)
        label = f"{category} counts"
        if not df >= 2:
            sd, df, n = pooled_scale(groups)
            label = "counts of every category"
        return sd, df, f"{label} ({n} series, {df:g} degrees of freedom)"

    def drift_sd(self, params: AnalysisParams = DEFAULT_PARAMS) -> tuple[float, str]:
        """The reference drift of a share (sd of the yearly log change) and its sample."""
        t = self.share_drift.set_index("sample")
        sample = params.reference_class if params.reference_class in t.index else "recent"
        if int(t.loc[sample, "n"]) < params.reference_min_windows:
            sample = "recent"
        return float(t.loc[sample, "sd"]), f"{sample} cities' shares of their province ({int(t.loc[sample, 'n'])} city-years)"


def build_context(chosen: pd.DataFrame, breaks: pd.DataFrame | None = None,
                  published: dict[str, dt.date] | None = None) -> Context:
    """The shared inputs for ``chosen`` (the history with conflicts resolved)."""
    breaks = load_breaks() if breaks is None else breaks
    manifest = load_manifest()
    measures, directions, categories = catalog_info()
    return Context(
        chosen=chosen, breaks=breaks, prices=price_table(chosen, breaks),
        genres={str(r["doc_id"]): str(r.get("genre") or "") for r in manifest},
        published=published if published is not None else {str(r["doc_id"]): r["published"] for r in manifest},  # type: ignore[misc]
        share_drift=load_share_drift(), measures=measures, directions=directions, categories=categories,
    )
