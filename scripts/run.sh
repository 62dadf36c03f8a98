#!/usr/bin/env bash
# The main job: set up the machine, build data/processed/ from data/raw/, render the default
# reports into reports/ (overview, portfolio, headline comparison, one report per headline
# target). Extra arguments go to the report command, e.g. `bash scripts/run.sh --all --jobs 4`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
.venv/bin/python -m shenyang_analysis build
.venv/bin/python -m shenyang_analysis report "$@"
