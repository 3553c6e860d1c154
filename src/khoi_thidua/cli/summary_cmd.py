"""The ``summary`` command: the province-wide view of every bloc's proposal for a year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from khoi_thidua import i18n
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
    from khoi_thidua.app.province import province_summary
    from khoi_thidua.cli import batch
    from khoi_thidua.i18n import current
    from khoi_thidua.render import summary as view

    check_output(output, force)
    found = province_summary(data, year, batch.walk(data, quiet))
    failed = [batch.failed_entry(run) for run in found.failed]
    payload = view.province_summary(year, found.pack, found.facts, failed)
    msgs = current()
    if as_json:
        fmt = Format.json
    export(
        payload,
        fmt,
        output,
        lambda data: view.summary_rows(msgs, data),
        lambda data: view.summary_markdown(msgs, data),
        lambda data: view.summary_view(msgs, data),
        _summary_workbook,
        quiet,
        force,
    )
    if found.code:
        raise typer.Exit(found.code)


def _summary_workbook(data: SummaryResult) -> bytes:
    from khoi_thidua.office.workbook_export import summary_workbook

    return summary_workbook(i18n.current(), data)
