"""The ``year-draft`` command: the Word pledge (giao ước) and six-month review of a year."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua.cli.options import DEFAULT_DATA, BlocOption, DataOption, ForceOption
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR


def year_draft(
    year: Annotated[
        int, typer.Argument(help="The year of the plan, e.g. 2022.", min=MIN_YEAR, max=MAX_YEAR)
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The document to write (.docx).")],
    pledge: Annotated[
        bool, typer.Option("--pledge", help="Draft the pledge (Bản giao ước thi đua).")
    ] = False,
    mid_year: Annotated[
        bool,
        typer.Option("--mid-year", help="Draft the six-month review (Báo cáo sơ kết 6 tháng)."),
    ] = False,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Draft the Word pledge (--pledge) or six-month review (--mid-year) of YEAR from its plan.

    The same as `khoi draft YEAR --pledge` or `khoi draft YEAR --mid-year`.

    The pledge states the contents and targets of plan-YEAR.toml and has one signature row per
    member of that year, its head's title left blank. The review gives each unit's mid-year
    score and progress from scores-YEAR.toml. Both follow the layout of the other drafts.

    Examples:

      khoi year-draft 2022 --pledge --output giao-uoc-2022.docx

      khoi year-draft 2021 --mid-year --output so-ket-2021.docx
    """
    from khoi_thidua.cli.documents import year_draft_file

    if pledge == mid_year:
        raise UsageError(t("say which document to draft: --pledge or --mid-year (one of them)"))
    year_draft_file(year, output, pledge, force, data, bloc_id)
