"""The ``scores`` command: the reconciliation of a year's self, cross and agreed scores."""

from __future__ import annotations

from typing import Annotated

import typer

from khoi_thidua.cli.options import DEFAULT_DATA, BlocOption, DataOption, JsonOption, open_bloc
from khoi_thidua.cli.output import emit
from khoi_thidua.model import MAX_YEAR, MIN_YEAR


def scores(
    year: Annotated[
        int, typer.Argument(help="The year scored, e.g. 2021.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="MEMBER",
            help="Show the arithmetic behind MEMBER's final score (id, short name or name).",
        ),
    ] = None,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
) -> None:
    """Self, cross and agreed scores of YEAR per unit and criterion, as the conference sees them.

    Computes each final score by the method of the year's plan (plan-YEAR.toml), flags gaps
    above the plan's threshold, and lists who scores whom and which sheets are not returned.
    The scores come from scores-YEAR.toml in the bloc folder.

    Examples:

      khoi scores 2021

      khoi scores 2021 --explain btc

      khoi scores 2021 --json
    """
    from khoi_thidua import workflows, year_flow
    from khoi_thidua.render import scores as view

    bloc_dir, bloc = open_bloc(data, bloc_id)
    reconciliation = year_flow.reconciliation_for(bloc_dir, bloc, year)
    if explain is None:
        emit(
            view.scores_dict(bloc, reconciliation),
            lambda: view.scores_view(bloc, reconciliation),
            as_json,
        )
        return
    member = workflows.resolve_member(bloc, explain)
    unit = reconciliation.unit(member)
    if unit is None:
        from khoi_thidua.errors import UsageError
        from khoi_thidua.i18n import t

        raise UsageError(
            t("`{member}` is not a member of the bloc in {year}", member=member, year=year),
            t("run `khoi members {year}` to see who was", year=year),
        )
    data_dict = view.explain_dict(bloc, reconciliation, unit)
    emit(data_dict, lambda: view.explain_view(data_dict), as_json)
