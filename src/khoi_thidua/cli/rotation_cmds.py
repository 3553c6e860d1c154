"""Commands about leadership: ``rotate`` and ``history``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua import i18n, rotation
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    AllOption,
    BlocOption,
    DataOption,
    JsonOption,
    YearArgument,
    complete_members,
    open_bloc,
)
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import current, t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Bloc
from khoi_thidua.render import rotation as view

if TYPE_CHECKING:
    from khoi_thidua.render.shapes import RecordedResult, RotateResult

MAX_PLAN_YEARS = 100

# rotate has no --output: its --quiet says only what it does (the shared help mentions --output).
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Print nothing but errors (for cron, e.g. with --record)."),
]


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
    chair: Annotated[
        str | None,
        typer.Option(
            "--chair", help="With --record: the Trưởng khối the bloc elected or was given."
        ),
    ] = None,
    vice_chair: Annotated[
        str | None,
        typer.Option("--vice-chair", help="With --record and --chair: the Phó khối."),
    ] = None,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    all_blocs: AllOption = False,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Who chairs (Trưởng khối) and vice-chairs (Phó khối) the bloc in YEAR, and why.

    YEAR defaults to the year after the latest recorded one. A recorded year always wins;
    later years follow the circle: this year's vice-chair chairs next year. A bloc whose
    policy is elected or appointed shows a year not yet recorded as to be elected or
    appointed; a year nobody can lead is VACANT. --plan and --until show every year.

    Examples:

      khoi rotate 2022

      khoi rotate 2022 --json

      khoi rotate --plan 5

      khoi rotate 2023 --record --note "Hội nghị ngày 10/01/2023"

      khoi rotate 2027 --record --chair "noi chinh" --vice-chair btc

      khoi rotate 2026 --all --json
    """
    if all_blocs:
        if record or plan is not None or until is not None or bloc_id is not None:
            raise UsageError(t("--all shows one year for every bloc; drop --record/--plan/--bloc"))
        _rotate_all(data, year, as_json, quiet)
        return
    bloc_dir, bloc = open_bloc(data, bloc_id)
    target = year if year is not None else rotation.default_year(i18n.current(), bloc)
    if plan is not None and until is not None:
        raise UsageError(t("use either --plan or --until, not both"))
    if record and (plan is not None or until is not None):
        raise UsageError(t("--record records one year; drop --plan/--until"))
    if (chair is not None or vice_chair is not None) and not record:
        raise UsageError(t("--chair and --vice-chair are recorded with --record"))
    if vice_chair is not None and chair is None:
        raise UsageError(t("--vice-chair needs --chair"))
    last = target + plan - 1 if plan is not None else until
    if last is not None:
        if last < target:
            raise UsageError(t("--until {until} is before {year}", until=last, year=target))
        if last - target >= MAX_PLAN_YEARS:
            raise UsageError(t("a plan covers at most {count} years", count=MAX_PLAN_YEARS))
        answers = rotation.plan(bloc, target, last)
        if not quiet:
            emit(
                view.plan_dict(current(), bloc, answers),
                lambda: view.plan_view(current(), bloc, answers),
                as_json,
            )
        return
    if record:
        _record(bloc_dir, target, note, as_json, quiet, (chair, vice_chair))
        return
    answer = rotation.leadership_in(i18n.current(), bloc, target)
    if not quiet:
        emit(
            view.rotate_dict(current(), bloc, answer),
            lambda: view.rotate_view(current(), bloc, answer),
            as_json,
        )


def _rotate_all(data: Path, year: int | None, as_json: bool, quiet: bool) -> None:
    from khoi_thidua.app.blocs import exit_code
    from khoi_thidua.app.leadership import each_leadership
    from khoi_thidua.cli import batch
    from khoi_thidua.render import batch as batch_view

    def rendered(bloc: Bloc, answer: rotation.Leadership) -> RotateResult:
        return view.rotate_dict(current(), bloc, answer)

    runs = list(each_leadership(year, batch.walk(data, quiet), rendered))
    payload = batch_view.rotate_all_dict(year, [batch.rotate_entry(run) for run in runs])
    if not quiet:
        emit(payload, lambda: batch_view.rotate_all_view(current(), payload), as_json)
    code = exit_code(runs)
    if code:
        raise typer.Exit(code)


def _record(
    bloc_dir: Path,
    year: int,
    note: str | None,
    as_json: bool,
    quiet: bool,
    decided: tuple[str | None, str | None] = (None, None),
) -> None:
    from khoi_thidua.app.leadership import record_leadership

    done = record_leadership(bloc_dir, year, note, decided, dt.date.today())
    outcome, bloc, answer = done.outcome, done.bloc, done.leadership
    data: RecordedResult = {
        **view.rotate_dict(current(), bloc, answer),
        "record_status": outcome.status,
    }
    if quiet:
        return
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
    emit(data, lambda: view.rotate_view(current(), bloc, answer), as_json)


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
            "--member",
            "-m",
            help="Show one unit's scores, ranks, roles and awards by year.",
            autocompletion=complete_members,
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
    last = (
        until
        if until is not None
        else (rotation.default_year(i18n.current(), bloc) if bloc.leadership else 0)
    )
    rows = rotation.history(bloc, last)
    emit(
        view.history_dict(current(), bloc, rows),
        lambda: view.history_view(current(), bloc, rows),
        as_json,
    )
