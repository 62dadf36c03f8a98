"""Every raw input is checked before the build uses it: ranges, units, keys, ids, the manifest's
files, curation parsing. Each case damages a copy of data/raw the way a careless edit would."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenyang_analysis.io.csvfile import CsvFileError
from shenyang_analysis.io.documents import DocumentError, load_corpus
from shenyang_analysis.pipeline import HISTORY_UNITS, build_targets, check_inputs
from shenyang_analysis.table.catalog import load_catalog
from shenyang_analysis.table.curation import CurationError, load_curation
from shenyang_analysis.table.raw_inputs import RawInputError, catalog_units, check_history_file

ROOT = Path(__file__).resolve().parents[2]
TIEXI_GDP_2024 = "tiexi,gdp,2024,1300,亿元,level,"
HEADER = "region,indicator,year,value,unit,measure,source_url,source_phrase,note"


def _check(root: Path, **kw):
    raw = root / "data" / "raw"
    return check_inputs(raw / "documents", raw / "indicators.csv", raw / "curation.csv", history_dir=raw / "history", **kw)


def _history_line(root: Path, old: str, new: str) -> tuple[Path, int]:
    path = root / "data" / "raw" / "history" / "history_observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[i] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, i + 1


def test_the_repository_inputs_pass_and_every_file_is_listed():
    inputs = _check(ROOT)
    names = {p.name for p in inputs.files}
    assert {"MANIFEST.csv", "indicators.csv", "curation.csv", "history_observations.csv", "shenyang_gdp_panel.csv",
            "liaoning_cpi.csv", "series_breaks.csv", "panel_cagr_quantiles.csv"} <= names
    assert len(inputs.documents) == 5 and len(inputs.curation) >= 1


@pytest.mark.parametrize("value", ["-1300", "0"])
def test_a_tiexi_gdp_of_minus_1300_or_0_is_refused_naming_file_and_line(project, value):
    path, line = _history_line(project, TIEXI_GDP_2024,
                               f"tiexi,gdp,2024,{value},亿元,level,https://zgcounty.com/news/65855.html,x,estimate")
    with pytest.raises(RawInputError) as err:
        _check(project)
    msg = str(err.value)
    assert msg.startswith(f"{path}: line {line}: value {value} 亿元 (tiexi gdp 2024, yuan level) is out of range: must be > 0")


def test_the_build_command_refuses_it_in_one_line_with_status_2(project, cli):
    path, line = _history_line(project, TIEXI_GDP_2024,
                               "tiexi,gdp,2024,-1300,亿元,level,https://zgcounty.com/news/65855.html,x,estimate")
    out = project / "out"
    r = cli("--root", str(project), "build", "--out", str(out), timeout=120)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"error: {path}: line {line}: value -1300 亿元")
    assert not (out / "targets.csv").exists()  # nothing was built from it


@pytest.mark.parametrize(
    "row, message",
    [
        ("tiexi,rd_intensity,2020,130,%,share_pct,https://x.org,p,n", r"value 130 % \(tiexi rd_intensity 2020, percent share\) is out of range: must be ≥ 0 and ≤ 100"),
        ("tiexi,gdp_real_growth,2020,-100,%,growth_pct,https://x.org,p,n", r"value -100 % \(tiexi gdp_real_growth 2020, percent growth\) is out of range: must be > -100"),
        ("tiexi,gdp,2020,1300,家,level,https://x.org,p,n", r"unit '家' is count, but the catalog's gdp is in yuan"),
        ("tiexi,gdp,2020,1300,亿英镑,level,https://x.org,p,n", r"unit '亿英镑' is not one of 亿元"),
        ("tiexi,gdp,20x0,1300,亿元,level,https://x.org,p,n", r"year '20x0' is not a year"),
        ("tiexi,gdp,2020,1.3e3.1,亿元,level,https://x.org,p,n", r"value '1.3e3.1' is not a number"),
        ("Tiexi,gdp,2020,1300,亿元,level,https://x.org,p,n", r"region 'Tiexi' is not a lower-case pinyin slug"),
        ("tiexi,gross_product,2020,1300,亿元,level,https://x.org,p,n", r"indicator 'gross_product' is not in the indicator catalog"),
        ("tiexi,gdp,2020,1300,亿元,level,https://x.org,p", r"8 fields, but the header has 9"),
        ('tiexi,gdp,2020,1300,亿元,level,https://x.org,"p,n', r"a double quote opened on this line is never closed"),
    ],
)
def test_bad_history_rows_are_refused(project, row, message, edit):
    path = project / "data" / "raw" / "history" / "history_observations.csv"
    line = edit.append_lines(path, row)
    with pytest.raises((RawInputError, CsvFileError), match=rf"^{path}: line {line}: {message}"):
        _check(project)


def test_the_same_figure_twice_from_the_same_source_is_refused_naming_both_lines(project, edit):
    path = project / "data" / "raw" / "history" / "history_observations.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, r in enumerate(rows, start=1) if r.startswith(TIEXI_GDP_2024))
    line = edit.append_lines(path, rows[first - 1])
    with pytest.raises(RawInputError, match=rf"line {line}: repeats line {first}: the same figure from the same source"):
        _check(project)


def test_a_new_history_file_is_checked_by_its_columns(project):
    new = project / "data" / "raw" / "history" / "tiexi_added.csv"
    new.write_text(HEADER + "\ntiexi,gdp,2023,1250,亿元,level,https://x.org,p,n\ntiexi,gdp,2021,0,亿元,level,https://x.org,p,n\n",
                   encoding="utf-8")
    with pytest.raises(RawInputError, match=rf"^{new}: line 3: value 0 亿元 \(tiexi gdp 2021"):
        _check(project)
    new.write_text(HEADER + "\ntiexi,gdp,2023,1250,亿元,level,https://x.org,p,n\n", encoding="utf-8")
    assert new in _check(project).files


@pytest.mark.parametrize(
    "name, old, new, message",
    [
        ("shenyang_gdp_panel.csv", "2016,", "2016,-5546.4498,-5.6", r"value -5546.4498 亿元 \(gdp_100m_yuan, yuan level\) is out of range: must be > 0"),
        ("liaoning_cpi.csv", "2020,", "2020,0", r"value 0 index_prev_year_100 \(cpi_prev_year_100.*must be ≥ 50"),
        ("series_breaks.csv", "tiexi,gdp,2016", "tiexi,gdp_total,2016,x,y,", r"indicator 'gdp_total' is not in the indicator catalog"),
        ("panel_cagr_quantiles.csv", "all,1,", "all,1,6142,247,-25.7461,-11.7401,-30" + ",1" * 98,
         r"p2 -30 is below p1 -11.7401: percentiles must not decrease"),
    ],
)
def test_the_carried_panel_files_are_checked_too(project, name, old, new, message, edit):
    path = project / "data" / "raw" / "history" / name
    line = edit.replace_line(path, old, new)
    with pytest.raises(RawInputError, match=rf"^{path}: line {line}: {message}"):
        _check(project)


def test_a_break_listed_twice_is_refused(project, edit):
    path = project / "data" / "raw" / "history" / "series_breaks.csv"
    first = 4
    line = edit.append_lines(path, path.read_text(encoding="utf-8").splitlines()[first - 1])
    with pytest.raises(RawInputError, match=rf"line {line}: repeats line {first}: the same region, indicator, year"):
        check_history_file(path, catalog_units(load_catalog()), HISTORY_UNITS)


# --- documents and manifest -------------------------------------------------------------

def test_a_document_missing_from_the_manifest_is_an_error(project):
    docs = project / "data" / "raw" / "documents"
    (docs / "005_new_plan.txt").write_text("到2025年,地区生产总值突破1500亿元。", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"005_new_plan.txt: a file the manifest does not list"):
        load_corpus(docs)


def test_a_manifest_row_without_its_file_names_the_line(project):
    docs = project / "data" / "raw" / "documents"
    (docs / "004_6a6d947e374aa1af.txt").unlink()
    with pytest.raises(DocumentError, match=r"MANIFEST.csv: line 6: doc_id '004_6a6d947e374aa1af' has no file"):
        load_corpus(docs)


@pytest.mark.parametrize("doc_id", ["../secret", "../../../etc/hostname", "a/b", "UPPER", "x.y", ""])
def test_a_doc_id_that_is_not_a_slug_never_reads_outside_the_directory(project, doc_id, edit):
    docs = project / "data" / "raw" / "documents"
    (project / "data" / "raw" / "secret.txt").write_text("到2025年,机密数字达到9999亿元。", encoding="utf-8")
    edit.replace_line(docs / "MANIFEST.csv", "004_6a6d947e374aa1af,", f"{doc_id},t,p,2021-02-06,2021-02-06,shenyang,city,news")
    with pytest.raises(DocumentError, match=r"MANIFEST.csv: line 6: (doc_id .* is not a plain id|empty doc_id)") as err:
        load_corpus(docs)
    assert "9999" not in str(err.value)


def test_a_stray_folder_in_the_documents_directory_is_an_error(project):
    docs = project / "data" / "raw" / "documents"
    (docs / "drafts").mkdir()
    with pytest.raises(DocumentError, match=r"drafts: a folder the manifest does not list"):
        load_corpus(docs)


def test_readme_and_hidden_files_are_allowed(project):
    docs = project / "data" / "raw" / "documents"
    (docs / ".DS_Store").write_bytes(b"\x00\x01")
    (docs / "NOTES.md").write_text("notes", encoding="utf-8")
    assert len(load_corpus(docs)) == 5


# --- curation -------------------------------------------------------------------------------

CURATION_HEADER = ("action,doc_id,offset,kind,indicator,indicator_zh,comparator,value,unit,value_raw,unit_raw,"
                   "range_high,year,is_growth_rate,is_cumulative,char_start,char_end,reason")


def _curation_lines(built, n: int = 4) -> list[str]:
    rows = built.targets[built.targets["origin"] == "extracted"].iloc[:n]
    return [f"fix,{r.doc_id},{r.value_start},,,指标{i},,,,,,,,,,,,reason {i}" for i, r in enumerate(rows.itertuples())]


def test_an_unclosed_quote_in_a_reason_does_not_swallow_the_next_correction(tmp_path, built):
    lines = _curation_lines(built)
    lines[1] = lines[1].replace("reason 1", '"reason with an open quote')
    path = tmp_path / "curation.csv"
    path.write_text("\n".join([CURATION_HEADER, *lines]) + "\n", encoding="utf-8")
    with pytest.raises(CurationError, match=rf"^{path}: line 3: a double quote opened on this line is never closed"):
        build_targets(curation_csv=path)
    lines[3] = lines[3].replace("reason 3", 'closes it" here')  # a later quote closes it: still refused
    path.write_text("\n".join([CURATION_HEADER, *lines]) + "\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"line 3: the quoted field opened on this line runs on to line 5"):
        load_curation(path)


def test_all_four_corrections_apply_when_the_quotes_are_right(tmp_path, built):
    lines = _curation_lines(built)
    lines[1] = lines[1].replace("reason 1", '"reason, with a comma and ""quotes"""')
    path = tmp_path / "curation.csv"
    path.write_text("\n".join([CURATION_HEADER, *lines]) + "\n", encoding="utf-8")
    assert build_targets(curation_csv=path).summary["rows_changed_by_curation"] == 4


def test_two_lines_for_one_figure_are_refused(tmp_path, built):
    lines = _curation_lines(built, 1) * 2
    path = tmp_path / "curation.csv"
    path.write_text("\n".join([CURATION_HEADER, *lines]) + "\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"line 3: .*@\d+ already has a curation line \(line 2\)"):
        load_curation(path)


def test_a_curated_value_out_of_range_is_refused(tmp_path, built):
    t = built.targets
    gdp = t[(t["indicator"] == "gdp") & (t["origin"] == "extracted")].iloc[0]
    path = tmp_path / "curation.csv"
    path.write_text(CURATION_HEADER + f"\nfix,{gdp.doc_id},{gdp.value_start},,,,,-1300,,,,,,,,,,typo\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=rf"^{path}: line 2: value -1300 yuan \({gdp.target_id}, yuan level\) is out of range"):
        build_targets(curation_csv=path)


def test_a_deleted_curation_file_is_an_error_unless_asked_for(project, tmp_path, cli):
    raw = project / "data" / "raw"
    (raw / "curation.csv").unlink()
    with pytest.raises(CurationError, match=r"curation.csv: no such file: .* build with --no-curation"):
        _check(project)
    inputs = _check(project, curation=False)
    assert len(inputs.curation) == 0 and raw / "curation.csv" not in inputs.files
    r = cli("--root", str(project), "build", "--out", str(tmp_path / "out"), timeout=120)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "--no-curation" in r.stderr


@pytest.mark.slow
def test_build_no_curation_records_it(project, tmp_path, cli):
    import json

    (project / "data" / "raw" / "curation.csv").unlink()
    out = tmp_path / "out"
    r = cli("--root", str(project), "build", "--out", str(out), "--no-curation")
    assert r.returncode == 0, r.stderr
    assert "(not applied: --no-curation)" in r.stdout
    summary = json.loads((out / "build_summary.json").read_text(encoding="utf-8"))
    assert summary["curation_applied"] is False and summary["rows_changed_by_curation"] == 0
    assert not any(i["path"].endswith("curation.csv") for i in summary["inputs"])
