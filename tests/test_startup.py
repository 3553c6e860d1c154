"""Start-up: a run loads only the code its answer needs, and the collector skips what lasts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Runs khoi in a fresh interpreter, then prints what the run left behind on stderr's last line.
PROBE = """
import gc, sys
{setup}
from khoi_thidua.cli import main
sys.argv = ["khoi", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print({report}, file=sys.stderr)
"""
COLLECTOR = "gc.isenabled(), gc.get_freeze_count() > 0"
MODULES = '" ".join(sorted(m for m in sys.modules if m.startswith("khoi_thidua.")))'


def _probe(report: str, *args: str, setup: str = "") -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup, report=report), *args],
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
        assert _probe(COLLECTOR, "rotate", "2022", "--json", "--data", "data") == ["True", "True"]

    def test_a_usage_error_leaves_the_collector_on(self) -> None:
        """A run that stops before any command (an unknown option) turns the collector back on."""
        assert _probe(COLLECTOR, "rotate", "--no-such-option") == ["True", "False"]

    def test_a_caller_without_the_collector_keeps_it_off(self) -> None:
        """A program that turned the collector off before calling khoi finds it off after."""
        args = ("rotate", "2022", "--json", "--data", "data")
        assert _probe(COLLECTOR, *args, setup="gc.disable()") == ["False", "True"]


class TestWhatARunLoads:
    """A command loads the code its answer needs, not the types that only describe it."""

    def test_propose_loads_no_shape_types_and_no_rotation(self) -> None:
        """`khoi propose` prints its table without the JSON shape types or the rotation code."""
        loaded = set(_probe(MODULES, "propose", "2021", "--data", "data"))
        assert "khoi_thidua.render.proposal" in loaded  # the probe saw the run
        unwanted = {
            "khoi_thidua.render.shapes",
            "khoi_thidua.render.proposal_shapes",
            "khoi_thidua.rotation",
        }
        assert not loaded & unwanted

    def test_a_condition_kind_no_pack_names_is_not_loaded(self) -> None:
        """The shipped packs name no any-of group, rank or score condition: `khoi propose`
        never imports those kinds."""
        loaded = set(_probe(MODULES, "propose", "2021", "--data", "data"))
        assert "khoi_thidua.awards.kinds.history" in loaded  # a kind the packs name
        assert "khoi_thidua.awards.kinds.any_of" not in loaded
        assert "khoi_thidua.awards.kinds.standing" not in loaded

    def test_a_table_on_a_pipe_loads_no_rich_console(self) -> None:
        """A table printed to a pipe is written by render/plain_table.py: rich's console, table
        and text modules stay unloaded (a terminal gets them, through render/sheet.py)."""
        heavy = '" ".join(sorted(m for m in sys.modules if m.startswith("rich")))'
        for args in (("propose", "2021"), ("rotate", "2022"), ("check",)):
            loaded = set(_probe(heavy, *args, "--data", "data"))
            assert "rich.cells" in loaded, args  # the probe saw the plain renderer run
            assert not loaded & {"rich.console", "rich.table", "rich.text"}, args
