"""``python -m shenyang_analysis report``: parameters reach the notebooks, failures are kept
for debugging and never leave a PDF, bad input exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from shenyang_analysis.config import HEADLINE_TARGETS
from shenyang_analysis.present.report import data_vintage, plan_jobs

ROOT = Path(__file__).resolve().parents[1]

TARGET_NOTEBOOK = """\
import json, os
from pathlib import Path
Path(processed_dir, "params_" + target_id.replace("@", "_") + ".json").write_text(json.dumps(
    {"root": root, "processed_dir": processed_dir, "data_vintage": data_vintage, "target_id": target_id,
     "cwd": os.getcwd()}))
if target_id == "bad@2":
    raise RuntimeError("deliberate failure for " + target_id)
print("target_id=" + target_id)
"""


def _assessments() -> pd.DataFrame:
    return pd.DataFrame({
        "target_id": ["good@1", "bad@2", *HEADLINE_TARGETS],
        "region": ["tiexi", "hunnan", "tiexi", "tiexi", "shenyang"],
        "indicator": ["gdp", "rd_share", "gdp", "rd_share", "cluster_output"],
        "year": [2025] * 5,
        "status": ["on_track", "at_risk", "on_track", "at_risk", "unknown"],
    })


@pytest.fixture
def setup_dirs(tmp_path):
    """A processed-data directory, a notebooks directory (02 only) and the environment pointing at them."""
    data, notebooks, out = tmp_path / "processed", tmp_path / "notebooks", tmp_path / "reports"
    data.mkdir()
    notebooks.mkdir()
    _assessments().to_csv(data / "assessments.csv", index=False)
    (data / "build_summary.json").write_text(json.dumps({"built_at": "2025-11-22T08:00:00+08:00"}))
    nb = new_notebook(cells=[
        new_code_cell('root = ""\nprocessed_dir = ""\ndata_vintage = ""\ntarget_id = ""', metadata={"tags": ["parameters"]}),
        new_markdown_cell("# 目标报告"),
        new_code_cell(TARGET_NOTEBOOK),
    ])
    nbformat.write(nb, notebooks / "02_target_report.ipynb")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SHENYANG_PROCESSED_DIR": str(data),
           "SHENYANG_NOTEBOOKS_DIR": str(notebooks)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return data, notebooks, out, env


def _report(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shenyang_analysis", "report", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_parallel_run_injects_parameters_and_keeps_failures(setup_dirs, require_tools):
    require_tools("xelatex", "pandoc", "pdftotext", kernel=True)
    data, _, out, env = setup_dirs
    out.mkdir()
    (out / "target_bad_2.pdf").write_bytes(b"stale report from an earlier good run")

    r = _report(env, "--target", "good@1", "--target", "bad@2", "--jobs", "2", "--out", str(out))

    assert r.returncode == 1, r.stderr
    assert "[1/2]" in r.stderr and "[2/2]" in r.stderr
    assert "02_target_report" in r.stderr and "target_bad_2" in r.stderr and "deliberate failure" in r.stderr
    assert "Traceback" not in r.stderr
    # parameters
    params = json.loads((data / "params_good_1.json").read_text())
    assert params == {"root": str(ROOT), "processed_dir": str(data.resolve()), "data_vintage": data_vintage(data),
                      "target_id": "good@1", "cwd": str(ROOT)}
    # the good report
    text = subprocess.run(["pdftotext", str(out / "target_good_1.pdf"), "-"], capture_output=True, text=True).stdout
    assert "target_id=good@1" in text and "目标报告" in text and "sha256:" in text
    # the failed one: executed copy kept, no PDF under its name
    failed = out / "failed" / "target_bad_2.ipynb"
    assert failed.is_file() and "deliberate failure" in failed.read_text(encoding="utf-8")
    assert not (out / "target_bad_2.pdf").exists()
    index = pd.read_csv(out / "index.csv", keep_default_na=False).set_index("target_id")
    assert index.loc["good@1", "result"] == "ok" and index.loc["good@1", "file"] == "target_good_1.pdf"
    assert index.loc["bad@2", "result"] == "failed" and "removed" in index.loc["bad@2", "note"]
    assert (index.loc["bad@2", ["indicator", "region", "year", "status"]].tolist()
            == ["rd_share", "hunnan", 2025, "at_risk"])
    assert "target_bad_2.pdf" in (out / "index.md").read_text(encoding="utf-8")
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock"]
    assert leftovers == [], leftovers


def test_unknown_target_exits_2_listing_valid_ids(setup_dirs, tmp_path):
    *_, env = setup_dirs
    r = _report(env, "--target", "nope@1", "--out", str(tmp_path / "reports"))
    assert r.returncode == 2
    assert "nope@1" in r.stderr and "good@1" in r.stderr and "Traceback" not in r.stderr


def test_missing_assessments_exits_2_asking_for_build(setup_dirs, tmp_path):
    data, *_, env = setup_dirs
    (data / "assessments.csv").unlink()
    r = _report(env, "--all", "--out", str(tmp_path / "reports"))
    assert r.returncode == 2
    assert "assessments.csv" in r.stderr and "python -m shenyang_analysis build" in r.stderr


def test_plans_default_all_and_targets():
    a = _assessments()
    params = {"root": "/r", "processed_dir": "/p", "data_vintage": "v"}
    default = plan_jobs(a, parameters=params)
    assert [j.name for j in default] == [
        "01_overview", "03_portfolio", "04_headlines", "05_calibration",
        "target_002_74a2a09f36767d0c_9774", "target_002_74a2a09f36767d0c_9965", "target_003_2e6eae32420e2f95_620",
    ]
    assert all(dict(j.parameters, target_id=None) == {**params, "target_id": None} for j in default)
    assert [j.parameters.get("target_id") for j in default[4:]] == list(HEADLINE_TARGETS)
    assert "target_id" not in default[0].parameters
    assert len(plan_jobs(a, all_targets=True)) == 4 + len(a)
    only = plan_jobs(a, targets=["good@1", "good@1"])
    assert [(j.notebook, j.target_id) for j in only] == [("02_target_report.ipynb", "good@1")]
    assert "gdp" in only[0].title and "tiexi" in only[0].title
