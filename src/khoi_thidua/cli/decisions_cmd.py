"""The ``import-decisions`` command: a decision list of awards granted, recorded bloc by bloc."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import DEFAULT_DATA, DataOption, JsonOption, QuietOption
from khoi_thidua.cli.output import emit, say
from khoi_thidua.errors import ExitCode
from khoi_thidua.i18n import current, t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR


def import_decisions(
    year: Annotated[
        int,
        typer.Argument(help="Year of the results the awards are for.", min=MIN_YEAR, max=MAX_YEAR),
    ],
    file: Annotated[
        Path,
        typer.Argument(
            help="The decision's list of awarded units (.xlsx or .csv), one row per unit."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Match every row and show it; write nothing.")
    ] = False,
    data: DataOption = DEFAULT_DATA,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Record every award of a decision list in its bloc's results-YEAR.toml.

    The list has one row per awarded unit, with the columns «Số quyết định», «Ngày quyết
    định», «Cấp quyết định», «Hình thức khen thưởng», «Đơn vị» and «Khối thi đua» (the bloc
    may be left empty when the unit's name is unique in the province). Units and awards may be
    written as people write them. Each matched row is recorded like `khoi record-award`: under
    the bloc's lock, and a row already recorded changes nothing. Rows that match no unit, or
    that conflict with what is recorded, are listed with the reason; the exit code is then 65
    (not matched), 1 (conflict) or 2 (both).

    Examples:

      khoi import-decisions 2021 qd-khen-thuong-2021.xlsx --dry-run

      khoi import-decisions 2021 qd-khen-thuong-2021.xlsx --data /srv/thidua --json
    """
    from khoi_thidua.app.grants import RowStatus, import_decisions
    from khoi_thidua.office.decisions_sheet import read_decisions
    from khoi_thidua.render.grants import decisions_dict, decisions_view
    from khoi_thidua.store import display

    source = display(file)
    rows = read_decisions(i18n.current(), file, source)
    outcomes = import_decisions(data, year, rows, dry_run)
    counts = {status: sum(o.status is status for o in outcomes) for status in RowStatus}
    if quiet and not counts[RowStatus.UNMATCHED] and not counts[RowStatus.REFUSED]:
        return  # rows not recorded are the errors --quiet still shows, with the whole list
    emit(
        decisions_dict(year, source, outcomes, dry_run),
        lambda: decisions_view(current(), outcomes),
        as_json,
    )
    say(
        t(
            "{written} would be recorded, {unchanged} already recorded, {unmatched} not "
            "matched, {refused} refused; nothing was written (--dry-run).",
            written=counts[RowStatus.WOULD_WRITE],
            unchanged=counts[RowStatus.UNCHANGED],
            unmatched=counts[RowStatus.UNMATCHED],
            refused=counts[RowStatus.REFUSED],
        )
        if dry_run
        else t(
            "{written} recorded, {unchanged} already recorded, {unmatched} not matched, "
            "{refused} refused.",
            written=counts[RowStatus.WRITTEN],
            unchanged=counts[RowStatus.UNCHANGED],
            unmatched=counts[RowStatus.UNMATCHED],
            refused=counts[RowStatus.REFUSED],
        )
    )
    codes = set()
    if counts[RowStatus.UNMATCHED]:
        codes.add(ExitCode.DATA)
    if counts[RowStatus.REFUSED]:
        codes.add(ExitCode.REFUSED)
    if codes:
        raise typer.Exit(codes.pop() if len(codes) == 1 else ExitCode.PARTIAL)
