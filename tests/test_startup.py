"""Start-up: what a run builds before its command is kept out of the garbage collector's way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import gc, sys
from khoi_thidua.cli import main
sys.argv = ["khoi", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
"""


def _probe(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"KHOI_LANG": "en", "NO_COLOR": "1", "PATH": ""},
        check=False,
        timeout=60,
        cwd=REPO,
    )
    return done.stderr.strip().splitlines()[-1].split()


class TestCollector:
    """The cyclic collector is off during start-up and on while the command works."""

    def test_a_run_freezes_what_start_up_built_and_collects_again(self) -> None:
        """After `khoi rotate --json` the collector is on, and start-up's objects were frozen."""
        assert _probe("rotate", "2022", "--json", "--data", "data") == ["True", "True"]

    def test_a_usage_error_leaves_the_collector_on(self) -> None:
        """A run that stops before any command (an unknown option) turns the collector back on."""
        assert _probe("rotate", "--no-such-option") == ["True", "False"]
