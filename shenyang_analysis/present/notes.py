"""The assessment table's notes in the report's language.

The model writes a few columns as English sentences with numbers in them: the price
assumption (``prices 2025: assumed -0.53% a year (…)``), the price sensitivity (``deflator -1%:
likely missed (1,364亿元); …``), the verdict on the other side of a census revision
(``basis_range``) and the calibration evidence of a growth-rate target (``Of the targets given
60–70 % in the rolling test (2005–2012), 56 % were met (121 targets).``). Each function here
reads one of them and says it in Chinese or English; a sentence it does not recognise is shown
as written (in Chinese marked ``（原文）``), never dropped.

>>> price_sensitivity_text("deflator -1%: likely missed (1,364亿元); deflator +2%: likely missed (1,406亿元)")
'平减指数每年-1%时很可能未实现（1,364亿元）；每年+2%时很可能未实现（1,406亿元）'
>>> price_assumption_text("prices 2025: assumed -0.53% a year (latest implicit GDP deflator: shenyang 2023)")
'2025年的价格变化按每年-0.53%假设（沈阳市2023年的隐含GDP平减指数，即最近一年的数值）'
>>> price_assumption_text("-0.53% a year (latest implicit GDP deflator: shenyang 2023)")  # the build summary's words
'价格变化按每年-0.53%假设（沈阳市2023年的隐含GDP平减指数，即最近一年的数值）'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import labels as L

__all__ = ["price_assumption_text", "price_sensitivity_text", "basis_range_text", "evidence_text", "alt_basis_text",
           "as_written", "FlowPace", "flow_pace", "flow_pace_text", "declined_text"]

_SCENARIO = re.compile(r"deflator ([+-]?\d+(?:\.\d+)?)%: ([a-z ]+?)(?: \(([^)]*)\))?$")
_ASSUMPTION = re.compile(r"prices (\d{4}(?:–\d{4})?): assumed ([+-]?\d+(?:\.\d+)?)% a year \((.*)\)$")
_RATE = re.compile(r"([+-]?\d+(?:\.\d+)?)% a year \((.*)\)$")
_LATEST = re.compile(r"latest implicit GDP deflator: ([a-z_]+) (\d{4})$")
_RANGE = re.compile(r"on the basis after ([a-z_]+)'s (\d{4}) revision \(its levels ([+-]?\d+(?:\.\d+)?)%\): "
                    r"(\S+) \(([a-z ]+)\)(?:; (.*))?$")
_EVIDENCE = re.compile(r"[Oo]f the targets given (\d+)–(\d+) % in the rolling test \((\d{4})–(\d{4})\), (\d+) % were met "
                       r"\((\d+) targets(; few targets, a rough figure)?\)\.$")
_FLOW = re.compile(r"needs ([\d,]+) a year \(([\d,.]+) over (\d{4})–(\d{4})\) against ([\d,]+) a year in (\d{4}(?:–\d{4})?)")
_ALT_BASES = {"reference class alone": ("仅参照类", "the reference class alone"),
              "recent cities": ("全国近期城市的参照类", "the reference class of all cities' recent windows")}


def as_written(text: Any, lang: str) -> str:
    """A sentence shown as the model wrote it (in a Chinese report marked as the original)."""
    t = str(text or "").strip()
    return f"{t}（原文）" if t and L.check_lang(lang) == "zh" else t


def _zh(lang: str) -> bool:
    return L.check_lang(lang) == "zh"


def price_sensitivity_text(text: Any, lang: str = L.DEFAULT_LANG) -> str:
    """The status (and value) under each deflator scenario.

    >>> price_sensitivity_text("none: the outcome is an observed figure at current prices")
    '无：结果是按现价统计的数值，不受价格假设影响'
    """
    t = str(text or "").strip()
    if not t:
        return ""
    if t.startswith("none:"):
        return "无：结果是按现价统计的数值，不受价格假设影响" if _zh(lang) else t
    parts = []
    for i, piece in enumerate(t.split("; ")):
        m = _SCENARIO.match(piece)
        if not m:
            return as_written(t, lang)
        rate, status, value = m.groups()
        word, amount = L.status_label(status, lang), (f"（{value}）" if _zh(lang) else f" ({value})") if value else ""
        if _zh(lang):
            parts.append(f"{'平减指数' if i == 0 else ''}每年{rate}%时{word}{amount}")
        else:
            parts.append(f"deflator {rate}% a year: {word}{amount}")
    return ("；" if _zh(lang) else "; ").join(parts)


def price_assumption_text(text: Any, lang: str = L.DEFAULT_LANG) -> str:
    """The years whose prices are assumed, and the assumption."""
    t = str(text or "").strip()
    if not t or not _zh(lang):
        return t
    if t == "every year has a deflator":
        return "每一年都有平减指数，没有假设"
    m = _ASSUMPTION.match(t) or _RATE.match(t)
    if not m:
        return as_written(t, lang)
    years, rate, source = m.groups() if m.re is _ASSUMPTION else ("", *m.groups())
    latest = _LATEST.match(source)
    if latest:
        source = f"{L.region_label(latest.group(1), 'zh')}{latest.group(2)}年的隐含GDP平减指数，即最近一年的数值"
    elif source == "price scenario":
        source = "指定的价格情景"
    return f"{years + '年的' if years else ''}价格变化按每年{rate}%假设（{source}）"


def basis_range_text(text: Any, lang: str = L.DEFAULT_LANG) -> str:
    """The verdict on the basis after the parent's census revision.

    >>> basis_range_text("on the basis after shenyang's 2024 revision (its levels +6.2%): 1,455.8亿元 (likely missed); "
    ...                  "the verdict is the same either way")
    '按沈阳市2024年修订后的口径（水平+6.2%）：1,455.8亿元（很可能未实现）；两种口径下结论相同'
    """
    t = str(text or "").strip()
    if not t or not _zh(lang):
        return t
    m = _RANGE.match(t)
    if not m:
        return as_written(t, lang)
    region, year, pct, value, word, tail = m.groups()
    word = L.outcome_label(word, "zh") if word in L.OUTCOME_LABELS else ("预测值" if word == "projection" else word)
    tail = {"the verdict is the same either way": "两种口径下结论相同",
            "the verdict depends on the basis": "结论取决于采用哪种口径"}.get(tail or "", tail or "")
    return f"按{L.region_label(region, 'zh')}{year}年修订后的口径（水平{pct}%）：{value}（{word}）" + (f"；{tail}" if tail else "")


#: Why the calibrated growth-target model does not answer (model.growth_targets), in Chinese.
_WHY_ZH: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"the calibrated model would extrapolate beyond its data, so it does not answer"),
     "校准模型需外推到其数据范围之外，因此不作回答"),
    (re.compile(r"the calibration is on real GDP-growth targets .*"), "校准只针对实际GDP增长目标，不适用于该指标"),
    (re.compile(r"the calibration is on targets of prefecture-level cities.*"), "校准只针对地级市的目标，不适用于该地区"),
    (re.compile(r"the calibration is on one year's growth.*"), "校准只针对单一年份的增速，不适用于多年平均"),
    (re.compile(r"the calibrated model covers rates that should rise.*"), "校准模型只覆盖应当上升的比率（下限和约数目标），不覆盖上限或下降目标"),
    (re.compile(r"the calibrated model needs the growth of (\d{4}), which is not known"), "校准模型需要\\1年的增速，但该数值未知"),
)
_SCORED_APART = re.compile(r"That test scored (\w+), with the province's target; (\w+) was not scored apart\.$")


def _why_zh(why: str) -> str | None:
    for pattern, words in _WHY_ZH:
        m = pattern.fullmatch(why)
        if m:
            return m.expand(words)
    return None


def _one_evidence_zh(sentence: str) -> str | None:
    m = _EVIDENCE.match(sentence)
    if not m:
        return None
    lo, hi, y0, y1, share, n, few = m.groups()
    return f"在滚动检验（{y0}–{y1}年）中，给出{lo}–{hi}%概率的目标有{share}%实现（{n}个目标{'；样本少，仅供粗略参考' if few else ''}）。"


def evidence_text(text: Any, lang: str = L.DEFAULT_LANG) -> str:
    """How often targets given about this probability were met in the rolling test, or why there
    is no such evidence.

    >>> evidence_text("Of the targets given 60–70 % in the rolling test (2005–2012), 56 % were met (121 targets).")
    '在滚动检验（2005–2012年）中，给出60–70%概率的目标有56%实现（121个目标）。'
    >>> evidence_text("No calibration evidence: the calibrated model would extrapolate beyond its data, so it does not answer.")
    '没有校准证据：校准模型需外推到其数据范围之外，因此不作回答。'
    """
    t = str(text or "").strip()
    if not t or not _zh(lang):
        return t
    if t.startswith("No calibration evidence: "):
        why = _why_zh(t.removeprefix("No calibration evidence: ").rstrip("."))
        return f"没有校准证据：{why}。" if why else as_written(t, lang)
    prefix = "The projection view alone, in the same test: "
    head = "仅预测视角在同一检验中：" if t.startswith(prefix) else ""
    first, _, rest = t.removeprefix(prefix).partition(". ")
    out = _one_evidence_zh(first if first.endswith(".") else first + ".")
    if out is None:
        return as_written(t, lang)
    apart = _SCORED_APART.match(rest) if rest else None
    if apart:
        return head + out + f"该检验评分的是{apart.group(1)}（含省的目标）；{apart.group(2)}未单独评分。"
    return head + out + (as_written(rest, lang) if rest else "")


def alt_basis_text(text: Any, lang: str = L.DEFAULT_LANG) -> str:
    """The alternative basis of a probability (``reference class alone``, ``recent cities``, the
    projection view beside a calibrated probability, …).

    >>> alt_basis_text("projection view alone: drift_recent on its own series, uncalibrated")
    '仅本地区自身序列的预测视角（未校准）'
    """
    t = str(text or "").strip()
    if t in _ALT_BASES:
        return _ALT_BASES[t][0 if _zh(lang) else 1]
    if t.startswith("projection view alone"):
        return "仅本地区自身序列的预测视角（未校准）" if _zh(lang) else "the projection view alone (uncalibrated)"
    return as_written(t, lang) if _zh(lang) else t


def declined_text(text: Any, prob: Any, lang: str = L.DEFAULT_LANG) -> str:
    """A calibrated probability shown beside the answer but not used (``alt_basis`` ``calibrated
    model, not used: …``), in one sentence; ``""`` for any other alternative.

    >>> declined_text("calibrated model, not used: 95 % (combined_no_parent; …: an extrapolation)", 0.95)
    '基于1,836个历史增长目标校准的模型会给出95%，但本目标超出该模型数据的中间98%（外推），因此不采用。'
    """
    t = str(text or "").strip()
    if not t.startswith("calibrated model, not used"):
        return ""
    extrapolation = "extrapolation" in t
    if _zh(lang):
        why = "本目标超出该模型数据的中间98%（外推）" if extrapolation else "其依据不适用于本目标"
        return f"基于1,836个历史增长目标校准的模型会给出{L.format_prob(prob)}，但{why}，因此不采用。"
    why = "the target lies outside the central 98 % of its data (an extrapolation)" if extrapolation else \
        "its evidence does not transfer to this target"
    return f"The model calibrated on 1,836 past growth targets would give {L.format_prob(prob)}, but {why}, so it is not used."


@dataclass(frozen=True)
class FlowPace:
    """A flow target over a plan period (新增就业5.5万, 2021–2025) against the pace of a like period."""

    need: str  # a year, as the model wrote it (11,000)
    total: str
    first: int
    last: int
    pace: str  # a year in the earlier period
    period: str


def flow_pace(row: Any) -> FlowPace | None:
    """The plan-period flow a row's note describes (``needs 11,000 a year (55,000 over 2021–2025)
    against 18,400 a year in 2016–2020``), or ``None`` for any other target.

    >>> flow_pace({"note": "a flow …; needs 11,000 a year (55,000 over 2021–2025) against 18,400 a year in 2016–2020"}).pace
    '18,400'
    """
    m = _FLOW.search(str(row.get("note") or ""))
    if not m:
        return None
    need, total, first, last, pace, period = m.groups()
    return FlowPace(need, total, int(first), int(last), pace, period)


def flow_pace_text(row: Any, lang: str = L.DEFAULT_LANG) -> str:
    """A plan-period flow target in words: the pace a year it needs against a like period's.

    >>> flow_pace_text({"note": "needs 11,000 a year (55,000 over 2021–2025) against 18,400 a year in 2016–2020",
    ...                 "growth_ratio": 1.67, "progress_class": "on track"})
    '这是规划期（2021–2025年）的累计数：每年需要11,000，此前同类时期（2016–2020年）每年为18,400，为所需的1.67倍（增速足够）。'
    """
    f = flow_pace(row)
    if f is None:
        return ""
    ratio, progress = row.get("growth_ratio"), L.progress_label(row.get("progress_class"), lang)
    times = L.format_number(float(ratio), 3) if L._present(ratio) else "–"
    if _zh(lang):
        return (f"这是规划期（{f.first}–{f.last}年）的累计数：每年需要{f.need}，此前同类时期（{f.period}年）每年为{f.pace}，"
                f"为所需的{times}倍（{progress}）。")
    return (f"The target is a total over the plan period {f.first}–{f.last}: it needs {f.need} a year against "
            f"{f.pace} a year in {f.period}, a ratio of {times} ({progress}).")
