"""Extraction rules on single sentences: each case is a general rule, not a document patch."""

from __future__ import annotations

import datetime as dt

import pytest

from shenyang_analysis.extract.statements import extract_statements, plan_horizon

REF = dt.date(2021, 5, 17)


def ex(text: str, ref: dt.date = REF, title: str = ""):
    return extract_statements(text, doc_id="t", region="tiexi", level="district", reference_date=ref, title=title)


def one(text: str, **kw):
    rows = ex(text, **kw)
    assert len(rows) == 1, [(r.value, r.quote) for r in rows]
    return rows[0]


@pytest.mark.parametrize(
    "text, comparator",
    [
        ("到2025年,地区生产总值突破 1500 亿元。", ">="),
        ("新建5G基站6000个以上。", ">="),
        ("城镇登记失业率控制在2.94%以内。", "<="),
        ("市属企业资产负债率控制在63%以下。", "<="),
        ("粮食产量稳定在75亿斤以上。", ">="),
        ("单位地区生产总值能耗下降到0.5吨左右。", "~"),
        ("力争规模总量达到1.1万亿。", ">="),
        ("建设劳动力和培训市场3个。", "=="),
        ("在孵企业超过4400个。", ">="),
        ("区域总部项目不少于10个。", ">="),
    ],
)
def test_comparators(text, comparator):
    assert one(text).comparator == comparator


def test_years_explicit_relative_and_default():
    assert one("到2023年,产业链产值达到2880亿元。").year == 2023
    assert one("2023年底前完成改造130个小区。").year == 2023
    assert one("全年开复工项目1600个以上。", ref=dt.date(2021, 2, 6)).year == 2021
    assert one("年底前,科技型企业数量突破3万家。", ref=dt.date(2025, 3, 28)).year == 2025
    # an undated target in a five-year plan refers to the plan's last year
    title = "沈阳市铁西区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert one("建设标准化厂房20万平方米。", title=title).year == 2025
    assert plan_horizon(title, REF) == 2025


def test_observations_past_year_last_year_and_past_plan_period():
    r = one("2020 年科技研发投入达到 31.4 亿元。")
    assert (r.kind, r.year, r.value, r.unit) == ("observation", 2020, 3140000000, "yuan")
    r = one("去年新增高新技术企业500家。", ref=dt.date(2021, 2, 6))
    assert (r.kind, r.year) == ("observation", 2020)
    r = one("“十三五”期间,一般公共预算收入年均增长 5.5%。")
    assert (r.kind, r.year, r.is_growth_rate, r.is_per_year) == ("observation", 2020, True, True)


def test_share_inherits_subject_of_previous_figure():
    rows = ex("2020 年科技研发投入达到 31.4 亿元,占地区生产总值的比重达到 3.2% 。")
    assert [(r.indicator_zh, float(r.value)) for r in rows] == [
        ("科技研发投入", 3.14e9), ("科技研发投入占地区生产总值的比重", 3.2)]
    assert all(r.kind == "observation" and r.year == 2020 for r in rows)


def test_growth_rates_keep_the_sign_of_a_decrease():
    r = one("到2025年,单位地区生产总值能耗下降15%。")
    assert (r.value, r.is_growth_rate, r.unit) == (-15, True, "percent")
    r = one("全年技术合同成交额增长10%。")
    assert (r.value, r.is_growth_rate) == (10, True)
    r = one("研发投入强度提高2个百分点。")
    assert (r.value, r.unit, r.is_growth_rate) == (2, "percentage_point", True)
    r = one("煤炭消费比重下降到46%。")  # a level after 下降到, not a change
    assert (r.value, r.is_growth_rate) == (46, False)


def test_cumulative_and_per_year_flags():
    assert one("累计攻克关键核心技术300项。").is_cumulative
    assert one("每年新增就业1万人。").is_per_year


def test_enumeration_with_fenbie_pairs_each_item_with_its_value():
    text = ("到2023年,汽车及零部件、通用机械装备、电力装备产业链产值分别达到2880亿元、366亿元和270亿元。")
    rows = ex(text)
    assert [(r.indicator_zh, float(r.value)) for r in rows] == [
        ("汽车及零部件产业链产值", 2.88e11), ("通用机械装备产业链产值", 3.66e10), ("电力装备产业链产值", 2.7e10)]


def test_counts_placed_before_their_noun():
    r = one("建设2个中小微企业创业创新示范基地。", ref=dt.date(2021, 2, 6))
    assert r.indicator_zh.startswith("中小微企业创业创新示范基地") and r.value == 2


def test_ranges_keep_both_ends():
    r = one("打造15—20个数据应用产品。")
    assert (r.value, r.range_high) == (15, 20)
    r = one("年产整车60-80万辆。")
    assert (r.value, r.range_high) == (600000, 800000)


@pytest.mark.parametrize(
    "text",
    [
        "推动生物医药及医疗装备集群晋升为第6个千亿集群。",          # ordinal and size class
        "形成“10+1”产业集群体系。",                                  # a name
        "深入实施关键核心技术攻关“325沈阳模式”。",                   # a name
        "建立“4+2+N”人工智能产业发展体系。",                         # a name
        "扎实推进“六大工程”、12项重点任务、30项具体举措。",         # the plan's own structure
        "推进建成区40吨及以下燃煤锅炉拆除工作。",                     # a category threshold
        "促进空气优良天数、PM2.5浓度同比改善。",                     # an identifier
        "3月28日,沈阳市政府新闻办召开新闻发布会。",                  # a date
        "“ 十四五 ” 时期( 2021-2025 年)是关键阶段。",                # a period
        "研制成功±1100 千伏高压直流换流变压器。",                     # a product specification
        "中德园“一个平台、五大体系” 2 架构基本建成。",                # footnote marker, a name
    ],
)
def test_not_measures(text):
    assert ex(text) == []


def test_threshold_inside_noun_phrase_is_not_the_measure():
    rows = ex("单体投资10亿元以上的工业项目不少于8个。")
    assert [(float(r.value), r.unit, r.comparator) for r in rows] == [(8, "count", ">=")]
    rows = ex("全年开复工亿元以上项目1600个以上。", ref=dt.date(2021, 2, 6))
    assert [(float(r.value), r.comparator) for r in rows] == [(1600, ">=")]


def test_change_from_one_level_to_another():
    rows = ex("社区养老服务站由 2015 年底的 70 家增加到 2020 年的 121 家。")
    assert [(r.kind, r.year, r.indicator_zh, float(r.value)) for r in rows] == [
        ("observation", 2015, "社区养老服务站", 70), ("observation", 2020, "社区养老服务站", 121)]
    rows = ex("2020年,企业投资项目审批时限由 75天减少至 50 天,压缩 33%。")
    assert [(r.indicator_zh, float(r.value), r.is_growth_rate) for r in rows] == [
        ("企业投资项目审批时限", 75, False), ("企业投资项目审批时限", 50, False), ("企业投资项目审批时限", -33, True)]


def test_existing_sets_and_membership_are_not_targets():
    assert ex("深耕10条产业链,确保联系产业链目标项目3000个以上。", ref=dt.date(2021, 1, 1))[0].value == 3000
    assert len(ex("深耕10条产业链,确保联系产业链目标项目3000个以上。", ref=dt.date(2021, 1, 1))) == 1
    assert ex("沈阳是全国15个创新策源地之一。") == []
    assert ex("围绕10个重点产业集群吸引集聚高层次人才。") == []


def test_count_with_bound_word_before_its_noun_is_a_measure():
    r = one("形成30条以上可复制推广经验。")
    assert (r.value, r.comparator) == (30, ">=")


def test_estimates_part_year_figures_and_current_levels_are_observations():
    ref = dt.date(2023, 9, 15)
    r = one("今年1-8月,全市跨境电商交易额达到326.8亿元。", ref=ref)
    assert (r.kind, r.year) == ("observation", 2023)
    r = one("预计全年出口额约3.2亿元。", ref=ref)
    assert (r.kind, r.year, r.comparator) == ("observation", 2023, "~")
    r = one("B2B出口比重比去年同期提高4.1个百分点。", ref=ref)
    assert r.year == 2023  # 比去年同期 is the base, not the time of the figure
    rows = ex("本地配套率由目前的32%提高到45%。", ref=dt.date(2023, 6, 30), title="三年行动方案(2023—2025年)")
    assert [(r.kind, r.year, float(r.value)) for r in rows] == [("observation", 2023, 32), ("target", 2025, 45)]


def test_absolute_change_of_a_level_is_flagged():
    rows = ex("2019 年优良天数 266 天,与 2015 年相比增加88 天。")
    assert [(float(r.value), r.is_change, r.year) for r in rows] == [(266, False, 2019), (88, True, 2019)]


# --------------------------------------------------------------------------------------
# Genres, periods, tense; the '<' comparator; base years (issue: documents never seen)
# --------------------------------------------------------------------------------------
import datetime as _dt
import subprocess as _sp
import sys as _sys

from shenyang_analysis.extract.genres import infer_genre as _infer_genre
from shenyang_analysis.extract.genres import periods as _periods
from shenyang_analysis.extract.quantities import QuantityError as _QuantityError
from shenyang_analysis.extract.quantities import find_quantities as _find_quantities
from shenyang_analysis.extract.regions import LevelError as _LevelError
from shenyang_analysis.extract.regions import infer_level as _infer_level
from shenyang_analysis.extract.statements import extract_statements as _extract


def _rows(text, ref=_dt.date(2025, 1, 15), genre="", title=""):
    return [(s.kind, float(s.value), s.year, s.comparator) for s in
            _extract(text, doc_id="t", region="x", level="city", reference_date=ref, genre=genre, title=title)]


@pytest.mark.parametrize("title, text, genre", [
    ("某市2019年国民经济和社会发展统计公报", "", "communique"),
    ("", "各位代表:\n现在,我代表区人民政府向大会作工作报告", "work_report"),
    ("某区国民经济和社会发展第十四个五年规划纲要", "", "plan"),
    ("某市制造业数字化转型三年行动方案", "", "action_plan"),
    ("", "本报讯(记者 张三)昨日", "news"),
    ("会议纪要", "与会同志讨论了工作", "unknown"),
])
def test_genre_is_read_from_title_and_opening(title, text, genre):
    assert _infer_genre(title, text) == genre


def test_a_communique_is_all_observations_of_its_year():
    text = "全年实现生产总值617.50亿元,比上年增长5.2%。全年蔬菜播种面积3938公顷。"
    rows = _rows(text, ref=_dt.date(2021, 5, 10), title="某市2019年国民经济和社会发展统计公报")
    assert [(k, y) for k, _, y, _ in rows] == [("observation", 2019)] * 3


def test_a_work_report_review_holds_observations_of_the_year_reviewed_and_its_plan_targets():
    text = ("一、2024年工作回顾\n全年实现地区生产总值5901亿元,增长6.7%。\n"
            "二、2025年主要预期目标\n地区生产总值增长6%左右。")
    rows = _rows(text, genre="work_report")
    assert [(k, y) for k, _, y, _ in rows] == [("observation", 2024), ("observation", 2024), ("target", 2025)]
    kinds = [s.kind_rule for s in _extract(text, doc_id="t", region="x", level="city",
                                           reference_date=_dt.date(2025, 1, 15), genre="work_report")]
    assert kinds[0].startswith("section review:2024年工作回顾") and "sentence" in kinds[2]


def test_a_plan_review_of_the_last_five_year_plan_is_observations():
    text = "第一节 发展基础\n“十三五”时期,全区地区生产总值年均增长7.5%,2020年达到424.74亿元。"
    rows = _rows(text, ref=_dt.date(2021, 3, 1), genre="plan")
    assert [(k, y) for k, _, y, _ in rows] == [("observation", 2020), ("observation", 2020)]


def test_unknown_genre_uses_sentence_rules_only():
    assert _periods("一、2024年工作回顾\n增长6%。", _dt.date(2025, 1, 1), "unknown") == []
    rows = _rows("一、2024年工作回顾\n力争到2026年产值突破100亿元。", genre="memo")
    assert rows == [("target", 1e10, 2026, ">=")]


def test_approaching_is_just_under_and_bounds_keep_their_comparators():
    rows = _rows("到2025年,集群规模总量逼近1.1万亿元,产值突破500亿元,能耗控制在3%以内。", ref=_dt.date(2023, 1, 1))
    assert [c for *_, c in rows] == ["<", ">=", "<="]


def test_a_change_against_a_base_year_records_it_and_is_cumulative():
    s = _extract("到2025年,单位地区生产总值能源消耗比2020年下降15%。", doc_id="t", region="x", level="city",
                 reference_date=_dt.date(2021, 5, 17))[0]
    assert (s.value, s.base_year, s.is_cumulative, s.is_growth_rate) == (-15, 2020, True, True)


def test_full_year_after_an_explicit_year_belongs_to_it():
    rows = _rows("2020年,全市预计全年实现地区生产总值140亿元。", ref=_dt.date(2021, 1, 20), genre="news")
    assert rows == [("observation", 1.4e10, 2020, "==")]


def test_within_n_years_is_a_deadline():
    rows = _rows("力争5年内形成万亿级产业3个。", ref=_dt.date(2020, 9, 25), genre="news")
    assert rows == [("target", 3.0, 2025, "==")]


def test_a_long_line_without_punctuation_is_extracted_in_one_pass():
    line = "地区生产总值突破1500亿元研发投入强度达到3.5%新增企业80家" * 300
    rows = _rows(line, ref=_dt.date(2021, 5, 17))
    assert len(rows) == 900  # every figure, once; time is measured in benchmarks/extract_scaling.py


def test_numbers_too_long_to_be_exact_are_refused_with_their_offset():
    with pytest.raises(_QuantityError, match=r"offset 2: .*too long to be exact"):
        _find_quantities("产值" + "9" * 130 + "亿元")
    with pytest.raises(_QuantityError, match="20 significant digits"):
        _find_quantities("产值99999999999999999999亿元")


def test_level_is_inferred_never_defaulted():
    assert _infer_level("hubei") == "province" and _infer_level("tiexi") == "district"
    assert _infer_level("shenyang") == "city" and _infer_level("china") == "national"
    with pytest.raises(_LevelError, match="give --level"):
        _infer_level("yuhuan")


@pytest.mark.parametrize("args, code, needle", [
    (["--region", "hubei"], 0, ",hubei,province,observation,"),
    (["--region", "yuhuan"], 2, "give --level"),
    (["--region", "yuhuan", "--level", "county", "--genre", "communique"], 0, ",yuhuan,county,observation,"),
    (["--region", "../x"], 2, "is not a region slug"),
])
def test_extract_command_infers_level_and_genre(tmp_path, args, code, needle):
    f = tmp_path / "doc.txt"
    f.write_text("某市2019年统计公报\n全年实现生产总值617.50亿元。\n", encoding="utf-8")
    r = _sp.run([_sys.executable, "-m", "shenyang_analysis", "extract", str(f), "--date", "2021-05-10", *args],
                capture_output=True, text=True)
    assert r.returncode == code and needle in (r.stdout + r.stderr)
    if code == 2:
        assert len(r.stderr.strip().splitlines()) == 1


def test_extract_command_refuses_a_130_digit_number_in_one_line(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("产值" + "9" * 130 + "亿元。", encoding="utf-8")
    r = _sp.run([_sys.executable, "-m", "shenyang_analysis", "extract", str(f), "--date", "2021-05-10",
                 "--region", "tiexi"], capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "big.txt: offset 2" in r.stderr


# --- growth targets as floors; phrases kept whole; figures in words; declines; structure counts ---

@pytest.mark.parametrize("text, comparator, value", [
    ("到2025年,社会消费品零售总额增长8%。", ">=", 8),            # a growth target is a floor
    ("到2025年,研发投入强度提高2个百分点。", ">=", 2),
    ("到2025年,单位地区生产总值能耗比2020年下降15%。", "<=", -15),  # a reduction: a ceiling on the change
    ("到2025年,地区生产总值年均增长6%左右。", "~", 6),             # the text says otherwise
    ("到2025年,居民消费价格涨幅增长3%以内。", "<=", 3),
    ("到2025年,单位产值能耗下降5%以内。", ">=", -5),
    ("到2025年,动力电池产能较2022年增长1倍。", ">=", 1),
])
def test_growth_targets_are_floors_and_reductions_ceilings(text, comparator, value):
    r = one(text)
    assert (r.kind, r.comparator, float(r.value), r.is_growth_rate) == ("target", comparator, value, True)


def test_a_growth_range_and_a_reported_growth_keep_eq():
    r = one("2025年地区生产总值增长6%-6.5%。", ref=dt.date(2025, 1, 20))
    assert (r.comparator, r.range_high) == ("==", 6.5)
    r = one("2020年地区生产总值同比增长4.2%。")
    assert (r.kind, r.comparator) == ("observation", "==")


@pytest.mark.parametrize("text, phrase", [
    ("到2025年,清洁能源消费占比达到37%以上。", "清洁能源消费占比"),
    ("到2025年,可再生能源装机占比达到50%以上。", "可再生能源装机占比"),
])
def test_the_share_word_stays_in_the_phrase(text, phrase):
    assert one(text).indicator_zh == phrase


def test_a_size_class_in_words_is_a_lower_bound_observation():
    r = one("“十三五”期间,全区经济持续健康发展。2020年预计,地区生产总值达到千亿体量,总量跃居全市首位。")
    assert (r.kind, r.year, r.comparator, r.value, r.unit, r.indicator_zh) == (
        "observation", 2020, ">=", 100000000000, "yuan", "地区生产总值")
    assert "figure in words" in "; ".join(r.notes)
    r = one("到2025年,数字经济规模迈上百亿级台阶。")
    assert (r.kind, r.comparator, r.value) == ("target", ">=", 10000000000)
    assert one("到2025年,产业规模逼近千亿级。").comparator == "<"


@pytest.mark.parametrize("text", [
    "形成10个千亿级产业链、若干个百亿级接续产业。",    # a size class naming a class of chains
    "巩固5个千亿集群规模。",
    "推动生物医药集群晋升为千亿级产业集群。",
])
def test_size_classes_before_a_noun_are_not_figures(text):
    assert [r.unit for r in ex(text) if r.unit == "yuan"] == []


def test_units_after_the_noun_and_implied_units():
    r = one("900万沈阳人正以“舍我其谁”的使命感笃行实干。", ref=dt.date(2022, 10, 21))
    assert (r.kind, r.value, r.unit, r.indicator_zh, r.quote) == ("observation", 9000000, "count", "沈阳人", "900万沈阳人")
    r = one("2024年,玉龙机场旅客吞吐量突破200万大关。", ref=dt.date(2025, 1, 15))
    assert (r.kind, r.value, r.unit, r.comparator, r.indicator_zh) == (
        "observation", 2000000, "count", ">=", "玉龙机场旅客吞吐量")
    assert ex("企业营业收入突破200万。") == []        # 万元 or a count: not guessed
    assert ex("吸引5万青年人才来沈。") == []          # 人才 is no demonym: 5万 has no unit
    assert ex("新增城镇人口5万农村人口。") == []       # nor 人口


@pytest.mark.parametrize("text, value, comparator", [
    ("2021年,农林牧渔业增加值比上年下降15.2%,降幅较前三季度扩大14.5个百分点。", -14.5, "=="),
    ("2021年,工业增加值比上年下降5%,降幅收窄2.1个百分点。", 2.1, "=="),
    ("2024年,单位国内生产总值能耗降幅超过3%。", -3, "<="),
    ("2024年,规模以上工业增加值降幅为4.5%。", -4.5, "=="),
    ("2024年,工业增加值增幅收窄1.5个百分点。", -1.5, "=="),
])
def test_the_rate_of_a_decline_changes_the_sign(text, value, comparator):
    r = ex(text, ref=dt.date(2025, 1, 15))[-1]
    assert (float(r.value), r.comparator, r.is_growth_rate) == (value, comparator, True)


@pytest.mark.parametrize("text", [
    "不折不扣落实区委10个方面40条贯彻举措。",              # the contents of a document
    "出台20条配套措施。",
    "推进3个国家级开发区晋位升级。",                         # things that exist already
    "对新落户项目,按照设备投资额的10%给予补助,单个项目最高不超过1000万元。",  # a subsidy's terms
])
def test_structure_counts_existing_sets_and_subsidy_terms_are_not_measures(text):
    assert ex(text) == []


def test_a_scope_before_a_later_figure_is_not_a_measure():
    rows = ex("截至目前,在32个国家和地区布局海外仓47个。", ref=dt.date(2023, 9, 15))
    assert [float(r.value) for r in rows] == [47]


def test_bound_words_longest_first_and_a_shared_approx():
    assert one("到2025年,公共充电服务半径不超过2公里。").comparator == "<="
    assert one("到2025年,单位能耗不高于0.5吨。").comparator == "<="
    rows = ex("2024年,城乡居民人均可支配收入分别增长5%和7.5%左右。", ref=dt.date(2025, 1, 15))
    assert [r.comparator for r in rows] == ["~", "~"]
    assert one("到2025年,增加值总量冲刺63.3亿元。").comparator == ">="


def test_a_headline_figure_takes_the_time_of_the_same_figure_in_the_text():
    text = "300亿元!万源定下新目标\n\n到“十四五”末,万源地区生产总值要达到300亿元。"
    rows = ex(text, ref=dt.date(2021, 1, 20))
    assert [(r.kind, r.year, r.value_start) for r in rows] == [("target", 2025, 0), ("target", 2025, rows[1].value_start)]
    assert rows[0].kind_rule.startswith("headline")


# --- phrases: the noun after a figure, shared lists, bare heads, words that begin a noun ---

@pytest.mark.parametrize("text, phrase", [
    ("到2025年,建设 10 万吨污水处理设施。", "建设污水处理设施"),
    ("到2025年,推进已纳入全省建设计划的210万千瓦风电项目建成达产。", "风电项目建成达产"),
    ("到今年底,80%申请材料实现“只提交一次”或免于提交。", "申请材料实现“只提交一次”或免于提交"),
    ("到2025年,实现年均7.5万套(间)人才住房保障能力。", "人才住房保障能力"),
    ("加快推进材料科学国家研究中心等5个“国字号”重大科技创新平台建设。", "“国字号”重大科技创新平台建设"),
    ("到2025年,城市公交、市区出租车清洁能源比例达到100%。", "城市公交、市区出租车清洁能源比例"),
    ("推广“双创+”模式,新增孵化、加速载体10家以上。", "新增孵化、加速载体"),
    ("到2025年,在孵企业超过4400个。", "在孵企业"),
    ("推行以函代证60项以上、以管代审20项以上。", "以管代审"),
    ("五年内城区人防工程可视率达 90% 以上。", "城区人防工程可视率"),
    ("电商村发展到150个。", "电商村"),
])
def test_the_phrase_is_the_whole_noun(text, phrase):
    assert ex(text, ref=dt.date(2021, 2, 6))[-1].indicator_zh == phrase


def test_a_count_before_its_noun_stops_at_the_next_item():
    rows = ex("新增3个高技能人才培育基地和10个技能大师工作室。")
    assert [(r.indicator_zh, float(r.value)) for r in rows] == [("新增高技能人才培育基地", 3), ("技能大师工作室", 10)]


def test_a_fenbie_list_pairs_only_the_figures_of_its_clause():
    rows = ex("到2025年,“老字号”“新字号”规模以上产值分别达4290亿元、4080亿元,新一代信息技术产业营收达1800亿元。")
    assert [r.indicator_zh for r in rows] == ["“老字号”规模以上产值", "“新字号”规模以上产值", "新一代信息技术产业营收"]


def test_a_bare_head_takes_the_subject_of_the_figure_before_it():
    rows = ex("确保全年签约储备亿元以上项目200个以上,投资额2600亿元以上。", ref=dt.date(2021, 1, 1))
    assert [r.indicator_zh for r in rows] == ["签约储备亿元以上项目", "签约储备亿元以上项目投资额"]
    assert rows[1].quote == "投资额2600亿元以上"


@pytest.mark.parametrize("text", [
    "激活全区现有 6 家高校院所、 42 家重点实验室。",                 # sets that exist
    "对全区域内漏失率超过 20% 的老旧小区实施自来水管网改造工程。",  # a threshold defining a category
])
def test_existing_sets_and_attribute_thresholds_are_not_measures(text):
    assert ex(text) == []


def test_a_count_qualifying_a_later_subject_is_not_a_measure():
    rows = ex("到2025年,区直管住宅 1387 栋房屋的维修和养护预计完好率达到 98.5% 。")
    assert [(float(r.value), r.unit) for r in rows] == [(98.5, "percent")]


def test_a_plan_execution_heading_opens_a_review_of_its_year():
    text = ("新乡市2024年国民经济和社会发展计划\n一、2023年国民经济和社会发展计划执行情况\n"
            "2023年,经济总体平稳。初步核算,全市实现地区生产总值3347.6亿元;全年粮食总产量93亿斤。")
    rows = extract_statements(text, doc_id="t", region="xinxiang", level="city", reference_date=dt.date(2024, 3, 19),
                              genre="plan")
    assert [(r.kind, r.year) for r in rows] == [("observation", 2023), ("observation", 2023)]
    assert rows[1].kind_rule.startswith("section review")


def test_a_unit_shared_across_a_fenbie_list_and_its_verb():
    rows = ex("2015年,第二、第三产业占地区生产总值的比重分别回落2.16和1.66个百分点。", ref=dt.date(2016, 4, 1))
    assert [(float(r.value), r.unit, r.is_growth_rate) for r in rows] == [
        (-2.16, "percentage_point", True), (-1.66, "percentage_point", True)]
    assert "unit shared" in "; ".join(rows[0].notes)
    rows = ex("到2025年,两个园区产值分别达到3、5亿元。")
    assert [float(r.value) for r in rows] == [3e8, 5e8]


@pytest.mark.parametrize("text", [
    "以农业现代化等7个系列专项三年行动、绿色铝等5个配套政策为支撑。",
    "提出加快推动绿色铝、光伏、出口导向型12个重点产业大力发展的目标任务。",
])
def test_counts_of_a_policy_systems_documents_and_tasks_are_not_measures(text):
    assert ex(text) == []


def test_the_seed_documents_keep_their_subjects_and_read_figures_in_words():
    from shenyang_analysis.pipeline import build_targets

    t = build_targets().targets.set_index("target_id")
    for tid, phrase, indicator in [
        ("000_f13389e16cc0cf9d@4149", "清洁能源消费占比", "clean_energy_share_consumption"),
        ("000_f13389e16cc0cf9d@4585", "可再生能源装机占比", "renewable_share_power_capacity"),
    ]:
        assert (t.at[tid, "indicator_zh"], t.at[tid, "indicator"]) == (phrase, indicator)
    tiexi = t.loc["002_74a2a09f36767d0c@1039"]  # "2020 年预计,地区生产总值达到千亿体量"
    assert (tiexi["kind"], tiexi["year"], tiexi["comparator"], tiexi["value"], tiexi["indicator"]) == (
        "observation", 2020, ">=", 1e11, "gdp")
    assert "figure in words" in tiexi["note"]
    people = t.loc["000_f13389e16cc0cf9d@1525"]  # "900万沈阳人"
    assert (people["kind"], people["value"], people["unit"]) == ("observation", 9e6, "count")
