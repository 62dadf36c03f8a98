"""Where the project keeps its data (all paths relative to the repository root).

>>> from shenyang_analysis.paths import DOCUMENTS_DIR
>>> DOCUMENTS_DIR.name
'documents'
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
DOCUMENTS_DIR = RAW_DIR / "documents"
PROCESSED_DIR = Path(os.environ.get("SHENYANG_PROCESSED_DIR", ROOT / "data" / "processed"))
REPORTS_DIR = ROOT / "reports"
INDICATORS_CSV = RAW_DIR / "indicators.csv"
CURATION_CSV = RAW_DIR / "curation.csv"
