"""The package's shape: stages in layers, no import cycles, short functions, a cheap import.

The layers contract itself is in ``pyproject.toml`` (``[tool.importlinter]``) and is checked
here with import-linter, so ``pytest`` fails when a lower stage starts importing a higher one.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "shenyang_analysis"
MAX_FUNCTION_LINES = 80
HEAVY = ("pandas", "numpy", "scipy", "statsmodels", "matplotlib", "pandera", "nbformat", "papermill")


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def test_layers_contract_is_kept():
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
    finally:
        os.chdir(old)


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm over the module graph: every group of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            groups.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph("shenyang_analysis", cache_dir=None)
    graph.remove_module("shenyang_analysis")  # the root only re-exports lazily (importlib in __getattr__)
    cycles = [sorted(g) for g in _strongly_connected(graph) if len(g) > 1]
    assert cycles == []


def test_no_module_imports_the_package_root():
    graph = grimp.build_graph("shenyang_analysis", cache_dir=None)
    assert graph.find_modules_that_directly_import("shenyang_analysis") == set()


def test_the_cycle_checker_finds_a_cycle():
    graph = grimp.ImportGraph()
    for a, b in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        graph.add_import(importer=a, imported=b)
    assert sorted(map(sorted, (g for g in _strongly_connected(graph) if len(g) > 1))) == [["p.a", "p.b", "p.c"]]


def test_functions_are_short():
    long = [
        f"{p.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for p, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_package_modules_are_imported_at_the_top():
    """Inside functions only the command line loads its subcommands lazily (and the root its exports)."""
    inside = [
        f"{p.relative_to(ROOT)}:{node.lineno} {fn.name} imports {node.module}"
        for p, tree in _modules() if p.name not in ("cli.py",)
        for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(fn)
        if isinstance(node, ast.ImportFrom) and (node.level > 0 or (node.module or "").startswith("shenyang_analysis"))
    ]
    assert inside == []


def _run(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "SHENYANG_ANALYSIS_ROOT"}
    full_env.update(env)
    return subprocess.run([sys.executable, "-P", "-c", code], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120)


def test_importing_the_package_loads_no_heavy_library():
    code = f"import json, sys; import shenyang_analysis; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    out = _run(code, ROOT)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_attributes_load_on_first_use():
    code = "import shenyang_analysis as sa; print(sa.parse_quantity('1.1万亿').value, sa.plots.__name__, sa.AnalysisParams().model)"
    out = _run(code, ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1100000000000", "shenyang_analysis.present.plots", "drift_recent"]


@pytest.mark.slow
def test_a_regular_install_finds_its_data(tmp_path):
    """A non-editable install (pip --target) finds the project from the current directory, from
    $SHENYANG_ANALYSIS_ROOT or from --root, and says what to do when it finds none."""
    site = tmp_path / "site"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(site), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    assert (site / "shenyang_analysis" / "present" / "templates" / "report" / "index.tex.j2").is_file()
    code = "import shenyang_analysis.config as c; print(c.__file__); print(c.paths().root)"
    env = {"PYTHONPATH": str(site)}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    from_cwd = _run(code, ROOT, **env)
    assert from_cwd.returncode == 0, from_cwd.stderr
    installed, root = from_cwd.stdout.split()
    assert installed.startswith(str(site)) and Path(root) == ROOT
    from_env = _run(code, elsewhere, SHENYANG_ANALYSIS_ROOT=str(ROOT), **env)
    assert Path(from_env.stdout.split()[1]) == ROOT
    nowhere = _run(code, elsewhere, **env)
    assert nowhere.returncode == 1 and "no project root found" in nowhere.stderr
    doc = ROOT / "data" / "raw" / "documents" / "004_6a6d947e374aa1af.txt"
    cli = subprocess.run(
        [sys.executable, "-P", "-m", "shenyang_analysis", "--root", str(ROOT), "extract", str(doc), "--date", "2021-02-06",
         "--region", "shenyang"], cwd=elsewhere, env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
    )
    assert cli.returncode == 0 and cli.stdout.startswith("target_id,"), cli.stderr
    shutil.rmtree(site)


def test_a_bad_root_is_refused_in_one_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "shenyang_analysis", "--root", str(tmp_path), "build"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"error: --root {tmp_path} is not a project root (no data/raw/documents in it)"]
