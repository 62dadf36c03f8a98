"""Render an executed notebook to an A4 PDF with nbconvert and xelatex (xeCJK, Noto CJK fonts).

The PDF shows markdown and outputs only: code, input prompts and output prompts are left
out. The title block carries the report's title, date and data vintage (see the template
in ``templates/report/``, which loads only the packages the reports use). The title is shown
literally (:func:`~shenyang_analysis.present.text.latex_literal`); a notebook may set its
own title with an output of type :data:`REPORT_MIME` (``{"title": ...}``), which then wins
over the one passed in. Cells tagged ``remove_cell`` are dropped; cells tagged
``remove_output`` keep no output.

xelatex runs once; it runs again only when its log says the layout depends on a second run
(long tables' column widths, or cross-references the document actually uses), not for the
PDF outline or labels nothing refers to (the ``bookmark`` package writes the outline in one
run).

A render fails with :class:`RenderError` (naming the notebook, with the tail of the LaTeX
log) when LaTeX fails, when xelatex reports a character no font can draw ("Missing
character: There is no ... in font ..."), or when an output of the notebook shows
matplotlib's "Glyph ... missing from font" warning. The PDF is written atomically: a
failed render leaves no file and an older PDF of the same name untouched.

>>> missing_characters("Missing character: There is no 铁 (U+94C1) in font [lmroman10-regular]:mapping=tex-text;!")
['铁 (U+94C1) in font [lmroman10-regular]']
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # nbformat costs a second to import: only where a notebook is read
    import nbformat

from ..io.atomic import atomic_path
from .text import latex_literal

__all__ = [
    "REPORT_MIME",
    "REQUIRED_TOOLS",
    "TEMPLATE_DIR",
    "notebook_title",
    "RenderError",
    "glyph_warnings",
    "latex_source",
    "missing_characters",
    "missing_tools",
    "needs_rerun",
    "render_pdf",
]

#: Directory holding the nbconvert template ``report`` (``templates/report/index.tex.j2``).
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "report"
#: Programs a render needs on PATH (Debian packages in scripts/system-packages.txt).
REQUIRED_TOOLS = ("xelatex", "pandoc")
LOG_TAIL_LINES = 40

#: Output type by which a notebook names its report (``{"title": "..."}``).
REPORT_MIME = "application/vnd.shenyang-analysis.report+json"

_MISSING_CHAR = re.compile(r"Missing character: There is no (.+?) in font ([^:!\n]*)")
# A second run changes the pages only for these (longtable widths; references actually used).
_RERUN_LAYOUT = re.compile(r"Table widths have changed\. Rerun LaTeX")
_RERUN_REFS = re.compile(r"Rerun to get cross-references right|Label\(s\) may have changed")
_USES_REFS = re.compile(r"\\(?:page)?ref\{|\\autoref\{|\\tableofcontents")
_GLYPH_WARNING = re.compile(r"Glyph \d+ .*?missing from (?:current )?font.*")


class RenderError(RuntimeError):
    """A notebook could not be rendered; ``log`` holds the full LaTeX log when there is one."""

    def __init__(self, message: str, log: str = "") -> None:
        super().__init__(message)
        self.log = log


@dataclass(frozen=True)
class _Report:
    title: str
    date: str
    vintage: str


def missing_characters(log: str) -> list[str]:
    """The distinct "Missing character" entries of a xelatex log, in order of appearance.

    >>> missing_characters("x\\nMissing character: There is no ☃ (U+2603) in font [lmmono10-regular]!\\n")
    ['☃ (U+2603) in font [lmmono10-regular]']
    >>> missing_characters("no problems here")
    []
    """
    found = (f"{m.group(1)} in font {m.group(2).strip()}" for m in _MISSING_CHAR.finditer(log))
    return list(dict.fromkeys(found))


def glyph_warnings(nb: nbformat.NotebookNode) -> list[str]:
    """matplotlib "Glyph ... missing from font" warnings among a notebook's outputs.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
    ...     nbformat.v4.new_output("stream", name="stderr",
    ...         text="UserWarning: Glyph 38081 (\\\\N{CJK UNIFIED IDEOGRAPH-94C1}) missing from font(s) DejaVu Sans.")])])
    >>> glyph_warnings(nb)
    ['Glyph 38081 (\\\\N{CJK UNIFIED IDEOGRAPH-94C1}) missing from font(s) DejaVu Sans.']
    """
    found: list[str] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else "\n".join(out.get("traceback", []))
            found.extend(m.group(0).strip() for m in _GLYPH_WARNING.finditer(text))
    return list(dict.fromkeys(found))


def missing_tools() -> list[str]:
    """Programs from :data:`REQUIRED_TOOLS` that are not on PATH (empty when all are)."""
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


def _exporter_config() -> Any:
    from traitlets.config import Config

    c = Config()
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = ("remove_cell",)
    c.TagRemovePreprocessor.remove_all_outputs_tags = ("remove_output",)
    return c


def _resources(report: _Report, name: str, directory: Path) -> dict[str, Any]:
    return {
        "metadata": {"name": name, "path": str(directory)},
        "report": {"title": report.title, "title_latex": latex_literal(report.title),
                   "title_plain": report.title, "date": report.date, "vintage": report.vintage,
                   "vintage_latex": latex_literal(report.vintage, breaks=True)},
    }


def notebook_title(nb: nbformat.NotebookNode) -> str | None:
    """The title a notebook gave its report (an output of type :data:`REPORT_MIME`), if any.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "display_data", data={REPORT_MIME: {"title": "铁西区 地区生产总值"}})])])
    >>> notebook_title(nb)
    '铁西区 地区生产总值'
    """
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("data", {}).get(REPORT_MIME)
            if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
                return meta["title"]
    return None


def needs_rerun(log: str, tex: str = "") -> bool:
    """Whether a second xelatex run would change the PDF's pages.

    >>> needs_rerun("Package rerunfilecheck Warning: File `x.out' has changed. Rerun to get outlines right")
    False
    >>> needs_rerun("LaTeX Warning: Label(s) may have changed. Rerun to get cross-references right.")
    False
    >>> needs_rerun("Label(s) may have changed.", tex="see p. \\\\pageref{x}")
    True
    >>> needs_rerun("Package longtable Warning: Table widths have changed. Rerun LaTeX.")
    True
    """
    return bool(_RERUN_LAYOUT.search(log) or (_RERUN_REFS.search(log) and _USES_REFS.search(tex)))


def _date_text(date: dt.date | str | None) -> str:
    if date is None:
        return dt.date.today().isoformat()
    return date.isoformat() if isinstance(date, dt.date) else str(date)


def _epoch(date_text: str) -> int:
    """Seconds since 1970 at midnight UTC of an ISO date (0 when the text is not a date)."""
    try:
        day = dt.date.fromisoformat(date_text[:10])
    except ValueError:
        return 0
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _read(notebook: str | Path | nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, str, Path]:
    import nbformat

    if isinstance(notebook, nbformat.NotebookNode):
        return notebook, "notebook", Path.cwd()
    path = Path(notebook)
    try:
        return nbformat.read(path, as_version=4), str(path), path.resolve().parent
    except (OSError, ValueError) as exc:
        raise RenderError(f"{path}: cannot read notebook: {exc}") from exc


def latex_source(
    notebook: str | Path | nbformat.NotebookNode, *, title: str, vintage: str, date: dt.date | str | None = None
) -> str:
    """The LaTeX source the PDF is made from (pandoc converts markdown cells; no LaTeX run).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('x')", outputs=[
    ...     nbformat.v4.new_output("stream", name="stdout", text="铁西区 1500\\n")])])
    >>> tex = latex_source(nb, title="测试", vintage="v1", date="2025-01-02")
    >>> "铁西区 1500" in tex, "print(" in tex, "a4paper" in tex, "\\\\usepackage{xeCJK}" in tex
    (True, False, True, True)
    """
    from nbconvert.exporters import LatexExporter

    nb, name, directory = _read(notebook)
    report = _Report(title=notebook_title(nb) or title, date=_date_text(date), vintage=vintage)
    exporter = _with_cache(LatexExporter(
        config=_exporter_config(), template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATE_DIR)]
    ))
    tex, _ = exporter.from_notebook_node(nb, resources=_resources(report, Path(name).stem, directory))
    return tex


@functools.lru_cache(maxsize=512)
def _pandoc(source: str, fmt: str, to: str, extra_args: tuple[str, ...] | None) -> str:
    from nbconvert.filters.pandoc import convert_pandoc

    return convert_pandoc(source, fmt, to, list(extra_args) if extra_args is not None else None)


def _cached_pandoc(source: str, from_format: str, to_format: str, extra_args: Any = None) -> str:
    """nbconvert's pandoc filter, once per distinct input in a process (a batch renders the same
    markdown cells many times; each conversion is a pandoc process)."""
    return _pandoc(source, from_format, to_format, tuple(extra_args) if extra_args is not None else None)


def _with_cache(exporter: Any) -> Any:
    exporter.register_filter("convert_pandoc", _cached_pandoc)
    return exporter


def _log_tail(log: str, lines: int = LOG_TAIL_LINES) -> str:
    return "\n".join(log.rstrip().splitlines()[-lines:])


def _pdf_exporter(epoch: int, max_runs: int) -> Any:
    from nbconvert.exporters import PDFExporter

    class _ReportPDFExporter(PDFExporter):
        """PDFExporter that keeps the LaTeX log and skips bibtex (reports cite nothing)."""

        latex_log = ""

        def run_latex(self, filename: str, raise_on_failure: Any = None) -> bool:  # noqa: ARG002
            log = Path(filename).with_suffix(".log")
            tex = Path(filename).read_text(encoding="utf-8", errors="replace")
            for _ in range(max_runs):
                try:
                    super().run_latex(filename, raise_on_failure=RenderError)
                finally:
                    self.latex_log = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
                if not needs_rerun(self.latex_log, tex):
                    break
            return True

        def run_bib(self, filename: str, raise_on_failure: Any = False) -> bool:  # noqa: ARG002
            return False

    exporter = _ReportPDFExporter(
        config=_exporter_config(), template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATE_DIR)]
    )
    # `env` sets SOURCE_DATE_EPOCH for xelatex alone, so the PDF's dates and ID are stable.
    exporter.latex_command = [
        "env", f"SOURCE_DATE_EPOCH={epoch}",
        "xelatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "{filename}",
    ]
    exporter.latex_count = 1  # run_latex repeats only when a rerun would change the pages
    return _with_cache(exporter)


def render_pdf(
    notebook: str | Path | nbformat.NotebookNode,
    pdf_path: str | Path,
    *,
    title: str,
    vintage: str,
    date: dt.date | str | None = None,
    max_latex_runs: int = 3,
) -> Path:
    """Render an executed notebook to ``pdf_path`` (written atomically); return the path.

    ``date`` (default today) is printed under the title and fixes the PDF's creation date
    (``SOURCE_DATE_EPOCH``), so the same notebook rendered on the same day gives the same
    PDF. xelatex runs again (up to ``max_latex_runs`` times) only while a rerun would change
    the pages (:func:`needs_rerun`). Raises :class:`RenderError` naming the notebook, with the
    LaTeX log's tail.
    """
    nb, name, directory = _read(notebook)
    glyphs = glyph_warnings(nb)
    if glyphs:
        raise RenderError(
            f"{name}: a chart has characters its font cannot draw ({glyphs[0]}); "
            "call shenyang_analysis.present.fonts.use_cjk_fonts() before plotting"
        )
    absent = missing_tools()
    if absent:
        raise RenderError(
            f"{name}: cannot render: {', '.join(absent)} not found on PATH; "
            "install the packages in scripts/system-packages.txt with `bash scripts/setup.sh`"
        )
    report = _Report(title=notebook_title(nb) or title, date=_date_text(date), vintage=vintage)
    exporter = _pdf_exporter(_epoch(report.date) or int(os.environ.get("SOURCE_DATE_EPOCH", "0")), max_latex_runs)
    try:
        pdf, _ = exporter.from_notebook_node(nb, resources=_resources(report, Path(name).stem, directory))
    except RenderError as exc:
        log = exporter.latex_log or str(exc)
        raise RenderError(f"{name}: LaTeX failed; end of the log:\n{_log_tail(log)}", log=log) from None
    except Exception as exc:  # nbconvert/pandoc errors
        raise RenderError(f"{name}: conversion to LaTeX failed: {type(exc).__name__}: {exc}") from exc
    missing = missing_characters(exporter.latex_log)
    if missing:
        shown = "; ".join(missing[:10]) + (f"; ... ({len(missing)} in all)" if len(missing) > 10 else "")
        raise RenderError(f"{name}: no font can draw some characters: {shown}", log=exporter.latex_log)
    with atomic_path(pdf_path) as tmp:
        tmp.write_bytes(pdf)
    return Path(pdf_path)
