"""The command line: extract on any text file, errors without tracebacks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from shenyang_analysis.table.schema import TARGET_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "shenyang_analysis", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_extract_gbk_file_prints_csv_with_offsets_into_that_file(tmp_path):
    text = "沈阳市2024年工作安排\n\n全年新增城镇就业9万人以上,城镇登记失业率控制在4.5%以内。到2025年,高新技术企业突破3000家。"
    p = tmp_path / "plan.txt"
    p.write_bytes(text.encode("gbk"))
    r = _run("extract", str(p), "--date", "2024-01-20", "--region", "shenyang")
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout), keep_default_na=False, na_values=[""])
    assert list(df.columns) == list(TARGET_COLUMNS)
    assert set(df["origin"]) == {"extracted"} and set(df["doc_id"]) == {"plan"}
    for row in df.itertuples():
        assert text[row.char_start:row.char_end] == row.quote
    got = {(r.value, r.unit, r.comparator, r.year) for r in df.itertuples()}
    assert got == {(90000, "count", ">=", 2024), (4.5, "percent", "<=", 2024), (3000, "count", ">=", 2025)}


def test_extract_bom_file(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeff力争技术合同成交额增长10%。".encode("utf-8"))
    r = _run("extract", str(p), "--date", "2025-03-28", "--region", "shenyang", "--doc-id", "x1")
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout))
    assert df.loc[0, "quote"] in "力争技术合同成交额增长10%" and df.loc[0, "char_start"] >= 0
    assert bool(df.loc[0, "is_growth_rate"]) and df.loc[0, "value"] == 10


def test_extract_binary_file_one_line_error(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    r = _run("extract", str(p), "--date", "2024-01-01", "--region", "shenyang")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "scan.pdf" in lines[0] and "Traceback" not in r.stderr


def test_extract_missing_file_and_bad_date():
    r = _run("extract", "does-not-exist.txt", "--date", "2024-01-01", "--region", "shenyang")
    assert r.returncode == 2 and "does-not-exist.txt" in r.stderr and "Traceback" not in r.stderr
    r = _run("extract", "x.txt", "--date", "2024-13-01", "--region", "shenyang")
    assert r.returncode == 2 and "not a date" in r.stderr


@pytest.mark.slow
def test_build_command(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "shenyang_analysis", "build", "--out", str(tmp_path)],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "rows without a catalog indicator" in r.stdout
    assert (tmp_path / "targets.csv").exists() and (tmp_path / "targets.parquet").exists()


@pytest.mark.slow
def test_build_takes_parameters_and_records_them_with_its_inputs(tmp_path):
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "shenyang_analysis", "build", "--out", str(tmp_path),
                          "--model", "theta", "--inflation-pct", "0.5"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    summary = json.loads((tmp_path / "build_summary.json").read_text(encoding="utf-8"))
    assert summary["parameters"]["model"] == "theta" and summary["parameters"]["inflation_pct"] == 0.5
    assert summary["inflation_assumption_pct"] == 0.5
    paths = [i["path"] for i in summary["inputs"]]
    assert "data/raw/indicators.csv" in paths and "data/raw/history/history_observations.csv" in paths
    assert all(len(i["sha256"]) == 64 for i in summary["inputs"])
    bad = subprocess.run([sys.executable, "-m", "shenyang_analysis", "build", "--out", str(tmp_path), "--model", "magic"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "'magic' is not a model" in bad.stderr


@pytest.mark.slow
def test_build_without_out_writes_the_processed_directory(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "SHENYANG_PROCESSED_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "shenyang_analysis", "build"], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "assessments.csv").is_file() and (tmp_path / "build_summary.json").is_file()
