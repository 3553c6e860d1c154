"""Commands for the year's scoring workbooks: ``scoring-sheets`` and ``import-scores``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khoi_thidua import i18n
from khoi_thidua.cli.options import (
    DEFAULT_DATA,
    BlocOption,
    DataOption,
    ForceOption,
    JsonOption,
    QuietOption,
    open_bloc,
)
from khoi_thidua.cli.output import emit
from khoi_thidua.errors import UsageError
from khoi_thidua.i18n import t
from khoi_thidua.model import MAX_YEAR, MIN_YEAR

PlanYear = Annotated[
    int, typer.Argument(help="The year of the plan, e.g. 2022.", min=MIN_YEAR, max=MAX_YEAR)
]


def scoring_sheets(
    year: PlanYear,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write the workbooks into.")
    ],
    cross: Annotated[
        bool,
        typer.Option(
            "--cross", help="Write one cross-scoring workbook per scorer instead of self-scoring."
        ),
    ] = False,
    pledge: Annotated[
        bool,
        typer.Option(
            "--pledge",
            help="Write one workbook per unit to register its own figure for each pledge target.",
        ),
    ] = False,
    force: ForceOption = False,
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
) -> None:
    """Write the scoring workbooks of YEAR from its plan, one file per unit or per scorer.

    The same as `khoi template YEAR --self-scoring`, `--cross` or `--pledge`.

    Self-scoring (the default): tu-cham-<unit>-YEAR.xlsx for each member of that year, with
    every criterion, its maximum, a column for the score and one for the evidence (minh
    chứng). With --cross: cham-cheo-<scorer>-YEAR.xlsx for each scorer of the plan, with one
    sheet per unit it was assigned. With --pledge: dang-ky-<unit>-YEAR.xlsx, where each unit
    registers its own figure for each target of the pledge. Existing files are not replaced
    without --force.

    Examples:

      khoi scoring-sheets 2022 --output phieu-cham

      khoi scoring-sheets 2022 --cross --output phieu-cham

      khoi scoring-sheets 2022 --pledge --output dang-ky
    """
    from khoi_thidua.cli.documents import scoring_workbooks

    if cross and pledge:
        raise UsageError(t("give --cross or --pledge, not both"))
    kind = "cross" if cross else "pledge" if pledge else "self"
    scoring_workbooks(year, output, kind, force, data, bloc_id)


def import_scores(
    year: PlanYear,
    paths: Annotated[
        list[Path],
        typer.Argument(help="Returned workbooks (.xlsx), or folders holding them."),
    ],
    data: DataOption = DEFAULT_DATA,
    bloc_id: BlocOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Import returned workbooks of YEAR (self, cross, pledge, conference) into scores-YEAR.toml.

    Takes files one by one or whole folders. The conference workbook (`khoi template YEAR
    --conference`) sets the agreed scores with their reasons, bonus and penalty points,
    disqualifying criteria failed and mid-year reviews of the units it lists. Every cell is
    checked first; each problem is reported with its file, sheet and cell, and nothing is
    written if any is wrong. Lists the units whose self-scoring workbook and the scorers whose
    cross-scoring sheets are still missing. Importing the same files again changes nothing.

    Examples:

      khoi import-scores 2022 phieu-cham

      khoi import-scores 2022 tu-cham-btc-2022.xlsx --json

      khoi import-scores 2022 hoi-nghi-2022.xlsx
    """
    from khoi_thidua.app.returned_scores import record_scores, year_plan
    from khoi_thidua.office.scores_import import read_returned
    from khoi_thidua.render.score_import import import_scores_dict, import_scores_view

    bloc_dir, bloc = open_bloc(data, bloc_id)
    plan, scores = year_plan(bloc_dir, bloc, year)
    read = read_returned(i18n.current(), _workbooks(paths), bloc, plan, scores)
    conference = read.conference[0] if read.conference else None
    outcome, reconciliation = record_scores(bloc_dir, bloc, plan, read.sheets, conference)
    result = import_scores_dict(outcome, read.sheets, conference, read.blank, reconciliation)
    if not quiet:
        msgs = i18n.current()
        emit(result, lambda: import_scores_view(msgs, result), as_json)


def _workbooks(paths: list[Path]) -> list[Path]:
    """The .xlsx files named, and those in the folders named (Excel lock files ~$ left out)."""
    from khoi_thidua.store import display

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")
            )
            if not found:
                raise UsageError(
                    t("no .xlsx workbook in {folder}", folder=display(path)),
                    t("give the folder where the returned workbooks are"),
                )
            files.extend(found)
        else:
            files.append(path)
    return files
