"""The ``scores`` command: the reconciliation of a year's self, cross and agreed scores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    JsonOption,
    QuietOption,
    complete_members,
    open_bloc,
)
from khoi_thidua.cli.output import emit
from khoi_thidua.model import MAX_YEAR, MIN_YEAR, Bloc

if TYPE_CHECKING:
    from khoi_thidua.reconciliation import Reconciliation


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
            autocompletion=complete_members,
        ),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Write each computed final score, self-score and criteria into "
            "results-YEAR.toml (comments kept; units without a result entry are left out).",
        ),
    ] = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Self, cross and agreed scores of YEAR per unit and criterion, as the conference sees them.

    Computes each final score by the method of the year's plan (plan-YEAR.toml), flags gaps
    above the plan's threshold, and lists who scores whom and which sheets are not returned.
    The scores come from scores-YEAR.toml in the bloc folder.

    Examples:

      khoi scores 2021

      khoi scores 2021 --explain btc

      khoi scores 2021 --json

      khoi scores 2021 --write
    """
    from khoi_thidua import i18n, workflows, year_flow
    from khoi_thidua.render import scores as view

    bloc_dir, bloc = open_bloc(data, bloc_id)
    reconciliation = year_flow.reconciliation_for(bloc_dir, bloc, year)
    if write:
        _write(bloc_dir, bloc, reconciliation, quiet)
    if quiet:
        return
    msgs = i18n.current()
    if explain is None:
        emit(
            view.scores_dict(bloc, reconciliation),
            lambda: view.scores_view(msgs, bloc, reconciliation),
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
    explained = view.explain_dict(msgs, bloc, reconciliation, unit)
    emit(explained, lambda: view.explain_view(msgs, explained), as_json)


def _write(bloc_dir: Path, bloc: Bloc, reconciliation: Reconciliation, quiet: bool) -> None:
    from khoi_thidua.cli.output import say
    from khoi_thidua.i18n import t
    from khoi_thidua.year_flow import write_final_scores

    outcome = write_final_scores(bloc_dir, bloc, reconciliation)
    if quiet:
        return
    if outcome.written:
        say(
            t(
                "Wrote the final scores of {units} to {file}.",
                units=", ".join(outcome.written),
                file=outcome.file,
            )
        )
    else:
        say(t("The final scores in {file} are already these; nothing changed.", file=outcome.file))
    if outcome.no_entry:
        say(
            t(
                "Not written, no [results.<id>] entry in {file}: {units}",
                file=outcome.file,
                units=", ".join(outcome.no_entry),
            )
        )
    pending = [u.unit for u in reconciliation.units if u.final is None]
    if pending:
        say(t("No final score yet (see the table): {units}", units=", ".join(pending)))
