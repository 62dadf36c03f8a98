"""Notebooks executed by papermill in a kernel kept warm across a batch, each in a fresh state.

Starting a kernel and importing pandas, matplotlib and the package costs more than running a
report's cells. A :class:`KernelSession` starts one kernel (per worker process) and runs the
batch's notebooks in it one after another. Isolation per report is kept: before each notebook
a first cell (tagged ``remove_cell``, so no PDF shows it) calls :func:`fresh_state`, which
empties the IPython namespace, closes every figure, restores matplotlib's settings, pandas'
options and the warning filters as they were when the kernel started, and clears every cache
of the package. Modules stay imported; nothing a report computed reaches the next one. After
a notebook fails (an error, a timeout, a dead kernel) the kernel is replaced before the next.

:meth:`KernelSession.start` starts the kernel and, in a background thread, has it import what
the notebooks import (:data:`WARMUP_SOURCE`) while the report command still checks its inputs.

>>> RESET_SOURCE.splitlines()[0]
'from shenyang_analysis.present.kernels import fresh_state as _fresh_state'
"""

from __future__ import annotations

import copy
import functools
import sys
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["KernelSession", "fresh_state", "RESET_SOURCE", "WARMUP_SOURCE", "quiet_imports"]

#: The first cell of every notebook run in a shared kernel.
RESET_SOURCE = "from shenyang_analysis.present.kernels import fresh_state as _fresh_state\n_fresh_state(get_ipython())\n"
#: Run in a new kernel before its first notebook: the imports of the notebooks (no name is
#: left in the namespace; :func:`fresh_state` empties it anyway).
WARMUP_SOURCE = """\
def _warm():
    import matplotlib.pyplot, matplotlib.font_manager, pandas, pyarrow.parquet, pandera, IPython.display
    import shenyang_analysis.present.sections, shenyang_analysis.present.plots
    from shenyang_analysis.present.text import CJK_TEXT_FONT, CHART_FONTS, _charmap
    for family in (CJK_TEXT_FONT, *CHART_FONTS):
        _charmap(family)
_warm()
del _warm
"""
#: Caches that hold nothing from data (the installed fonts' character maps): kept across reports.
KEEP_CACHES = frozenset({"shenyang_analysis.present.text._charmap"})
_BASELINE: dict[str, Any] = {}


def quiet_imports() -> None:
    """Keep a costly import out of the report processes: jsonschema (used by nbformat) builds
    an RFC 3987 parser at import when the optional ``rfc3987_syntax`` is installed (pulled in by
    jupyterlab), about a second of CPU for a format checker notebooks never use. Marking it
    absent makes jsonschema skip that checker."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _clear_package_caches() -> None:
    for name, module in list(sys.modules.items()):
        if not name.startswith("shenyang_analysis") or module is None:
            continue
        for attr, obj in list(vars(module).items()):
            if isinstance(obj, functools._lru_cache_wrapper) and f"{name}.{attr}" not in KEEP_CACHES:
                obj.cache_clear()
        for cache in ("_CACHE", "_CHOSEN", "_CONTEXTS"):
            if isinstance(getattr(module, cache, None), dict):
                getattr(module, cache).clear()


def fresh_state(shell: Any) -> None:
    """Make the kernel as a fresh one (see the module docstring); the first call records the baseline."""
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd

    if not _BASELINE:
        _BASELINE["rc"] = copy.deepcopy(dict(matplotlib.rcParams))
        _BASELINE["warnings"] = list(warnings.filters)
    shell.reset(new_session=True, aggressive=False)
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_BASELINE["rc"])
        pd.reset_option("all")
    warnings.filters[:] = _BASELINE["warnings"]
    _clear_package_caches()


def _warm(connection: dict[str, Any]) -> None:
    """Have a kernel run :data:`WARMUP_SOURCE` (from its own client: the papermill client that
    comes next queues behind it in the kernel); a failure here only loses the head start."""
    from jupyter_client.blocking import BlockingKernelClient

    kc = BlockingKernelClient()
    kc.load_connection_info(connection)
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive(WARMUP_SOURCE, silent=True, store_history=False, timeout=120, output_hook=lambda msg: None)
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        pass
    finally:
        kc.stop_channels()


def _reset_cell() -> Any:
    import nbformat

    return nbformat.v4.new_code_cell(RESET_SOURCE, metadata={"tags": ["remove_cell"]})


class KernelSession:
    """One kernel for many notebooks (see the module docstring); use as a context manager."""

    def __init__(self, kernel_name: str, cwd: Path, timeout: int, extra_arguments: list[str] | None = None) -> None:
        self.kernel_name, self.cwd, self.timeout = kernel_name, Path(cwd), timeout
        self.extra_arguments = extra_arguments or []
        self.km: Any = None

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> KernelSession:
        """Start the kernel now and warm it in the background (see the module docstring)."""
        if self.km is None:
            self._start()
        return self

    def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        km = AsyncKernelManager(kernel_name=self.kernel_name)
        run_sync(km.start_kernel)(cwd=str(self.cwd), extra_arguments=self.extra_arguments)
        self.km = km
        threading.Thread(target=_warm, args=(km.get_connection_info(),), daemon=True).start()

    def _alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    def close(self) -> None:
        """Shut the kernel down (quietly when it is already gone)."""
        from jupyter_core.utils import run_sync

        km, self.km = self.km, None
        if km is not None:
            try:
                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - a kernel that is already gone is fine
                pass

    def execute(self, source: Path, executed: Path, parameters: Mapping[str, Any]) -> None:
        """Run ``source`` with ``parameters`` into ``executed`` (papermill); a failure replaces the kernel."""
        import nbformat
        import papermill

        if not self._alive():
            self.close()
            self._start()
        nb = nbformat.read(source, as_version=4)
        nb.cells.insert(0, _reset_cell())
        try:
            papermill.execute_notebook(
                nb, str(executed), parameters=dict(parameters), kernel_name=self.kernel_name, language="python",
                progress_bar=False, log_output=False, execution_timeout=self.timeout, km=self.km,
                request_save_on_cell_execute=False,
            )
        except BaseException:
            self.close()
            raise
