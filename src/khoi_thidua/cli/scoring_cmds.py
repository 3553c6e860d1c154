"""Commands for the year's scoring workbooks: ``scoring-sheets`` and ``import-scores``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

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
from khoi_thidua.i18n import t, tn
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
    from khoi_thidua.office.scores_import import read_returned
    from khoi_thidua.store.plans import load_year
    from khoi_thidua.store.score_records import record_returned
    from khoi_thidua.year_flow import reconciliation_for

    bloc_dir, bloc = open_bloc(data, bloc_id)
    plan, scores = load_year(bloc_dir, bloc, year)
    files = _workbooks(paths)
    read = read_returned(files, bloc, plan, scores)
    sheets = read.sheets
    conference = read.conference[0] if read.conference else None
    outcome = record_returned(bloc_dir, bloc, plan, sheets, conference=conference)
    reconciliation = reconciliation_for(bloc_dir, bloc, year)
    missing = [
        {"scorer": scorer, "unit": unit.unit}
        for unit in reconciliation.units
        for scorer in unit.missing_scorers
    ]
    result: dict[str, Any] = {
        "schema": 1,
        "year": year,
        "file": outcome.file,
        "status": outcome.status,
        "imported": [
            {"kind": s.kind, "unit": s.unit, "scorer": s.scorer, "file": s.file} for s in sheets
        ],
        "conference": (
            {"file": conference.file, "units": list(conference.units)} if conference else None
        ),
        "blank": read.blank,
        "self_not_returned": list(reconciliation.not_returned),
        "cross_not_returned": missing,
    }
    if not quiet:
        emit(result, lambda: _import_view(result), as_json)


def _workbooks(paths: list[Path]) -> list[Path]:
    """The .xlsx files named, and those in the folders named (Excel lock files ~$ left out)."""
    from khoi_thidua import store

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
                    t("no .xlsx workbook in {folder}", folder=store.display(path)),
                    t("give the folder where the returned workbooks are"),
                )
            files.extend(found)
        else:
            files.append(path)
    return files


def _import_view(result: dict[str, Any]) -> Any:
    from rich.text import Text

    lines = [
        tn(
            "{count} sheet imported into {file} ({status}).",
            "{count} sheets imported into {file} ({status}).",
            len(result["imported"]),
            file=result["file"],
            status=t("written") if result["status"] == "written" else t("unchanged"),
        )
    ]
    for item in result["imported"]:
        if item["kind"] == "self":
            lines.append(
                "  " + t("self-score of {unit} — {file}", unit=item["unit"], file=item["file"])
            )
        elif item["kind"] == "pledge":
            lines.append(
                "  "
                + t("targets registered by {unit} — {file}", unit=item["unit"], file=item["file"])
            )
        else:
            lines.append(
                "  "
                + t(
                    "cross score of {unit} by {scorer} — {file}",
                    unit=item["unit"],
                    scorer=item["scorer"],
                    file=item["file"],
                )
            )
    if result["conference"]:
        lines.append(
            "  "
            + t(
                "the conference's decisions for {units} — {file}",
                units=", ".join(result["conference"]["units"]) or "—",
                file=result["conference"]["file"],
            )
        )
    if result["blank"]:
        lines.append(t("Left out, no score typed yet: {sheets}", sheets=", ".join(result["blank"])))
    if result["self_not_returned"]:
        lines.append(
            t(
                "Self-scoring sheets not returned: {units}",
                units=", ".join(result["self_not_returned"]),
            )
        )
    if result["cross_not_returned"]:
        pairs = ", ".join(f"{m['scorer']} → {m['unit']}" for m in result["cross_not_returned"])
        lines.append(t("Cross-scoring sheets not returned: {pairs}", pairs=pairs))
    return Text("\n".join(lines))
