"""The notebooks in ``notebooks/`` and the PDFs made of them: each notebook runs top to bottom with
papermill on a fresh build and shows what it promises; the real reports, in Chinese and in
English, say the verdict in words, print what they used on the first page, end with methods
and sources, print chart text at 8 pt or more, render for a target without history, and take
the headline report's title from its parameters; text injected into a document is printed
literally, never read as LaTeX, Markdown or mathtext."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from shenyang_analysis.config import HEADLINE_TARGETS

pytestmark = pytest.mark.slow  # executes notebooks / renders PDFs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "shenyang-analysis"
TIEXI_GDP, TIEXI_RD, CLUSTERS = HEADLINE_TARGETS
NOT_IN_CATALOG = "004_6a6d947e374aa1af@131"  # 产业项目突破1000个: no catalog indicator
NO_BASELINE = "004_6a6d947e374aa1af@840"  # 5个“国字号”平台 (2021): figures of it only from 2021 on
HISTORY_FILE_TARGET = "history_observations@44"  # the 2025 work report's GDP growth of 5.5 % or more (history file)
OTHER_HEADLINES = ["003_2e6eae32420e2f95@2109", NOT_IN_CATALOG]

#: notebook -> (charts, tables, paragraphs in words) its outputs must contain at least.
PROMISES = {
    "01_overview.ipynb": (1, 7, 5),
    "02_target_report.ipynb": (1, 5, 7),
    "03_portfolio.ipynb": (1, 6, 6),
    "04_headlines.ipynb": (1, 3, 8),
    "05_calibration.ipynb": (2, 5, 3),
}
RUNS = {
    "01": ("01_overview.ipynb", {}),
    "gdp": ("02_target_report.ipynb", {"target_id": TIEXI_GDP}),
    "gdp_en": ("02_target_report.ipynb", {"target_id": TIEXI_GDP, "lang": "en"}),
    "rd": ("02_target_report.ipynb", {"target_id": TIEXI_RD}),
    "no_catalog": ("02_target_report.ipynb", {"target_id": NOT_IN_CATALOG}),
    "no_baseline": ("02_target_report.ipynb", {"target_id": NO_BASELINE, "lang": "en"}),
    "history_file": ("02_target_report.ipynb", {"target_id": HISTORY_FILE_TARGET}),
    "03": ("03_portfolio.ipynb", {}),
    "04": ("04_headlines.ipynb", {}),
    "04_other": ("04_headlines.ipynb", {"headline_targets": OTHER_HEADLINES, "lang": "en"}),
    "05": ("05_calibration.ipynb", {}),  # from data/derived only: run with ../shared out of reach
    "05_en": ("05_calibration.ipynb", {"lang": "en"}),
}
CODE_FRAGMENTS = ("import ", "sa.", "tables.show", "plt.show", "load_data", "def ", "sections.")


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})


def _pdftotext(pdf: Path, *args: str) -> str:
    """The PDF's text, ligatures (ﬀ, ﬁ) undone."""
    out = subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.translate(LIGATURES)


def _words(pdf: Path) -> list[tuple[int, float, float, str]]:
    """(page, yMin, yMax, word) of every word of the PDF (pdftotext -bbox)."""
    found = []
    for page, body in enumerate(re.split(r"<page ", _pdftotext(pdf, "-bbox"))[1:], start=1):
        for y0, y1, w in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', body):
            found.append((page, float(y0), float(y1), w))
    return found


@pytest.fixture(scope="module")
def executed(built, tmp_path_factory, require_tools):
    """Every run of :data:`RUNS`, executed once (one warm kernel, a fresh state per notebook)."""
    require_tools(kernel=True)
    from shenyang_analysis.present.kernels import KernelSession

    out = tmp_path_factory.mktemp("executed")
    done = {}
    for isolated in (False, True):  # the calibration report runs in a kernel that cannot reach ../shared
        with _no_shared_data(isolated, out), KernelSession(KERNEL, ROOT, 600) as session:
            for key, (name, extra) in RUNS.items():
                if (name == "05_calibration.ipynb") != isolated:
                    continue
                params = {"processed_dir": str(built.outputs[0].parent), "data_vintage": "test vintage", **extra}
                session.execute(NOTEBOOKS / name, out / f"{key}.ipynb", params)
                done[key] = out / f"{key}.ipynb"
    return done


@pytest.fixture(scope="module")
def pdfs(executed, tmp_path_factory, require_tools):
    require_tools("xelatex", "pandoc", "pdftotext", "pdffonts")
    from shenyang_analysis.present.render import render_pdf

    out = tmp_path_factory.mktemp("pdfs")
    return {key: render_pdf(path, out / f"{key}.pdf", title="(title from the report command)", vintage="test vintage",
                            date="2026-01-05") for key, path in executed.items()}


@contextlib.contextmanager
def _no_shared_data(active: bool, tmp: Path):
    """While active, the shared data folders point at a folder that does not exist (the kernel inherits it)."""
    keys = ("SHENYANG_SHARED_DIR", "SHENYANG_CITY_PANEL_DIR", "SHENYANG_TARGET_OUTCOMES_CSV")
    saved = {k: os.environ.get(k) for k in keys}
    if active:
        os.environ.update({k: str(tmp / "no_shared_data") for k in keys})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_every_notebook_is_committed_without_outputs_and_has_a_parameters_cell():
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert names == sorted(PROMISES)
    for name in names:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["name"] == KERNEL, name
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{name} has outputs"
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        declared = set(re.findall(r"^(\w+) =", tagged[0].source, flags=re.M))
        assert {"root", "processed_dir", "data_vintage", "lang", "model", "inflation_pct"} <= declared, name
        logic = [c for c in code if c not in tagged]
        assert max(len(c.source.splitlines()) for c in logic) <= 10, f"{name}: notebooks stay thin"


@pytest.mark.parametrize("key", list(RUNS))
def test_notebook_runs_and_shows_what_it_promises(executed, key):
    name = RUNS[key][0]
    nb = nbformat.read(executed[key], as_version=4)
    outputs = _outputs(nb)
    errors = [o for o in outputs if o["output_type"] == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    stderr = [o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert not stderr, f"{name} wrote to stderr (warnings?): {stderr[0][:500]}"
    charts, tables, words = PROMISES[name]
    if key not in ("no_catalog", "no_baseline"):
        assert len([o for o in outputs if "application/pdf" in o.get("data", {})]) >= charts
        assert all("image/png" in o["data"] for o in outputs if "application/pdf" in o.get("data", {}))
    latex = [o["data"]["text/latex"] for o in outputs if "text/latex" in o.get("data", {})]
    assert len([t for t in latex if "\\toprule" in t]) >= (tables if key not in ("no_catalog", "no_baseline") else 3)
    assert len([t for t in latex if "\\paragraph" in t]) >= (words if key not in ("no_catalog", "no_baseline") else 2)


def test_a_zh_target_report(pdfs):
    text = _pdftotext(pdfs["gdp"])
    flat = re.sub(r"\s+", "", text)
    first = flat[: flat.index("结论")]
    assert first.startswith("铁西区地区生产总值≥1,500亿元（2025年）") and "本报告所用参数" in first
    for used in ("近期加权阻尼漂移模型", "价格变化按每年-0.53%假设", "-1%,+0%,+2%", "testvintage", TIEXI_GDP):
        assert used in first, used
    assert "目标：到2025年，铁西区地区生产总值不低于1,500亿元（原文：“地区生产总值突破1500亿元”）" in flat
    assert "2025年的数值：1,371亿元（推算数）；尚非统计数据，按此目标很可能未实现。" in flat
    assert "状态不随价格假设而变" in flat and "结论：很可能未实现。" in flat
    assert flat.index("方法说明") < flat.index("资料来源") and flat.index("目标出处") < flat.index("方法说明")
    for section in ("所需增速=(目标/基数)^(1/年数)−1", "价格敏感性（平减指数每年-1%,+0%,+2%代替假设）", "Brier分数",
                    "全年预计完成地区生产总值1300亿元", "https://zgcounty.com/news/65855.html", "转引数，下限（至少）",
                    "沈阳市铁西区国民经济和社会发展第十四个五年规划"):
        assert section in flat, section
    words = flat[: flat.index("技术备注（英文原文）")]  # the model's own notes follow, in English, marked so
    assert "tiexi" not in words.replace(TIEXI_GDP, "") and "likelymissed" not in words
    for fragment in CODE_FRAGMENTS:
        assert fragment not in text, fragment


def test_an_en_target_report(pdfs):
    flat = re.sub(r"\s+", " ", _pdftotext(pdfs["gdp_en"]))
    assert re.sub(r"\s", "", flat).startswith("TiexiDistrict:Grossregionalproduct(GDP)≥150billionyuan(1,500亿元),2025")
    assert "What this report used" in flat and "The verdict in words" in flat
    assert "it needs 15.4% a year (CAGR)" in flat and "so the target was likely missed (the figure rests on" in flat
    assert "the status does not change with prices. Basis: on the basis after shenyang's" in flat
    assert "revision (its levels +6.2%): 1,455.8 亿元 (likely missed); the verdict is the same either way" in flat
    assert flat.index("Methods") < flat.index("Sources") and "Status: likely missed." in flat


def test_a_history_file_target_gets_its_report(pdfs):
    flat = re.sub(r"\s+", "", _pdftotext(pdfs["history_file"]))
    assert flat.startswith("沈阳市地区生产总值增速≥5.5%（2025年）")
    assert "目标本身是增速（5.5%）" in flat and "不是实时预测。" in flat and "结论：不确定。" in flat
    assert "校准的模型会给出95%，但本目标超出该模型数据的中间98%（外推），因此不采用。" in flat
    assert "history_observations@44" in flat and "data/raw/history/history_observations.csv,line44" in flat
    assert "目标出处项目数值目标编号文件行号原文" in flat  # the file's line, not character offsets


def test_targets_without_history_or_baseline_get_a_page(pdfs):
    flat = re.sub(r"\s+", "", _pdftotext(pdfs["no_catalog"]))
    assert flat.startswith("沈阳市产业项目≥1,000个（2021年）")
    assert "目标要求什么" in flat and "该指标不在指标目录中，因此无法评估" in flat
    assert "需要哪些数据" in flat and "列入指标目录" in flat and "没有历史数据，无法作图" in flat
    assert "方法说明" in flat and "资料来源" in flat
    flat = re.sub(r"\s+", " ", _pdftotext(pdfs["no_baseline"]))
    assert "It cannot be assessed: no figure from before the target year" in flat
    assert "a figure from before 2021 is needed as a baseline" in flat and "status insufficient data" in flat


def test_the_calibration_report_in_both_languages(executed, pdfs):
    zh = re.sub(r"\s+", "", _pdftotext(pdfs["05"]))
    assert zh.startswith("校准：达标概率是否名副其实") and "可靠性图" in zh and "给出的概率" in zh and "实现比例" in zh
    assert "在滚动检验（2005–2012年）中，给出60–70%概率的目标有56%实现（121个目标）。" in zh
    assert "滚动检验的预测模型近期加权阻尼漂移模型" in zh and "方法说明" in zh and "资料来源" in zh
    en = re.sub(r"\s+", " ", _pdftotext(pdfs["05_en"]))
    assert en.strip().startswith("Calibration: do the probabilities mean what they say?")
    for words in ("Share met", "60–70 %", "Of the targets given 60–70 % in the rolling test (2005–2012)", "Brier skill",
                  "Li, Liu, Weng & Zhou (2019)"):
        assert words in en, words
    for fragment in CODE_FRAGMENTS:
        assert fragment not in en, fragment


def test_the_calibration_report_says_which_parameters_do_not_apply(executed):
    nb = nbformat.read(executed["05_en"], as_version=4)
    assert not [o for o in _outputs(nb) if o["output_type"] == "error"]
    from shenyang_analysis.present.calibration_report import used_parameters

    rows = dict(used_parameters("en", "v", "theta", 2.0, {"model": "drift_recent"}, "combined"))
    assert rows["model asked for (not applied)"].startswith("theta: the rolling test's results are committed")
    assert rows["price assumption asked for (not applied)"].startswith("+2%: growth targets are real rates")


def test_headline_report_takes_its_title_from_its_parameters(pdfs):
    default = re.sub(r"\s+", "", _pdftotext(pdfs["04"]))
    assert default.startswith("标志性目标对比：铁西区地区生产总值（2025年）；铁西区科技研发投入占地区生产总值比重（2025年）")
    other = re.sub(r"\s+", " ", _pdftotext(pdfs["04_other"]))
    assert other.strip().startswith("Headline targets side by side: Shenyang, number of science and technology enterprises")
    assert "产业项目" in other and "(title from the report command)" not in other


def test_chart_text_is_printed_at_8_pt_or_more(pdfs):
    """Measured in the real PDF: every word of the chart (between its title and its legend)
    against the title's second line, 10 pt in the same font."""
    words = _words(pdfs["gdp"])
    page, top, _, _ = next(w for w in words if w[3] == "状态:")
    bottom = min([y0 for p, y0, _, w in words if p == page and w == "到目标年份的增长路径"] + [1e9])
    chart = [(y1 - y0, w) for p, y0, y1, w in words if p == page and top <= y0 and y1 <= bottom]
    per_pt = next(h for h, w in chart if w == "状态:") / 10.0
    assert len(chart) > 25 and {"1500", "2021", "年份", "预计数", "推算数", "“十四五”规划"} <= {w for _, w in chart}
    smallest = min(chart)
    assert smallest[0] / per_pt >= 7.9, smallest


def test_pdfs_embed_every_font(pdfs):
    for pdf in pdfs.values():
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and any("CJK" in r for r in rows)
        for row in rows:  # columns: name type encoding emb sub uni object ID
            assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"font not embedded: {row}"


def test_a_second_run_on_the_same_data_gives_the_same_report(built, executed, tmp_path, require_tools):
    """Same outputs cell by cell (charts included) and, rendered on the same date, the same PDF bytes."""
    require_tools("xelatex", "pandoc", kernel=True)
    import papermill

    from shenyang_analysis.present.render import render_pdf

    again = tmp_path / "again.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / "04_headlines.ipynb"), str(again), kernel_name=KERNEL, cwd=str(ROOT),
                               parameters={"processed_dir": str(built.outputs[0].parent), "data_vintage": "test vintage"},
                               progress_bar=False)
    first, second = (nbformat.read(p, as_version=4) for p in (executed["04"], again))
    strip = lambda nb: [{k: v for k, v in o.items() if k != "metadata"} for o in _outputs(nb)]  # noqa: E731
    assert strip(first) == strip(second)
    a = render_pdf(executed["04"], tmp_path / "a.pdf", title="t", vintage="v", date="2026-01-05")
    b = render_pdf(again, tmp_path / "b.pdf", title="t", vintage="v", date="2026-01-05")
    assert a.read_bytes() == b.read_bytes()


INJECTED = "$\\notacommand$📈**粗**\\input{/etc/hostname}"


def test_text_injected_into_a_document_is_printed_literally(tmp_path, require_tools):
    """A document whose indicator phrase carries LaTeX, Markdown, mathtext and an emoji: the build
    keeps the phrase, and the target report and the portfolio (its chart labels too) print it as written."""
    require_tools("xelatex", "pandoc", "pdftotext", kernel=True)
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "data" / "derived", root / "data" / "derived")  # the calibration report's results
    doc = root / "data" / "raw" / "documents" / "002_74a2a09f36767d0c.txt"
    text = doc.read_text(encoding="utf-8")
    at = text.index("城镇登记失业率控制在", text.index("到 2025 年,城镇登记失业率"))
    doc.write_text(text[:at] + INJECTED + text[at:], encoding="utf-8")
    env = {**os.environ, "SHENYANG_ANALYSIS_ROOT": str(root), "SHENYANG_NOTEBOOKS_DIR": str(NOTEBOOKS),
           "PYTHONPATH": str(ROOT)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "shenyang_analysis", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=ROOT, timeout=900)
    assert run("build").returncode == 0
    import pandas as pd

    targets = pd.read_parquet(root / "data" / "processed" / "targets.parquet")
    injected = targets.loc[targets["indicator_zh"].str.contains("input", regex=False, na=False)]
    assert injected["indicator"].tolist() == ["urban_registered_unemployment_rate"]
    assert injected["indicator_zh"].iloc[0].startswith(INJECTED)
    out = tmp_path / "reports"
    default = run("report", "--out", str(out))  # the portfolio charts and tables list the target too
    assert default.returncode == 0, default.stderr
    single = run("report", "--target", injected["target_id"].iloc[0], "--out", str(out))
    assert single.returncode == 0, single.stderr
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    pdfs = sorted(out.glob("target_tiexi_urban_registered_unemployment_rate*.pdf")) + [out / "03_portfolio.pdf"]
    assert len(pdfs) == 2
    for pdf in pdfs:
        flat = re.sub(r"\s+", "", _pdftotext(pdf))
        assert "\\input{/etc/hostname}" in flat and "$\\notacommand$" in flat and "**粗**" in flat, pdf.name
        assert "[U+1F4C8]" in flat, pdf.name
        if len(hostname) > 6:
            assert hostname not in flat, pdf.name
