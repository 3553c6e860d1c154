"""The Typer application: parse the command line, load, compute, render."""

from __future__ import annotations

import contextlib
import sys

import typer

from khoi_thidua import __version__
from khoi_thidua.cli.awards_cmds import record_award
from khoi_thidua.cli.boundary import KhoiGroup
from khoi_thidua.cli.check_cmd import check
from khoi_thidua.cli.members_cmd import members
from khoi_thidua.cli.propose_cmd import propose
from khoi_thidua.cli.rotation_cmds import history, rotate
from khoi_thidua.cli.summary_cmd import summary

app = typer.Typer(
    cls=KhoiGroup,
    name="khoi",
    help=(
        "khoi — leadership rotation and commendation proposals for emulation blocs "
        "(khối thi đua).\n\nData lives in plain TOML files: one folder per bloc under "
        "--data (default ./data, or KHOI_DATA). See README.md for the format and exit codes."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"khoi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """khoi command line."""


app.command()(rotate)
app.command()(propose)
app.command()(history)
app.command("record-award")(record_award)
app.command()(members)
app.command()(check)
app.command()(summary)


def main() -> None:
    """Console entry point: UTF-8 output on every platform, then the app."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
    app()
