"""The ``record-award`` command: an award the deciding authority granted, in the results file."""

from __future__ import annotations

from typing import Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    JsonOption,
    QuietOption,
    complete_awards,
    complete_members,
    open_bloc,
)
from khoi_thidua.cli.output import emit, say
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR


def record_award(
    year: Annotated[
        int,
        typer.Argument(help="Year of the results the award is for.", min=MIN_YEAR, max=MAX_YEAR),
    ],
    member: Annotated[
        str,
        typer.Argument(
            help="The unit: id, short name or part of the name.", autocompletion=complete_members
        ),
    ],
    award: Annotated[
        str,
        typer.Argument(
            help='The award: its id (e.g. co-tinh) or its name ("Cờ thi đua của UBND tỉnh").',
            autocompletion=complete_awards,
        ),
    ],
    decision: Annotated[
        str, typer.Option("--decision", help='Decision number, e.g. "Quyết định số 512/QĐ-UBND".')
    ],
    date: Annotated[
        str, typer.Option("--date", help="Date of the decision: 2022-03-15 or 15/03/2022.")
    ],
    issuer: Annotated[
        str, typer.Option("--issuer", help='Who decided, e.g. "Chủ tịch UBND tỉnh".')
    ] = "",
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Record an award the deciding authority granted, in results-YEAR.toml.

    The history of granted awards is what later conditions read (e.g. a prior provincial
    flag). Recording the same award twice is a no-op; a different decision for the same
    unit and award is refused.

    Examples:

      khoi record-award 2021 btc co-chinh-phu --decision "Số 245/QĐ-TTg" --date 2022-03-01

      khoi record-award 2021 "noi chinh" bang-khen-tinh --decision "Số 600/QĐ-UBND"
      --date 20/03/2022
    """
    from khoi_thidua.app.grants import record_award as record

    bloc_dir, bloc = open_bloc(data, bloc_id)
    done = record(bloc_dir, bloc, year, member, award, decision, date, issuer)
    outcome, granted = done.outcome, done.granted
    if quiet:
        return
    if outcome.status == "written":
        say(
            t(
                "Recorded {award} for {member} ({year}) in {file}.",
                award=done.award_name,
                member=done.member_name,
                year=year,
                file=outcome.file,
            )
        )
    else:
        say(t("Already recorded in {file}; nothing changed.", file=outcome.file))
    if as_json:
        emit(
            {
                "schema": 1,
                "status": outcome.status,
                "file": outcome.file,
                "year": year,
                "member": granted.member,
                "award": granted.award,
                "decision": granted.decision,
                "date": granted.date,
                "issuer": granted.issuer,
            },
            None,
            as_json,
        )
