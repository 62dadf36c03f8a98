"""The small tables and charts of the notebooks, on a real build: counts add up, the worst
gaps come first, the headline table has one column per target, wide tables fit the page; the
charts are drawn at their printed width with no text under 8 pt, one marker per kind of
figure, and every element (target, required path, fan, target-year figure, plan start) drawn."""

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
from shenyang_analysis.present.labels import OUTCOME_LABELS  # noqa: E402
from shenyang_analysis.vocab import OUTCOMES  # noqa: E402

TIEXI_GDP = HEADLINE_TARGETS[0]


@pytest.fixture(scope="module")
def heads(built):
    return [assessment_for(t, targets=built.targets, history=built.history) for t in HEADLINE_TARGETS]


def test_counts_and_coverage_add_up(built):
    t = built.targets
    n = int((t["kind"] == "target").sum())
    for by in ("region", "category", "year"):
        for lang in ("zh", "en"):
            c = tables.counts(t, by, lang)
            assert c.iloc[:, 1].sum() == n and c.iloc[:, 1].is_monotonic_decreasing
    cov = tables.coverage(t, built.assessments)
    judged = built.assessments[built.assessments["measure"] != ""]
    repeats = {d for ids in judged["duplicate_ids"] for d in ids.split(";") if d}
    in_table = set(t["target_id"])
    assert cov["目标数"].sum() == n
    assert cov["有历史数据"].sum() == len(set(judged["target_id"]) & in_table) + len(repeats & in_table)
    assert (cov["有预测"] <= cov["有历史数据"]).all() and (cov["有历史数据"] <= cov["有指标"]).all()
    assert "铁西区" in set(cov["地区"]) and "Tiexi District" in set(tables.coverage(t, built.assessments, "en")["region"])


def test_provenance_quotes_the_document_and_rejects_unknown_ids(built):
    p = tables.provenance(built.targets, TIEXI_GDP, "en").set_index("field")["value"]
    assert "1500" in p["quote"] and p["normalized"] == ">= 1.5e+11 yuan" and p["target id"] == TIEXI_GDP
    with pytest.raises(KeyError, match="no row 'nope@1'"):
        tables.provenance(built.targets, "nope@1")


def test_status_tables_put_the_worst_first_and_count_every_assessment(built):
    a = built.assessments
    for by in ("region", "category"):
        ct = tables.status_crosstab(a, by, "en")
        assert ct["total"].sum() == len(a)
        statuses = [c for c in ct.columns if c not in (by, "total")]
        assert statuses == [s for s in plots.STATUS_ORDER if s in statuses]
    gaps = tables.gap_table(a, "en")
    assert len(gaps) == int((a["measure"] != "").sum())  # the judged targets
    rank = [plots.STATUS_ORDER.index(s) for s in gaps["status"]]
    assert rank == sorted(rank)
    from shenyang_analysis.present.labels import STATUS_LABELS

    assert set(tables.gap_table(a)["状态"]) <= {zh for zh, _ in STATUS_LABELS.values()}
    assert "未实现" in set(tables.gap_table(a)["状态"])  # the clusters: 逼近1.1万亿 is below the target


def test_headline_table_has_one_column_per_target(built):
    a = tables.with_unit_words(built.assessments, built.targets)
    h = tables.headline_table(a, HEADLINE_TARGETS)
    assert len(h.columns) == 3
    gdp = h["铁西区 地区生产总值 ≥\xa01,500亿元（2025年）"]
    assert gdp["基数"] == "1,300亿元 (2024)" and gdp["所需增速"] == "年均增长15.4%" and gdp["状态"] == "很可能未实现"
    assert any("1.1万亿元" in c for c in h.columns)
    rd = h[[c for c in h.columns if "3.5%" in c][0]]
    assert rd["所需增速"] == "每年提高0.06个百分点" and rd["状态"] == "可能实现"


def test_wide_tables_wrap_within_the_line_and_short_columns_keep_their_width(built):
    h = tables.headline_table(built.assessments, HEADLINE_TARGETS)
    spec = tables.column_format(h, index=True)
    widths = [float(w) for w in re.findall(r"p\{([\d.]+)\\linewidth\}", spec)]
    assert len(widths) == 4 and sum(widths) + 0.026 * 4 <= 1.0 + 1e-9
    assert widths[0] >= 11 / tables.LINE_CHARS  # the row labels (4 Chinese characters) do not wrap
    assert tables.column_format(pd.DataFrame({"a": [1]})) == "l"
    latex = tables._latex(h, index=True)
    assert latex.count("p{") == 4 and "\\toprule" in latex


def test_cards_series_and_paths_are_readable(built, heads):
    a = heads[0]
    card = tables.assessment_card(a.row).set_index("项目")["数值"]
    assert card["target_value"] == "1,500亿元" and card["status"] == "很可能未实现" and card["region"] == "铁西区"
    s = tables.series_table(a, "en")
    assert list(s["year"]) == sorted(s["year"]) and s["value"].str.endswith("亿元)").all()
    assert (s["source"] != "").all() and set(s["status"]) == {"estimate, about", "secondary source, lower bound (at least)",
                                                              "estimate", "derived"}
    from shenyang_analysis.model.assess import target_paths

    p = tables.paths_table(target_paths(a), "yuan")
    assert p.iloc[-1]["所需增速"] == "1,500亿元"


def _check_print_sizes(fig):
    assert fig.get_size_inches()[0] <= plots.TEXT_WIDTH_IN  # placed at 100 %: drawn sizes are printed sizes
    sizes = plots.font_sizes(fig)
    assert sizes and min(size for size, _ in sizes) >= plots.MIN_FONT_PT, min(sizes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_target_chart_for_print(heads, cjk_font, lang):
    with glyph_warnings_as_errors():
        fig = plots.plot_target(heads[0], lang=lang)
        _check_print_sizes(fig)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    words = {"zh": ("目标所需路径", "80% 预测区间", "95% 预测区间", "预计数", "推算数", "下限", "“十四五”规划 2021–2025", "2025: 1,371亿元"),
             "en": ("path the target requires", "80% interval", "95% interval", "estimate", "derived", "lower bound",
                    "14th Five-Year Plan 2021–2025", "2025: 137.1 billion yuan")}[lang]
    for word in words:
        assert any(word in t for t in texts + legend), word
    # the target star is hollow and drawn below the figures, so the 2025 figure stays visible
    star = next(c for c in fig.axes[0].collections if c.get_label().startswith(("目标", "target")))
    figure_2025 = next(c for c in fig.axes[0].collections if c.get_label() in ("推算数", "derived"))
    assert star.get_zorder() < figure_2025.get_zorder() and star.get_facecolor().size == 0
    assert fig.axes[0].get_xlim()[0] < 2021  # the plan's start year is on the chart
    plt.close(fig)


def test_headline_portfolio_and_count_charts_for_print(built, heads, cjk_font):
    assessed = tables.with_unit_words(built.assessments, built.targets)
    with glyph_warnings_as_errors():
        for fig in (plots.plot_headlines(heads), plots.plot_portfolio(assessed), plots.plot_counts(built.targets),
                    plots.plot_headlines(heads, lang="en")):
            _check_print_sizes(fig)
            plt.close(fig)
        fig = plots.plot_headlines(heads)
        assert len([ax for ax in fig.axes if ax.get_visible()]) == 3 and len(fig.legends) == 1
        fig = plots.plot_portfolio(assessed)
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert len(labels) == int((built.assessments["measure"] != "").sum()) and any("3万家" in x for x in labels)
        plt.close("all")
    with pytest.raises(ValueError, match="at least one"):
        plots.plot_headlines([])


def test_calibration_view_names_targets_in_chinese(built):
    v = tables.calibration_view(built.calibration, built.targets, assessments=built.assessments)
    assert len(v) == len(built.calibration) >= 2
    assert any("地区生产总值" in t for t in v["目标"])
    assert set(v["结果"]) <= {zh for zh, _ in OUTCOME_LABELS.values()} and "很可能未实现" in set(v["结果"])
    clusters = v[v["目标"].str.contains("产业集群")].iloc[0]
    assert clusters["目标"] == "沈阳市 “10+1”重点产业集群规模总量 ≥\xa01.1万亿元（2025年）"
    assert (clusters["结果"], clusters["依据"], clusters["现在的状态"]) == ("未实现", "统计数，上限（低于或至多）：1.1万亿元", "未实现")
    en = tables.calibration_view(built.calibration, built.targets, "en", built.assessments)
    assert "0% (the reference class)" in set(en["said at the document's date"]) and set(en["outcome"]) <= set(OUTCOMES)


def test_an_upper_bound_has_its_own_marker_and_reads_below(heads, cjk_font):
    """The clusters' 2025 figure 逼近1.1万亿 is an upper bound: drawn as one and labelled '< 1.1万亿元'."""
    with glyph_warnings_as_errors():
        fig = plots.plot_target(heads[2])
    labels = {c.get_label(): c for c in fig.axes[0].collections}
    assert {"上限（逼近/接近）", "下限（突破/超过）"} <= set(labels)
    assert labels["上限（逼近/接近）"].get_offsets()[:, 0].tolist() == [2025]
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert any(t.startswith("2025: < 1.1万亿元 (上限") for t in texts), texts
    plt.close(fig)
