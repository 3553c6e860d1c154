"""The ``check`` command: validate every file of every bloc and report all problems at once."""

from __future__ import annotations

from typing import Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    JsonOption,
    QuietOption,
)
from khoi_thidua.cli.output import emit, err_console
from khoi_thidua.errors import ExitCode
from khoi_thidua.i18n import current
from khoi_thidua.render import problems as view


def check(
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    all_blocs: Annotated[
        bool, typer.Option("--all", help="Check every bloc under the data folder.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Validate the data and report every problem at once, with file, key, line and fix.

    Exits 0 when the data is valid (warnings are shown), 65 when any error is found.

    Examples:

      khoi check

      khoi check --all --json

      khoi check --all --quiet
    """
    from khoi_thidua.app.checks import check_data

    walk = None  # one bloc: no batch
    if all_blocs:
        from khoi_thidua.cli import batch

        walk = batch.walk(data, quiet)
    found = check_data(data, bloc_id, walk)
    failing = found.failing(strict)
    if quiet:
        # For cron: nothing when all is well, the failing blocs' problems on stderr otherwise.
        if failing:
            from khoi_thidua.render.sheet import to_rich

            err_console().print(to_rich(view.check_view(current(), failing)))
    else:
        reports = found.reports
        emit(view.check_dict(reports), lambda: view.check_view(current(), reports), as_json)
    if found.code:
        raise typer.Exit(found.code)
    if failing:
        raise typer.Exit(ExitCode.DATA)
