"""How fast reports are made, against the floor of the tools they are made with.

    python benchmarks/report_speed.py [--repeats 3] [--all]

Prints, each as the median of ``--repeats`` runs (default 3):

* the **floor**: papermill running a trivial notebook with the project's kernel inside one
  Python process (``floor_notebook``), papermill's own command on it (``floor_notebook_command``,
  its imports included), and xelatex on a minimal xeCJK page (``floor_latex``);
* **one report inside a batch**: the seconds the report command spends on each target report of
  a batch of five (``report_in_batch``: the median over the reports after the first, whose
  kernel is then warm; the first is printed too), against ``floor_notebook + floor_latex``;
* **one report as a whole command**: ``python -m shenyang_analysis report --target ID``
  (``report_command``), against ``floor_notebook_command + floor_latex``;
* ``assessment_for``: the first call and the median of the next twenty;
* with ``--all``: ``report --all`` (every target statement of ``assessments.csv``, about 300, and
  the static reports) with ``--jobs`` 1 and 2: wall time, reports written and failed (the command
  must exit 0), seconds per report and per report per job (linear in reports / jobs when that is
  about constant on otherwise idle cores), CPU seconds per report (the work itself, whatever the
  load), and the load average before and after (other work on the machine).

The aim is a ratio of at most 2 for the two reports. Run it on a quiet machine: other work on
the same cores shows up in every figure. Writes nothing in the repository (everything goes to a
temporary folder); needs a build in ``data/processed``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
KERNEL = "shenyang-analysis"
TARGETS = ("002_74a2a09f36767d0c@9774", "002_74a2a09f36767d0c@9965", "003_2e6eae32420e2f95@620",
           "003_2e6eae32420e2f95@2109", "002_74a2a09f36767d0c@11345")
MINIMAL_TEX = r"""\documentclass[11pt,a4paper]{article}
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\begin{document}
铁西区地区生产总值突破1500亿元。
\end{document}
"""


def _median(run: Callable[[], float], repeats: int) -> float:
    return statistics.median(run() for _ in range(repeats))


def _timed(args: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t0


def floor(work: Path, repeats: int) -> dict[str, float]:
    """The floor: papermill on a trivial notebook (in a process and as a command), xelatex on a minimal page."""
    import nbformat
    import papermill

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("print(x)")])
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    trivial = work / "trivial.ipynb"
    nbformat.write(nb, trivial)
    papermill.execute_notebook(str(trivial), str(work / "warm.ipynb"), kernel_name=KERNEL, progress_bar=False)

    def in_process() -> float:
        t0 = time.perf_counter()
        papermill.execute_notebook(str(trivial), str(work / "out.ipynb"), parameters={"x": 2}, kernel_name=KERNEL,
                                   progress_bar=False)
        return time.perf_counter() - t0

    (work / "minimal.tex").write_text(MINIMAL_TEX, encoding="utf-8")
    return {
        "floor_notebook": _median(in_process, repeats),
        "floor_notebook_command": _median(lambda: _timed([PYTHON, "-m", "papermill", str(trivial), str(work / "cmd.ipynb"),
                                                          "-k", KERNEL, "-p", "x", "3"], work), repeats),
        "floor_latex": _median(lambda: _timed(["xelatex", "-interaction=nonstopmode", "minimal.tex"], work), repeats),
    }


def _report(out: Path, *args: str) -> float:
    return _timed([PYTHON, "-m", "shenyang_analysis", "report", "--out", str(out), *args], ROOT)


def reports(work: Path, repeats: int) -> dict[str, float]:
    """One report inside a batch (from the index's seconds) and as a whole command."""
    in_batch, first = [], []
    for i in range(repeats):
        out = work / f"batch{i}"
        _report(out, "--jobs", "1", *[a for t in TARGETS for a in ("--target", t)])
        seconds = pd.read_csv(out / "index.csv").set_index("target_id").loc[list(TARGETS), "seconds"].tolist()
        first.append(seconds[0])
        in_batch.append(statistics.median(seconds[1:]))
    return {
        "report_in_batch": statistics.median(in_batch),
        "report_in_batch_first": statistics.median(first),
        "report_command": _median(lambda: _report(work / "single", "--jobs", "1", "--target", TARGETS[0]), repeats),
    }


def assessment_for_speed() -> dict[str, float]:
    """``sa.assessment_for``: the first call (reads the build) and the median of the next twenty."""
    code = ("import time, statistics, shenyang_analysis as sa\n"
            "t0 = time.perf_counter(); sa.assessment_for(sa.HEADLINE_TARGETS[0]); first = time.perf_counter() - t0\n"
            "times = []\n"
            "for i in range(20):\n"
            "    t0 = time.perf_counter(); sa.assessment_for(sa.HEADLINE_TARGETS[i % 3]); times.append(time.perf_counter() - t0)\n"
            "print(first, statistics.median(times))")
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    return {"assessment_for_first": float(out[0]), "assessment_for_next": float(out[1])}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def all_reports(work: Path) -> dict[str, float]:
    """``report --all`` with one and two jobs: wall time, and the CPU seconds of the command and
    everything it started (kernels, xelatex), which do not depend on what else the machine runs."""
    out = {}
    for jobs in (1, 2):
        out[f"all_jobs{jobs}_load_before"] = os.getloadavg()[0]
        cpu0 = _children_cpu()
        wall = _report(work / f"all{jobs}", "--all", "--jobs", str(jobs))  # raises unless the command exits 0
        cpu = _children_cpu() - cpu0
        index = pd.read_csv(work / f"all{jobs}" / "index.csv")
        n = len(index)
        out.update({f"all_jobs{jobs}_wall": wall, f"all_jobs{jobs}_reports": n,
                    f"all_jobs{jobs}_failed_reports": int((index["result"] != "ok").sum()),
                    f"all_jobs{jobs}_per_report": wall / n, f"all_jobs{jobs}_per_report_per_job": wall * jobs / n,
                    f"all_jobs{jobs}_cpu_per_report": cpu / n, f"all_jobs{jobs}_load_after": os.getloadavg()[0]})
    return out


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--all", action="store_true", help="also time report --all with 1 and 2 jobs")
    args = p.parse_args(argv)
    print(f"load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="report-speed-") as tmp:
        work = Path(tmp)
        figures = {**floor(work, args.repeats), **reports(work, args.repeats), **assessment_for_speed()}
        if args.all:
            figures.update(all_reports(work))
    batch_floor = figures["floor_notebook"] + figures["floor_latex"]
    command_floor = figures["floor_notebook_command"] + figures["floor_latex"]
    for name, value in figures.items():
        plain = name.endswith("_reports") or "_load_" in name
        print(f"{name}: {value:.3f}" + ("" if plain else " s"))
    print(f"ratio_in_batch={figures['report_in_batch'] / batch_floor:.2f}  (aim: at most 2; floor {batch_floor:.2f} s)")
    print(f"ratio_command={figures['report_command'] / command_floor:.2f}  (aim: at most 2; floor {command_floor:.2f} s)")
    print(f"assessment_for_next_ok={figures['assessment_for_next'] <= 0.1}  (aim: at most 0.1 s a call after the first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
