"""The conference's commands: ``count`` records the vote count, ``decide`` its decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    JsonOption,
    QuietOption,
    complete_awards,
    open_bloc,
)
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import HOLD_BACK, MAX_YEAR, MIN_YEAR, ORDER, PUT_FORWARD


def decide(
    year: Annotated[
        int, typer.Argument(help="Year of the results decided on.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    award: Annotated[
        str,
        typer.Option("--award", help="Award id, e.g. co-tinh.", autocompletion=complete_awards),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why the conference decided so.")],
    order: Annotated[
        str | None,
        typer.Option(
            "--order", help="Settle a tie: the tied units, comma-separated, in the chosen order."
        ),
    ] = None,
    put_forward: Annotated[
        str | None,
        typer.Option("--put-forward", help="Propose these units (they must meet every rule)."),
    ] = None,
    hold_back: Annotated[
        str | None,
        typer.Option("--hold-back", help="Do not propose these units for the award."),
    ] = None,
    minutes: Annotated[
        str,
        typer.Option("--minutes", help='Where the minutes record it, e.g. "Biên bản, mục III".'),
    ] = "",
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Record a decision of YEAR's conference in results-YEAR.toml; propose applies it.

    --order settles a tie at a quota boundary (the first units take the seats left);
    --put-forward proposes units the ranking left out, --hold-back withdraws units it put
    forward. A decision that would break a rule the unit must meet, or names no open tie,
    is refused and nothing is written. Recording the same decision twice is a no-op.

    Examples:

      khoi decide 2022 --award co-tinh --order bnc,tct --reason "Biểu quyết 6/8" --minutes "Mục III"

      khoi decide 2023 --award bang-khen-tinh --hold-back vptu --reason "Đơn vị xin rút"
    """
    from khoi_thidua.app.conference import decide as record

    chosen = [(a, v) for a, v in ((ORDER, order), (PUT_FORWARD, put_forward),
                                  (HOLD_BACK, hold_back)) if v is not None]  # fmt: skip
    if len(chosen) != 1:
        raise UsageError(
            t("say what the conference decided: one of --order, --put-forward or --hold-back")
        )
    action, units = chosen[0]
    if not reason.strip():
        raise UsageError(t("--reason is empty"), t("say why the conference decided so"))
    bloc_dir, bloc = open_bloc(data, bloc_id)
    done = record(bloc_dir, bloc, year, award, action, units, reason, minutes)
    outcome, decision = done.outcome, done.decision
    names = ", ".join(done.member_names)
    if quiet:
        return
    if outcome.status == "written":
        say(
            t(
                "Recorded in {file}: {award} — {action}: {members}.",
                file=outcome.file,
                award=award,
                action=action,
                members=names,
            )
        )
    else:
        say(t("{file} already records this decision; nothing changed.", file=outcome.file))
    if as_json:
        payload = {
            "schema": 1,
            "status": outcome.status,
            "file": outcome.file,
            "year": year,
            "award": award,
            "action": action,
            "members": list(decision.members),
            "reason": decision.reason,
            "minutes": decision.minutes,
        }
        emit(payload, None, as_json)


def count(
    year: Annotated[
        int, typer.Argument(help="Year of the results counted.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    present: Annotated[int | None, typer.Option(help="Member units present.", min=0)] = None,
    issued: Annotated[int | None, typer.Option(help="Ballots handed out.", min=0)] = None,
    returned: Annotated[int | None, typer.Option(help="Ballots put back.", min=0)] = None,
    valid: Annotated[int | None, typer.Option(help="Valid ballots.", min=0)] = None,
    spoiled: Annotated[int | None, typer.Option(help="Spoiled ballots.", min=0)] = None,
    votes: Annotated[
        list[str] | None,
        typer.Option("--votes", help="Votes as AWARD:UNIT=N, e.g. co-tinh:bnc=6 (repeatable)."),
    ] = None,
    counting_head: Annotated[
        str | None, typer.Option(help="Head of the vote-counting committee.")
    ] = None,
    counting_member: Annotated[
        list[str] | None,
        typer.Option(help="A member of the vote-counting committee (repeatable)."),
    ] = None,
    secretary: Annotated[str | None, typer.Option(help="The conference's secretary.")] = None,
    sheet: Annotated[
        Path | None,
        typer.Option("--sheet", help="A filled tally sheet from `khoi template YEAR --tally`."),
    ] = None,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    quiet: QuietOption = False,
) -> None:
    """Record the conference's vote count in results-YEAR.toml, typed or from a tally sheet.

    Values given replace those in the file. A count that cannot be (returned above issued,
    valid and spoiled above returned, votes above the valid ballots) is refused and nothing is
    written; a doubtful one (no quorum, votes for a unit not on the ballot) is recorded and
    flagged by `check` and `propose`.

    Examples:

      khoi count 2022 --present 8 --issued 8 --returned 8 --valid 8 --spoiled 0

      khoi count 2022 --votes co-tinh:bnc=6 --votes co-tinh:tct=5 --counting-head "Trần Văn Cường"

      khoi count 2022 --sheet kiem-phieu-2022.xlsx
    """
    from khoi_thidua.app.conference import record_count

    bloc_dir, bloc = open_bloc(data, bloc_id)
    fields: dict[str, object] = {}
    tallied: dict[tuple[str, str], int] = {}
    if sheet is not None:
        from khoi_thidua.office.tally import read_tally

        fields, tallied = read_tally(i18n.current(), sheet, bloc, year)
    typed = {"present": present, "issued": issued, "returned": returned, "valid": valid,
             "spoiled": spoiled}  # fmt: skip
    fields |= {k: v for k, v in typed.items() if v is not None}
    names: dict[str, str | list[str]] = {}
    for key, text in (("counting_head", counting_head), ("secretary", secretary)):
        if text is not None:
            names[key] = text
    if counting_member:
        names["counting_members"] = counting_member
    outcome = record_count(bloc_dir, bloc, year, fields, names, votes or [], tallied)
    if quiet:
        return
    if outcome.status == "written":
        say(t("Recorded the {year} count in {file}.", year=year, file=outcome.file))
    else:
        say(t("{file} already holds this count; nothing changed.", file=outcome.file))
