"""The ``record-award`` command: an award the deciding authority granted, in the results file."""

from __future__ import annotations

import contextlib
import datetime as dt
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
from khoi_thidua.errors import KhoiError, UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, GrantedAward
from khoi_thidua.schema.fields import nfc


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
    from khoi_thidua import workflows
    from khoi_thidua.app.grants import find_award
    from khoi_thidua.store.packs import added_award_ids, shipped_pack_for
    from khoi_thidua.store.records import record_granted

    bloc_dir, bloc = open_bloc(data, bloc_id)
    member_id = workflows.resolve_member(bloc, member, year)
    # Every award of the regime, even one the bloc's override stops proposing: the
    # authority may still grant it, and the grant is history later conditions read.
    pack = shipped_pack_for(year)
    added = added_award_ids(bloc_dir, bloc)
    ids = [a.id for a in pack.awards] + added
    # Named as people write it: the id, or the award's name with or without diacritics.
    if award not in added:
        award = find_award(pack, award).id
    # Typed text is stored in NFC, like everything khoi reads: "Hòa" typed two ways is one name.
    granted = GrantedAward(
        member_id, award, nfc(decision.strip()), _parse_date(date), nfc(issuer.strip())
    )
    if not granted.decision:
        raise UsageError(
            t("--decision is empty"), t('give the decision number, e.g. "Số 512/QĐ-UBND"')
        )
    outcome = record_granted(bloc_dir, bloc, year, granted, ids)
    name = bloc.member(member_id).name
    names = {a.id: a.name for a in pack.awards}  # awards the bloc switched off too
    with contextlib.suppress(KhoiError):  # names of awards a rules file adds
        names |= {a.id: a.name for a in workflows.rules_in_force(bloc_dir, bloc, year).awards}
    if quiet:
        return
    if outcome.status == "written":
        say(
            t(
                "Recorded {award} for {member} ({year}) in {file}.",
                award=names.get(award, award),
                member=name,
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
                "member": member_id,
                "award": award,
                "decision": granted.decision,
                "date": granted.date,
                "issuer": granted.issuer,
            },
            None,
            as_json,
        )


def _parse_date(text: str) -> str:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise UsageError(
        t("--date {date} is not a date", date=repr(text)), t("write it 2022-03-15 or 15/03/2022")
    )
