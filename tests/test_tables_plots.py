"""The small tables and charts of the notebooks, on a real build: counts add up, the worst
gaps come first, the headline table has one column per target, wide tables fit the page,
and the charts draw every target with Chinese labels and no missing glyph."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from shenyang_analysis import plots, tables  # noqa: E402
from shenyang_analysis.config import HEADLINE_TARGETS  # noqa: E402
from shenyang_analysis.datasets import assessment_for  # noqa: E402
from shenyang_analysis.present.fonts import glyph_warnings_as_errors  # noqa: E402
from shenyang_analysis.vocab import OUTCOMES  # noqa: E402


def test_counts_and_coverage_add_up(built):
    t = built.targets
    n = int((t["kind"] == "target").sum())
    for by in ("region", "category", "year"):
        c = tables.counts(t, by)
        assert c["targets"].sum() == n
        assert c["targets"].is_monotonic_decreasing
    cov = tables.coverage(t, built.assessments)
    assert cov["targets"].sum() == n
    judged = built.assessments[built.assessments["measure"] != ""]
    assert cov["with_history"].sum() == len(judged[judged["target_id"].isin(t["target_id"])])
    assert (cov["with_projection"] <= cov["with_history"]).all() and (cov["with_history"] <= cov["with_indicator"]).all()
    assert "铁西区" in set(cov["region"])


def test_provenance_quotes_the_document_and_rejects_unknown_ids(built):
    p = tables.provenance(built.targets, HEADLINE_TARGETS[0]).set_index("field")["value"]
    assert "1500" in p["quote"] and p["normalized"] == ">= 1.5e+11 yuan"
    with pytest.raises(KeyError, match="no row 'nope@1'"):
        tables.provenance(built.targets, "nope@1")


def test_status_tables_put_the_worst_first_and_count_every_assessment(built):
    a = built.assessments
    for by in ("region", "category"):
        ct = tables.status_crosstab(a, by)
        assert ct["total"].sum() == len(a)
        statuses = [c for c in ct.columns if c not in (by, "total")]
        assert statuses == [s for s in plots.STATUS_ORDER if s in statuses]
    gaps = tables.gap_table(a)
    assert len(gaps) == int((a["measure"] != "").sum())
    rank = [plots.STATUS_ORDER.index(s.split(" (")[0]) for s in gaps["status"]]
    assert rank == sorted(rank)


def test_headline_table_has_one_column_per_target(built):
    h = tables.headline_table(built.assessments, HEADLINE_TARGETS)
    assert len(h.columns) == 3
    assert "铁西区 地区生产总值 ≥ 1,500 亿元 (2025)" in h.columns
    assert any("1.1 万亿元" in c for c in h.columns)
    gdp = h["铁西区 地区生产总值 ≥ 1,500 亿元 (2025)"]
    assert gdp["baseline"].endswith("(2024)") and gdp["required growth"].endswith("%")
    rd = h[[c for c in h.columns if "3.5%" in c][0]]
    assert rd["required growth"].endswith("pp/yr") and rd["status"].startswith("likely")


def test_wide_tables_wrap_within_the_line(built):
    h = tables.headline_table(built.assessments, HEADLINE_TARGETS)
    spec = tables.column_format(h, index=True)
    widths = [float(w) for w in re.findall(r"p\{([\d.]+)\\linewidth\}", spec)]
    assert len(widths) == 4 and sum(widths) + 0.026 * 4 <= 1.0 + 1e-9
    assert tables.column_format(pd.DataFrame({"a": [1]})) == "l"
    latex = tables._latex(h, index=True)
    assert latex.count("p{") == 4 and "\\toprule" in latex


def test_cards_series_and_paths_are_readable(built):
    a = assessment_for(HEADLINE_TARGETS[0], targets=built.targets, history=built.history)
    card = tables.assessment_card(a.row).set_index("field")["value"]
    assert card["target_value"] == "1,500 亿元" and card["status"] == a.row["status"]
    s = tables.series_table(a)
    assert list(s["year"]) == sorted(s["year"]) and s["value"].str.endswith("亿元").all()
    assert (s["source"] != "").all()
    from shenyang_analysis.model.assess import target_paths

    p = tables.paths_table(target_paths(a), "yuan")
    assert p.iloc[-1]["required"] == "1,500 亿元"


def test_charts_draw_every_target_with_chinese_labels(built, cjk_font):
    heads = [assessment_for(t, targets=built.targets, history=built.history) for t in HEADLINE_TARGETS]
    with glyph_warnings_as_errors():
        fig = plots.plot_portfolio(built.assessments)
        fig.canvas.draw()
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) == int((built.assessments["measure"] != "").sum()) and any("地区生产总值" in x for x in labels)
        plt.close(fig)
        fig = plots.plot_headlines(heads)
        fig.canvas.draw()
        assert len(fig.axes) == 3 and "达标概率" in fig.axes[0].get_title()
        plt.close(fig)
        fig = plots.plot_target(heads[0])
        fig.canvas.draw()
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert "目标" in legend and "80% 区间" in legend
        plt.close(fig)
        fig = plots.plot_counts(built.targets)
        fig.canvas.draw()
        plt.close(fig)
    with pytest.raises(ValueError, match="at least one"):
        plots.plot_headlines([])


def test_calibration_view_names_targets_in_chinese(built):
    v = tables.calibration_view(built.calibration, built.targets)
    assert len(v) == len(built.calibration) >= 2
    assert any("地区生产总值" in t for t in v["target"])
    assert set(v["outcome"]) <= set(OUTCOMES) and "likely missed" in set(v["outcome"])
