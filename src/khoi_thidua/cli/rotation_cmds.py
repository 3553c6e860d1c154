"""Commands about leadership: ``rotate`` and ``history``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from khoi_thidua import rotation
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    AllOption,
    BlocOption,
    DataOption,
    JsonOption,
    QuietOption,
    YearArgument,
    open_bloc,
)
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import UsageError
from khoi_thidua.fields import nfc
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Bloc, LeadershipRecord
from khoi_thidua.render import rotation as view

MAX_PLAN_YEARS = 100


def rotate(
    year: YearArgument = None,
    plan: Annotated[
        int | None,
        typer.Option(
            "--plan", min=1, max=MAX_PLAN_YEARS, help="Show a table of N years from YEAR."
        ),
    ] = None,
    until: Annotated[
        int | None,
        typer.Option(
            "--until", min=MIN_YEAR, max=MAX_YEAR, help="Show a table of years up to UNTIL."
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option("--record", help="Write YEAR's computed leadership into bloc.toml."),
    ] = False,
    note: Annotated[
        str | None, typer.Option("--note", help="Note stored with --record (e.g. the meeting).")
    ] = None,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    all_blocs: AllOption = False,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Who chairs (Trưởng khối) and vice-chairs (Phó khối) the bloc in YEAR, and why.

    YEAR defaults to the year after the latest recorded one. A recorded year always wins;
    later years follow the circle: this year's vice-chair chairs next year.

    Examples:

      khoi rotate 2022

      khoi rotate 2022 --json

      khoi rotate --plan 5

      khoi rotate 2023 --record --note "Hội nghị ngày 10/01/2023"

      khoi rotate 2026 --all --json
    """
    if all_blocs:
        if record or plan is not None or until is not None or bloc_id is not None:
            raise UsageError(t("--all shows one year for every bloc; drop --record/--plan/--bloc"))
        _rotate_all(data, year, as_json, quiet)
        return
    bloc_dir, bloc = open_bloc(data, bloc_id)
    target = year if year is not None else rotation.default_year(bloc)
    if plan is not None and until is not None:
        raise UsageError(t("use either --plan or --until, not both"))
    if record and (plan is not None or until is not None):
        raise UsageError(t("--record records one year; drop --plan/--until"))
    last = target + plan - 1 if plan is not None else until
    if last is not None:
        if last < target:
            raise UsageError(t("--until {until} is before {year}", until=last, year=target))
        if last - target >= MAX_PLAN_YEARS:
            raise UsageError(t("a plan covers at most {count} years", count=MAX_PLAN_YEARS))
        answers = rotation.plan(bloc, target, last)
        emit(view.plan_dict(bloc, answers), lambda: view.plan_view(bloc, answers), as_json)
        return
    if record:
        _record(bloc_dir, target, note, as_json)
        return
    answer = rotation.leadership_in(bloc, target)
    emit(view.rotate_dict(bloc, answer), lambda: view.rotate_view(bloc, answer), as_json)


def _rotate_all(data: Path, year: int | None, as_json: bool, quiet: bool) -> None:
    from khoi_thidua import store
    from khoi_thidua.cli import batch
    from khoi_thidua.render import batch as batch_view

    def work(bloc_dir: Path) -> dict[str, Any]:
        bloc = store.load_bloc(bloc_dir)
        target = year if year is not None else rotation.default_year(bloc)
        return view.rotate_dict(bloc, rotation.leadership_in(bloc, target))

    runs = batch.over_blocs(data, work, quiet)
    payload = batch_view.batch_dict(batch.entries(runs, "result"), year=year)
    if not quiet:
        emit(payload, lambda: batch_view.rotate_all_view(payload), as_json)
    code = batch.exit_code(runs)
    if code:
        raise typer.Exit(code)


def _record(bloc_dir: Path, year: int, note: str | None, as_json: bool) -> None:
    from khoi_thidua.store.records import record_leadership

    today = dt.date.today().strftime("%d/%m/%Y")

    def decide(current: Bloc) -> LeadershipRecord:
        answer = rotation.leadership_in(current, year)
        if answer.recorded:
            # --record writes what the circle gives; a different recorded decision (an election,
            # an override) is then refused, never silently confirmed or overwritten.
            computed = _computed_over_record(current, year)
            if computed is None:
                return LeadershipRecord(year, answer.chair, answer.vice_chair, answer.note)
            answer = computed
        text = (
            nfc(note.strip())
            if note and note.strip()
            else t(
                "Computed by circular rotation from {year}; recorded with khoi on {date}",
                year=answer.start_year,
                date=today,
            )
        )
        return LeadershipRecord(year, answer.chair, answer.vice_chair, text)

    outcome = record_leadership(bloc_dir, decide)
    bloc = open_bloc(bloc_dir, None)[1]
    answer = rotation.leadership_in(bloc, year)
    data = view.rotate_dict(bloc, answer)
    data["record_status"] = outcome.status
    if outcome.status == "written":
        say(
            t(
                "Recorded {year} in {file}: chair {chair}, vice-chair {vice}.",
                year=year,
                file=outcome.file,
                chair=view.name(bloc, answer.chair),
                vice=view.name(bloc, answer.vice_chair),
            )
        )
    else:
        say(
            t(
                "{year} is already recorded in {file} with the same leadership; nothing changed.",
                year=year,
                file=outcome.file,
            )
        )
    emit(data, lambda: view.rotate_view(bloc, answer), as_json)


def _computed_over_record(bloc: Bloc, year: int) -> rotation.Leadership | None:
    """What the circle gives for a recorded ``year`` from the year before, if it can say."""
    if not any(r.year < year for r in bloc.leadership):
        return None  # ``year`` is where the rotation starts: nothing to compute it from
    previous = rotation.leadership_in(bloc, year - 1)
    try:
        return rotation.step(bloc, previous, previous.start_year or previous.year)
    except rotation.RotationError:
        return None


def history(
    until: Annotated[
        int | None,
        typer.Option(
            "--until", min=MIN_YEAR, max=MAX_YEAR, help="Last year to show (default: next)."
        ),
    ] = None,
    member: Annotated[
        str | None,
        typer.Option(
            "--member", "-m", help="Show one unit's scores, ranks, roles and awards by year."
        ),
    ] = None,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
) -> None:
    """Leadership by year, recorded and computed, marking where a record departs from rotation.

    A recorded year that differs from what the circle would have given is an election or an
    override; the rotation goes on from what was recorded. With --member, one unit's
    results, ranks, roles and granted awards by year.

    Examples:

      khoi history

      khoi history --until 2026 --json

      khoi history --member "ban noi chinh"
    """
    bloc_dir, bloc = open_bloc(data, bloc_id)
    if member is not None:
        from khoi_thidua.cli.member_history import member_history

        member_history(bloc_dir, bloc, member, as_json)
        return
    last = until if until is not None else (rotation.default_year(bloc) if bloc.leadership else 0)
    rows = rotation.history(bloc, last)
    emit(view.history_dict(bloc, rows), lambda: view.history_view(bloc, rows), as_json)
