"""Tests for the indicator catalog (data/raw/indicators.csv) and shenyang_analysis.indicators."""

from __future__ import annotations

import csv
import doctest
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from shenyang_analysis.table import catalog as ind_mod  # noqa: E402
from shenyang_analysis.table.catalog import (  # noqa: E402
    ALLOWED_CATEGORIES,
    ALLOWED_MEASURES,
    ALLOWED_UNITS,
    CATALOG_COLUMNS,
    load_catalog,
    match_indicator,
    normalize_phrase,
)

HISTORY_CSV = Path("/work/shared/data/history_observations.csv")

# Indicator ids of /work/shared/data/history_observations.csv (the `_target` ones excluded:
# they are targets for an existing indicator, not indicators of their own).
HISTORY_IDS = [
    "5g_base_stations",
    "5g_base_stations_per_10k",
    "air_quality_good_days",
    "air_quality_good_days_ratio",
    "clean_energy_share_consumption",
    "coal_share_energy_consumption",
    "energy_intensity_change",
    "energy_intensity_change_2016_2020",
    "gdp",
    "gdp_real_growth",
    "general_budget_revenue",
    "general_budget_revenue_growth",
    "hightech_enterprise_revenue",
    "hightech_enterprises",
    "hightech_enterprises_new",
    "hightech_manufacturing_va_growth",
    "imports",
    "imports_exports",
    "imports_exports_growth",
    "industrial_clusters_scale",
    "industrial_output_growth",
    "industrial_va",
    "industrial_va_growth",
    "industrial_va_growth_avg_2016_2020",
    "rd_expenditure",
    "rd_expenditure_growth",
    "rd_intensity",
    "renewable_share_power_capacity",
    "resident_population",
    "retail_sales",
    "retail_sales_growth",
    "sci_tech_enterprises",
    "sci_tech_enterprises_growth",
    "sci_tech_sme_registered",
    "share_of_city_industry",
    "software_industry_revenue",
    "technology_contract_value",
    "technology_contract_value_growth",
    "thousand_billion_clusters_count",
    "urban_registered_unemployment_rate",
    "zhongde_park_industrial_output",
    "zhongde_park_industrial_output_growth",
    "zhongde_park_rd_intensity",
    "zhongde_park_tax_revenue",
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


# ---------------------------------------------------------------------------
# the catalog itself
# ---------------------------------------------------------------------------


def test_catalog_loads_from_default_path(catalog):
    from shenyang_analysis.config import paths

    assert paths().indicators_csv == REPO / "data" / "raw" / "indicators.csv"
    assert list(catalog.columns) == list(CATALOG_COLUMNS)
    assert 250 <= len(catalog) <= 400
    assert catalog["indicator"].is_unique
    assert set(catalog["category"]) <= ALLOWED_CATEGORIES
    assert set(catalog["unit"]) <= ALLOWED_UNITS
    assert set(catalog["measure"]) <= ALLOWED_MEASURES
    assert catalog["higher_is_better"].dtype == bool


def test_catalog_file_is_plain(catalog):
    """Phrases are written without spaces or ASCII quote marks; ids are snake_case."""
    for row in catalog.itertuples():
        assert " " not in row.phrases and '"' not in row.phrases, row.indicator
        assert row.indicator == row.indicator.lower()


def test_lower_is_better_indicators(catalog):
    hib = catalog.set_index("indicator")["higher_is_better"]
    for ind in (
        "urban_registered_unemployment_rate",
        "energy_intensity_change",
        "municipal_soe_debt_ratio",
        "pm25_concentration",
        "coal_share_energy_consumption",
    ):
        assert hib[ind] is False or hib[ind] == False  # noqa: E712
    assert hib["gdp"] == True  # noqa: E712


def test_money_is_in_yuan_and_people_are_counts(catalog):
    units = catalog.set_index("indicator")["unit"]
    for ind in ("gdp", "general_budget_revenue", "rd_expenditure", "industrial_clusters_scale", "retail_sales"):
        assert units[ind] == "yuan"
    assert units["fdi_utilized"] == "usd"
    for ind in ("resident_population", "urban_employment_new", "high_level_talents_attracted"):
        assert units[ind] == "count"


def test_flow_and_stock_are_different_indicators(catalog):
    measure = catalog.set_index("indicator")["measure"]
    assert measure["hightech_enterprises"] == "count"
    assert measure["hightech_enterprises_new"] == "flow"
    assert measure["urban_employment_new"] == "flow"
    assert measure["5g_base_stations_new"] == "flow"
    assert measure["gdp_real_growth"] == "growth"


@pytest.mark.parametrize("indicator", HISTORY_IDS)
def test_hardcoded_history_ids_in_catalog(catalog, indicator):
    assert indicator in set(catalog["indicator"])


def test_history_file_ids_in_catalog(catalog):
    if not HISTORY_CSV.exists():
        pytest.skip(f"{HISTORY_CSV} not available")
    with HISTORY_CSV.open(encoding="utf-8") as handle:
        ids = {row["indicator"] for row in csv.DictReader(handle)}
    wanted = {i for i in ids if not i.endswith("_target")}
    assert wanted <= set(HISTORY_IDS) | set(catalog["indicator"])
    missing = wanted - set(catalog["indicator"])
    assert not missing, f"history indicators missing from the catalog: {sorted(missing)}"
    # `_target` rows are targets of an existing indicator, not indicators of their own.
    for target in (i for i in ids if i.endswith("_target")):
        assert target not in set(catalog["indicator"])
        assert target[: -len("_target")] in set(catalog["indicator"])


def test_every_catalog_phrase_maps_to_its_own_indicator(catalog):
    for row in catalog.itertuples():
        for phrase in row.phrases.split("|"):
            assert match_indicator(phrase, catalog) == row.indicator, phrase


# ---------------------------------------------------------------------------
# normalization
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“ 10+1 ” 重点产业集群规模总量", "10+1重点产业集群规模总量"),
        ("\u3000全市科技型企业总数\xa0", "科技型企业总数"),
        ("占地区生产总值的比重", "占地区生产总值比重"),
        ("全区规上文化产业营业收入", "规模以上文化产业营业收入"),
        ("到 2025 年,全区进出口总额", "进出口总额"),
        ("地区生产总值(GDP)", "地区生产总值"),
        ("(GDP)", "GDP"),
        ("全社会研发投入强度", "研发投入强度"),
        ("沈阳市铁西区地区生产总值", "地区生产总值"),
        ("全国重点实验室", "全国重点实验室"),
        ("新建５ｇ基站", "新建5G基站"),
        ("「一件事一次办」场景数", "一件事一次办场景数"),
        ("", ""),
    ],
)
def test_normalize_phrase(raw, expected):
    assert normalize_phrase(raw) == expected


def test_normalize_non_string():
    assert normalize_phrase(None) == ""  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# matching: real phrases from the five documents
# ---------------------------------------------------------------------------

DOCUMENT_PHRASES = [
    # 002 Tiexi 14th five-year plan (spaces and quotes as in the text)
    ("地区生产总值", "gdp"),
    ("科技研发投入占地区生产总值比重", "rd_intensity"),
    ("科技研发投入", "rd_expenditure"),
    ("一般公共预算收入", "general_budget_revenue"),
    ("城镇居民人均可支配收入", "urban_disposable_income"),
    ("规模以上工业总产值", "industrial_output"),
    ("服务业增加值", "services_va"),
    ("农业总产值", "agricultural_output"),
    ("实际利用外资", "fdi_utilized"),
    ("全区进出口总额", "imports_exports"),
    ("国家高新技术企业", "hightech_enterprises"),
    ("科技中小型企业", "sci_tech_sme_registered"),
    ("认定辽宁省 “ 专精特新 ” 企业", "specialized_sme"),
    ("企业投资项目审批时限", "project_approval_days"),
    ("城镇新增就业", "urban_employment_new"),
    ("城镇登记失业率", "urban_registered_unemployment_rate"),
    ("优良天数", "air_quality_good_days"),
    ("全区绿化覆盖率", "green_coverage_rate"),
    ("聚集瞪羚、独角兽企业", "gazelle_unicorn_enterprises"),
    ("全区拥有科技载体总面积", "sci_tech_carrier_area"),
    ("股权投资基金规模", "investment_fund_scale"),
    ("全区规上文化产业营业收入", "culture_industry_revenue"),
    ("文化产业增加值占地区生产总值的比重", "culture_industry_va_share"),
    ("A 级景区", "a_level_scenic_spots"),
    ("本地配套率", "local_sourcing_rate"),
    ("高标准农田覆盖率", "high_standard_farmland_coverage"),
    ("粮食产量", "grain_output"),
    ("设施农业面积", "facility_agriculture_area"),
    ("每千名老年人人口养老床位", "elderly_care_beds_per_1000"),
    ("养老机构护理型床位占比", "nursing_bed_share"),
    ("集中供热率", "central_heating_rate"),
    ("吸引储备大学生就业创业", "college_graduates_attracted"),
    ("老旧住宅小区", "old_residential_renovation"),
    ("新型研发机构", "new_rd_institutions"),
    # 000 Shenyang "five demonstrations"
    ("新一代信息技术产业营收", "next_gen_it_revenue"),
    ("单位地区生产总值能源消耗", "energy_intensity_change"),
    ("清洁能源消费占比", "clean_energy_share_consumption"),
    ("可再生能源装机占比", "renewable_share_power_capacity"),
    ("城镇新建建筑中绿色建筑占比", "green_building_share"),
    ("空气质量优良天数比例", "air_quality_good_days_ratio"),
    ("绿色制造名单数量", "green_manufacturing"),
    ("全市技术转移机构", "tech_transfer_institutions"),
    ("全市各类“双创”载体", "incubation_carriers"),
    ("攻克产业关键核心技术", "core_technology_breakthroughs"),
    ("科技型企业增长率", "sci_tech_enterprises_growth"),
    ("“一件事一次办”场景数", "one_thing_once_items"),
    # 001 Hunnan 2021
    ("全区技术合同交易额", "technology_contract_value"),
    ("新增高层次人才", "high_level_talents_attracted"),
    ("全区重点实验室", "key_laboratories"),
    ("国家级平台", "national_innovation_platforms"),
    ("政务服务事项网上可办率", "online_service_rate"),
    ("布局建设智能工厂", "smart_factories_new"),  # built in the period: a flow
    ("数字化车间", "digital_workshops"),
    ("战略性新兴产业产值占规上工业总产值比重", "strategic_emerging_industry_share"),
    ("签约储备亿元以上项目", "investment_projects_100m_signed"),
    ("谋划亿元以上项目", "investment_projects_100m_planned"),
    ("开复工亿元以上项目", "investment_projects_100m"),
    ("亿元以上项目", "investment_projects_100m"),
    ("新增规上工业企业", "above_scale_industrial_enterprises_new"),
    ("科技型中小企业", "sci_tech_sme_registered"),
    ("高新技术企业", "hightech_enterprises"),
    ("新增高新技术企业", "hightech_enterprises_new"),
    ("新增省级雏鹰企业", "chuying_enterprises_new"),
    ("新增城镇就业人口", "urban_employment_new"),
    ("新建“口袋公园”", "pocket_parks"),
    ("新建社区卫生服务站", "community_health_facilities_new"),
    # 003 Shenyang 2025 press conference
    ("“10+1”重点产业集群规模总量", "industrial_clusters_scale"),
    ("“ 10+1 ” 重点产业集群规模总量", "industrial_clusters_scale"),
    ("滚动实施设备更新及技术改造项目", "tech_renovation_projects"),
    ("新培育先进级智能工厂", "smart_factories_new"),
    ("新培育国家专精特新“小巨人”企业", "little_giant_enterprises_new"),
    ("省级“专精特新”中小企业", "specialized_sme"),
    ("省级以上工业互联网平台规模", "industrial_internet_platforms"),
    ("数字经济特色产业园区", "digital_economy_parks"),
    ("全市智能算力", "computing_power"),
    ("城镇绿色建筑占新建建筑比例", "green_building_share"),
    ("新开工装配式建筑项目面积占新建建筑面积比例", "prefabricated_building_share"),
    ("各级各类科技创新平台总数", "sci_tech_innovation_platforms"),
    ("科技型企业数量", "sci_tech_enterprises"),
    ("全市科技型企业总数", "sci_tech_enterprises"),
    ("各类国家级创新平台", "national_innovation_platforms"),
    ("科技成果转化平台和载体", "tech_transfer_platforms"),
    ("吸引和培育高层次人才", "high_level_talents_attracted"),
    ("引育“带土移植”团队", "daitu_yizhi_teams"),
    ("新增高技能人才", "high_skilled_talents_new"),
    ("筹集保障性住房", "affordable_housing_units"),
    # 004 Shenyang 2021 work report
    ("全年开复工亿元以上项目", "investment_projects_100m"),
    ("市属企业资产负债率", "municipal_soe_debt_ratio"),
    ("全市科技型中小企业", "sci_tech_sme_registered"),
    ("雏鹰企业", "chuying_enterprises"),
    ("瞪羚独角兽企业", "gazelle_unicorn_enterprises"),
    ("新建5G基站", "5g_base_stations_new"),
    ("5G基站", "5g_base_stations"),
    ("开展黑土地保护性耕作", "conservation_tillage_area"),
    ("新建高标准农田", "high_standard_farmland_new"),
    ("植树造林", "afforestation_area"),
    ("PM2.5浓度", "pm25_concentration"),
    ("新增城镇就业", "urban_employment_new"),
    ("中欧班列", "china_europe_trains"),
    ("实施农村电网升级", "rural_power_grid_upgrade"),
    ("可复制推广经验", "ftz_replicable_experiences"),
]


def test_document_phrase_table_is_large_enough():
    assert len(DOCUMENT_PHRASES) >= 40


@pytest.mark.parametrize(("phrase", "expected"), DOCUMENT_PHRASES)
def test_document_phrases(catalog, phrase, expected):
    assert match_indicator(phrase, catalog) == expected


def test_flow_and_stock_phrases_differ(catalog):
    assert match_indicator("新增高新技术企业", catalog) != match_indicator("高新技术企业", catalog)
    assert match_indicator("新建5G基站", catalog) != match_indicator("5G基站", catalog)
    # a flow word in front of a stock phrase goes to the stock's `_new` sibling
    assert match_indicator("累计新增国家高新技术企业", catalog) == "hightech_enterprises_new"
    # ... or nowhere if there is none (新型研发机构 has no flow indicator)
    assert match_indicator("新增新型研发机构", catalog) is None
    # 新 that ends the word 创新 is not a flow word
    assert match_indicator("创新建设高新技术企业", catalog) == "hightech_enterprises"


@pytest.mark.parametrize(
    "phrase",
    [
        "人均地区生产总值",
        "人均GDP",
        "单位地区生产总值",
        "智慧一小",
        "工业经济总量",
        "数字经济总量",
        "占地区生产总值的比重",
        "高新技术企业占比",
        "科技小巨人企业",
        "营利性服务业营业收入",  # only its growth is in the catalog
        "",
        "   ",
        "全市",
    ],
)
def test_negative_phrases(catalog, phrase):
    assert match_indicator(phrase, catalog) is None


def test_per_capita_gdp_is_never_gdp(catalog):
    for flag in (False, True):
        assert match_indicator("人均地区生产总值", catalog, is_growth_rate=flag) not in {"gdp", "gdp_real_growth"}


def test_non_string_phrase(catalog):
    assert match_indicator(None, catalog) is None  # type: ignore[arg-type]
    assert match_indicator(float("nan"), catalog) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("地区生产总值", "gdp_real_growth"),
        ("全市地区生产总值", "gdp_real_growth"),
        ("GDP", "gdp_real_growth"),
        ("经济总量", "gdp_real_growth"),
        ("规模以上工业增加值", "industrial_va_growth"),
        ("社会消费品零售总额", "retail_sales_growth"),
        ("进出口总额", "imports_exports_growth"),
        ("一般公共预算收入", "general_budget_revenue_growth"),
        ("城镇居民人均可支配收入", "urban_disposable_income_growth"),
        ("技术合同成交额", "technology_contract_value_growth"),
        ("R&D经费投入", "rd_expenditure_growth"),
        ("规模以上高技术制造业增加值", "hightech_manufacturing_va_growth"),
        ("科技型企业", "sci_tech_enterprises_growth"),
        ("单位地区生产总值能源消耗", "energy_intensity_change"),
        ("经济", "gdp_real_growth"),
        # no growth indicator for the concept: the level id (a rate's change in points)
        ("城镇登记失业率", "urban_registered_unemployment_rate"),
        ("文化产业营业收入", "culture_industry_revenue_growth"),
        ("营利性服务业营业收入", "profit_services_revenue_growth"),
        ("电子商务交易额", "ecommerce_transactions_growth"),
    ],
)
def test_growth_flag(catalog, phrase, expected):
    assert match_indicator(phrase, catalog, is_growth_rate=True) == expected


def test_growth_words_in_the_phrase(catalog):
    assert match_indicator("地区生产总值增速", catalog) == "gdp_real_growth"
    assert match_indicator("地区生产总值年均增长", catalog) == "gdp_real_growth"
    assert match_indicator("研发经费投入年均增长", catalog) == "rd_expenditure_growth"
    assert match_indicator("单位地区生产总值能源消耗比2020年下降", catalog) == "energy_intensity_change"
    assert match_indicator("地区生产总值", catalog) == "gdp"
    assert match_indicator("经济", catalog) is None


def test_matching_many_phrases_is_fast(catalog):
    phrases = [p for p, _ in DOCUMENT_PHRASES] * 60
    start = time.perf_counter()
    for i, phrase in enumerate(phrases):
        match_indicator(phrase + ("" if i % 2 else " "), catalog, is_growth_rate=bool(i % 3))
    assert time.perf_counter() - start < 2.0


def test_modified_copy_is_reindexed(catalog):
    extended = catalog.copy()
    mask = extended["indicator"] == "gdp"
    extended.loc[mask, "phrases"] = extended.loc[mask, "phrases"] + "|经济规模"
    assert match_indicator("经济规模", extended) == "gdp"
    assert match_indicator("经济规模", catalog) is None


def test_module_doctests():
    result = doctest.testmod(ind_mod, verbose=False)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------
# validation errors
# ---------------------------------------------------------------------------

HEADER = ",".join(CATALOG_COLUMNS)
GOOD_ROWS = [
    "gdp,GDP,地区生产总值,economy,yuan,level,true,地区生产总值|GDP,output",
    "gdp_real_growth,Real GDP growth,地区生产总值增速,economy,percent,growth,true,地区生产总值增速,output",
    "retail_sales,Retail sales,社会消费品零售总额,consumption,yuan,level,true,社会消费品零售总额,retail",
]


def _write(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_small_valid_catalog(tmp_path):
    cat = load_catalog(_write(tmp_path, GOOD_ROWS))
    assert list(cat["indicator"]) == ["gdp", "gdp_real_growth", "retail_sales"]
    assert match_indicator("全市地区生产总值", cat, is_growth_rate=True) == "gdp_real_growth"
    assert match_indicator("社会消费品零售总额", cat, is_growth_rate=True) == "retail_sales"


def test_load_catalog_accepts_str_path(tmp_path):
    assert len(load_catalog(str(_write(tmp_path, GOOD_ROWS)))) == 3


def _error(tmp_path: Path, rows: list[str], header: str = HEADER) -> str:
    path = _write(tmp_path, rows, header)
    with pytest.raises(ValueError) as info:
        load_catalog(path)
    message = str(info.value)
    assert str(path) in message
    return message


def test_duplicate_id_names_line(tmp_path):
    rows = GOOD_ROWS + ["gdp,GDP again,地区生产总值,economy,yuan,level,true,经济总量,output"]
    message = _error(tmp_path, rows)
    assert ":5:" in message and "duplicate" in message and "line 2" in message


def test_bad_category_names_line(tmp_path):
    rows = [GOOD_ROWS[0], "pm25,PM2.5,PM2.5浓度,weather,ug_m3,level,false,PM2.5浓度,air"]
    message = _error(tmp_path, rows)
    assert ":3:" in message and "weather" in message


def test_phrase_claimed_twice_names_line(tmp_path):
    rows = GOOD_ROWS + ["gdp2,GDP 2,地区生产总值,economy,yuan,level,true,全市地区生产总值,output"]
    message = _error(tmp_path, rows)
    assert ":5:" in message and "'gdp'" in message and "line 2" in message


def test_phrase_claimed_twice_after_quote_and_space_normalization(tmp_path):
    rows = [
        "clusters,Clusters,集群,industry,yuan,level,true,10+1重点产业集群规模总量,clusters",
        "clusters2,Clusters,集群,industry,yuan,level,true,“ 10+1 ”重点产业集群规模总量,clusters",
    ]
    assert ":3:" in _error(tmp_path, rows)


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("GDP,GDP,地区生产总值,economy,yuan,level,true,经济总量,output", "snake_case"),
        ("gdp__x,GDP,地区生产总值,economy,yuan,level,true,经济总量,output", "snake_case"),
        ("x,X,X,economy,亿元,level,true,经济总量,output", "unit"),
        ("x,X,X,economy,yuan,stock,true,经济总量,output", "measure"),
        ("x,X,X,economy,yuan,level,yes,经济总量,output", "higher_is_better"),
        ("x,X,X,economy,yuan,level,true,,output", "no phrases"),
        ("x,X,X,economy,yuan,level,true,“ ”,output", "empty after normalization"),
        ("x,,X,economy,yuan,level,true,经济总量,output", "name_en"),
        ("x_new,X,X,economy,count,count,true,新增某某,output", "_new"),
        ("x_growth,X,X,economy,percent,share,true,某某增速,output", "_growth"),
        ("x,X,X,economy,yuan,level,true", "fields"),
    ],
)
def test_row_problems_name_line(tmp_path, row, fragment):
    message = _error(tmp_path, [GOOD_ROWS[0], row])
    assert ":3:" in message and fragment in message


def test_bad_header_names_line_1(tmp_path):
    message = _error(tmp_path, GOOD_ROWS, header="id,name_en,name_zh,category,unit,measure,higher_is_better,phrases")
    assert ":1:" in message and "header" in message


def test_ambiguous_growth_link(tmp_path):
    rows = GOOD_ROWS + ["gdp_nominal_growth,Nominal,名义增速,economy,percent,growth,true,地区生产总值增长率,output"]
    message = _error(tmp_path, rows)
    assert ":5:" in message and "gdp_real_growth" in message and "gdp_nominal_growth" in message


def test_line_numbers_skip_blank_lines(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "\n".join([HEADER, GOOD_ROWS[0], "", "x,X,X,nowhere,yuan,level,true,某某,x"]) + "\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r":4:"):
        load_catalog(path)


def test_missing_file_raises_one_line_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"nope\.csv: cannot read the indicator catalog") as exc:
        load_catalog(tmp_path / "nope.csv")
    assert "\n" not in str(exc.value)


def test_gbk_catalog_is_refused_with_file_and_line(tmp_path):
    from shenyang_analysis.config import paths

    gbk = tmp_path / "indicators.csv"
    gbk.write_bytes(paths().indicators_csv.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    with pytest.raises(ValueError, match=r"indicators\.csv:2: byte \d+ is not UTF-8") as exc:
        load_catalog(gbk)
    assert "\n" not in str(exc.value)


# ---------------------------------------------------------------------------
# the grown catalog: hierarchy, synonyms, near-misses, units, flows, coverage
# ---------------------------------------------------------------------------

def test_category_group_indicator_is_a_tree(catalog):
    from shenyang_analysis.table.catalog import hierarchy

    tree = hierarchy(catalog)
    assert set(tree) == set(catalog["category"])
    groups = [g for cat in tree.values() for g in cat]
    assert len(groups) == len(set(groups))  # a group belongs to one category
    assert sum(len(ids) for cat in tree.values() for ids in cat.values()) == len(catalog)
    assert tree["industry"]["clusters_and_chains"][:2] == ["industrial_clusters_scale", "thousand_billion_clusters_count"]


def test_a_group_in_two_categories_names_the_line(tmp_path):
    rows = GOOD_ROWS + ["fdi,FDI,实际利用外资,openness,usd,level,true,实际利用外资,output"]
    message = _error(tmp_path, rows)
    assert ":5:" in message and "group 'output'" in message and "line 2" in message


def test_a_missing_or_bad_group_names_the_line(tmp_path):
    message = _error(tmp_path, GOOD_ROWS + ["x,X,X,economy,yuan,level,true,某某,Output Group"])
    assert ":5:" in message and "group" in message


def test_docs_list_every_category_and_group(catalog):
    from shenyang_analysis.table.catalog import hierarchy

    text = (REPO / "docs" / "data_sources.md").read_text(encoding="utf-8")
    for category, groups in hierarchy(catalog).items():
        line = next((ln for ln in text.splitlines() if ln.startswith(f"| {category} |")), None)
        assert line is not None, f"docs/data_sources.md lists no category {category}"
        for group, ids in groups.items():
            assert f"{group} ({len(ids)})" in line, f"{category}: {group} ({len(ids)}) not in docs/data_sources.md"


@pytest.mark.parametrize(("phrase", "expected"), [
    # synonyms of the new indicators, as the seed documents write them
    ("通用机械装备产业链产值", "general_machinery_chain_output"),
    ("新材料产业链产值", "new_materials_industry_scale"),
    ("新材料产业规模", "new_materials_industry_scale"),
    ("新一代信息技术产业链产值", "next_gen_it_chain_output"),
    ("新一代信息技术产业营收", "next_gen_it_revenue"),           # revenue, not the chain's output
    ("新培育省级“专精特新”中小企业", "specialized_sme_new"),      # flow sibling of the stock
    ("省级专精特新中小企业", "specialized_sme"),
    ("新增瞪羚企业", "gazelle_enterprises_new"),
    ("新增种子独角兽企业", "seed_unicorn_enterprises_new"),
    ("独角兽企业", "unicorn_enterprises"),
    ("在孵企业", "incubated_enterprises"),
    ("以管代审", "supervision_instead_of_approval_items"),
    ("签约储备亿元以上项目投资额", "signed_projects_100m_investment"),
    ("签约储备亿元以上项目", "investment_projects_100m_signed"),
    ("快速路建设", "urban_expressways"),
    ("老旧住宅小区实施改造提升", "old_residential_renovation"),
    ("风电项目建成达产", "wind_power_capacity_new"),
    ("风电装机容量", "wind_power_capacity"),
    ("“国字号”重大科技创新平台建设", "national_innovation_platforms_new"),
    ("建设市域产教联合体", "city_industry_education_consortia"),
    ("行业产教融合共同体并实体化运作", "industry_education_communities"),
    ("中欧班列力争开行", "china_europe_trains"),
    ("建设污水处理设施", "sewage_treatment_capacity_new"),
    ("污水处理能力", "sewage_treatment_capacity"),
    ("对有集中供养意愿的特困人员供养率", "destitute_persons_care_rate"),
    ("区直管住宅1387栋房屋的维修和养护预计完好率", "managed_housing_intact_rate"),
    ("新建居住区每百户配建面积", "community_space_per_100hh_new_areas"),
    ("基层医疗机构标准化建设全覆盖", "primary_care_facilities_standardized"),
    ("新培育卓越级、领航级智能工厂", "smart_factories_new"),  # grades of one thing, not a union
])
def test_new_synonyms(catalog, phrase, expected):
    assert match_indicator(phrase, catalog) == expected


@pytest.mark.parametrize("phrase", [
    "新增高技能人才培育基地评估",          # another head after the catalog phrase
    "新增高技能人才评价机构",
    "数字经济特色产业园区建设",            # a stock being built: no flow indicator to take it
    "农业生产、知识产权、餐饮服务等领域制定发布沈阳地方标准",  # a subset of the local standards
    "社区社会组织",                          # per community, urban or rural: not said
    "签约率",                                 # which contracts: not said
    "应用场景",
    "产业项目",
    "举办各类活动",
    "每万人口新材料产业链产值",              # an intensity is not the level
    "新材料产业链产值占比",                  # a share is not the level
    "城市绿地面积",                          # an area is not the count of green spaces
    "跨境电商交易额",                        # cross-border: a part of e-commerce
    "建成数字化车间和智能工厂",              # a union of two indicators' things
])
def test_near_misses_do_not_match(catalog, phrase):
    assert match_indicator(phrase, catalog) is None


@pytest.mark.parametrize(("phrase", "unit", "growth", "expected"), [
    ("社区卫生服务中心", "percent", False, None),            # 50%的社区卫生服务中心: a share, not a count
    ("“一件事一次办”场景数", "percent", False, None),
    ("文化产业营业收入", "percent", True, "culture_industry_revenue_growth"),
    ("规上文化产业营业收入", "yuan", False, "culture_industry_revenue"),
    ("粮食产量", "jin", False, "grain_output"),              # 斤 and 吨 are both masses
    ("研发投入强度", "percentage_point", True, "rd_intensity"),
    ("企业投资项目审批时限", "percent", True, None),          # 压缩33%: no growth indicator for it
])
def test_units_of_another_dimension_never_match(catalog, phrase, unit, growth, expected):
    assert match_indicator(phrase, catalog, is_growth_rate=growth, unit=unit) == expected


def test_seed_targets_are_mostly_matched_and_the_rest_are_listed():
    from shenyang_analysis.pipeline import build_targets
    from shenyang_analysis.table.targets import targets_without_indicator

    table = build_targets().targets
    targets = table[table["kind"] == "target"]
    share = targets["indicator"].notna().mean()
    assert share >= 0.85, f"only {share:.1%} of the seed targets map to an indicator"
    missing = targets_without_indicator(table)
    assert len(missing) == int(targets["indicator"].isna().sum())
    assert all(set(m) == {"target_id", "phrase"} for m in missing)
