"""Figures whose unit or size the surrounding words supply, not a unit word after the number.

:func:`~shenyang_analysis.extract.quantities.find_quantities` keeps only numbers with a unit
(a bare 万 is no quantity). Three readings add what the words around a number make certain,
each marked in :attr:`Quantity.reading` so that a row can say how it was read:

* ``unit implied``: an Arabic number with the scale 万 and no unit, right after a bound or
  reach verb (突破, 超过, 达到, 逼近 …) and ending its clause or followed by 大关/关口:
  "旅客吞吐量突破200万大关" is a count. Not after a money word (收入, 投资, 额, 产值 …): there the
  unit would be a guess between 万元 and a count, so the number is left out.
* ``unit after the noun``: "900万沈阳人", "14亿中国人": the unit 人 follows a short noun of
  one to three characters (a place or group), and the number counts people.
* ``size class in words``: 千亿体量, 百亿级, 万亿级台阶 after a reach verb (达到, 迈上, 跃上,
  突破 …) state a level of at least that size (千亿体量 = at least 1000亿元), written in words.
  The same words before a noun name a class (千亿级产业链, 10个千亿集群) and are not read.
* ``shared unit``: in a 分别 list the first figures may leave the unit to the last one
  ("分别回落2.16和1.66个百分点", "分别达到3、5亿元"): each takes the last figure's scale and unit.

>>> [(q.text, q.value, q.unit, q.reading) for q in implied_quantities("旅客吞吐量突破200万大关。")]
[('200万', Decimal('2000000'), 'count', 'unit implied')]
>>> [(q.text, q.value, q.unit) for q in implied_quantities("900万沈阳人正以使命感")]
[('900万沈阳人', Decimal('9000000'), 'count')]
>>> [(q.text, q.value, q.unit, q.reading) for q in implied_quantities("地区生产总值达到千亿体量,")]
[('千亿体量', Decimal('100000000000'), 'yuan', 'size class in words')]
>>> implied_quantities("形成10个千亿级产业链"), implied_quantities("营业收入突破200万。")
([], [])
>>> [(q.text, q.value, q.unit) for q in implied_quantities("比重分别回落2.16和1.66个百分点")]
[('2.16', Decimal('2.16'), 'percentage_point')]
"""

from __future__ import annotations

import bisect
import re

from .quantities import Quantity, QuantityError, parse_number, parse_quantity

__all__ = ["READINGS", "implied_quantities", "merge_quantities"]

#: The values of :attr:`Quantity.reading` other than "" (a number with its unit word).
READINGS: tuple[str, ...] = ("unit implied", "unit after the noun", "size class in words", "shared unit")

_NUM = r"\d+(?:\.\d+)?"
_BOUND_VERBS = r"(?:突破|超过|达到|达|逾|超|逼近|接近|将近|近|约|迈上|跃上|站上)"
# 突破200万大关 / 突破200万, / 突破200万。
_BARE_WAN = re.compile(_BOUND_VERBS + r"\s*(" + _NUM + r"\s*万)(?=\s*(?:大关|关口|[,，;；:：。！？!?、)）\n]|$))")
_MONEY_WORDS = ("收入", "营收", "投资", "资金", "金额", "额", "产值", "总值", "增加值", "利润", "税", "规模", "基金", "贷款", "融资", "补贴", "奖励", "元")
_CLAUSE_BREAK = re.compile(r"[,，;；:：。！？!?\n]")
# 900万沈阳人 / 14亿中国人 (not 人口, 人民, 人员, 人才, 人次, 人均, 人数, 人工, 人力, 人们, 人群, 人士)
_DEMONYM = re.compile(r"(" + _NUM + r"\s*[万亿])([\u4e00-\u9fff]{1,3}?)人(?![口民员才次均数工力们群士身])")
_NOT_IN_DEMONYM = re.compile(r"[人个名位多余元年月日的和及与等以上下内左右]")
# 达到千亿体量 / 迈上千亿级台阶 / 跃上万亿级
_REACH_VERBS = r"(?:达到|达|迈上|跃上|站上|突破|迈入|跨入|迈进|跻身|实现|形成|逼近|接近|超过)"
_SIZE_CLASS = re.compile(
    _REACH_VERBS + r"\s*((?:[一二三四五六七八九两]?[百千]|万)亿)\s*元?\s*(级|体量|量级)(?:的?(?:台阶|大关|关口|规模))?"
    r"(?=\s*(?:[,，;；:：。！？!?、)）\n]|$))"
)


# 分别…2.16和1.66个百分点: figures joined by 、/和 after 分别, the last with a scale and unit
_SHARED = re.compile(r"分别[^,，;；。\d]{0,6}?((?:" + _NUM + r"\s*[、和及与]\s*)+)(" + _NUM + r")\s*([万亿]{0,2}[^\d\s,，;；。、和及与]{1,4})")
_LIST_ITEM = re.compile(_NUM)


def _shared_unit(text: str) -> list[Quantity]:
    found = []
    for m in _SHARED.finditer(text):
        try:
            last = parse_quantity(m.group(2) + m.group(3))
        except QuantityError:
            continue
        tail = (m.group(2) + m.group(3))[len(last.value_raw):last.end]  # the unit as written
        scale = last.value_raw[len(m.group(2)):]
        for item in _LIST_ITEM.finditer(m.group(1)):
            start = m.start(1) + item.start()
            q = parse_quantity(item.group() + scale + tail)
            found.append(Quantity(value=q.value, unit=q.unit, range_high=None, value_raw=item.group(),
                                  unit_raw=last.unit_raw, start=start, end=start + len(item.group()),
                                  text=item.group(), reading=READINGS[3]))
    return found


def _clause_before(text: str, pos: int, limit: int = 40) -> str:
    start = max(0, pos - limit)
    breaks = list(_CLAUSE_BREAK.finditer(text, start, pos))
    return text[breaks[-1].end() if breaks else start:pos]


def _quantity(text: str, start: int, end: int, raw_end: int, value_raw: str, unit: str, unit_raw: str,
              reading: str) -> Quantity:
    return Quantity(
        value=parse_number(value_raw), unit=unit, range_high=None, value_raw=text[start:raw_end],
        unit_raw=unit_raw, start=start, end=end, more_than=False, text=text[start:end], reading=reading,
    )


def implied_quantities(text: str) -> list[Quantity]:
    """Every figure read by one of the three rules above, in text order."""
    found: list[Quantity] = []
    for m in _BARE_WAN.finditer(text):
        start, end = m.span(1)
        if any(w in _clause_before(text, m.start()) for w in _MONEY_WORDS):
            continue
        found.append(_quantity(text, start, end, end, re.sub(r"\s+", "", m.group(1)), "count", "", READINGS[0]))
    for m in _DEMONYM.finditer(text):
        if _NOT_IN_DEMONYM.search(m.group(2)) or (m.start() > 0 and text[m.start() - 1].isdigit()):
            continue
        start, raw_end = m.span(1)
        found.append(_quantity(text, start, m.end(), raw_end, re.sub(r"\s+", "", m.group(1)), "count", "人",
                               READINGS[1]))
    for m in _SIZE_CLASS.finditer(text):
        start = m.start(1)
        found.append(_quantity(text, start, m.end(), m.end(1), m.group(1), "yuan", "", READINGS[2]))
    found += _shared_unit(text)
    return sorted(found, key=lambda q: q.start)


def merge_quantities(written: list[Quantity], implied: list[Quantity]) -> list[Quantity]:
    """``written`` with every implied figure that overlaps none of them, in text order.

    >>> from shenyang_analysis.extract.quantities import find_quantities
    >>> text = "14亿中国人,突破200万大关。"
    >>> [(q.text, q.unit) for q in merge_quantities(find_quantities(text), implied_quantities(text))]
    [('14亿中国人', 'count'), ('200万', 'count')]
    """
    starts = [w.start for w in written]
    dropped: set[int] = set()
    added: list[Quantity] = []
    for q in implied:
        k = bisect.bisect_left(starts, q.end)  # written[:k] start before q ends
        overlapping = []
        j = k - 1
        while j >= 0 and written[j].end > q.start:
            overlapping.append(j)
            j -= 1
        # an implied 元 on "14亿" gives way to the people the noun names (14亿中国人)
        if all(written[i].unit == "yuan" and written[i].unit_raw == "" and q.reading == READINGS[1] for i in overlapping):
            dropped.update(overlapping)
            added.append(q)
    kept = [w for i, w in enumerate(written) if i not in dropped]
    return sorted(kept + added, key=lambda q: q.start)
