"""The ``propose`` command: the year's ranking and the draft list of awards, explained."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    AllOption,
    BlocOption,
    DataOption,
    ForceOption,
    Format,
    FormatOption,
    JsonOption,
    OutputOption,
    QuietOutputOption,
    YearArgument,
    complete_members,
    open_bloc,
)
from khoi_thidua.cli.output import export, to_json, write_json_document, write_or_print
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import current, t

if TYPE_CHECKING:
    from khoi_thidua.awards.proposal import Proposal
    from khoi_thidua.model import Bloc
    from khoi_thidua.render.proposal_shapes import ProposalResult


def propose(
    year: YearArgument = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            "-e",
            help="Show one unit's full reasoning (id, short name or part of the name).",
            autocompletion=complete_members,
        ),
    ] = None,
    confirmed: Annotated[
        bool,
        typer.Option(
            "--confirmed",
            help="The list after the conference: its recorded decisions applied, refused while "
            "a tie is still open; the JSON says status confirmed.",
        ),
    ] = False,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    all_blocs: AllOption = False,
    quiet: QuietOutputOption = False,
    as_json: JsonOption = False,
) -> None:
    """Rank the members on YEAR's results and draft the awards the bloc proposes, explained.

    YEAR defaults to the latest year with a results file. Awards are filled in order of
    precedence under the rules in force for YEAR; every unit gets the reason it was proposed
    or passed over, with the rule and its legal basis.

    Examples:

      khoi propose 2021

      khoi propose 2021 --explain "ban noi chinh"

      khoi propose 2021 --format csv --output de-nghi-2021.csv

      khoi propose 2021 --json

      khoi propose 2021 --all --format json --output de-nghi-2021.json --force --quiet
    """
    from khoi_thidua import workflows
    from khoi_thidua.cli.output import check_output
    from khoi_thidua.render import explain as explained_view
    from khoi_thidua.render import proposal as view

    if as_json:
        fmt = Format.json
    check_output(output, force)
    if all_blocs:
        if explain is not None or bloc_id is not None:
            raise UsageError(t("--all covers every bloc; drop --explain/--bloc"))
        _propose_all(data, year, fmt, output, quiet, force, confirmed)
        return
    bloc_dir, bloc = open_bloc(data, bloc_id)
    target = year if year is not None else workflows.default_results_year(bloc_dir)
    result = workflows.proposal_for(bloc_dir, bloc, target, confirmed)
    payload = view.proposal_dict(current(), bloc, result)
    if explain is not None:
        member_id = workflows.resolve_member(bloc, explain, target)
        explained = explained_view.explain_dict(payload, member_id)
        if fmt is Format.json:
            write_or_print(to_json(explained) + "\n", output, quiet, force)
        elif fmt is Format.table:
            export(
                explained,
                fmt,
                output,
                None,
                None,
                lambda _: explained_view.explain_view(current(), payload, member_id),
                None,
                quiet,
                force,
            )
        else:
            raise UsageError(t("--explain prints a table or JSON; use --format table or json"))
        return
    export(
        payload,
        fmt,
        output,
        view.proposal_rows,
        lambda d: view.proposal_markdown(current(), d),
        lambda d: view.proposal_view(current(), d),
        _proposal_workbook,
        quiet,
        force,
    )


def _propose_all(
    data: Path,
    year: int | None,
    fmt: Format,
    output: Path | None,
    quiet: bool,
    force: bool,
    confirmed: bool = False,
) -> None:
    from khoi_thidua.app.blocs import BlocRun, exit_code
    from khoi_thidua.app.province import each_proposal
    from khoi_thidua.cli import batch
    from khoi_thidua.i18n import current
    from khoi_thidua.render import batch as batch_view
    from khoi_thidua.render import proposal as view

    def rendered(bloc: Bloc, proposal: Proposal) -> ProposalResult:
        return view.proposal_dict(current(), bloc, proposal)

    if fmt is Format.json:
        # One bloc at a time, written and let go: memory stays flat at any province size.
        failed: list[BlocRun[object]] = []
        runs = each_proposal(year, confirmed, batch.walk(data, quiet, failed), rendered)
        items = (batch.proposal_entry(run) for run in runs)
        write_json_document(batch_view.batch_head(year), "blocs", items, output, quiet, force)
        code = exit_code(failed)
        if code:
            raise typer.Exit(code)
        return
    done = list(each_proposal(year, confirmed, batch.walk(data, quiet), rendered))
    payload = batch_view.propose_all_dict(year, [batch.proposal_entry(run) for run in done])
    msgs = current()
    export(
        payload,
        fmt,
        output,
        batch_view.propose_all_rows,
        None,
        lambda data: batch_view.propose_all_view(msgs, data),
        None,
        quiet,
        force,
    )
    code = exit_code(done)
    if code:
        raise typer.Exit(code)


def _proposal_workbook(data: ProposalResult) -> bytes:
    from khoi_thidua.office.workbook_export import proposal_workbook

    return proposal_workbook(i18n.current(), data)
