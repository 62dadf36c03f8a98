"""The history table, its conflict rule and series, real/nominal links and the outside view.

Only the tests marked ``needs_shared`` read ``../shared`` (skipped when it is absent); all
others run on the files committed in ``data/raw/history``.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shenyang_analysis import config, datasets, vocab
from shenyang_analysis.history import conflicts, csvrows, derived, panels, prices, reference_tables, schema, series, sources
from shenyang_analysis.table.schema import HISTORY_COLUMNS

_P = config.paths()
# the history stage's public names in one namespace, as the tests below use them
hs = SimpleNamespace(
    **{name: getattr(m, name) for m in (conflicts, csvrows, derived, panels, prices, reference_tables, schema, series, sources)
       for name in m.__all__},
    HISTORY_COLUMNS=HISTORY_COLUMNS, STATUSES=vocab.HISTORY_STATUSES, HISTORY_CSV=_P.history_csv,
    HISTORY_DIR=_P.history_dir, PANEL_CAGR_CSV=_P.panel_cagr_csv, CITY_PANEL_DIR=_P.city_panel_dir,
    CITY_GDP_CSV=_P.city_panel_dir / "city_gdp.csv",
)
from shenyang_analysis.table.schema import TableError

needs_shared = pytest.mark.skipif(not hs.CITY_GDP_CSV.exists(), reason="../shared/data/city_panel is absent")


@pytest.fixture(scope="module")
def hist() -> pd.DataFrame:
    return hs.load_history(documents=False)


# --------------------------------------------------------------------------- units and targets


def test_unit_conversion_is_exact():
    assert hs.to_base_unit("6101.9", "亿元") == (610190000000.0, "yuan")
    assert hs.to_base_unit("911.8", "万人") == (9118000.0, "count")
    assert hs.to_base_unit("579.1462", "亿元") == (57914620000.0, "yuan")
    assert hs.to_base_unit("4.2", "%") == (4.2, "percent")
    assert hs.to_base_unit("256", "天") == (256.0, "day")
    assert hs.to_base_unit("5902", "家") == (5902.0, "count")


def test_history_values_in_base_units(hist):
    gdp18 = hist[(hist["region"] == "shenyang") & (hist["indicator"] == "gdp") & (hist["year"] == 2018)]
    assert 610190000000.0 in set(gdp18["value"])
    assert set(gdp18["unit"]) == {"yuan"}
    pop = hist[(hist["indicator"] == "resident_population") & (hist["year"] == 2021)]
    assert pop["value"].tolist() == [9118000.0] and pop["unit"].tolist() == ["count"]
    assert set(hist["measure"]) == {"level", "growth", "share"}
    assert set(hist.loc[hist["measure"] != "level", "unit"]) == {"percent"}
    assert list(hist.columns) == list(hs.HISTORY_COLUMNS)


def test_target_rows_are_excluded_and_returned_separately(hist):
    assert not hist["indicator"].str.endswith("_target").any()
    t = hs.history_targets()
    assert sorted(set(t["indicator"])) == [
        "energy_intensity_change_target", "gdp_real_growth_target", "industrial_clusters_scale_target",
    ]
    assert len(t) == 4
    g = t[t["indicator"] == "gdp_real_growth_target"].iloc[0]
    assert (g["base_indicator"], g["year"], g["value"], g["measure"], g["comparator"]) == ("gdp_real_growth", 2025, 5.5, "growth", ">=")
    assert set(t.loc[t["indicator"] == "industrial_clusters_scale_target", "value"]) == {1.1e12}
    # 力爭 (traditional script) is a floor too
    assert set(t.loc[t["indicator"] == "industrial_clusters_scale_target", "comparator"]) == {">="}
    # every row of the two files is history, a target, or carried but not loaded (a unit the project cannot hold)
    raw = pd.concat([hs.read_history_csv(f) for f in hs.history_files()])
    assert len(raw) == 176 + 123 - 1 == len(hist[hist["origin"] == "history_file"]) + len(t)
    assert len(hs.left_out_rows()) == 1 and "grain_yield" in hs.left_out_rows()[0]


def test_status_mapping_examples():
    raw = hs.read_history_csv().set_index("line")
    assert raw.loc[22, "status"] == "revised"  # 6101.9, after the census
    assert raw.loc[23, "status"] == "preliminary"  # 6292.4, before it
    assert raw.loc[20, "status"] == "estimate"  # 2015 预计 7280
    assert raw.loc[134, "status"] == "secondary" and raw.loc[134, "bound"] == "lower" and raw.loc[134, "is_lower_bound"]  # Tiexi 突破1200亿元
    # 逼近1.1万亿: an upper bound, from the work report (not an estimate)
    assert (raw.loc[77, "status"], raw.loc[77, "bound"]) == ("official", "upper")
    assert raw.loc[76, "bound"] == "lower" and raw.loc[40, "bound"] == "about"  # 突破万亿; 增长6%左右
    assert raw.loc[67, "status"] == "official"  # "official (Feb 2025); ... had estimate 16.9%"
    assert raw.loc[159, "status"] == "secondary"  # no URL, VERIFY
    assert set(raw["status"]) <= set(hs.STATUSES)


# --------------------------------------------------------------------------- conflicts


def _frame(values, statuses, units="yuan", measure="level", origin="history_file", bounds="exact"):
    n = len(values)
    return pd.DataFrame({
        "region": "r", "indicator": "x", "year": 2020, "measure": measure, "unit": units,
        "value": values, "status": statuses, "source": [f"s{i}" for i in range(n)], "origin": origin, "bound": bounds,
    })


def test_conflict_rule_prefers_status_then_latest():
    h = pd.concat([
        _frame([100.0, 98.0, 97.0, 120.0], ["estimate", "official", "secondary", "revised"], bounds=["exact", "exact", "exact", "lower"]),
        _frame([5.0, 5.02], ["preliminary", "preliminary"], units="percent", measure="growth").assign(year=2021),
        _frame([7.0], ["document"], origin="document").assign(year=2022),
    ], ignore_index=True)
    chosen, conflicts = hs.resolve_conflicts(h)
    by_year = chosen.set_index("year")
    assert (by_year.loc[2020, "value"], by_year.loc[2020, "status"], by_year.loc[2020, "n_sources"]) == (98.0, "official", 4)
    assert (by_year.loc[2021, "value"], by_year.loc[2021, "source"]) == (5.02, "s1")  # tie: the later row
    assert by_year.loc[2022, "n_sources"] == 1
    # 2020 spreads 23 % > 0.5 %; 2021 spreads 0.02 points < 0.05
    assert set(conflicts["year"]) == {2020}
    assert sorted(conflicts["value"]) == [97.0, 98.0, 100.0, 120.0]
    assert conflicts.loc[conflicts["is_chosen"], "value"].tolist() == [98.0]


def test_conflict_tolerances():
    small = _frame([1000.0, 1004.0], ["official", "estimate"])  # 0.4 % apart
    big = _frame([1000.0, 1006.0], ["official", "estimate"]).assign(year=2021)  # 0.6 % apart
    pct = _frame([4.2, 4.15], ["official", "estimate"], units="percent", measure="growth").assign(year=2022)
    _, conflicts = hs.resolve_conflicts(pd.concat([small, big, pct], ignore_index=True))
    assert set(conflicts["year"]) == {2021}


def test_status_order_is_the_documented_one():
    assert hs.STATUSES == ("revised", "official", "preliminary", "document", "estimate", "derived", "secondary")
    values = list(range(len(hs.STATUSES)))
    chosen, _ = hs.resolve_conflicts(_frame([float(v) for v in values[::-1]], list(hs.STATUSES[::-1])))
    assert chosen["status"].tolist() == ["revised"]


def test_real_file_conflict_shenyang_gdp_2018(hist):
    chosen, conflicts = hs.resolve_conflicts(hist)
    key = (conflicts["region"] == "shenyang") & (conflicts["indicator"] == "gdp") & (conflicts["year"] == 2018)
    values = set(conflicts.loc[key, "value"])
    assert {610190000000.0, 629240000000.0} <= values
    assert conflicts.loc[key & conflicts["is_chosen"], "value"].tolist() == [610190000000.0]
    row = chosen[(chosen["region"] == "shenyang") & (chosen["indicator"] == "gdp") & (chosen["year"] == 2018)].iloc[0]
    assert row["status"] == "revised" and row["n_sources"] == 3
    assert chosen.duplicated(hs.KEY).sum() == 0


# --------------------------------------------------------------------------- series


def test_series_drops_pre_break_years(hist):
    latest = hs.series(hist, "shenyang", "gdp")
    assert list(latest.index) == [2024] and latest.attrs["break_year"] == 2024  # the 5th census
    s = hs.series(hist, "shenyang", "gdp", basis="before")
    assert 2024 not in s.index and "2024 break" in s.attrs["notes"][0]
    assert s.index.dtype == np.int64 and s.index.is_monotonic_increasing
    assert 2015 not in s.index and 728000000000.0 not in s.to_numpy()
    assert s.index.min() == 2018 and s.loc[2018] == 610190000000.0
    assert s.attrs["break_year"] == 2018 and 2015 in s.attrs["dropped_years"] and s.attrs["bound"][2018] == "exact"
    assert s.attrs["status"][2018] == "revised" and s.attrs["status"][2019] == "official"
    assert s.attrs["unit"] == "yuan" and s.attrs["basis"].startswith("nominal")
    full = hs.series(hist, "shenyang", "gdp", since_break=False)
    assert 2015 in full.index and full.attrs["dropped_years"] == []


def test_series_growth_is_labelled_real_and_not_cut(hist):
    g = hs.series(hist, "shenyang", "gdp_real_growth", measure="growth")
    assert g.attrs["basis"].startswith("real") and g.attrs["break_year"] is None
    assert g.loc[2019] == 4.15  # panel (official) beats the 5 % estimate and the 4.2 % repost
    assert g.loc[2016] == -5.6
    r = hs.series(hist, "shenyang", "retail_sales_growth", measure="growth")
    assert r.attrs["basis"].startswith("nominal")


def test_breaks_file():
    b = hs.load_breaks()
    sy = b[(b["region"] == "shenyang") & (b["indicator"] == "gdp")]
    assert sorted(sy["year"]) == [2016, 2018, 2024]
    assert dict(zip(sy["year"], sy["bridge"])) == {2016: "", 2018: "", 2024: "real_growth"}
    assert (b["source"].str.len() > 0).all()


def test_a_widened_definition_keeps_earlier_figures_as_lower_bounds(hist):
    s = hs.series(hist, "shenyang", "industrial_clusters_scale")
    assert list(s.index) == [2024, 2025]
    assert s.attrs["bound"] == {2024: "lower", 2025: "upper"}  # 10 clusters ≥1万亿; 10+1 逼近1.1万亿
    assert "narrower definition" in s.attrs["notes"][0]


def test_bad_bridge_names_file_and_line(tmp_path):
    path = tmp_path / "breaks.csv"
    path.write_text("region,indicator,year,description,source,bridge\nr,gdp,2020,x,y,glue\n", encoding="utf-8")
    with pytest.raises(hs.HistoryError, match=r"line 2: bridge 'glue'"):
        hs.load_breaks(path)


# --------------------------------------------------------------------------- real and nominal


def test_chain_growth_hand_computed():
    g = pd.Series({2019: 10.0, 2020: 25.0, 2021: 10.0, 2022: -50.0})
    out = hs.chain_growth(2020, 100.0, g)
    assert out.index.tolist() == [2018, 2019, 2020, 2021, 2022]
    assert out.loc[2019] == pytest.approx(80.0)
    assert out.loc[2018] == pytest.approx(80.0 / 1.1)
    assert out.loc[2021] == pytest.approx(110.0) and out.loc[2022] == pytest.approx(55.0)


def test_chain_growth_stops_at_gaps_and_labels_basis():
    g = pd.Series({2010: 3.0, 2015: 10.0, 2016: 10.0})
    g.attrs["basis"] = "real (comparable prices)"
    out = hs.chain_growth(2016, 121.0, g)
    assert out.to_dict() == pytest.approx({2014: 100.0, 2015: 110.0, 2016: 121.0})
    assert out.attrs["unused_growth_years"] == [2010]
    assert out.attrs["basis"] == "real: constant 2016 prices"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=-30, max_value=40), min_size=1, max_size=12), st.integers(0, 11))
def test_chain_growth_round_trip(rates, anchor_pos):
    years = list(range(2000, 2000 + len(rates)))
    g = pd.Series(rates, index=years)
    anchor = years[min(anchor_pos, len(years) - 1)]
    levels = hs.chain_growth(anchor, 50.0, g)
    back = (levels / levels.shift(1) - 1).dropna() * 100
    assert back.to_numpy() == pytest.approx(np.array(rates), abs=1e-9)


def test_nominal_from_real_hand_computed():
    assert hs.nominal_from_real(5.0, 2.0) == pytest.approx(7.1)
    assert hs.nominal_from_real(-1.0, 3.0) == pytest.approx((0.99 * 1.03 - 1) * 100)
    arr = hs.nominal_from_real(np.array([0.0, 10.0]), 10.0)
    assert arr == pytest.approx([10.0, 21.0])


@pytest.fixture(scope="module")
def price_table(hist):
    chosen, _ = hs.resolve_conflicts(hist)
    return hs.price_table(chosen, hs.load_breaks())


def test_implicit_deflators_by_hand(hist, price_table):
    """Shenyang 2023: 8122.1 / 7695.8 / 1.061 − 1 = −0.53 %; 2024 has none (census break)."""
    sy = price_table[price_table["region"] == "shenyang"].set_index("year")
    assert sy.loc[2023, "change_pct"] == pytest.approx(100 * (8122.1 / 7695.8 / 1.061 - 1))
    assert sy.loc[2022, "change_pct"] == pytest.approx(100 * (7695.8 / 7249.6777 / 1.035 - 1))
    assert 2024 not in sy.index and 2018 not in sy.index  # both break years
    ln = price_table[price_table["region"] == "liaoning"].set_index("year")
    assert ln.loc[2023, "change_pct"] == pytest.approx(-0.988, abs=1e-3) and ln.loc[2023, "rank"] == 0  # own bulletins
    assert ln.loc[2019, "change_pct"] == pytest.approx(0.304) and ln.loc[2019, "rank"] == 1  # the carried NBS table
    assert ln.loc[2020, "source"].startswith("liaoning: CPI")  # no GDP deflator for 2020


def test_price_path_walks_the_chain_then_states_its_assumption(price_table):
    p = hs.price_path("tiexi", 2017, 2025, price_table)
    assert p.sources[2018].startswith("liaoning")  # Shenyang's 2018 is a break year: the province's
    assert p.sources[2023].startswith("shenyang: implicit")
    assert p.assumed_years == [2024, 2025] and p.assumption_pct == pytest.approx(100 * (8122.1 / 7695.8 / 1.061 - 1))
    assert "latest implicit GDP deflator: shenyang 2023" in p.note()
    q = hs.price_path("tiexi", 2023, 2025, price_table, inflation_pct=2.0)
    assert q.factor(2023, 2025) == pytest.approx(1.02 ** 2) and q.factor(2025, 2023) == pytest.approx(1 / 1.02 ** 2)
    assert hs.latest_change("hunnan", price_table)[1] == "latest implicit GDP deflator: shenyang 2023"


def test_price_path_refuses_a_past_year_without_any_source():
    t = pd.DataFrame({"region": ["liaoning"] * 2, "year": [2001, 2003], "change_pct": [1.0, 2.0], "source": "s", "rank": 1})
    with pytest.raises(hs.PriceError, match="no price change for tiexi in 2002"):
        hs.price_path("tiexi", 2000, 2003, t)


def test_extend_by_growth_needs_prices_for_real_growth():
    lv = pd.Series([100.0], index=[2020])
    p = hs.PricePath("r", {2021: 1.011, 2022: 1.03}, {2021: "cpi", 2022: "assumed"})
    out, notes = hs.extend_by_growth(lv, pd.Series({2021: 5.0, 2022: 4.0}), real=True, prices=p)
    assert out.loc[2022] == pytest.approx(100 * 1.05 * 1.011 * 1.04 * 1.03) and len(notes) == 2
    assert hs.extend_by_growth(lv, pd.Series({2021: 5.0}), real=False)[0].loc[2021] == pytest.approx(105.0)
    with pytest.raises(ValueError, match="needs a price change"):
        hs.extend_by_growth(lv, pd.Series({2021: 5.0}), real=True)


# --------------------------------------------------------------------------- derived figures and bounds


def test_derived_figures_say_how(hist):
    d = hist[hist["origin"] == "derived"].set_index(["region", "indicator", "year"])
    assert d.loc[("shenyang", "hightech_enterprises", 2021), "value"] == 4200 - 859
    assert d.loc[("shenyang", "sci_tech_sme_registered", 2021), "value"] == 9543 - 2376
    assert d.loc[("shenyang", "investment_projects_100m", 2021), "value"] == 2223 - 404  # 比上年增加404个, from the note
    assert d.loc[("shenyang", "national_innovation_platforms", 2023), "value"] == 79 - 3  # 新增3个…(总数79家)
    assert d.loc[("shenyang", "sci_tech_innovation_platforms", 2023), "value"] == pytest.approx(1710 / 1.13)
    assert d.loc[("hunnan", "hightech_enterprises", 2019), "value"] == 534
    assert (d["status"] == "derived").all() and d["source_detail"].str.startswith("derived:").all()


def test_a_level_from_a_ratio_in_a_document():
    t = pd.DataFrame({"kind": "observation", "indicator": ["rd_expenditure", "rd_intensity"], "region": "tiexi", "year": 2020,
                      "value": [3.14e9, 3.2], "unit": ["yuan", "percent"], "is_growth_rate": False, "comparator": "==",
                      "doc_id": "002", "quote": ["科技研发投入达到 31.4 亿元", "占地区生产总值的比重达到 3.2%"]})
    rows = hs.derived_rows(hs.document_observations(t))
    gdp = rows[rows["indicator"] == "gdp"].iloc[0]
    assert gdp["value"] == pytest.approx(3.14e9 / 0.032) and gdp["bound"] == "about" and "966–997亿元" in gdp["source_detail"]


def test_document_baselines_are_checked_against_the_text(tmp_path):
    b = hs.document_baselines()
    assert b.iloc[0]["source_detail"].startswith("地区生产总值达到千亿体量")
    path = tmp_path / "baselines.csv"
    path.write_text(",".join(hs.DOCUMENT_BASELINE_COLUMNS) + "\n"
                    "002_74a2a09f36767d0c,1031,1043,地区生产总值达到万亿体量,tiexi,gdp,2020,1,yuan,about,estimate,x\n", encoding="utf-8")
    with pytest.raises(hs.HistoryError, match=r"line 2: quote '地区生产总值达到万亿体量' is not the text"):
        hs.document_baselines(path)


@pytest.mark.parametrize("phrase,percent,bound", [
    ("“10+1”重点产业集群规模总量逼近1.1万亿元", False, "upper"),
    ("10大重点产业集群规模突破万亿", False, "lower"),
    ("高新技术产品产值占规模以上工业总产值比重保持在55%以上", True, "lower"),
    ("城镇登记失业率控制在3.6%以内", True, "upper"),
    ("科技型企业总数突破2.1万家、同比增长42.5%", True, "exact"),
    ("让沈阳全年开复工亿元以上项目定格在2223个上", False, "exact"),
    ("新签约亿元以上项目2050个", False, "exact"),
    ("常住人口约为924.3万人", False, "about"),
    ("nearly 29,000 tech enterprises", False, "upper"),
])
def test_figure_bounds(phrase, percent, bound):
    assert hs.figure_bound("", phrase, percent=percent) == bound


def test_units_added_for_the_new_rows(hist):
    g = hist[(hist["indicator"] == "grain_output")].set_index(["region", "year"])
    assert g.loc[("shenyang", 2021), ["value", "unit"]].tolist() == [83.71e8, "jin"]
    assert g.loc[("liaoning", 2024), ["value", "unit"]].tolist() == [pytest.approx(500.1e8 * 0.0005), "ton"]  # mixed: put in ton
    fdi = hist[(hist["indicator"] == "fdi_utilized") & (hist["year"] == 2022)].iloc[0]
    assert (fdi["value"], fdi["unit"]) == (39.2e8, "usd")


# --------------------------------------------------------------------------- outside view


def test_committed_quantile_table_is_small_and_monotone():
    assert hs.PANEL_CAGR_CSV.stat().st_size < 100_000
    t = hs.load_panel_cagr_quantiles()
    q = t[[f"p{p}" for p in range(101)]].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    assert sorted(set(t["k"])) == list(range(1, 11)) and (t["n"] > 0).all()


def test_share_at_or_above_monotone_and_half_at_median():
    t = hs.load_panel_cagr_quantiles()
    for recent in (False, True):
        for k in (1, 5, 10):
            grid = np.linspace(-40, 40, 81)
            shares = [hs.share_at_or_above(x, k, recent, table=t) for x in grid]
            assert all(a >= b for a, b in zip(shares, shares[1:]))
            assert shares[0] == 1.0 and shares[-1] == 0.0
            median = float(t.loc[(t["sample"] == ("recent" if recent else "all")) & (t["k"] == k), "p50"].iloc[0])
            assert hs.share_at_or_above(median, k, recent) == pytest.approx(0.5, abs=0.01)


def test_share_at_or_above_rejects_unknown_k():
    with pytest.raises(ValueError, match="k = 11"):
        hs.share_at_or_above(5.0, 11)


PANEL_HEADER = (
    "Sgnyea,Ctnm_en,Ctnm_id,Cttyp_en,Prvcnm_id,Prvcnm_en,Gdpct01,Gdpct02,Gdpct03,Gdpct04,"
    "GDP_PerCapita,GDPYoY,GDP_PrimInd,GDP_SecInd,GDP_TerInd"
)


def _panel_csv(tmp_path):
    """Four made-up cities, 2010-2020: A +10 %/yr, B +5 %/yr, C in Liaoning (restated in 2016,
    flat from 2017), D +6 %/yr with a +50 % jump in 2015."""
    lines = [PANEL_HEADER]
    cities = {
        "A": (110100, 110000, lambda i: 100 * 1.10 ** i),
        "B": (120100, 120000, lambda i: 100 * 1.05 ** i),
        "C": (219900, 210000, lambda i: 500 * 1.2 ** i if i < 6 else 300.0),
        "D": (130100, 130000, lambda i: 100 * 1.06 ** i * (1.5 if i >= 5 else 1)),
    }
    for name, (cid, pid, f) in cities.items():
        for i, year in enumerate(range(2010, 2021)):
            lines.append(f"{year},{name} ,{cid},City (Prefectural level),{pid},P{pid},{f(i):.6f},,,,,,,,")
    path = tmp_path / "panel.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_panel_windows_respect_province_and_jump_rules(tmp_path):
    w = hs.panel_cagr_windows(hs.read_city_panel(_panel_csv(tmp_path)))
    c = w[w["city_id"] == 219900]
    assert c["start_year"].min() == 2017 and np.allclose(c["cagr_pct"], 0.0)
    d = w[w["city_id"] == 130100]
    assert not ((d["start_year"] < 2015) & (d["end_year"] >= 2015)).any()
    assert np.allclose(d["cagr_pct"], 6.0)
    assert np.allclose(w.loc[w["city_id"] == 110100, "cagr_pct"], 10.0)


def test_outside_view_on_a_small_panel(tmp_path):
    path = _panel_csv(tmp_path)
    v1 = hs.outside_view(4.0, 1, panel_csv=path)
    # k = 1: A 10 + B 10 + C 3 (2017+) + D 9 (the 2015 jump skipped)
    assert v1.n_overall == 32
    assert v1.share_overall == pytest.approx(29 / 32, abs=0.02)  # only C's three 0 % windows are below 4 %
    v5 = hs.outside_view(11.0, 5, panel_csv=path)
    assert v5.n_overall == 13 and v5.share_overall == 0.0 and v5.percentile == 100.0
    v = hs.outside_view(5.5, 5, panel_csv=path)
    assert v.share_overall == pytest.approx(7 / 13, abs=0.1)  # D's 6 % and A's six 10 % windows
    assert v.percentile == pytest.approx(100 * (1 - v.share_overall))
    assert v.n_recent == 13 and v.share_recent == pytest.approx(v.share_overall)
    summary = hs.panel_growth_summary(path)
    assert set(summary.columns) >= {"sample", "k", "n", "n_cities", "p1", "p5", "p50", "p95", "p99"}


def test_outside_view_from_committed_table():
    v = hs.outside_view(8.0, 5)
    assert 0 < v.share_recent < v.share_overall < 1  # cities grew faster before 2015
    assert v.percentile == pytest.approx(100 * (1 - v.share_overall))
    assert v.n_overall > 1000


# --------------------------------------------------------------------------- errors


def test_schema_violation_names_the_row(hist):
    bad = hist.copy()
    bad.loc[5, "unit"] = "yen"
    with pytest.raises(TableError) as exc:
        hs.validate_history(bad)
    msg = str(exc.value)
    r = hist.iloc[5]
    assert f"row 5 ({r['region']} {r['indicator']} {r['year']}, history_file)" in msg
    assert "column unit" in msg and "'yen'" in msg


def test_schema_rejects_share_not_in_percent(hist):
    bad = hist.copy()
    i = int(np.flatnonzero(bad["measure"] == "share")[0])
    bad.loc[i, "unit"] = "count"
    with pytest.raises(TableError, match=rf"row {i} .*rule share|row {i} .*rule growth in percent"):
        hs.validate_history(bad)


def test_malformed_history_csv_names_file_and_line(tmp_path):
    src = hs.HISTORY_CSV.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "history.csv"
    src[2] = src[2].replace(",2022,", ",20x2,", 1)  # file line 3
    path.write_text("\n".join(src) + "\n", encoding="utf-8")
    with pytest.raises(hs.HistoryError) as exc:
        hs.read_history_csv(path)
    assert str(path) in str(exc.value) and "line 3" in str(exc.value) and "'20x2'" in str(exc.value)


def test_bad_unit_and_missing_column(tmp_path):
    path = tmp_path / "h.csv"
    header = ",".join(hs.HISTORY_FILE_COLUMNS)
    path.write_text(header + "\nshenyang,gdp,2020,1,亿卢布,level,http://x,phrase,note\n", encoding="utf-8")
    with pytest.raises(hs.HistoryError, match=r"line 2: unit '亿卢布'"):
        hs.read_history_csv(path)
    path.write_text("region,indicator,year\nshenyang,gdp,2020\n", encoding="utf-8")
    with pytest.raises(hs.HistoryError, match=r"line 1: missing column\(s\) value"):
        hs.read_history_csv(path)


def test_bad_panel_year_names_file_and_line(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_text(PANEL_HEADER + "\n2010,A,1,x,2,P,10,,,,,,,,\nabcd,A,1,x,2,P,11,,,,,,,,\n", encoding="utf-8")
    with pytest.raises(hs.HistoryError, match=r"panel.csv: line 3: year 'abcd'"):
        hs.panel_growth_summary(path)


# --------------------------------------------------------------------------- with the documents


def test_document_observations_enter_the_table():
    h = datasets.load_history()
    docs = h[h["origin"] == "document"]
    assert len(docs) > 0 and set(docs["status"]) <= {"document", "estimate"}
    rev = docs[(docs["region"] == "tiexi") & (docs["indicator"] == "general_budget_revenue")]
    assert rev["value"].tolist() == [12150000000.0] and rev["year"].tolist() == [2020]
    # 年均 averages and 累计 totals are period figures, not the year's own value
    assert docs[docs["indicator"] == "general_budget_revenue_growth"].empty
    assert docs[docs["indicator"] == "imports_exports"].empty
    assert set(docs.loc[docs["indicator"] == "rd_intensity", "measure"]) == {"share"}


# --------------------------------------------------------------------------- against ../shared


@needs_shared
def test_history_file_is_byte_for_byte_the_shared_one():
    assert hs.HISTORY_CSV.read_bytes() == (hs.CITY_PANEL_DIR.parent / "history_observations.csv").read_bytes()


@needs_shared
def test_carried_panel_facts_match_the_panel(tmp_path):
    out = hs.carry_panel_facts(out_dir=tmp_path)
    for p in out:
        assert p.read_bytes() == (hs.HISTORY_DIR / p.name).read_bytes()


@needs_shared
def test_committed_quantiles_match_the_panel():
    fresh = hs.panel_growth_summary()
    committed = hs.load_panel_cagr_quantiles()
    assert fresh[["sample", "k", "n"]].equals(committed[["sample", "k", "n"]])
    cols = [f"p{p}" for p in range(101)]
    assert np.allclose(fresh[cols].to_numpy(), committed[cols].to_numpy(), atol=1e-4)
    assert not math.isnan(fresh["p50"].iloc[0])
