"""``python -m shenyang_analysis report``: execute the notebooks with papermill, render PDFs.

Which reports (file names in ``--out``, default ``reports/``):

* no flags: ``01_overview.pdf``, ``03_portfolio.pdf``, ``04_headlines.pdf``,
  ``05_calibration.pdf`` and one ``target_<id>.pdf`` (notebook ``02_target_report``) per id in
  :data:`HEADLINE_TARGETS`;
* ``--target ID`` (repeatable): ``target_<id>.pdf`` for those targets only;
* ``--all``: 01, 03, 04, 05 and a target report for every target in ``assessments.csv``.

Every notebook runs with the Jupyter kernel :data:`KERNEL_NAME`, working directory the
repository root, and these parameters injected by papermill (declare them in the cell
tagged ``parameters``):

* ``root`` (str): the repository root;
* ``processed_dir`` (str): the processed data directory (``data/processed`` or
  ``$SHENYANG_PROCESSED_DIR``);
* ``data_vintage`` (str): the data version printed on every report (see :func:`data_vintage`);
* ``target_id`` (str): only for ``02_target_report``.

Notebooks are read from ``notebooks/`` (``$SHENYANG_NOTEBOOKS_DIR`` overrides it). A
notebook that fails (execution or rendering) leaves its executed copy in
``failed/<name>.ipynb`` (and the LaTeX log in ``failed/<name>.log``), no PDF under its
name (an older one is removed), a ``failed`` row in ``index.csv``/``index.md``, and exit
status 1. Bad input (unknown target, missing data, kernel or LaTeX) gives exit status 2.

>>> report_name("02_target_report.ipynb", "002_74a2a09f36767d0c@9774")
'target_002_74a2a09f36767d0c_9774'
>>> report_name("03_portfolio.ipynb")
'03_portfolio'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import HEADLINE_TARGETS, paths
from ..io.atomic import write_text
from ..io.locks import build_lock
from .render import RenderError, missing_tools, render_pdf

__all__ = [
    "HEADLINE_TARGETS",
    "INDEX_COLUMNS",
    "KERNEL_NAME",
    "Job",
    "JobResult",
    "ReportError",
    "data_vintage",
    "load_assessments",
    "notebooks_dir",
    "plan_jobs",
    "report_name",
    "run_reports",
    "update_index",
]

KERNEL_NAME = "shenyang-analysis"
STATIC_NOTEBOOKS: tuple[str, ...] = ("01_overview.ipynb", "03_portfolio.ipynb", "04_headlines.ipynb", "05_calibration.ipynb")
TARGET_NOTEBOOK = "02_target_report.ipynb"
TITLES: Mapping[str, str] = {
    "01_overview": "Overview: targets in Shenyang's development plans",
    "03_portfolio": "Portfolio: feasibility of all targets",
    "04_headlines": "Headline targets",
    "05_calibration": "Calibration: do the growth-target probabilities mean what they say?",
}
#: Seconds one notebook cell may run before the notebook counts as failed.
CELL_TIMEOUT = 900
INDEX_COLUMNS: tuple[str, ...] = (
    "file", "notebook", "target_id", "indicator", "region", "year", "status", "result", "seconds", "note",
)
_TARGET_INFO = ("indicator", "region", "year", "status")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ReportError(Exception):
    """Bad input for a report run (unknown target, missing data, kernel or LaTeX): exit status 2."""


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
    """What happened to a :class:`Job`; ``note`` says where the evidence of a failure is."""

    job: Job
    ok: bool
    seconds: float
    error: str = ""
    note: str = ""


def report_name(notebook: str, target_id: str = "") -> str:
    """The report's file name without ``.pdf``: the notebook's stem, or ``target_<id>`` with unsafe characters as ``_``.

    >>> report_name("02_target_report.ipynb", "a/b@1")
    'target_a_b_1'
    """
    if target_id:
        return "target_" + _UNSAFE.sub("_", target_id).strip("_.")
    return Path(notebook).stem


def notebooks_dir() -> Path:
    """``$SHENYANG_NOTEBOOKS_DIR`` if set, else ``notebooks/`` in the repository."""
    return paths().notebooks_dir


def processed_dir() -> Path:
    """``$SHENYANG_PROCESSED_DIR`` if set, else ``data/processed`` (read at call time)."""
    return paths().processed_dir


def load_assessments(directory: Path) -> pd.DataFrame:
    """Read ``assessments.csv`` (target_id, region, indicator, year, status, ...) from ``directory``."""
    path = Path(directory) / "assessments.csv"
    if not path.is_file():
        raise ReportError(f"{path} not found: run `python -m shenyang_analysis build` first")
    try:
        df = pd.read_csv(path, dtype={"target_id": str}, keep_default_na=False, na_values=[""])
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: cannot read: {exc}") from exc
    if "target_id" not in df.columns:
        raise ReportError(f"{path}: no target_id column (columns: {', '.join(map(str, df.columns))})")
    return df


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_vintage(directory: Path) -> str:
    """The data version shown on every report: content hash of assessments.csv, build time or summary hash.

    The same data gives the same text (no file times are used).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "assessments.csv").write_text("target_id\\nx@1\\n")
    >>> _ = (d / "build_summary.json").write_text('{"built_at": "2025-11-22T08:00:00+08:00"}')
    >>> data_vintage(d)
    'assessments.csv sha256:7050cdaa1761, built 2025-11-22T08:00:00+08:00'
    """
    directory = Path(directory)
    parts = []
    assessments = directory / "assessments.csv"
    if assessments.is_file():
        parts.append(f"assessments.csv sha256:{_sha256(assessments)[:12]}")
    summary = directory / "build_summary.json"
    if summary.is_file():
        built_at = None
        with contextlib.suppress(ValueError, OSError, AttributeError):
            built_at = json.loads(summary.read_text(encoding="utf-8")).get("built_at")
        parts.append(f"built {built_at}" if built_at else f"build_summary.json sha256:{_sha256(summary)[:12]}")
    return ", ".join(parts) or f"no data in {directory}"


def _target_info(assessments: pd.DataFrame) -> dict[str, dict[str, Any]]:
    cols = [c for c in _TARGET_INFO if c in assessments.columns]
    first = assessments.drop_duplicates("target_id").set_index("target_id")[cols]
    return {
        str(tid): {k: ("" if pd.isna(v) else (int(v) if k == "year" and isinstance(v, float) else v)) for k, v in row.items()}
        for tid, row in first.iterrows()
    }


def _target_title(target_id: str, info: Mapping[str, Any]) -> str:
    detail = ", ".join(str(info[k]) for k in ("indicator", "region", "year") if info.get(k) not in (None, ""))
    return f"Target {target_id}" + (f": {detail}" if detail else "")


def plan_jobs(
    assessments: pd.DataFrame,
    *,
    targets: Sequence[str] = (),
    all_targets: bool = False,
    parameters: Mapping[str, Any] | None = None,
) -> list[Job]:
    """The reports to make: default set, ``targets`` only, or everything (``all_targets``).

    ``parameters`` (root, processed_dir, data_vintage) go to every notebook; target reports
    also get ``target_id``. Unknown targets raise :class:`ReportError` listing valid ones.

    >>> a = pd.DataFrame({"target_id": ["d@1", "d@2"], "indicator": ["gdp", "rd"], "region": ["tiexi"] * 2,
    ...                   "year": [2025, 2025], "status": ["on_track", "at_risk"]})
    >>> [j.name for j in plan_jobs(a, targets=["d@2"])]
    ['target_d_2']
    >>> [j.name for j in plan_jobs(a, all_targets=True)]
    ['01_overview', '03_portfolio', '04_headlines', '05_calibration', 'target_d_1', 'target_d_2']
    >>> plan_jobs(a, targets=["nope"])
    Traceback (most recent call last):
    ...
    shenyang_analysis.present.report.ReportError: unknown target id: nope (assessments.csv has 2 targets, e.g. d@1, d@2)
    """
    info = _target_info(assessments)
    common = dict(parameters or {})
    if all_targets:
        wanted, static = list(info), STATIC_NOTEBOOKS
    elif targets:
        wanted, static = list(dict.fromkeys(targets)), ()
    else:
        wanted, static = list(HEADLINE_TARGETS), STATIC_NOTEBOOKS
    unknown = [t for t in wanted if t not in info]
    if unknown:
        examples = ", ".join(list(info)[:5]) or "none"
        raise ReportError(
            f"unknown target id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
            f"(assessments.csv has {len(info)} targets, e.g. {examples})"
        )
    jobs = [
        Job(notebook=nb, name=report_name(nb), title=TITLES.get(Path(nb).stem, Path(nb).stem), parameters=common)
        for nb in static
    ]
    for tid in wanted:
        jobs.append(Job(
            notebook=TARGET_NOTEBOOK, name=report_name(TARGET_NOTEBOOK, tid), title=_target_title(tid, info[tid]),
            parameters={**common, "target_id": tid}, target_id=tid, info=info[tid],
        ))
    names = [j.name for j in jobs]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ReportError(f"target ids map to the same report file name: {', '.join(clashes)}")
    return jobs


# --- running one notebook (in this process or a worker process) -------------------------

def _remove(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False


def _execute(job: Job, source: Path, executed: Path) -> None:
    import papermill

    papermill.execute_notebook(
        str(source), str(executed), parameters=dict(job.parameters), kernel_name=KERNEL_NAME, language="python",
        cwd=str(paths().root), progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )


def _error_text(exc: BaseException) -> str:
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:  # papermill.PapermillExecutionError
        return f"cell {getattr(exc, 'exec_count', '?')} raised {ename}: {evalue}"
    return f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__


def run_job(job: Job, *, notebooks: Path, out_dir: Path, work_dir: Path, vintage: str, date: str) -> JobResult:
    """Execute ``job``'s notebook into ``work_dir`` and render ``out_dir/<name>.pdf``; never raises."""

    start = time.monotonic()
    pdf = out_dir / f"{job.name}.pdf"
    failed_dir = out_dir / "failed"
    executed = work_dir / f"{job.name}.ipynb"
    log = ""
    try:
        _execute(job, notebooks / job.notebook, executed)
        render_pdf(executed, pdf, title=job.title, vintage=vintage, date=date)
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the run
        error = _error_text(exc)
        if isinstance(exc, RenderError):
            error, log = str(exc).splitlines()[0], exc.log
        notes = []
        if _remove(pdf):
            notes.append(f"previous {pdf.name} removed")
        if executed.exists():
            failed_dir.mkdir(parents=True, exist_ok=True)
            os.replace(executed, failed_dir / f"{job.name}.ipynb")
            notes.append(f"executed notebook kept in failed/{job.name}.ipynb")
        if log:
            write_text(failed_dir / f"{job.name}.log", log)
            notes.append(f"LaTeX log in failed/{job.name}.log")
        return JobResult(job, False, time.monotonic() - start, error=error, note="; ".join([error, *notes]))
    for stale in (failed_dir / f"{job.name}.ipynb", failed_dir / f"{job.name}.log"):
        _remove(stale)
    _remove(executed)
    return JobResult(job, True, time.monotonic() - start)


def _run_job_star(kwargs: dict[str, Any]) -> JobResult:
    return run_job(**kwargs)


# --- a whole run ------------------------------------------------------------------------

@contextlib.contextmanager
def _lock(out_dir: Path, message: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir/.lock``; a second run waits for the first."""
    out_dir.mkdir(parents=True, exist_ok=True)
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


def _check_environment() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel


    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise ReportError(f"Jupyter kernel {KERNEL_NAME!r} is not registered: run `bash scripts/setup.sh`") from None
    absent = missing_tools()
    if absent:
        raise ReportError(f"{', '.join(absent)} not found on PATH: run `bash scripts/setup.sh`")


def report_date() -> str:
    """Today's date (ISO), or the date of ``$SOURCE_DATE_EPOCH`` when set (reproducible runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def run_reports(
    jobs: Sequence[Job],
    *,
    out_dir: Path,
    notebooks: Path,
    vintage: str,
    workers: int = 1,
    date: str | None = None,
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> list[JobResult]:
    """Run ``jobs`` (``workers`` at a time, each in its own process when more than one).

    One progress line per finished notebook. Results come back in the order of ``jobs``.
    Call with the lock held (see :func:`make_reports`).
    """
    date = date or report_date()
    work_dir = Path(tempfile.mkdtemp(prefix=".run-", dir=out_dir))
    calls = [dict(job=j, notebooks=notebooks, out_dir=out_dir, work_dir=work_dir, vintage=vintage, date=date) for j in jobs]
    results: dict[str, JobResult] = {}

    def done(r: JobResult) -> None:
        results[r.job.name] = r
        label = "ok" if r.ok else "FAILED"
        progress(f"[{len(results)}/{len(jobs)}] {label} {Path(r.job.notebook).stem} {r.job.name} ({r.seconds:.1f} s)"
                 + ("" if r.ok else f": {r.error}"))

    try:
        with _environ({"PYTHONHASHSEED": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}):
            if workers <= 1 or len(jobs) <= 1:
                for call in calls:
                    done(run_job(**call))
            else:
                with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=get_context("spawn")) as pool:
                    futures = {pool.submit(_run_job_star, call): call["job"] for call in calls}
                    for fut in as_completed(futures):
                        try:
                            done(fut.result())
                        except Exception as exc:  # noqa: BLE001 - a crashed worker fails its job only
                            done(JobResult(futures[fut], False, 0.0, error=_error_text(exc), note=_error_text(exc)))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    return [results[j.name] for j in jobs]


def _index_rows(results: Sequence[JobResult]) -> pd.DataFrame:
    rows = []
    for r in results:
        j = r.job
        rows.append({
            "file": f"{j.name}.pdf", "notebook": j.notebook, "target_id": j.target_id,
            **{k: j.info.get(k, "") for k in _TARGET_INFO},
            "result": "ok" if r.ok else "failed", "seconds": round(r.seconds, 1), "note": r.note,
        })
    return pd.DataFrame(rows, columns=list(INDEX_COLUMNS))


def update_index(out_dir: Path, results: Sequence[JobResult], vintage: str) -> pd.DataFrame:
    """Merge this run's rows into ``index.csv`` and ``index.md`` (atomic writes); return the index.

    Rows of earlier runs stay when their report is not in this run and its PDF still exists
    (or it is a failure); this run's rows replace older ones for the same file.
    """
    new = _index_rows(results)
    path = out_dir / "index.csv"
    frames = [new]
    if path.is_file():
        with contextlib.suppress(ValueError, OSError):
            old = pd.read_csv(path, dtype=str, keep_default_na=False)
            old = old.reindex(columns=list(INDEX_COLUMNS), fill_value="")
            keep = ~old["file"].isin(new["file"]) & (
                old["file"].map(lambda f: (out_dir / f).is_file()) | (old["result"] == "failed")
            )
            frames.insert(0, old[keep])
    index = pd.concat([f.astype(str) for f in frames], ignore_index=True)
    index = index.sort_values(["notebook", "target_id", "file"], kind="stable").reset_index(drop=True)
    write_text(path, index.to_csv(index=False, lineterminator="\n"))
    write_text(out_dir / "index.md", _index_markdown(index, vintage))
    return index


def _index_markdown(index: pd.DataFrame, vintage: str) -> str:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["# Reports", "", f"Data vintage of this run: {vintage}", "",
             "| " + " | ".join(INDEX_COLUMNS) + " |", "|" + "---|" * len(INDEX_COLUMNS)]
    for row in index.itertuples(index=False):
        values = list(row)
        values[0] = f"[{values[0]}]({values[0]})" if row.result == "ok" else values[0]
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def make_reports(
    *,
    targets: Sequence[str] = (),
    all_targets: bool = False,
    workers: int = 1,
    out_dir: Path | None = None,
    notebooks: Path | None = None,
    data_dir: Path | None = None,
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> list[JobResult]:
    """Plan, check, run and index a report run; raises :class:`ReportError` on bad input."""
    out_dir = Path(out_dir or paths().reports_dir).resolve()
    notebooks = Path(notebooks or notebooks_dir()).resolve()
    data_dir = Path(data_dir or processed_dir()).resolve()
    assessments = load_assessments(data_dir)
    vintage = data_vintage(data_dir)
    params = {"root": str(paths().root), "processed_dir": str(data_dir), "data_vintage": vintage}
    jobs = plan_jobs(assessments, targets=targets, all_targets=all_targets, parameters=params)
    missing = sorted({str(notebooks / j.notebook) for j in jobs if not (notebooks / j.notebook).is_file()})
    if missing:
        raise ReportError(f"notebook not found: {', '.join(missing)}")
    _check_environment()
    with _lock(out_dir, progress):
        results = run_reports(jobs, out_dir=out_dir, notebooks=notebooks, vintage=vintage, workers=workers,
                              progress=progress)
        update_index(out_dir, results, vintage)
    return results


def main(args: Any) -> int:
    """The ``report`` subcommand (``args`` from :mod:`shenyang_analysis.cli`); returns the exit status."""
    try:
        with build_lock(processed_dir(), shared=True, who="report"):  # no build switches the data under this run
            results = make_reports(
                targets=args.target or (), all_targets=args.all, workers=args.jobs, out_dir=args.out,
            )
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    out = Path(args.out or paths().reports_dir)
    print(f"{len(results) - len(failed)} of {len(results)} reports written to {out}; index: {out / 'index.csv'}",
          file=sys.stderr)
    if failed:
        print(f"error: {len(failed)} notebook(s) failed: "
              + "; ".join(f"{r.job.notebook} ({r.job.name}): {r.error}" for r in failed)
              + f" (executed copies in {out / 'failed'})", file=sys.stderr)
        return 1
    return 0
