"""The notebooks in ``notebooks/``: each runs top to bottom with papermill on the embedded data
(a fresh build in a temporary directory) and shows what it promises (figures, non-empty
tables, paragraphs in words); committed without outputs; the real reports render to PDFs
whose text has the Chinese indicator names and the target values and no code."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from shenyang_analysis.config import HEADLINE_TARGETS

pytestmark = pytest.mark.slow  # executes notebooks / renders PDFs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "shenyang-analysis"

#: notebook -> (figures, tables, paragraphs in words) its outputs must contain at least.
PROMISES = {
    "01_overview.ipynb": (1, 6, 0),
    "02_target_report.ipynb": (1, 4, 1),
    "03_portfolio.ipynb": (1, 4, 1),
    "04_headlines.ipynb": (1, 1, 3),
    "05_calibration.ipynb": (2, 5, 3),
}
RUNS = [
    ("01_overview.ipynb", {}),
    ("02_target_report.ipynb", {"target_id": HEADLINE_TARGETS[0]}),   # Tiexi GDP: projection fan
    ("02_target_report.ipynb", {"target_id": HEADLINE_TARGETS[1]}),   # Tiexi R&D share: one point only
    ("03_portfolio.ipynb", {}),
    ("04_headlines.ipynb", {}),
    ("05_calibration.ipynb", {}),   # from data/derived only: run with ../shared out of reach
]
CODE_FRAGMENTS = ("import ", "sa.", "tables.show", "plt.show", "load_data", "def ")


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _html_tables(nb: nbformat.NotebookNode) -> list[str]:
    return [o["data"]["text/html"] for o in _outputs(nb) if "text/html" in o.get("data", {})
            and "<table" in o["data"]["text/html"]]


@pytest.fixture(scope="module")
def executed(built, tmp_path_factory, require_tools):
    """Every run in :data:`RUNS`, executed once with papermill (key: notebook and parameters)."""
    require_tools(kernel=True)
    import papermill

    out = tmp_path_factory.mktemp("executed")
    done = {}
    for name, extra in RUNS:
        params = {"processed_dir": str(built.outputs[0].parent), **extra}
        dest = out / f"{Path(name).stem}_{len(done)}.ipynb"
        with _no_shared_data(name == "05_calibration.ipynb", out):
            papermill.execute_notebook(str(NOTEBOOKS / name), str(dest), parameters=params, kernel_name=KERNEL,
                                       cwd=str(ROOT), progress_bar=False)
        done[(name, tuple(sorted(extra.items())))] = nbformat.read(dest, as_version=4)
    return done


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
        # what the report command injects into every notebook
        assert {"root", "processed_dir", "data_vintage"} <= declared, name


@pytest.mark.parametrize("name, extra", RUNS, ids=[f"{n}-{'-'.join(map(str, e.values()))}" for n, e in RUNS])
def test_notebook_runs_and_shows_what_it_promises(executed, name, extra):
    nb = executed[(name, tuple(sorted(extra.items())))]
    outputs = _outputs(nb)
    errors = [o for o in outputs if o["output_type"] == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    stderr = [o["text"] for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert not stderr, f"{name} wrote to stderr (warnings?): {stderr[0][:500]}"
    figures, tables, paragraphs = PROMISES[name]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= figures
    html = _html_tables(nb)
    assert len(html) >= tables
    for t in html:  # every table has a body with at least one row of cells
        assert re.search(r"<tbody>\s*<tr>.*?<td>", t, flags=re.S), t[:300]
    latex = [o["data"]["text/latex"] for o in outputs if "text/latex" in o.get("data", {})]
    assert len(latex) == len(html)  # the PDF gets every table too
    words = [o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {})]
    assert len(words) >= paragraphs


def test_target_report_says_in_words_what_the_numbers_say(executed):
    gdp = executed[("02_target_report.ipynb", (("target_id", HEADLINE_TARGETS[0]),))]
    text = " ".join(o["data"]["text/markdown"] for o in _outputs(gdp) if "text/markdown" in o.get("data", {}))
    assert "地区生产总值" in text and "1,500" in text
    assert "CAGR" in text and "probability" in text
    rd = executed[("02_target_report.ipynb", (("target_id", HEADLINE_TARGETS[1]),))]
    text = " ".join(o["data"]["text/markdown"] for o in _outputs(rd) if "text/markdown" in o.get("data", {}))
    # assessed on a stated, borrowed basis (the city's trend, provinces' yearly changes), as of 2020
    assert "3.5%" in text and "parent city" in text and "not a live forecast" in text


def test_headline_notebook_has_the_three_targets_side_by_side(executed):
    nb = executed[("04_headlines.ipynb", ())]
    table = next(t for t in _html_tables(nb) if "required growth" in t)
    for label in ("地区生产总值 ≥ 1,500 亿元", "科技研发投入占地区生产总值比重 ≥ 3.5%", "≥ 1.1 万亿元"):
        assert label in table, label


def test_calibration_report_shows_the_reliability_table_with_counts_and_the_evidence(executed):
    nb = executed[("05_calibration.ipynb", ())]
    table = next(t for t in _html_tables(nb) if "Share met" in t and "Probability given" in t)
    for label in ("60–70 %", "90–100 %", "Targets"):
        assert label in table, label
    text = " ".join(o["data"]["text/markdown"] for o in _outputs(nb) if "text/markdown" in o.get("data", {}))
    assert "Of the targets given 60–70 % in the rolling test (2005–2012)" in text
    assert "Brier skill" in text and "Li, Liu, Weng & Zhou (2019)" in text


def test_calibration_report_renders_to_pdf(executed, tmp_path, require_tools):
    require_tools("xelatex", "pandoc", "pdftotext")
    from shenyang_analysis.present.render import render_pdf

    src = tmp_path / "05_calibration.ipynb"
    nbformat.write(executed[("05_calibration.ipynb", ())], src)
    pdf = render_pdf(src, tmp_path / "05_calibration.pdf", title="Calibration", vintage="v", date="2026-01-05")
    text = re.sub(r"\s+", " ", _pdftotext(pdf))
    assert "Share met" in text and "60–70 %" in text and "以上" in text
    for fragment in CODE_FRAGMENTS:
        assert fragment not in text, fragment


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_real_reports_render_with_chinese_text_values_and_embedded_fonts(executed, tmp_path, require_tools):
    require_tools("xelatex", "pandoc", "pdftotext", "pdffonts")
    from shenyang_analysis.present.render import render_pdf

    pdfs = {}
    for key, title in ((("04_headlines.ipynb", ()), "Headline targets"),
                       (("02_target_report.ipynb", (("target_id", HEADLINE_TARGETS[0]),)), "Tiexi GDP")):
        src = tmp_path / f"{Path(key[0]).stem}.ipynb"
        nbformat.write(executed[key], src)
        pdfs[key[0]] = render_pdf(src, tmp_path / f"{Path(key[0]).stem}.pdf", title=title, vintage="test vintage",
                                  date="2026-01-05")
    heads = _pdftotext(pdfs["04_headlines.ipynb"])
    flat = re.sub(r"\s+", "", heads)
    for text in ("地区生产总值", "1,500亿元", "科技研发投入占地区生产总值比重", "3.5%", "1.1万亿元", "产业集群", "testvintage"):
        assert text in flat, text
    gdp = _pdftotext(pdfs["02_target_report.ipynb"])
    assert "铁西区" in gdp and "1,500" in gdp
    for text in (heads, gdp):
        for fragment in CODE_FRAGMENTS:
            assert fragment not in text, fragment
    for pdf in pdfs.values():
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and any("CJK" in r for r in rows)
        for row in rows:  # columns: name type encoding emb sub uni object ID
            assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"font not embedded: {row}"


def test_a_second_run_on_the_same_data_gives_the_same_report(built, executed, tmp_path, require_tools):
    """Same outputs cell by cell (figures included) and, rendered on the same date, the same PDF bytes."""
    require_tools("xelatex", "pandoc", kernel=True)
    import papermill

    from shenyang_analysis.present.render import render_pdf

    first = executed[("04_headlines.ipynb", ())]
    again = tmp_path / "again.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / "04_headlines.ipynb"), str(again),
                               parameters={"processed_dir": str(built.outputs[0].parent)}, kernel_name=KERNEL,
                               cwd=str(ROOT), progress_bar=False)
    second = nbformat.read(again, as_version=4)
    strip = lambda nb: [{k: v for k, v in o.items() if k != "metadata"} for o in _outputs(nb)]  # noqa: E731
    assert strip(first) == strip(second)
    nbformat.write(first, tmp_path / "first.ipynb")
    a = render_pdf(tmp_path / "first.ipynb", tmp_path / "a.pdf", title="Headline targets", vintage="v", date="2026-01-05")
    b = render_pdf(again, tmp_path / "b.pdf", title="Headline targets", vintage="v", date="2026-01-05")
    assert a.read_bytes() == b.read_bytes()
