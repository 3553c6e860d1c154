"""The ``decide`` command: records what the year-end conference decided about an award."""

from __future__ import annotations

from typing import Annotated

import typer

from khoi_thidua.cli.options import DEFAULT_DATA, BlocOption, DataOption, JsonOption, open_bloc
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import HOLD_BACK, MAX_YEAR, MIN_YEAR, ORDER, PUT_FORWARD


def decide(
    year: Annotated[
        int, typer.Argument(help="Year of the results decided on.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    award: Annotated[str, typer.Option("--award", help="Award id, e.g. co-tinh.")],
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
    from khoi_thidua import workflows
    from khoi_thidua.fields import nfc
    from khoi_thidua.model import ConferenceDecision

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
    ids = workflows.award_ids_for(year)
    if award not in ids:
        raise UsageError(
            t("unknown award `{award}` for {year}", award=award, year=year),
            t("award ids: {ids}", ids=", ".join(ids)),
        )
    members = tuple(
        workflows.resolve_member(bloc, part.strip()) for part in units.split(",") if part.strip()
    )
    decision = ConferenceDecision(award, action, members, nfc(reason.strip()), nfc(minutes.strip()))
    outcome = workflows.record_decision(bloc_dir, bloc, year, decision)
    names = ", ".join(bloc.member(m).name for m in members)
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
            "members": list(members),
            "reason": decision.reason,
            "minutes": decision.minutes,
        }
        emit(payload, None, as_json)
