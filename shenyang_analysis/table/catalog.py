"""Indicator catalog: load ``data/raw/indicators.csv`` and map document phrases to indicator ids.

The catalog (one row per indicator) lists, for every canonical indicator id, the Chinese
phrases under which the quantity appears in plan documents.  Three pure functions are
public:

* :func:`normalize_phrase` -- the canonical form used on BOTH sides of every comparison
  (document phrases and catalog phrases), so a catalog phrase never has to anticipate
  spacing, quote marks or scope words.
* :func:`load_catalog` -- read and validate the CSV; every problem is reported as
  ``ValueError("<file>:<line>: <problem>")``.
* :func:`match_indicator` -- deterministic phrase -> indicator id lookup (see its docstring
  for the rules), returning ``None`` rather than guessing.

Example:

>>> cat = load_catalog()
>>> match_indicator("“ 10+1 ” 重点产业集群规模总量", cat)
'industrial_clusters_scale'
>>> match_indicator("地区生产总值", cat, is_growth_rate=True)
'gdp_real_growth'
>>> match_indicator("人均地区生产总值", cat) is None
True
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..config import paths

__all__ = [
    "ALLOWED_CATEGORIES",
    "ALLOWED_MEASURES",
    "ALLOWED_UNITS",
    "CATALOG_COLUMNS",
    "hierarchy",
    "load_catalog",
    "match_indicator",
    "normalize_phrase",
]

CATALOG_COLUMNS: tuple[str, ...] = (
    "indicator",
    "name_en",
    "name_zh",
    "category",
    "unit",
    "measure",
    "higher_is_better",
    "phrases",
    "group",
)

ALLOWED_CATEGORIES: frozenset[str] = frozenset(
    {
        "economy", "industry", "innovation", "digital", "openness", "green", "social",
        "agriculture", "governance", "investment", "consumption", "fiscal",
        "infrastructure", "urban", "talent", "education", "health", "culture",
    }
)

# Base units of the values in the output table.  People are counted with ``count``.
# ``ug_m3`` (micrograms per cubic metre) exists only for air-pollutant concentrations
# (PM2.5), which none of the other units can express.
ALLOWED_UNITS: frozenset[str] = frozenset(
    {
        "yuan", "usd", "percent", "percentage_point", "count", "mu", "jin", "ton", "kw",
        "sqm", "sqkm", "km", "m", "day", "pflops", "ug_m3",
    }
)

# level: an amount (money, area, people...); growth: a percent change;
# share: a ratio in percent; flow: new in a period (新增...); count: a stock of entities.
ALLOWED_MEASURES: frozenset[str] = frozenset({"level", "growth", "share", "flow", "count"})

PHRASE_SEPARATOR = "|"
_ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_BOOL_VALUES = {"true": True, "false": False}

# ---------------------------------------------------------------------------
# normalization
# ---------------------------------------------------------------------------

_WHITESPACE_RE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_QUOTES = "“”‘’\"'「」『』〝〞〟‟„‚«»"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)
_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_EDGE_PUNCT = ",.;:!?、。,;:!?…—-–·•/|"
_LEADING_DATE_RE = re.compile(r"^(?:到|至|截至|截止到|截止|在)?(?:19|20)\d{2}年(?:底|末|初|内|前)*")
# Leading words that only say *where* or *when* a figure applies.  Longer words first so
# that e.g. 区域内 is removed before 区内 could be considered.
_LEADING_SCOPE_WORDS: tuple[str, ...] = tuple(
    sorted(
        (
            "全市", "全区", "全省", "全县", "全镇", "我市", "我区", "我省", "本市", "本区",
            "沈阳市", "铁西区", "浑南区", "辽宁省", "区域内", "区内", "全社会",
            "全年", "年内", "今年", "年度",
        ),
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=65536)
def normalize_phrase(phrase: str) -> str:
    """Return the canonical form of an indicator phrase.

    The same function is applied to document phrases and to catalog phrases, so the
    rules may remove words as long as they do so on both sides.  Rules, in order:

    1. Unicode NFKC: full-width letters, digits, parentheses and spaces become ASCII
       (``５Ｇ`` -> ``5G``, ``（`` -> ``(``, NBSP/ideographic space -> space).
    2. All whitespace is removed (the documents put spaces around numbers and quotes).
    3. Quote marks ``“”‘’"'「」『』`` are removed (``“10+1”`` -> ``10+1``).
    4. Bracketed asides ``(...)``, ``[...]``, ``【...】``, ``〔...〕`` are removed
       (``地区生产总值(GDP)`` -> ``地区生产总值``) unless nothing else would remain.
    5. Latin letters are upper-cased (``r&d`` -> ``R&D``, ``5g`` -> ``5G``).
    6. The abbreviation ``规上`` is spelled out as ``规模以上`` (same meaning everywhere).
    7. The particle ``的`` is removed (``占地区生产总值的比重`` == ``占地区生产总值比重``).
    8. Punctuation at either end is stripped.
    9. Repeatedly, a leading date (``2025年``, ``到2025年底``), a leading scope word
       (全市, 全区, 全省, 全县, 全镇, 我市, 我区, 我省, 本市, 本区, 沈阳市, 铁西区,
       浑南区, 辽宁省, 区域内, 区内, 全社会) or a leading time word (全年, 年内, 今年,
       年度) is removed.  ``全社会`` is removed from catalog phrases as well, so
       ``全社会研发投入强度`` and ``研发投入强度`` are the same phrase.  ``全国`` is NOT a
       scope word (it changes the meaning).
    Meaning-bearing words (总量, 规模, 新增, 人均, 国家级 ...) are kept.

    >>> normalize_phrase("“ 10+1 ” 重点产业集群规模总量")
    '10+1重点产业集群规模总量'
    >>> normalize_phrase("全市科技型企业总数")
    '科技型企业总数'
    >>> normalize_phrase("占地区生产总值的比重")
    '占地区生产总值比重'
    >>> normalize_phrase("到2025年,全区规上文化产业营业收入")
    '规模以上文化产业营业收入'
    >>> normalize_phrase("全社会研发投入强度")
    '研发投入强度'
    """
    if not isinstance(phrase, str):
        return ""
    text = unicodedata.normalize("NFKC", phrase)
    text = _WHITESPACE_RE.sub("", text)
    text = text.translate(_QUOTE_TABLE)
    without_brackets = text
    while True:
        stripped = _BRACKETED_RE.sub("", without_brackets)
        if stripped == without_brackets:
            break
        without_brackets = stripped
    if without_brackets.strip(_EDGE_PUNCT + "()[]【】〔〕"):
        text = without_brackets
    else:
        text = re.sub(r"[()\[\]【】〔〕]", "", text)
    text = "".join(ch.upper() if "a" <= ch <= "z" else ch for ch in text)
    text = text.replace("规上", "规模以上")
    text = text.replace("的", "")
    text = text.strip(_EDGE_PUNCT)
    changed = True
    while changed and text:
        changed = False
        match = _LEADING_DATE_RE.match(text)
        if match and match.end() > 0:
            text = text[match.end():].lstrip(_EDGE_PUNCT)
            changed = True
            continue
        for word in _LEADING_SCOPE_WORDS:
            if text.startswith(word) and len(text) > len(word):
                text = text[len(word):].lstrip(_EDGE_PUNCT)
                changed = True
                break
    return text


def _split_phrases(cell: str) -> list[str]:
    return [p.strip() for p in str(cell).split(PHRASE_SEPARATOR) if p.strip()]


# ---------------------------------------------------------------------------
# catalog loading and validation
# ---------------------------------------------------------------------------

_GROWTH_LINK_SUFFIXES: tuple[str, ...] = ("增长率", "增速", "增幅", "增长")


def _growth_links(
    phrase_to_id: dict[str, str], measure: dict[str, str], phrases_by_id: dict[str, list[str]]
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Derive ``level id -> growth id`` from growth phrases such as ``<level phrase>增速``.

    Returns the links and a list of conflicts ``(level_id, growth_id_a, growth_id_b)``.
    """
    links: dict[str, str] = {}
    conflicts: list[tuple[str, str, str]] = []
    for growth_id, phrases in phrases_by_id.items():
        if measure.get(growth_id) != "growth":
            continue
        for phrase in phrases:
            for suffix in _GROWTH_LINK_SUFFIXES:
                if phrase.endswith(suffix) and len(phrase) > len(suffix):
                    base_id = phrase_to_id.get(phrase[: -len(suffix)])
                    if base_id is not None and measure.get(base_id) != "growth":
                        previous = links.setdefault(base_id, growth_id)
                        if previous != growth_id:
                            conflicts.append((base_id, previous, growth_id))
                    break
    return links, conflicts


def _failer(where: str) -> Callable[[int, str], ValueError]:
    def fail(line: int, problem: str) -> ValueError:
        return ValueError(f"{where}:{line}: {problem}")

    return fail


def _read_records(csv_path: Path, fail: Callable[[int, str], ValueError]) -> list[tuple[int, list[str]]]:
    """(file line, cells) of every non-blank data row, after checking the header.

    A missing or unreadable file, or one that is not UTF-8 (a GBK export), is a ``ValueError``
    naming the file (and the line of the first undecodable byte), never a traceback.
    """
    try:
        data = csv_path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{csv_path}: cannot read the indicator catalog: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(line, f"byte {exc.start} is not UTF-8 (save the catalog as UTF-8, not GBK)") from None
    with io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise fail(1, "file is empty (expected a header row)") from None
        header = [h.strip() for h in header]
        if tuple(header) != CATALOG_COLUMNS:
            raise fail(1, f"header must be {','.join(CATALOG_COLUMNS)}; got {','.join(header)}")
        records: list[tuple[int, list[str]]] = []
        line_end = reader.line_num
        for row in reader:
            line = line_end + 1
            line_end = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            records.append((line, row))
    return records


def _checked_record(line: int, row: list[str], id_line: dict[str, int],
                    fail: Callable[[int, str], ValueError]) -> dict[str, object]:
    """One catalog row as a dict, every field checked (the id against the ids seen so far)."""
    if len(row) != len(CATALOG_COLUMNS):
        raise fail(line, f"expected {len(CATALOG_COLUMNS)} fields, found {len(row)}")
    rec: dict[str, object] = dict(zip(CATALOG_COLUMNS, (cell.strip() for cell in row)))
    ind = str(rec["indicator"])
    if not ind:
        raise fail(line, "empty indicator id")
    if not _ID_RE.match(ind):
        raise fail(line, f"indicator id {ind!r} is not snake_case (a-z, 0-9, single underscores)")
    if ind in id_line:
        raise fail(line, f"duplicate indicator id {ind!r} (first defined on line {id_line[ind]})")
    for column in ("name_en", "name_zh"):
        if not rec[column]:
            raise fail(line, f"empty {column} for indicator {ind!r}")
    for column, allowed in (("category", ALLOWED_CATEGORIES), ("unit", ALLOWED_UNITS), ("measure", ALLOWED_MEASURES)):
        if rec[column] not in allowed:
            raise fail(line, f"{column} {rec[column]!r} of {ind!r} is not one of {', '.join(sorted(allowed))}")
    for suffix, wanted in (("_new", "flow"), ("_growth", "growth")):
        if ind.endswith(suffix) and rec["measure"] != wanted:
            raise fail(line, f"indicator {ind!r} ends with {suffix} but its measure is {rec['measure']!r}, not {wanted!r}")
    group = str(rec["group"])
    if not _ID_RE.match(group):
        raise fail(line, f"group {group!r} of {ind!r} is not a snake_case name (a-z, 0-9, single underscores)")
    hib = str(rec["higher_is_better"]).lower()
    if hib not in _BOOL_VALUES:
        raise fail(line, f"higher_is_better of {ind!r} must be true or false, got {rec['higher_is_better']!r}")
    rec["higher_is_better"] = _BOOL_VALUES[hib]
    return rec


def _claim_phrases(line: int, ind: str, cell: str, phrase_owner: dict[str, tuple[str, int]],
                   fail: Callable[[int, str], ValueError]) -> list[str]:
    """The indicator's normalized phrases; a phrase already claimed by another indicator is an error."""
    raw_phrases = _split_phrases(cell)
    if not raw_phrases:
        raise fail(line, f"indicator {ind!r} has no phrases")
    normalized: list[str] = []
    for raw in raw_phrases:
        norm = normalize_phrase(raw)
        if not norm:
            raise fail(line, f"phrase {raw!r} of {ind!r} is empty after normalization")
        owner = phrase_owner.get(norm)
        if owner is not None and owner[0] != ind:
            raise fail(
                line,
                f"phrase {raw!r} (normalized {norm!r}) of {ind!r} is already claimed by "
                f"{owner[0]!r} on line {owner[1]}",
            )
        phrase_owner.setdefault(norm, (ind, line))
        if norm not in normalized:
            normalized.append(norm)
    return normalized


def load_catalog(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the indicator catalog CSV.

    ``path`` defaults to ``<repo>/data/raw/indicators.csv`` (found relative to this
    package).  The returned DataFrame has the columns of :data:`CATALOG_COLUMNS`, one row
    per indicator in file order, ``higher_is_better`` as ``bool`` and ``phrases`` as the
    raw ``|``-separated string.

    Checks (each failure raises ``ValueError`` whose message starts with
    ``<file>:<line>:``, line 1 being the header): the header has the expected columns;
    every row has a non-empty, snake_case, unique ``indicator``; non-empty names;
    ``category``/``unit``/``measure`` from :data:`ALLOWED_CATEGORIES`,
    :data:`ALLOWED_UNITS`, :data:`ALLOWED_MEASURES`; ``higher_is_better`` is
    ``true``/``false``; ids ending ``_new`` are flows and ids ending ``_growth`` are
    growth rates; at least one phrase, none empty after :func:`normalize_phrase`; no
    normalized phrase claimed by two indicators; no level indicator claimed as the base
    of two different growth indicators; a snake_case ``group`` in exactly one category, so
    that category → group → indicator is a tree (:func:`hierarchy`).

    >>> cat = load_catalog()
    >>> cat.set_index("indicator").loc["gdp", ["unit", "category", "group"]].tolist()
    ['yuan', 'economy', 'output']
    """
    csv_path = Path(path) if path is not None else paths().indicators_csv
    fail = _failer(str(csv_path))
    rows: list[dict[str, object]] = []
    id_line: dict[str, int] = {}
    phrase_owner: dict[str, tuple[str, int]] = {}
    phrases_by_id: dict[str, list[str]] = {}
    measure: dict[str, str] = {}
    group_home: dict[str, tuple[str, int]] = {}
    for line, row in _read_records(csv_path, fail):
        rec = _checked_record(line, row, id_line, fail)
        ind = str(rec["indicator"])
        home = group_home.setdefault(str(rec["group"]), (str(rec["category"]), line))
        if home[0] != rec["category"]:
            raise fail(line, f"group {rec['group']!r} of {ind!r} is in category {home[0]!r} (line {home[1]}), "
                             f"not {rec['category']!r}: a group belongs to one category")
        phrases_by_id[ind] = _claim_phrases(line, ind, str(rec["phrases"]), phrase_owner, fail)
        id_line[ind] = line
        measure[ind] = str(rec["measure"])
        rows.append(rec)

    _, conflicts = _growth_links({p: o[0] for p, o in phrase_owner.items()}, measure, phrases_by_id)
    if conflicts:
        base, first, second = conflicts[0]
        raise fail(
            id_line[second],
            f"growth indicators {first!r} and {second!r} both claim to be the growth rate of {base!r}",
        )

    catalog = pd.DataFrame(rows, columns=list(CATALOG_COLUMNS))
    catalog["higher_is_better"] = catalog["higher_is_better"].astype(bool)
    catalog.attrs["source"] = str(csv_path)
    return catalog


def hierarchy(catalog: pd.DataFrame) -> dict[str, dict[str, list[str]]]:
    """The catalog as a tree: category → group → indicator ids, each level in file order.

    >>> tree = hierarchy(load_catalog())
    >>> tree["economy"]["output"][:2]
    ['gdp', 'gdp_real_growth']
    """
    tree: dict[str, dict[str, list[str]]] = {}
    for ind, category, group in zip(catalog["indicator"], catalog["category"], catalog["group"]):
        tree.setdefault(str(category), {}).setdefault(str(group), []).append(str(ind))
    return tree


# ---------------------------------------------------------------------------
# matching
# ---------------------------------------------------------------------------

# Words before a catalog phrase that turn a stock into a flow (新增高新技术企业).
_FLOW_MARKERS: tuple[str, ...] = ("新增", "新培育", "新建", "新引进", "新认定", "新开工", "新开通", "新改扩建")
# A flow marker does not count when its 新 ends a preceding word (创新建设, 更新建成, 重新...).
_NOT_FLOW_BEFORE = frozenset("创更重革刷翻")
# Words that turn a total into a ratio per person/unit (人均地区生产总值, 单位地区生产总值...).
_INTENSITY_MARKERS: tuple[str, ...] = ("人均", "户均", "亩均", "地均", "平均每", "每万", "每千", "每百", "每人", "单位", "万元")
# A prefix ending in one of these narrows the concept to a sector (工业经济总量, 数字经济总量).
_SECTOR_QUALIFIERS: tuple[str, ...] = (
    "工业", "农业", "服务业", "制造业", "数字", "文化", "旅游", "外贸", "民营", "外资", "国有",
    "出口", "进口", "财政", "县域", "园区", "跨境",
)
# A prefix ending in a conjunction after another indicator's phrase makes the figure count a union
# (数字化车间和|智能工厂): not the phrase's own indicator. Grades of one thing (卓越级、|领航级智能工厂) are not.
_CONJUNCTION_ENDINGS: tuple[str, ...] = ("和", "及", "与", "、", "或")
# A prefix ending in these makes the catalog phrase a denominator or comparison base.
_DENOMINATOR_ENDINGS: tuple[str, ...] = ("占", "比", "较", "相当于")
# Text left over after a contained catalog phrase that changes the quantity measured.
_HEAD_CHANGERS: tuple[str, ...] = (
    "比重", "占比", "比例", "比率", "率", "强度", "密度", "增速", "增幅", "增长", "下降", "降低", "提高",
    "收入", "营收", "产值", "增加值", "总额", "成交额", "交易额", "投资", "面积", "规模", "产量", "占",
)
# Trailing growth words: "地区生产总值年均增长" is read as 地区生产总值 + is_growth_rate.
_GROWTH_TRAILERS: tuple[str, ...] = tuple(
    sorted(
        ("年均增长率", "年均增速", "年均增长", "同比增长", "比上年增长", "增长率", "增速", "增幅", "增长", "下降", "降低"),
        key=len,
        reverse=True,
    )
)
_MIN_CONTAINED_COVERAGE = (3, 5)  # a contained catalog phrase must cover >= 3/5 of the phrase
_REJECT = object()


# Trailing words that say what is done to the measured thing, not what it is: "快速路建设",
# "风电项目建成达产", "老旧住宅小区实施改造提升". Tried off the end of a phrase that matched nothing;
# the thing is then being built or done in the period, so only a flow indicator (or the ``_new``
# sibling of a stock) fits it: "5个“国字号”平台建设" is no count of all national platforms.
_ACTION_TRAILERS: tuple[str, ...] = tuple(
    sorted(
        ("建设", "建成", "建成达产", "全面完成", "改造提升", "实施改造提升", "并实体化运作", "开行", "力争开行",
         "全覆盖", "运营"),
        key=len,
        reverse=True,
    )
)
_ACTION_TAIL = re.compile("(?:" + "|".join(_ACTION_TRAILERS) + ")$")
# What a contained catalog phrase may leave after it: a count word, a base year, a reach verb,
# an action word (then a flow is required, as above).
_CONTAINED_TAIL = re.compile(
    r"^(?:总数|数量|个数|数|总量)?(?:(?:比|较)(?:19|20)\d\d年)?(?:跃上|" + "|".join(_ACTION_TRAILERS) + r")?$"
)
# Units of the same dimension: a row is matched only to an indicator measured in one of them.
_DIMENSION: dict[str, str] = {
    "yuan": "money", "usd": "money", "percent": "ratio", "percentage_point": "ratio", "times": "ratio",
    "count": "count", "mu": "area", "sqm": "area", "sqkm": "area", "hectare": "area", "jin": "mass",
    "ton": "mass", "kw": "power", "kwh": "energy", "km": "length", "m": "length", "day": "time",
    "hour": "time", "workday": "time", "pflops": "compute", "ug_m3": "concentration", "cubic_m": "volume",
}


@dataclass(frozen=True)
class _Index:
    phrase_to_id: dict[str, str]
    measure: dict[str, str]
    growth_of: dict[str, str]
    flow_of: dict[str, str]
    max_len: int
    unit: dict[str, str]


@lru_cache(maxsize=16)
def _build_index(rows: tuple[tuple[str, str, str, str], ...]) -> _Index:
    phrase_to_id: dict[str, str] = {}
    measure: dict[str, str] = {}
    unit: dict[str, str] = {}
    phrases_by_id: dict[str, list[str]] = {}
    for ind, meas, cell, ind_unit in rows:
        measure[ind] = meas
        unit[ind] = ind_unit
        normalized = []
        for raw in _split_phrases(cell):
            norm = normalize_phrase(raw)
            if not norm:
                continue
            owner = phrase_to_id.setdefault(norm, ind)
            if owner != ind:
                raise ValueError(f"phrase {raw!r} (normalized {norm!r}) is claimed by {owner!r} and {ind!r}")
            normalized.append(norm)
        phrases_by_id[ind] = normalized
    growth_of, conflicts = _growth_links(phrase_to_id, measure, phrases_by_id)
    if conflicts:
        base, first, second = conflicts[0]
        raise ValueError(f"growth indicators {first!r} and {second!r} both claim to be the growth rate of {base!r}")
    flow_of = {
        ind: f"{ind}_new"
        for ind, meas in measure.items()
        if meas != "flow" and measure.get(f"{ind}_new") == "flow"
    }
    max_len = max((len(p) for p in phrase_to_id), default=0)
    return _Index(phrase_to_id, measure, growth_of, flow_of, max_len, unit)


# catalog object id -> (weak reference to it, (row count, columns), index).  Reading the
# columns of a DataFrame costs far more than matching one phrase, so the index is looked up
# by object identity first and only rebuilt (via the content-keyed ``_build_index`` cache)
# for a catalog object not seen before.
_INDEX_BY_OBJECT: dict[int, tuple[weakref.ref, tuple[int, tuple[str, ...]], _Index]] = {}


def _index_for(catalog: pd.DataFrame) -> _Index:
    key = id(catalog)
    shape = (len(catalog), tuple(str(c) for c in catalog.columns))
    entry = _INDEX_BY_OBJECT.get(key)
    if entry is not None and entry[0]() is catalog and entry[1] == shape:
        return entry[2]
    rows = tuple(
        zip(
            (str(v) for v in catalog["indicator"].tolist()),
            (str(v) for v in catalog["measure"].tolist()),
            ("" if pd.isna(v) else str(v) for v in catalog["phrases"].tolist()),
            (str(v) for v in catalog["unit"].tolist()),
        )
    )
    index = _build_index(rows)
    try:
        ref = weakref.ref(catalog, lambda _ref, key=key: _INDEX_BY_OBJECT.pop(key, None))
    except TypeError:  # not weak-referenceable: do not cache by identity
        return index
    _INDEX_BY_OBJECT[key] = (ref, shape, index)
    return index


def _has_flow_marker(text: str) -> bool:
    for marker in _FLOW_MARKERS:
        start = text.find(marker)
        while start != -1:
            if start == 0 or text[start - 1] not in _NOT_FLOW_BEFORE:
                return True
            start = text.find(marker, start + 1)
    return False


def _qualify(ind: str, before: str, after: str, index: _Index) -> object:
    """Apply the meaning-changing-word rules to the text around a matched catalog phrase.

    Returns the (possibly flow-sibling) id, or ``_REJECT``.
    """
    uncovered = before + after
    if any(marker in uncovered for marker in _INTENSITY_MARKERS):
        return _REJECT
    if before.endswith(_SECTOR_QUALIFIERS) or before.endswith(_DENOMINATOR_ENDINGS):
        return _REJECT
    if before.endswith(_CONJUNCTION_ENDINGS):  # 数字化车间和|智能工厂: a union with another indicator
        other = _match_normalized(re.split(r"[和及与、或]", before[:-1])[-1], index)
        if other is not None and other is not _REJECT and other != ind:
            return _REJECT
    if after and (any(word in after for word in _HEAD_CHANGERS) or not _CONTAINED_TAIL.match(after)):
        return _REJECT  # text after the phrase changes its head: 高技能人才|培育基地 is no count of talents
    if _ACTION_TAIL.search(after):
        return _as_flow(_qualify(ind, before, "", index), index)
    if _has_flow_marker(uncovered):
        if index.measure.get(ind) == "flow":
            return ind
        return index.flow_of.get(ind, _REJECT)
    return ind


def _match_normalized(text: str, index: _Index) -> object:
    """Exact -> suffix -> contained lookup on a normalized phrase (no growth handling).

    Returns an id, ``None`` (nothing found) or ``_REJECT`` (found but ruled out).
    """
    if not text:
        return None
    exact = index.phrase_to_id.get(text)
    if exact is not None:
        return exact
    # Longest catalog phrase that the text ends with (Chinese noun phrases are head-final).
    for start in range(max(1, len(text) - index.max_len), len(text)):
        candidate = index.phrase_to_id.get(text[start:])
        if candidate is not None:
            return _qualify(candidate, text[:start], "", index)
    return None


def _match_contained(text: str, index: _Index) -> object:
    n = len(text)
    numerator, denominator = _MIN_CONTAINED_COVERAGE
    min_len = max(1, -(-numerator * n // denominator))  # ceil(60 % of n) in integers
    for length in range(min(n - 1, index.max_len), min_len - 1, -1):
        # Rightmost first: the head of a Chinese noun phrase is at its end.
        for start in range(n - length, -1, -1):
            candidate = index.phrase_to_id.get(text[start : start + length])
            if candidate is not None:
                return _qualify(candidate, text[:start], text[start + length :], index)
    return None


def _as_flow(found: object, index: _Index) -> object:
    """A thing being built or done in the period is a flow: the id itself, its ``_new`` sibling, or rejected."""
    if found is None or found is _REJECT or index.measure.get(str(found)) == "flow":
        return found
    return index.flow_of.get(str(found), _REJECT)


def _match_without_action_word(text: str, index: _Index) -> object:
    """Rule 4: a phrase ending in an action word (建设, 建成达产, 实施改造提升, …) retried without it."""
    for trailer in _ACTION_TRAILERS:
        if text.endswith(trailer) and len(text) > len(trailer):
            return _as_flow(_match_normalized(text[: -len(trailer)], index), index)
    return None


def _match_without_growth_word(text: str, index: _Index) -> object:
    """Rule 3: a phrase ending in a growth word (增长, 增速, …) retried without it."""
    for trailer in _GROWTH_TRAILERS:
        if text.endswith(trailer) and len(text) > len(trailer):
            stripped = text[: -len(trailer)]
            retry = _match_normalized(stripped, index)
            return retry if retry is not None else _match_contained(stripped, index)
    return None


def _lookup(text: str, index: _Index, is_growth_rate: bool) -> tuple[object, bool]:
    """Rules 1-5 of :func:`match_indicator` in order: the id (or None/_REJECT) and whether it is a growth figure."""
    found = _match_normalized(text, index)
    growth = is_growth_rate
    if found is None:
        found = _match_without_growth_word(text, index)
        growth = growth or found is not None
    if found is None:
        found = _match_without_action_word(text, index)
    if found is None:
        found = _match_contained(text, index)
    if found is None and is_growth_rate:
        retry = index.phrase_to_id.get(normalize_phrase(text + "增速"))
        if retry is not None and index.measure.get(retry) == "growth":
            found = retry
    return found, growth


def match_indicator(phrase: str, catalog: pd.DataFrame, is_growth_rate: bool = False, unit: str | None = None) -> str | None:
    """Map a document phrase to a catalog indicator id, or ``None``.

    Rules, applied to ``normalize_phrase(phrase)`` and to normalized catalog phrases:

    1. **Exact**: a catalog phrase equal to the phrase wins.
    2. **Suffix**: otherwise the longest catalog phrase the phrase ENDS with, judged by
       the remaining prefix:
       * an intensity word (人均, 户均, 亩均, 每万, 每千, 每百, 单位, 万元 ...) makes it a
         different, per-unit quantity: no match (人均地区生产总值 is not gdp);
       * a prefix ending in a sector qualifier (工业, 农业, 服务业, 制造业, 数字, 文化, 跨境 ...)
         narrows it to a sector, one ending in 占/比/较 makes the catalog phrase a
         denominator, and one ending in 和/及/与/、 after another indicator's phrase makes the
         figure count a union (建成数字化车间和智能工厂): no match (工业经济总量 is not gdp);
       * a flow word (新增, 新培育, 新建, 新引进, 新认定, 新开工, 新开通, 新改扩建;
         累计新增 contains 新增) only matches a flow indicator: the catalog phrase's own
         indicator if its measure is ``flow``, else its ``<id>_new`` sibling if the
         catalog has one, else no match;
       * any other prefix (各类, 国家, 省级, 力争 ...) is accepted.
       If the longest suffix is ruled out, the result is ``None`` (shorter, vaguer
       catalog phrases are not tried).
    3. **Trailing growth word**: a phrase ending in 增长/增速/增长率/增幅/年均增长/同比增长/
       下降/降低 is retried without it, as if ``is_growth_rate=True``
       (地区生产总值年均增长 -> gdp_real_growth).
    4. **Trailing action word**: a phrase ending in 建设/建成达产/实施改造提升/力争开行/全覆盖/…
       is retried without it by rules 1-2; the thing is built or done in the period, so the
       match must be a flow or the ``_new`` sibling of a stock, else there is none
       (快速路建设 -> urban_expressways; “国字号”重大科技创新平台建设 -> the new platforms).
    5. **Contained**: otherwise the longest catalog phrase contained in the phrase
       (rightmost on ties) provided it covers at least 60 % of the phrase's characters and
       the uncovered text passes the checks of rule 2, plus: nothing after it but a count
       word (总数, 数量), a base year (比2020年) or an action word -- any other text after it is
       a different head noun (高技能人才培育基地 is no count of talents) -- and no
       quantity-changing word (比重, 占比, 率, 强度, 增速, 收入, 产值, 总额, 投资, 面积, 规模 ...).
       ``科技型企业总数`` -> sci_tech_enterprises, ``高新技术企业占比`` -> None.
    6. **Growth**: with ``is_growth_rate=True`` a match whose measure is not ``growth`` is
       replaced by the growth indicator linked to it -- the growth indicator owning a
       phrase ``<one of its phrases>`` + 增速/增长/增长率/增幅 (gdp -> gdp_real_growth via
       地区生产总值增速) -- if there is one.  If nothing matched, ``<phrase>增速`` is tried once.
    7. **Units**: with ``unit`` given (the row's base unit), an indicator measured in another
       dimension is no match: a percent is not a count, and a growth rate with no growth
       indicator linked to its level is not that level in yuan (文化产业营业收入增长15% without
       ``culture_industry_revenue_growth`` -> None).

    The phrase index is built once per catalog object and cached, so matching thousands
    of phrases costs microseconds each.  A catalog edited in place after it was used for
    matching must be passed as a new object (e.g. ``catalog.copy()``) to be re-indexed.

    >>> cat = load_catalog()
    >>> match_indicator("全市科技型企业总数", cat)
    'sci_tech_enterprises'
    >>> match_indicator("新增高新技术企业", cat), match_indicator("高新技术企业", cat)
    ('hightech_enterprises_new', 'hightech_enterprises')
    >>> match_indicator("新建5G基站", cat)
    '5g_base_stations_new'
    >>> match_indicator("规模以上工业增加值", cat, is_growth_rate=True)
    'industrial_va_growth'
    >>> match_indicator("智慧一小", cat) is None
    True
    >>> match_indicator("新增高技能人才评价机构", cat) is None, match_indicator("科技型企业", cat, unit="percent") is None
    (True, True)
    """
    if not isinstance(phrase, str):
        return None
    index = _index_for(catalog)
    text = normalize_phrase(phrase)
    if not text:
        return None
    found, growth = _lookup(text, index, is_growth_rate)
    if found is None or found is _REJECT:
        return None
    ind = str(found)
    if growth and index.measure.get(ind) != "growth":
        ind = index.growth_of.get(ind, ind)
    if unit is not None and _DIMENSION.get(unit, unit) != _DIMENSION.get(index.unit[ind], index.unit[ind]):
        return None  # a percent is no count, a growth rate no level in yuan: never guessed
    return ind
