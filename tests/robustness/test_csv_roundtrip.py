"""Carriage returns never break a CSV: every CSV the build writes, and the extract command's,
reads back to the same frame as the parquet file or the table in memory."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from shenyang_analysis import config
from shenyang_analysis.config import ENV_ROOT
from shenyang_analysis.io.serialize import csv_text, read_csv_frame
from shenyang_analysis.pipeline import run_build
from shenyang_analysis.table.schema import (
    ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS, EXTRA_COLUMNS, HISTORY_COLUMNS, TARGET_COLUMNS,
)

ROOT = Path(__file__).resolve().parents[2]
# old-Mac line ends inside sentences: a quote starts with a bare CR, others hold one
CR_TEXT = ("沈阳市铁西区2021年工作安排\r\r2020年,全区地区生产总值\r达到1300亿元,增长\r5.2%。\r到2025年,地区生产总值突破\r"
           "1500亿元,\r新增高新技术企业\r100家以上。\r\n“十四五”期间,研发投入强度达到3.5%。")
TARGETS = {**TARGET_COLUMNS, **EXTRA_COLUMNS}


def _same(read: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal frames, an empty string and a missing value being the same empty CSV field."""
    def norm(df: pd.DataFrame) -> pd.DataFrame:
        out = df.reset_index(drop=True).astype(object)
        return out.where(out.notna() & (out != ""), None)

    assert list(read.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(norm(read), norm(expected), check_dtype=False)


def test_csv_text_quotes_every_field_with_cr_or_lf():
    df = pd.DataFrame({"quote": ["\rstart", "mid\rdle", "end\r", "x\ny", "cr\r\nlf", 'q"uote', "a,b", "plain"],
                       "value": [1.5e11, 0.1, -3.0, None, 2.0, 1e-7, 123456789.125, 7.0]})
    text = csv_text(df)
    assert len(pd.read_csv(io.StringIO(text))) == len(df)  # DataFrame.to_csv gives 10 rows here
    back = read_csv_frame(io.StringIO(text), {"quote": "string", "value": "float64"})
    _same(back, df)
    assert back["value"].tolist()[:3] == [1.5e11, 0.1, -3.0]  # exact, not merely close


@pytest.fixture(scope="module")
def cr_build(tmp_path_factory):
    """A build of a project whose corpus has one more document, with bare carriage returns."""
    root = tmp_path_factory.mktemp("cr") / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "data" / "derived", root / "data" / "derived")
    docs = root / "data" / "raw" / "documents"
    (docs / "cr_test.txt").write_bytes(CR_TEXT.encode("utf-8"))
    with open(docs / "MANIFEST.csv", "a", encoding="utf-8", newline="") as f:
        f.write("cr_test,铁西区2021年工作安排,铁西区人民政府,2021-05-17,2021-05-17,tiexi,district,plan\n")
    out = root / "data" / "processed"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_ROOT, str(root))
        mp.setattr(config, "_root_override", None)
        return run_build(out), out


def test_the_build_has_quotes_with_carriage_returns(cr_build):
    result, _ = cr_build
    quotes = result.targets.loc[result.targets["doc_id"] == "cr_test", "quote"]
    assert quotes.str.startswith("\r").any() and quotes.str.contains("\r").sum() >= 3
    assert result.history["source_detail"].str.contains("\r").fillna(False).any()


def test_targets_csv_reads_back_as_the_parquet_file(cr_build):
    result, out = cr_build
    parquet = pd.read_parquet(out / "targets.parquet")
    assert len(pd.read_csv(out / "targets.csv")) == len(parquet)  # a plain reader sees every row once
    _same(read_csv_frame(out / "targets.csv", TARGETS), parquet)
    _same(parquet, result.targets)
    text = CR_TEXT
    for row in read_csv_frame(out / "targets.csv", TARGETS).query("doc_id == 'cr_test'").itertuples():
        assert text[row.char_start:row.char_end] == row.quote  # offsets stay right: nothing normalised


@pytest.mark.parametrize(
    "name, attribute, columns",
    [
        ("history.csv", "history", HISTORY_COLUMNS),
        ("history_conflicts.csv", "conflicts", HISTORY_COLUMNS),
        ("assessments.csv", "assessments", {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}),
        ("calibration.csv", "calibration", {}),
    ],
)
def test_every_other_csv_output_reads_back_as_the_table_in_memory(cr_build, name, attribute, columns):
    result, out = cr_build
    frame = getattr(result, attribute)
    dtypes = {c: str(t) for c, t in frame.dtypes.items()}
    back = read_csv_frame(out / name, {**dtypes, **columns})
    assert len(back) == len(frame) > 0
    _same(back, frame)


def test_the_extract_command_csv_reads_back_as_the_table(tmp_path, cli):
    from shenyang_analysis.datasets import extract_text

    path = tmp_path / "cr_plan.txt"
    path.write_bytes(CR_TEXT.encode("utf-8"))
    r = cli("extract", str(path), "--date", "2021-05-17", "--region", "tiexi", "--level", "district", timeout=120,
            text=False)  # the bytes as written: text mode would turn CR into LF
    assert r.returncode == 0, r.stderr
    expected = extract_text(CR_TEXT, "2021-05-17", "tiexi", level="district", doc_id="cr_plan",
                            title=CR_TEXT.strip().splitlines()[0])[list(TARGET_COLUMNS)]
    back = read_csv_frame(io.StringIO(r.stdout.decode("utf-8"), newline=""), TARGET_COLUMNS)
    assert len(back) == len(expected) == 5
    _same(back, expected)
