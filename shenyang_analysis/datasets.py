"""What a notebook reads: the build's tables, one target's assessment, lookups, the extractor on any text.

* :func:`load_targets`, :func:`load_assessments`, :func:`load_history` -- one table each
  (built first from ``data/raw`` when ``data/processed`` has no build yet);
* :func:`load_data` -- all of a build's tables at once (what the report notebooks read), with
  the assessments recomputed in memory when other parameters are asked for;
* :func:`find_targets` -- targets by region, indicator, year or words of the quote;
* :func:`assessment_for` -- one target's assessment with its series and projection (another
  model or price assumption: ``model=``, ``inflation_pct=``, ``params=``);
* :func:`target_context` -- everything a report says about one target, assessed or not;
* :func:`all_targets` -- the target table with the history files' targets
  (``history_observations@<line>``: targets no document states, judged beside the documents');
* :func:`extract_text` -- the extractor's rows for any plan text.

Every function that takes a target id knows the ids of the target table and those of the
history files' targets (rows of ``assessments.csv`` that the target table does not hold).

Tables read from files are kept while the files are unchanged (same size and modification
time), so that repeated calls -- :func:`assessment_for` in a loop -- do not read them again.

>>> REQUIRED_FILES  # what a build must have written; the history is re-read from data/raw
('targets.parquet', 'assessments.csv', 'calibration.csv', 'build_summary.json')
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import weakref
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .config import DEFAULT_PARAMS, AnalysisParams, paths
from .history.panels import load_panel_cagr_quantiles
from .history.prices import load_cpi, load_province_deflator
from .history.reference_tables import load_province_rd, load_real_growth_quantiles, load_share_drift
from .history.series import load_breaks, resolve_conflicts
from .history.sources import history_targets
from .history.sources import load_history as _load_history
from .io.builds import current_build
from .io.documents import Document, load_manifest
from .model.assess import Assessment, assess_target
from .model.assessments import _judge, history_target_rows, skip_reason
from .model.context import Context, build_context
from .pipeline import BuildResult, build_assessments, build_targets, run_build
from .table.catalog import load_catalog
from .table.schema import ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS
from .table.targets import document_table
from .vocab import REGION_NAMES

__all__ = [
    "Data", "DataError", "REQUIRED_FILES", "TargetContext", "load_targets", "load_assessments", "load_history",
    "load_data", "check_inputs", "params_of_build", "all_targets", "find_targets", "nearest_targets", "assessment_for",
    "target_context", "extract_text", "TABLE_ONLY_FIELDS", "statement_ids",
]

REQUIRED_FILES = ("targets.parquet", "assessments.csv", "calibration.csv", "build_summary.json")


class DataError(ValueError):
    """A build output that cannot be read; the message names the file and what is wrong."""


# --- a small cache of tables read from files ---------------------------------------------

_CACHE: dict[str, tuple[Hashable, Any]] = {}


def _stamp(*files: Path) -> tuple:
    """What identifies the files' contents cheaply: path, size and modification time of each."""
    out = []
    for f in files:
        try:
            st = f.stat()
            out.append((str(f), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((str(f), None, None))
    return tuple(out)


def _cached(name: str, key: Hashable, make: Callable[[], Any]) -> Any:
    hit = _CACHE.get(name)
    if hit is not None and hit[0] == key:
        return hit[1]
    value = make()
    _CACHE[name] = (key, value)
    return value


def _raw_history_files() -> tuple[Path, ...]:
    p = paths()
    return (*sorted(p.history_dir.glob("*.csv")), p.indicators_csv, p.manifest_csv)


_CHOSEN: dict[int, tuple[weakref.ref, pd.DataFrame]] = {}


def _chosen(history: pd.DataFrame, params: AnalysisParams) -> pd.DataFrame:
    """The history with conflicts resolved (kept per history frame while it lives)."""
    if "n_sources" in history.columns:
        return history
    key = id(history)
    hit = _CHOSEN.get(key)
    if hit is not None and hit[0]() is history and hit[1].attrs.get("tolerances") == (
            params.conflict_rel_tol, params.conflict_pct_tol):
        return hit[1]
    chosen = resolve_conflicts(history, params.conflict_rel_tol, params.conflict_pct_tol)[0]
    chosen.attrs["tolerances"] = (params.conflict_rel_tol, params.conflict_pct_tol)
    _CHOSEN[key] = (weakref.ref(history), chosen)
    return chosen


# --- the tables ---------------------------------------------------------------------------

def load_targets(path: str | Path | None = None, rebuild: bool = False) -> pd.DataFrame:
    """The target table: read ``data/processed/targets.parquet``, building it first if needed.

    >>> df = load_targets()
    >>> {"target", "observation"} >= set(df["kind"])
    True
    """
    if path is not None:
        return _read_parquet(Path(path))
    processed = paths().processed_dir
    pq = processed / "targets.parquet"
    if rebuild or not pq.exists():
        try:
            return run_build(processed).targets
        except OSError:  # read-only checkout: build in memory
            return build_targets().targets
    return _cached("targets", _stamp(pq), lambda: _read_parquet(pq))


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except FileNotFoundError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for a damaged file
        raise DataError(f"{path}: cannot read: {type(exc).__name__}: {exc}; rebuild with "
                        "`python -m shenyang_analysis build`") from exc


def load_assessments(path: str | Path | None = None, rebuild: bool = False) -> pd.DataFrame:
    """The assessment table: read ``data/processed/assessments.csv``, building first if needed.

    >>> df = load_assessments()
    >>> row = df.set_index("target_id").loc["002_74a2a09f36767d0c@9774"]
    >>> row["indicator"], int(row["year"]), row["comparator"], float(row["target_value"])
    ('gdp', 2025, '>=', 150000000000.0)
    """
    processed = paths().processed_dir
    csv = Path(path) if path is not None else processed / "assessments.csv"
    if path is None and (rebuild or not csv.exists()):
        try:
            return run_build(processed).assessments
        except OSError:  # read-only checkout: build in memory
            return build_assessments(build_targets()).assessments
    columns = {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}
    dtypes = {c: ("Int64" if d == "int64" else d) for c, d in columns.items()}
    na = {c: [""] for c, d in dtypes.items() if d != "string"}
    try:
        return pd.read_csv(csv, dtype=dtypes, keep_default_na=False, na_values=na)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"{csv}: cannot read: {exc}; rebuild with `python -m shenyang_analysis build`") from exc


def load_history(targets: pd.DataFrame | None = None, documents: bool = True) -> pd.DataFrame:
    """The tidy table of past figures: history file, Shenyang's panel rows and, with
    ``documents``, the documents' own past figures (from ``targets``, default :func:`load_targets`).

    >>> h = load_history()
    >>> sorted(set(h["origin"]))
    ['city_panel', 'derived', 'document', 'history_file']
    """
    if documents and targets is None:
        targets = load_targets()
        key = (_stamp(paths().processed_dir / "targets.parquet", *_raw_history_files()), documents)
        return _cached("history", key, lambda: _load_history(targets=targets, documents=documents))
    return _load_history(targets=targets, documents=documents)


def params_of_build(summary: dict) -> AnalysisParams:
    """The parameters a build recorded in ``build_summary.json`` (the defaults for any it lacks).

    >>> params_of_build({"parameters": {"model": "theta", "status_thresholds": [[0.5, "likely"]]}}).status_thresholds
    ((0.5, 'likely'),)
    """
    recorded = dict(summary.get("parameters") or {})
    known = set(DEFAULT_PARAMS.to_dict())
    for key in ("status_thresholds", "progress_thresholds"):
        if key in recorded:
            recorded[key] = tuple((float(b), str(w)) for b, w in recorded[key])
    for key, value in list(recorded.items()):  # JSON lists back to the tuples the parameters hold
        if isinstance(value, list) and isinstance(getattr(DEFAULT_PARAMS, key, None), tuple):
            recorded[key] = tuple(value)
    return DEFAULT_PARAMS.replace(**{k: v for k, v in recorded.items() if k in known})


@dataclass(frozen=True)
class Data:
    """The processed tables of one build (``assessments`` and ``calibration`` recomputed in
    memory when ``params`` differ from the build's: ``recomputed``)."""

    directory: Path
    targets: pd.DataFrame
    assessments: pd.DataFrame
    calibration: pd.DataFrame
    history: pd.DataFrame
    summary: dict
    params: AnalysisParams = DEFAULT_PARAMS
    recomputed: bool = False
    manifest: dict[str, dict] = field(default_factory=dict)


def _read_summary(path: Path) -> dict:
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a JSON build summary ({exc}); rebuild with "
                        "`python -m shenyang_analysis build`") from exc
    if not isinstance(summary, dict):
        raise DataError(f"{path}: not a JSON object; rebuild with `python -m shenyang_analysis build`")
    return summary


def _read_calibration(path: Path) -> pd.DataFrame:
    na = {"prob_then": [""], "squared_error": [""], "outcome_value": [""], "target_value": [""]}
    try:
        return pd.read_csv(path, keep_default_na=False, na_values=na)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: cannot read: {exc}; rebuild with `python -m shenyang_analysis build`") from exc


def _manifest() -> dict[str, dict]:
    return _cached("manifest", _stamp(paths().manifest_csv),
                   lambda: {str(r["doc_id"]): dict(r) for r in load_manifest()})


def load_data(
    processed_dir: str | Path | None = None, build_if_missing: bool = True, params: AnalysisParams | None = None,
    *, model: str | None = None, inflation_pct: float | None = None,
) -> Data:
    """Read a build's outputs from ``processed_dir`` (default ``data/processed``) and the history.

    Missing outputs are built first when ``build_if_missing``; otherwise the error names the
    missing file and the command that makes it. A damaged file raises :class:`DataError`
    naming it. ``params`` (default: the build's own, from ``build_summary.json``; ``model`` and
    ``inflation_pct`` change one each, empty values change nothing) other than the build's give
    assessments and calibration recomputed in memory with them.
    """
    directory = Path(processed_dir) if processed_dir else paths().processed_dir
    missing = [n for n in REQUIRED_FILES if not (directory / n).exists()]
    if missing:
        if not build_if_missing:
            raise FileNotFoundError(f"{directory}: no {', '.join(missing)}; run `python -m shenyang_analysis build` first")
        run_build(directory)
    one_set = current_build(directory)  # every table from the same build, even if a new one is switched in meanwhile
    targets = _read_parquet(one_set / "targets.parquet")
    assessments = load_assessments(one_set / "assessments.csv")
    calibration = _read_calibration(one_set / "calibration.csv")
    summary = _read_summary(one_set / "build_summary.json")
    history = _load_history(targets=targets)
    built = params_of_build(summary)
    params = _with_options(built if params is None else params, model, inflation_pct)
    recomputed = params != built
    if recomputed:
        result = build_assessments(BuildResult(targets=targets), params)
        assessments, calibration = result.assessments, result.calibration
    return Data(directory, targets, assessments, calibration, history, summary, params, recomputed, _manifest())


def check_inputs(processed_dir: str | Path | None = None) -> Data:
    """Read every input a report reads -- the build's outputs, the history (with the history
    files' targets), the series breaks, prices (Liaoning's CPI and GDP deflator), the reference
    tables, the indicator catalog and the manifest -- so that a damaged one is found before any
    report is made (the error names the file). Nothing is built: missing outputs raise
    ``FileNotFoundError``."""
    data = load_data(processed_dir, build_if_missing=False)
    for load in (load_breaks, load_cpi, load_province_deflator, load_panel_cagr_quantiles, load_real_growth_quantiles,
                 load_share_drift, load_province_rd, load_catalog, load_manifest, _history_target_frame):
        load()
    return data


# --- the targets: the table's and the history files' --------------------------------------

def _history_target_frame() -> tuple[pd.DataFrame, dict[str, dt.date]]:
    """The history files' targets as rows of the target table (``history_observations@<line>``), and their dates."""
    def make() -> tuple[pd.DataFrame, dict[str, dt.date]]:
        cat = load_catalog()
        rows, dates = history_target_rows(history_targets(), dict(zip(cat["indicator"], cat["category"])),
                                          dict(zip(cat["indicator"], cat["name_zh"])))
        if len(rows):  # what the target table has and the history rows lack: as written, the span
            rows = rows.assign(value_raw=[f"{v:g}" for v in rows["value"]], unit_raw=rows["unit"].map(_UNIT_WORDS),
                               char_end=rows["char_start"], origin="history_file")
        return rows, dates

    return _cached("history_targets", _stamp(*_raw_history_files()), make)


_UNIT_WORDS = {"percent": "%", "yuan": "元", "count": ""}


def all_targets(targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The target table (default :func:`load_targets`) and, after it, the history files'
    targets in its shape (``doc_id`` the file's name, ``quote`` the source's words and URL,
    ``char_start`` the file's line).

    >>> t = all_targets()
    >>> t.loc[t["target_id"] == "history_observations@44", ["indicator", "comparator", "value", "year"]].values.tolist()
    [['gdp_real_growth', '>=', 5.5, 2025]]
    """
    t = load_targets() if targets is None else targets
    extra = _history_target_frame()[0]
    extra = extra[~extra["target_id"].isin(set(t["target_id"]))]
    return pd.concat([t, extra], ignore_index=True) if len(extra) else t


def statement_ids(assessments: pd.DataFrame) -> dict[str, str]:
    """target id → the id of its row in ``assessments`` (itself, or the first id of a repeated statement).

    >>> statement_ids(pd.DataFrame({"target_id": ["a@1", "b@2"], "duplicate_ids": ["a@9;c@3", ""]}))
    {'a@1': 'a@1', 'b@2': 'b@2', 'a@9': 'a@1', 'c@3': 'a@1'}
    """
    out = {str(i): str(i) for i in assessments["target_id"]}
    if "duplicate_ids" in assessments.columns:
        for first, dups in zip(assessments["target_id"], assessments["duplicate_ids"].fillna("")):
            out.update({d: str(first) for d in str(dups).split(";") if d})
    return out


def _processed_assessments() -> pd.DataFrame:
    csv = paths().processed_dir / "assessments.csv"
    if not csv.exists():
        return pd.DataFrame(columns=["target_id", "status"])
    return _cached("assessments", _stamp(csv), lambda: load_assessments(csv))


# --- finding targets ----------------------------------------------------------------------

def _region_slugs(region: str, present: Iterable[str]) -> set[str]:
    """Region slugs matching ``region``: the slug, or the start of its Chinese or English name."""
    want = region.strip().lower()
    slugs = {s for s in present if s.lower() == want}
    for slug, (zh, en) in REGION_NAMES.items():
        if want and (zh.startswith(region.strip()) or en.lower().startswith(want)):
            slugs.add(slug)
    if not slugs:
        known = ", ".join(f"{s} ({REGION_NAMES.get(s, (s,))[0]})" for s in sorted(present))
        raise ValueError(f"no region {region!r} in the target table (regions: {known})")
    return slugs


def _indicator_mask(t: pd.DataFrame, indicator: str) -> pd.Series:
    want = indicator.strip().lower()
    cat = load_catalog()
    names = cat["indicator"].str.lower() + " " + cat["name_zh"].str.lower() + " " + cat["name_en"].str.lower()
    by_name = set(cat.loc[names.str.contains(want, regex=False), "indicator"])
    ids = t["indicator"].astype("string").fillna("")
    exact = ids.str.lower() == want
    if exact.any():
        return exact
    return ids.isin(by_name) | t["indicator_zh"].astype("string").fillna("").str.lower().str.contains(want, regex=False)


def find_targets(
    region: str | None = None,
    indicator: str | None = None,
    year: int | Iterable[int] | None = None,
    text: str | None = None,
    *,
    kind: str | None = "target",
    targets: pd.DataFrame | None = None,
    assessments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows of the target table (and the history files' targets) that match every criterion given.

    ``region``: a slug (``tiexi``) or the start of its Chinese or English name (``铁西``,
    ``Tiexi``); ``indicator``: a catalog id (``gdp``) or words of its name or of the phrase as
    written (``生产总值``, ``R&D``); ``year``: one year or several; ``text``: words of the quote.
    ``kind`` (default ``target``; ``None`` for every row). Columns: the target's id, region,
    indicator, the phrase, comparator, value, unit, as written, year, quote, document, and
    ``status`` from the assessment table (a repeated statement's from its first id).

    >>> hits = find_targets(region="铁西", indicator="gdp", year=2025)
    >>> hits[["target_id", "quote", "status"]].values.tolist()
    [['002_74a2a09f36767d0c@9774', '地区生产总值突破 1500 亿元', 'likely missed']]
    >>> find_targets(region="沈阳", indicator="gdp_real_growth", year=2025)["target_id"].tolist()
    ['history_observations@44']
    """
    t = all_targets(targets)
    mask = pd.Series(True, index=t.index)
    if kind:
        mask &= t["kind"] == kind
    if region:
        mask &= t["region"].isin(_region_slugs(region, set(t["region"].astype(str))))
    if indicator:
        mask &= _indicator_mask(t, indicator)
    if year is not None:
        years = [int(year)] if isinstance(year, (int, str)) else [int(y) for y in year]
        mask &= t["year"].isin(years)
    if text:
        words = text.strip().lower()
        mask &= (t["quote"].astype("string").str.lower().str.contains(words, regex=False)
                 | t["indicator_zh"].astype("string").fillna("").str.lower().str.contains(words, regex=False))
    cols = ["target_id", "region", "indicator", "indicator_zh", "comparator", "value", "unit", "value_raw", "unit_raw",
            "year", "quote", "doc_id", "kind"]
    out = t.loc[mask.fillna(False).astype(bool), cols].copy()
    assessments = _processed_assessments() if assessments is None else assessments
    rows = statement_ids(assessments)
    status = dict(zip(assessments["target_id"].astype(str), assessments["status"]))
    out["status"] = out["target_id"].map(lambda i: status.get(rows.get(str(i), ""), "")).astype("string")
    return out.sort_values(["region", "year", "indicator", "target_id"], kind="stable", na_position="last").reset_index(drop=True)


def nearest_targets(target_id: str, targets: pd.DataFrame, n: int = 3) -> list[str]:
    """Target ids near an unknown one: the same document's nearest offsets, else similar ids.

    >>> t = pd.DataFrame({"target_id": ["d@10", "d@50", "e@12"], "kind": ["target"] * 3})
    >>> nearest_targets("d@12", t, 2), nearest_targets("e@1x", t, 1)
    (['d@10', 'd@50'], ['e@12'])
    """
    ids = [str(i) for i in targets.loc[targets["kind"] == "target", "target_id"]]
    doc, _, offset = str(target_id).partition("@")
    near: list[str] = []
    if offset.isdigit():
        same = [(abs(int(i.partition("@")[2]) - int(offset)), i) for i in ids
                if i.partition("@")[0] == doc and i.partition("@")[2].isdigit()]
        near = [i for _, i in sorted(same)[:n]]
    return near or difflib.get_close_matches(str(target_id), ids, n=n, cutoff=0.5)


def _unknown_target(target_id: str, targets: pd.DataFrame) -> KeyError:
    """A KeyError naming the nearest ids (same document, nearest offset; or similar ids)."""
    near = nearest_targets(target_id, targets)
    hint = f"; nearest: {', '.join(near)}" if near else ""
    return KeyError(f"no target {target_id!r} in the target table{hint}; look targets up with "
                    "sa.find_targets(region=..., indicator=..., year=..., text=...)")


def _target_row(target_id: str, targets: pd.DataFrame) -> dict[str, Any]:
    every = all_targets(targets)
    rows = every[every["target_id"] == target_id]
    if rows.empty:
        raise _unknown_target(target_id, every)
    return rows.iloc[0].to_dict()


# --- one target ---------------------------------------------------------------------------

def _default_params(targets_given: bool) -> AnalysisParams:
    """The build's parameters when reading the processed build, else the defaults."""
    summary = paths().processed_dir / "build_summary.json"
    if targets_given or not summary.exists():
        return DEFAULT_PARAMS
    return _cached("build_params", _stamp(summary), lambda: params_of_build(_read_summary(summary)))


def _breaks() -> pd.DataFrame:
    return _cached("breaks", _stamp(paths().breaks_csv), load_breaks)


_CONTEXTS: dict[int, tuple[weakref.ref, Context]] = {}


def _context(chosen: pd.DataFrame) -> Context:
    """The assessments' shared inputs (prices, breaks, catalog, documents) for ``chosen``, kept while it lives."""
    hit = _CONTEXTS.get(id(chosen))
    if hit is not None and hit[0]() is chosen:
        return hit[1]
    ctx = build_context(chosen, _breaks())
    _CONTEXTS[id(chosen)] = (weakref.ref(chosen), ctx)
    return ctx


def _with_options(base: AnalysisParams, model: str | None, inflation_pct: float | None) -> AnalysisParams:
    options = {k: v for k, v in (("model", model), ("inflation_pct", inflation_pct)) if v is not None and v != ""}
    return base.replace(**options) if options else base


def _params(params: AnalysisParams | None, targets_given: bool, model: str | None,
            inflation_pct: float | None) -> AnalysisParams:
    return _with_options(params if params is not None else _default_params(targets_given), model, inflation_pct)


def _published(t: dict[str, Any]) -> dt.date | None:
    """The date the target was published: its document's, or the date in a history row's source URL."""
    date = _history_target_frame()[1].get(str(t["target_id"])) or _manifest().get(str(t["doc_id"]), {}).get("published")
    return date if isinstance(date, dt.date) else None


#: Fields of an assessment row that only the assessment table computes (the document view
#: beside the latest, the price sensitivity, the repeats of a statement).
TABLE_ONLY_FIELDS: tuple[str, ...] = (
    "document_published", "document_baseline_year", "document_model", "document_basis", "document_prob_meet",
    "document_status", "price_assumption", "price_sensitivity", "price_sensitive", "duplicate_ids",
)


def _table_fields(t: dict[str, Any], chosen: pd.DataFrame, ctx: Context, params: AnalysisParams,
                  table: pd.DataFrame | None) -> dict[str, Any]:
    """:data:`TABLE_ONLY_FIELDS` of a target: from ``table`` (an assessment table made with
    ``params``) when it holds the statement, else computed as the build computes them."""
    tid = str(t["target_id"])
    if table is not None:
        first = statement_ids(table).get(tid)
        if first is not None:
            row = table[table["target_id"] == first].iloc[0]
            out = {k: row[k] for k in TABLE_ONLY_FIELDS if k in row.index}
            return out if first == tid else {**out, "duplicate_ids": "", "duplicate_of": first}
    row = _judge(t, chosen, ctx, _published(t), params)
    return {k: row.get(k) for k in TABLE_ONLY_FIELDS}


def _assess(t: dict[str, Any], chosen: pd.DataFrame, params: AnalysisParams, view: str,
            table: pd.DataFrame | None) -> Assessment:
    reason = skip_reason(t, chosen[["region", "indicator", "unit"]].drop_duplicates())
    if t.get("kind") != "target" or reason:
        raise ValueError(f"{t['target_id']} cannot be assessed: {reason or 'it is an observation, not a target'}")
    pub = _published(t)
    if view == "document" and pub is None:
        raise ValueError(f"{t['target_id']}: no publication date is known, so there is no document view")
    ctx = _context(chosen)
    a = assess_target(t, chosen, view, pub if view == "document" else None, params=params, context=ctx)
    if view == "latest":
        a.row.update(_table_fields(t, chosen, ctx, params, table))
    a.row["unit_raw"] = t.get("unit_raw")
    return a


def assessment_for(
    target_id: str,
    view: str = "latest",
    targets: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    params: AnalysisParams | None = None,
    *,
    model: str | None = None,
    inflation_pct: float | None = None,
) -> Assessment:
    """The assessment of one target by id, with its series and projection (for notebooks).

    Any id of the target table or of the history files' targets (``history_observations@44``).
    ``targets`` defaults to :func:`load_targets`, ``history`` to :func:`load_history` on those
    targets (both read once and kept while the files are unchanged). ``params`` defaults to
    the parameters of the build in ``data/processed`` (so the row equals the assessment
    table's, price sensitivity and document view included), or
    :class:`~shenyang_analysis.config.AnalysisParams`' defaults when ``targets`` are given;
    ``model`` and ``inflation_pct`` change one parameter each. An unknown id raises a
    ``KeyError`` naming the nearest ids; a target that cannot be assessed a ``ValueError``
    saying why (:func:`target_context` describes such targets too). Without a projection,
    ``a.forecast`` is a :class:`~shenyang_analysis.model.assess.NoProjection`: false, and its
    ``at(year)`` raises a ``ValueError`` that says why there is none.

    >>> a = assessment_for("003_2e6eae32420e2f95@620")
    >>> a.row["indicator"], a.row["model"], a.row["status"], a.row["outcome_basis"]
    ('industrial_clusters_scale', 'reference class', 'missed', 'official, an upper bound (below)')
    >>> assessment_for("003_2e6eae32420e2f95@2109", model="drift").row["model"]
    'drift'
    >>> assessment_for("history_observations@44").row["indicator"]
    'gdp_real_growth'
    """
    given = targets is not None
    params = _params(params, given, model, inflation_pct)
    targets = load_targets() if targets is None else targets
    t = _target_row(target_id, targets)
    history = (load_history() if not given else _load_history(targets=targets)) if history is None else history
    table = _processed_assessments() if not given and params == _default_params(False) else None
    return _assess(t, _chosen(history, params), params, view, table)


@dataclass(frozen=True)
class TargetContext:
    """Everything a report says about one target: the row, its assessment (or why there is
    none), its document and the history figures of its region and indicator."""

    target: dict[str, Any]
    assessment: Assessment | None
    reason: str  # "" when judged; else a key of present.labels.REASON_LABELS
    reason_detail: str
    document: dict[str, Any]
    history: pd.DataFrame  # every figure of the region and indicator (and its growth rates), chosen flagged
    params: AnalysisParams

    @property
    def judged(self) -> bool:
        """Whether the target has a verdict to show: a status, or a baseline to say why it has none
        (else its page says what it requires and what data would settle it)."""
        return self.assessment is not None and not self.reason

    @property
    def has_baseline(self) -> bool:
        """Whether the target is judged from a figure before its year."""
        return self.assessment is not None and not pd.isna(self.assessment.row.get("baseline_year"))


def _related_history(t: dict[str, Any], history: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    if t.get("indicator") is None or pd.isna(t.get("indicator")):
        return history.iloc[0:0].assign(is_chosen=pd.Series(dtype=bool))
    names = {str(t["indicator"]), f"{t['indicator']}_real_growth", f"{t['indicator']}_growth"}
    mine = history[(history["region"] == t["region"]) & history["indicator"].isin(names)].copy()
    keys = set(zip(chosen["region"], chosen["indicator"], chosen["year"], chosen["measure"], chosen["value"],
                   chosen["source"]))
    mine["is_chosen"] = [k in keys for k in zip(mine["region"], mine["indicator"], mine["year"], mine["measure"],
                                                mine["value"], mine["source"])]
    return mine.sort_values(["indicator", "year", "is_chosen"], ascending=[True, True, False], kind="stable")


def _document(t: dict[str, Any], data: Data) -> dict[str, Any]:
    """The target's document (the manifest's row); for a history file's target, the file, line and source."""
    doc_id = str(t["doc_id"])
    found = data.manifest.get(doc_id) or _manifest().get(doc_id)
    if found:
        return dict(found)
    url = str(t.get("quote") or "").rpartition("(")[2].rstrip(")")
    return {"doc_id": doc_id, "title": f"data/raw/history/{doc_id}.csv, line {t.get('char_start')}",
            "publisher": url.split("/")[2] if url.startswith("http") else "", "published": _published(t) or ""}


def target_context(target_id: str, data: Data | None = None, params: AnalysisParams | None = None) -> TargetContext:
    """One target for a report: its assessment when it has one, else the reason (``observation``,
    :func:`~shenyang_analysis.model.assessments.skip_reason`'s, or the row's ``status_reason``
    when no figure precedes the target year), never an error for a target of the table or of
    the history files. ``data`` defaults to :func:`load_data`; ``params`` to ``data``'s.

    >>> c = target_context("002_74a2a09f36767d0c@11345")  # 引入500家创新主体: no figures of it for Tiexi
    >>> c.assessment is None, c.reason, c.document["publisher"]
    (True, 'no history for this region and indicator', '沈阳市铁西区人民政府')
    >>> target_context("history_observations@44").document["publisher"]
    'wap.lnd.com.cn'
    """
    data = load_data() if data is None else data
    params = data.params if params is None else params
    t = _target_row(target_id, data.targets)
    chosen = _chosen(data.history, params)
    document, related = _document(t, data), _related_history(t, data.history, chosen)
    if t.get("kind") != "target":
        return TargetContext(t, None, "observation", "", document, related, params)
    assessment, reason = None, skip_reason(t, chosen[["region", "indicator", "unit"]].drop_duplicates()) or ""
    if not reason:
        assessment = _assess(t, chosen, params, "latest", data.assessments if params == data.params else None)
        row = assessment.row
        if pd.isna(row.get("baseline_year")) and row.get("status") == "insufficient data":
            reason = str(row.get("status_reason") or "") or "no figure before the target year"
    key, _, detail = reason.partition(" (")
    return TargetContext(t, assessment, key, detail.rstrip(")"), document, related, params)


def extract_text(
    text: str, reference_date: dt.date | str, region: str, level: str = "city", doc_id: str = "text", title: str = ""
) -> pd.DataFrame:
    """The extractor's rows for ``text`` (no curation), as a data frame with the table's columns.

    >>> extract_text("全年新增城镇就业9万人以上。", "2021-02-06", "shenyang")[["value", "unit", "comparator", "year"]].values.tolist()
    [[90000.0, 'count', '>=', 2021]]
    """
    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)
    doc = Document(doc_id=doc_id, text=text, reference_date=reference_date, region=region, level=level, title=title)
    return document_table(doc)
