"""The ``summary`` command: the province-wide view of every bloc's proposal for a year."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    DataOption,
    ForceOption,
    Format,
    FormatOption,
    OutputOption,
    QuietOutputOption,
)
from khoi_thidua.cli.output import check_output, export
from khoi_thidua.model import MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from khoi_thidua.render.batch_shapes import SummaryResult


def summary(
    year: Annotated[
        int, typer.Argument(help="The results year, e.g. 2021.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    quiet: QuietOutputOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Province-wide view of YEAR: each bloc's leading unit and proposals, totals, and caps.

    Checks the province-wide caps of the rules in force (e.g. Government-flag proposals at
    most 20% of the bloc leaders, rounded down) and names the proposals over a cap. A bloc
    with bad or missing data is reported and does not stop the others.

    Examples:

      khoi summary 2021

      khoi summary 2021 --format csv --output tong-hop-2021.csv

      khoi summary 2021 --json --quiet --force --output tong-hop-2021.json
    """
    from khoi_thidua import store, workflows
    from khoi_thidua.app.blocs import exit_code
    from khoi_thidua.awards.proposal import Proposal
    from khoi_thidua.cli import batch
    from khoi_thidua.i18n import current
    from khoi_thidua.model import Bloc
    from khoi_thidua.render import summary as view
    from khoi_thidua.store.packs import province_pack_for

    check_output(output, force)
    # The caps are those of the packs the blocs ran under (with the province's rules file;
    # a bloc's own file cannot change them); the province's pin for the year chooses the pack,
    # and no pack for the year stops here.
    pack = province_pack_for(data, year)

    def work(bloc_dir: Path) -> tuple[Bloc, Proposal]:
        bloc = store.load_bloc(bloc_dir)
        return view.summary_facts(bloc, workflows.proposal_for(bloc_dir, bloc, year))

    runs = batch.over_blocs(data, work, quiet)  # each bloc's few facts: flat in memory
    done = [r.value for r in runs if r.value is not None]
    failed = [batch.failed_entry(r) for r in runs if r.error is not None]
    payload = view.province_summary(year, pack, done, failed)
    msgs = current()
    if as_json:
        fmt = Format.json
    export(
        payload,
        fmt,
        output,
        lambda data: view.summary_rows(data, msgs),
        lambda data: view.summary_markdown(data, msgs),
        lambda data: view.summary_view(data, msgs),
        _summary_workbook,
        quiet,
        force,
    )
    code = exit_code(runs)
    if code:
        raise typer.Exit(code)


def _summary_workbook(data: SummaryResult) -> bytes:
    from khoi_thidua.office.workbook_export import summary_workbook

    return summary_workbook(data)
