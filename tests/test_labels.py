"""Every word a report shows has a Chinese and an English label; numbers are written as
readers write them; a word without a label is visible, never a crash."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

from shenyang_analysis import vocab
from shenyang_analysis.io.documents import load_manifest
from shenyang_analysis.model.assessments import skip_reason
from shenyang_analysis.model.projections import MODELS
from shenyang_analysis.present import labels as L
from shenyang_analysis.present.plots import MARKERS
from shenyang_analysis.table.catalog import ALLOWED_CATEGORIES

CJK = re.compile(r"[\u4e00-\u9fff]")
#: Labels that are empty on purpose: a bare figure (==) has no comparator word in English,
#: a count has no unit word (its measure word comes from the document).
EMPTY_ALLOWED = {("COMPARATORS", "==", "en"), ("COMPARATOR_BOUND", "==", "en"), ("UNITS", "count", "zh"), ("UNITS", "count", "en")}


def _vocabularies() -> dict[str, object]:
    return {name: getattr(vocab, name) for name in vocab.__all__
            if isinstance(getattr(vocab, name), (tuple, frozenset, set, dict))}


def test_every_vocabulary_is_labelled_or_said_to_need_none():
    names = set(_vocabularies())
    covered = set(L.VOCABULARY_LABELS) | set(L.UNLABELLED_VOCABULARIES)
    assert names - covered == set(), "vocabularies of vocab.py without labels in present/labels.py"
    assert covered - names == set(), "labels for vocabularies vocab.py no longer has"


@pytest.mark.parametrize("name", sorted(L.VOCABULARY_LABELS))
def test_every_word_has_a_chinese_and_an_english_label(name):
    table = L.VOCABULARY_LABELS[name]
    words = _vocabularies()[name]
    missing = [w for w in words if w not in table]
    assert missing == [], f"{name}: no labels for {missing} (add them to present/labels.py)"
    for word in words:
        zh, en = table[word]
        assert zh or (name, word, "zh") in EMPTY_ALLOWED, f"{name} {word!r}: empty Chinese label"
        assert en or (name, word, "en") in EMPTY_ALLOWED, f"{name} {word!r}: empty English label"
        assert not CJK.search(en), f"{name} {word!r}: Chinese in the English label {en!r}"


def test_statuses_progress_classes_and_outcomes_read_as_one_chinese_vocabulary():
    zh = {s: L.status_label(s) for s in vocab.STATUSES}
    assert zh["achieved"] == "已实现" and zh["on track"] == "很可能实现" and zh["off track"] == "难以实现"
    assert zh["insufficient data"] == "数据不足" and L.outcome_label("missed") == "未实现"
    assert len(set(zh.values())) == len(zh), "two statuses share a Chinese word"
    assert all(CJK.search(L.progress_label(p)) for p in vocab.PROGRESS_CLASSES)
    assert all(CJK.search(L.outcome_label(o)) for o in vocab.OUTCOMES)


def test_categories_models_reasons_and_regions_have_labels():
    assert set(ALLOWED_CATEGORIES) <= set(L.CATEGORY_LABELS)
    assert set(MODELS) | {"reference class", ""} <= set(L.MODEL_LABELS)
    keys = pd.DataFrame({"region": ["tiexi"], "indicator": ["gdp"], "unit": ["yuan"]})
    rows = [{"indicator": None}, {"indicator": "gdp", "year": None},
            {"indicator": "gdp", "year": 2025, "is_cumulative": True},
            {"indicator": "gdp", "year": 2025, "is_change": True},
            {"indicator": "rd", "year": 2025, "region": "tiexi", "unit": "percent"},
            {"indicator": "gdp", "year": 2025, "region": "tiexi", "unit": "count"}]
    reasons = {skip_reason(r, keys).partition(" (")[0] for r in rows}
    assert len(reasons) == len(rows) and reasons <= set(L.REASON_LABELS)
    regions = {str(d["region"]) for d in load_manifest()} | {"shenyang", "tiexi", "hunnan", "liaoning"}
    assert regions <= set(vocab.REGION_NAMES)


def test_every_status_has_a_colour_and_a_place_in_the_portfolio():
    from shenyang_analysis.present.plots import STATUS_COLORS, STATUS_ORDER

    assert set(vocab.STATUSES) <= set(STATUS_COLORS) and set(vocab.STATUSES) <= set(STATUS_ORDER)


def test_every_kind_of_figure_has_its_own_marker():
    assert set(vocab.HISTORY_STATUSES) | {"derived", "upper_bound"} <= set(MARKERS) <= set(L.POINT_LABELS)
    kinds = ("official", "preliminary", "estimate", "derived", "lower_bound", "upper_bound")
    assert len({MARKERS[k] for k in kinds}) == len(kinds), "two kinds of figure share a marker"


@pytest.mark.parametrize("value, unit, word, zh, en", [
    (1.5e11, "yuan", "", "1,500亿元", "150 billion yuan (1,500亿元)"),
    (1.1e12, "yuan", "", "1.1万亿元", "1.1 trillion yuan (1.1万亿元)"),
    (30000, "count", "家", "3万家", "30,000"),
    (55000, "count", "人", "5.5万人", "55,000"),
    (1100, "count", "家", "1,100家", "1,100"),
    (3.5, "percent", "", "3.5%", "3.5%"),
    (2.0, "percentage_point", "", "2个百分点", "2 percentage points"),
    (1000, "pflops", "", "1,000P（每秒千万亿次浮点运算）", "1,000 PFLOPS"),
])
def test_numbers_are_written_as_readers_write_them(value, unit, word, zh, en):
    assert L.format_amount(value, unit, "zh", word) == zh
    assert L.format_amount(value, unit, "en", word) == en


def test_persons_are_counted_with_their_own_measure_word():
    row = {"region": "tiexi", "indicator": "urban_employment_new", "indicator_zh": "城镇新增就业", "comparator": ">=",
           "target_value": 55000.0, "unit": "count", "unit_raw": "万人", "year": 2025}
    assert L.target_phrase(row) == "到2025年，铁西区城镇新增就业不低于5.5万人"
    assert "个" not in L.target_title(row)


def test_a_word_without_a_label_is_shown_marked_with_a_warning_not_an_error():
    with pytest.warns(L.MissingLabelWarning, match="likely met"):
        assert L.status_label("likely met") == "likely met（未译）"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert L.status_label("likely", "en") == "likely"
    with pytest.raises(L.LabelError, match="fr"):
        L.check_lang("fr")
