"""Feasibility formulas against hand-computed cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from shenyang_analysis.model import feasibility as f


def test_cagr_hand_computed():
    # Tiexi: about 1000亿元 in 2020 to 1500亿元 in 2025 needs (1.5)^(1/5) - 1 = 8.4472% a year
    assert f.required_cagr(1000, 2020, 1500, 2025) == pytest.approx(100 * (1.5 ** 0.2 - 1), abs=1e-12)
    assert f.required_cagr(1000, 2020, 1500, 2025) == pytest.approx(8.447177, abs=1e-6)
    assert f.required_cagr(200, 2020, 100, 2021) == pytest.approx(-50.0)
    with pytest.raises(ValueError, match="not after"):
        f.required_cagr(1, 2025, 2, 2025)
    with pytest.raises(ValueError, match="positive"):
        f.required_cagr(0, 2020, 2, 2025)


def test_percentage_points_a_year():
    assert f.required_pp_per_year(3.2, 2020, 3.5, 2025) == pytest.approx(0.06)
    assert f.required_growth("share", 46.0, 2020, 40.0, 2025) == pytest.approx(-1.2)
    assert f.required_growth("growth", 0, 2024, 6.0, 2025) == 6.0
    with pytest.raises(ValueError, match="unknown measure"):
        f.required_growth("ratio", 1, 2020, 2, 2021)


def test_historical_growth_uses_last_five_years():
    s = pd.Series([50.0, 100.0, 105.0, 110.25, 115.7625, 121.550625, 127.62815625], index=range(2014, 2021))
    # last five years 2015 -> 2020: 100 -> 127.628 = 5% a year; 2014 is left out
    assert f.historical_growth(s, "level") == pytest.approx(5.0)
    shares = pd.Series([2.0, 2.5, 3.2], index=[2015, 2018, 2020])
    assert f.historical_growth(shares, "share") == pytest.approx((3.2 - 2.0) / 5)
    rates = pd.Series([9.0, 7.0, 6.0, 5.0, 4.0, 3.0], index=range(2015, 2021))
    assert f.historical_growth(rates, "growth") == pytest.approx((7 + 6 + 5 + 4 + 3) / 5)
    with pytest.raises(ValueError, match="two observations"):
        f.historical_growth(pd.Series([1.0], index=[2020]), "level")


@pytest.mark.parametrize(
    "hist, req, expected",
    [(9.5, 10, "on track"), (9.49, 10, "acceleration needed"), (6.0, 10, "acceleration needed"),
     (5.99, 10, "limited progress"), (0.0, 10, "limited progress"), (-0.1, 10, "deterioration"),
     (-1.5, -1.0, "on track"), (-0.5, -1.0, "limited progress"), (0.5, -1.0, "deterioration")],
)
def test_progress_classes_at_their_bounds(hist, req, expected):
    assert f.progress_class(hist, req) == expected


def test_statuses_at_their_bounds():
    assert [f.status_from_probability(p) for p in (0.9, 0.8999, 0.66, 0.6599, 0.33, 0.3299, 0.1, 0.0999)] == [
        "on track", "likely", "likely", "uncertain", "uncertain", "unlikely", "unlikely", "off track"]
    with pytest.raises(ValueError):
        f.status_from_probability(1.2)


def test_is_met_for_each_comparator():
    assert f.is_met(1500, 1500, ">=") and not f.is_met(1499.9, 1500, ">=")
    assert f.is_met(3.8, 3.8, "<=") and not f.is_met(3.81, 3.8, "<=")
    assert f.is_met(101, 100, "~") and not f.is_met(103, 100, "~")
    assert f.is_met(17, 15, "==", target_high=20) and not f.is_met(21, 15, "==", target_high=20)


def test_brier_score_hand_computed():
    assert f.brier_score([0.8, 0.3, 0.6], [True, False, False]) == pytest.approx((0.04 + 0.09 + 0.36) / 3)
    with pytest.raises(ValueError):
        f.brier_score([], [])


def test_growth_paths_reach_the_target_on_the_required_path():
    paths = f.growth_paths("level", 2020, 1000.0, 2025, 1500.0, historical=6.0,
                           projection=pd.Series([1070.0, 1140.0, 1200.0, 1270.0, 1350.0], index=range(2021, 2026)),
                           planned={"plan 7%": 7.0})
    assert list(paths.columns) == ["required", "historical", "projected", "planned: plan 7%"]
    assert paths.loc[2025, "required"] == pytest.approx(1500.0)
    assert paths.loc[2020].tolist() == pytest.approx([1000.0] * 4)
    assert paths.loc[2025, "planned: plan 7%"] == pytest.approx(1000 * 1.07 ** 5)
    share = f.growth_paths("share", 2020, 3.2, 2025, 3.5)
    assert share["required"].diff().dropna().round(10).unique().tolist() == [0.06]
    assert not math.isnan(share.loc[2023, "required"])
