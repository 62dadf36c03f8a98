"""environment.yml (conda) and pyproject.toml (pip) must state the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _norm(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_conda_and_pip_dependencies_agree():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    pip_specs = dict(_norm(s) for s in project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        pip_specs.update(_norm(s) for s in extra)
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = dict(_norm(s) for s in env["dependencies"] if isinstance(s, str))
    conda_specs.pop("pip", None)
    python = conda_specs.pop("python")
    assert python == project["requires-python"], "python bound differs"
    only_pip = {k: v for k, v in pip_specs.items() if conda_specs.get(k) != v}
    only_conda = {k: v for k, v in conda_specs.items() if pip_specs.get(k) != v}
    assert not only_pip and not only_conda, f"pyproject only: {only_pip}; environment.yml only: {only_conda}"
    assert len(pip_specs) >= 10
