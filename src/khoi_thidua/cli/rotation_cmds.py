"""Commands about leadership: ``rotate`` and ``history``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua import rotation
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
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Bloc, LeadershipRecord
from khoi_thidua.render import rotation as view
from khoi_thidua.schema.fields import nfc

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
    target = year if year is not None else rotation.default_year(bloc)
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
    answer = rotation.leadership_in(bloc, target)
    if not quiet:
        emit(
            view.rotate_dict(current(), bloc, answer),
            lambda: view.rotate_view(current(), bloc, answer),
            as_json,
        )


def _rotate_all(data: Path, year: int | None, as_json: bool, quiet: bool) -> None:
    from khoi_thidua import store
    from khoi_thidua.app.blocs import exit_code
    from khoi_thidua.cli import batch
    from khoi_thidua.render import batch as batch_view

    def work(bloc_dir: Path) -> RotateResult:
        bloc = store.load_bloc(bloc_dir)
        target = year if year is not None else rotation.default_year(bloc)
        return view.rotate_dict(current(), bloc, rotation.leadership_in(bloc, target))

    runs = batch.over_blocs(data, work, quiet)
    payload = batch_view.rotate_all_dict(year, [batch.rotate_entry(run) for run in runs])
    if not quiet:
        emit(payload, lambda: batch_view.rotate_all_view(payload, current()), as_json)
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
    from khoi_thidua.store.records import record_leadership

    today = dt.date.today().strftime("%d/%m/%Y")

    def decide(current: Bloc) -> LeadershipRecord:
        if decided[0] is not None:
            return _decided_record(current, year, decided, note, today)
        answer = rotation.leadership_in(current, year)
        if not answer.leads:
            raise _nothing_to_record(current, answer)
        if answer.recorded:
            # --record writes what the circle gives; a different recorded decision (an election,
            # an override) is then refused, never silently confirmed or overwritten.
            computed = _computed_over_record(current, year)
            if computed is None:
                return LeadershipRecord(year, answer.chair or "", answer.vice_chair, answer.note)
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
        return LeadershipRecord(year, answer.chair or "", answer.vice_chair, text)

    outcome = record_leadership(bloc_dir, decide)
    bloc = open_bloc(bloc_dir, None)[1]
    answer = rotation.leadership_in(bloc, year)
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


def _decided_record(
    bloc: Bloc,
    year: int,
    decided: tuple[str | None, str | None],
    note: str | None,
    today: str,
) -> LeadershipRecord:
    """The leadership the bloc decided (an election, an appointment, an override), matched
    among the members of ``year``."""
    from khoi_thidua import workflows

    chair_query, vice_query = decided
    chair = workflows.resolve_member(bloc, chair_query or "", year)
    vice = workflows.resolve_member(bloc, vice_query, year) if vice_query else None
    if vice == chair:
        raise UsageError(t("the Phó khối must be another member than the Trưởng khối"))
    text = (
        nfc(note.strip())
        if note and note.strip()
        else t(
            "Decided by the bloc ({policy}); recorded with khoi on {date}",
            policy=bloc.policy.value,
            date=today,
        )
    )
    return LeadershipRecord(year, chair, vice, text)


def _nothing_to_record(bloc: Bloc, answer: rotation.Leadership) -> UsageError:
    """--record writes what the circle gives; a year without computed leaders has nothing."""
    if answer.status is rotation.Status.VACANT:
        return UsageError(
            t(
                "{year} is vacant in bloc `{bloc}`: no member can lead",
                year=answer.year,
                bloc=bloc.id,
            ),
            t("check `joined`, `left` and `excused` in bloc.toml"),
        )
    return UsageError(
        t(
            "bloc `{bloc}` does not rotate (policy `{policy}`): khoi cannot compute {year}",
            bloc=bloc.id,
            policy=bloc.policy.value,
            year=answer.year,
        ),
        t(
            "record the decision with `khoi rotate {year} --record --chair <member> "
            "--vice-chair <member>`, or write it in bloc.toml under [[leadership]]",
            year=answer.year,
        ),
    )


def _computed_over_record(bloc: Bloc, year: int) -> rotation.Leadership | None:
    """What the circle gives for a recorded ``year`` from the leaders before it, if it can say."""
    for row in rotation.history(bloc, year):
        if row.leadership.year == year and row.expected is not None and row.expected.leads:
            return row.expected
    return None  # ``year`` is where the rotation starts, or the bloc does not rotate


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
    last = until if until is not None else (rotation.default_year(bloc) if bloc.leadership else 0)
    rows = rotation.history(bloc, last)
    emit(
        view.history_dict(current(), bloc, rows),
        lambda: view.history_view(current(), bloc, rows),
        as_json,
    )
