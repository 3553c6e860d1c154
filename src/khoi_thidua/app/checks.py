"""The ``check`` walk: every problem in a bloc folder's files, and in every bloc's of a province."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from khoi_thidua import store
from khoi_thidua.errors import DataError, KhoiError, Problem, Severity
from khoi_thidua.i18n import t
from khoi_thidua.model import Bloc
from khoi_thidua.records import record

if TYPE_CHECKING:
    from khoi_thidua.app.blocs import Walk


@record
class DataCheck:
    """What ``check`` found: each bloc's problems, in the order of the blocs."""

    reports: list[tuple[str, list[Problem]]]
    code: int = 0  # the batch's exit code when a bloc's check itself failed (a bug), else 0

    def failing(self, strict: bool) -> list[tuple[str, list[Problem]]]:
        """The blocs with an error, or with a warning too when ``strict``."""
        severities = failing_severities(strict)
        return [(b, ps) for b, ps in self.reports if any(p.severity in severities for p in ps)]


def failing_severities(strict: bool) -> set[Severity]:
    """The severities that fail a check: errors, and warnings too when ``strict``."""
    return {"error", "warning"} if strict else {"error"}


def check_data(data: Path, bloc_id: str | None, walk: Walk | None) -> DataCheck:
    """The problems of every bloc under ``data``, one after another through ``walk``; without
    a walk, of the bloc ``bloc_id`` chooses (or the only one)."""
    if walk is None:
        bloc_dir = store.choose_bloc_dir(data, bloc_id)
        return DataCheck([(bloc_dir.name, check_bloc_dir(bloc_dir))])
    from khoi_thidua.app.blocs import exit_code

    runs = list(walk(check_bloc_dir))
    reports = [
        (run.bloc_id, run.value if run.value is not None else _failed(run.bloc_dir, run.error))
        for run in runs
    ]
    return DataCheck(reports, exit_code(runs))


def _failed(bloc_dir: Path, error: KhoiError | None) -> list[Problem]:
    """A bloc whose check itself failed: its error as the bloc's one problem."""
    if error is None:
        return []
    return [Problem(store.display(bloc_dir), "", error.message, error.hint, code=error.code)]


def check_bloc_dir(bloc_dir: Path) -> list[Problem]:
    """Every problem in the bloc folder's files; never raises for bad data."""
    problems: list[Problem] = []
    try:
        bloc, found = store.check_bloc(bloc_dir)
    except DataError as exc:
        return list(exc.problems)
    except KhoiError as exc:
        return [
            Problem(
                store.display(bloc_dir / store.BLOC_FILE), "", exc.message, exc.hint, code=exc.code
            )
        ]
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
                code="no-rule-pack",
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
            Problem(
                store.display(store.results_file(bloc_dir, year)),
                "",
                exc.message,
                exc.hint,
                code=exc.code,
            )
        ]
    return uncovered + found
