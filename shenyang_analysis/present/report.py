"""``python -m shenyang_analysis report``: execute the notebooks with papermill, render PDFs.

Which reports (in ``--out``, default ``reports/``):

* no flags: ``01_overview.pdf``, ``03_portfolio.pdf``, ``04_headlines.pdf``,
  ``05_calibration.pdf`` and one target report (notebook ``02_target_report``) per id in
  :data:`HEADLINE_TARGETS`;
* ``--target ID`` (repeatable): the target reports of those targets only -- any target of the
  table or of ``assessments.csv``, assessed or not (an unknown id is refused naming the nearest ids);
* ``--all``: 01, 03, 04, 05 and a target report for every target statement in ``assessments.csv``.

A target report's file name says what the target is: ``target_<region>_<indicator>_<year>_<value>.pdf``
(``target_tiexi_gdp_2025_1500yi-yuan.pdf``; the document and offset are added when two targets
of the table would share a name); its title says the same in the report's language; the id
stays in the provenance table and in ``index.csv``.

Every notebook gets these parameters (declare them in the cell tagged ``parameters``):
``root``, ``processed_dir``, ``data_vintage`` (see :func:`data_vintage`), ``lang`` (``zh``
or ``en``), ``model`` and ``inflation_pct`` (empty: the build's own), and ``target_id`` for
``02_target_report``. Notebooks are read from ``notebooks/`` (``$SHENYANG_NOTEBOOKS_DIR``).
They run ``--jobs`` at a time (default: the number of CPUs), each worker with one kernel kept
warm for its whole share of the batch, every notebook in a fresh state
(:mod:`~shenyang_analysis.present.kernels`).

Before anything is written, every input the notebooks read is read once (the build's tables,
the history files, the notebooks themselves, the calibration report's committed results in
``data/derived/``) and the output folder is checked for writing: a
problem there is one line on stderr and exit status 2, and no report is touched. A report that
fails keeps the last good PDF of its name (the index and stderr say which, and from when), its
executed copy in ``failed/<name>.ipynb`` and its LaTeX log in ``failed/<name>.log``; the run exits 1
only when a report truly failed, 0 when every report was written. Leftovers of an interrupted
run (``.run-*`` folders, temporary files) are removed by the next one.

>>> slug_value(1.5e11, "yuan"), slug_value(3.5, "percent"), slug_value(30000.0, "count")
('1500yi-yuan', '3.5pct', '30000')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import importlib
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context, util
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import HEADLINE_TARGETS, paths
from ..datasets import all_targets as every_target, check_inputs, nearest_targets, statement_ids
from ..io.atomic import write_text
from ..io.digest import file_sha256
from ..io.locks import build_lock
from ..model.target_probability import load_calibration_bins, load_calibration_years, load_target_model
from . import labels as L
from .kernels import KernelSession, quiet_imports
from .render import RenderError, missing_tools, render_pdf
from .reportindex import INDEX_COLUMNS, merge_index, pdf_date, read_index, write_index

__all__ = [
    "HEADLINE_TARGETS", "INDEX_COLUMNS", "KERNEL_NAME", "TITLES", "Job", "JobResult", "ReportError", "data_vintage",
    "plan_jobs", "report_name", "slug_value", "run_reports", "make_reports", "check_out_dir", "clean_leftovers",
]

KERNEL_NAME = "shenyang-analysis"
STATIC_NOTEBOOKS: tuple[str, ...] = ("01_overview.ipynb", "03_portfolio.ipynb", "04_headlines.ipynb", "05_calibration.ipynb")
TARGET_NOTEBOOK = "02_target_report.ipynb"
CALIBRATION_NOTEBOOK = "05_calibration.ipynb"
#: The static reports' titles in English (:func:`~shenyang_analysis.present.labels.report_title`
#: gives them in the report's language).
TITLES: Mapping[str, str] = {Path(nb).stem: L.report_title(nb, "en") for nb in STATIC_NOTEBOOKS}
#: Seconds one notebook cell may run before the notebook counts as failed.
CELL_TIMEOUT = 900
#: Environment of the kernels and xelatex: stable hashing (the same data gives the same report),
#: charts as vector PDF only (the PNG is for JupyterLab; plots.FORMATS_ENV).
REPORT_ENV = {"PYTHONHASHSEED": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1", "SHENYANG_FIGURE_FORMATS": "pdf"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ReportError(Exception):
    """Bad input for a report run (unknown target, missing or damaged data, kernel, LaTeX, output folder): exit status 2."""


@dataclass(frozen=True)
class Job:
    """One notebook to execute and render to ``<name>.pdf``."""

    notebook: str
    name: str
    title: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    target_id: str = ""
    info: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobResult:
    """What happened to a :class:`Job`; ``note`` says why a failure failed and what was kept."""

    job: Job
    ok: bool
    seconds: float
    error: str = ""
    note: str = ""


# --- naming -------------------------------------------------------------------------------

def slug_value(value: float, unit: str) -> str:
    """A target value for a file name (ASCII): 亿 as ``yi``, percent as ``pct``."""
    if unit in ("yuan", "usd"):
        return f"{value / 1e8:g}yi-{unit}"
    if unit in ("percent", "percentage_point"):
        return f"{value:g}{'pct' if unit == 'percent' else 'pp'}"
    return f"{value:g}" + ("" if unit == "count" else unit)


def _base_name(t: Mapping[str, Any]) -> str:
    indicator = t.get("indicator")
    indicator = indicator if isinstance(indicator, str) and indicator else "unlisted"
    year = str(int(t["year"])) if pd.notna(t.get("year")) else "noyear"
    parts = ["target", str(t.get("region")), indicator, year, slug_value(float(t["value"]), str(t["unit"]))]
    return "_".join(_UNSAFE.sub("-", p).strip("-.") for p in parts)


def report_name(target: Mapping[str, Any], clashes: Counter | None = None) -> str:
    """The report file name (without ``.pdf``) of a target row: region, indicator, year and
    value; with the document and offset when ``clashes`` (base names over the whole table)
    says another target shares it.

    >>> t = {"target_id": "003_2e6eae32420e2f95@2109", "region": "shenyang", "indicator": "sci_tech_enterprises",
    ...      "year": 2025, "value": 30000.0, "unit": "count"}
    >>> report_name(t), report_name(t, Counter({"target_shenyang_sci_tech_enterprises_2025_30000": 2}))
    ('target_shenyang_sci_tech_enterprises_2025_30000', 'target_shenyang_sci_tech_enterprises_2025_30000_003-2109')
    """
    base = _base_name(target)
    if clashes and clashes[base] > 1:
        doc, _, offset = str(target["target_id"]).partition("@")
        base += "_" + _UNSAFE.sub("-", f"{doc[:3]}-{offset}")
    return base


def _names(targets: pd.DataFrame, assessments: pd.DataFrame) -> dict[str, str]:
    """The report name of every target row; a repeat of a statement judged under another id
    (``duplicate_ids``) always carries its document and offset, so it never takes that name."""
    repeats = {i for i, first in statement_ids(assessments).items() if i != first}
    rows = targets[targets["kind"] == "target"].to_dict("records")
    clashes = Counter(_base_name(t) for t in rows if str(t["target_id"]) not in repeats)
    always = Counter({_base_name(t): 2 for t in rows})
    return {str(t["target_id"]): report_name(t, always if str(t["target_id"]) in repeats else clashes) for t in rows}


# --- planning -----------------------------------------------------------------------------

def data_vintage(directory: Path) -> str:
    """The data version shown on every report: content hash of assessments.csv, build time or summary hash.

    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "assessments.csv").write_text("target_id\\nx@1\\n")
    >>> _ = (d / "build_summary.json").write_text('{"built_at": "2025-11-22T08:00:00+08:00"}')
    >>> data_vintage(d)
    'assessments.csv sha256:7050cdaa1761, built 2025-11-22T08:00:00+08:00'
    """
    directory = Path(directory)
    parts = []
    if (directory / "assessments.csv").is_file():
        parts.append(f"assessments.csv sha256:{file_sha256(directory / 'assessments.csv')[:12]}")
    summary = directory / "build_summary.json"
    if summary.is_file():
        built_at = None
        with contextlib.suppress(ValueError, OSError, AttributeError):
            built_at = json.loads(summary.read_text(encoding="utf-8")).get("built_at")
        parts.append(f"built {built_at}" if built_at else f"build_summary.json sha256:{file_sha256(summary)[:12]}")
    return ", ".join(parts) or f"no data in {directory}"


def _info(t: Mapping[str, Any], assessed: Mapping[str, Mapping[str, Any]], lang: str) -> dict[str, Any]:
    a = assessed.get(str(t["target_id"]), {})
    row = {**t, "target_value": t["value"], **{k: v for k, v in a.items() if k in ("target_value", "comparator")}}
    return {"title": L.target_title(row, lang), "indicator": t.get("indicator") or "", "region": t.get("region"),
            "year": int(t["year"]) if pd.notna(t.get("year")) else "", "status": a.get("status", "")}


def _wanted(targets: pd.DataFrame, assessments: pd.DataFrame, wanted: Sequence[str], all_targets: bool) -> tuple[list[str], tuple[str, ...]]:
    if all_targets:
        return [str(t) for t in dict.fromkeys(assessments["target_id"])], STATIC_NOTEBOOKS
    if wanted:
        return list(dict.fromkeys(wanted)), ()
    return list(HEADLINE_TARGETS), STATIC_NOTEBOOKS


def _refuse_unknown(ids: Sequence[str], targets: pd.DataFrame) -> None:
    kinds = dict(zip(targets["target_id"].astype(str), targets["kind"].astype(str)))
    problems = []
    for tid in ids:
        if kinds.get(tid) == "observation":
            problems.append(f"{tid} is an observation, not a target")
        elif tid not in kinds:
            near = nearest_targets(tid, targets)
            problems.append(f"unknown target id {tid}" + (f" (nearest: {', '.join(near)})" if near else ""))
    if problems:
        raise ReportError("; ".join(problems) + " — look targets up with sa.find_targets(region=, indicator=, year=, text=)")


def plan_jobs(
    targets: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    wanted: Sequence[str] = (),
    all_targets: bool = False,
    parameters: Mapping[str, Any] | None = None,
    lang: str = L.DEFAULT_LANG,
) -> list[Job]:
    """The reports to make: the default set, ``wanted`` target ids only, or every target
    statement of ``assessments`` (``all_targets``: the target table's, one per repeated
    statement, and the history files' targets), with their file names and titles (see the
    module docstring). ``targets`` is the target table; the history files' targets are added."""
    targets = every_target(targets)
    ids, static = _wanted(targets, assessments, wanted, all_targets)
    _refuse_unknown(ids, targets)
    common = dict(parameters or {})
    names = _names(targets, assessments)
    by_id = {str(t["target_id"]): t for t in targets.to_dict("records")}
    assessed = {str(a["target_id"]): a for a in assessments.to_dict("records")}
    jobs = [Job(notebook=nb, name=Path(nb).stem, title=L.report_title(nb, lang), parameters=common) for nb in static]
    for tid in ids:
        info = _info(by_id[tid], assessed, lang)
        jobs.append(Job(notebook=TARGET_NOTEBOOK, name=names[tid], title=info["title"],
                        parameters={**common, "target_id": tid}, target_id=tid, info=info))
    return jobs


# --- checks before a run ------------------------------------------------------------------

def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that cannot be created or written (one line, no traceback)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".write-check-"):
            pass
    except OSError as exc:
        raise ReportError(f"--out {out_dir}: cannot write there ({exc.strerror or exc})") from None


def _read_inputs(data_dir: Path, notebooks: Path, jobs: Sequence[Job]) -> None:
    """Read every input the notebooks read: a damaged one is a :class:`ReportError` naming it."""
    import nbformat

    for nb in sorted({j.notebook for j in jobs}):
        path = notebooks / nb
        try:
            nbformat.read(path, as_version=4)
        except FileNotFoundError:
            raise ReportError(f"notebook not found: {path}") from None
        except (OSError, ValueError) as exc:
            raise ReportError(f"{path}: cannot read the notebook: {str(exc).splitlines()[0]}") from None
    try:
        check_inputs(data_dir)
        if any(j.notebook == CALIBRATION_NOTEBOOK for j in jobs):  # the calibration report's committed results
            load_target_model(), load_calibration_bins(), load_calibration_years()
    except FileNotFoundError as exc:
        raise ReportError(f"{exc}") from None
    except Exception as exc:  # noqa: BLE001 - any damaged input stops the run before anything is written
        raise ReportError(f"cannot read the data the reports need: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None


def _check_environment() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise ReportError(f"Jupyter kernel {KERNEL_NAME!r} is not registered: run `bash scripts/setup.sh`") from None
    absent = missing_tools()
    if absent:
        raise ReportError(f"{', '.join(absent)} not found on PATH: run `bash scripts/setup.sh`")


# --- running ------------------------------------------------------------------------------

def _error_text(exc: BaseException) -> str:
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:  # papermill.PapermillExecutionError
        return f"cell {getattr(exc, 'exec_count', '?')} raised {ename}: {evalue}".splitlines()[0]
    if isinstance(exc, RenderError):
        return str(exc).splitlines()[0]
    return f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__


def _keep_failure(job: Job, executed: Path, failed_dir: Path, log: str) -> list[str]:
    """Keep the executed notebook (when it is whole) and the LaTeX log; say what was kept."""
    notes = []
    try:
        if executed.exists():
            import nbformat

            nbformat.read(executed, as_version=4)  # a truncated copy (full disk) is not kept
            failed_dir.mkdir(parents=True, exist_ok=True)
            os.replace(executed, failed_dir / f"{job.name}.ipynb")
            notes.append(f"executed notebook in failed/{job.name}.ipynb")
        if log:
            write_text(failed_dir / f"{job.name}.log", log)
            notes.append(f"LaTeX log in failed/{job.name}.log")
    except (OSError, ValueError) as exc:
        notes.append(f"the evidence could not be kept ({getattr(exc, 'strerror', None) or exc})")
    return notes


def run_job(job: Job, *, session: KernelSession, notebooks: Path, out_dir: Path, work_dir: Path, vintage: str,
            date: str) -> JobResult:
    """Execute ``job``'s notebook and render ``out_dir/<name>.pdf``; never raises, never deletes a good PDF."""
    start = time.monotonic()
    pdf, failed_dir = out_dir / f"{job.name}.pdf", out_dir / "failed"
    executed = work_dir / f"{job.name}.ipynb"
    try:
        session.execute(notebooks / job.notebook, executed, job.parameters)
        render_pdf(executed, pdf, title=job.title, vintage=vintage, date=date)
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the run
        error = _error_text(exc)
        kept = f"the previous {pdf.name} of {pdf_date(pdf)} is kept" if pdf.is_file() else "no earlier PDF"
        notes = [error, kept, *_keep_failure(job, executed, failed_dir, getattr(exc, "log", ""))]
        return JobResult(job, False, time.monotonic() - start, error=error, note="; ".join(notes))
    for stale in (failed_dir / f"{job.name}.ipynb", failed_dir / f"{job.name}.log", executed):
        with contextlib.suppress(OSError):
            stale.unlink()
    return JobResult(job, True, time.monotonic() - start)


_SESSION: KernelSession | None = None


def _session() -> KernelSession:
    global _SESSION
    if _SESSION is None:
        _SESSION = _new_session().start()
        util.Finalize(_SESSION, _SESSION.close, exitpriority=10)
    return _SESSION


def _worker_job(kwargs: dict[str, Any]) -> JobResult:
    quiet_imports()
    return run_job(session=_session(), **kwargs)


@contextlib.contextmanager
def _environ(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables (inherited by kernels and xelatex) for the duration of a run."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def report_date() -> str:
    """Today's date (ISO), or the date of ``$SOURCE_DATE_EPOCH`` when set (reproducible runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def default_jobs() -> int:
    """The number of CPUs this process may use (the default of ``--jobs``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _new_session() -> KernelSession:
    return KernelSession(KERNEL_NAME, paths().root, CELL_TIMEOUT, ["--IPKernelApp.log_level=ERROR"])


def _import_renderer() -> None:
    """Import nbconvert in the background while the first notebook runs in its kernel."""
    threading.Thread(target=lambda: importlib.import_module("nbconvert.exporters"), daemon=True).start()


def run_reports(
    jobs: Sequence[Job], *, out_dir: Path, notebooks: Path, vintage: str, workers: int = 1, date: str | None = None,
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
    session: KernelSession | None = None,
) -> list[JobResult]:
    """Run ``jobs`` (``workers`` at a time, each worker with one warm kernel; ``session``: the
    one kernel of a single worker, when already started); one progress line per finished
    report; results in the order of ``jobs``. Call with the lock held."""
    date = date or report_date()
    work_dir = Path(tempfile.mkdtemp(prefix=".run-", dir=out_dir))
    calls = [dict(job=j, notebooks=notebooks, out_dir=out_dir, work_dir=work_dir, vintage=vintage, date=date) for j in jobs]
    results: dict[str, JobResult] = {}

    def done(r: JobResult) -> None:
        results[r.job.name] = r
        progress(f"[{len(results)}/{len(jobs)}] {'ok' if r.ok else 'FAILED'} {Path(r.job.notebook).stem} {r.job.name} "
                 f"({r.seconds:.1f} s)" + ("" if r.ok else f": {r.note}"))

    try:
        with _environ(REPORT_ENV):
            if workers <= 1 or len(jobs) <= 1:
                _import_renderer()
                with session or _new_session() as s:
                    for call in calls:
                        done(run_job(session=s, **call))
            else:
                if session is not None:
                    session.close()  # each worker starts its own
                with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=get_context("spawn"),
                                         initializer=_session) as pool:
                    futures = {pool.submit(_worker_job, call): call["job"] for call in calls}
                    for fut in as_completed(futures):
                        try:
                            done(fut.result())
                        except Exception as exc:  # noqa: BLE001 - a crashed worker fails its job only
                            done(JobResult(futures[fut], False, 0.0, error=_error_text(exc), note=_error_text(exc)))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    return [results[j.name] for j in jobs]


# --- a whole run --------------------------------------------------------------------------

@contextlib.contextmanager
def _lock(out_dir: Path, message: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir/.lock``; a second run waits for the first."""
    with open(out_dir / ".lock", "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message(f"waiting for another report run to finish ({out_dir / '.lock'})")
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def clean_leftovers(out_dir: Path) -> list[str]:
    """Remove what an interrupted run left (``.run-*`` folders, temporary files of atomic
    writes); call with the lock held. Returns the names removed.

    >>> d = Path(tempfile.mkdtemp()); (d / ".run-x1").mkdir(); _ = (d / ".a.pdf.k2.tmp").write_text("")
    >>> sorted(clean_leftovers(d)), sorted(p.name for p in d.iterdir())
    (['.a.pdf.k2.tmp', '.run-x1'], [])
    """
    removed = []
    for path in [*out_dir.glob(".run-*"), *out_dir.glob(".*.tmp"), *out_dir.glob("failed/.*.tmp"),
                 *out_dir.glob(".write-check-*")]:
        try:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(str(path.relative_to(out_dir)))
        except OSError:
            pass
    return removed


def _index_rows(results: Sequence[JobResult]) -> list[dict[str, Any]]:
    return [{"file": f"{r.job.name}.pdf", "notebook": r.job.notebook, "target_id": r.job.target_id,
             "title": r.job.info.get("title", r.job.title), **{k: r.job.info.get(k, "") for k in ("indicator", "region", "year", "status")},
             "result": "ok" if r.ok else "failed", "seconds": round(r.seconds, 1), "pdf_date": "", "note": r.note}
            for r in results]


def _summary(results: Sequence[JobResult], date: str) -> str:
    failed = [r for r in results if not r.ok]
    if not failed:
        return f"Run of {date}: all {len(results)} reports written."
    return (f"Run of {date}: {len(failed)} of {len(results)} reports FAILED; their earlier PDFs, if any, are kept "
            "and are out of date (see the notes).")


def _load_tables(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    for name in ("targets.parquet", "assessments.csv"):
        if not (data_dir / name).is_file():
            raise ReportError(f"{data_dir / name} not found: run `python -m shenyang_analysis build` first")
    try:
        targets = pd.read_parquet(data_dir / "targets.parquet")
        assessments = pd.read_csv(data_dir / "assessments.csv", dtype={"target_id": str}, keep_default_na=False,
                                  na_values=[""])
    except Exception as exc:  # noqa: BLE001 - a damaged file stops the run before anything is written
        raise ReportError(f"cannot read the build in {data_dir}: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None
    for name, frame, cols in (("targets.parquet", targets, ("target_id", "kind", "region", "value", "unit", "year")),
                              ("assessments.csv", assessments, ("target_id", "status"))):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise ReportError(f"{data_dir / name}: no column(s) {', '.join(missing)}; rebuild with `python -m shenyang_analysis build`")
    return targets, assessments


def make_reports(
    *, targets: Sequence[str] = (), all_targets: bool = False, workers: int | None = None, out_dir: Path | None = None,
    notebooks: Path | None = None, data_dir: Path | None = None, lang: str = L.DEFAULT_LANG, model: str | None = None,
    inflation_pct: float | None = None,
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> list[JobResult]:
    """Plan, check, run and index a report run; raises :class:`ReportError` on bad input."""
    quiet_imports()
    lang = L.check_lang(lang)
    out_dir = Path(out_dir or paths().reports_dir).resolve()
    notebooks = Path(notebooks or paths().notebooks_dir).resolve()
    data_dir = Path(data_dir or paths().processed_dir).resolve()
    table, assessments = _load_tables(data_dir)
    vintage = data_vintage(data_dir)
    params = {"root": str(paths().root), "processed_dir": str(data_dir), "data_vintage": vintage, "lang": lang,
              "model": model or "", "inflation_pct": inflation_pct}
    jobs = plan_jobs(table, assessments, wanted=targets, all_targets=all_targets, parameters=params, lang=lang)
    check_out_dir(out_dir)
    _check_environment()
    workers = workers or default_jobs()
    with _environ(REPORT_ENV):
        # one worker: its kernel starts and imports while the inputs are checked
        session = _new_session().start() if workers <= 1 or len(jobs) <= 1 else None
        try:
            _read_inputs(data_dir, notebooks, jobs)
            return _locked_run(jobs, out_dir, notebooks, vintage, workers, progress, session)
        finally:
            if session is not None:
                session.close()


def _locked_run(jobs: Sequence[Job], out_dir: Path, notebooks: Path, vintage: str, workers: int,
                progress: Callable[[str], None], session: KernelSession | None) -> list[JobResult]:
    """Under the output folder's lock: clean up, read the old index, run, write the index."""
    with _lock(out_dir, progress):
        removed = clean_leftovers(out_dir)
        if removed:
            progress(f"removed what an interrupted run left: {', '.join(removed)}")
        old, warning = read_index(out_dir)
        if warning:
            progress(f"warning: {warning}")
        results = run_reports(jobs, out_dir=out_dir, notebooks=notebooks, vintage=vintage, workers=workers,
                              progress=progress, session=session)
        index = merge_index(out_dir, old, _index_rows(results), lost=bool(warning))
        try:
            write_index(out_dir, index, vintage, _summary(results, report_date()))
        except OSError as exc:
            error = f"index.csv and index.md could not be written ({exc.strerror or exc})"
            progress(f"error: {error}; the reports are as listed above")
            return [*results, JobResult(Job("", "index", "index"), False, 0.0, error=error, note=error)]
    return results


def main(args: Any) -> int:
    """The ``report`` subcommand (``args`` from :mod:`shenyang_analysis.cli`); returns the exit status."""
    try:
        with build_lock(paths().processed_dir, shared=True, who="report"):  # no build switches the data under this run
            results = make_reports(targets=args.target or (), all_targets=args.all, workers=args.jobs, out_dir=args.out,
                                   lang=args.lang, model=args.model, inflation_pct=args.inflation_pct)
    except (ReportError, L.LabelError) as exc:
        print(f"error: {str(exc).strip(chr(34))}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    reports = [r for r in results if r.job.notebook]  # not the index
    out = Path(args.out or paths().reports_dir)
    print(f"{sum(r.ok for r in reports)} of {len(reports)} reports written to {out}; index: {out / 'index.csv'}",
          file=sys.stderr)
    if failed:
        print(f"error: {len(failed)} report(s) failed; earlier PDFs are kept and are now out of date: "
              + "; ".join(f"{r.job.name}: {r.note}" for r in failed), file=sys.stderr)
        return 1
    return 0
