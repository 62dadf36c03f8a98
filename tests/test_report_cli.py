"""``python -m shenyang_analysis report``: parameters reach the notebooks; a failed report never
deletes the last good PDF and says so; bad input (unknown target, damaged data, an output folder
that cannot be written) is one line and exit status 2 with no report touched; what a killed run
left is cleaned; an unreadable index is reported, not dropped."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from shenyang_analysis.config import HEADLINE_TARGETS
from shenyang_analysis.present import report
from shenyang_analysis.present.report import Job, data_vintage, plan_jobs, report_name

ROOT = Path(__file__).resolve().parents[1]
TIEXI_GDP, TIEXI_RD, CLUSTERS = HEADLINE_TARGETS
GDP_PDF, RD_PDF = "target_tiexi_gdp_2025_1500yi-yuan.pdf", "target_tiexi_rd_intensity_2025_3.5pct.pdf"

TARGET_NOTEBOOK = """\
import json, os
from pathlib import Path
Path(processed_dir, "params_" + target_id.replace("@", "_") + ".json").write_text(json.dumps(
    {"root": root, "processed_dir": processed_dir, "data_vintage": data_vintage, "target_id": target_id,
     "lang": lang, "model": model, "inflation_pct": inflation_pct, "cwd": os.getcwd(), "names": sorted(globals())}))
if target_id == "%s":
    raise RuntimeError("deliberate failure for " + target_id)
leftover_from_an_earlier_report = 1
print("target_id=" + target_id)
""" % TIEXI_RD
PARAMETERS = 'root = ""\nprocessed_dir = ""\ndata_vintage = ""\ntarget_id = ""\nlang = "zh"\nmodel = ""\ninflation_pct = None'


@pytest.fixture
def setup_dirs(tmp_path, built):
    """A copy of a real build, a notebooks folder (02 only) and the environment pointing at them."""
    data, notebooks, out = tmp_path / "processed", tmp_path / "notebooks", tmp_path / "reports"
    shutil.copytree(built.outputs[0].parent, data)
    notebooks.mkdir()
    nb = new_notebook(cells=[new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}), new_markdown_cell("# 目标报告"),
                             new_code_cell(TARGET_NOTEBOOK)])
    nbformat.write(nb, notebooks / "02_target_report.ipynb")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SHENYANG_PROCESSED_DIR": str(data), "SHENYANG_NOTEBOOKS_DIR": str(notebooks)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return data, notebooks, out, env


def _report(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shenyang_analysis", "report", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_a_failed_report_keeps_the_last_good_pdf_and_says_so(setup_dirs, require_tools):
    require_tools("xelatex", "pandoc", "pdftotext", kernel=True)
    data, _, out, env = setup_dirs
    out.mkdir()
    (out / RD_PDF).write_bytes(b"last week's good report")
    os.utime(out / RD_PDF, (1_700_000_000, 1_700_000_000))  # 2023-11-14

    r = _report(env, "--target", TIEXI_GDP, "--target", TIEXI_RD, "--target", CLUSTERS, "--jobs", "2",
                "--out", str(out), "--lang", "en", "--model", "drift", "--inflation-pct", "2.5")

    assert r.returncode == 1, r.stderr
    assert "[3/3]" in r.stderr and "Traceback" not in r.stderr
    assert "deliberate failure" in r.stderr and f"the previous {RD_PDF} of 2023-11-14 is kept" in r.stderr
    assert (out / RD_PDF).read_bytes() == b"last week's good report"
    params = json.loads((data / f"params_{TIEXI_GDP.replace('@', '_')}.json").read_text())
    assert {k: params[k] for k in ("root", "processed_dir", "target_id", "lang", "model", "inflation_pct", "cwd")} == {
        "root": str(ROOT), "processed_dir": str(data.resolve()), "target_id": TIEXI_GDP, "lang": "en", "model": "drift",
        "inflation_pct": 2.5, "cwd": str(ROOT)}
    assert params["data_vintage"] == data_vintage(data)
    # each report starts in a fresh namespace, although kernels are reused within a worker
    for tid in (TIEXI_GDP, CLUSTERS):
        names = json.loads((data / f"params_{tid.replace('@', '_')}.json").read_text())["names"]
        assert "leftover_from_an_earlier_report" not in names
    text = subprocess.run(["pdftotext", str(out / GDP_PDF), "-"], capture_output=True, text=True).stdout
    assert f"target_id={TIEXI_GDP}" in text and "目标报告" in text and "sha256:" in text
    failed = out / "failed" / RD_PDF.replace(".pdf", ".ipynb")
    assert failed.is_file() and "deliberate failure" in failed.read_text(encoding="utf-8")
    index = pd.read_csv(out / "index.csv", keep_default_na=False).set_index("target_id")
    assert index.loc[TIEXI_GDP, "result"] == "ok" and index.loc[TIEXI_GDP, "file"] == GDP_PDF
    assert index.loc[TIEXI_GDP, "title"].startswith("Tiexi District: Gross regional product (GDP) ≥\xa0150 billion yuan")
    rd = index.loc[TIEXI_RD]
    assert rd["result"] == "failed" and "deliberate failure" in rd["note"] and "kept" in rd["note"]
    assert rd["pdf_date"] == "2023-11-14" and [rd["indicator"], rd["region"], rd["year"]] == ["rd_intensity", "tiexi", 2025]
    md = (out / "index.md").read_text(encoding="utf-8")
    assert "FAILED" in md and RD_PDF.replace("_", "\\_") in md
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock"] == []


@pytest.mark.slow
def test_a_killed_run_is_cleaned_up_and_an_unreadable_index_reported(setup_dirs, require_tools):
    require_tools("xelatex", "pandoc", kernel=True)
    _, _, out, env = setup_dirs
    (out / ".run-k9x2").mkdir(parents=True)
    (out / ".run-k9x2" / "x.ipynb").write_text("{")
    (out / f".{GDP_PDF}.a1b2.tmp").write_bytes(b"half a pdf")
    (out / "failed").mkdir()
    (out / "failed" / ".x.log.c3.tmp").write_text("half")
    (out / "old_report.pdf").write_bytes(b"%PDF an earlier report")
    (out / "index.csv").write_bytes(b"\xff\xfe\x00garbage")

    r = _report(env, "--target", TIEXI_GDP, "--out", str(out))

    assert r.returncode == 0, r.stderr
    assert "removed what an interrupted run left" in r.stderr and ".run-k9x2" in r.stderr
    assert "index.csv cannot be read" in r.stderr and "index.csv.unreadable" in r.stderr
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".lock"]
    assert list((out / "failed").iterdir()) == []
    assert (out / "index.csv.unreadable").read_bytes() == b"\xff\xfe\x00garbage"
    index = pd.read_csv(out / "index.csv", keep_default_na=False).set_index("file")
    assert index.loc[GDP_PDF, "result"] == "ok" and "earlier run" in index.loc["old_report.pdf", "note"]


def test_unknown_target_exits_2_naming_the_nearest(setup_dirs, tmp_path):
    *_, env = setup_dirs
    r = _report(env, "--target", "002_74a2a09f36767d0c@9775", "--out", str(tmp_path / "reports"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "unknown target id 002_74a2a09f36767d0c@9775 (nearest: 002_74a2a09f36767d0c@9774" in r.stderr
    r = _report(env, "--target", "002_74a2a09f36767d0c@9600", "--out", str(tmp_path / "reports"))
    assert r.returncode == 2


@pytest.mark.slow
def test_damaged_or_missing_data_exits_2_and_touches_no_report(setup_dirs):
    data, _, out, env = setup_dirs
    out.mkdir()
    (out / GDP_PDF).write_bytes(b"good")
    parquet = (data / "targets.parquet").read_bytes()
    (data / "targets.parquet").write_bytes(parquet[: len(parquet) // 2])
    r = _report(env, "--all", "--out", str(out))
    assert r.returncode == 2 and "targets.parquet" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    (data / "targets.parquet").write_bytes(parquet)
    calibration = (data / "calibration.csv").read_bytes()
    (data / "calibration.csv").write_bytes(b'target_id,region\n"unclosed,x\n')
    r = _report(env, "--target", TIEXI_GDP, "--out", str(out))
    assert r.returncode == 2 and "calibration.csv" in r.stderr, r.stderr
    (data / "calibration.csv").write_bytes(calibration)
    root = data.parent / "project"  # a history file the notebooks read is damaged
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    (root / "data" / "raw" / "history" / "liaoning_cpi.csv").write_text("year,cpi_prev_year_100\n2020,abc\n")
    r = _report({**env, "SHENYANG_ANALYSIS_ROOT": str(root)}, "--target", TIEXI_GDP, "--out", str(out))
    assert r.returncode == 2 and "liaoning_cpi.csv" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    shutil.copy(ROOT / "data" / "raw" / "history" / "liaoning_cpi.csv", root / "data" / "raw" / "history")
    real = {**env, "SHENYANG_ANALYSIS_ROOT": str(root), "SHENYANG_NOTEBOOKS_DIR": str(ROOT / "notebooks")}
    r = _report(real, "--out", str(out))  # the calibration report's committed results are missing (no data/derived)
    assert r.returncode == 2 and "target_model.json" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    (data / "assessments.csv").unlink()
    r = _report(env, "--all", "--out", str(out))
    assert r.returncode == 2 and "assessments.csv" in r.stderr and "python -m shenyang_analysis build" in r.stderr
    assert [p.name for p in out.iterdir()] == [GDP_PDF] and (out / GDP_PDF).read_bytes() == b"good"


def test_an_output_folder_that_cannot_be_written_is_one_line_and_status_2(setup_dirs, tmp_path):
    *_, env = setup_dirs
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    r = _report(env, "--target", TIEXI_GDP, "--out", str(blocker / "reports"))
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [f"error: --out {blocker / 'reports'}: cannot write there (Not a directory)"]


def test_a_full_disk_keeps_the_good_pdf_and_the_notes_say_why(tmp_path, monkeypatch):
    """The render fails with ENOSPC: the previous PDF stays, the truncated notebook is not kept."""
    out, work = tmp_path / "reports", tmp_path / "reports" / ".run-1"
    work.mkdir(parents=True)
    (out / GDP_PDF).write_bytes(b"last week")

    class FullDiskSession:
        def execute(self, source, executed, parameters):
            executed.write_text('{"cells": [', encoding="utf-8")  # cut short by the full disk
            raise OSError(errno.ENOSPC, "No space left on device")

    job = Job("02_target_report.ipynb", GDP_PDF[:-4], "t", target_id=TIEXI_GDP)
    r = report.run_job(job, session=FullDiskSession(), notebooks=tmp_path, out_dir=out, work_dir=work, vintage="v",
                       date="2026-01-05")
    assert not r.ok and "No space left on device" in r.note and f"the previous {GDP_PDF}" in r.note
    assert "evidence could not be kept" in r.note and not (out / "failed" / f"{job.name}.ipynb").exists()
    assert (out / GDP_PDF).read_bytes() == b"last week"


def test_plans_names_and_titles(built):
    t, a = built.targets, built.assessments
    params = {"root": "/r", "processed_dir": "/p", "data_vintage": "v", "lang": "zh"}
    default = plan_jobs(t, a, parameters=params)
    assert [j.name for j in default] == ["01_overview", "03_portfolio", "04_headlines", "05_calibration", GDP_PDF[:-4],
                                         RD_PDF[:-4], "target_shenyang_industrial_clusters_scale_2025_11000yi-yuan"]
    assert [j.title for j in default[:4]] == ["目标总览", "全部可评估目标", "标志性目标对比", "校准：达标概率是否名副其实"]
    assert default[4].title == "铁西区 地区生产总值 ≥\xa01,500亿元（2025年）"
    assert [j.parameters.get("target_id") for j in default[4:]] == list(HEADLINE_TARGETS)
    assert "target_id" not in default[0].parameters
    every = plan_jobs(t, a, all_targets=True)  # one report per statement: the table's and the history files'
    assert len(every) == 4 + a["target_id"].nunique() and "history_observations@44" in {j.target_id for j in every}
    # any target of the table or of the history files, assessed or not; a statement repeated under
    # another id keeps the plain name, the repeat gets its document and offset
    any_target = plan_jobs(t, a, wanted=["004_6a6d947e374aa1af@131", "003_2e6eae32420e2f95@2109",
                                         "003_2e6eae32420e2f95@2667", "history_observations@44",
                                         "history_observations@78"], lang="en")
    assert [j.name for j in any_target] == ["target_shenyang_unlisted_2021_1000",
                                            "target_shenyang_sci_tech_enterprises_2025_30000",
                                            "target_shenyang_sci_tech_enterprises_2025_30000_003-2667",
                                            "target_shenyang_gdp_real_growth_2025_5.5pct",
                                            "target_shenyang_industrial_clusters_scale_2025_11000yi-yuan_his-78"]
    assert any_target[0].title == "Shenyang: 产业项目 ≥\xa01,000, 2021"
    observation = t.loc[t["kind"] == "observation", "target_id"].iloc[0]
    with pytest.raises(report.ReportError, match="is an observation, not a target"):
        plan_jobs(t, a, wanted=[observation])
    names = [report_name(r, Counter()) for r in t[t["kind"] == "target"].to_dict("records")]
    assert all(n.isascii() and "/" not in n for n in names)


def test_jobs_default_to_the_cpus_and_bad_options_are_refused(setup_dirs):
    *_, env = setup_dirs
    assert report.default_jobs() == len(os.sched_getaffinity(0))
    r = _report(env, "--lang", "fr")
    assert r.returncode == 2 and "invalid choice: 'fr'" in r.stderr
    r = _report(env, "--inflation-pct", "90")
    assert r.returncode == 2 and "not an inflation rate" in r.stderr


@pytest.fixture
def full_disk(tmp_path):
    """A 1 MB tmpfs filled to the last byte (needs the right to mount: root; else skipped)."""
    where = tmp_path / "full"
    where.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True, text=True)
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mount.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)  # lazily: a kernel may still be exiting


@pytest.mark.slow
def test_a_full_disk_leaves_every_good_pdf_in_place(setup_dirs, full_disk, require_tools):
    require_tools("xelatex", "pandoc", kernel=True)
    *_, env = setup_dirs
    out = full_disk / "reports"
    out.mkdir()
    for name in (GDP_PDF, RD_PDF):
        (out / name).write_bytes(b"%PDF last week's report " + name.encode())
    fd = os.open(full_disk / "filler", os.O_WRONLY | os.O_CREAT)
    with pytest.raises(OSError, match="No space left"):  # fill the disk
        while True:
            os.write(fd, b"\0" * 512)
    os.close(fd)
    r = _report(env, "--target", TIEXI_GDP, "--target", TIEXI_RD, "--out", str(out), "--jobs", "1")
    assert r.returncode in (1, 2) and "Traceback" not in r.stderr, r.stderr
    assert "No space left on device" in r.stderr or "cannot write there" in r.stderr, r.stderr
    for name in (GDP_PDF, RD_PDF):
        assert (out / name).read_bytes() == b"%PDF last week's report " + name.encode()
    leftovers = [p for p in (out / "failed").glob("*.ipynb")] if (out / "failed").exists() else []
    for nb in leftovers:  # a notebook kept for debugging is whole, never truncated
        nbformat.read(nb, as_version=4)
