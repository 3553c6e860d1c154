"""The ``check`` command: validate every file of every bloc and report all problems at once."""

from __future__ import annotations

from pathlib import Path
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
from khoi_thidua.errors import DataError, ExitCode, KhoiError, Problem
from khoi_thidua.i18n import current, t
from khoi_thidua.model import Bloc
from khoi_thidua.render import problems as view


def check_bloc_dir(bloc_dir: Path) -> list[Problem]:
    """Every problem in the bloc folder's files; never raises for bad data."""
    from khoi_thidua import store

    problems: list[Problem] = []
    try:
        bloc, found = store.check_bloc(bloc_dir)
    except DataError as exc:
        return list(exc.problems)
    except KhoiError as exc:
        return [Problem(store.display(bloc_dir / store.BLOC_FILE), "", exc.message, exc.hint)]
    problems.extend(found)
    if bloc is None:
        return problems
    from khoi_thidua.store.packs import check_rules_file
    from khoi_thidua.store.plans import check_plans

    problems.extend(check_rules_file(bloc_dir, bloc))
    problems.extend(check_plans(bloc_dir, bloc))
    for year in store.result_years(bloc_dir):
        problems.extend(_check_year(bloc_dir, bloc, year))
    return problems


def _check_year(bloc_dir: Path, bloc: Bloc, year: int) -> list[Problem]:
    from khoi_thidua import store
    from khoi_thidua.store.packs import added_award_ids
    from khoi_thidua.workflows import covered_award_ids

    ids = covered_award_ids(bloc_dir, bloc, year)
    uncovered: list[Problem] = []
    if ids is None:
        uncovered.append(
            Problem(
                store.display(store.results_file(bloc_dir, year)),
                "year",
                t("no rule pack covers results of {year}: khoi cannot propose for it", year=year),
                t("keep it as history, or pin a pack for the year in the province's rules file"),
                severity="warning",
            )
        )
    else:
        ids += added_award_ids(bloc_dir, bloc)
    try:
        _, found = store.check_results(bloc_dir, bloc, year, ids)
    except DataError as exc:
        return list(exc.problems)
    except KhoiError as exc:
        return [
            Problem(store.display(store.results_file(bloc_dir, year)), "", exc.message, exc.hint)
        ]
    return uncovered + found


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
    from khoi_thidua import store

    dirs = store.bloc_dirs(data) if all_blocs else [store.choose_bloc_dir(data, bloc_id)]
    reports = [(d.name, check_bloc_dir(d)) for d in dirs]
    failing = {"error"} | ({"warning"} if strict else set())
    failed = any(p.severity in failing for _, problems in reports for p in problems)
    if quiet:
        # For cron: nothing when all is well, the failing blocs' problems on stderr otherwise.
        bad = [(b, ps) for b, ps in reports if any(p.severity in failing for p in ps)]
        if bad:
            err_console().print(view.check_view(current(), bad))
    else:
        emit(view.check_dict(reports), lambda: view.check_view(current(), reports), as_json)
    if failed:
        raise typer.Exit(ExitCode.DATA)
