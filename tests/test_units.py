"""Tests for shenyang_analysis.extract.quantities: exact Decimal parsing of Chinese quantities."""

from __future__ import annotations

import csv
import tokenize
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shenyang_analysis.extract import quantities as units
from shenyang_analysis.extract.quantities import (
    Quantity,
    QuantityError,
    find_quantities,
    parse_number,
    parse_quantity,
)

HARD_CASES = Path(__file__).parent / "data" / "units_hard_cases.csv"


def _load_cases() -> list[dict[str, str]]:
    with HARD_CASES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


CASES = _load_cases()


def _spaces_only(s: str) -> bool:
    return all(ch in " \t\u00a0\u3000" for ch in s)


def _check_invariants(q: Quantity, searched: str) -> None:
    """Properties every Quantity must have."""
    assert searched[q.start:q.end] == q.text
    assert q.text.startswith(q.value_raw)
    assert q.text.endswith(q.unit_raw)
    middle = q.text[len(q.value_raw): len(q.text) - len(q.unit_raw)]
    assert _spaces_only(middle), (q, middle)
    assert isinstance(q.value, Decimal)
    assert q.range_high is None or (isinstance(q.range_high, Decimal) and q.value < q.range_high)


# --------------------------------------------------------------------------- hard cases

def test_hard_case_file_is_big_enough() -> None:
    assert len(CASES) >= 60
    assert len({c["text"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_hard_case(case: dict[str, str]) -> None:
    q = parse_quantity(case["text"])
    assert q.value == Decimal(case["value"])
    assert str(q.value) == case["value"]  # canonical form, no exponent, no trailing zeros
    assert q.unit == case["unit"]
    if case["range_high"]:
        assert q.range_high == Decimal(case["range_high"])
        assert str(q.range_high) == case["range_high"]
    else:
        assert q.range_high is None
    assert q.value_raw == case["value_raw"]
    assert q.unit_raw == case["unit_raw"]
    assert q.more_than is (case["more_than"] == "True")
    assert (q.start, q.end) == (0, len(case["text"]))
    _check_invariants(q, case["text"])


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_hard_case_in_running_text(case: dict[str, str]) -> None:
    """The same string, embedded in a sentence, is found with the right offsets."""
    sentence = f"力争达到{case['text']}的目标"
    found = find_quantities(sentence)
    assert [q.text for q in found] == [case["text"]]
    q = found[0]
    assert q.start == 4
    assert q.value == Decimal(case["value"])
    assert q.unit == case["unit"]
    _check_invariants(q, sentence)


def test_parse_quantity_offsets_refer_to_unstripped_text() -> None:
    q = parse_quantity("  16.4亿元 ")
    assert (q.start, q.end, q.text) == (2, 8, "16.4亿元")


# --------------------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500", "1500"),
        ("1,233", "1233"),
        ("1,234,567", "1234567"),
        ("9. 6万", "96000"),
        ("16.4亿", "1640000000"),
        ("1500 亿", "150000000000"),
        ("一千五百", "1500"),
        ("两万", "20000"),
        ("三十", "30"),
        ("十五", "15"),
        ("十", "10"),
        ("一百零五", "105"),
        ("一万五", "15000"),  # colloquial: the digit after the last unit is one unit lower
        ("三百五", "350"),
        ("一亿五千万", "150000000"),
        ("十万零一十", "100010"),
        ("二〇三五", "2035"),
        ("二零二五", "2025"),
        ("三点五", "3.5"),
        ("零点五", "0.5"),
        ("三点五亿", "350000000"),
        ("1.1万亿", "1100000000000"),
        ("3千亿", "300000000000"),
        ("2百万", "2000000"),
        ("3千万", "30000000"),
        ("千亿", "100000000000"),
        ("百万", "1000000"),
        ("一万亿", "1000000000000"),
        ("１５００", "1500"),
        ("１．５万", "15000"),
        ("0.0001", "0.0001"),
        ("007", "7"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    value = parse_number(text)
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize(
    "bad",
    ["", "abc", "3万5千", "1,23", "十十", "五五十", "一万二万", "三点", "点五", "5G", "百分之五", "3个"],
)
def test_parse_number_rejects(bad: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_number(bad)
    assert repr(bad) in str(info.value)


def test_no_float_in_module() -> None:
    """No float() call and no float literal anywhere in the module's code."""
    path = Path(__file__).parents[1].joinpath("shenyang_analysis", "extract", "quantities.py")
    with path.open("rb") as fh:
        tokens = list(tokenize.tokenize(fh.readline))
    names = {t.string for t in tokens if t.type == tokenize.NAME}
    numbers = [t.string for t in tokens if t.type == tokenize.NUMBER]
    assert "float" not in names
    assert not [n for n in numbers if any(c in n.lower() for c in ".ej")]


# --------------------------------------------------------------------------- parse_quantity errors

@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("", "empty"),
        ("abc", "does not start with a number"),
        ("10万", "bare 万"),
        ("5G", "letter 'G'"),
        ("2025年", "date"),
        ("3月", "date"),
        ("2022-10", "part of a date"),
        ("1.5", "no unit"),
        ("5 公斤", "not a known unit"),
        ("3个x", "unexpected 'x'"),
        ("6000个以上", "unexpected '以上'"),
        ("百分之x", "no number"),
        ("60万-80万", "bare 万"),
        ("3个月", "'个月' after '3' is not a known unit"),
    ],
)
def test_parse_quantity_errors_name_text_and_problem(bad: str, reason: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(bad)
    message = str(info.value)
    assert repr(bad) in message
    assert reason in message


BASE_UNITS = {
    "yuan", "usd", "percent", "percentage_point", "count", "mu", "jin", "ton", "kw", "kwh",
    "kv", "sqm", "sqkm", "km", "m", "cubic_m", "hectare", "day", "hour", "pflops", "times",
}


def test_unit_ids_are_exactly_the_base_units() -> None:
    # the target table's schema accepts these ids and no others
    assert set(units._UNIT_TABLE) == BASE_UNITS
    assert {c["unit"] for c in CASES} <= BASE_UNITS


def test_quantity_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse_quantity("garbage")


def test_quantity_is_frozen() -> None:
    q = parse_quantity("5个")
    with pytest.raises(AttributeError):
        q.value = Decimal(6)  # type: ignore[misc]


# --------------------------------------------------------------------------- find_quantities: real sentences

def _summary(text: str) -> list[tuple[int, int, str, str, str, str | None, bool]]:
    out = []
    for q in find_quantities(text):
        _check_invariants(q, text)
        high = None if q.range_high is None else str(q.range_high)
        out.append((q.start, q.end, q.text, str(q.value), q.unit, high, q.more_than))
    return out


# Sentences copied from data/raw/documents; offsets checked with str.find, not the parser.
REAL_SENTENCES = [
    (  # 002: spaces around numbers, half-width ";" and "%" followed by a space
        " 2020 年预计,地区生产总值达到千亿体量,总量跃居全市首位;一般公共预算收入 121.5 亿元,"
        "年均增长 5.5% ;城镇居民人均可支配收入 47846 元,年均增长 5% ",
        [
            (41, 49, "121.5 亿元", "12150000000", "yuan", None, False),
            (55, 59, "5.5%", "5.5", "percent", None, False),
            (73, 80, "47846 元", "47846", "yuan", None, False),
            (86, 88, "5%", "5", "percent", None, False),
        ],
    ),
    (  # 004
        "开展黑土地保护性耕作136万亩,新建高标准农田47.7万亩,粮食产量稳定在75亿斤以上",
        [
            (10, 15, "136万亩", "1360000", "mu", None, False),
            (23, 29, "47.7万亩", "477000", "mu", None, False),
            (37, 41, "75亿斤", "7500000000", "jin", None, False),
        ],
    ),
    (  # 003: em-dash range
        "建设公共数据资源登记中心,打造15—20个数据应用产品",
        [(15, 21, "15—20个", "15", "count", "20", False)],
    ),
    (  # 003: implied yuan after 万亿; "10+1" is a formula, not a quantity
        "力争“10+1”重点产业集群规模总量达到1.1万亿",
        [(20, 25, "1.1万亿", "1100000000000", "yuan", None, False)],
    ),
    (  # 001
        "建设劳动力和培训市场3个,新增城镇就业人口1.1万人以上,城镇登记失业率控制在2.94%以内",
        [
            (10, 12, "3个", "3", "count", None, False),
            (21, 26, "1.1万人", "11000", "count", None, False),
            (39, 44, "2.94%", "2.94", "percent", None, False),
        ],
    ),
    (  # 002: 个小时 is hours, not a count
        "企业投资项目审批时限由 75天减少至 50 天,压缩 33% ;注册登记的审批时限由 3 天减少到 3个小时",
        [
            (12, 15, "75天", "75", "day", None, False),
            (19, 23, "50 天", "50", "day", None, False),
            (27, 30, "33%", "33", "percent", None, False),
            (43, 46, "3 天", "3", "day", None, False),
            (50, 54, "3个小时", "3", "hour", None, False),
        ],
    ),
    (  # 002: range with a space before the scale
        "力争实现产能达到年产 60-80 万辆的目标",
        [(11, 19, "60-80 万辆", "600000", "count", "800000", False)],
    ),
    (  # 002: 余 after the scale word
        "实现城乡 56 所中小学课堂资源共享,惠及农村地区学生 3 万余人",
        [
            (5, 9, "56 所", "56", "count", None, False),
            (28, 33, "3 万余人", "30000", "count", None, True),
        ],
    ),
    (  # 002: 余 after a space
        "提升 20 余个众创空间、孵化器",
        [(3, 8, "20 余个", "20", "count", None, True)],
    ),
    (  # 002: "4A 级" and "3A 级" are grades; the counts after them are quantities
        "建成 4A 级景区2 个、 3A 级景区 8 个",
        [(9, 12, "2 个", "2", "count", None, False), (21, 24, "8 个", "8", "count", None, False)],
    ),
    (  # 002: kV is an ASCII unit; the ± sign is not part of the quantity
        "继续做强电压等级在交流 1000kV 以上和直流 ±800kV 以上的输变电技术",
        [
            (12, 18, "1000kV", "1000", "kv", None, False),
            (26, 31, "800kV", "800", "kv", None, False),
        ],
    ),
    (  # 002: 百万吨 is a quantity; "10 万等级" is a bare 万 without unit
        "突破百万吨级乙烯 “ 三机 ” 国产化成套供应,提高 10 万等级以上空分压缩机",
        [(2, 5, "百万吨", "1000000", "ton", None, False)],
    ),
    (  # 000: 套(间) — the unit is 套
        "实现年均7.5万套(间)人才住房保障能力",
        [(4, 9, "7.5万套", "75000", "count", None, False)],
    ),
    (  # 003: computing power
        "开发通用、垂直领域大模型20个,全市智能算力达到1000P。",
        [
            (12, 15, "20个", "20", "count", None, False),
            (24, 29, "1000P", "1000", "pflops", None, False),
        ],
    ),
    (  # 002: 元人民币
        "进出口总额累计 1041亿元人民币。",
        [(8, 17, "1041亿元人民币", "104100000000", "yuan", None, False)],
    ),
    (  # 000: ASCII comma as a clause separator, not a thousands separator
        "规模以上产值分别达4290亿元、4080亿元,新一代信息技术产业营收达1800亿元",
        [
            (9, 15, "4290亿元", "429000000000", "yuan", None, False),
            (16, 22, "4080亿元", "408000000000", "yuan", None, False),
            (35, 41, "1800亿元", "180000000000", "yuan", None, False),
        ],
    ),
    (  # Chinese numerals with a unit count; 二期 is a phase name, 一批 means "some"
        "吸引两万人,建设二期工程,推进一批项目",
        [(2, 5, "两万人", "20000", "count", None, False)],
    ),
    (  # 002: 个工作日
        "审批时限控制在 40 个工作日内。",
        [(8, 15, "40 个工作日", "40", "day", None, False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), REAL_SENTENCES, ids=[t[:12] for t, _ in REAL_SENTENCES])
def test_find_quantities_real_sentences(text: str, expected: list) -> None:
    assert _summary(text) == expected


def test_find_5g_base_stations() -> None:
    found = find_quantities("建设5G基站6000个以上")
    assert len(found) == 1
    q = found[0]
    assert (q.value, q.unit, q.text, q.start, q.end) == (Decimal(6000), "count", "6000个", 6, 11)


def test_find_ordinal_is_returned() -> None:
    # "第6个" is an ordinal, but telling ordinals from counts is the extractor's job:
    # find_quantities reports the number with its measure word and leaves 第 to the caller.
    found = find_quantities("生物医药及医疗装备集群晋升为第6个千亿集群")
    assert [(q.text, q.value, q.unit) for q in found] == [("6个", Decimal(6), "count")]


@pytest.mark.parametrize(
    "text",
    [
        "“10+1”产业集群体系",
        "2021-2025 年",
        "“ 十四五 ” 时期( 2021-2025 年)是我国",
        "PM2.5浓度",
        "促进空气优良天数、PM2.5浓度同比改善",
        "2025年",
        "到 2025 年,",
        "3月28日",
        "2021 年 5 月 17 日",
        "2022-10-21",
        "来源:辽宁日报  |  2022-10-21 10:06:09",
        "9710",
        "提前布局9710和9810跨境电商",
        "4+2+N",
        "建立“4+2+N”人工智能产业发展体系",
        "5G",
        "青青汇”“F5失控大创赛",
        "SAP",
        "依托 3D度维",
        "3D 打印",
        "推动自贸区2.0方案实施",
        "与德国工业 4.0 有效对接",
        "十四五",
        "一核两极",
        "二〇三五年远景目标",
        "中央 37 号文件",
        "续建地铁1号线东延线",
        "用 3-5 年时间",
        "三次产业占比由 “ 十二五 ” 末的1 : 69 : 30 调整为 1 : 62 : 37",
        "汽车及零部件产业",
        "企业产值实现两位数增长",
        "推进一批产业化项目",
        "千家万户",
        "全年签约储备亿元以上项目",
        "地区生产总值达到千亿体量",
        "千亿集群",
        "提高 10 万等级以上",
        "中国共产党成立100周年",
        "为 70 岁以上困难老人",
        "建成城区 “15 分钟健身圈 ”",
        "5亿欧元",
        "用3个月时间",
        "1000 PB",
        "华晨宝马 3 系、 1 系、 X1 、 X2 等车系",
        "西部乡镇 “1-4-40” 18 卫生服务网络",
        "五大体系 ” 2 架构初步形成",
        "国家5A级景区",
        "X5 型多式联运专用车",
        "涉VOCs排放企业",
    ],
)
def test_find_quantities_exclusions(text: str) -> None:
    assert find_quantities(text) == []


def test_find_quantities_chinese_numeral_needs_unit() -> None:
    assert [q.text for q in find_quantities("一核两极三组团五板块")] == []
    assert [q.text for q in find_quantities("建设三个平台")] == ["三个"]
    assert [q.text for q in find_quantities("新建三千亿")] == ["三千亿"]


def test_find_quantities_percent_words() -> None:
    text = "增长百分之三点五,降低千分之五,提高两个百分点"
    assert _summary(text) == [
        (2, 8, "百分之三点五", "3.5", "percent", None, False),
        (11, 15, "千分之五", "0.5", "percent", None, False),
        (18, 23, "两个百分点", "2", "percentage_point", None, False),
    ]


def test_find_quantities_longest_unit_wins() -> None:
    text = "风电210万千瓦,用电10千瓦时,旅客5万人次,占地3平方公里,增长2个百分点"
    assert [(q.text, q.unit) for q in find_quantities(text)] == [
        ("210万千瓦", "kw"),
        ("10千瓦时", "kwh"),
        ("5万人次", "count"),
        ("3平方公里", "sqkm"),
        ("2个百分点", "percentage_point"),
    ]


def test_find_quantities_range_variants() -> None:
    text = "建设3至5个,增长5%-8%,产能60万-80万辆,投资1.5亿～2亿元,新增两到三家"
    assert [(q.text, str(q.value), str(q.range_high), q.unit) for q in find_quantities(text)] == [
        ("3至5个", "3", "5", "count"),
        ("5%-8%", "5", "8", "percent"),
        ("60万-80万辆", "600000", "800000", "count"),
        ("1.5亿～2亿元", "150000000", "200000000", "yuan"),
        ("两到三家", "2", "3", "count"),
    ]


def test_find_quantities_falls_back_when_range_partner_is_a_year() -> None:
    # "到" after a quantity is not a range when the right side is a year
    assert [q.text for q in find_quantities("新增100家到2025年达到200家")] == ["100家", "200家"]


def test_find_quantities_keeps_left_to_right_non_overlapping() -> None:
    text = "新增5个、10个和两万人,投入3亿元"
    found = find_quantities(text)
    assert [q.text for q in found] == ["5个", "10个", "两万人", "3亿元"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --------------------------------------------------------------------------- property tests

_SCALE_VALUES = {
    "": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12,
    "千亿": 10**11, "百万": 10**6, "千万": 10**7,
}
_UNITS = {
    "元": "yuan", "美元": "usd", "%": "percent", "个百分点": "percentage_point",
    "个": "count", "家": "count", "人": "count", "人次": "count", "辆": "count", "名": "count",
    "亩": "mu", "斤": "jin", "吨": "ton", "千瓦": "kw", "千瓦时": "kwh", "平方米": "sqm",
    "平方公里": "sqkm", "公里": "km", "米": "m", "立方米": "cubic_m", "公顷": "hectare",
    "天": "day", "小时": "hour", "千伏": "kv", "P": "pflops", "倍": "times", "": "yuan",
}

decimals_4 = st.builds(
    lambda mantissa, places: Decimal(mantissa).scaleb(-places),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=4),
)


@st.composite
def arabic_quantities(draw) -> tuple[str, Decimal, str]:
    n = draw(decimals_4)
    scale = draw(st.sampled_from(sorted(_SCALE_VALUES)))
    unit = draw(st.sampled_from(sorted(_UNITS)))
    if unit == "":  # an implied 元 needs a 亿 scale
        assume(scale.endswith("亿"))
    # scale 千 + unit 米 is read as the longer unit 千米 (km): a different reading by design
    assume(not (scale.endswith("千") and unit.startswith("米")))
    text = f"{format(n, 'f')}{scale}{unit}"
    return text, n * _SCALE_VALUES[scale], _UNITS[unit]


@settings(max_examples=400)
@given(arabic_quantities())
def test_property_number_scale_unit_roundtrip(case: tuple[str, Decimal, str]) -> None:
    text, expected, unit = case
    q = parse_quantity(text)
    assert q.value == expected
    assert q.unit == unit
    _check_invariants(q, text)
    # the canonical value has no exponent notation
    assert "E" not in str(q.value)


_CN = "零一二三四五六七八九"


def render_chinese(n: int) -> str:
    """Reference renderer: 0 < n < 10**12 as standard Chinese numerals.

    Four-digit sections joined by 亿 and 万; a 零 marks every gap; a leading 一十 is
    written 十.
    """
    assert 0 < n < 10**12

    def section(x: int, leading: bool) -> str:  # 0 < x < 10000
        out, pending_zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // size % 10
            if d == 0:
                pending_zero = bool(out)
                continue
            if pending_zero:
                out += "零"
                pending_zero = False
            if size == 10 and d == 1 and leading and not out:
                out += "十"  # 10 -> 十, 15 -> 十五 at the very start
            else:
                out += _CN[d] + unit
        return out

    result, gap = "", False
    for big, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
        part = n // size % 10**4
        if part == 0:
            gap = bool(result)
            continue
        if result and (gap or part < 1000):
            result += "零"  # 一亿零五, 一万零五, 十万零一十
        result += section(part, leading=not result) + big
        gap = False
    return result


@pytest.mark.parametrize(
    ("n", "rendered"),
    [
        (10, "十"), (15, "十五"), (105, "一百零五"), (1500, "一千五百"), (15000, "一万五千"),
        (100010, "十万零一十"), (100000005, "一亿零五"), (120000000, "一亿二千万"),
        (1002003, "一百万二千零三"), (20035, "二万零三十五"),
    ],
)
def test_reference_renderer(n: int, rendered: str) -> None:
    assert render_chinese(n) == rendered
    assert parse_number(rendered) == n


@settings(max_examples=500)
@given(st.integers(min_value=1, max_value=10**12 - 1), st.booleans())
def test_property_chinese_numerals_roundtrip(n: int, use_liang: bool) -> None:
    text = render_chinese(n)
    if use_liang:  # 两 is the everyday 2 before 百/千/万/亿
        for unit in "百千万亿":
            text = text.replace("二" + unit, "两" + unit)
    assert parse_number(text) == n
    q = parse_quantity(text + "吨")
    assert (q.value, q.unit, q.value_raw) == (Decimal(n), "ton", text)
    found = find_quantities(f"新增{text}吨")
    assert [(f.value, f.start, f.text) for f in found] == [(Decimal(n), 2, text + "吨")]


_FILLER = "的和在发展建设推进新区市质量高"  # no numeral, unit, scale, joiner or 余/多


@st.composite
def running_text(draw) -> tuple[str, list[tuple[int, str, Decimal, str]]]:
    pieces = draw(st.lists(
        st.one_of(
            arabic_quantities(),
            st.builds(lambda n: (render_chinese(n) + "家", Decimal(n), "count"),
                      st.integers(min_value=3, max_value=10**8)),
            st.sampled_from([
                ("百分之三点五", Decimal("3.5"), "percent"),
                ("60-80万辆", Decimal(600000), "count"),
                ("300余家", Decimal(300), "count"),
                ("1 500亿元", Decimal(150000000000), "yuan"),
                ("两万人", Decimal(20000), "count"),
                ("1,233项", Decimal(1233), "count"),
            ]),
        ),
        max_size=6,
    ))
    text, expected = "", []
    for qtext, value, unit in pieces:
        text += draw(st.text(alphabet=_FILLER, min_size=1, max_size=5))
        expected.append((len(text), qtext, value, unit))
        text += qtext
    text += draw(st.text(alphabet=_FILLER, max_size=5))
    return text, expected


@settings(max_examples=300)
@given(running_text())
def test_property_offsets_in_running_text(case) -> None:
    text, expected = case
    found = find_quantities(text)
    for q in found:
        _check_invariants(q, text)
        assert parse_quantity(q.text).value == q.value
    assert [(q.start, q.text, q.value, q.unit) for q in found] == expected


@settings(max_examples=300)
@given(st.integers(min_value=1000, max_value=10**15))
def test_property_comma_thousands(n: int) -> None:
    grouped = f"{n:,}"
    assert parse_number(grouped) == n
    found = find_quantities(f"累计{grouped}个,")
    assert [(q.value, q.value_raw, q.start) for q in found] == [(Decimal(n), grouped, 2)]


@settings(max_examples=300)
@given(st.integers(min_value=1000, max_value=10**12))
def test_property_space_thousands(n: int) -> None:
    spaced = f"{n:,}".replace(",", " ")
    assert parse_number(spaced) == n
    found = find_quantities(f"累计{spaced}个,")
    assert [(q.value, q.value_raw) for q in found] == [(Decimal(n), spaced)]


def test_space_is_not_grouping_when_four_digits_follow() -> None:
    # "2 1500个": the part after the space has four digits, so these are two numbers
    assert [q.text for q in find_quantities("第 2 1500个")] == ["1500个"]


def test_parse_quantity_refuses_long_numbers_with_quantity_error():
    from shenyang_analysis.extract.quantities import QuantityError, parse_quantity

    with pytest.raises(QuantityError, match="too long to be exact"):
        parse_quantity("9" * 130 + "亿元")
    with pytest.raises(QuantityError, match="significant digits"):
        parse_quantity("99999999999999999999亿元")  # would round through float to 1e28
    assert str(parse_quantity("999999999999999亿元").value) == "99999999999999900000000"
