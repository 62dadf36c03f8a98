"""The build: headline rows, schema checks, curation, atomic outputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from shenyang_analysis.pipeline import OUTPUT_NAMES, build_targets, run_build
from shenyang_analysis.table.curation import CurationError
from shenyang_analysis.table.schema import TARGET_COLUMNS, TableError, validate_targets

ROOT = Path(__file__).resolve().parents[1]
TIEXI, CITY_2025 = "002_74a2a09f36767d0c", "003_2e6eae32420e2f95"


def _one(df: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for col, val in where.items():
        mask &= df[col] == val
    hits = df[mask]
    assert len(hits) == 1, f"expected one row for {where}, got {len(hits)}:\n{hits[['target_id', 'quote']]}"
    return hits.iloc[0]


def test_headline_rows_have_exactly_these_values(built):
    t = built.targets
    gdp = _one(t, doc_id=TIEXI, kind="target", indicator="gdp", year=2025)
    assert (gdp.region, gdp.comparator, gdp.value, gdp.unit) == ("tiexi", ">=", 1.5e11, "yuan")
    rd = _one(t, doc_id=TIEXI, kind="target", indicator="rd_intensity", year=2025)
    assert (rd.comparator, rd.value, rd.unit) == (">=", 3.5, "percent")
    clusters = _one(t, doc_id=CITY_2025, kind="target", indicator="industrial_clusters_scale", year=2025)
    assert (clusters.region, clusters.comparator, clusters.value, clusters.unit) == ("shenyang", ">=", 1.1e12, "yuan")
    spend = _one(t, doc_id=TIEXI, kind="observation", indicator="rd_expenditure", year=2020)
    assert (spend.value, spend.unit) == (3.14e9, "yuan")
    share = _one(t, doc_id=TIEXI, kind="observation", indicator="rd_intensity", year=2020)
    assert (share.value, share.unit) == (3.2, "percent")


def test_outputs_written_and_identical_in_csv_and_parquet(built):
    csv_path, pq_path = built.outputs[:2]
    assert [p.name for p in built.outputs] == list(OUTPUT_NAMES)
    from_csv = pd.read_csv(csv_path, keep_default_na=False, na_values=[""])
    from_pq = pd.read_parquet(pq_path)
    assert list(from_csv.columns)[: len(TARGET_COLUMNS)] == list(TARGET_COLUMNS)
    assert len(from_csv) == len(from_pq) == built.summary["rows"] > 100
    assert (from_csv["value"].to_numpy() == from_pq["value"].to_numpy()).all()
    # CSV numbers are exact decimals, never exponents
    raw = csv_path.read_text(encoding="utf-8")
    assert "1100000000000," in raw and "e+" not in raw.lower()


def test_every_quote_is_the_document_text(built, corpus):
    texts = {d.doc_id: d.text for d in corpus}
    t = built.targets
    for row in t.itertuples():
        assert texts[row.doc_id][row.char_start:row.char_end] == row.quote
        assert row.char_start <= row.value_start < row.value_end <= row.char_end
        assert texts[row.doc_id][row.value_start:row.value_end].strip() != ""


def test_summary_counts_rows_without_indicator(built):
    s = built.summary
    n_missing = int(built.targets["indicator"].isna().sum())
    assert s["rows_without_indicator"] == n_missing
    assert sum(s["rows_without_indicator_by_document"].values()) == n_missing
    assert set(s["by_kind"]) == {"target", "observation"}


def test_schema_violation_names_row_and_rule(built):
    bad = built.targets.copy()
    bad.loc[3, "comparator"] = "=>"
    with pytest.raises(TableError, match=rf"row {bad.loc[3, 'target_id']}: column comparator: rule isin"):
        validate_targets(bad)
    bad = built.targets.copy()
    bad.loc[0, "range_high"] = bad.loc[0, "value"] - 1
    with pytest.raises(TableError, match=rf"row {bad.loc[0, 'target_id']}: .*range_high >= value"):
        validate_targets(bad)


def test_quote_mismatch_is_caught(built, corpus):
    bad = built.targets.copy()
    bad.loc[0, "char_start"] += 1
    bad.loc[0, "char_end"] += 1
    with pytest.raises(TableError, match=rf"row {bad.loc[0, 'target_id']}: rule quote =="):
        validate_targets(bad, {d.doc_id: d.text for d in corpus})


def _curation(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "curation.csv"
    header = "action,doc_id,offset,kind,indicator,indicator_zh,comparator,value,unit,value_raw,unit_raw,range_high,year,is_growth_rate,is_cumulative,char_start,char_end,reason"
    p.write_text("\n".join([header] + lines) + "\n", encoding="utf-8")
    return p


def test_curation_drop_fix_add(tmp_path, built, corpus):
    t = built.targets[built.targets["origin"] == "extracted"]
    first, second = t.iloc[0], t.iloc[1]
    doc = next(d for d in corpus if d.doc_id == TIEXI)
    pos = doc.text.index("1500 盏")
    lines = [
        f"drop,{first.doc_id},{first.value_start},,,,,,,,,,,,,,,not a target",
        f"fix,{second.doc_id},{second.value_start},,,改正的指标,<=,,,,,,2030,,,,,wrong year",
    ]
    if f"{TIEXI}@{pos}" not in set(built.targets["target_id"]):
        lines.append(f"add,{TIEXI},{pos},target,,街路路灯节能化改造,==,1500,count,1500,盏,,2025,false,false,{pos},{pos + 6},missed")
    p = _curation(tmp_path, lines)
    res = build_targets(curation_csv=p)
    out = res.targets.set_index("target_id")
    assert first.target_id not in out.index
    fixed = out.loc[second.target_id]
    assert (fixed.indicator_zh, fixed.comparator, fixed.year, fixed.origin) == ("改正的指标", "<=", 2030, "curated")
    assert out.loc[f"{TIEXI}@{pos}", "value"] == 1500
    assert res.summary["rows_changed_by_curation"] == len(lines)


@pytest.mark.parametrize(
    "line, message",
    [
        ("drop,{doc},999999,,,,,,,,,,,,,,,gone", r"line 2: no extracted row"),
        ("fix,{doc},{off},,,,,,,,,,abc,,,,,bad year", r"line 2: column year: 'abc' is not an integer"),
        ("zap,{doc},{off},,,,,,,,,,,,,,,?", r"line 2: action 'zap'"),
        ("drop,{doc},{off},,,,,,,,,,,,,,,", r"line 2: every curation line needs a reason"),
        ("drop,nodoc,{off},,,,,,,,,,,,,,,x", r"line 2: doc_id 'nodoc'"),
    ],
)
def test_curation_errors_name_the_line(tmp_path, built, line, message):
    row = built.targets.iloc[0]
    p = _curation(tmp_path, [line.format(doc=row.doc_id, off=row.value_start)])
    with pytest.raises(CurationError, match=message):
        build_targets(curation_csv=p)


@pytest.mark.slow
def test_failed_build_keeps_previous_outputs(tmp_path):
    out = tmp_path / "processed"
    run_build(out)
    entries = sorted(p.name for p in out.iterdir()), sorted(p.name for p in (out / "builds").iterdir())
    before = {name: (out / name).read_bytes() for name in OUTPUT_NAMES}
    bad = _curation(tmp_path, ["zap,x,1,,,,,,,,,,,,,,,?"])
    with pytest.raises(CurationError):
        run_build(out, curation_csv=bad)
    after = {name: (out / name).read_bytes() for name in OUTPUT_NAMES}
    assert after == before  # nothing half-written
    assert (sorted(p.name for p in out.iterdir()), sorted(p.name for p in (out / "builds").iterdir())) == entries  # no leftovers


def test_repository_curation_file_applies_cleanly(built):
    # every line of data/raw/curation.csv still finds its row (run_build would raise otherwise)
    assert built.summary["curation_lines"] >= 0
    if (ROOT / "data/raw/curation.csv").exists():
        assert (built.targets["origin"] == "curated").sum() >= 1
