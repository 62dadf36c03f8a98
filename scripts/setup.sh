#!/usr/bin/env bash
# Set up everything shenyang_analysis needs on a fresh Debian/Ubuntu machine:
#   1. the system packages listed in scripts/system-packages.txt (apt-get, only those missing);
#   2. a virtual environment in .venv/ at the repository root with the package and its
#      test extras installed in editable mode (re-installed only when pyproject.toml changes).
# Idempotent: running it again on a set-up machine does nothing but check.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# --- system packages -------------------------------------------------------
mapfile -t wanted < <(grep -v '^\s*#' scripts/system-packages.txt | tr -s ' \t' '\n' | sed '/^$/d')
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python virtual environment -------------------------------------------
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
stamp=".venv/.shenyang_analysis-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python dependencies into .venv (pyproject.toml changed or first run)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi
# The project's Jupyter kernel, registered inside the venv (papermill runs notebooks with it).
if [ ! -d .venv/share/jupyter/kernels/shenyang-analysis ]; then
  .venv/bin/python -m ipykernel install --sys-prefix --name shenyang-analysis \
    --display-name "Python (shenyang-analysis)" >/dev/null
fi
echo "setup: ready (.venv/bin/python)"
