"""``python -m shenyang_analysis``: see :mod:`shenyang_analysis.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
