#!/usr/bin/env bash
# The main job: set up the machine, build data/processed/ from data/raw/, render the reports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
.venv/bin/python -m shenyang_analysis build
