"""PDF rendering: an executed notebook with Chinese text, a table and a chart becomes an A4 PDF
without code, with every font embedded; LaTeX failures and missing glyphs are errors."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from shenyang_analysis.present.render import RenderError, glyph_warnings, render_pdf

pytestmark = pytest.mark.slow  # executes notebooks / renders PDFs

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "shenyang-analysis"


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


CODE = """\
import pandas as pd
import matplotlib.pyplot as plt
from shenyang_analysis.present.fonts import use_cjk_fonts

use_cjk_fonts()
df = pd.DataFrame({"指标": ["地区生产总值", "研发投入占比"], "目标值": [1500, 3.5], "单位": ["亿元", "%"]})
print(df)
"""
CHART = """\
fig, ax = plt.subplots(figsize=(4, 2.5))
ax.plot([2020, 2025], [1000, 1500])
ax.set_title("铁西区地区生产总值（亿元）")
plt.show()
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, require_tools):
    """The test notebook, executed with papermill and rendered once for the module."""
    require_tools("xelatex", "pandoc", "pdftotext", "pdffonts", "pdfinfo", kernel=True)
    import papermill

    d = tmp_path_factory.mktemp("render")
    nb = new_notebook(cells=[
        new_code_cell('region = "shenyang"', metadata={"tags": ["parameters"]}),
        new_markdown_cell("# 铁西区地区生产总值\n\n到2025年力争达到1500亿元（地区：`{region}`）。"),
        new_code_cell(CODE),
        new_code_cell(CHART),
        new_code_cell("print('region =', region)"),
    ])
    source, executed, pdf = d / "test.ipynb", d / "test.out.ipynb", d / "test.pdf"
    nbformat.write(nb, source)
    papermill.execute_notebook(str(source), str(executed), parameters={"region": "tiexi"}, kernel_name=KERNEL,
                               language="python", cwd=str(ROOT), progress_bar=False)
    render_pdf(executed, pdf, title="测试报告 Test report", vintage="assessments.csv sha256:0123abcd", date="2025-11-22")
    return executed, pdf


def test_pdf_has_chinese_text_table_and_no_code(rendered):
    executed, pdf = rendered
    text = _pdftotext(pdf)
    for expected in ("铁西区地区生产总值", "1500", "地区生产总值", "研发投入占比", "亿元", "测试报告",
                     "2025-11-22", "sha256:0123abcd", "region = tiexi"):
        assert expected in text, f"{expected!r} missing from the PDF text:\n{text}"
    for code in ("import", "print(", "use_cjk_fonts", "plt.", "In [", "Out["):
        assert code not in text, f"code {code!r} leaked into the PDF:\n{text}"
    assert glyph_warnings(nbformat.read(executed, as_version=4)) == []


def test_pdf_fonts_embedded_a4_and_stable_date(rendered):
    _, pdf = rendered
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    assert any("CJK" in line for line in fonts), fonts
    for line in fonts:  # columns: name type encoding emb sub uni object ID
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert re.search(r"CreationDate:\s+Sat Nov 22 00:00:00 2025", info), info
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert " image " in images, "the chart is missing"


def test_missing_character_is_an_error_and_keeps_old_pdf(tmp_path, require_tools):
    require_tools("xelatex", "pandoc")
    pdf = tmp_path / "snow.pdf"
    pdf.write_bytes(b"old report")
    nb = new_notebook(cells=[new_markdown_cell("雪人 ☃")])
    with pytest.raises(RenderError, match=r"no font can draw.*☃ \(U\+2603\)"):
        render_pdf(nb, pdf, title="t", vintage="v", max_latex_runs=1)
    assert pdf.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["snow.pdf"]  # no temporary file left


def test_latex_failure_names_notebook_and_shows_log_tail(tmp_path, require_tools):
    require_tools("xelatex", "pandoc")
    nb = new_notebook(cells=[new_code_cell("x", outputs=[
        new_output("display_data", data={"text/latex": r"\undefinedreportmacro{}", "text/plain": "x"})])])
    path = tmp_path / "broken_report.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(RenderError) as info:
        render_pdf(path, tmp_path / "broken_report.pdf", title="t", vintage="v", max_latex_runs=1)
    message = str(info.value)
    assert "broken_report.ipynb" in message and "Undefined control sequence" in message
    assert "undefinedreportmacro" in info.value.log
    assert not (tmp_path / "broken_report.pdf").exists()


def test_glyph_warning_in_outputs_is_an_error(tmp_path):
    warning = "/x.py:1: UserWarning: Glyph 38081 (\\N{CJK UNIFIED IDEOGRAPH-94C1}) missing from font(s) DejaVu Sans.\n"
    nb = new_notebook(cells=[new_code_cell("plot()", outputs=[new_output("stream", name="stderr", text=warning)])])
    with pytest.raises(RenderError, match="use_cjk_fonts"):
        render_pdf(nb, tmp_path / "x.pdf", title="t", vintage="v")
    assert not (tmp_path / "x.pdf").exists()


def test_titles_from_data_are_literal_and_a_notebook_may_name_its_report(tmp_path, require_tools):
    require_tools("xelatex", "pandoc", "pdftotext")
    from shenyang_analysis.present.render import REPORT_MIME

    hostile = "铁西区 \\input{/etc/hostname} $\\notacommand$ 50% & #1 📈"
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={"text/latex": "正文"})])])
    pdf = render_pdf(nb, tmp_path / "a.pdf", title=hostile, vintage="built \\input{x} 📈", date="2026-01-05")
    text = " ".join(_pdftotext(pdf).split())
    assert text.startswith("铁西区 \\input{/etc/hostname} $\\notacommand$ 50% & #1 [U+1F4C8]")
    assert "Data vintage: built \\input{x} [U+1F4C8]" in text
    nb.cells[0].outputs.insert(0, new_output("display_data", data={REPORT_MIME: {"title": "笔记本自己的标题"}, "text/latex": ""}))
    pdf = render_pdf(nb, tmp_path / "b.pdf", title="传入的标题", vintage="v", date="2026-01-05")
    assert _pdftotext(pdf).strip().startswith("笔记本自己的标题")


def test_one_xelatex_run_unless_the_layout_needs_a_second(tmp_path, monkeypatch, require_tools):
    """Outlines and labels nobody refers to are no reason for a second run; a page reference is."""
    require_tools("xelatex", "pandoc")
    from nbconvert.exporters.pdf import PDFExporter

    runs = []
    real = PDFExporter.run_command

    def counting(self, command_list, filename, count, *args, **kwargs):
        runs.append(command_list[0] if isinstance(command_list, list) else command_list)
        return real(self, command_list, filename, count, *args, **kwargs)

    monkeypatch.setattr(PDFExporter, "run_command", counting)
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={
        "text/latex": "\\section{结论}\\label{a}正文\\subsection{方法}正文"})])])
    render_pdf(nb, tmp_path / "one.pdf", title="t", vintage="v", date="2026-01-05")
    assert len(runs) == 1
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={
        "text/latex": "见第\\pageref{b}页。\\section{结论}\\label{b}正文"})])])
    runs.clear()
    render_pdf(nb, tmp_path / "two.pdf", title="t", vintage="v", date="2026-01-05")
    assert len(runs) == 2
