"""Exact parsing of Chinese quantities ("16.4亿元", "60-80万辆", "百分之三点五") into base units.

All arithmetic is done with :class:`decimal.Decimal`; no float is ever involved, so
"16.4亿" is ``Decimal('1640000000')`` exactly.

Public API
----------
- :class:`Quantity` -- one quantity found in a text, value in its base unit.
- :class:`QuantityError` -- raised when a text is not a number / quantity.
- :func:`parse_number` -- one number, possibly with scale words ("1.1万亿", "一千五百").
- :func:`parse_quantity` -- a whole string that is exactly one quantity with its unit.
- :func:`find_quantities` -- every quantity in running text, with character offsets.

Scale words (multiply the number): 十 百 千 万 亿 and their combinations
十万 百万 千万 十亿 百亿 千亿 万亿 十万亿 百万亿 千万亿.

Base units (``Quantity.unit``) and the written forms that map to them
(a scale word may stand between number and unit: 万元, 亿美元, 万千瓦, 万平方米 ...):

==================  =====================================================
unit id             written forms
==================  =====================================================
yuan                元, 元人民币, 人民币; implied when the number ends in 亿
                    and no unit follows ("1.1万亿" -> 1.1e12 yuan)
usd                 美元
percent             %, ％, 百分之X, 千分之X (= X/10 percent)
percentage_point    个百分点, 百分点
count               个 家 项 户 名 人 人次 套 间 座 条 支 场 所 列 辆 处 栋 盏 株
                    块 件 台 张 部 次 只 种 类 位 篇 份 册 届 期 枚 架 艘 家次
                    户次 个次 架次 组 对 片   (not 批: "一批" means "some")
mu                  亩
jin                 斤
ton                 吨
kw                  千瓦
kwh                 千瓦时
kv                  千伏, kV, KV
sqm                 平方米
sqkm                平方公里, 平方千米
km                  公里, 千米
m                   米
cubic_m             立方米
hectare             公顷
day                 天, 工作日, 个工作日 (unit_raw tells working days apart)
hour                小时, 个小时
pflops              P (computing power, "1000P"; not when an ASCII letter follows)
times               倍
==================  =====================================================

The longest written form wins ("人次" over "人", "个百分点" over "个", "千瓦时" over
"千瓦", "千米" over scale 千 + unit 米).  A bare 万 with no unit is not a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, Inexact, InvalidOperation, localcontext

__all__ = ["Quantity", "QuantityError", "parse_number", "parse_quantity", "find_quantities"]


class QuantityError(ValueError):
    """A text is not a number or quantity; the message names the text and the problem.

    >>> try:
    ...     parse_number("abc")
    ... except QuantityError as exc:
    ...     print(exc)
    'abc' is not a number: not an Arabic or Chinese numeral
    """


@dataclass(frozen=True)
class Quantity:
    """One quantity, its value converted to the base unit ``unit``.

    >>> q = parse_quantity("60-80万辆")
    >>> (q.value, q.range_high, q.unit, q.value_raw, q.unit_raw)
    (Decimal('600000'), Decimal('800000'), 'count', '60-80万', '辆')
    """

    value: Decimal  # in base unit; for a range, the low end
    unit: str  # base unit id (see module docstring)
    range_high: Decimal | None  # high end of a range in base unit, else None
    value_raw: str  # number text as written, incl. scale word, range and 余/多
    unit_raw: str  # unit text as written after the scale; "" when implied
    start: int  # offset of the first char of the quantity in the searched text
    end: int  # offset one past the last char
    more_than: bool = False  # "300余家", "1000多个"
    text: str = ""  # searched_text[start:end]
    reading: str = ""  # how a figure without its own unit word was read (extract/implied.py); "" otherwise


# --------------------------------------------------------------------------- tables

_PREC = 120  # far more digits than any quantity needs: every operation stays exact

_SMALL_SCALES = {"十": 10, "百": 100, "千": 1000}
_BIG_SCALES = {"万": 10**4, "亿": 10**8, "万亿": 10**12}
_SCALES: dict[str, int] = {
    **_SMALL_SCALES,
    **_BIG_SCALES,
    **{s + b: sv * bv for s, sv in _SMALL_SCALES.items() for b, bv in _BIG_SCALES.items()},
}
_SCALE_FORMS = sorted(_SCALES, key=len, reverse=True)

_COUNT_FORMS = (
    "个 家 项 户 名 人 人次 套 间 座 条 支 场 所 列 辆 处 栋 盏 株 块 件 台 张 部 次 只 "
    "种 类 位 篇 份 册 届 期 枚 架 艘 家次 户次 个次 架次 组 对 片 款 单 票"
).split()

_UNIT_TABLE: dict[str, tuple[str, ...]] = {
    "yuan": ("元", "元人民币", "人民币"),
    "usd": ("美元",),
    "percent": ("%", "％"),
    "percentage_point": ("个百分点", "百分点"),
    "count": tuple(_COUNT_FORMS),
    "mu": ("亩",),
    "jin": ("斤",),
    "ton": ("吨",),
    "kw": ("千瓦",),
    "kwh": ("千瓦时",),
    "kv": ("千伏", "kV", "KV"),
    "sqm": ("平方米",),
    "sqkm": ("平方公里", "平方千米"),
    "km": ("公里", "千米"),
    "m": ("米",),
    "cubic_m": ("立方米",),
    "hectare": ("公顷",),
    "day": ("天", "工作日", "个工作日"),  # unit_raw keeps "working days" apart
    "hour": ("小时", "个小时"),
    "pflops": ("P",),
    "times": ("倍",),
}
_UNIT_OF: dict[str, str] = {form: uid for uid, forms in _UNIT_TABLE.items() for form in forms}
_UNIT_FORMS = sorted(_UNIT_OF, key=len, reverse=True)
# Words that begin with a measure-word character but are not that measure word:
# "三次产业" (the three sectors), "两位数" (double-digit), "统一部署", "一条龙".
_COMPOUNDS = (
    "组团", "部署", "部门", "部分", "部件", "架构", "位数", "位一体", "次性", "次产业",
    "条龙", "处置", "处理", "期间", "所有", "场景", "名城", "类型", "对一", "台阶",
    "个月",  # "3个月" is a duration in months, which has no base unit: not "3个"
)

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_RUN_CHARS = frozenset(_CN_DIGITS) | frozenset("十百千万亿点")
_FW_TRANS = str.maketrans("０１２３４５６７８９．", "0123456789.")

_D = "[0-9０-９]"
_ARABIC_RE = re.compile(
    rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})"  # 1,234,567
    rf"|{_D}{{1,3}}(?:[ \u00a0]{_D}{{3}})+(?!{_D})"  # 1 500  (thousands group after a space)
    rf"|{_D}+)"
    rf"(?:[.．] ?{_D}+)?"  # decimals, tolerating one stray space after the point ("9. 6")
)
_ARABIC_TOKEN_RE = re.compile(rf"{_D}+(?:[.．]{_D}+)*")
_CN_RUN_RE = re.compile("[〇零一二两三四五六七八九十百千万亿点]+")
_SPACES = " \t\u00a0\u3000"
_RANGE_SEPS = ("——", "-", "–", "—", "―", "－", "～", "~", "〜", "至", "到")
_CHAIN_CHARS = "-–—―－~～〜+/:：.．"  # joining numbers into dates, times, versions, formulas
_MORE = "余多"
# an implied 元 must not be claimed when another currency follows ("5亿欧元")
_OTHER_CURRENCY_RE = re.compile("[欧日港韩]元|英镑|港币|卢布|台币")


def _is_adigit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def _is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


MAX_SIGNIFICANT_DIGITS = 15  # what the table's float64 ``value`` holds exactly


def _canon(value: Decimal) -> Decimal:
    """Exact value in canonical form: integers without exponent, others normalized.

    A value that needs more than :data:`MAX_SIGNIFICANT_DIGITS` significant digits (or more
    digits than exact arithmetic allows) is refused: it could not be stored without rounding.
    """
    try:
        with localcontext() as ctx:
            ctx.prec = _PREC
            out = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    except InvalidOperation:
        raise QuantityError(f"a number of {len(value.as_tuple().digits)} digits is too long to be exact") from None
    digits = len(out.normalize().as_tuple().digits)
    if digits > MAX_SIGNIFICANT_DIGITS:
        raise QuantityError(f"{digits} significant digits: more than the {MAX_SIGNIFICANT_DIGITS} a value keeps exactly")
    return out


def _mul(a: Decimal, b: Decimal | int) -> Decimal:
    try:
        with localcontext() as ctx:
            ctx.prec = _PREC
            ctx.traps[Inexact] = True
            return a * Decimal(b)
    except (InvalidOperation, Inexact):
        raise QuantityError(f"a number of {len(a.as_tuple().digits)} digits is too long to be exact") from None


def _skip_spaces(text: str, j: int) -> int:
    while j < len(text) and text[j] in _SPACES:
        j += 1
    return j


# --------------------------------------------------------------------------- numbers

def _arabic_value(raw: str) -> Decimal:
    cleaned = raw.translate(_FW_TRANS)
    cleaned = "".join(ch for ch in cleaned if ch not in ", \u00a0")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees the shape
        raise QuantityError(f"{raw!r} is not a number: bad Arabic numeral") from exc


def _cn_integer(s: str, whole: str) -> int:
    """Positional ("一千五百", "两万", "十五", "一万五") or digit-by-digit ("二〇三五") integer."""
    if not s:
        raise QuantityError(f"{whole!r} is not a number: empty integer part")
    if all(ch in _CN_DIGITS for ch in s):
        if len(s) > 1 and "两" in s:
            raise QuantityError(f"{whole!r} is not a number: 两 in a digit-by-digit numeral")
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = 0  # completed 亿 bands
    wan = 0  # completed 万 band of the current 亿 band
    sec = 0  # value below 万 collected so far
    num: int | None = None  # pending digit
    last_small: int | None = None  # last 十/百/千 of the current section (must decrease)
    last_unit: int | None = None  # last unit of any size, for 一万五 = 15000
    zero = False  # a 零 since the last unit: no elision
    wan_seen = yi_seen = False
    for ch in s:
        if ch in _CN_DIGITS:
            d = _CN_DIGITS[ch]
            if d == 0:
                if num is not None:
                    raise QuantityError(f"{whole!r} is not a number: digit before 零")
                zero = True
                continue
            if num is not None:
                raise QuantityError(f"{whole!r} is not a number: two digits in a row")
            num = d
        elif ch in _CN_SMALL:
            u = _CN_SMALL[ch]
            if last_small is not None and u >= last_small:
                raise QuantityError(f"{whole!r} is not a number: {ch} out of order")
            sec += (num if num is not None else 1) * u
            num, last_small, last_unit, zero = None, u, u, False
        elif ch == "万":
            if wan_seen:
                raise QuantityError(f"{whole!r} is not a number: 万 twice")
            v = sec + (num or 0)
            wan = (v or 1) * 10**4
            sec, num, last_small, last_unit, zero, wan_seen = 0, None, None, 10**4, False, True
        elif ch == "亿":
            if yi_seen:
                raise QuantityError(f"{whole!r} is not a number: 亿 twice")
            v = wan + sec + (num or 0)
            total = (v or 1) * 10**8
            wan, sec, num, last_small, last_unit, zero = 0, 0, None, None, 10**8, False
            wan_seen, yi_seen = False, True
        else:
            raise QuantityError(f"{whole!r} is not a number: unexpected {ch!r}")
    if num is not None and last_unit is not None and not zero:
        num *= last_unit // 10  # 一万五 = 15000, 三百五 = 350
    return total + wan + sec + (num or 0)


def _cn_value(s: str) -> Decimal:
    """Value of a Chinese numeral, with an optional 点 decimal part and trailing scale."""
    if "点" not in s:
        return Decimal(_cn_integer(s, s))
    int_part, _, rest = s.partition("点")
    frac = ""
    k = 0
    while k < len(rest) and rest[k] in _CN_DIGITS and rest[k] != "两":
        frac += str(_CN_DIGITS[rest[k]])
        k += 1
    scale = rest[k:]
    if not frac:
        raise QuantityError(f"{s!r} is not a number: no digits after 点")
    if scale and scale not in _SCALES:
        raise QuantityError(f"{s!r} is not a number: {scale!r} is not a scale word")
    value = Decimal(f"{_cn_integer(int_part, s)}.{frac}")
    return _mul(value, _SCALES.get(scale, 1))


@dataclass(frozen=True)
class _Num:
    start: int
    end: int
    value: Decimal
    chinese: bool


def _arabic_at(text: str, i: int, strict: bool) -> _Num | None:
    m = _ARABIC_RE.match(text, i)
    if not m:
        return None
    if strict and i > 0:
        prev = text[i - 1]
        if _is_ascii_letter(prev):
            return None  # "PM2.5", "F5", "iX3"
        if prev in _CHAIN_CHARS and i > 1 and (_is_adigit(text[i - 2]) or _is_ascii_letter(text[i - 2])):
            return None  # tail of "2022-10-21", "10:06:09", "4+2", "1.2.3"
        if prev in "十百千万亿" and i > 1 and _is_adigit(text[i - 2]):
            return None  # "3万5千人": mixed forms are not supported, and "5千人" alone is wrong
    return _Num(i, m.end(), _arabic_value(m.group()), False)


def _chinese_at(text: str, i: int, strict: bool) -> list[_Num]:
    """All numerals that are prefixes of the Chinese-numeral run at ``i``, longest first."""
    m = _CN_RUN_RE.match(text, i)
    if not m:
        return []
    run = m.group()
    out = []
    for length in range(len(run), 0, -1):
        sub = run[:length]
        if sub.endswith("点"):
            continue
        if strict:
            if sub[0] in "万亿点" or (sub[0] in "〇零" and not sub.startswith(("零点", "〇点"))):
                continue  # "万达", "零部件", "零就业"
            if sub[0] in "百千" and (len(sub) < 2 or sub[1] not in "万亿"):
                continue  # "千家万户"; "百万", "千亿" are checked later (need a real unit)
            int_part = sub.partition("点")[0]
            if len(int_part) > 1 and all(ch in _CN_DIGITS for ch in int_part):
                continue  # digit-by-digit "二〇三五" is a year or code; "三五个" means 3 to 5
        try:
            value = _cn_value(sub)
        except QuantityError:
            continue
        out.append(_Num(i, i + length, value, True))
    return out


def _numbers_at(text: str, i: int, strict: bool) -> list[_Num]:
    if i >= len(text):
        return []
    if _is_adigit(text[i]):
        num = _arabic_at(text, i, strict)
        return [num] if num else []
    return _chinese_at(text, i, strict)


# --------------------------------------------------------------------------- units

def _unit_at(text: str, j: int) -> str | None:
    """Longest unit form at ``j``; ASCII forms must not run on into another ASCII letter."""
    for form in _UNIT_FORMS:
        if text.startswith(form, j):
            if any(len(c) > len(form) and c.startswith(form) and text.startswith(c, j)
                   for c in _COMPOUNDS):
                continue
            if form.isascii() and form[-1].isalpha():
                after = j + len(form)
                if after < len(text) and _is_ascii_letter(text[after]):
                    continue
            return form
    return None


@dataclass(frozen=True)
class _Tail:
    raw_end: int  # end of the number text (after scale and 余/多)
    mult: int  # scale multiplier
    scale: str
    more: bool
    unit_form: str  # "" if implied
    unit_start: int
    end: int


def _tails(text: str, j: int, num: _Num, need_unit: bool = True) -> list[_Tail]:
    """All ways to read [余/多] [scale] [余/多] [unit] after a number ending at ``j``.

    Returned best first.  With ``need_unit`` False, unit-less readings are included too
    (used for the left end of a range).
    """
    n = len(text)
    k = _skip_spaces(text, j)
    more = k < n and text[k] in _MORE  # "300余家", "20 余个"
    k = k + 1 if more else j
    scale_opts: list[tuple[str, int, int]] = [("", 1, k)]
    if not num.chinese or more:  # a Chinese numeral already contains its own scale
        sk = _skip_spaces(text, k)
        for form in _SCALE_FORMS:
            if text.startswith(form, sk):
                scale_opts.append((form, _SCALES[form], sk + len(form)))
    with_unit: list[_Tail] = []
    without: list[_Tail] = []
    for form, mult, e in scale_opts:
        more2 = more
        if form and not more and e < n and text[e] in _MORE:
            more2, e = True, e + 1
        us = _skip_spaces(text, e)
        unit = _unit_at(text, us)
        if unit:
            with_unit.append(_Tail(e, mult, form, more2, unit, us, us + len(unit)))
        elif not more2 or not need_unit:
            without.append(_Tail(e, mult, form, more2, "", e, e))
    with_unit.sort(key=lambda t: (t.end, len(t.unit_form)), reverse=True)
    without.sort(key=lambda t: t.end, reverse=True)
    return with_unit + without


def _number_ends_in_yi(text: str, num: _Num, tail: _Tail) -> bool:
    if tail.scale:
        return tail.scale.endswith("亿")
    return num.chinese and text[num.end - 1] == "亿"


def _implied_yuan_ok(text: str, num: _Num, tail: _Tail, strict: bool) -> bool:
    if not _number_ends_in_yi(text, num, tail):
        return False
    if strict and num.chinese and text[num.start] in "百千":
        return False  # "千亿集群" names a class of industries, not an amount
    return not _OTHER_CURRENCY_RE.match(text, tail.end)


def _letter_ok(text: str, num: _Num, tail: _Tail) -> bool:
    """A number directly followed by an ASCII letter is an identifier ("5G", "4A") unless
    that letter starts an ASCII unit ("1000P", "800kV")."""
    if num.end < len(text) and _is_ascii_letter(text[num.end]):
        return tail.unit_start == num.end and tail.unit_form.isascii() and bool(tail.unit_form)
    return True


def _chain_follows(text: str, pos: int) -> bool:
    """``pos`` is followed by a date/time/version/formula joiner and another digit or letter."""
    if pos + 1 >= len(text) or text[pos] not in _CHAIN_CHARS:
        return False
    nxt = text[pos + 1]
    return _is_adigit(nxt) or _is_ascii_letter(nxt)


def _resolve(text: str, num: _Num, tail: _Tail, strict: bool) -> tuple[str, str] | None:
    """(unit id, unit_raw) for a reading, or None if it is no quantity."""
    if not _letter_ok(text, num, tail):
        return None
    if tail.unit_form:
        unit = _UNIT_OF[tail.unit_form]
        if strict and unit == "count" and num.chinese and text[num.start:num.end] == "二":
            return None  # counting says 两个/两家; "二期", "二类", "二次" are names or ordinals
        return unit, tail.unit_form
    if _implied_yuan_ok(text, num, tail, strict):
        return "yuan", ""
    return None


# --------------------------------------------------------------------------- matching

def _make(text: str, start: int, value: Decimal, unit: str, high: Decimal | None,
          raw_end: int, unit_raw: str, end: int, more: bool) -> Quantity:
    return Quantity(
        value=_canon(value),
        unit=unit,
        range_high=None if high is None else _canon(high),
        value_raw=text[start:raw_end],
        unit_raw=unit_raw,
        start=start,
        end=end,
        more_than=more,
        text=text[start:end],
    )


def _single(text: str, num: _Num, strict: bool) -> Quantity | None:
    if strict and _chain_follows(text, num.end):
        return None  # "2021-2025 年", "4+2+N", "1.2.3"
    for tail in _tails(text, num.end, num):
        resolved = _resolve(text, num, tail, strict)
        if resolved is None:
            continue
        unit, unit_raw = resolved
        value = _mul(num.value, tail.mult)
        return _make(text, num.start, value, unit, None, tail.raw_end, unit_raw, tail.end, tail.more)
    return None


def _range(text: str, left: _Num, strict: bool) -> Quantity | None:
    """"60-80万辆", "60万-80万辆", "5%-8%", "3至5个", "1.5亿-2亿元"."""
    for ltail in _tails(text, left.end, left, need_unit=False):
        if ltail.more:
            continue
        if ltail.unit_form and not _letter_ok(text, left, ltail):
            continue
        if not ltail.unit_form and _is_ascii_letter(text[left.end:left.end + 1]):
            continue
        k = _skip_spaces(text, ltail.end)
        sep = next((s for s in _RANGE_SEPS if text.startswith(s, k)), None)
        if sep is None:
            continue
        r0 = _skip_spaces(text, k + len(sep))
        if left.chinese:
            rights = _chinese_at(text, r0, strict)
        else:
            arabic = _arabic_at(text, r0, strict=False)  # its left neighbour is the separator
            rights = [arabic] if arabic else []
        for right in rights:
            if strict and _chain_follows(text, right.end):
                continue
            for rtail in _tails(text, right.end, right):
                resolved = _resolve(text, right, rtail, strict)
                if resolved is None:
                    continue
                unit, unit_raw = resolved
                if ltail.unit_form and _UNIT_OF[ltail.unit_form] != unit:
                    continue
                high = _mul(right.value, rtail.mult)
                if ltail.unit_form or ltail.scale:
                    low = _mul(left.value, ltail.mult)
                else:
                    low = _mul(left.value, rtail.mult)  # "60-80万": the scale applies to both
                if not low < high:
                    continue
                return _make(text, left.start, low, unit, high, rtail.raw_end, unit_raw,
                             rtail.end, rtail.more)
    return None


def _percent_words_one(text: str, i: int) -> tuple[Decimal, int] | None:
    """百分之X / 千分之X at ``i``: (value in percent, end)."""
    if text.startswith("百分之", i):
        divisor = 1
    elif text.startswith("千分之", i):
        divisor = 10
    else:
        return None
    for num in _numbers_at(text, i + 3, strict=False):
        if not num.chinese and _chain_follows(text, num.end):
            continue
        if num.end < len(text) and _is_ascii_letter(text[num.end]):
            continue
        with localcontext() as ctx:
            ctx.prec = _PREC
            return num.value / divisor, num.end
    return None


def _percent_words(text: str, i: int) -> Quantity | None:
    first = _percent_words_one(text, i)
    if first is None:
        return None
    value, end = first
    k = _skip_spaces(text, end)
    sep = next((s for s in _RANGE_SEPS if text.startswith(s, k)), None)
    if sep is not None:
        second = _percent_words_one(text, _skip_spaces(text, k + len(sep)))
        if second is not None and value < second[0]:
            return _make(text, i, value, "percent", second[0], second[1], "", second[1], False)
    return _make(text, i, value, "percent", None, end, "", end, False)


def _match_at(text: str, i: int, strict: bool) -> Quantity | None:
    """The quantity starting exactly at ``i``, or None."""
    if text.startswith(("百分之", "千分之"), i):
        return _percent_words(text, i)
    best: Quantity | None = None
    for num in _numbers_at(text, i, strict):
        for q in (_range(text, num, strict), _single(text, num, strict)):
            if q is None:
                continue
            if best is None or (q.end, len(q.unit_raw)) > (best.end, len(best.unit_raw)):
                best = q
    return best


# --------------------------------------------------------------------------- public API

def parse_number(text: str) -> Decimal:
    """Parse one number, possibly with scale words, into an exact Decimal.

    Arabic (with "1,233" / "1 500" grouping, full-width digits, "9. 6") or Chinese
    numerals ("一千五百", "两万", "二〇三五", "三点五"), optionally followed by a scale.

    >>> parse_number("16.4亿")
    Decimal('1640000000')
    >>> parse_number("一千五百"), parse_number("1.1万亿"), parse_number("三点五")
    (Decimal('1500'), Decimal('1100000000000'), Decimal('3.5'))
    """
    s = text.strip()
    if not s:
        raise QuantityError(f"{text!r} is not a number: empty text")
    if _is_adigit(s[0]):
        m = _ARABIC_RE.match(s)
        assert m is not None
        value = _arabic_value(m.group())
        rest = s[m.end():].lstrip(_SPACES)
        if rest and rest not in _SCALES:
            raise QuantityError(f"{text!r} is not a number: {rest!r} after {m.group()!r} is not a scale word")
        return _canon(_mul(value, _SCALES.get(rest, 1)))
    if all(ch in _CN_RUN_CHARS for ch in s):
        return _canon(_cn_value(s))
    raise QuantityError(f"{text!r} is not a number: not an Arabic or Chinese numeral")


def _why_not(s: str) -> str:
    """Reason why ``s`` (stripped, not a quantity) fails, for error messages."""
    if s.startswith(("百分之", "千分之")):
        return f"no number after {s[:3]!r}"
    nums = _numbers_at(s, 0, strict=False)
    if not nums:
        return "it does not start with a number"
    num = nums[0]
    written = s[: num.end]
    rest = s[num.end:].lstrip(_SPACES)
    if num.end < len(s) and _is_ascii_letter(s[num.end]):
        return f"the number {written!r} runs into the letter {s[num.end]!r} (an identifier, not a measure)"
    if rest[:1] and rest[0] in "年月日号时":
        return f"{written!r} followed by {rest[0]!r} is a date, year or time, not a quantity"
    if rest[:1] and rest[0] in _CHAIN_CHARS:
        return f"{written!r} followed by {rest[0]!r} is part of a date, version or formula"
    if rest.startswith(tuple(_SCALES)):
        return f"the scale word after {written!r} has no unit (a bare 万 is not a quantity)"
    if not rest:
        return f"the number {written!r} has no unit"
    return f"{rest[:6]!r} after {written!r} is not a known unit"


def parse_quantity(text: str) -> Quantity:
    """Parse a string that is exactly one quantity with its unit (surrounding spaces allowed).

    Offsets refer to ``text`` as given.

    >>> q = parse_quantity("16.4亿元")
    >>> q.value, q.unit, q.value_raw, q.unit_raw
    (Decimal('1640000000'), 'yuan', '16.4亿', '元')
    >>> parse_quantity("百分之三点五").value
    Decimal('3.5')
    """
    stripped = text.strip()
    if not stripped:
        raise QuantityError(f"{text!r} is not a quantity: empty text")
    start = len(text) - len(text.lstrip())
    try:
        q = _match_at(text[: start + len(stripped)], start, strict=False)
    except QuantityError as exc:
        shown = stripped if len(stripped) <= 40 else stripped[:37] + "..."
        raise QuantityError(f"{shown!r} is not a quantity: {exc}") from None
    if q is None:
        raise QuantityError(f"{text!r} is not a quantity: {_why_not(stripped)}")
    if q.end != start + len(stripped):
        rest = text[q.end: start + len(stripped)]
        raise QuantityError(f"{text!r} is not a quantity: unexpected {rest!r} after {q.text!r}")
    return q


def _inside_cn_run(text: str, i: int) -> bool:
    """``text[i]`` continues a Chinese numeral (a 点 counts only between numerals)."""
    if i == 0:
        return False
    prev = text[i - 1]
    if prev == "点":
        return i > 1 and text[i - 2] in _CN_RUN_CHARS and text[i - 2] != "点"
    return prev in _CN_RUN_CHARS


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in running text, left to right, non-overlapping, with offsets.

    Identifiers are skipped: numbers touching an ASCII letter ("5G", "PM2.5"), dates and
    years ("2025年", "3月28日", "2022-10-21"), times, formulas ("4+2+N") and numbers
    without a unit.  A Chinese numeral counts only with a unit or a 亿 scale after it.

    >>> [(q.text, q.value, q.unit) for q in find_quantities("建设5G基站6000个以上")]
    [('6000个', Decimal('6000'), 'count')]
    >>> [q.text for q in find_quantities("到2025年,产值分别达4290亿元、两万人")]
    ['4290亿元', '两万人']
    """
    out: list[Quantity] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if text.startswith(("百分之", "千分之"), i):
            q = _match_at(text, i, strict=True)
            if q is not None:
                out.append(q)
                i = q.end
                continue
        if _is_adigit(ch) and not (i > 0 and _is_adigit(text[i - 1])):
            try:
                q = _match_at(text, i, strict=True)
            except QuantityError as exc:
                raise QuantityError(f"offset {i}: {text[i:i + 24]!r}: {exc}") from None
            if q is not None:
                out.append(q)
                i = q.end
                continue
            m = _ARABIC_TOKEN_RE.match(text, i)
            i = m.end() if m else i + 1
            continue
        if ch in _CN_RUN_CHARS and ch != "点" and not _inside_cn_run(text, i):
            q = _match_at(text, i, strict=True)
            if q is not None:
                out.append(q)
                i = q.end
                continue
            m = _CN_RUN_RE.match(text, i)
            i = m.end() if m else i + 1
            continue
        i += 1
    return out
