"""Command line: ``python -m shenyang_analysis [--root DIR] build | extract FILE | report | history``.

* ``build [--out DIR] [--model NAME] [--inflation-pct X] [--no-curation]`` checks every raw
  input, builds ``data/processed/`` from ``data/raw/`` and prints a summary; the parameters
  used are recorded in ``build_summary.json``. The outputs are switched in together (a
  failed or killed build leaves the previous ones whole) and the build waits for a report
  run reading them. ``--no-curation`` builds without ``data/raw/curation.csv`` (without it
  a missing curation file is an error). Any error -- bad input, a full disk, a directory that
  cannot be written -- is one line on stderr and exit status 2, never a traceback
  (``SHENYANG_TRACEBACK=1`` shows the traceback of an unexpected one).
* ``extract FILE --date YYYY-MM-DD --region SLUG [--doc-id ID] [--level LEVEL] [--title T]``
  prints the extractor's rows for any text file as CSV on stdout (the table's columns,
  header first; no curation; offsets into that file's text). A file that cannot be read as
  text (binary, or garbled when decoded) gives one line on stderr and exit status 2, never a
  traceback; so does a region or doc id that is not a plain slug.
* ``report [--target ID ...] [--all] [--jobs N] [--out DIR] [--lang zh|en] [--model NAME]
  [--inflation-pct X]`` executes the notebooks and renders PDF reports into ``reports/`` (see
  :mod:`shenyang_analysis.present.report`); exit status 1 when a report failed (its last good
  PDF is kept), 2 on bad input (unknown target, damaged data, no kernel or LaTeX, an output
  folder that cannot be written).
* ``history [conflicts|refresh]`` lists the sources that disagree, or regenerates the files
  carried from the city panel (``shenyang_gdp_panel.csv``, ``liaoning_cpi.csv``,
  ``panel_cagr_quantiles.csv``).

``--root`` (or ``$SHENYANG_ANALYSIS_ROOT``) names the project folder; by default it is the
current directory, or the checkout the package was imported from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from .config import DEFAULT_PARAMS, AnalysisParams, ConfigError, set_root
from .io.documents import Document, DocumentError, read_text
from .vocab import DOC_ID, GENRES, LANGUAGES, LEVELS, SLUG

__all__ = ["main"]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a region slug (lower-case pinyin: shenyang, tiexi, hunnan)")
    return value


def _doc_id(value: str) -> str:
    if not DOC_ID.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a document id (lower-case letters, digits, _ and -)")
    return value


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive integer")
    return int(value)


def _model(value: str) -> str:
    from .model.projections import MODELS

    if value not in MODELS:
        raise argparse.ArgumentTypeError(f"{value!r} is not a model ({', '.join(MODELS)})")
    return value


def _inflation(value: str) -> float:
    try:
        x = float(value)
        AnalysisParams(inflation_pct=x)
    except (ValueError, ConfigError) as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not an inflation rate in % a year (-20 to 50): {exc}") from None
    return x


def _params_options(p: argparse.ArgumentParser, default: str = "") -> None:
    p.add_argument("--model", type=_model, default=None, metavar="NAME",
                   help=f"projection model (default {default or DEFAULT_PARAMS.model})")
    p.add_argument("--inflation-pct", type=_inflation, default=None, metavar="X",
                   help=f"price change (%% a year) for years without a GDP deflator yet (default: {default or 'the latest deflator change'})")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (with a pointer to ``--help``) and status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m shenyang_analysis", description=__doc__.split("\n\n")[0])
    p.add_argument("--root", type=Path, default=None, help="project folder (default: $SHENYANG_ANALYSIS_ROOT or the current one)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/processed/ from data/raw/")
    b.add_argument("--out", type=Path, default=None, help="output directory (default data/processed)")
    b.add_argument("--no-curation", action="store_true",
                   help="build without the hand corrections of data/raw/curation.csv (recorded in build_summary.json)")
    _params_options(b)
    e = sub.add_parser("extract", help="print the extractor's rows for one text file as CSV")
    e.add_argument("file", type=Path)
    e.add_argument("--date", type=_date, required=True, help="reference date for 今年/全年/年底前 (YYYY-MM-DD)")
    e.add_argument("--region", required=True, type=_slug, help="region slug, e.g. shenyang, tiexi, hunnan")
    e.add_argument("--doc-id", default=None, type=_doc_id,
                   help="document id (default: the file name without extension, lower-case, other characters as _)")
    e.add_argument("--level", default=None, choices=list(LEVELS),
                   help="administrative level (default: the manifest's, else read from the region; never guessed)")
    e.add_argument("--title", default="", help="document title (a five-year plan's title sets the default target year)")
    e.add_argument("--genre", default="auto", choices=["auto", *GENRES],
                   help="plan, work_report, communique, news, action_plan (default: read from the title and text)")
    r = sub.add_parser("report", help="execute the notebooks and render PDF reports into reports/")
    which = r.add_mutually_exclusive_group()
    which.add_argument("--target", action="append", metavar="ID",
                       help="render the target report (02) for this target id only; repeatable")
    which.add_argument("--all", action="store_true",
                       help="render 01, 03, 04, 05 and a target report for every target statement in assessments.csv")
    r.add_argument("--jobs", type=_positive_int, default=None, metavar="N",
                   help="reports made in parallel (default: the number of CPUs)")
    r.add_argument("--out", type=Path, default=None, metavar="DIR", help="output directory (default reports/)")
    r.add_argument("--lang", choices=list(LANGUAGES), default="zh",
                   help="language of the reports: zh (default) or en")
    _params_options(r, "the build's")
    h = sub.add_parser("history", help="list conflicting sources, or refresh the files carried from the city and province panels")
    h.add_argument("action", nargs="?", choices=["conflicts", "refresh"], default="conflicts")
    return p


def _params(args: argparse.Namespace) -> AnalysisParams:
    return AnalysisParams.from_options(model=args.model, inflation_pct=args.inflation_pct)


def _file_id(path: Path) -> str:
    """A document id from a file name: lower-case, other characters as ``_`` (``Plan 2024.txt`` → ``plan_2024``).

    >>> _file_id(Path("Plan 2024.txt")), _file_id(Path("沈阳.txt"))
    ('plan_2024', 'text')
    """
    slug = re.sub(r"[^a-z0-9_-]+", "_", path.stem.lower()).strip("_-")[:100]
    return slug if DOC_ID.fullmatch(slug) else "text"


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract.quantities import QuantityError
    from .extract.regions import LevelError, infer_level
    from .io.serialize import csv_text
    from .table.schema import TARGET_COLUMNS
    from .table.targets import document_table

    doc_id = args.doc_id or _file_id(args.file)
    try:
        level = args.level or infer_level(args.region, args.doc_id or args.file.stem)
        text = read_text(args.file)
        title = args.title or text.strip().splitlines()[0][:200] if text.strip() else args.title
        doc = Document(
            doc_id=doc_id, text=text, reference_date=args.date,
            region=args.region, level=level, genre=args.genre, title=title, path=args.file,
        )
        table = document_table(doc)
    except (DocumentError, LevelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except QuantityError as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(csv_text(table[list(TARGET_COLUMNS)]))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import run_build

    result = run_build(args.out, params=_params(args), curation=not args.no_curation)
    s = result.summary
    print(f"built {s['rows']} rows from {s['documents']} documents: {s['by_kind']}")
    print(f"rows without a catalog indicator: {s['rows_without_indicator']} {s['rows_without_indicator_by_document']}")
    curation = "" if s["curation_applied"] else " (not applied: --no-curation)"
    print(f"curation: {s['curation_lines']} lines, {s['rows_changed_by_curation']} rows changed{curation}")
    print(f"history: {s['history_rows']} rows, {s['history_series']} series, {s['history_conflicting_keys']} conflicting keys")
    print(f"{s['targets']} targets, {s['target_statements']} distinct statements: {s['assessments_by_status']}")
    print(f"data-backed status: {s['targets_with_data_backed_status']}; without a status, by reason: {s['targets_without_status_by_reason']}")
    cal = s["calibration"]
    print(f"calibration: {cal['n_outcomes']} targets whose year has passed, {cal['n_settled']} settled, "
          f"{cal['n_scored']} with a probability then, Brier {cal['brier']}")
    print(f"parameters: model {s['parameters']['model']}, prices after the last deflator {s['price_assumption']}")
    for path in result.outputs:
        print(f"wrote {path}")
    return 0


def _conflicts_report() -> str:
    from .datasets import load_history
    from .history.series import KEY, resolve_conflicts

    history = load_history()
    chosen, conflicts = resolve_conflicts(history)
    lines = [f"{len(history)} history rows, {len(chosen)} distinct figures, "
             f"{conflicts.groupby(KEY).ngroups if len(conflicts) else 0} conflicting"]
    for key, grp in conflicts.groupby(KEY, sort=False):
        cands = "; ".join(
            f"{v:g}{'*' if c else ''} [{s}] {src[:60]}"
            for v, c, s, src in zip(grp["value"], grp["is_chosen"], grp["status"], grp["source"])
        )
        lines.append(f"  {' '.join(map(str, key))} ({grp['unit'].iloc[0]}): {cands}")
    return "\n".join(lines)


def _cmd_history(args: argparse.Namespace) -> int:
    if args.action == "refresh":
        from .history.panels import carry_panel_facts, write_panel_cagr_quantiles
        from .history.reference_tables import refresh_reference_tables

        for p in carry_panel_facts() + [write_panel_cagr_quantiles()] + refresh_reference_tables():
            print(f"wrote {p} ({p.stat().st_size} bytes)")
        return 0
    print(_conflicts_report())
    return 0


def _one_line(exc: BaseException) -> str:
    """The error's message on one line: its first line, the first detail, how many more.

    >>> _one_line(FileNotFoundError(2, "No such file or directory", "data/raw/indicators.csv"))
    'data/raw/indicators.csv: No such file or directory'
    """
    message = str(exc)
    if isinstance(exc, OSError) and exc.filename and exc.strerror and type(exc).__str__ is OSError.__str__:
        message = f"{exc.filename}: {exc.strerror}"
    elif isinstance(exc, ArithmeticError):
        message = f"{type(exc).__name__}: {message}"
    lines = [line.strip() for line in message.splitlines() if line.strip()] or [type(exc).__name__]
    text = lines[0] + (f" {lines[1]}" if len(lines) > 1 else "")
    return text + (f" (and {len(lines) - 2} more)" if len(lines) > 2 else "")


def _run(args: argparse.Namespace) -> int:
    set_root(args.root)
    if args.command == "report":
        from .present.report import main as report_main

        return report_main(args)
    command = {"extract": _cmd_extract, "build": _cmd_build, "history": _cmd_history}[args.command]
    return command(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 and one line on stderr for any error)."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(f"error: {args.command} interrupted" + ("; the previous outputs are unchanged" if args.command == "build" else ""),
              file=sys.stderr)
        return 130
    except (ConfigError, DocumentError, ValueError, OSError, ArithmeticError) as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug still gets one line, not a traceback
        if os.environ.get("SHENYANG_TRACEBACK"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {_one_line(exc)} (a bug: run with SHENYANG_TRACEBACK=1 "
              "to see where)", file=sys.stderr)
        return 2
