"""Entry point for ``python -m khoi_thidua``."""

from khoi_thidua.cli import main

main()
