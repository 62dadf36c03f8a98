#!/usr/bin/env bash
# The main job: set up the machine, build data/processed/ from data/raw/, render the default
# reports into reports/ (overview, portfolio, headline comparison, one report per headline
# target), in Chinese. Extra arguments go to the report command, e.g.
# `bash scripts/run.sh --all --lang en`; reports are made --jobs at a time, by default as many as
# the machine has CPUs. A step that fails stops the run with a non-zero status and a last line
# saying so; the reports already in reports/ stay as they were (a report that fails keeps its
# last good PDF, see reports/index.md), so a cron job never loses last week's reports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
step="setup"
trap 'status=$?; if [ $status -ne 0 ]; then echo "run.sh: $step failed (status $status) on $(date -Iseconds); the reports in reports/ are those of the last successful run (see reports/index.md)" >&2; fi' EXIT
bash scripts/setup.sh
step="build"
.venv/bin/python -m shenyang_analysis build
step="report"
.venv/bin/python -m shenyang_analysis report "$@"
