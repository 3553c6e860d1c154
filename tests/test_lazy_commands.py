"""Commands are built on first use: a run imports its own command's code and no other's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builders import Invoke
from khoi_thidua.cli.registry import COMMANDS

PROBE = """
import sys
from khoi_thidua.cli import main
sys.argv = ["khoi", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith("khoi_thidua.cli."))
print(repr(loaded), file=sys.stderr)
"""
REPO = Path(__file__).resolve().parents[1]
COMMAND_MODULES = {f"khoi_thidua.cli.{module}" for module, _ in COMMANDS.values()}


def _loaded_modules(*args: str) -> set[str]:
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
    return set(eval(done.stderr.strip().splitlines()[-1]))  # a repr of a list of names


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("rotate", "2022", "--json", "--data", "data"), "rotation_cmds"),
        (("propose", "2021", "--json", "--data", "data"), "propose_cmd"),
        (("members", "--data", "data"), "members_cmd"),
    ],
)
def test_a_run_loads_only_its_own_command(args: tuple[str, ...], module: str) -> None:
    """`khoi rotate` imports the rotation commands and none of the other command modules."""
    loaded = _loaded_modules(*args) & COMMAND_MODULES
    assert loaded == {f"khoi_thidua.cli.{module}"}


def test_help_lists_every_command_in_order(khoi: Invoke) -> None:
    """`khoi --help` builds every command and lists them in the registry's order."""
    result = khoi("--help")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip("│ ").split(" ")[0] for line in result.stdout.splitlines()]
    shown = [word for word in lines if word in COMMANDS]
    assert shown == list(COMMANDS)


def test_a_mistyped_command_gets_a_suggestion(khoi: Invoke) -> None:
    """A near miss such as `rotaet` names the command meant, with the usage exit code."""
    result = khoi("rotaet", "2022")
    assert result.exit_code == 64
    assert "Did you mean 'rotate'?" in result.stderr


def test_every_registered_command_runs(khoi: Invoke) -> None:
    """Each entry of the registry names a real function: its help opens."""
    for name in COMMANDS:
        result = khoi(name, "--help")
        assert result.exit_code == 0, (name, result.stderr)
        assert "Examples" in result.stdout, name
