"""Money levels projected at constant prices, then put in current prices with a price path.

A nominal series mixes real growth and prices; a projection of it would carry the fitted
years' inflation into years whose prices are unknown. :func:`constant_price_forecast`
deflates the series with its region's price path (implicit GDP deflators: the region's own,
its parent's or the province's, :mod:`shenyang_analysis.history.prices`), fits the default
projection model to the constant-price series, and reprices the forecast with the same path,
whose years without a deflator carry the stated assumption (``AnalysisParams.inflation_pct``,
default the latest deflator change available). So every money projection, and every price
scenario of the sensitivity, states its prices.

>>> from shenyang_analysis.history.prices import PricePath
>>> p = PricePath("r", {y: 1.02 for y in range(2017, 2027)}, {y: "assumed" for y in range(2017, 2027)})
>>> s = pd.Series([100.0 * 1.07 ** i for i in range(6)], index=range(2016, 2022))
>>> f = constant_price_forecast(s, p, 2023, "drift")
>>> round(float(f.at(2023)["projection"] / s.iloc[-1]), 4)  # 4.9 % real growth a year and 2 % prices, twice
1.1449
"""

from __future__ import annotations

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.prices import PricePath
from ..history.series import trailing_run
from .projections import Forecast, ModelError, fit_forecast
from .simulated import reprice

__all__ = ["constant_price_forecast", "deflate"]


def deflate(nominal: pd.Series, prices: PricePath) -> pd.Series:
    """The series at the prices of its last year: N_y · P_last / P_y."""
    last = int(nominal.index[-1])
    out = pd.Series([float(v) * prices.factor(int(y), last) for y, v in nominal.items()], index=nominal.index, name=nominal.name)
    out.attrs = dict(nominal.attrs)
    return out


def constant_price_forecast(nominal: pd.Series, prices: PricePath, target_year: int, model: str,
                            params: AnalysisParams = DEFAULT_PARAMS) -> Forecast:
    """Fit ``model`` to the deflated trailing run of ``nominal`` and reprice the forecast (current prices).

    Raises :class:`~shenyang_analysis.model.projections.ModelError` when the model cannot be fitted.
    """
    run = trailing_run(nominal)
    if (run <= 0).any():
        raise ModelError("a money level must be positive to be projected at constant prices")
    real = deflate(run, prices)
    f = fit_forecast(real, target_year, model, scale="log", params=params)
    last = int(run.index[-1])
    return reprice(f, {y: prices.factor(last, y) for y in f.years})
